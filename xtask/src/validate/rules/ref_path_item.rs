//! `ref-path-item`: a path item is a `$ref`.
//!
//! ## What it does
//! Reports entries of `paths` written as `$ref`.
//!
//! ## Why is this bad?
//! progenitor 0.15 refuses them ("path … uses reference, unsupported") and the build fails.
//!
//! ## Example
//! ```yaml
//! paths:
//!   /refunds:
//!     $ref: '#/components/x-paths/refunds'
//! ```
//!
//! ## Use instead
//! Write the operations of the path inline under `paths`.

use serde_json::Value;

use crate::spec::child;
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "ref-path-item",
    severity: Severity::Error,
    summary: "a path item is a `$ref` (progenitor refuses it)",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    let Some(paths) = ctx.root().get("paths").and_then(Value::as_object) else {
        return;
    };
    for (path, item) in paths {
        if item.get("$ref").is_none() {
            continue;
        }
        let message = format!(
            "path item `{path}` is a `$ref`, which progenitor does not support: write its operations inline"
        );
        findings.push(&RULE, child(&child("/paths", path), "$ref"), message);
    }
}
