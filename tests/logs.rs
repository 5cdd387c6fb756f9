//! The request span logs the operation and status, and never the Company-Token.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use common::{client_for, TOKEN};
use httpmock::prelude::*;
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt;

/// A `MakeWriter` that keeps every log line in memory.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test]
async fn the_token_is_sent_but_never_logged_nor_in_errors() {
    let logs = Captured::default();
    // Everything at TRACE, the client's dependencies (reqwest, hyper) included; only the mock
    // server's own logs are left out, as they print the requests it receives.
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(logs.clone())
        .with_ansi(false);
    let filter = Targets::new()
        .with_default(LevelFilter::TRACE)
        .with_target("httpmock", LevelFilter::OFF);
    let subscriber = tracing_subscriber::registry().with(layer).with(filter);
    // Global, not thread-local: tracing caches callsite interest process-wide, and this binary holds
    // only this test.
    tracing::subscriber::set_global_default(subscriber).expect("first subscriber");

    let server = MockServer::start_async().await;
    let authed = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/v2/apipagos/transactions/abc")
                .header("company-token", TOKEN)
                .header_exists("user-agent");
            then.status(401)
                .json_body(serde_json::json!({"message": "Unauthenticated."}));
        })
        .await;
    let client = client_for(&server.base_url());
    let err = client
        .get_transaction()
        .code("abc")
        .send()
        .await
        .unwrap_err();
    authed.assert_async().await;

    let logged = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(
        logged.contains("get_transaction"),
        "the request span is logged: {logged}"
    );
    assert!(
        logged.contains("status=401"),
        "the status is logged: {logged}"
    );
    // The request span, as the event at the end of the request shows it: operation, method, path
    // template (not the concrete path, which holds the code), status, attempts and latency.
    let span_line = logged
        .lines()
        .find(|line| line.contains("response received"))
        .unwrap_or_else(|| panic!("no end-of-request event: {logged}"));
    for field in [
        "apipagos.request{",
        "operation=\"get_transaction\"",
        "method=GET",
        "path=\"/transactions/{code}\"",
        "status=401",
        "attempts=1",
        "latency_ms=",
    ] {
        assert!(span_line.contains(field), "{field} in {span_line}");
    }
    assert!(!span_line.contains("/transactions/abc"), "{span_line}");
    for text in [logged, err.to_string(), format!("{err:?}")] {
        assert!(!text.contains(TOKEN), "token leaked in: {text}");
    }
}
