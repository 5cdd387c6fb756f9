//! `non-snake-case-operation-id`: an `operationId` is not snake_case.
//!
//! ## What it does
//! Checks that every `operationId` matches `^[a-z][a-z0-9]*(_[a-z0-9]+)*$`.
//!
//! ## Why is this bad?
//! progenitor converts the id to a snake_case method name: `getRefund` and `get-refund` both
//! become `get_refund`, so the spec and the code disagree on names and two ids can collide.
//!
//! ## Example
//! ```yaml
//! operationId: getRefund
//! ```
//!
//! ## Use instead
//! ```yaml
//! operationId: get_refund
//! ```

use serde_json::Value;

use crate::spec::child;
use crate::validate::openapi::operations;
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "non-snake-case-operation-id",
    severity: Severity::Error,
    summary: "an `operationId` is not snake_case (it is the Rust method name)",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    for op in operations(ctx.root()) {
        let Some(id) = op.value.get("operationId").and_then(Value::as_str) else {
            continue;
        };
        if id.trim().is_empty() || is_snake_case(id) {
            continue;
        }
        let message = format!(
            "`operationId: {id}` is not snake_case: rename it to `{}`",
            snake_case(id)
        );
        findings.push(&RULE, child(&op.pointer, "operationId"), message);
    }
}

fn is_snake_case(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.split('_').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

fn snake_case(id: &str) -> String {
    let mut res = String::new();
    for ch in id.chars() {
        if ch.is_uppercase() {
            if !res.is_empty() && !res.ends_with('_') {
                res.push('_');
            }
            res.extend(ch.to_lowercase());
        } else if ch.is_alphanumeric() {
            res.push(ch);
        } else if !res.ends_with('_') {
            res.push('_');
        }
    }
    res.trim_matches('_').to_owned()
}
