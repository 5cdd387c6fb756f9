//! Every operation of the spec against a local mock server: the client sends the right method,
//! path, `Company-Token` header and JSON body; the typed response comes back; JSON errors and HTML
//! error pages become typed errors.

use crate::common::conformance::{self, CallError};
use crate::common::{
    client_for, example_path, operations, request_example, response_example, same_json,
    server_answering, STEM, TOKEN,
};
use apipagos::operations::Operation;
use apipagos::{ApiError, Error};
use httpmock::prelude::*;
use serde_json::Value;

/// What the client must send for `op`: its example body as the typed request re-encodes it.
fn expected_body(op: &Operation) -> Option<Value> {
    let (body, example) = request_example(op)?;
    let name = body.component?;
    if !body.array {
        return conformance::roundtrip(name, example).map(|r| r.expect("example decodes"));
    }
    let items = example.as_array()?.iter().map(|item| {
        conformance::roundtrip(name, item.clone())
            .expect("generated type")
            .expect("example decodes")
    });
    Some(Value::Array(items.collect()))
}

/// The client's error inside a conformance call error (the examples always decode here).
fn unbox(err: CallError) -> Error<apipagos::types::ErrorBody> {
    match err {
        CallError::Api(err) => err.into_kind(),
        CallError::Example(err) => panic!("a spec example does not decode: {err}"),
    }
}

fn method_of(op: &Operation) -> Method {
    op.method.as_str().parse().expect("HTTP method")
}

#[tokio::test]
async fn every_operation_sends_its_request_and_decodes_its_response() {
    let ops = operations();
    assert!(!ops.is_empty());
    for op in ops {
        let server = MockServer::start_async().await;
        let path = format!("{STEM}{}", example_path(op));
        let body = expected_body(op);
        let (_, response) = response_example(op);
        let mock = server
            .mock_async(|when, then| {
                let when = when
                    .method(method_of(op))
                    .path(path.clone())
                    .header("company-token", TOKEN)
                    .header("accept", "application/json");
                match body.clone() {
                    Some(body) => {
                        when.header("content-type", "application/json")
                            .is_true(move |req| {
                                serde_json::from_slice::<Value>(&req.body_bytes())
                                    .is_ok_and(|sent| same_json(&sent, &body))
                            })
                    }
                    None => when,
                };
                then.status(200).json_body(response.clone());
            })
            .await;
        let client = client_for(&server.base_url());
        let res = conformance::call(&client, op.id)
            .await
            .unwrap_or_else(|| panic!("{}: no generated call", op.id));
        assert!(res.is_ok(), "{} {} {}: {res:?}", op.id, op.method, path);
        mock.assert_async().await;
    }
}

#[tokio::test]
async fn every_operation_turns_a_json_error_into_a_typed_error() {
    let body = serde_json::json!({
        "message": "The given data was invalid.",
        "errors": {"field_3": ["The field 3 format is invalid."]}
    });
    let server = server_answering(422, "application/json", body.to_string().as_bytes()).await;
    let client = client_for(&server.base_url());
    for op in operations() {
        let res = conformance::call(&client, op.id)
            .await
            .expect("generated call");
        match res.map_err(unbox) {
            Err(Error::ErrorResponse(body)) => {
                assert_eq!(body.status().as_u16(), 422, "{}", op.id);
                assert_eq!(
                    body.message.as_deref(),
                    Some("The given data was invalid."),
                    "{}",
                    op.id
                );
                assert!(
                    body.errors
                        .as_ref()
                        .is_some_and(|e| e.contains_key("field_3")),
                    "{}",
                    op.id
                );
            }
            other => panic!("{}: expected a typed 422 error, got {other:?}", op.id),
        }
    }
}

#[tokio::test]
async fn every_operation_turns_an_html_error_page_into_a_typed_error() {
    every_operation_keeps_an_undecodable_body(
        502,
        "text/html",
        "<html><body><h1>502 Bad Gateway</h1></body></html>",
        "HTTP 502 Bad Gateway (text/html): the body is not JSON",
    )
    .await;
}

/// A payment that went through with a body of another shape (here a JSON string where every
/// operation documents an object) is not an opaque failure: the error keeps the body and names the
/// operation, the status and the type it should have been.
#[tokio::test]
async fn every_operation_reports_json_of_another_shape_with_its_status() {
    every_operation_keeps_an_undecodable_body(
        200,
        "application/json",
        r#""done""#,
        "HTTP 200 OK (application/json): the body is not a `",
    )
    .await;
}

/// Answers every operation with `body`, and checks each gives `InvalidResponsePayload` with the
/// whole body and an error that starts with the operationId and `expected`.
async fn every_operation_keeps_an_undecodable_body(
    status: u16,
    content_type: &str,
    body: &str,
    expected: &str,
) {
    let server = server_answering(status, content_type, body.as_bytes()).await;
    let client = client_for(&server.base_url());
    for op in operations() {
        let res = conformance::call(&client, op.id)
            .await
            .expect("generated call");
        match res.map_err(unbox) {
            Err(Error::InvalidResponsePayload(bytes, err)) => {
                assert_eq!(&bytes[..], body.as_bytes(), "{}", op.id);
                let message = err.to_string();
                let prefix = format!("{}: {expected}", op.id);
                assert!(message.starts_with(&prefix), "{message}");
            }
            other => panic!(
                "{}: expected an undecodable-payload error, got {other:?}",
                op.id
            ),
        }
    }
}

