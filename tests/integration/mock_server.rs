//! The mock of the API (`apipagos::mock::ApiMock`): conformant to the spec (routes, content type,
//! the client's request checks, the API's error bodies). Its state, faults and quirks are tested in
//! `mock_state.rs` and `mock_faults.rs`.

use crate::common::conformance::{self, CallError};
use crate::common::{example_path, operations, request_example};
use apipagos::mock::{ApiMock, MockError};
use apipagos::{ApiError, Error};
use serde_json::{json, Value};

/// A raw request to the mock with the token (or without it when `token` is false).
async fn send(
    api: &ApiMock,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .request(method, format!("{}{path}", api.base_url()))
        .header("company-token", ApiMock::TOKEN);
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.expect("the mock answers")
}

/// The response's status, content type and JSON body.
async fn parts(res: reqwest::Response) -> (u16, String, Value) {
    let status = res.status().as_u16();
    let content_type = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = res.json().await.unwrap_or(Value::Null);
    (status, content_type, body)
}

#[tokio::test]
async fn every_operation_is_served_from_its_example() {
    let api = ApiMock::start().await.expect("mock starts");
    let client = api.client().expect("client");
    for op in operations() {
        let res = conformance::call(&client, op.id)
            .await
            .expect("generated call");
        assert!(res.is_ok(), "{}: {res:?}", op.id);
    }
}

#[tokio::test]
async fn a_request_without_token_gets_401() {
    let api = ApiMock::start().await.expect("mock starts");
    let res = reqwest::get(format!("{}/transactions/abc", api.base_url()))
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 401);
    assert_eq!(res.headers()["content-type"], "application/json");
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["message"], "Unauthenticated.");
}

#[tokio::test]
async fn an_unknown_path_gets_404() {
    let api = ApiMock::start().await.expect("mock starts");
    let res = reqwest::Client::new()
        .get(format!("{}/no-such-resource", api.base_url()))
        .header("company-token", ApiMock::TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 404);
}

#[tokio::test]
async fn a_body_that_breaks_the_spec_gets_422() {
    let api = ApiMock::start().await.expect("mock starts");
    let res = reqwest::Client::new()
        .post(format!("{}/refunds", api.base_url()))
        .header("company-token", ApiMock::TOKEN)
        .json(&serde_json::json!([{"amount": 20000, "field_3": "99"}]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 422);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["message"], "The given data was invalid.");
    let fields: Vec<&String> = body["errors"].as_object().unwrap().keys().collect();
    assert_eq!(fields, ["0.amount", "0.field_3"], "{body}");

    let empty = reqwest::Client::new()
        .post(format!("{}/refunds", api.base_url()))
        .header("company-token", ApiMock::TOKEN)
        .json(&serde_json::json!([]))
        .send()
        .await
        .unwrap();
    assert_eq!(empty.status().as_u16(), 422, "minItems: 1");
}

#[tokio::test]
async fn a_test_can_choose_another_documented_response() {
    let api = ApiMock::start().await.expect("mock starts");
    api.respond_with("get_transaction", 422)
        .await
        .expect("4XX is documented");
    let client = api.client().unwrap();
    match client
        .get_transaction()
        .code("abc")
        .send()
        .await
        .map_err(ApiError::into_kind)
    {
        Err(Error::ErrorResponse(body)) => {
            assert_eq!(body.status().as_u16(), 422);
            assert_eq!(body.message.as_deref(), Some("The given data was invalid."));
        }
        other => panic!("expected the documented 4XX body, got {other:?}"),
    }
    // Other operations keep their examples.
    let refunds = conformance::call(&client, "create_refunds").await.unwrap();
    assert!(refunds.is_ok(), "{refunds:?}");

    api.respond_with("get_transaction", 503)
        .await
        .expect("5XX is documented");
    let res = conformance::call(&client, "get_transaction").await.unwrap();
    match res {
        Err(CallError::Api(err)) => {
            assert!(
                matches!(err.kind(), Error::ErrorResponse(ref b) if b.status().as_u16() == 503),
                "{err:?}"
            );
        }
        other => panic!("expected the documented 5XX body, got {other:?}"),
    }
}

