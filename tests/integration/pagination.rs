//! `paginate` walks every page of a listing once, in order, and surfaces errors in the stream.

use crate::common::{assert_error_status, client_for};
use apipagos::{paginate, Error};
use futures::{StreamExt, TryStreamExt};
use httpmock::prelude::*;
use serde_json::{json, Value};

const PATH: &str = "/api/v2/apipagos/refunds";

fn page(n: u64, last: u64, codes: &[&str]) -> Value {
    let data: Vec<Value> = codes
        .iter()
        .map(|c| json!({"code": c, "amount": "1.00"}))
        .collect();
    json!({
        "data": data,
        "links": {"first": "…?page=1", "last": format!("…?page={last}"), "prev": null, "next": null},
        "meta": {"current_page": n, "last_page": last, "per_page": 2, "total": 5, "path": PATH, "links": []}
    })
}

#[tokio::test]
async fn every_item_of_every_page_once_in_order() {
    let server = MockServer::start_async().await;
    let mut mocks = Vec::new();
    for (n, codes) in [(1, vec!["a", "b"]), (2, vec!["c", "d"]), (3, vec!["e"])] {
        let body = page(n, 3, &codes);
        mocks.push(
            server
                .mock_async(|when, then| {
                    when.method(GET)
                        .path(PATH)
                        .query_param("page", n.to_string())
                        .query_param("per_page", "2");
                    then.status(200).json_body(body);
                })
                .await,
        );
    }
    let client = client_for(&server.base_url());
    let refunds: Vec<_> = paginate(|page| client.list_refunds().page(page).per_page(2u64).send())
        .try_collect()
        .await
        .expect("all pages");
    let codes: Vec<_> = refunds
        .iter()
        .map(|r| r.code.clone().unwrap_or_default())
        .collect();
    assert_eq!(codes, ["a", "b", "c", "d", "e"]);
    for mock in &mocks {
        mock.assert_calls_async(1).await;
    }
}

#[tokio::test]
async fn an_error_ends_the_stream_after_the_items_before_it() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.query_param("page", "1");
            then.status(200).json_body(page(1, 3, &["a", "b"]));
        })
        .await;
    let failing = server
        .mock_async(|when, then| {
            when.query_param("page", "2");
            then.status(500)
                .json_body(json!({"message": "Server Error"}));
        })
        .await;
    let client = client_for(&server.base_url());
    let items: Vec<_> = paginate(|page| client.list_refunds().page(page).send())
        .collect()
        .await;
    assert_eq!(
        items.len(),
        3,
        "two items, then the error, then nothing: {items:?}"
    );
    assert!(items[0].is_ok() && items[1].is_ok());
    assert_error_status(&items[2], 500);
    failing.assert_calls_async(1).await;
}

#[tokio::test]
async fn a_server_answering_another_page_is_an_error_not_a_loop() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.query_param("page", "1");
            then.status(200).json_body(page(1, 3, &["a"]));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.query_param("page", "2");
            then.status(200).json_body(page(1, 3, &["a"]));
        })
        .await;
    let client = client_for(&server.base_url());
    let items: Vec<_> = paginate(|page| client.list_refunds().page(page).send())
        .collect()
        .await;
    assert_eq!(items.len(), 2, "{items:?}");
    match items[1].as_ref().map_err(|e| e.kind()) {
        Err(Error::Custom(message)) => assert!(message.contains("asked for page 2"), "{message}"),
        other => panic!("expected a pagination error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_listing_without_meta_is_one_page() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.any_request();
            then.status(200)
                .json_body(json!({"data": [{"code": "only"}]}));
        })
        .await;
    let client = client_for(&server.base_url());
    let items: Vec<_> = paginate(|page| client.list_refunds().page(page).send())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items.len(), 1);
    mock.assert_calls_async(1).await;
}

#[tokio::test]
async fn every_listing_of_the_spec_paginates() {
    // Compiles only if every listing envelope implements `Page`; runs each against the embedded mock.
    let api = apipagos::mock::ApiMock::start().await.unwrap();
    let client = api.client().unwrap();
    let n_refunds = paginate(|p| client.list_refunds().page(p).send())
        .count()
        .await;
    let n_users = paginate(|p| client.list_users().page(p).send())
        .count()
        .await;
    let n_transactions = paginate(|p| client.list_transactions().page(p).send())
        .count()
        .await;
    assert!(n_refunds > 0 && n_users > 0 && n_transactions > 0);
}
