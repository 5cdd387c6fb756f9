//! `missing-parameter-description`: a parameter has no description.
//!
//! ## What it does
//! Checks that every parameter object has a non-empty `description`.
//!
//! ## Why is this bad?
//! The description documents the argument of the generated builder method; without it users
//! guess what a `code` or a `field_1` is.
//!
//! ## Example
//! ```yaml
//! - {name: code, in: path, required: true, schema: {type: string}}
//! ```
//!
//! ## Use instead
//! ```yaml
//! - name: code
//!   in: path
//!   required: true
//!   description: Code of the refund.
//!   schema: {type: string}
//! ```

use serde_json::Value;

use crate::validate::openapi::parameter_like;
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "missing-parameter-description",
    severity: Severity::Warning,
    summary: "a parameter has no `description`",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    for (pointer, param) in parameter_like(ctx.root()) {
        // Headers of responses have no `in`; only parameters are checked.
        let Some(location) = param.get("in").and_then(Value::as_str) else {
            continue;
        };
        let description = param.get("description").and_then(Value::as_str);
        if description.is_some_and(|it| !it.trim().is_empty()) {
            continue;
        }
        let name = param.get("name").and_then(Value::as_str).unwrap_or("");
        let message = format!(
            "{location} parameter `{name}` has no `description`: say what the value is (it documents the builder method)"
        );
        findings.push(&RULE, pointer, message);
    }
}