#[tokio::test]
async fn choosing_an_undocumented_response_is_an_error() {
    let api = ApiMock::start().await.expect("mock starts");
    let err = api.respond_with("get_transaction", 302).await.unwrap_err();
    assert!(
        matches!(err, MockError::UndocumentedResponse { status: 302, .. }),
        "{err}"
    );
    let err = api
        .respond_with("no_such_operation", 200)
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "no operation `no_such_operation` in the spec"
    );
}

#[tokio::test]
async fn a_test_can_serve_any_body() {
    let api = ApiMock::start().await.expect("mock starts");
    let body = serde_json::json!({"data": {"code": "custom", "amount": "1.10"}});
    api.respond_with_body("get_transaction", 200, body)
        .await
        .unwrap();
    let tx = api
        .client()
        .unwrap()
        .get_transaction()
        .code("x")
        .send()
        .await
        .unwrap()
        .into_inner();
    let tx = tx.data.unwrap();
    assert_eq!(tx.code.as_deref(), Some("custom"));
    assert_eq!(tx.amount.map(|a| a.to_string()).as_deref(), Some("1.10"));
}

#[tokio::test]
async fn every_answer_of_every_operation_is_json_with_its_content_type() {
    let api = ApiMock::start().await.expect("mock starts");
    for op in operations() {
        let method = reqwest::Method::from_bytes(op.method.as_str().as_bytes()).unwrap();
        let body = request_example(op).map(|(_, example)| example);
        let (status, content_type, json) =
            parts(send(&api, method, &example_path(op), body).await).await;
        assert_eq!(status, 200, "{}: {json}", op.id);
        assert_eq!(content_type, "application/json", "{}", op.id);
        assert!(!json.is_null(), "{}", op.id);
    }
    for (status, path) in [(404, "/no-such-resource"), (404, "/refunds/unknown-code")] {
        let (got, content_type, json) =
            parts(send(&api, reqwest::Method::GET, path, None).await).await;
        assert_eq!(
            (got, content_type.as_str()),
            (status, "application/json"),
            "{path}"
        );
        assert!(json["message"].is_string(), "{path}: {json}");
    }
}

#[tokio::test]
async fn a_known_path_with_another_method_gets_405_with_allow() {
    let api = ApiMock::start().await.expect("mock starts");
    let res = send(&api, reqwest::Method::DELETE, "/refunds", None).await;
    assert_eq!(res.status().as_u16(), 405);
    assert_eq!(res.headers()["allow"], "GET, POST, PUT");
    let (_, content_type, body) = parts(res).await;
    assert_eq!(content_type, "application/json");
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("DELETE method is not supported"));

    let res = send(&api, reqwest::Method::PUT, "/tenant", None).await;
    assert_eq!(res.status().as_u16(), 405);
    assert_eq!(res.headers()["allow"], "GET");
}

