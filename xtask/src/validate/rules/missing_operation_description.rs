//! `missing-operation-description`: an operation has no description.
//!
//! ## What it does
//! Checks that every operation has a non-empty `description`.
//!
//! ## Why is this bad?
//! The description becomes the documentation of the generated method: without it users of the
//! crate see only the summary and have to find the docs page themselves.
//!
//! ## Example
//! ```yaml
//! get:
//!   summary: Get a refund by code.
//! ```
//!
//! ## Use instead
//! ```yaml
//! get:
//!   summary: Get a refund by code.
//!   description: Returns the refund with its status and user.
//! ```

use serde_json::Value;

use crate::validate::openapi::operations;
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "missing-operation-description",
    severity: Severity::Error,
    summary: "an operation has no `description`",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    for op in operations(ctx.root()) {
        let description = op.value.get("description").and_then(Value::as_str);
        if description.is_some_and(|it| !it.trim().is_empty()) {
            continue;
        }
        let message = format!(
            "`{} {}` has no `description`: describe what the operation does (it documents the client method)",
            op.method.to_uppercase(),
            op.path,
        );
        findings.push(&RULE, op.pointer.clone(), message);
    }
}
