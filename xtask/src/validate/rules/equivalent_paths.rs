//! `equivalent-paths`: two paths differ only in the names of their parameters.
//!
//! ## What it does
//! Reports paths that are the same once `{…}` names are ignored (`/refunds/{code}` and
//! `/refunds/{id}`).
//!
//! ## Why is this bad?
//! The server routes both to the same handler; the spec then describes one endpoint twice,
//! with operations that drift apart.
//!
//! ## Example
//! ```yaml
//! /refunds/{code}: {get: …}
//! /refunds/{id}: {patch: …}
//! ```
//!
//! ## Use instead
//! ```yaml
//! /refunds/{code}: {get: …, patch: …}
//! ```

use std::collections::HashMap;

use serde_json::Value;

use crate::spec::child;
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "equivalent-paths",
    severity: Severity::Error,
    summary: "two paths differ only in the names of their `{parameters}`",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    let Some(paths) = ctx.root().get("paths").and_then(Value::as_object) else {
        return;
    };
    let mut first_of: HashMap<String, &str> = HashMap::new();
    let mut ordered: Vec<&String> = paths.keys().collect();
    ordered.sort_by_key(|path| ctx.line(&child("/paths", path)));
    for path in ordered {
        let shape = shape(path);
        match first_of.get(&shape) {
            Some(first) => {
                let message = format!(
                    "path `{path}` is the same endpoint as `{first}` (line {}): merge their operations under one path",
                    ctx.line(&child("/paths", first)),
                );
                findings.push(&RULE, child("/paths", path), message);
            }
            None => {
                first_of.insert(shape, path);
            }
        }
    }
}

/// The path with every `{name}` replaced by `{}`.
fn shape(path: &str) -> String {
    let mut res = String::new();
    let mut in_name = false;
    for ch in path.chars() {
        match ch {
            '{' => {
                in_name = true;
                res.push('{');
            }
            '}' => {
                in_name = false;
                res.push('}');
            }
            _ if in_name => {}
            _ => res.push(ch),
        }
    }
    res
}
