//! [`ApiError`]: what every `send()` of the client returns on failure: the operation and
//! progenitor's [`Error`] (the kind of failure, with the response, the raw body or the typed error
//! body), with a `Display` and a `Debug` that are safe to log.
//!
//! progenitor's `Error` prints the whole raw body of `InvalidResponsePayload` (megabytes of names,
//! CUITs and account numbers) and only `error sending request for url (…)` for a refused
//! connection; `ApiError` prints one bounded line (at most 512 characters) with the operation, the
//! status when there was a response, the reason (the transport's causes included: refused, DNS,
//! TLS, timeout) and at most a short excerpt of a body. Everything else stays reachable:
//! [`ApiError::kind`] to match on, [`ErrorExt`](crate::ErrorExt) for the status and the typed
//! failure, [`ApiError::raw_body`] for the body of an error response as the server sent it.

use std::error::Error as StdError;
use std::fmt;
use std::ops::Deref;

use bytes::Bytes;
use progenitor_client::Error;

use crate::errors::describe;
use crate::response_checks::printable;
use crate::types::ErrorBody;
use crate::ResponseFailure;

/// The longest `Display` of an error, in characters (then an ellipsis).
const DISPLAY_CHARS: usize = 512;

/// A failed call of the client: the operation and the kind of failure.
///
/// ```
/// use apipagos::{types::ErrorBody, ApiError, Error};
///
/// let err = ApiError::new("get_transaction", Error::Custom(format!("{}", "x".repeat(10_000))));
/// assert!(err.to_string().starts_with("get_transaction: xxx"));
/// assert!(err.to_string().chars().count() <= 513, "bounded");
/// assert!(matches!(err.kind(), Error::Custom(_)));
/// ```
pub struct ApiError {
    operation: &'static str,
    kind: Error<ErrorBody>,
    /// The body of an error response as the server sent it.
    raw_body: Option<Bytes>,
}

impl ApiError {
    /// The failure `kind` of a call of `operation` (an operationId).
    pub fn new(operation: &'static str, kind: Error<ErrorBody>) -> Self {
        ApiError {
            operation,
            kind,
            raw_body: None,
        }
    }

    /// With the body of the error response as the server sent it (every generated `send()`).
    pub(crate) fn with_raw_body(mut self, raw_body: Option<Bytes>) -> Self {
        self.raw_body = raw_body;
        self
    }

    /// The body of the response as the server sent it, when there was one to read: for an
    /// `ErrorResponse` (whose typed [`ErrorBody`] keeps only the API's fields: `message`,
    /// `errors`, `exception`) and for an `InvalidResponsePayload` (the bytes read). Never in
    /// `Display` nor `Debug`: it can hold personal data.
    pub fn raw_body(&self) -> Option<&[u8]> {
        match &self.kind {
            Error::InvalidResponsePayload(body, _) => Some(body),
            _ => self.raw_body.as_deref(),
        }
    }

    /// The operationId of the call that failed (`paginate` for an inconsistent listing).
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The kind of failure, to match on: `ErrorResponse` (a documented 4xx/5xx with the API's
    /// error body), `InvalidResponsePayload` (the raw body kept), `CommunicationError`,
    /// `InvalidRequest`, `UnexpectedResponse`, …
    pub fn kind(&self) -> &Error<ErrorBody> {
        &self.kind
    }

    /// The kind of failure, owned (the raw body, the response).
    pub fn into_kind(self) -> Error<ErrorBody> {
        self.kind
    }
}

impl Deref for ApiError {
    type Target = Error<ErrorBody>;

    fn deref(&self) -> &Error<ErrorBody> {
        &self.kind
    }
}

impl From<ApiError> for Error<ErrorBody> {
    fn from(err: ApiError) -> Self {
        err.kind
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = describe(&self.kind);
        let prefix = format!("{}: ", self.operation);
        let line = match line.strip_prefix(&prefix) {
            Some(rest) => format!("{prefix}{rest}"),
            None => format!("{prefix}{line}"),
        };
        f.write_str(&printable(&line, DISPLAY_CHARS))
    }
}

impl fmt::Debug for ApiError {
    /// The same safe line, with the kind's name: never the raw body nor the headers.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match &self.kind {
            Error::InvalidRequest(_) => "InvalidRequest",
            Error::CommunicationError(_) => "CommunicationError",
            Error::InvalidUpgrade(_) => "InvalidUpgrade",
            Error::ErrorResponse(_) => "ErrorResponse",
            Error::ResponseBodyError(_) => "ResponseBodyError",
            Error::InvalidResponsePayload(..) => "InvalidResponsePayload",
            Error::UnexpectedResponse(_) => "UnexpectedResponse",
            Error::Custom(_) => "Custom",
        };
        f.debug_struct("ApiError")
            .field("operation", &self.operation)
            .field("kind", &kind)
            .field("message", &self.to_string())
            .finish()
    }
}

impl StdError for ApiError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match &self.kind {
            Error::CommunicationError(err)
            | Error::InvalidUpgrade(err)
            | Error::ResponseBodyError(err) => Some(err),
            Error::InvalidResponsePayload(_, err) => match ResponseFailure::of(err) {
                Some(failure) => Some(failure),
                None => Some(err),
            },
            _ => None,
        }
    }
}
