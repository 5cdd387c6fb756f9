//! The behaviour around every request: the body checked against the spec before it leaves, and one
//! tracing span per operation.
//!
//! progenitor calls these hooks from every generated `send()`; `build.rs` asks for them with
//! `HooksMode::Expected`, so removing this impl is a compile error.

use std::time::Instant;

use progenitor_client::{ClientHooks, ClientInfo, Error, OperationInfo};
use tracing::Instrument;

use crate::{request_checks, Client};

impl ClientHooks for Client {
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        info: &OperationInfo,
    ) -> Result<(), Error<E>> {
        match request.body().and_then(reqwest::Body::as_bytes) {
            Some(body) => {
                request_checks::check_body(info.operation_id, body).map_err(Error::InvalidRequest)
            }
            None => Ok(()),
        }
    }

    async fn exec(
        &self,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        // The span names the operation and the path, never the headers (token) or the body.
        let span = tracing::info_span!(
            "apipagos.request",
            operation = info.operation_id,
            method = %request.method(),
            path = request.url().path(),
            status = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        let started = Instant::now();
        let res = self
            .client()
            .execute(request)
            .instrument(span.clone())
            .await;
        span.record("latency_ms", started.elapsed().as_millis());
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
