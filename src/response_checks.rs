//! The body of every response the generated code decodes (`200`, `4xx`, `5xx`) is read whole,
//! under a size cap, by `crate::decoding` before it is decoded, and hostile shapes are reported
//! as `Error::InvalidResponsePayload` with the body read and a typed
//! [`ResponseFailure`](crate::ResponseFailure) naming the operation, the status, the content type,
//! the reason and a safe excerpt: a body larger than any real one, a `200` whose body is an error
//! envelope, and a body that cannot be JSON (empty, an HTML page, truncated, nested deeper than it
//! closes; invalid UTF-8 is named when decoding fails), caught by a cheap screen.
//! Anything else that fails to decode as the documented type (JSON of another shape) is reported
//! the same way by `crate::decoding`, with serde's reason. A response of an undocumented status
//! reaches the caller unread, as `Error::UnexpectedResponse`.

use std::fmt;

use bytes::{Bytes, BytesMut};
use memchr::memmem;
use reqwest::StatusCode;
use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::failure::FailureReason;

/// The largest response body read: far above any real page of the API (a listing of 1,000
/// transactions is about 3 MB), low enough that a runaway server cannot exhaust memory.
pub const MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// How much of a body an error message quotes.
const EXCERPT_CHARS: usize = 160;

/// Reads `response`'s body, at most `cap` bytes; says whether it was cut there.
pub(crate) async fn read_body(
    response: reqwest::Response,
    cap: usize,
) -> reqwest::Result<(Bytes, bool)> {
    match response.content_length() {
        // The length is announced and within the cap: hyper ends the body there, and a body that
        // came in one piece is kept without a copy.
        Some(len) if len <= cap as u64 => Ok((response.bytes().await?, false)),
        _ => read_capped(response, cap).await,
    }
}

/// Reads `response`'s body chunk by chunk, stopping at `cap` bytes; says whether it was cut.
async fn read_capped(
    mut response: reqwest::Response,
    cap: usize,
) -> reqwest::Result<(Bytes, bool)> {
    let mut body = BytesMut::new();
    while let Some(chunk) = response.chunk().await? {
        if body.len() + chunk.len() > cap {
            body.extend_from_slice(&chunk[..cap - body.len()]);
            return Ok((body.freeze(), true));
        }
        body.extend_from_slice(&chunk);
    }
    Ok((body.freeze(), false))
}

/// Why the `body` of a response with a decoded `status` (`200`, `4xx`, `5xx`) is refused before
/// decoding, if it is one of the hostile shapes; `oversized` says it was cut at the cap.
pub(crate) fn refusal(status: StatusCode, body: &[u8], oversized: bool) -> Option<FailureReason> {
    if oversized {
        return Some(FailureReason::Oversized);
    }
    if let Some(reason) = not_json(body) {
        return Some(FailureReason::NotJson(reason));
    }
    if status.is_success() && is_error_envelope(body) {
        return Some(FailureReason::ErrorEnvelope);
    }
    None
}

/// Why `body` cannot be a JSON document, found without parsing it or reading it through (every
/// response goes through here): empty, not starting like a JSON value (an HTML page), or an object
/// or array that does not end with its closing bracket (truncated, or nested deeper than anyone
/// closes). A body that passes may still fail to decode; `crate::decoding` then reports that, and
/// says when the reason is bytes that are not UTF-8 (see [`not_utf8`]).
fn not_json(body: &[u8]) -> Option<String> {
    let trimmed = body.trim_ascii();
    let (Some(&first), Some(&last)) = (trimmed.first(), trimmed.last()) else {
        return Some("the body is empty, not JSON".to_owned());
    };
    if !matches!(
        first,
        b'{' | b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n'
    ) {
        return Some(format!(
            "the body is not JSON: it starts with `{}`",
            first.escape_ascii()
        ));
    }
    match (first, last) {
        (b'{', b'}') | (b'[', b']') => None,
        (b'{' | b'[', _) => Some(format!(
            "the JSON is cut short: it opens with `{}` and ends with `{}`",
            first.escape_ascii(),
            last.escape_ascii()
        )),
        _ => None,
    }
}

