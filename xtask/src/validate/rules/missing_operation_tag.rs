//! `missing-operation-tag`: an operation has no tag.
//!
//! ## What it does
//! Checks that every operation lists at least one tag.
//!
//! ## Why is this bad?
//! Tags group the operations in the docs and in `cargo xtask coverage`; an untagged operation
//! is missing from both.
//!
//! ## Example
//! ```yaml
//! post:
//!   operationId: create_refunds
//! ```
//!
//! ## Use instead
//! ```yaml
//! post:
//!   operationId: create_refunds
//!   tags: [refunds]
//! ```

use serde_json::Value;

use crate::validate::openapi::operations;
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "missing-operation-tag",
    severity: Severity::Error,
    summary: "an operation has no tag",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    for op in operations(ctx.root()) {
        let tags = op.value.get("tags").and_then(Value::as_array);
        if tags.is_some_and(|it| !it.is_empty()) {
            continue;
        }
        let message = format!(
            "`{} {}` has no tag: add `tags: [<name>]` with one of the tags declared at the top of the spec",
            op.method.to_uppercase(),
            op.path,
        );
        findings.push(&RULE, op.pointer.clone(), message);
    }
}
