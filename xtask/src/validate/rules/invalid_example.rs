//! `invalid-example`: an example does not validate against its schema.
//!
//! ## What it does
//! Validates every example (schema `example`, media type `example` and `examples`, parameter
//! and header examples) against its schema as JSON Schema, with formats checked and OpenAPI
//! 3.0.3's `nullable` honoured (beside `type` only), and reports every violation with the line of the offending value.
//! Constraint violations in examples of 2xx responses are reported by
//! `constraint-violated-by-response-example` instead.
//!
//! ## Why is this bad?
//! Examples are the test data of the crate: the conformance tests send and decode them. An
//! example that contradicts its schema is either a wrong example or a wrong schema, and the
//! generated client fails on real traffic of the same shape.
//!
//! ## Example
//! ```yaml
//! refund_date: {type: string, format: date, example: '2024-02-22T10:00:00Z'}
//! ```
//!
//! ## Use instead
//! ```yaml
//! refund_date: {type: string, format: date, example: '2024-02-22'}
//! ```

use super::constraint_violated_by_response_example::is_strictness_violation;
use crate::validate::openapi::truncate;
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "invalid-example",
    severity: Severity::Error,
    summary: "an example does not validate against its schema (every violation, formats and `nullable` included)",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    for violation in ctx.example_violations() {
        if is_strictness_violation(violation) {
            continue;
        }
        let schema = violation
            .constraint_pointer
            .as_deref()
            .unwrap_or(&violation.schema_pointer);
        let fix = if violation.null_value {
            "if the server sends null here, add `nullable: true` beside the schema's `type` (for a `$ref` or a `oneOf`, a `oneOf` branch `{enum: [null]}`), else correct the example"
        } else {
            "correct the example, or the schema if the example is what the server sends"
        };
        let message = format!(
            "example does not match its schema: {} (`{}` at {schema}): {fix}",
            truncate(&violation.message, 160),
            violation.keyword,
        );
        findings.push(&RULE, violation.instance_pointer.clone(), message);
    }
}
