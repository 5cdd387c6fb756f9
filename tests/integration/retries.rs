//! Retries of idempotent requests only, bounded in attempts and time; timeouts. Every test here is
//! bounded: the slowest waits about one second for a `Retry-After`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::common::{STEM, TOKEN};
use apipagos::{ApiError, Client, ClientConfig, CompanyToken, Error, RetryPolicy};
use httpmock::prelude::*;
use serde_json::json;

fn client(server: &MockServer, policy: RetryPolicy) -> Client {
    let config = ClientConfig::new(CompanyToken::new(TOKEN))
        .with_base_url(&format!("{}{STEM}", server.base_url()))
        .unwrap()
        .with_retry_policy(policy.with_initial_backoff(Duration::from_millis(10)));
    Client::from_config(&config).unwrap()
}

/// Asserts that `res` is the documented error response with `status`.
#[track_caller]
fn assert_error_status<T: std::fmt::Debug>(res: &Result<T, ApiError>, status: u16) {
    assert!(
        matches!(res.as_ref().map_err(|e| e.kind()), Err(Error::ErrorResponse(b)) if b.status().as_u16() == status),
        "expected an error response with status {status}: {res:?}"
    );
}

/// A mock answering every request with `status` and a JSON message.
async fn always<'a>(server: &'a MockServer, status: u16, message: &str) -> httpmock::Mock<'a> {
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(status).json_body(json!({ "message": message }));
        })
        .await
}

/// A mock answering `status` to the first `n_failures` requests matching `path`, then 200.
async fn failing_then_ok(
    server: &MockServer,
    path: &'static str,
    status: u16,
    n_failures: usize,
    headers: &[(&str, &str)],
) {
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&seen);
    server
        .mock_async(|when, then| {
            when.path(path)
                .is_true(move |_| counter.fetch_add(1, Ordering::SeqCst) < n_failures);
            let mut then = then.status(status).json_body(json!({"message": "busy"}));
            for (name, value) in headers {
                then = then.header(*name, *value);
            }
        })
        .await;
    server
        .mock_async(|when, then| {
            when.path(path);
            then.status(200).json_body(json!({"data": {"code": "abc"}}));
        })
        .await;
}

#[tokio::test]
async fn a_get_is_retried_on_503_and_succeeds() {
    let server = MockServer::start_async().await;
    failing_then_ok(&server, "/api/v2/apipagos/transactions/abc", 503, 2, &[]).await;
    let res = client(&server, RetryPolicy::default())
        .get_transaction()
        .code("abc")
        .send()
        .await;
    assert_eq!(
        res.expect("third attempt succeeds")
            .into_inner()
            .data
            .unwrap()
            .code
            .as_deref(),
        Some("abc")
    );
}

#[tokio::test]
async fn every_retryable_status_is_retried() {
    for status in [429, 502, 503, 504] {
        let server = MockServer::start_async().await;
        failing_then_ok(&server, "/api/v2/apipagos/transactions/abc", status, 1, &[]).await;
        let res = client(&server, RetryPolicy::default())
            .get_transaction()
            .code("abc")
            .send()
            .await;
        assert!(res.is_ok(), "{status}: {res:?}");
    }
}

#[tokio::test]
async fn other_errors_are_not_retried() {
    let server = MockServer::start_async().await;
    let mock = always(&server, 500, "Server Error").await;
    let res = client(&server, RetryPolicy::default())
        .get_transaction()
        .code("abc")
        .send()
        .await;
    assert_error_status(&res, 500);
    mock.assert_calls_async(1).await;
}

#[tokio::test]
async fn attempts_are_bounded() {
    let server = MockServer::start_async().await;
    let mock = always(&server, 503, "busy").await;
    let policy = RetryPolicy::default().with_max_attempts(4);
    let res = client(&server, policy)
        .get_transaction()
        .code("abc")
        .send()
        .await;
    assert_error_status(&res, 503);
    mock.assert_calls_async(4).await;
}

#[tokio::test]
async fn a_post_is_never_retried() {
    let server = MockServer::start_async().await;
    let mock = always(&server, 503, "busy").await;
    let client = client(&server, RetryPolicy::default().with_max_attempts(5));
    let refund = apipagos::types::RefundCreate::builder().title(Some("REINTEGRO".to_owned()));
    let res = client
        .create_refunds()
        .body(vec![refund.try_into().unwrap()])
        .send()
        .await;
    assert_error_status(&res, 503);
    mock.assert_calls_async(1).await;
}

#[tokio::test]
async fn a_patch_is_never_retried() {
    let server = MockServer::start_async().await;
    let mock = always(&server, 502, "bad gateway").await;
    let client = client(&server, RetryPolicy::default().with_max_attempts(5));
    let body = apipagos::types::TransactionPatch::builder().concept(Some("x".to_owned()));
    let res = client
        .update_transaction()
        .code("abc")
        .body(body)
        .send()
        .await;
    assert!(res.is_err());
    mock.assert_calls_async(1).await;
}

