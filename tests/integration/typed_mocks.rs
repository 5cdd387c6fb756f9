//! progenitor's typed httpmock extension (`apipagos::mock::MockServerExt`) in this crate's own
//! tests: a request and a response scripted with the generated types.

use apipagos::mock::MockServerExt;
use apipagos::types::{ErrorBody, PathSegment, RefundCreate, RefundListResponse};
use apipagos::{Client, ClientConfig, CompanyToken, Error};
use httpmock::MockServer;

fn client(server: &MockServer) -> Client {
    let config = ClientConfig::new(CompanyToken::new(crate::common::TOKEN))
        .with_base_url(&server.base_url())
        .unwrap();
    Client::from_config(&config).unwrap()
}

#[tokio::test]
async fn a_typed_mock_matches_the_typed_body_and_answers_the_typed_response() {
    let server = MockServer::start_async().await;
    let refund: RefundCreate =
        serde_json::from_value(serde_json::json!({"title": "REINTEGRO", "amount": 12.5})).unwrap();
    let created: RefundListResponse =
        serde_json::from_value(serde_json::json!({"data": [{"code": "r1"}]})).unwrap();
    let mock = server.create_refunds(|when, then| {
        when.body(&vec![refund.clone()]);
        then.ok(&created);
    });
    let res = client(&server)
        .create_refunds()
        .body(vec![refund])
        .send()
        .await
        .unwrap();
    assert_eq!(res.into_inner(), created);
    mock.assert_async().await;
}

#[tokio::test]
async fn a_typed_mock_scripts_a_typed_error() {
    let server = MockServer::start_async().await;
    let code: PathSegment = "missing".parse().unwrap();
    let body: ErrorBody =
        serde_json::from_value(serde_json::json!({"message": "No query results."})).unwrap();
    let mock = server.get_transaction(|when, then| {
        when.code(&code);
        then.client_error(404, &body);
    });
    match client(&server)
        .get_transaction()
        .code("missing")
        .send()
        .await
        .map_err(apipagos::ApiError::into_kind)
    {
        Err(Error::ErrorResponse(err)) => {
            assert_eq!(err.status().as_u16(), 404);
            assert_eq!(err.into_inner(), body);
        }
        other => panic!("expected the scripted 404, got {other:?}"),
    }
    mock.assert_async().await;
}
