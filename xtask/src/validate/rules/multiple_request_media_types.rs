//! `multiple-request-media-types`: a request body offered in more than one media type.
//!
//! ## What it does
//! Checks that each request body has exactly one entry in `content`.
//!
//! ## Why is this bad?
//! progenitor 0.15 hits a `todo!()` ("more media types than expected") and the build panics.
//!
//! ## Example
//! ```yaml
//! content:
//!   application/json: {schema: {$ref: '#/components/schemas/RefundCreate'}}
//!   application/x-www-form-urlencoded: {schema: {$ref: '#/components/schemas/RefundCreate'}}
//! ```
//!
//! ## Use instead
//! ```yaml
//! content:
//!   application/json: {schema: {$ref: '#/components/schemas/RefundCreate'}}
//! ```

use serde_json::Value;

use crate::spec::child;
use crate::validate::openapi::{operations, request_body};
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "multiple-request-media-types",
    severity: Severity::Error,
    summary: "a request body has more than one media type (progenitor panics)",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    let root = ctx.root();
    for op in operations(root) {
        let Some((pointer, body)) = request_body(root, &op) else {
            continue;
        };
        let Some(content) = body.get("content").and_then(Value::as_object) else {
            continue;
        };
        if content.len() <= 1 {
            continue;
        }
        let media: Vec<&str> = content.keys().map(String::as_str).collect();
        let message = format!(
            "the request body is offered as {}, but progenitor supports one media type and panics: keep only `application/json`",
            media.join(" and "),
        );
        findings.push(&RULE, child(&pointer, "content"), message);
    }
}