#[tokio::test]
async fn retries_can_be_disabled() {
    let server = MockServer::start_async().await;
    let mock = always(&server, 503, "busy").await;
    let res = client(&server, RetryPolicy::never())
        .get_transaction()
        .code("abc")
        .send()
        .await;
    assert!(res.is_err());
    mock.assert_calls_async(1).await;
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let server = MockServer::start_async().await;
    failing_then_ok(
        &server,
        "/api/v2/apipagos/transactions/abc",
        429,
        1,
        &[("retry-after", "1")],
    )
    .await;
    let started = Instant::now();
    let res = client(&server, RetryPolicy::default())
        .get_transaction()
        .code("abc")
        .send()
        .await;
    assert!(res.is_ok(), "{res:?}");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_retry_after_beyond_the_maximum_backoff_ends_retrying() {
    let server = MockServer::start_async().await;
    failing_then_ok(
        &server,
        "/api/v2/apipagos/transactions/abc",
        503,
        1,
        &[("retry-after", "3600")],
    )
    .await;
    let started = Instant::now();
    let res = client(&server, RetryPolicy::default())
        .get_transaction()
        .code("abc")
        .send()
        .await;
    assert_error_status(&res, 503);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn total_retry_time_is_bounded() {
    let server = MockServer::start_async().await;
    always(&server, 503, "busy").await;
    let policy = RetryPolicy::default()
        .with_max_attempts(1000)
        .with_max_elapsed(Duration::from_millis(300));
    let started = Instant::now();
    let res = client(&server, policy)
        .get_transaction()
        .code("abc")
        .send()
        .await;
    assert!(res.is_err());
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_connection_error_is_retried_then_reported() {
    // Port 9 on loopback: nothing listens, the connection is refused at once.
    let config = ClientConfig::new(CompanyToken::new(TOKEN))
        .with_base_url("http://127.0.0.1:9/api/v2/apipagos")
        .unwrap()
        .with_retry_policy(RetryPolicy::default().with_initial_backoff(Duration::from_millis(10)));
    let client = Client::from_config(&config).unwrap();
    match client
        .get_transaction()
        .code("abc")
        .send()
        .await
        .map_err(ApiError::into_kind)
    {
        Err(Error::CommunicationError(err)) => assert!(err.is_connect(), "{err}"),
        other => panic!("expected a connection error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_stalled_server_gives_a_timeout_error() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(200)
                .delay(Duration::from_secs(5))
                .json_body(json!({"data": {}}));
        })
        .await;
    let config = ClientConfig::new(CompanyToken::new(TOKEN))
        .with_base_url(&format!("{}{STEM}", server.base_url()))
        .unwrap()
        .with_timeout(Duration::from_millis(200))
        .with_retry_policy(RetryPolicy::never());
    let client = Client::from_config(&config).unwrap();
    let started = Instant::now();
    match client
        .get_transaction()
        .code("abc")
        .send()
        .await
        .map_err(ApiError::into_kind)
    {
        Err(Error::CommunicationError(err)) => assert!(err.is_timeout(), "{err}"),
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn two_clients_of_one_server_keep_their_own_policies() {
    let server = MockServer::start_async().await;
    let busy = always(&server, 503, "busy").await;
    // Built in this order, the process-global map of 0.1 gave both clients the second policy.
    let patient = client(&server, RetryPolicy::default().with_max_attempts(3));
    let hasty = client(&server, RetryPolicy::never());
    let res = hasty.get_transaction().code("abc").send().await;
    assert_error_status(&res, 503);
    assert_eq!(
        busy.calls_async().await,
        1,
        "the never-retrying client sends once"
    );
    let res = patient.get_transaction().code("abc").send().await;
    assert_error_status(&res, 503);
    assert_eq!(
        busy.calls_async().await,
        1 + 3,
        "the patient client tries 3 times"
    );
}

#[tokio::test]
async fn a_copy_with_another_policy_changes_only_its_own_calls() {
    let server = MockServer::start_async().await;
    let busy = always(&server, 503, "busy").await;
    let client = client(&server, RetryPolicy::default().with_max_attempts(3));
    let once = client.with_retry_policy(RetryPolicy::never());
    assert_error_status(&once.get_transaction().code("abc").send().await, 503);
    assert_eq!(busy.calls_async().await, 1);
    assert_error_status(&client.get_transaction().code("abc").send().await, 503);
    assert_eq!(busy.calls_async().await, 1 + 3);
}

#[tokio::test]
async fn a_copy_with_a_shorter_timeout_times_out_where_the_original_does_not() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(200)
                .json_body(json!({"data": {"code": "abc"}}))
                .delay(Duration::from_millis(400));
        })
        .await;
    let client = client(&server, RetryPolicy::never());
    let hasty = client.with_timeout(Duration::from_millis(100));
    match hasty
        .get_transaction()
        .code("abc")
        .send()
        .await
        .map_err(ApiError::into_kind)
    {
        Err(Error::CommunicationError(err)) => assert!(err.is_timeout(), "{err}"),
        other => panic!("expected a timeout, got {other:?}"),
    }
    let tx = client.get_transaction().code("abc").send().await;
    assert!(tx.is_ok(), "the original keeps the 30 s timeout: {tx:?}");
}
