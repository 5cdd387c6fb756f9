//! `ErrorExt`: `summary`, one short line per error, with the status, and never the whole body
//! (which progenitor's own `Display` prints) nor the token; `response_status`, the status of every
//! error that had a response, undecodable and refused bodies included.

use apipagos::{Client, ClientConfig, CompanyToken, Error, ErrorExt, RetryPolicy, StatusCode};

use crate::common::{get_transaction_answered, GetTransactionResult, STEM, TOKEN};

/// `get_transaction` answered with one response.
async fn answer(status: u16, content_type: &str, body: String) -> GetTransactionResult {
    get_transaction_answered(status, content_type, body.as_ref()).await
}

#[tokio::test]
async fn a_large_page_is_summarised_without_its_body() {
    let secret_tail = "CUIT 20-12345678-6 of a customer";
    let page = format!("<html>{}{secret_tail}</html>", "x".repeat(100_000));
    let err = answer(200, "text/html", page).await.unwrap_err();
    // progenitor's Display holds the whole body: the reason for `summary`.
    assert!(err.to_string().contains(secret_tail));
    let summary = err.summary();
    assert!(
        summary.starts_with("get_transaction: HTTP 200 OK (text/html): the body is not JSON"),
        "{summary}"
    );
    assert!(summary.chars().count() <= 513, "{} chars", summary.len());
    assert!(!summary.contains(secret_tail), "{summary}");
    assert_eq!(err.response_status(), Some(StatusCode::OK));
    assert_eq!(err.status(), None, "progenitor's own status() has none");
}

#[tokio::test]
async fn json_of_another_shape_keeps_its_status() {
    let err = answer(200, "application/json", r#"{"data": []}"#.to_owned())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidResponsePayload(..)), "{err:?}");
    assert_eq!(err.response_status(), Some(StatusCode::OK));
}

#[tokio::test]
async fn a_refused_error_envelope_keeps_its_status() {
    let body = r#"{"message": "Server Error", "errors": {"code": ["invalid"]}}"#;
    let err = answer(200, "application/json", body.to_owned())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidResponsePayload(..)), "{err:?}");
    assert_eq!(err.response_status(), Some(StatusCode::OK));
}

#[tokio::test]
async fn an_error_response_gives_status_message_and_fields() {
    let body = r#"{"message": "The given data was invalid.", "errors": {"field_3": ["bad"], "amount": ["low"]}}"#;
    let err = answer(422, "application/json", body.to_owned())
        .await
        .unwrap_err();
    assert_eq!(
        err.summary(),
        "HTTP 422 Unprocessable Entity: The given data was invalid. (fields: amount, field_3)"
    );
    assert_eq!(
        err.response_status(),
        Some(StatusCode::UNPROCESSABLE_ENTITY)
    );
}

#[tokio::test]
async fn control_characters_in_a_message_are_escaped() {
    let body = r#"{"message": "line one\nline two\u001b[31m"}"#;
    let err = answer(500, "application/json", body.to_owned())
        .await
        .unwrap_err();
    let summary = err.summary();
    assert!(!summary.chars().any(char::is_control), "{summary:?}");
    assert!(summary.contains(r"line one\nline two"), "{summary}");
}

#[tokio::test]
async fn an_undocumented_status_is_named() {
    let err = answer(302, "text/plain", String::new()).await.unwrap_err();
    assert_eq!(err.summary(), "unexpected response: HTTP 302 Found");
    assert_eq!(err.response_status(), Some(StatusCode::FOUND));
}

#[tokio::test]
async fn a_refused_connection_is_a_communication_error_without_the_token() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    drop(listener);
    let config = ClientConfig::new(CompanyToken::new(TOKEN))
        .with_base_url(&format!("http://{address}{STEM}"))
        .expect("URL parses")
        .with_retry_policy(RetryPolicy::never());
    let client = Client::from_config(&config).expect("client builds");
    let err = client
        .get_transaction()
        .code("abc")
        .send()
        .await
        .unwrap_err();
    let summary = err.summary();
    assert!(
        summary.starts_with("get_transaction: communication error: "),
        "{summary}"
    );
    assert!(!summary.contains(TOKEN), "{summary}");
    assert_eq!(err.response_status(), None);
}

