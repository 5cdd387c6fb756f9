//! The embedded, spec-driven mock of the API (`apipagos::mock::ApiMock`).

use crate::common::conformance::{self, CallError};
use crate::common::operations;
use apipagos::mock::{ApiMock, MockError};
use apipagos::{ApiError, Error};

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
