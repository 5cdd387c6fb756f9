//! `missing-success-response`: an operation has no 2xx response with an `application/json`
//! schema.
//!
//! ## What it does
//! Checks that every operation declares a `2xx` (or `2XX`) response whose `application/json`
//! media type has a schema.
//!
//! ## Why is this bad?
//! Without it the generated method returns raw bytes (`ResponseValue<ByteStream>`) instead of a
//! typed value, and the operation is not usable from Rust.
//!
//! ## Example
//! ```yaml
//! responses:
//!   '200':
//!     description: OK
//! ```
//!
//! ## Use instead
//! ```yaml
//! responses:
//!   '200':
//!     description: OK
//!     content:
//!       application/json:
//!         schema: {$ref: '#/components/schemas/RefundResponse'}
//! ```

use crate::spec::child;
use crate::validate::openapi::{is_success, json_media, operations, responses};
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "missing-success-response",
    severity: Severity::Error,
    summary: "an operation has no 2xx response with an `application/json` schema",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    let root = ctx.root();
    for op in operations(root) {
        let has_typed_success = responses(root, &op).iter().any(|response| {
            is_success(response.status)
                && json_media(&response.value_pointer, response.value)
                    .is_some_and(|(_, media)| media.get("schema").is_some())
        });
        if has_typed_success {
            continue;
        }
        let message = format!(
            "`{} {}` has no 2xx response with an `application/json` schema, so the client returns raw bytes: add `'200': {{description: …, content: {{application/json: {{schema: …}}}}}}`",
            op.method.to_uppercase(),
            op.path,
        );
        findings.push(&RULE, child(&op.pointer, "responses"), message);
    }
}
