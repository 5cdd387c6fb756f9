//! `path-trailing-slash`: a path ends with `/`.
//!
//! ## What it does
//! Reports path keys that end with `/` (other than `/` itself).
//!
//! ## Why is this bad?
//! The client calls the URL exactly as written; Laravel redirects or answers 404 for
//! `/refunds/` where the route is `/refunds`.
//!
//! ## Example
//! ```yaml
//! paths:
//!   /refunds/: {}
//! ```
//!
//! ## Use instead
//! ```yaml
//! paths:
//!   /refunds: {}
//! ```

use serde_json::Value;

use crate::spec::child;
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "path-trailing-slash",
    severity: Severity::Error,
    summary: "a path ends with `/`",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    let Some(paths) = ctx.root().get("paths").and_then(Value::as_object) else {
        return;
    };
    for path in paths.keys() {
        if path.len() <= 1 || !path.ends_with('/') {
            continue;
        }
        let message = format!(
            "path `{path}` ends with `/`: remove the trailing slash (`{}`)",
            path.trim_end_matches('/'),
        );
        findings.push(&RULE, child("/paths", path), message);
    }
}
