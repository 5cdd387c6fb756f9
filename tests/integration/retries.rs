//! Retries of idempotent requests only, bounded in attempts and time; timeouts. Every test here is
//! bounded: the slowest waits about one second for a `Retry-After`. The failures come from the
//! crate's own mock server (`ApiMock` with injected faults), the way an application tests them.

use std::time::{Duration, Instant};

use apipagos::mock::{ApiMock, Fault};
use apipagos::types::TransactionResponse;
use apipagos::{ApiError, Client, ClientConfig, CompanyToken, Error, ResponseValue, RetryPolicy};
use serde_json::json;

use crate::common::{assert_error_status, assert_timed_out, mock_client, STEM, TOKEN};

/// A client of `api` retrying by `policy`, its first backoff shortened to 10 ms.
fn client(api: &ApiMock, policy: RetryPolicy) -> Client {
    mock_client(api, |config| {
        config.with_retry_policy(policy.with_initial_backoff(Duration::from_millis(10)))
    })
}

/// `get_transaction` of the transaction `abc`: the idempotent call these tests retry.
async fn get_transaction(client: &Client) -> Result<ResponseValue<TransactionResponse>, ApiError> {
    client.get_transaction().code("abc").send().await
}

/// A mock answering every request with `fault`.
async fn always(fault: Fault) -> ApiMock {
    let api = ApiMock::start().await.unwrap();
    api.inject(fault).unwrap();
    api
}

/// A mock whose `get_transaction` answers `fault` the first `n_failures` times, then
/// `{"data": {"code": "abc"}}`.
async fn failing_then_ok(fault: Fault, n_failures: u32) -> ApiMock {
    let api = ApiMock::start().await.unwrap();
    api.respond_with_body("get_transaction", 200, json!({"data": {"code": "abc"}}))
        .await
        .unwrap();
    api.inject(fault.on("get_transaction").times(n_failures))
        .unwrap();
    api
}

#[tokio::test]
async fn a_get_is_retried_on_503_and_succeeds() {
    let api = failing_then_ok(Fault::status(503), 2).await;
    let res = get_transaction(&client(&api, RetryPolicy::default())).await;
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
        let api = failing_then_ok(Fault::status(status), 1).await;
        let res = get_transaction(&client(&api, RetryPolicy::default())).await;
        assert!(res.is_ok(), "{status}: {res:?}");
    }
}

#[tokio::test]
async fn other_errors_are_not_retried() {
    let api = always(Fault::status(500)).await;
    let res = get_transaction(&client(&api, RetryPolicy::default())).await;
    assert_error_status(&res, 500);
    assert_eq!(api.received("get_transaction"), 1);
}

#[tokio::test]
async fn attempts_are_bounded() {
    let api = always(Fault::status(503)).await;
    let policy = RetryPolicy::default().with_max_attempts(4);
    let res = get_transaction(&client(&api, policy)).await;
    assert_error_status(&res, 503);
    assert_eq!(api.received("get_transaction"), 4);
}

#[tokio::test]
async fn a_post_is_never_retried() {
    let api = always(Fault::status(503)).await;
    let client = client(&api, RetryPolicy::default().with_max_attempts(5));
    let refund = apipagos::types::RefundCreate::builder().title(Some("REINTEGRO".to_owned()));
    let res = client
        .create_refunds()
        .body(vec![refund.try_into().unwrap()])
        .send()
        .await;
    assert_error_status(&res, 503);
    assert_eq!(api.received("create_refunds"), 1);
}

#[tokio::test]
async fn a_patch_is_never_retried() {
    let api = always(Fault::status(502)).await;
    let client = client(&api, RetryPolicy::default().with_max_attempts(5));
    let body = apipagos::types::TransactionPatch::builder().concept(Some("x".to_owned()));
    let res = client
        .update_transaction()
        .code("abc")
        .body(body)
        .send()
        .await;
    assert!(res.is_err());
    assert_eq!(api.received("update_transaction"), 1);
}

