//! What the client's errors can say about themselves beyond progenitor's `Error`: the status of
//! the response they come from, and a short, safe line to log.
//!
//! progenitor's `Display` for [`Error::InvalidResponsePayload`] prints the whole raw body, which
//! can be megabytes of personal data (names, CUITs, account numbers); [`ErrorExt::summary`] never
//! quotes more than the short excerpt the error already carries, and keeps the status wherever
//! there was a response.

use progenitor_client::Error;
use reqwest::StatusCode;

use crate::response_checks::{excerpt, printable};
use crate::types::ErrorBody;

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
    /// that could not be decoded (`InvalidResponsePayload`) or was refused (`Custom`), where
    /// progenitor's `Error::status` gives `None`. A `Some(200)` there means the server accepted
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
    ///         if let Error::InvalidResponsePayload(body, _) = &err {
    ///             eprintln!("{} bytes kept for reconciliation", body.len());
    ///         }
    ///     }
    ///     Err(err) => eprintln!("refused: {}", err.summary()),
    /// }
    /// # }
    /// ```
    fn response_status(&self) -> Option<StatusCode>;
}

impl ErrorExt for Error<ErrorBody> {
    fn summary(&self) -> String {
        let line = match self {
            Error::InvalidRequest(message) => format!("invalid request: {message}"),
            Error::CommunicationError(err) => format!("communication error: {err}"),
            Error::InvalidUpgrade(err) => format!("invalid upgrade: {err}"),
            Error::ResponseBodyError(err) => format!("the response body could not be read: {err}"),
            // The error names operation, status, reason and a bounded excerpt (crate::decoding,
            // crate::response_checks): the raw body stays out.
            Error::InvalidResponsePayload(_, err) => err.to_string(),
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
        };
        printable(&line, SUMMARY_CHARS)
    }

    fn response_status(&self) -> Option<StatusCode> {
        match self {
            Error::InvalidResponsePayload(_, err) => status_named_in(&err.to_string()),
            Error::Custom(message) => status_named_in(message),
            other => other.status(),
        }
    }
}

/// The status named by a message of this crate's response checks and decoding, which all start
/// `<operation>: HTTP <code> <reason>` (`crate::response_checks`, `crate::decoding`).
fn status_named_in(message: &str) -> Option<StatusCode> {
    let (_, rest) = message.split_once(": HTTP ")?;
    let code = rest.get(..3)?;
    if rest[3..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    StatusCode::from_bytes(code.as_bytes()).ok()
}

#[cfg(test)]
mod tests {
    use reqwest::StatusCode;

    use super::status_named_in;

    #[test]
    fn the_status_is_read_back_from_the_crate_s_messages() {
        let cases = [
            (
                "get_transaction: HTTP 200 OK (text/html): the body is not JSON",
                Some(200),
            ),
            (
                "create_refunds: HTTP 502 Bad Gateway: the response body exceeds",
                Some(502),
            ),
            (
                "list_refunds: HTTP 200 OK with an error body: {}",
                Some(200),
            ),
            ("list_refunds: HTTP 2000 OK", None),
            ("list_refunds: HTTP 20", None),
            ("list_refunds: the page is inconsistent", None),
            ("HTTP 200 OK", None),
        ];
        for (message, expected) in cases {
            let expected = expected.map(|code| StatusCode::from_u16(code).unwrap());
            assert_eq!(status_named_in(message), expected, "{message}");
        }
    }
}
