//! Every operation of the spec against a local mock server: the client sends the right method,
//! path, `Company-Token` header and JSON body; the typed response comes back; JSON errors and HTML
//! error pages become typed errors.

mod common;

use apipagos::Error;
use common::conformance::{self, CallError};
use common::{client_for, operations, same_json, spec, Operation, STEM, TOKEN};
use httpmock::prelude::*;
use serde_json::Value;

/// What the client must send for `op`: its example body as the typed request re-encodes it.
fn expected_body(op: &Operation, spec: &Value) -> Option<Value> {
    let (schema, example) = op.request_example()?;
    let name = common::schema_name(schema)
        .or_else(|| common::schema_name(&common::resolve(spec, schema)["items"]))?;
    if schema.get("$ref").is_some() {
        return conformance::roundtrip(name, example.clone()).map(|r| r.expect("example decodes"));
    }
    let items = example.as_array()?.iter().map(|item| {
        conformance::roundtrip(name, item.clone())
            .expect("generated type")
            .expect("example decodes")
    });
    Some(Value::Array(items.collect()))
}

fn method_of(op: &Operation) -> Method {
    op.method.parse().expect("HTTP method")
}

#[tokio::test]
async fn every_operation_sends_its_request_and_decodes_its_response() {
    let spec = spec();
    let ops = operations(&spec);
    assert!(!ops.is_empty());
    for op in &ops {
        let server = MockServer::start_async().await;
        let path = format!("{STEM}{}", op.example_path(&spec));
        let body = expected_body(op, &spec);
        let (_, response) = op.response_example(&spec);
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
        let res = conformance::call(&client, &op.id)
            .await
            .unwrap_or_else(|| panic!("{}: no generated call", op.id));
        assert!(res.is_ok(), "{} {} {}: {res:?}", op.id, op.method, path);
        mock.assert_async().await;
    }
}

#[tokio::test]
async fn every_operation_turns_a_json_error_into_a_typed_error() {
    let spec = spec();
    for op in operations(&spec) {
        let server = MockServer::start_async().await;
        server
            .mock_async(|when, then| {
                when.any_request();
                then.status(422).json_body(serde_json::json!({
                    "message": "The given data was invalid.",
                    "errors": {"field_3": ["The field 3 format is invalid."]}
                }));
            })
            .await;
        let client = client_for(&server.base_url());
        let res = conformance::call(&client, &op.id)
            .await
            .expect("generated call");
        match res {
            Err(CallError::Api(Error::ErrorResponse(body))) => {
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
    let spec = spec();
    for op in operations(&spec) {
        let server = MockServer::start_async().await;
        server
            .mock_async(|when, then| {
                when.any_request();
                then.status(502)
                    .header("content-type", "text/html")
                    .body("<html><body><h1>502 Bad Gateway</h1></body></html>");
            })
            .await;
        let client = client_for(&server.base_url());
        let res = conformance::call(&client, &op.id)
            .await
            .expect("generated call");
        match res {
            Err(CallError::Api(Error::InvalidResponsePayload(bytes, _))) => {
                assert!(bytes.starts_with(b"<html>"), "{}", op.id);
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
    match res {
        Err(Error::UnexpectedResponse(response)) => assert_eq!(response.status().as_u16(), 302),
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
    let spec = spec();
    let surface = include_str!(concat!(env!("OUT_DIR"), "/surface.txt"));
    for op in operations(&spec) {
        let line = format!("{} {} {}(", op.method, op.route, op.id);
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
