//! `missing-operation-summary`: an operation has no summary.
//!
//! ## What it does
//! Checks that every operation has a non-empty `summary`.
//!
//! ## Why is this bad?
//! The summary is the first line of the generated method's documentation and the title of the
//! operation in the docs.
//!
//! ## Example
//! ```yaml
//! get:
//!   operationId: get_refund
//! ```
//!
//! ## Use instead
//! ```yaml
//! get:
//!   operationId: get_refund
//!   summary: Get a refund by code.
//! ```

use serde_json::Value;

use crate::validate::openapi::operations;
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "missing-operation-summary",
    severity: Severity::Error,
    summary: "an operation has no `summary`",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    for op in operations(ctx.root()) {
        let summary = op.value.get("summary").and_then(Value::as_str);
        if summary.is_some_and(|it| !it.trim().is_empty()) {
            continue;
        }
        let message = format!(
            "`{} {}` has no `summary`: add a one-line summary (the title of the docs page)",
            op.method.to_uppercase(),
            op.path,
        );
        findings.push(&RULE, op.pointer.clone(), message);
    }
}
