//! `missing-tag-description`: a declared tag has no description.
//!
//! ## What it does
//! Checks that every entry of the top-level `tags` has a non-empty `description`.
//!
//! ## Why is this bad?
//! Tag descriptions introduce each group of operations in the docs; an empty group heading
//! tells the reader nothing.
//!
//! ## Example
//! ```yaml
//! tags:
//!   - name: refunds
//! ```
//!
//! ## Use instead
//! ```yaml
//! tags:
//!   - name: refunds
//!     description: Refunds to users.
//! ```

use serde_json::Value;

use crate::spec::child;
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "missing-tag-description",
    severity: Severity::Warning,
    summary: "a declared tag has no `description`",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    let Some(tags) = ctx.root().get("tags").and_then(Value::as_array) else {
        return;
    };
    for (idx, tag) in tags.iter().enumerate() {
        let description = tag.get("description").and_then(Value::as_str);
        if description.is_some_and(|it| !it.trim().is_empty()) {
            continue;
        }
        let name = tag.get("name").and_then(Value::as_str).unwrap_or("");
        let message = format!(
            "tag `{name}` has no `description`: add one line saying what its operations are about"
        );
        findings.push(&RULE, child("/tags", &idx.to_string()), message);
    }
}