#[tokio::test]
async fn query_and_path_parameters_are_checked_like_the_client_checks_them() {
    let api = ApiMock::start().await.expect("mock starts");
    for (query, field) in [
        ("page=0", "page"),
        ("per_page=-1", "per_page"),
        ("page=abc", "page"),
        ("page=1&per_page=1.5", "per_page"),
    ] {
        let (status, _, body) = parts(
            send(
                &api,
                reqwest::Method::GET,
                &format!("/refunds?{query}"),
                None,
            )
            .await,
        )
        .await;
        assert_eq!(status, 422, "{query}: {body}");
        assert!(body["errors"][field].is_array(), "{query}: {body}");
    }
    let (status, _, body) = parts(
        send(
            &api,
            reqwest::Method::GET,
            "/refunds?page=1&per_page=2",
            None,
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn a_body_is_refused_exactly_when_the_client_refuses_it() {
    let api = ApiMock::start().await.expect("mock starts");
    let client = api.client().unwrap();
    // A CUIT with a wrong check digit: the client refuses it before sending, the mock too.
    let bad_cuit = json!([{"amount": 10, "field_3": "20294687914"}]);
    let (status, _, body) = parts(
        send(
            &api,
            reqwest::Method::POST,
            "/refunds",
            Some(bad_cuit.clone()),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body["errors"]["0.field_3"].is_array(), "{body}");
    let typed: Result<Vec<apipagos::types::RefundCreate>, _> = serde_json::from_value(bad_cuit);
    assert!(typed.is_err(), "the client's types refuse the CUIT too");

    // Integers beyond their documented width (int32 here).
    let too_wide = json!([{"model_type": "transactions", "model_code": "3865d13efaeaba89c9e7fd9d32553731",
                           "gateway_code": "RP", "batch": "test", "priority": -2147483649i64,
                           "status_code": 2, "data": "{}"}]);
    let (status, _, body) =
        parts(send(&api, reqwest::Method::POST, "/publications", Some(too_wide)).await).await;
    assert_eq!(status, 422, "{body}");
    let fields: Vec<&String> = body["errors"].as_object().unwrap().keys().collect();
    assert_eq!(fields, ["0.priority"], "{body}");

    // A body that is not JSON at all.
    let res = reqwest::Client::new()
        .post(format!("{}/refunds", api.base_url()))
        .header("company-token", ApiMock::TOKEN)
        .header("content-type", "application/json")
        .body("[{")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 422);

    // What the client sends, the mock accepts.
    let refund = apipagos::types::RefundCreate::builder()
        .amount(Some("10".parse().unwrap()))
        .field_3(Some("20294687913".parse().unwrap()));
    let ok = client
        .create_refunds()
        .body(vec![refund.try_into().unwrap()])
        .send()
        .await;
    assert!(ok.is_ok(), "{ok:?}");
}

#[tokio::test]
async fn a_chosen_status_gets_a_body_that_fits_it() {
    let api = ApiMock::start().await.expect("mock starts");
    api.respond_with("get_transaction", 404).await.unwrap();
    let res = send(
        &api,
        reqwest::Method::GET,
        "/transactions/ef3c3803fc2d32efa8a6d9d16b53430c",
        None,
    )
    .await;
    let (status, content_type, body) = parts(res).await;
    assert_eq!((status, content_type.as_str()), (404, "application/json"));
    assert_eq!(
        body,
        json!({"message": "Not Found"}),
        "not the 422 envelope"
    );

    api.respond_with_body("list_refunds", 418, json!({"message": "teapot"}))
        .await
        .unwrap();
    let (status, content_type, body) =
        parts(send(&api, reqwest::Method::GET, "/refunds", None).await).await;
    assert_eq!((status, content_type.as_str()), (418, "application/json"));
    assert_eq!(body["message"], "teapot");
}

#[tokio::test]
async fn the_mock_binds_the_port_asked_for() {
    let first = ApiMock::start().await.unwrap();
    let port = first.port();
    drop(first);
    // The port is free again once the mock is dropped; a second mock can take it.
    let mut api = None;
    for _ in 0..50 {
        match ApiMock::builder().port(port).start().await {
            Ok(started) => {
                api = Some(started);
                break;
            }
            Err(_) => tokio::time::sleep(std::time::Duration::from_millis(20)).await,
        }
    }
    let api = api.expect("the freed port binds again");
    assert_eq!(
        api.base_url(),
        format!("http://127.0.0.1:{port}/api/v2/apipagos")
    );
    let taken = ApiMock::builder().port(port).start().await.unwrap_err();
    assert!(matches!(taken, MockError::Bind { .. }), "{taken}");
}
