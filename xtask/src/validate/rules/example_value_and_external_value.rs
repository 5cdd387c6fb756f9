//! `example-value-and-external-value`: an Example object has both `value` and
//! `externalValue`.
//!
//! ## What it does
//! Reports Example objects (in `components/examples` and in `examples` maps) that set both.
//!
//! ## Why is this bad?
//! OpenAPI says they are mutually exclusive; tools pick one of them, so the other is never
//! checked and drifts.
//!
//! ## Example
//! ```yaml
//! examples:
//!   ok:
//!     value: {code: abc}
//!     externalValue: https://example.com/refund.json
//! ```
//!
//! ## Use instead
//! ```yaml
//! examples:
//!   ok:
//!     value: {code: abc}
//! ```

use crate::spec::child;
use crate::validate::openapi::walk;
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "example-value-and-external-value",
    severity: Severity::Error,
    summary: "an Example object has both `value` and `externalValue`",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    walk(ctx.root(), &mut |pointer, value| {
        let mut segments = pointer.rsplit('/');
        segments.next();
        if segments.next() != Some("examples") {
            return;
        }
        if value.get("value").is_none() || value.get("externalValue").is_none() {
            return;
        }
        let message = "example has both `value` and `externalValue`, which OpenAPI forbids: keep `value` (it is validated against the schema)".to_owned();
        findings.push(&RULE, child(pointer, "externalValue"), message);
    });
}
