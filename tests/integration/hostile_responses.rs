//! What a broken or hostile server sends gives a typed error, never a panic, and never loses the
//! body: every test here answers `get_transaction` with one bad response.

use std::sync::OnceLock;

use crate::common::{
    conformance, get_transaction_answered, operations, response_example, same_json,
    GetTransactionResult,
};
use apipagos::{Error, ErrorExt, MAX_RESPONSE_BYTES};
use proptest::prelude::*;

/// `get_transaction` answered with one response.
async fn answer(status: u16, content_type: &str, body: Vec<u8>) -> GetTransactionResult {
    get_transaction_answered(status, content_type, body.as_ref()).await
}

/// The body is kept whole, and the error says which operation, which status, what was wrong
/// (`reason`) and how the body starts, in one short line.
#[track_caller]
fn undecodable(res: GetTransactionResult, expected_body: &[u8], status: &str, reason: &str) {
    match res {
        Err(Error::InvalidResponsePayload(bytes, err)) => {
            assert_eq!(&bytes[..], expected_body, "the raw body is kept");
            let message = err.to_string();
            let prefix = format!("get_transaction: HTTP {status} (");
            assert!(message.starts_with(&prefix), "{message}");
            assert!(message.contains(reason), "{message}");
            assert!(message.contains("; it starts: "), "{message}");
            assert!(message.len() < 1024, "short: {} bytes", message.len());
        }
        other => panic!("expected InvalidResponsePayload, got {other:?}"),
    }
}

#[tokio::test]
async fn an_empty_body() {
    undecodable(
        answer(200, "application/json", Vec::new()).await,
        b"",
        "200 OK",
        "the body is empty",
    );
}

#[tokio::test]
async fn truncated_json() {
    let body = br#"{"data": {"code": "abc", "amount": "32"#.to_vec();
    undecodable(
        answer(200, "application/json", body.clone()).await,
        &body,
        "200 OK",
        "cut short: it opens with `{` and ends with `2`",
    );
}

#[tokio::test]
async fn an_html_page_with_status_200() {
    let body = b"<!DOCTYPE html><html><body>Mantenimiento</body></html>".to_vec();
    undecodable(
        answer(200, "text/html", body.clone()).await,
        &body,
        "200 OK",
        "(text/html): the body is not JSON: it starts with `<`; it starts: <!DOCTYPE html>",
    );
}

#[tokio::test]
async fn a_huge_content_type_is_cut_short_in_the_message() {
    let content_type = format!("text/html; {}", "x".repeat(5_000));
    let body = b"<html>down</html>".to_vec();
    undecodable(
        answer(200, &content_type, body.clone()).await,
        &body,
        "200 OK",
        "(text/html; xxx",
    );
}

#[tokio::test]
async fn invalid_utf8() {
    let body = b"{\"data\": {\"code\": \"\xff\xfe\"}}".to_vec();
    undecodable(
        answer(200, "application/json", body.clone()).await,
        &body,
        "200 OK",
        "not UTF-8 (invalid byte at offset 19)",
    );
}

#[tokio::test]
async fn json_nested_far_too_deep() {
    let body = "[".repeat(100_000).into_bytes();
    undecodable(
        answer(200, "application/json", body.clone()).await,
        &body,
        "200 OK",
        "cut short",
    );
}

