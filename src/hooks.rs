//! The behaviour around every request: the body checked against the spec before it leaves, one
//! tracing span per operation (from sending to the response's head; `latency_ms` does not count
//! reading the body), and retries of idempotent requests (see [`crate::RetryPolicy`]). The
//! response's body is read under a size cap and screened for hostile shapes where it is decoded
//! (`crate::decoding`, `response_checks`): no response is rebuilt around a buffered copy.
//!
//! progenitor calls these hooks from every generated `send()`; `build.rs` asks for them with
//! `HooksMode::Expected`, so removing this impl is a compile error.

use std::time::Instant;

use progenitor_client::{ClientHooks, ClientInfo, Error, OperationInfo};
use tracing::Instrument;

use crate::{operations, request_checks, retry, Client, ClientState};

impl ClientHooks<ClientState> for Client {
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        info: &OperationInfo,
    ) -> Result<(), Error<E>> {
        // A GET has no body: nothing to look up.
        let Some(body) = request.body().and_then(reqwest::Body::as_bytes) else {
            return Ok(());
        };
        let Some(operation) = operations::find(info.operation_id) else {
            return Ok(());
        };
        request_checks::check_body(operation, body)
            // The `ApiError` around it names the operation: the message does not.
            .map_err(|refusal| Error::InvalidRequest(refusal.reason()))
    }

    async fn exec(
        &self,
        mut request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        if let Some(timeout) = self.inner.timeout() {
            *request.timeout_mut() = Some(timeout);
        }
        // The span names the operation and its path template, never the concrete path (codes,
        // CUITs, account numbers), the headers (token) or the body. Its fields are evaluated only
        // when a subscriber wants the span.
        let span = tracing::info_span!(
            "apipagos.request",
            operation = info.operation_id,
            method = %request.method(),
            path = operations::find(info.operation_id).map_or("", |op| op.path),
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        if span.is_disabled() {
            // No subscriber wants the span (none installed, or one at `WARN` and above): skip
            // its clock and records, and keep the warning of a failure.
            let (res, _) = self.execute_with_retries(request).await;
            if let Err(err) = &res {
                tracing::warn!(operation = info.operation_id, error = %err, "request failed");
            }
            return res;
        }
        let started = Instant::now();
        let (res, attempts) = self
            .execute_with_retries(request)
            .instrument(span.clone())
            .await;
        span.record("latency_ms", started.elapsed().as_millis());
        span.record("attempts", attempts);
        match &res {
            Ok(response) => {
                span.record("status", response.status().as_u16());
                span.in_scope(|| tracing::debug!("response received"));
            }
            Err(err) => span.in_scope(|| tracing::warn!(error = %err, "request failed")),
        }
        res
    }
}

impl Client {
    /// Sends `request`, again while it is a `GET` whose failure is worth retrying and the retry
    /// policy allows; returns the last result and the number of attempts.
    async fn execute_with_retries(
        &self,
        mut request: reqwest::Request,
    ) -> (reqwest::Result<reqwest::Response>, u32) {
        let policy = self.inner.retry_policy();
        let idempotent = request.method() == reqwest::Method::GET;
        let started = Instant::now();
        let mut attempt = 1;
        loop {
            let next = if idempotent && attempt < policy.max_attempts() {
                retry_copy(&request)
            } else {
                None
            };
            let res = self.client().execute(request).await;
            let Some(next) = next else {
                return (res, attempt);
            };
            let retry_after = match &res {
                Ok(response) if retry::is_retryable(response.status()) => {
                    retry::retry_after(response.headers())
                }
                Err(err) if err.is_connect() => None,
                _ => return (res, attempt),
            };
            let Some(delay) = policy.delay(attempt, retry_after) else {
                return (res, attempt);
            };
            if started.elapsed() + delay > policy.max_elapsed() {
                return (res, attempt);
            }
            tracing::info!(attempt, delay_ms = delay.as_millis(), "retrying");
            tokio::time::sleep(delay).await;
            request = next;
            attempt += 1;
        }
    }
}

/// A copy of `request` to send again: what `reqwest::Request::try_clone` gives (method, URL,
/// headers, version, timeout, body when it can be cloned), without its detour through the
/// extensions: reqwest 0.13's `try_clone` builds an extension map to set the timeout even when
/// there is none, then replaces it with a copy of the original's (an allocation and a hash map per
/// retryable request). The timeout is the only extension reqwest's `RequestBuilder`, which builds
/// every generated request, keeps there; a test compares both copies. A request with a body (never
/// retried today: only a `GET` is) is copied by `try_clone`, the only one that can copy a body.
fn retry_copy(request: &reqwest::Request) -> Option<reqwest::Request> {
    if request.body().is_some() {
        return request.try_clone();
    }
    let mut copy = reqwest::Request::new(request.method().clone(), request.url().clone());
    *copy.headers_mut() = request.headers().clone();
    *copy.version_mut() = request.version();
    if let Some(timeout) = request.timeout() {
        *copy.timeout_mut() = Some(*timeout);
    }
    Some(copy)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::retry_copy;

    /// What a copy is made of: method, URL, headers, version, timeout, body.
    type Parts = (
        reqwest::Method,
        reqwest::Url,
        reqwest::header::HeaderMap,
        reqwest::Version,
        Option<Duration>,
        Option<Vec<u8>>,
    );

    fn parts(request: &reqwest::Request) -> Parts {
        (
            request.method().clone(),
            request.url().clone(),
            request.headers().clone(),
            request.version(),
            request.timeout().copied(),
            request
                .body()
                .and_then(reqwest::Body::as_bytes)
                .map(<[u8]>::to_vec),
        )
    }

    fn check(request: reqwest::Request) {
        let ours = retry_copy(&request).map(|copy| parts(&copy));
        let reqwest_s = request.try_clone().map(|copy| parts(&copy));
        assert_eq!(ours, reqwest_s);
        assert!(ours.is_some());
    }

    #[test]
    fn a_get_with_a_timeout_is_copied_as_try_clone_copies_it() {
        let http = reqwest::Client::new();
        check(
            http.get("http://localhost/api/v2/apipagos/transactions/abc?page=2")
                .header("api-version", "2.0.0")
                .header(reqwest::header::ACCEPT, "application/json")
                .timeout(Duration::from_millis(1500))
                .version(reqwest::Version::HTTP_11)
                .build()
                .expect("a request"),
        );
    }

    #[test]
    fn a_get_without_a_timeout_is_copied_as_try_clone_copies_it() {
        let http = reqwest::Client::new();
        check(http.get("http://localhost/a").build().expect("a request"));
    }

    #[test]
    fn a_body_is_copied_as_try_clone_copies_it() {
        let http = reqwest::Client::new();
        check(
            http.post("http://localhost/refunds")
                .body(r#"[{"amount":"150.75"}]"#)
                .build()
                .expect("a request"),
        );
    }

    #[test]
    fn a_streamed_body_cannot_be_copied() {
        let stream = futures::stream::iter([Ok::<_, std::io::Error>("chunk")]);
        let request = reqwest::Client::new()
            .post("http://localhost/refunds")
            .body(reqwest::Body::wrap_stream(stream))
            .build()
            .expect("a request");
        assert!(retry_copy(&request).is_none());
        assert!(request.try_clone().is_none());
    }
}