#[test]
fn a_custom_error_longer_than_the_bound_is_cut() {
    let err: Error<apipagos::types::ErrorBody> = Error::Custom("é".repeat(2_000));
    let summary = err.summary();
    assert_eq!(
        summary.chars().count(),
        513,
        "512 characters and an ellipsis"
    );
    assert!(summary.ends_with('…'));
}

#[tokio::test]
async fn display_of_an_undecodable_body_is_bounded_and_never_the_raw_body() {
    let secret = "CUIT 20392079018 Juan Pérez CBU 0070005430004105439249 ";
    let body = format!(r#"{{"data": [{}]}}"#, secret.repeat(50_000));
    let err = crate::common::get_transaction_sent(200, "application/json", body.as_bytes())
        .await
        .unwrap_err();
    for shown in [err.to_string(), format!("{err:?}"), err.summary()] {
        assert!(
            shown.chars().count() <= 700,
            "bounded: {} chars",
            shown.len()
        );
        assert!(shown.contains("get_transaction"), "{shown}");
        assert!(shown.contains("HTTP 200"), "{shown}");
        assert!(
            !shown.contains(&secret.repeat(3)),
            "at most an excerpt: {shown}"
        );
    }
    assert!(
        matches!(err.kind(), Error::InvalidResponsePayload(kept, _) if kept.len() == body.len())
    );
    // The natural `?` + `{err}` path of an application.
    let boxed: Box<dyn std::error::Error> = Box::new(err);
    assert!(boxed.to_string().len() < 1_000);
}

#[tokio::test]
async fn a_refused_connection_says_so_in_display_and_summary() {
    let config = ClientConfig::new(CompanyToken::new(TOKEN))
        .with_base_url("http://127.0.0.1:9/api/v2/apipagos")
        .unwrap()
        .with_retry_policy(RetryPolicy::never());
    let err = Client::from_config(&config)
        .unwrap()
        .get_transaction()
        .code("20392079018")
        .send()
        .await
        .unwrap_err();
    for shown in [err.to_string(), err.summary()] {
        assert!(
            shown.starts_with("get_transaction: communication error: could not connect"),
            "{shown}"
        );
        assert!(
            shown.to_lowercase().contains("connection refused"),
            "{shown}"
        );
        assert!(
            !shown.contains("20392079018"),
            "the URL (with its codes) is not shown: {shown}"
        );
        assert!(!shown.contains(TOKEN), "{shown}");
    }
}

/// A request refused before sending names its operation once, then each field at fault; so
/// does a setter's input that did not convert.
#[tokio::test]
async fn a_refused_request_names_its_operation_once() {
    let client = crate::common::client_for(&format!("http://127.0.0.1:9{STEM}"));
    let refund = apipagos::types::RefundCreate::builder().title("REINTEGRO");
    let err = client
        .create_refunds()
        .body(refund.clone().amount("10000.01"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "create_refunds: invalid request: the request breaks the spec: \
         /0/amount: 10000.01 is greater than the maximum of 10000.0 (maximum)"
    );
    let err = client
        .create_refunds()
        .body(refund.field_3("2039"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "create_refunds: invalid request: body: error converting supplied value for field_3: \
         a CUIT has 11 digits, found 4"
    );
}

/// The body of an error response stays reachable as the server sent it (the typed `ErrorBody`
/// keeps only the API's fields), and out of `Display` and `Debug`.
#[tokio::test]
async fn an_error_response_keeps_its_raw_body_out_of_display() {
    let body = br#"{"message": "Not found", "detail": {"cuit": "20-12345678-6"}}"#;
    let err = crate::common::get_transaction_sent(404, "application/json", body)
        .await
        .unwrap_err();
    assert!(matches!(err.kind(), Error::ErrorResponse(_)), "{err:?}");
    assert_eq!(err.raw_body(), Some(&body[..]));
    for shown in [err.to_string(), format!("{err:?}")] {
        assert!(!shown.contains("20-12345678-6"), "{shown}");
    }
    let ok = apipagos::ApiError::new("x", Error::Custom("y".to_owned()));
    assert_eq!(ok.raw_body(), None);
}
