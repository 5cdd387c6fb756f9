//! `duplicate-operation-id`: two operations share an `operationId`.
//!
//! ## What it does
//! Checks that `operationId`s are unique in the document.
//!
//! ## Why is this bad?
//! progenitor refuses the spec ("duplicate operation ID"): each id becomes one client method.
//!
//! ## Example
//! ```yaml
//! /refunds:
//!   get: {operationId: refunds}
//!   post: {operationId: refunds}
//! ```
//!
//! ## Use instead
//! ```yaml
//! /refunds:
//!   get: {operationId: list_refunds}
//!   post: {operationId: create_refunds}
//! ```

use std::collections::HashMap;

use serde_json::Value;

use crate::spec::child;
use crate::validate::openapi::operations;
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "duplicate-operation-id",
    severity: Severity::Error,
    summary: "two operations share an `operationId`",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    let mut first_of: HashMap<&str, String> = HashMap::new();
    for op in operations(ctx.root()) {
        let Some(id) = op.value.get("operationId").and_then(Value::as_str) else {
            continue;
        };
        let pointer = child(&op.pointer, "operationId");
        match first_of.get(id) {
            Some(first) => {
                let message = format!(
                    "`operationId: {id}` is already used at line {}: give this operation its own id",
                    ctx.line(first),
                );
                findings.push(&RULE, pointer, message);
            }
            None => {
                first_of.insert(id, pointer);
            }
        }
    }
}
