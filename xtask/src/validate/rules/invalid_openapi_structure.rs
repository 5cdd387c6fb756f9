//! `invalid-openapi-structure`: the document does not deserialize as OpenAPI 3.0.
//!
//! ## What it does
//! Deserializes the document with `openapiv3` (what progenitor reads) and reports the first node
//! that does not fit the OpenAPI 3.0 object model.
//!
//! ## Why is this bad?
//! The build fails before generating anything, with a message that names no line.
//!
//! ## Example
//! ```yaml
//! responses:
//!   '200':
//!     content: {}
//! ```
//!
//! ## Use instead
//! ```yaml
//! responses:
//!   '200':
//!     description: OK
//!     content: {}
//! ```

use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "invalid-openapi-structure",
    severity: Severity::Error,
    summary: "the document does not deserialize as OpenAPI 3.0 (`openapiv3`)",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    let Err(err) = ctx.openapi else {
        return;
    };
    let message = format!(
        "not an OpenAPI 3.0 document here: {}: fix this node to match the OpenAPI 3.0 object it belongs to",
        err.message
    );
    findings.push(&RULE, err.pointer.clone(), message);
}
