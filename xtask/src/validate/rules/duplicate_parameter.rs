//! `duplicate-parameter`: a parameter list names the same parameter twice.
//!
//! ## What it does
//! Checks that no `parameters` list (of a path item or an operation) has two parameters with
//! the same `name` and `in`.
//!
//! ## Why is this bad?
//! OpenAPI forbids it, and progenitor keeps one of them silently: the other's schema and
//! description are lost.
//!
//! ## Example
//! ```yaml
//! parameters:
//!   - {name: page, in: query, schema: {type: integer}}
//!   - {name: page, in: query, schema: {type: string}}
//! ```
//!
//! ## Use instead
//! ```yaml
//! parameters:
//!   - {name: page, in: query, schema: {type: integer}}
//! ```

use std::collections::HashMap;

use serde_json::Value;

use crate::spec::child;
use crate::validate::openapi::{operations, parameter_list};
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "duplicate-parameter",
    severity: Severity::Error,
    summary: "a `parameters` list has two parameters with the same `name` and `in`",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    let root = ctx.root();
    let mut owners: Vec<(String, &Value)> = Vec::new();
    if let Some(paths) = root.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            owners.push((child("/paths", path), item));
        }
    }
    for op in operations(root) {
        owners.push((op.pointer.clone(), op.value));
    }
    for (owner_pointer, owner) in owners {
        let mut first_of: HashMap<(&str, &str), String> = HashMap::new();
        for param in parameter_list(root, &owner_pointer, owner) {
            if param.name.is_empty() {
                continue;
            }
            match first_of.get(&(param.name, param.location)) {
                Some(first) => {
                    let message = format!(
                        "parameter `{}` in {} is already declared at line {}: keep one declaration",
                        param.name,
                        param.location,
                        ctx.line(first),
                    );
                    findings.push(&RULE, param.pointer.clone(), message);
                }
                None => {
                    first_of.insert((param.name, param.location), param.pointer.clone());
                }
            }
        }
    }
}
