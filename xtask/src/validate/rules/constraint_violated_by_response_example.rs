//! `constraint-violated-by-response-example`: a response schema constraint that a documented
//! response breaks.
//!
//! ## What it does
//! Reports the `pattern`, `enum`, `minimum`/`maximum`, length and size constraints of schemas
//! reachable from 2xx responses that an example of such a response violates, naming the
//! example.
//!
//! ## Why is this bad?
//! The strictness policy of this crate: request schemas are strict, response schemas lenient.
//! progenitor checks patterns, lengths and enums while decoding, so a constraint the server is
//! documented to break makes the whole response fail to decode.
//!
//! ## Example
//! ```yaml
//! field_3: {type: string, pattern: '^[0-9]{11}$'}   # the docs' response sends "20-29468791-4"
//! ```
//!
//! ## Use instead
//! ```yaml
//! field_3: {type: string, nullable: true}   # keep the pattern on the request schema only
//! ```

use crate::validate::examples::{ExampleViolation, CONSTRAINT_KEYWORDS};
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "constraint-violated-by-response-example",
    severity: Severity::Warning,
    summary: "a response schema constraint (pattern, enum, min/max, length) that a documented response example breaks",
    check: Check::Document(check),
};

/// A constraint keyword broken by an example of a 2xx response.
pub(crate) fn is_strictness_violation(violation: &ExampleViolation) -> bool {
    violation.success_response
        && violation.constraint_pointer.is_some()
        && CONSTRAINT_KEYWORDS.contains(&violation.keyword.as_str())
}

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    for violation in ctx.example_violations() {
        if !is_strictness_violation(violation) {
            continue;
        }
        let Some(constraint) = &violation.constraint_pointer else {
            continue;
        };
        let message = format!(
            "response example {} (line {}) breaks this `{}`: {}; the server is documented to send such values, so drop the constraint from response schemas (keep it on a separate request schema)",
            violation.instance_pointer,
            ctx.line(&violation.instance_pointer),
            violation.keyword,
            violation.message,
        );
        findings.push(&RULE, constraint.clone(), message);
    }
}
