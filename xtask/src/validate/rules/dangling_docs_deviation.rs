//! `dangling-docs-deviation`: a declared deviation from the docs points at nothing in the spec.
//!
//! ## What it does
//! Checks that the `pointer` of every `x-apipagos-docs.deviations` entry names a node of the
//! spec. (`cargo xtask docs-check PAGE…` checks, with the page at hand, that each entry still
//! matches a disagreement; without the page, a pointer that no longer resolves is what shows a
//! stale entry.)
//!
//! ## Why is this bad?
//! A deviation explains why the spec says something else than the docs page. Once the schema or
//! the property it names is renamed or removed, the entry explains nothing and hides nothing:
//! it misleads the reader, and the next docs-check of the page reports it as stale.
//!
//! ## Example
//! ```yaml
//! x-apipagos-docs:
//!   deviations:
//!     - pointer: /components/schemas/Thing/properties/gone
//!       docs: type string
//!       spec: type integer
//!       reason: Renamed since.
//! ```
//!
//! ## Use instead
//! ```yaml
//! x-apipagos-docs:
//!   deviations:
//!     - pointer: /components/schemas/Thing/properties/code
//!       docs: type string
//!       spec: type integer
//!       reason: Codes are numbers here.
//! ```

use crate::docs_check::DOCS_EXTENSION;
use crate::spec::child;
use crate::validate::openapi::operations;
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "dangling-docs-deviation",
    severity: Severity::Error,
    summary: "an `x-apipagos-docs.deviations` entry points at no node of the spec",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    for op in operations(ctx.root()) {
        let Some(deviations) = op
            .value
            .get(DOCS_EXTENSION)
            .and_then(|it| it.get("deviations"))
            .and_then(|it| it.as_array())
        else {
            continue;
        };
        let list = child(&child(&op.pointer, DOCS_EXTENSION), "deviations");
        for (idx, deviation) in deviations.iter().enumerate() {
            // A pointer that is not a string is `malformed-docs-provenance`'s.
            let Some(pointer) = deviation.get("pointer").and_then(|it| it.as_str()) else {
                continue;
            };
            if !pointer.starts_with('/') || ctx.root().pointer(pointer).is_some() {
                continue;
            }
            let message = format!(
                "the deviation's pointer `{pointer}` names no node of the spec: point it at the renamed node, or remove the entry if the spec no longer deviates (run `cargo xtask docs-check` on the page)"
            );
            findings.push(
                &RULE,
                child(&child(&list, &idx.to_string()), "pointer"),
                message,
            );
        }
    }
}
