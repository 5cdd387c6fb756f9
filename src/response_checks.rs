//! Responses are read whole, under a size cap, before they are decoded, and two hostile shapes
//! are turned into errors that name the operation, the status and a safe excerpt of the body:
//! a body larger than any real one, and a `200` whose body is an error envelope.
//!
//! Everything else a broken server sends (an empty body, truncated JSON, an HTML page, invalid
//! UTF-8, JSON nested too deep) fails to decode as the documented type, and the caller gets
//! `Error::InvalidResponsePayload` with the raw bytes and the decoding error.

use std::fmt;

use bytes::{Bytes, BytesMut};
use memchr::memmem;
use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// The largest response body read: far above any real page of the API (a listing of 1,000
/// transactions is about 4 MiB), low enough that a runaway server cannot exhaust memory.
pub const MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// How much of a body an error message quotes.
const EXCERPT_CHARS: usize = 160;

/// Set on a response whose body was cut at [`MAX_RESPONSE_BYTES`].
#[derive(Clone, Copy, Debug)]
struct Oversized;

/// The buffered body, for the checks of the `post` hook (a cheap reference-counted copy).
#[derive(Clone, Debug)]
struct BufferedBody(Bytes);

/// Reads the whole body (at most `cap` bytes) and rebuilds the response around it.
pub(crate) async fn buffer(
    mut response: reqwest::Response,
    cap: usize,
) -> reqwest::Result<reqwest::Response> {
    let status = response.status();
    let version = response.version();
    let headers = std::mem::take(response.headers_mut());
    let mut body = BytesMut::new();
    let mut oversized = false;
    while let Some(chunk) = response.chunk().await? {
        if body.len() + chunk.len() > cap {
            body.extend_from_slice(&chunk[..cap - body.len()]);
            oversized = true;
            break;
        }
        body.extend_from_slice(&chunk);
    }
    let body = body.freeze();
    let mut rebuilt = http::Response::new(body.clone());
    *rebuilt.status_mut() = status;
    *rebuilt.version_mut() = version;
    *rebuilt.headers_mut() = headers;
    rebuilt.extensions_mut().insert(BufferedBody(body));
    if oversized {
        rebuilt.extensions_mut().insert(Oversized);
    }
    Ok(reqwest::Response::from(rebuilt))
}

/// The error to report instead of decoding `response`, if it is one of the hostile shapes.
pub(crate) fn check(response: &reqwest::Response, operation: &str) -> Result<(), String> {
    let status = response.status();
    let body = response
        .extensions()
        .get::<BufferedBody>()
        .map(|b| b.0.clone())
        .unwrap_or_default();
    if response.extensions().get::<Oversized>().is_some() {
        return Err(format!(
            "{operation}: HTTP {status}: the response body exceeds {MAX_RESPONSE_BYTES} bytes and was not decoded; it starts: {}",
            excerpt(&body)
        ));
    }
    if status.is_success() && is_error_envelope(&body) {
        return Err(format!(
            "{operation}: HTTP {status} with an error body: {}",
            excerpt(&body)
        ));
    }
    Ok(())
}

/// A JSON object with Laravel's error keys (`errors` or `exception`) and no `data`.
///
/// Every response goes through here, so the common case is a fast substring search (a listing
/// of 1,000 transactions is about 3 MB); only a body that mentions one of the keys is parsed, and
/// then only its top-level keys are kept.
fn is_error_envelope(body: &[u8]) -> bool {
    if memmem::find(body, b"\"errors\"").is_none() && memmem::find(body, b"\"exception\"").is_none()
    {
        return false;
    }
    match serde_json::from_slice::<TopLevelKeys>(body) {
        Ok(keys) => !keys.data && (keys.errors || keys.exception),
        Err(_) => false,
    }
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
    let mut res: String = text
        .chars()
        .take(EXCERPT_CHARS)
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect();
    if text.chars().count() > EXCERPT_CHARS || body.len() > EXCERPT_CHARS * 4 {
        res.push('…');
    }
    res
}

#[cfg(test)]
mod tests {
    use super::is_error_envelope;

    #[test]
    fn error_envelopes_are_top_level_objects_without_data() {
        let envelopes: [&[u8]; 3] = [
            br#"{"message":"The given data was invalid.","errors":{"amount":["required"]}}"#,
            br#"{"message":"Server Error","exception":"ErrorException","trace":[]}"#,
            b"  {\"errors\" : []}",
        ];
        for body in envelopes {
            assert!(is_error_envelope(body), "{}", String::from_utf8_lossy(body));
        }
        let not_envelopes: [&[u8]; 6] = [
            br#"{"data":{"code":"x"},"errors":[]}"#,
            br#"{"data":[{"note":"no \"errors\" here","errors":[1]}]}"#,
            br#"[{"errors":["in an array, not an envelope"]}]"#,
            br#"{"errors":"#,
            br#""errors""#,
            b"",
        ];
        for body in not_envelopes {
            assert!(
                !is_error_envelope(body),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
    }
}