#[tokio::test]
async fn an_undocumented_status_is_an_unexpected_response() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(302).header("location", "/login");
        })
        .await;
    let client = client_for(&server.base_url());
    let res = client.get_transaction().code("abc").send().await;
    match res.map_err(ApiError::into_kind) {
        Err(Error::UnexpectedResponse(response)) => {
            assert_eq!(response.status().as_u16(), 302);
            assert_eq!(response.headers()["location"], "/login");
            // The response read whole by the client keeps the URL it answered.
            assert_eq!(
                response.url().as_str(),
                format!("{}{STEM}/transactions/abc", server.base_url())
            );
        }
        other => panic!("expected UnexpectedResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn an_operation_missing_from_the_conformance_table_is_reported() {
    let server = MockServer::start_async().await;
    let client = client_for(&server.base_url());
    assert!(conformance::call(&client, "no_such_operation")
        .await
        .is_none());
}

#[test]
fn every_spec_operation_is_in_the_public_surface() {
    let surface = include_str!(concat!(env!("OUT_DIR"), "/surface.txt"));
    for op in operations() {
        let line = format!("{} {} {}(", op.method, op.path, op.id);
        assert!(
            surface.contains(&line),
            "{} is missing from the generated surface",
            op.id
        );
        assert!(
            !surface.contains("<not generated>"),
            "an operation has no generated method"
        );
    }
}

#[tokio::test]
async fn a_request_outside_the_documented_range_is_refused_before_sending() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.any_request();
            then.status(200).json_body(serde_json::json!({"data": []}));
        })
        .await;
    let client = client_for(&server.base_url());
    let refund = apipagos::types::RefundCreate::builder()
        .amount("10000.01".parse::<apipagos::lenient::Money>().unwrap())
        .field_3(Some(
            "20294687913"
                .parse::<apipagos::identifiers::Cuit>()
                .unwrap(),
        ));
    let res = client
        .create_refunds()
        .body(vec![refund.try_into().unwrap()])
        .send()
        .await;
    match res.map_err(ApiError::into_kind) {
        Err(Error::InvalidRequest(message)) => {
            // The operation is the `ApiError`'s (see error_ext.rs): the kind names the field.
            assert!(message.contains("/0/amount"), "names the field: {message}");
            assert!(message.contains("10000"), "{message}");
        }
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    mock.assert_calls_async(0).await;

    let in_range = apipagos::types::RefundCreate::builder()
        .amount("10000".parse::<apipagos::lenient::Money>().unwrap());
    let res = client
        .create_refunds()
        .body(vec![in_range.try_into().unwrap()])
        .send()
        .await;
    assert!(res.is_ok(), "{res:?}");
    mock.assert_calls_async(1).await;
}

#[test]
fn a_value_breaking_a_documented_pattern_or_length_is_refused() {
    use apipagos::identifiers::Cuit;
    use apipagos::types::NumericCode;
    assert!("20294687913".parse::<Cuit>().is_ok());
    // Pattern, length, prefix, and the check digit (the documented example's 20294687914).
    for bad in [
        "2029468791X",
        "2029",
        "99294687913",
        "202946879135",
        "20294687914",
    ] {
        let err = bad.parse::<Cuit>().unwrap_err();
        assert!(!err.to_string().is_empty(), "{bad}");
    }
    assert!("4568".parse::<NumericCode>().is_ok());
    assert!("45a8".parse::<NumericCode>().is_err());
    assert!("".parse::<NumericCode>().is_err());
}

#[test]
fn a_typed_body_decoded_from_json_with_a_bad_cuit_is_refused() {
    let err = serde_json::from_value::<Vec<apipagos::types::RefundCreate>>(serde_json::json!([
        {"field_3": "2029468791X"}
    ]))
    .unwrap_err();
    assert!(
        err.to_string().contains("a CUIT holds digits only"),
        "{err}"
    );
}

#[test]
fn the_rustdoc_of_every_inferred_operation_says_it_is_inferred() {
    let code = include_str!(concat!(env!("OUT_DIR"), "/codegen.rs"));
    let mut n_inferred = 0;
    for op in operations() {
        if op.docs_status != "inferred" {
            continue;
        }
        n_inferred += 1;
        let signature = format!("pub fn {}(", op.id);
        let at = code
            .find(&signature)
            .unwrap_or_else(|| panic!("{}: no method", op.id));
        let doc_start = code[..at].rfind("/**").expect("a doc comment");
        let doc = &code[doc_start..at];
        assert!(
            doc.contains("Inferred:"),
            "{}: the rustdoc does not say it is inferred:\n{doc}",
            op.id
        );
    }
    assert!(n_inferred > 0, "the spec marks some operations inferred");
}
