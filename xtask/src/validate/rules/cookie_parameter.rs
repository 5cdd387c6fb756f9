//! `cookie-parameter`: a parameter is `in: cookie`.
//!
//! ## What it does
//! Reports parameters declared `in: cookie`.
//!
//! ## Why is this bad?
//! progenitor 0.15 does not support cookie parameters: the build fails with "cookie parameters
//! are not supported".
//!
//! ## Example
//! ```yaml
//! - {name: session, in: cookie, schema: {type: string}}
//! ```
//!
//! ## Use instead
//! Send the value as a header parameter, or set the cookie in a client hook
//! (`src/hooks.rs`), and remove the parameter from the spec.

use serde_json::Value;

use crate::spec::child;
use crate::validate::openapi::parameter_like;
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "cookie-parameter",
    severity: Severity::Error,
    summary: "a parameter is `in: cookie` (progenitor does not support it)",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    for (pointer, param) in parameter_like(ctx.root()) {
        if param.get("in").and_then(Value::as_str) != Some("cookie") {
            continue;
        }
        let name = param.get("name").and_then(Value::as_str).unwrap_or("");
        let message = format!(
            "cookie parameter `{name}` is not supported by progenitor: send it as a header, or set the cookie in the client hooks and remove it"
        );
        findings.push(&RULE, child(&pointer, "in"), message);
    }
}
