//! Decoding a response body into its generated type, for every operation.
//!
//! progenitor's generated `send()` would call `ResponseValue::from_response`, whose error keeps the
//! raw body but not the operation nor the status; `build.rs` (through `apipagos-codegen`) routes
//! every call to [`read`] and [`decode`] instead: `decode(read(response).await?, &info,
//! raw_body)`. A body of another shape than documented (a payment that went through, with a field
//! the server renamed, say) then reaches the caller as
//! `Error::InvalidResponsePayload` with the whole raw body and an error that names the operation,
//! the status, the content type, the expected type, serde's reason with line and column, and how
//! the body starts: never an opaque failure.

use std::sync::OnceLock;

use bytes::Bytes;
use progenitor_client::{Error, OperationInfo, ResponseValue};
use serde::de::DeserializeOwned;

use crate::failure::{FailureReason, ResponseFailure};
use crate::response_checks::{self, printable, MAX_RESPONSE_BYTES};

/// Where one call's decoding keeps the body of an error response (4xx, 5xx) as the server sent
/// it: the typed `ErrorBody` drops what it has no field for. Each generated `send()` makes one and
/// hands its content to the `ApiError` (see `apipagos-codegen`'s `send_errors.rs`).
#[derive(Debug, Default)]
pub(crate) struct RawBody(OnceLock<Bytes>);

impl RawBody {
    /// The body kept, if the call decoded an error response (a `Bytes` clone shares the buffer).
    pub(crate) fn kept(&self) -> Option<Bytes> {
        self.0.get().cloned()
    }
}

/// A response whose body was read (under the size cap) for [`decode`]: its status, headers and
/// body.
pub(crate) struct ReadResponse {
    status: reqwest::StatusCode,
    headers: reqwest::header::HeaderMap,
    body: Bytes,
    /// The body was cut at the cap.
    oversized: bool,
}

/// Reads `response`'s body under the size cap. A transport failure while the body is read (a
/// timeout, a reset) is one like any other: the generated code turns it into
/// `Error::CommunicationError` with `?`.
pub(crate) async fn read(response: reqwest::Response) -> reqwest::Result<ReadResponse> {
    let mut response = response;
    let status = response.status();
    let headers = std::mem::take(response.headers_mut());
    let (body, oversized) = response_checks::read_body(response, MAX_RESPONSE_BYTES).await?;
    Ok(ReadResponse {
        status,
        headers,
        body,
        oversized,
    })
}

/// Screens a read response's body (`response_checks::refusal`) and decodes it as `T`, the
/// documented type for its status; the body of an error status is also kept in `raw_body`.
///
/// Not `async`: the decoded value (a few KB for a transaction) is written once into the caller's
/// frame instead of being moved out of one more future (issue 17).
// The error is progenitor's `Error`, which the generated `send()` returns: its size is not ours.
#[allow(clippy::result_large_err)]
pub(crate) fn decode<T: DeserializeOwned, E>(
    read: ReadResponse,
    info: &OperationInfo,
    raw_body: &RawBody,
) -> Result<ResponseValue<T>, Error<E>> {
    let ReadResponse {
        status,
        headers,
        body,
        oversized,
    } = read;
    if status.is_client_error() || status.is_server_error() {
        // A `Bytes` clone shares the buffer.
        let _ = raw_body.0.set(body.clone());
    }
    if let Some(reason) = response_checks::refusal(status, &body, oversized) {
        let failure = ResponseFailure::new(info.operation_id, status, &headers, &body, reason);
        return Err(Error::InvalidResponsePayload(body, failure.into()));
    }
    match serde_json::from_slice(&body) {
        Ok(inner) => Ok(ResponseValue::new(inner, status, headers)),
        Err(err) => {
            let reason = match response_checks::not_utf8(&body) {
                Some(why) => FailureReason::NotJson(why),
                None => FailureReason::WrongShape {
                    expected: type_name::<T>(),
                    reason: reason(&err),
                },
            };
            let failure = ResponseFailure::new(info.operation_id, status, &headers, &body, reason);
            Err(Error::InvalidResponsePayload(body, failure.into()))
        }
    }
}

/// serde's message, bounded (it quotes the offending value, which can be any length), with its
/// position kept.
fn reason(err: &serde_json::Error) -> String {
    let full = err.to_string();
    let cut = printable(&full, REASON_CHARS);
    if cut == full {
        cut
    } else {
        format!("{cut} at line {} column {}", err.line(), err.column())
    }
}

/// The longest serde message quoted, in characters.
const REASON_CHARS: usize = 200;

/// `T`'s name without its module path: `TransactionResponse`, `Vec<Refund>`.
fn type_name<T>() -> String {
    let full = std::any::type_name::<T>();
    let mut res = String::with_capacity(full.len());
    let mut segment_start = 0;
    for (i, c) in full.char_indices() {
        if c == ':' {
            segment_start = i + 1;
            continue;
        }
        if matches!(c, '<' | '>' | ',' | ' ' | '(' | ')' | '[' | ']' | ';' | '&') {
            res.push_str(&full[segment_start..i]);
            res.push(c);
            segment_start = i + 1;
        }
    }
    res.push_str(&full[segment_start..]);
    res
}

#[cfg(test)]
mod tests {
    use super::type_name;

    #[test]
    fn type_names_lose_their_module_paths() {
        assert_eq!(
            type_name::<crate::types::TransactionResponse>(),
            "TransactionResponse"
        );
        assert_eq!(type_name::<Vec<crate::types::Refund>>(), "Vec<Refund>");
        assert_eq!(
            type_name::<std::collections::HashMap<String, Option<u8>>>(),
            "HashMap<String, Option<u8>>"
        );
    }
}
