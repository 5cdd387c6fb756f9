//! `unused-component`: a component is referenced from nowhere.
//!
//! ## What it does
//! Reports component schemas, responses, parameters, request bodies, examples and headers that
//! no `$ref` names. A schema named in an `x-apipagos-rust-type` (such as `StatusAction` in
//! `crate::lenient::OpenEnum<crate::types::StatusAction>`) counts as used.
//!
//! ## Why is this bad?
//! Dead components still become public Rust types, and they usually mean that a reference
//! points at the wrong name.
//!
//! ## Example
//! ```yaml
//! components:
//!   schemas:
//!     RefundOld: {type: object}
//! ```
//!
//! ## Use instead
//! Remove the component, or refer to it where it was meant to be used.

use std::collections::BTreeSet;

use apipagos_codegen::rust_type_name;
use serde_json::Value;

use crate::spec::child;
use crate::validate::openapi::{components, walk, RUST_TYPE_EXTENSION};
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "unused-component",
    severity: Severity::Warning,
    summary: "a component (schema, response, parameter…) is referenced from nowhere",
    check: Check::Document(check),
};

const KINDS: [&str; 6] = [
    "schemas",
    "responses",
    "parameters",
    "requestBodies",
    "examples",
    "headers",
];

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    let root = ctx.root();
    let mut used: BTreeSet<String> = BTreeSet::new();
    walk(root, &mut |pointer, value| {
        if let Some(reference) = value.get("$ref").and_then(Value::as_str) {
            // A schema referring to itself does not make it used.
            let target = reference.trim_start_matches('#');
            if !pointer.starts_with(&format!("{target}/")) {
                used.insert(target.to_owned());
            }
        }
    });
    let rust_type_names: BTreeSet<String> = components(root, "schemas")
        .into_iter()
        .filter_map(|(_, schema)| schema.get(RUST_TYPE_EXTENSION)?.as_str())
        .flat_map(|rust_type| {
            rust_type
                .split("crate::types::")
                .skip(1)
                .map(|rest| {
                    rest.chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    for kind in KINDS {
        for (name, _) in components(root, kind) {
            let pointer = child(&child("/components", kind), name);
            let prefix = format!("{pointer}/");
            if used
                .iter()
                .any(|it| *it == pointer || it.starts_with(&prefix))
            {
                continue;
            }
            if kind == "schemas" && rust_type_names.contains(&rust_type_name(name)) {
                continue;
            }
            let message = format!(
                "component `{name}` is referenced from nowhere: remove it, or `$ref` it where it is meant to be used"
            );
            findings.push(&RULE, pointer, message);
        }
    }
}
