//! Faults and quirks on demand: the mock fails the way a real server does, when a test asks.

use std::time::{Duration, Instant};

use apipagos::mock::{ApiMock, Fault};
use apipagos::{ApiError, Error, ErrorExt, RetryPolicy};

use crate::common::{assert_timed_out, mock_client};

const CODE: &str = "ef3c3803fc2d32efa8a6d9d16b53430c";

async fn raw_get(api: &ApiMock, path: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(format!("{}{path}", api.base_url()))
        .header("company-token", ApiMock::TOKEN)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_503_with_retry_after_is_survived_by_the_clients_retries() {
    let api = ApiMock::start().await.unwrap();
    let one_503 = || {
        Fault::unavailable(Duration::from_secs(1))
            .on("get_transaction")
            .times(1)
    };
    api.inject(one_503()).unwrap();
    let res = raw_get(&api, &format!("/transactions/{CODE}")).await;
    assert_eq!(res.status().as_u16(), 503);
    assert_eq!(res.headers()["retry-after"], "1");
    assert_eq!(res.headers()["content-type"], "application/json");

    api.inject(one_503()).unwrap();
    let started = Instant::now();
    let tx = api
        .client()
        .unwrap()
        .get_transaction()
        .code(CODE)
        .send()
        .await;
    assert!(tx.is_ok(), "{tx:?}");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After honoured"
    );
    assert_eq!(api.received("get_transaction"), 3);
}

#[tokio::test]
async fn a_429_says_when_to_come_back() {
    let api = ApiMock::builder()
        .fault("429=7:list_refunds".parse().unwrap())
        .start()
        .await
        .unwrap();
    let res = raw_get(&api, "/refunds").await;
    assert_eq!(res.status().as_u16(), 429);
    assert_eq!(res.headers()["retry-after"], "7");
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["message"], "Too Many Attempts.");
    assert_eq!(
        raw_get(&api, "/tenant").await.status().as_u16(),
        200,
        "other operations answer"
    );
}

#[tokio::test]
async fn an_html_500_is_reported_as_an_unexpected_response() {
    let api = ApiMock::start().await.unwrap();
    api.inject(Fault::html_error()).unwrap();
    let res = raw_get(&api, "/tenant").await;
    assert_eq!(res.status().as_u16(), 500);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let client = api.client().unwrap();
    let err = client.get_tenant_info().send().await.unwrap_err();
    assert!(
        matches!(err.kind(), Error::InvalidResponsePayload(..)),
        "{err:?}"
    );
    assert_eq!(
        err.response_status().map(|s| s.as_u16()),
        Some(500),
        "{err:?}"
    );
    api.clear_faults();
    assert!(client.get_tenant_info().send().await.is_ok());
}

#[tokio::test]
async fn a_truncated_body_is_a_decoding_error_not_a_panic() {
    let api = ApiMock::start().await.unwrap();
    api.inject(Fault::truncated_body().times(1)).unwrap();
    let res = api
        .client()
        .unwrap()
        .get_transaction()
        .code(CODE)
        .send()
        .await;
    match res.map_err(ApiError::into_kind) {
        Err(Error::InvalidResponsePayload(..)) => {}
        other => panic!("expected an invalid payload, got {other:?}"),
    }
}

#[tokio::test]
async fn latency_meets_the_clients_timeout() {
    let api = ApiMock::start().await.unwrap();
    api.inject(Fault::latency(Duration::from_secs(5))).unwrap();
    let client = mock_client(&api, |config| {
        config
            .with_timeout(Duration::from_millis(200))
            .with_retry_policy(RetryPolicy::never())
    });
    let started = Instant::now();
    assert_timed_out(client.get_tenant_info().send().await);
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn in_quirks_mode_every_operation_still_decodes() {
    let api = ApiMock::builder().quirks(true).start().await.unwrap();
    let client = api.client().unwrap();
    for op in crate::common::operations() {
        let res = crate::common::conformance::call(&client, op.id)
            .await
            .expect("generated call");
        assert!(res.is_ok(), "{} with quirks: {res:?}", op.id);
    }
    // And the quirks are really on the wire.
    let text = raw_get(&api, &format!("/transactions/{CODE}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        regex_like_laravel_date(&text),
        "a `Y-m-d H:i:s` date in {text}"
    );
}

/// Whether `text` holds a `"YYYY-MM-DD HH:MM:SS"` string.
fn regex_like_laravel_date(text: &str) -> bool {
    text.split('"')
        .any(|s| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").is_ok())
}
