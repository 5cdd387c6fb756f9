//! `missing-operation-id`: an operation has no `operationId`.
//!
//! ## What it does
//! Checks that every operation has a non-empty `operationId`.
//!
//! ## Why is this bad?
//! progenitor names the client method after it and refuses a spec without one ("path … is
//! missing operation ID").
//!
//! ## Example
//! ```yaml
//! get:
//!   summary: Get a refund.
//! ```
//!
//! ## Use instead
//! ```yaml
//! get:
//!   operationId: get_refund
//!   summary: Get a refund.
//! ```

use serde_json::Value;

use crate::validate::openapi::operations;
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "missing-operation-id",
    severity: Severity::Error,
    summary: "an operation has no `operationId` (progenitor refuses the spec)",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    for op in operations(ctx.root()) {
        let id = op.value.get("operationId").and_then(Value::as_str);
        if id.is_none_or(|it| it.trim().is_empty()) {
            let message = format!(
                "`{} {}` has no `operationId`: add a unique snake_case `operationId` (it becomes the client method name)",
                op.method.to_uppercase(),
                op.path,
            );
            findings.push(&RULE, op.pointer.clone(), message);
        }
    }
}
