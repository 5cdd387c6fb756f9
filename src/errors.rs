//! What the client's errors can say about themselves: the status of the response they come from,
//! the typed failure of a refused response, and a short, safe line to log, for the crate's
//! [`ApiError`] (what `send()` returns) and for progenitor's `Error` inside it.
//!
//! progenitor's `Display` for [`Error::InvalidResponsePayload`] prints the whole raw body, which
//! can be megabytes of personal data (names, CUITs, account numbers); [`ErrorExt::summary`] (and
//! `ApiError`'s `Display`, which is the same line) never quotes more than the short excerpt the
//! error already carries, and keeps the status wherever there was a response.

use progenitor_client::Error;
use reqwest::StatusCode;

use crate::failure::ResponseFailure;
use crate::response_checks::{excerpt, printable};
use crate::types::ErrorBody;
use crate::ApiError;

/// The longest summary, in characters (the excerpts inside are shorter).
const SUMMARY_CHARS: usize = 512;

/// What every error of the client can say about itself in one line.
pub trait ErrorExt {
    /// One line, at most 512 characters and an ellipsis, that never holds the token nor more of a
    /// body than a short excerpt: what failed, with the status when there was a response.
    ///
    /// ```no_run
    /// use apipagos::ErrorExt;
    ///
    /// # async fn run(client: &apipagos::Client) {
    /// if let Err(err) = client.get_transaction().code("ef3c3803").send().await {
    ///     tracing::warn!(error = %err.summary(), "get_transaction failed");
    /// }
    /// # }
    /// ```
    ///
    /// ```
    /// use apipagos::{types::ErrorBody, Error, ErrorExt};
    ///
    /// let err: Error<ErrorBody> = Error::Custom(format!("\n{}", "x".repeat(600)));
    /// let summary = err.summary();
    /// assert!(summary.starts_with(r"\nxxx"), "the line break is escaped: {summary}");
    /// assert_eq!(summary.chars().count(), 513, "512 characters and `…`");
    /// ```
    fn summary(&self) -> String;

    /// The HTTP status of the response this error comes from, if there was one: also for a body
    /// that could not be decoded or was refused (`InvalidResponsePayload`, whose
    /// [`ResponseFailure`] holds it), where progenitor's `Error::status` gives `None`. A `Some(200)` there means the server accepted
    /// the request: a payment may have gone through, and the raw body is in the error.
    ///
    /// ```no_run
    /// use apipagos::{types::RefundCreate, Error, ErrorExt};
    ///
    /// # async fn run(client: &apipagos::Client, refunds: Vec<RefundCreate>) {
    /// match client.create_refunds().body(refunds).send().await {
    ///     Ok(created) => println!("{} refunds", created.data.len()),
    ///     Err(err) if err.response_status().is_some_and(|it| it.is_success()) => {
    ///         // Accepted, but the answer did not decode: reconcile, do not retry.
    ///         if let Error::InvalidResponsePayload(body, _) = err.kind() {
    ///             eprintln!("{} bytes kept for reconciliation", body.len());
    ///         }
    ///     }
    ///     Err(err) => eprintln!("refused: {}", err.summary()),
    /// }
    /// # }
    /// ```
    fn response_status(&self) -> Option<StatusCode>;

    /// The typed description of a response the client would not decode (operation, status,
    /// content type, reason, excerpt), for an `InvalidResponsePayload` this crate returned.
    fn response_failure(&self) -> Option<&ResponseFailure>;
}

impl ErrorExt for Error<ErrorBody> {
    fn summary(&self) -> String {
        printable(&describe(self), SUMMARY_CHARS)
    }

    fn response_status(&self) -> Option<StatusCode> {
        match self {
            Error::InvalidResponsePayload(_, err) => ResponseFailure::of(err).map(|it| it.status),
            other => other.status(),
        }
    }

    fn response_failure(&self) -> Option<&ResponseFailure> {
        match self {
            Error::InvalidResponsePayload(_, err) => ResponseFailure::of(err),
            _ => None,
        }
    }
}

impl ErrorExt for ApiError {
    fn summary(&self) -> String {
        self.to_string()
    }

    fn response_status(&self) -> Option<StatusCode> {
        self.kind().response_status()
    }

    fn response_failure(&self) -> Option<&ResponseFailure> {
        self.kind().response_failure()
    }
}

/// One line saying what failed, with the status when there was a response and the causes of a
/// transport failure; never the raw body, the headers nor the request's URL (which holds codes and
/// CUITs). Not yet bounded: callers cut it with `printable`.
pub(crate) fn describe(err: &Error<ErrorBody>) -> String {
    match err {
        Error::InvalidRequest(message) => format!("invalid request: {message}"),
        Error::CommunicationError(err) => format!("communication error: {}", transport(err)),
        Error::InvalidUpgrade(err) => format!("invalid upgrade: {}", transport(err)),
        Error::ResponseBodyError(err) => {
            format!("the response body could not be read: {}", transport(err))
        }
        // The failure names operation, status, reason and a bounded excerpt (crate::failure):
        // the raw body stays out.
        Error::InvalidResponsePayload(_, err) => match ResponseFailure::of(err) {
            Some(failure) => failure.to_string(),
            None => format!("invalid response: {err}"),
        },
        Error::ErrorResponse(response) => {
            let mut line = format!("HTTP {}", response.status());
            if let Some(message) = &response.message {
                line.push_str(&format!(": {}", excerpt(message.as_bytes())));
            }
            if let Some(fields) = response.errors.as_ref().filter(|it| !it.is_empty()) {
                let names: Vec<&str> = fields.keys().map(String::as_str).collect();
                line.push_str(&format!(" (fields: {})", names.join(", ")));
            }
            line
        }
        Error::UnexpectedResponse(response) => {
            format!("unexpected response: HTTP {}", response.status())
        }
        Error::Custom(message) => message.clone(),
    }
}

/// What a transport error is and its causes (`timed out`, `could not connect: … Connection
/// refused`, `dns error: …`), without the URL reqwest's own message carries.
fn transport(err: &reqwest::Error) -> String {
    let what = if err.is_timeout() {
        "timed out"
    } else if err.is_connect() {
        "could not connect"
    } else if err.is_body() {
        "the body failed"
    } else if err.is_decode() {
        "the body could not be decoded"
    } else if err.is_redirect() {
        "a redirect was refused"
    } else if let Some(status) = err.status() {
        return format!("HTTP {status}");
    } else {
        "the request failed"
    };
    let mut causes: Vec<String> = Vec::new();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !causes.iter().any(|seen| seen.contains(&text)) {
            causes.push(text);
        }
        source = cause.source();
    }
    if causes.is_empty() {
        what.to_owned()
    } else {
        format!("{what}: {}", causes.join(": "))
    }
}
