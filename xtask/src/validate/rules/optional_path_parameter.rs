//! `optional-path-parameter`: a path parameter is not `required: true`.
//!
//! ## What it does
//! Checks that every parameter `in: path` says `required: true`.
//!
//! ## Why is this bad?
//! OpenAPI requires it, and progenitor asserts it: the build panics with
//! `assertion failed: parameter_data.required` and no operation name.
//!
//! ## Example
//! ```yaml
//! - {name: code, in: path, schema: {type: string}}
//! ```
//!
//! ## Use instead
//! ```yaml
//! - {name: code, in: path, required: true, schema: {type: string}}
//! ```

use serde_json::Value;

use crate::validate::openapi::parameter_like;
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "optional-path-parameter",
    severity: Severity::Error,
    summary: "an `in: path` parameter is not `required: true` (progenitor panics)",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    for (pointer, param) in parameter_like(ctx.root()) {
        if param.get("in").and_then(Value::as_str) != Some("path") {
            continue;
        }
        if param.get("required") == Some(&Value::Bool(true)) {
            continue;
        }
        let name = param.get("name").and_then(Value::as_str).unwrap_or("");
        let message = format!(
            "path parameter `{name}` is not `required: true` (OpenAPI requires it and progenitor panics without it): add `required: true`"
        );
        findings.push(&RULE, pointer, message);
    }
}
