//! `multiple-error-schemas`: an operation has two different error response bodies.
//!
//! ## What it does
//! Groups the responses progenitor treats as errors (`4xx`, `5xx`, `4XX`, `5XX` and `default`)
//! by body and reports an operation with more than one.
//!
//! ## Why is this bad?
//! progenitor 0.15 allows one error type per operation: the build panics with
//! `assertion failed: response_types.len() <= 1` and no operation name (a `401` with one body
//! and a `422` with another are enough).
//!
//! ## Example
//! ```yaml
//! responses:
//!   '401': {description: Unauthorized, content: {application/json: {schema: {$ref: '#/components/schemas/AuthError'}}}}
//!   '4XX': {$ref: '#/components/responses/ClientError'}
//! ```
//!
//! ## Use instead
//! ```yaml
//! responses:
//!   '4XX': {$ref: '#/components/responses/ClientError'}
//! ```

use super::multiple_success_schemas::{report, Class};
use crate::validate::openapi::operations;
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "multiple-error-schemas",
    severity: Severity::Error,
    summary: "an operation has two different error bodies (progenitor panics)",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    for op in operations(ctx.root()) {
        report(ctx, &op, Class::Error, &RULE, findings);
    }
}
