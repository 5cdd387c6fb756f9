//! `missing-error-response`: an operation declares no 4xx or no 5xx response.
//!
//! ## What it does
//! Checks that every operation declares a client error response (`4XX` or a 4xx code) and a
//! server error response (`5XX` or a 5xx code).
//!
//! ## Why is this bad?
//! Undeclared statuses become `Error::UnexpectedResponse` with the body unread, instead of
//! `Error::ErrorResponse(ErrorBody)` with the server's message; the crate's error handling
//! assumes every operation has the shared error body.
//!
//! ## Example
//! ```yaml
//! responses:
//!   '200': {$ref: '#/components/responses/Ok'}
//! ```
//!
//! ## Use instead
//! ```yaml
//! responses:
//!   '200': {$ref: '#/components/responses/Ok'}
//!   '4XX': {$ref: '#/components/responses/ClientError'}
//!   '5XX': {$ref: '#/components/responses/ServerError'}
//! ```

use crate::spec::child;
use crate::validate::openapi::{operations, responses};
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "missing-error-response",
    severity: Severity::Error,
    summary: "an operation declares no 4xx or no 5xx response",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    let root = ctx.root();
    for op in operations(root) {
        let statuses: Vec<&str> = responses(root, &op).iter().map(|it| it.status).collect();
        for (class, component) in [('4', "ClientError"), ('5', "ServerError")] {
            if statuses.iter().any(|status| status.starts_with(class)) {
                continue;
            }
            let message = format!(
                "`{} {}` declares no {class}xx response: add `'{class}XX': {{$ref: '#/components/responses/{component}'}}`",
                op.method.to_uppercase(),
                op.path,
            );
            findings.push(&RULE, child(&op.pointer, "responses"), message);
        }
    }
}
