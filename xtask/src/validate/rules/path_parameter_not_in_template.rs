//! `path-parameter-not-in-template`: a path parameter has no `{name}` in the path.
//!
//! ## What it does
//! For every operation, checks that each parameter `in: path` that applies to it (its own or
//! its path item's) appears as `{name}` in the path template.
//!
//! ## Why is this bad?
//! The generated method takes an argument that goes nowhere; usually the parameter or the
//! template is misspelt (`{codigo}` against `code`).
//!
//! ## Example
//! ```yaml
//! /refunds/{codigo}:
//!   parameters:
//!     - {name: code, in: path, required: true, schema: {type: string}}
//! ```
//!
//! ## Use instead
//! ```yaml
//! /refunds/{code}:
//!   parameters:
//!     - {name: code, in: path, required: true, schema: {type: string}}
//! ```

use super::undeclared_path_parameter::template_names;
use crate::validate::openapi::{effective_parameters, operations};
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "path-parameter-not-in-template",
    severity: Severity::Error,
    summary: "an `in: path` parameter has no `{name}` in the path template",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    let root = ctx.root();
    for op in operations(root) {
        let names = template_names(op.path);
        for param in effective_parameters(root, &op) {
            if param.location != "path" || names.contains(&param.name) {
                continue;
            }
            let message = format!(
                "path parameter `{}` does not appear in `{}`: add `{{{}}}` to the path or remove the parameter",
                param.name, op.path, param.name,
            );
            findings.push(&RULE, param.pointer.clone(), message);
        }
    }
}
