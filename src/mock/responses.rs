//! The mock's answers as HTTP: every JSON answer with `Content-Type: application/json`, and the
//! API's (Laravel's) bodies for the errors it answers (401, 404, 405, 422, a chosen status).

use std::collections::BTreeMap;

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use serde_json::{json, Value};

use super::table::{Operation, Violation};

/// One answer before it is written: a status, a body and extra headers.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) body: ReplyBody,
    pub(crate) headers: Vec<(&'static str, String)>,
}

/// What a reply carries.
#[derive(Debug, Clone)]
pub(crate) enum ReplyBody {
    /// A JSON document (quirks apply to it).
    Json(Value),
    /// Bytes of some media type, sent as they are.
    Raw {
        content_type: &'static str,
        bytes: Vec<u8>,
    },
}

impl Reply {
    /// A JSON answer.
    pub(crate) fn json(status: u16, body: Value) -> Reply {
        Reply {
            status,
            body: ReplyBody::Json(body),
            headers: Vec::new(),
        }
    }

    /// The reply with one more header.
    pub(crate) fn with_header(mut self, name: &'static str, value: String) -> Reply {
        self.headers.push((name, value));
        self
    }

    /// 401: no `Company-Token`.
    pub(crate) fn unauthenticated() -> Reply {
        Reply::json(401, json!({"message": "Unauthenticated."}))
    }

    /// 404: no such path, or no resource with this code.
    pub(crate) fn not_found() -> Reply {
        Reply::json(404, json!({"message": "No query results for model."}))
    }

    /// 404 for a path no operation has.
    pub(crate) fn no_route(path: &str) -> Reply {
        Reply::json(
            404,
            json!({"message": format!("The route {} could not be found.", path.trim_start_matches('/'))}),
        )
    }

    /// 405 with `Allow`: a known path, an undocumented method (Laravel's message).
    pub(crate) fn method_not_allowed(method: &str, path: &str, allowed: &[&str]) -> Reply {
        let allow = allowed.join(", ");
        Reply::json(
            405,
            json!({"message": format!(
                "The {method} method is not supported for route {}. Supported methods: {allow}.",
                path.trim_start_matches('/')
            )}),
        )
        .with_header("allow", allow)
    }

    /// 422: the API's validation envelope, one entry per field at fault, Laravel's dotted names
    /// (`/0/amount` → `0.amount`, `/query/page` → `page`, the body itself → `body`).
    pub(crate) fn invalid(violations: &[Violation]) -> Reply {
        let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for violation in violations {
            let field = laravel_field(&violation.pointer);
            let message = format!("The {field} field is invalid: {}.", violation.message);
            errors.entry(field).or_default().push(message);
        }
        Reply::json(
            422,
            json!({"message": "The given data was invalid.", "errors": errors}),
        )
    }

    /// A body that fits `status` for `operation`: the documented example of that exact status, the
    /// documented range's example when it is for that status (the `4XX` example is a 422), or the
    /// API's generic error body for the status.
    pub(crate) fn documented(operation: &Operation, status: u16) -> Option<Reply> {
        let exact = status.to_string();
        let range = format!("{}XX", status / 100);
        let example = |key: &str| {
            operation
                .responses
                .iter()
                .find(|r| r.status == key)
                .map(|r| {
                    r.example
                        .and_then(|e| serde_json::from_str::<Value>(e).ok())
                })
        };
        if let Some(found) = example(&exact) {
            return Some(Reply::json(status, found.unwrap_or(Value::Null)));
        }
        let range_example = example(&range).or_else(|| example("default"))?;
        let fits = |body: &Value| match status {
            422 => body.get("errors").is_some(),
            500 => body.get("errors").is_none(),
            _ => false,
        };
        Some(match range_example {
            Some(body) if fits(&body) => Reply::json(status, body),
            _ => Reply::error(status),
        })
    }

