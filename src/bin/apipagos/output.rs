//! What a run prints: results as JSON on stdout (progenitor's `CliConfig`), and a failed send as
//! one [`Failure`] (reported once, by `main`).

use apipagos::{ApiError, Error, ErrorExt, ResponseValue};

use crate::body::Body;
use crate::exit::{Failure, FailureKind};

/// Prints results as JSON on stdout; errors are left to [`failure_of`] and `main`, so each is
/// printed once.
pub struct JsonOutput;

impl apipagos::cli::CliConfig for JsonOutput {
    fn success_item<T>(&self, value: &ResponseValue<T>)
    where
        T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug,
    {
        print_json(&**value);
    }

    fn success_no_item(&self, _: &ResponseValue<()>) {}

    fn error<T>(&self, _: &Error<T>)
    where
        T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug,
    {
    }

    fn list_start<T>(&self)
    where
        T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug,
    {
    }

    fn list_item<T>(&self, value: &T)
    where
        T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug,
    {
        print_json(value);
    }

    fn list_end_success<T>(&self)
    where
        T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug,
    {
    }

    fn list_end_error<T>(&self, _: &Error<T>)
    where
        T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug,
    {
    }
}

/// Pretty JSON on stdout.
pub fn print_json<T: serde::Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => println!("{text}"),
        Err(err) => eprintln!("error: cannot print the result as JSON: {err}"),
    }
}

/// The failure of progenitor's command for `operation`: a failed send (an `Error` of the
/// client), or a body progenitor could not parse as the request type although it passed the
/// spec's checks.
pub async fn failure_of(operation: &str, err: anyhow::Error, body: Option<&Body>) -> Failure {
    let err = match err.downcast::<ApiError>() {
        Ok(err) => return send_failure(err).await,
        Err(err) => err,
    };
    // progenitor's context names the path it read (a pipe for stdin): the origin and the field
    // are given instead.
    let mut paragraph = format!("{operation}: refused before sending: ");
    match body {
        Some(body) => paragraph.push_str(&format!("the body from {} ", body.origin)),
        None => paragraph.push_str("the body "),
    }
    paragraph.push_str("does not fit the request type");
    let serde_error = err.root_cause().downcast_ref::<serde_json::Error>();
    if let (Some(body), Some(serde_error)) = (body, serde_error) {
        let pointer =
            crate::pointer::pointer_at(&body.bytes, serde_error.line(), serde_error.column());
        if !pointer.is_empty() {
            paragraph.push_str(&format!(":\n  {pointer}: {serde_error}"));
            return Failure::new(FailureKind::Refused, paragraph);
        }
    }
    paragraph.push_str(&format!(": {}", err.root_cause()));
    Failure::new(FailureKind::Refused, paragraph)
}

/// A failed send: the line the client's error gives (bounded, with the operation and the causes
/// of a transport failure, never the token), and the response body as sent (its first MiB).
async fn send_failure(err: ApiError) -> Failure {
    let accepted = err.response_status().is_some_and(|it| it.is_success());
    let kind = match err.kind() {
        Error::InvalidRequest(_) => FailureKind::Refused,
        _ => match err.response_status() {
            Some(status) if status.is_client_error() => FailureKind::Api,
            _ => FailureKind::Server,
        },
    };
    let mut failure = Failure::new(kind, err.to_string());
    // The body as the server sent it: the typed `ErrorBody` keeps only the API's fields.
    failure.body = err.raw_body().map(<[u8]>::to_vec);
    match err.into_kind() {
        Error::ErrorResponse(response) if failure.body.is_none() => {
            failure.body = serde_json::to_vec(&*response).ok();
        }
        Error::UnexpectedResponse(response) => {
            failure.body = response.bytes().await.ok().map(|it| it.to_vec());
        }
        Error::InvalidResponsePayload(..) if accepted => {
            failure.paragraph.push_str(
                "\nthe server accepted the request: check what it did before sending it again",
            );
        }
        _ => {}
    }
    if let Some(body) = failure
        .body
        .as_mut()
        .filter(|it| it.len() > MAX_PRINTED_BODY)
    {
        let len = body.len();
        body.truncate(MAX_PRINTED_BODY);
        failure.paragraph.push_str(&format!(
            "\nthe response body printed is cut at its first {MAX_PRINTED_BODY} bytes of {len}"
        ));
    }
    failure
}

/// The most of a response body printed on stdout, in bytes (the client reads at most 16 MiB).
const MAX_PRINTED_BODY: usize = 1 << 20;