#[tokio::test]
async fn retries_can_be_disabled() {
    let api = always(Fault::status(503)).await;
    let res = get_transaction(&client(&api, RetryPolicy::never())).await;
    assert!(res.is_err());
    assert_eq!(api.received("get_transaction"), 1);
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let api = failing_then_ok(Fault::too_many_requests(Duration::from_secs(1)), 1).await;
    let started = Instant::now();
    let res = get_transaction(&client(&api, RetryPolicy::default())).await;
    assert!(res.is_ok(), "{res:?}");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_retry_after_beyond_the_maximum_backoff_ends_retrying() {
    let api = failing_then_ok(Fault::unavailable(Duration::from_secs(3600)), 1).await;
    let started = Instant::now();
    let res = get_transaction(&client(&api, RetryPolicy::default())).await;
    assert_error_status(&res, 503);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn total_retry_time_is_bounded() {
    let api = always(Fault::status(503)).await;
    let policy = RetryPolicy::default()
        .with_max_attempts(1000)
        .with_max_elapsed(Duration::from_millis(300));
    let started = Instant::now();
    let res = get_transaction(&client(&api, policy)).await;
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
    match get_transaction(&client).await.map_err(ApiError::into_kind) {
        Err(Error::CommunicationError(err)) => assert!(err.is_connect(), "{err}"),
        other => panic!("expected a connection error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_stalled_server_gives_a_timeout_error() {
    let api = always(Fault::latency(Duration::from_secs(5))).await;
    let client = mock_client(&api, |config| {
        config
            .with_timeout(Duration::from_millis(200))
            .with_retry_policy(RetryPolicy::never())
    });
    let started = Instant::now();
    assert_timed_out(get_transaction(&client).await);
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn two_clients_of_one_server_keep_their_own_policies() {
    let api = always(Fault::status(503)).await;
    let busy = || api.received("get_transaction");
    // Built in this order, the process-global map of 0.1 gave both clients the second policy.
    let patient = client(&api, RetryPolicy::default().with_max_attempts(3));
    let hasty = client(&api, RetryPolicy::never());
    let res = get_transaction(&hasty).await;
    assert_error_status(&res, 503);
    assert_eq!(busy(), 1, "the never-retrying client sends once");
    let res = get_transaction(&patient).await;
    assert_error_status(&res, 503);
    assert_eq!(busy(), 1 + 3, "the patient client tries 3 times");
}

#[tokio::test]
async fn a_copy_with_another_policy_changes_only_its_own_calls() {
    let api = always(Fault::status(503)).await;
    let busy = || api.received("get_transaction");
    let client = client(&api, RetryPolicy::default().with_max_attempts(3));
    let once = client.with_retry_policy(RetryPolicy::never());
    assert_error_status(&get_transaction(&once).await, 503);
    assert_eq!(busy(), 1);
    assert_error_status(&get_transaction(&client).await, 503);
    assert_eq!(busy(), 1 + 3);
}

#[tokio::test]
async fn a_copy_with_a_shorter_timeout_times_out_where_the_original_does_not() {
    let api = always(Fault::latency(Duration::from_millis(400))).await;
    api.respond_with_body("get_transaction", 200, json!({"data": {"code": "abc"}}))
        .await
        .unwrap();
    let client = client(&api, RetryPolicy::never());
    let hasty = client.with_timeout(Duration::from_millis(100));
    assert_timed_out(get_transaction(&hasty).await);
    let tx = get_transaction(&client).await;
    assert!(tx.is_ok(), "the original keeps the 30 s timeout: {tx:?}");
}

#[tokio::test]
async fn a_body_that_stalls_after_the_head_gives_a_timeout_error() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    // The head announces 1,000 bytes, then the server sends 10 and stalls: the body is read
    // where it is decoded, under the client's timeout, and the failure is a transport one.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut request = [0u8; 4096];
        let _ = stream.read(&mut request).await;
        let head =
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n";
        let _ = stream.write_all(head.as_bytes()).await;
        let _ = stream.write_all(br#"{"data": {"#).await;
        tokio::time::sleep(Duration::from_secs(5)).await;
    });
    let config = ClientConfig::new(CompanyToken::new(TOKEN))
        .with_base_url(&format!("http://{addr}{STEM}"))
        .unwrap()
        .with_timeout(Duration::from_millis(300))
        .with_retry_policy(RetryPolicy::never());
    let client = Client::from_config(&config).unwrap();
    let started = Instant::now();
    assert_timed_out(get_transaction(&client).await);
    assert!(started.elapsed() < Duration::from_secs(2));
}