#[tokio::test]
async fn deep_nesting_in_an_unknown_field_is_skipped_without_overflowing_the_stack() {
    let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let body = format!(r#"{{"data": {{"code": "abc", "unknown": {nested}}}}}"#).into_bytes();
    let res = answer(200, "application/json", body)
        .await
        .expect("unknown fields are skipped");
    assert_eq!(
        res.into_inner().data.and_then(|t| t.code).as_deref(),
        Some("abc")
    );
}

#[tokio::test]
async fn json_of_another_shape_keeps_the_body_and_says_where() {
    let body = br#"{"data": {"code": ["not", "a", "string"]}}"#.to_vec();
    let res = answer(200, "application/json", body.clone()).await;
    if let Err(Error::InvalidResponsePayload(_, err)) = &res {
        let message = err.to_string();
        assert!(
            message.contains("the body is not a `TransactionResponse`: invalid type: sequence"),
            "{message}"
        );
        assert!(message.contains("at line 1 column"), "{message}");
    }
    undecodable(
        res,
        &body,
        "200 OK",
        "(application/json): the body is not a",
    );
}

#[tokio::test]
async fn a_long_value_of_the_wrong_type_is_not_quoted_whole() {
    // serde quotes the value it refuses: 100,000 digits and an `x` are not an amount.
    let value = "9".repeat(100_000);
    let body = format!(r#"{{"data": {{"code": "abc", "amount": "{value}x"}}}}"#);
    let res = answer(200, "application/json", body.clone().into_bytes()).await;
    if let Err(Error::InvalidResponsePayload(_, err)) = &res {
        let message = err.to_string();
        assert!(message.len() < 1024, "{} bytes: {message}", message.len());
        assert!(message.contains("at line 1 column"), "{message}");
    }
    undecodable(
        res,
        body.as_bytes(),
        "200 OK",
        "(application/json): the body is not a",
    );
}

#[tokio::test]
async fn an_error_status_with_json_of_another_shape_says_which_status() {
    let body = br#"{"message": {"nested": true}, "errors": "not a map"}"#.to_vec();
    let res = answer(422, "application/json", body.clone()).await;
    undecodable(
        res,
        &body,
        "422 Unprocessable Entity",
        "(application/json): the body is not a `ErrorBody`",
    );
}

#[tokio::test]
async fn valid_json_under_a_wrong_content_type_still_decodes() {
    let body = br#"{"data": {"code": "abc"}}"#.to_vec();
    let res = answer(200, "text/plain", body)
        .await
        .expect("lenient on content type");
    assert_eq!(
        res.into_inner().data.and_then(|t| t.code).as_deref(),
        Some("abc")
    );
}

#[tokio::test]
async fn a_body_over_the_cap_is_refused_with_operation_status_and_excerpt() {
    let mut body = br#"{"data": {"code": ""#.to_vec();
    body.resize(MAX_RESPONSE_BYTES + 1024, b'x');
    let res = answer(200, "application/json", body).await;
    if let Err(err) = &res {
        assert_eq!(err.response_status(), Some(apipagos::StatusCode::OK));
    }
    match res {
        Err(Error::InvalidResponsePayload(kept, err)) => {
            let failure = apipagos::ResponseFailure::of(&err).expect("a typed failure");
            assert_eq!(failure.reason, apipagos::FailureReason::Oversized);
            assert_eq!(kept.len(), MAX_RESPONSE_BYTES, "what was read is kept");
            let message = err.to_string();
            assert!(
                message.starts_with("get_transaction: HTTP 200 OK"),
                "{message}"
            );
            assert!(message.contains("exceeds"), "{message}");
            assert!(message.contains(r#"{"data": {"code": "xxx"#), "{message}");
            assert!(
                message.len() < 1024,
                "the excerpt is short: {} bytes",
                message.len()
            );
        }
        other => panic!("expected the size cap, got {:?}", other.map(|_| ())),
    }
}

#[tokio::test]
async fn a_200_carrying_an_error_envelope_is_an_error() {
    let body = br#"{"message": "The given data was invalid.", "errors": {"code": ["The code is invalid."]}}"#;
    match answer(200, "application/json", body.to_vec()).await {
        Err(Error::InvalidResponsePayload(kept, err)) => {
            let failure = apipagos::ResponseFailure::of(&err).expect("a typed failure");
            assert_eq!(failure.reason, apipagos::FailureReason::ErrorEnvelope);
            assert_eq!(&kept[..], &body[..], "the body is kept");
            let message = err.to_string();
            assert!(
                message.starts_with(
                    "get_transaction: HTTP 200 OK (application/json): a success status with an error body"
                ),
                "{message}"
            );
            assert!(message.contains("The code is invalid."), "{message}");
        }
        other => panic!("expected an error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_200_with_data_and_an_errors_field_is_data() {
    let body = br#"{"data": {"code": "abc"}, "errors": []}"#;
    let res = answer(200, "application/json", body.to_vec())
        .await
        .expect("data wins");
    assert_eq!(
        res.into_inner().data.and_then(|t| t.code).as_deref(),
        Some("abc")
    );
}

#[tokio::test]
async fn an_error_status_with_an_html_body_keeps_the_body() {
    let body = b"<html>502 Bad Gateway</html>".to_vec();
    let res = answer(500, "text/html", body.clone()).await;
    undecodable(
        res,
        &body,
        "500 Internal Server Error",
        "(text/html): the body is not JSON",
    );
}

proptest! {
    // At least 2000 cases; `PROPTEST_CASES` (read by `default()`) runs more.
    #![proptest_config(ProptestConfig::with_cases(ProptestConfig::default().cases.max(2000)))]

    /// Arbitrary bytes never panic the decoding of the main response types (the checks that run
    /// before decoding have their own property test in `src/response_checks.rs`).
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = serde_json::from_slice::<apipagos::types::TransactionResponse>(&bytes);
        let _ = serde_json::from_slice::<apipagos::types::RefundPage>(&bytes);
        let _ = serde_json::from_slice::<apipagos::types::ErrorBody>(&bytes);
    }

    /// Any node of any documented response, replaced by an arbitrary JSON value, never panics the
    /// decoding of its type; and what decodes re-encodes to JSON that decodes to the same JSON.
    #[test]
    fn mutated_documented_responses_never_panic_and_round_trip(
        place in any::<prop::sample::Index>(),
        value in arb_json(),
    ) {
        let (responses, places) = documented_responses();
        let (index, pointer) = &places[place.index(places.len())];
        let response = &responses[*index];
        let mut body = response.example.clone();
        if let Some(node) = body.pointer_mut(pointer) {
            *node = value;
        }
        let decoded = conformance::roundtrip(&response.schema, body);
        prop_assert!(decoded.is_some(), "{} has a generated type", response.schema);
        if let Some(Ok(encoded)) = decoded {
            let again = conformance::roundtrip(&response.schema, encoded.clone());
            match again {
                Some(Ok(again)) => prop_assert!(
                    same_json(&encoded, &again),
                    "{} at {pointer}: {encoded} then {again}",
                    response.schema
                ),
                other => prop_assert!(false, "{} at {pointer}: {encoded} does not decode again: {other:?}", response.schema),
            }
        }
    }
}

/// A documented 200 example: the component its schema names, and the example.
struct DocumentedResponse {
    schema: String,
    example: serde_json::Value,
}

/// The documented responses, and the places a mutation can hit: `(response index, JSON pointer)`
/// of every node.
type Mutable = (Vec<DocumentedResponse>, Vec<(usize, String)>);

/// Every documented 200 example whose schema is a named component, and the JSON pointer of every
/// node in each.
fn documented_responses() -> &'static Mutable {
    static CACHE: OnceLock<Mutable> = OnceLock::new();
    CACHE.get_or_init(|| {
        let mut responses = Vec::new();
        let mut places = Vec::new();
        for op in operations() {
            let (component, example) = response_example(op);
            let Some(name) = component else {
                continue;
            };
            let example = &example;
            let index = responses.len();
            let mut stack = vec![(String::new(), example)];
            while let Some((pointer, node)) = stack.pop() {
                match node {
                    serde_json::Value::Object(map) => stack.extend(map.iter().map(|(k, v)| {
                        (
                            format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1")),
                            v,
                        )
                    })),
                    serde_json::Value::Array(items) => stack.extend(
                        items
                            .iter()
                            .enumerate()
                            .map(|(i, v)| (format!("{pointer}/{i}"), v)),
                    ),
                    _ => {}
                }
                places.push((index, pointer));
            }
            responses.push(DocumentedResponse {
                schema: name.to_owned(),
                example: example.clone(),
            });
        }
        (responses, places)
    })
}

/// Text that is nearly a date, an amount or a code: what exercises the lenient parsers.
fn near_valid_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,4}-[0-9]{1,2}-[0-9]{1,2}([ Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\\.[0-9]{0,10})?)?([Zz]|[+-][0-9]{2}:[0-9]{2})?",
        "-?[0-9]{0,20}(\\.[0-9]{0,30})?([eE][+-]?[0-9]{1,4})?",
        "[0-9a-f]{30,34}",
        ".{0,20}",
    ]
}

fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        ".{0,20}".prop_map(serde_json::Value::String),
        near_valid_text().prop_map(serde_json::Value::String),
        Just(serde_json::json!([])),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            proptest::collection::btree_map("[a-z_]{1,10}", inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}
