//! `unsupported-openapi-version`: `openapi` is not `3.0.*`.
//!
//! ## What it does
//! Checks that the `openapi` field is a `3.0.x` version string.
//!
//! ## Why is this bad?
//! progenitor 0.15 reads OpenAPI 3.0 only: `3.1.0` fails the build, and 3.1 changes `nullable`,
//! `exclusiveMinimum` and `example` semantics that the rest of the spec relies on.
//!
//! ## Example
//! ```yaml
//! openapi: 3.1.0
//! ```
//!
//! ## Use instead
//! ```yaml
//! openapi: 3.0.3
//! ```

use serde_json::Value;

use crate::validate::openapi::short;
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "unsupported-openapi-version",
    severity: Severity::Error,
    summary: "`openapi` is not `3.0.*` (the only version progenitor reads)",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    let version = ctx.root().get("openapi");
    if let Some(Value::String(text)) = version {
        if text.starts_with("3.0.") {
            return;
        }
    }
    let found = version.map_or_else(|| "nothing".to_owned(), short);
    let message = format!(
        "`openapi` is {found}, but progenitor reads OpenAPI 3.0 only: write `openapi: 3.0.3` (quoted if in doubt)"
    );
    findings.push(&RULE, "/openapi", message);
}
