//! `undefined-operation-tag`: an operation uses a tag missing from the top-level `tags`.
//!
//! ## What it does
//! Checks that each tag of each operation is declared in the document's `tags` list.
//!
//! ## Why is this bad?
//! A misspelt tag creates a new group of one operation, without a description.
//!
//! ## Example
//! ```yaml
//! tags: [refund]   # the document declares `refunds`
//! ```
//!
//! ## Use instead
//! ```yaml
//! tags: [refunds]
//! ```

use std::collections::BTreeSet;

use serde_json::Value;

use crate::spec::child;
use crate::validate::openapi::operations;
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "undefined-operation-tag",
    severity: Severity::Warning,
    summary: "an operation uses a tag not declared in the top-level `tags`",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    let declared: BTreeSet<&str> = ctx
        .root()
        .get("tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|tag| tag.get("name")?.as_str())
        .collect();
    for op in operations(ctx.root()) {
        let Some(tags) = op.value.get("tags").and_then(Value::as_array) else {
            continue;
        };
        let tags_pointer = child(&op.pointer, "tags");
        for (idx, tag) in tags.iter().enumerate() {
            let Some(name) = tag.as_str() else { continue };
            if declared.contains(name) {
                continue;
            }
            let message = format!(
                "tag `{name}` is not declared in the top-level `tags`: fix its spelling or declare it with a description"
            );
            findings.push(&RULE, child(&tags_pointer, &idx.to_string()), message);
        }
    }
}
