//! `unsupported-parameter-style`: a parameter `style` progenitor cannot generate
//! (`deepObject` queries, for instance).
//!
//! ## What it does
//! Checks that path and header parameters use `style: simple` and query parameters
//! `style: form` (the defaults), the only styles progenitor 0.15 generates.
//!
//! ## Why is this bad?
//! The build fails with "unsupported style of query parameter DeepObject" (or of path
//! parameter), naming no line.
//!
//! ## Example
//! ```yaml
//! - {name: filter, in: query, style: deepObject, schema: {type: object}}
//! ```
//!
//! ## Use instead
//! Flatten the object into one query parameter per field (`filter_status`, `filter_date`…).

use serde_json::Value;

use crate::spec::child;
use crate::validate::openapi::parameter_like;
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "unsupported-parameter-style",
    severity: Severity::Error,
    summary: "a parameter `style` progenitor cannot generate (`deepObject` query, non-simple path)",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    for (pointer, param) in parameter_like(ctx.root()) {
        let Some(style) = param.get("style").and_then(Value::as_str) else {
            continue;
        };
        let supported = match param.get("in").and_then(Value::as_str) {
            Some("query") => "form",
            Some("path" | "header") => "simple",
            _ => continue,
        };
        if style == supported {
            continue;
        }
        let name = param.get("name").and_then(Value::as_str).unwrap_or("");
        let fix = if style == "deepObject" {
            "flatten the object into one query parameter per field".to_owned()
        } else {
            format!("use `style: {supported}` (or remove `style`)")
        };
        let message = format!(
            "parameter `{name}` has `style: {style}`, which progenitor cannot generate: {fix}"
        );
        findings.push(&RULE, child(&pointer, "style"), message);
    }
}
