//! `undefined-security-scheme`: a security requirement names an undeclared scheme.
//!
//! ## What it does
//! Checks that every name in the document's and the operations' `security` lists is a key of
//! `components/securitySchemes`.
//!
//! ## Why is this bad?
//! The requirement means nothing: readers cannot tell which header carries the token, and tools
//! that send authentication from the spec send none.
//!
//! ## Example
//! ```yaml
//! security:
//!   - CompanyTokn: []
//! ```
//!
//! ## Use instead
//! ```yaml
//! security:
//!   - CompanyToken: []
//! ```

use serde_json::Value;

use crate::spec::child;
use crate::validate::openapi::{components, operations};
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "undefined-security-scheme",
    severity: Severity::Error,
    summary: "a `security` requirement names a scheme missing from `components/securitySchemes`",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    let root = ctx.root();
    let declared: Vec<&String> = components(root, "securitySchemes")
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    let mut lists: Vec<(String, &Value)> = Vec::new();
    if let Some(security) = root.get("security") {
        lists.push(("/security".to_owned(), security));
    }
    for op in operations(root) {
        if let Some(security) = op.value.get("security") {
            lists.push((child(&op.pointer, "security"), security));
        }
    }
    for (list_pointer, list) in lists {
        let Some(requirements) = list.as_array() else {
            continue;
        };
        for (idx, requirement) in requirements.iter().enumerate() {
            let Some(requirement) = requirement.as_object() else {
                continue;
            };
            let requirement_pointer = child(&list_pointer, &idx.to_string());
            for name in requirement.keys() {
                if declared.contains(&name) {
                    continue;
                }
                let message = format!(
                    "security scheme `{name}` is not declared: fix the name or add it under `components/securitySchemes`"
                );
                findings.push(&RULE, child(&requirement_pointer, name), message);
            }
        }
    }
}
