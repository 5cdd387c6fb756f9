//! `array-without-items`: a `type: array` schema has no `items`.
//!
//! ## What it does
//! Checks that every array schema says what its items are.
//!
//! ## Why is this bad?
//! OpenAPI 3.0 requires `items`; without it the generated type is `Vec<serde_json::Value>` and
//! the list is untyped. Write `items: {}` when the items really are free-form.
//!
//! ## Example
//! ```yaml
//! documents:
//!   type: array
//! ```
//!
//! ## Use instead
//! ```yaml
//! documents:
//!   type: array
//!   items: {$ref: '#/components/schemas/TransactionDocument'}
//! ```

use serde_json::Value;

use crate::validate::openapi::all_schemas;
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "array-without-items",
    severity: Severity::Error,
    summary: "a `type: array` schema has no `items`",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    for (pointer, schema) in all_schemas(ctx.root()) {
        if schema.get("type").and_then(Value::as_str) != Some("array")
            || schema.get("items").is_some()
        {
            continue;
        }
        let message = "array schema has no `items`, which OpenAPI 3.0 requires: add `items: {$ref: …}` (or `items: {}` for free-form items)".to_owned();
        findings.push(&RULE, pointer, message);
    }
}