/// Why `body` is not UTF-8 (so not JSON), if it is not: asked only of a body that failed to
/// decode, so that a good response is not read through once more. (serde_json validates every
/// string it keeps; bytes inside a value the type ignores are not read as text.)
pub(crate) fn not_utf8(body: &[u8]) -> Option<String> {
    std::str::from_utf8(body).err().map(|err| {
        format!(
            "the body is not UTF-8 (invalid byte at offset {})",
            err.valid_up_to()
        )
    })
}

/// A JSON object with Laravel's error keys (`errors` or `exception`) and no `data`.
///
/// Every response goes through here, so the common cases are cheap: a body whose first key is
/// `data` (every documented success) is not one, whatever follows; otherwise a substring search
/// (a listing of 1,000 transactions is about 3 MB), and only a body that mentions one of the keys
/// is parsed, keeping only its top-level keys.
fn is_error_envelope(body: &[u8]) -> bool {
    if opens_with_data_key(body) {
        return false;
    }
    if memmem::find(body, b"\"errors\"").is_none() && memmem::find(body, b"\"exception\"").is_none()
    {
        return false;
    }
    match serde_json::from_slice::<TopLevelKeys>(body) {
        Ok(keys) => !keys.data && (keys.errors || keys.exception),
        Err(_) => false,
    }
}

/// Whether `body` is an object whose first key is `data`, read from its first bytes.
fn opens_with_data_key(body: &[u8]) -> bool {
    let key = body
        .trim_ascii_start()
        .strip_prefix(b"{")
        .map(<[u8]>::trim_ascii_start)
        .and_then(|rest| rest.strip_prefix(b"\"data\""))
        .map(<[u8]>::trim_ascii_start);
    key.is_some_and(|rest| rest.first() == Some(&b':'))
}

/// Which of the envelope keys a JSON object has at its top level (values are skipped unread).
#[derive(Default)]
struct TopLevelKeys {
    data: bool,
    errors: bool,
    exception: bool,
}

impl<'de> Deserialize<'de> for TopLevelKeys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeysVisitor;

        impl<'de> Visitor<'de> for KeysVisitor {
            type Value = TopLevelKeys;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TopLevelKeys, A::Error> {
                let mut keys = TopLevelKeys::default();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "data" => keys.data = true,
                        "errors" => keys.errors = true,
                        "exception" => keys.exception = true,
                        _ => {}
                    }
                    map.next_value::<IgnoredAny>()?;
                }
                Ok(keys)
            }
        }

        deserializer.deserialize_map(KeysVisitor)
    }
}

/// The start of a body, safe to print: lossy UTF-8, control characters escaped, bounded length.
pub(crate) fn excerpt(body: &[u8]) -> String {
    if body.is_empty() {
        return "(empty body)".to_owned();
    }
    let text = String::from_utf8_lossy(&body[..body.len().min(EXCERPT_CHARS * 4)]);
    let mut res = printable(&text, EXCERPT_CHARS);
    if body.len() > EXCERPT_CHARS * 4 && !res.ends_with('…') {
        res.push('…');
    }
    res
}