    /// The API's error body for `status`: `{"message": ...}` with Laravel's message.
    pub(crate) fn error(status: u16) -> Reply {
        let message = match status {
            400 => "Bad Request",
            401 => "Unauthenticated.",
            403 => "This action is unauthorized.",
            404 => "Not Found",
            409 => "Conflict",
            422 => "The given data was invalid.",
            429 => "Too Many Attempts.",
            500 => "Server Error",
            502 => "Bad Gateway",
            503 => "Service Unavailable",
            504 => "Gateway Timeout",
            _ => StatusCode::from_u16(status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or("Error"),
        };
        Reply::json(status, json!({ "message": message }))
    }

    /// A 500 with an HTML page, as a proxy or a crashed worker sends it.
    pub(crate) fn html_error() -> Reply {
        Reply {
            status: 500,
            body: ReplyBody::Raw {
                content_type: "text/html; charset=UTF-8",
                bytes: b"<!DOCTYPE html>\n<html><head><title>Server Error</title></head>\
                         <body><h1>500 | Server Error</h1></body></html>\n"
                    .to_vec(),
            },
            headers: Vec::new(),
        }
    }

    /// The reply with its JSON body cut in half (still announced as JSON).
    pub(crate) fn truncated(self) -> Reply {
        let bytes = self.body_bytes();
        Reply {
            body: ReplyBody::Raw {
                content_type: "application/json",
                bytes: bytes[..bytes.len() / 2].to_vec(),
            },
            ..self
        }
    }

    fn body_bytes(&self) -> Vec<u8> {
        match &self.body {
            ReplyBody::Json(value) => serde_json::to_vec(value).unwrap_or_default(),
            ReplyBody::Raw { bytes, .. } => bytes.clone(),
        }
    }

    /// The HTTP response.
    pub(crate) fn into_response(self) -> axum::response::Response {
        let content_type = match &self.body {
            ReplyBody::Json(_) => "application/json",
            ReplyBody::Raw { content_type, .. } => content_type,
        };
        let bytes = self.body_bytes();
        let mut response = axum::response::Response::new(Body::from(bytes));
        *response.status_mut() =
            StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        for (name, value) in self.headers {
            if let Ok(value) = HeaderValue::from_str(&value) {
                headers.insert(name, value);
            }
        }
        response
    }
}

/// `/0/amount` → `0.amount`; `/query/page` → `page`; `/path/code` → `code`; `` → `body`.
fn laravel_field(pointer: &str) -> String {
    let trimmed = pointer
        .strip_prefix("/query/")
        .or_else(|| pointer.strip_prefix("/path/"))
        .or_else(|| pointer.strip_prefix("/header/"))
        .unwrap_or(pointer);
    let field = trimmed
        .trim_start_matches('/')
        .split('/')
        .map(|token| token.replace("~1", "/").replace("~0", "~"))
        .collect::<Vec<_>>()
        .join(".");
    if field.is_empty() {
        "body".to_owned()
    } else {
        field
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_named_the_laravel_way() {
        for (pointer, field) in [
            ("/0/amount", "0.amount"),
            ("/query/per_page", "per_page"),
            ("/path/code", "code"),
            ("", "body"),
            ("/a~1b", "a/b"),
        ] {
            assert_eq!(laravel_field(pointer), field);
        }
    }

    #[test]
    fn a_refusal_names_each_field() {
        let violation = |pointer: &str| Violation {
            pointer: pointer.to_owned(),
            constraint: "maximum".to_owned(),
            message: "too big".to_owned(),
        };
        let reply = Reply::invalid(&[violation("/0/amount"), violation("/1/amount")]);
        let ReplyBody::Json(body) = reply.body else {
            panic!("JSON")
        };
        assert_eq!(reply.status, 422);
        assert_eq!(
            body,
            json!({"message": "The given data was invalid.", "errors": {
                "0.amount": ["The 0.amount field is invalid: too big."],
                "1.amount": ["The 1.amount field is invalid: too big."]}})
        );
    }
}
