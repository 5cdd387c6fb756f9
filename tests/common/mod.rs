//! Helpers shared by the integration tests: the operations table's examples, a client for a local
//! mock server, assertions on the errors of a call, and JSON comparison that treats `5` and `5.0`
//! as the same number.
#![allow(dead_code)]

use std::fmt::Debug;

use apipagos::mock::ApiMock;
use apipagos::operations::{Operation, ParameterLocation, RequestBody};
use apipagos::{ApiError, Client, ClientConfig, CompanyToken, Error};
use serde_json::Value;

/// The typed call of every operation and the round trip of every schema, generated from the spec.
pub mod conformance {
    include!(concat!(env!("OUT_DIR"), "/conformance.rs"));
}

/// The token the tests authenticate with; tests assert it never shows up in output.
pub const TOKEN: &str = "tok_SECRET_6f1c2d3e4b5a";

/// The path stem of the API, as in the documented base URL.
pub const STEM: &str = "/api/v2/apipagos";

/// Every operation of the API, from the crate's operations table (spec order).
pub fn operations() -> &'static [Operation] {
    apipagos::operations::all()
}

/// JSON text of the operations table, parsed.
pub fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("the operations table holds JSON")
}

/// The concrete path of `op` with every path parameter replaced by its example.
pub fn example_path(op: &Operation) -> String {
    let mut path = op.path.to_owned();
    for parameter in op.parameters {
        if parameter.location != ParameterLocation::Path {
            continue;
        }
        let example = parameter.example.map(json).unwrap_or_else(|| {
            panic!(
                "{}: path parameter {} has no example",
                op.id, parameter.name
            )
        });
        let text = match example {
            Value::String(s) => s,
            other => other.to_string(),
        };
        path = path.replace(&format!("{{{}}}", parameter.name), &text);
    }
    path
}

/// The JSON request body of `op` and its documented example, if it has both.
pub fn request_example(op: &Operation) -> Option<(RequestBody, Value)> {
    let body = op.request_body?;
    Some((body, json(body.example?)))
}

/// The 200 response of `op`: its component schema (if named) and its example.
pub fn response_example(op: &Operation) -> (Option<&'static str>, Value) {
    let response = op
        .response(200)
        .unwrap_or_else(|| panic!("{}: no 200 response", op.id));
    let example = response
        .example
        .unwrap_or_else(|| panic!("{}: the 200 response has no example", op.id));
    (response.component, json(example))
}

/// A client authenticated with [`TOKEN`] against `base` (a loopback mock server URL).
pub fn client_for(base: &str) -> Client {
    let config = ClientConfig::new(CompanyToken::new(TOKEN))
        .with_base_url(&format!("{base}{STEM}"))
        .expect("mock URL parses");
    Client::from_config(&config).expect("client builds")
}

/// A client of `api` authenticated with [`TOKEN`], its configuration finished by `configure` (a
/// retry policy, a timeout).
pub fn mock_client(api: &ApiMock, configure: impl FnOnce(ClientConfig) -> ClientConfig) -> Client {
    let config = ClientConfig::new(CompanyToken::new(TOKEN))
        .with_base_url(&api.base_url())
        .expect("the mock's URL parses");
    Client::from_config(&configure(config)).expect("client builds")
}

/// Asserts that `res` is the documented error response with `status`.
#[track_caller]
pub fn assert_error_status<T: Debug>(res: &Result<T, ApiError>, status: u16) {
    assert!(
        matches!(res.as_ref().map_err(ApiError::kind), Err(Error::ErrorResponse(b)) if b.status().as_u16() == status),
        "expected an error response with status {status}: {res:?}"
    );
}

/// Asserts that `res` failed because the client's timeout ran out.
#[track_caller]
pub fn assert_timed_out<T: Debug>(res: Result<T, ApiError>) {
    match res.map_err(ApiError::into_kind) {
        Err(Error::CommunicationError(err)) => assert!(err.is_timeout(), "{err}"),
        other => panic!("expected a timeout, got {other:?}"),
    }
}

/// What `get_transaction` returns.
pub type GetTransactionResult = Result<
    apipagos::ResponseValue<apipagos::types::TransactionResponse>,
    apipagos::Error<apipagos::types::ErrorBody>,
>;

/// A local server that answers every request with `status`, `content_type` and `body`.
pub async fn server_answering(
    status: u16,
    content_type: &str,
    body: &[u8],
) -> httpmock::MockServer {
    let server = httpmock::MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(status)
                .header("content-type", content_type)
                .body(body);
        })
        .await;
    server
}

/// Calls `get_transaction` against a local server that answers every request with `status`,
/// `content_type` and `body`; the failure as progenitor's kind (see [`get_transaction_sent`]).
pub async fn get_transaction_answered(
    status: u16,
    content_type: &str,
    body: &[u8],
) -> GetTransactionResult {
    get_transaction_sent(status, content_type, body)
        .await
        .map_err(apipagos::ApiError::into_kind)
}

/// Calls `get_transaction` against a local server that answers every request with `status`,
/// `content_type` and `body`; the failure as the crate's `ApiError`.
pub async fn get_transaction_sent(
    status: u16,
    content_type: &str,
    body: &[u8],
) -> Result<apipagos::ResponseValue<apipagos::types::TransactionResponse>, apipagos::ApiError> {
    let server = server_answering(status, content_type, body).await;
    client_for(&server.base_url())
        .get_transaction()
        .code("abc")
        .send()
        .await
}

/// JSON equality where numbers compare by value (`5 == 5.0`), as JSON defines them, and RFC 3339
/// date-times by instant (`…07:25:04.000Z == …07:25:04Z`).
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::String(x), Value::String(y)) if x != y => {
            let instant = |s: &str| chrono::DateTime::parse_from_rfc3339(s).ok();
            instant(x).is_some() && instant(x) == instant(y)
        }
        (Value::Array(xs), Value::Array(ys)) => {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(xs), Value::Object(ys)) => {
            xs.len() == ys.len()
                && xs
                    .iter()
                    .all(|(k, x)| ys.get(k).is_some_and(|y| same_json(x, y)))
        }
        _ => a == b,
    }
}
