//! `duplicate-enum-value`: an `enum` lists a value twice.
//!
//! ## What it does
//! Reports repeated values in an `enum`.
//!
//! ## Why is this bad?
//! typify cannot name two variants alike: the build panics with "Failed to make unique variant
//! names" and no operation name. The repetition usually hides a typo, too.
//!
//! ## Example
//! ```yaml
//! enum: [showHelp, stopExecution, showHelp]
//! ```
//!
//! ## Use instead
//! ```yaml
//! enum: [showHelp, stopExecution, none]
//! ```

use serde_json::Value;

use crate::spec::child;
use crate::validate::openapi::{all_schemas, short};
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "duplicate-enum-value",
    severity: Severity::Error,
    summary: "an `enum` lists a value twice (progenitor panics on string enums)",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    for (pointer, schema) in all_schemas(ctx.root()) {
        let Some(values) = schema.get("enum").and_then(Value::as_array) else {
            continue;
        };
        let enum_pointer = child(&pointer, "enum");
        for (idx, value) in values.iter().enumerate() {
            let Some(first) = values[..idx].iter().position(|it| it == value) else {
                continue;
            };
            let message = format!(
                "enum value {} repeats entry {first} of the same list (progenitor panics on it): remove it or correct the typo",
                short(value),
            );
            findings.push(&RULE, child(&enum_pointer, &idx.to_string()), message);
        }
    }
}
