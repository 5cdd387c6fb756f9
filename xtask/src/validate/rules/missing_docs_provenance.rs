//! `missing-docs-provenance`: an operation has no `x-apipagos-docs`.
//!
//! ## What it does
//! Checks that every operation carries the `x-apipagos-docs` provenance extension.
//!
//! ## Why is this bad?
//! The spec is transcribed by hand: without provenance nobody can tell whether an operation
//! comes from a docs page or was guessed, and `cargo xtask coverage` cannot count it.
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
//!   x-apipagos-docs:
//!     page: api-5939858
//!     url: https://docs-api.pacer.la/api-5939858
//!     status: documented
//!     notes: []
//! ```

use crate::validate::openapi::{operations, DOCS_EXTENSION};
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "missing-docs-provenance",
    severity: Severity::Error,
    summary: "an operation has no `x-apipagos-docs` provenance",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    for op in operations(ctx.root()) {
        if op.value.get(DOCS_EXTENSION).is_some() {
            continue;
        }
        let message = format!(
            "`{} {}` has no `{DOCS_EXTENSION}`: add `{{page: api-NNNN, url: https://docs-api.pacer.la/api-NNNN, status: documented|partial|inferred, notes: []}}`",
            op.method.to_uppercase(),
            op.path,
        );
        findings.push(&RULE, op.pointer.clone(), message);
    }
}
