//! One typed description of a response the client would not decode: the operation, the status,
//! the content type, the reason and a safe excerpt of the body.
//!
//! Every place that refuses a response (the size cap and the screens of `response_checks`, the
//! decoding of `decoding`) builds a [`ResponseFailure`]; it travels inside the
//! `Error::InvalidResponsePayload` progenitor's `send()` returns (as the source of its
//! `serde_json::Error`), and [`ResponseFailure::of`] reads it back, typed: `ErrorExt` never scans
//! a message for a status.

use std::error::Error as StdError;
use std::fmt;

use reqwest::header::{HeaderMap, CONTENT_TYPE};
use reqwest::StatusCode;

use crate::response_checks::{excerpt, MAX_RESPONSE_BYTES};

/// The longest content type quoted (a hostile header cannot bloat a message).
const CONTENT_TYPE_CHARS: usize = 64;

/// Why a response was not decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FailureReason {
    /// The body cannot be JSON (empty, HTML, truncated, invalid UTF-8): what shows it.
    NotJson(String),
    /// The body is JSON of another shape than the type documented for its status.
    WrongShape {
        /// The Rust type expected (`TransactionResponse`).
        expected: String,
        /// serde's reason, bounded, with line and column.
        reason: String,
    },
    /// The body is larger than [`MAX_RESPONSE_BYTES`]: it was cut there and not decoded.
    Oversized,
    /// A success status with Laravel's error envelope (`errors` or `exception`, no `data`).
    ErrorEnvelope,
}

/// A response the client would not decode, described once by whoever refused it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseFailure {
    /// The operationId.
    pub operation: String,
    /// The response's status.
    pub status: StatusCode,
    /// Its content type, at most 64 characters (`None` when absent or not ASCII).
    pub content_type: Option<String>,
    /// Why it was refused.
    pub reason: FailureReason,
    /// How the body starts: lossy UTF-8, control characters escaped, at most 160 characters.
    pub excerpt: String,
}

impl ResponseFailure {
    /// Describes a refused response of `operation` whose body is `body`.
    pub(crate) fn new(
        operation: &str,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
        reason: FailureReason,
    ) -> Self {
        let content_type = headers
            .get(CONTENT_TYPE)
            .and_then(|it| it.to_str().ok())
            // `to_str` accepts visible ASCII only: any byte index is a character boundary.
            .map(|it| it[..it.len().min(CONTENT_TYPE_CHARS)].to_owned());
        ResponseFailure {
            operation: operation.to_owned(),
            status,
            content_type,
            reason,
            excerpt: excerpt(body),
        }
    }

    /// The failure inside the error of an `Error::InvalidResponsePayload` this crate returned.
    pub fn of(err: &serde_json::Error) -> Option<&ResponseFailure> {
        err.source()?.downcast_ref::<ResponseFailure>()
    }
}

impl fmt::Display for ResponseFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let content_type = self.content_type.as_deref().unwrap_or("no content type");
        write!(
            f,
            "{}: HTTP {} ({content_type}): ",
            self.operation, self.status
        )?;
        match &self.reason {
            FailureReason::NotJson(why) => write!(f, "{why}")?,
            FailureReason::WrongShape { expected, reason } => {
                write!(f, "the body is not a `{expected}`: {reason}")?;
            }
            FailureReason::Oversized => write!(
                f,
                "the response body exceeds {MAX_RESPONSE_BYTES} bytes and was not decoded"
            )?,
            FailureReason::ErrorEnvelope => write!(f, "a success status with an error body")?,
        }
        write!(f, "; it starts: {}", self.excerpt)
    }
}

impl StdError for ResponseFailure {}

/// Carries a [`ResponseFailure`] through `serde_json::Error` (the error type progenitor's
/// `InvalidResponsePayload` holds): `serde_json::Error::source` gives the source of the I/O error
/// it wraps, which is the failure itself.
#[derive(Debug)]
struct Carrier(ResponseFailure);

impl fmt::Display for Carrier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl StdError for Carrier {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&self.0)
    }
}

impl From<ResponseFailure> for serde_json::Error {
    fn from(failure: ResponseFailure) -> Self {
        serde_json::Error::io(std::io::Error::other(Carrier(failure)))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn reason() -> impl Strategy<Value = FailureReason> {
        prop_oneof![
            ".{0,40}".prop_map(FailureReason::NotJson),
            (".{0,20}", ".{0,40}")
                .prop_map(|(expected, reason)| FailureReason::WrongShape { expected, reason }),
            Just(FailureReason::Oversized),
            Just(FailureReason::ErrorEnvelope),
        ]
    }

    proptest! {
        /// What a refusal writes is what `of` reads back, whatever the operation, status, reason
        /// and body; the message is the failure's own.
        #[test]
        fn a_failure_round_trips_through_serde_json_error(
            operation in "[a-z_]{1,30}",
            status in 100u16..1000,
            reason in reason(),
            body in proptest::collection::vec(any::<u8>(), 0..400),
            content_type in proptest::option::of("[ -~]{0,100}"),
        ) {
            let status = StatusCode::from_u16(status).unwrap();
            let mut headers = HeaderMap::new();
            if let Some(value) = content_type.as_deref() {
                headers.insert(CONTENT_TYPE, value.parse().unwrap());
            }
            let failure = ResponseFailure::new(&operation, status, &headers, &body, reason);
            let err: serde_json::Error = failure.clone().into();
            prop_assert_eq!(ResponseFailure::of(&err), Some(&failure));
            prop_assert_eq!(err.to_string(), failure.to_string());
            prop_assert!(failure.content_type.as_ref().is_none_or(|it| it.len() <= 64));
        }
    }

    #[test]
    fn serde_s_own_errors_carry_no_failure() {
        let err = serde_json::from_str::<u8>("x").unwrap_err();
        assert_eq!(ResponseFailure::of(&err), None);
    }
}
