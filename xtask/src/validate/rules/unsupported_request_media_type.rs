//! `unsupported-request-media-type`: a request body media type progenitor cannot send.
//!
//! ## What it does
//! Checks that request bodies use `application/json`, `application/x-www-form-urlencoded`,
//! `application/octet-stream`, `text/plain` or `text/x-markdown` (parameters after `;` aside).
//!
//! ## Why is this bad?
//! progenitor 0.15 refuses other media types ("unexpected content type"), `multipart/form-data`
//! and vendor `+json` types included, and the build fails.
//!
//! ## Example
//! ```yaml
//! requestBody:
//!   content:
//!     multipart/form-data:
//!       schema: {type: object}
//! ```
//!
//! ## Use instead
//! ```yaml
//! requestBody:
//!   content:
//!     application/json:
//!       schema: {type: object}
//! ```

use serde_json::Value;

use crate::spec::child;
use crate::validate::openapi::{operations, request_body};
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "unsupported-request-media-type",
    severity: Severity::Error,
    summary: "a request body media type progenitor cannot send (`multipart/form-data`, `+json`…)",
    check: Check::Document(check),
};

/// The request media types progenitor 0.15 generates.
pub(crate) const SUPPORTED: [&str; 5] = [
    "application/json",
    "application/x-www-form-urlencoded",
    "application/octet-stream",
    "text/plain",
    "text/x-markdown",
];

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    let root = ctx.root();
    for op in operations(root) {
        let Some((pointer, body)) = request_body(root, &op) else {
            continue;
        };
        let Some(content) = body.get("content").and_then(Value::as_object) else {
            continue;
        };
        let content_pointer = child(&pointer, "content");
        for media in content.keys() {
            let essence = media.split(';').next().unwrap_or(media).trim();
            if SUPPORTED.contains(&essence) {
                continue;
            }
            let message = format!(
                "request media type `{media}` is not supported by progenitor: use `application/json` (or one of {})",
                SUPPORTED[1..].join(", "),
            );
            findings.push(&RULE, child(&content_pointer, media), message);
        }
    }
}
