//! `closed-response-schema`: `additionalProperties: false` on a schema of a response.
//!
//! ## What it does
//! Reports `additionalProperties: false` on any schema reachable from a response body
//! (following `$ref`s), except inside schemas replaced by an `x-apipagos-rust-type`.
//!
//! ## Why is this bad?
//! progenitor turns it into `#[serde(deny_unknown_fields)]`: the first new field the server
//! adds to a response breaks decoding for every user of the crate.
//!
//! ## Example
//! ```yaml
//! Refund:
//!   type: object
//!   additionalProperties: false
//! ```
//!
//! ## Use instead
//! ```yaml
//! Refund:
//!   type: object
//! ```

use serde_json::Value;

use crate::spec::child;
use crate::validate::openapi::{is_replaced, reachable_schemas, response_schemas};
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "closed-response-schema",
    severity: Severity::Error,
    summary: "`additionalProperties: false` on a response schema (`deny_unknown_fields`)",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    let root = ctx.root();
    for (pointer, schema) in reachable_schemas(root, response_schemas(root)) {
        if schema.get("additionalProperties") != Some(&Value::Bool(false)) {
            continue;
        }
        if is_replaced(root, &pointer) {
            continue;
        }
        let message = "`additionalProperties: false` on a response schema becomes `deny_unknown_fields`: any new field from the server breaks decoding; remove it".to_owned();
        findings.push(&RULE, child(&pointer, "additionalProperties"), message);
    }
}