/// `text` safe to print on one line: control characters escaped, at most `max_chars` characters
/// (escapes counted), then an ellipsis if anything was left out.
pub(crate) fn printable(text: &str, max_chars: usize) -> String {
    let mut res = String::with_capacity(text.len().min(max_chars.saturating_mul(4)));
    let mut count = 0;
    for (i, c) in text.char_indices() {
        let escaped = c.is_control().then(|| c.escape_default().to_string());
        let width = escaped.as_ref().map_or(1, |it| it.chars().count());
        if count + width > max_chars {
            if i < text.len() {
                res.push('…');
            }
            break;
        }
        match escaped {
            Some(escaped) => res.push_str(&escaped),
            None => res.push(c),
        }
        count += width;
    }
    res
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{excerpt, is_error_envelope, not_json, not_utf8, opens_with_data_key, printable};

    proptest! {
        // At least 2000 cases; `PROPTEST_CASES` (read by `default()`) runs more.
        #![proptest_config(ProptestConfig::with_cases(ProptestConfig::default().cases.max(2000)))]

        /// Arbitrary bytes never panic the checks, and a screened body never parses as JSON.
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = is_error_envelope(&bytes);
            let _ = excerpt(&bytes);
            if let Some(reason) = not_json(&bytes) {
                let parsed = serde_json::from_slice::<serde::de::IgnoredAny>(&bytes);
                prop_assert!(parsed.is_err(), "screened ({reason}) but JSON");
            }
        }

        /// Printable text is one line, bounded, and everything it keeps is the text's start.
        #[test]
        fn printable_is_one_bounded_line(text in "\\PC{0,40}|[\\x00-\\x1f\\x7f\\u{85}a-zé]{0,300}", max in 1usize..64) {
            let res = printable(&text, max);
            prop_assert!(!res.chars().any(char::is_control), "{res:?}");
            let kept = res.strip_suffix('…').unwrap_or(&res);
            prop_assert!(kept.chars().count() <= max, "{res:?}");
            prop_assert_eq!(res.ends_with('…'), printable(&text, usize::MAX) != kept, "{:?}", res);
        }

        /// The shortcut of the envelope check never contradicts a parse: an object it reads as
        /// opening with `data` has `data` at its top level.
        #[test]
        fn the_data_key_shortcut_agrees_with_a_parse(value in json_value(), pad in "[ \t\n]{0,2}") {
            let body = format!("{pad}{}", serde_json::to_string(&value).unwrap());
            if opens_with_data_key(body.as_bytes()) {
                prop_assert!(value.get("data").is_some(), "{body}");
            }
        }

        /// Every JSON document passes the screen.
        #[test]
        fn json_passes_the_screen(value in json_value()) {
            for body in [serde_json::to_vec(&value), serde_json::to_vec_pretty(&value)] {
                let body = body.unwrap();
                prop_assert_eq!(not_json(&body), None, "{}", String::from_utf8_lossy(&body));
            }
        }
    }

    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            any::<i64>().prop_map(serde_json::Value::from),
            ".{0,12}".prop_map(serde_json::Value::String),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
                proptest::collection::btree_map(".{0,6}", inner, 0..4)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// Asserts that `predicate` says `expected` of every one of `bodies`, naming the body that
    /// it does not.
    fn check(predicate: fn(&[u8]) -> bool, bodies: &[&[u8]], expected: bool) {
        for body in bodies {
            assert_eq!(
                predicate(body),
                expected,
                "{}",
                String::from_utf8_lossy(body)
            );
        }
    }

    #[test]
    fn the_data_key_is_read_from_the_first_bytes_only() {
        let opening: [&[u8]; 3] = [
            br#"{"data":1}"#,
            b" {\n  \"data\" : [",
            br#"{"data":{"errors":1}}"#,
        ];
        check(opens_with_data_key, &opening, true);
        let not_opening: [&[u8]; 6] = [
            br#"{"database":1}"#,
            br#"{"dat\u0061":1}"#,
            br#"{"errors":{},"data":1}"#,
            br#"["data"]"#,
            br#"{"data""#,
            b"",
        ];
        check(opens_with_data_key, &not_opening, false);
    }

    #[test]
    fn only_bytes_that_are_not_utf8_are_reported_as_such() {
        assert_eq!(not_utf8("{\"a\":\"é\"}".as_bytes()), None);
        assert_eq!(
            not_utf8(b"{\"a\":\"\xff\"}").as_deref(),
            Some("the body is not UTF-8 (invalid byte at offset 6)")
        );
    }

    #[test]
    fn error_envelopes_are_top_level_objects_without_data() {
        let envelopes: [&[u8]; 3] = [
            br#"{"message":"The given data was invalid.","errors":{"amount":["required"]}}"#,
            br#"{"message":"Server Error","exception":"ErrorException","trace":[]}"#,
            b"  {\"errors\" : []}",
        ];
        check(is_error_envelope, &envelopes, true);
        let not_envelopes: [&[u8]; 6] = [
            br#"{"data":{"code":"x"},"errors":[]}"#,
            br#"{"data":[{"note":"no \"errors\" here","errors":[1]}]}"#,
            br#"[{"errors":["in an array, not an envelope"]}]"#,
            br#"{"errors":"#,
            br#""errors""#,
            b"",
        ];
        check(is_error_envelope, &not_envelopes, false);
    }
}
