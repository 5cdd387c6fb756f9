//! `scalar-any-of`: an `anyOf` whose branches are all scalar types.
//!
//! ## What it does
//! Reports `anyOf` lists whose branches (through `$ref`) are all `string`, `number`, `integer`
//! or `boolean` schemas, outside schemas replaced by an `x-apipagos-rust-type`.
//!
//! ## Why is this bad?
//! typify generates a struct of optional flattened fields for `anyOf`, which cannot decode a
//! scalar: it compiles, then fails at run time on every value.
//!
//! ## Example
//! ```yaml
//! amount:
//!   anyOf:
//!     - type: string
//!     - type: number
//! ```
//!
//! ## Use instead
//! Use `oneOf` (an untagged enum), or a component with a hand-written lenient type
//! (`x-apipagos-rust-type: crate::lenient::Money`).

use serde_json::Value;

use crate::spec::child;
use crate::validate::openapi::{all_schemas, is_replaced, resolve};
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "scalar-any-of",
    severity: Severity::Error,
    summary: "an `anyOf` of scalar types (generated code fails at run time)",
    check: Check::Document(check),
};

const SCALARS: [&str; 4] = ["string", "number", "integer", "boolean"];

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    let root = ctx.root();
    for (pointer, schema) in all_schemas(root) {
        let Some(branches) = schema.get("anyOf").and_then(Value::as_array) else {
            continue;
        };
        if branches.is_empty() || is_replaced(root, &pointer) {
            continue;
        }
        let all_scalar = branches.iter().all(|branch| {
            let (_, branch) = resolve(root, "", branch);
            branch
                .get("type")
                .and_then(Value::as_str)
                .is_some_and(|it| SCALARS.contains(&it))
        });
        if !all_scalar {
            continue;
        }
        let message = "`anyOf` of scalar types compiles to a struct that cannot decode a scalar: use `oneOf`, or a component with an `x-apipagos-rust-type` lenient type".to_owned();
        findings.push(&RULE, child(&pointer, "anyOf"), message);
    }
}
