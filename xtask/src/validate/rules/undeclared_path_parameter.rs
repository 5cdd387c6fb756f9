//! `undeclared-path-parameter`: a `{name}` of the path template has no path parameter.
//!
//! ## What it does
//! For every operation, checks that each `{name}` in its path has a parameter `in: path` with
//! that name, declared on the operation or on its path item.
//!
//! ## Why is this bad?
//! The generated method has no argument for that part of the URL and sends the literal
//! `{name}` to the server.
//!
//! ## Example
//! ```yaml
//! /refunds/{code}:
//!   get:
//!     operationId: get_refund
//! ```
//!
//! ## Use instead
//! ```yaml
//! /refunds/{code}:
//!   parameters:
//!     - $ref: '#/components/parameters/CodePath'
//!   get:
//!     operationId: get_refund
//! ```

use crate::validate::openapi::{effective_parameters, operations};
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "undeclared-path-parameter",
    severity: Severity::Error,
    summary: "a `{name}` of the path template has no `in: path` parameter",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    let root = ctx.root();
    for op in operations(root) {
        let declared = effective_parameters(root, &op);
        for name in template_names(op.path) {
            if declared
                .iter()
                .any(|it| it.location == "path" && it.name == name)
            {
                continue;
            }
            let message = format!(
                "`{{{name}}}` in `{}` has no parameter: declare `{{name: {name}, in: path, required: true, schema: …}}` on the path item or the operation",
                op.path,
            );
            findings.push(&RULE, op.pointer.clone(), message);
        }
    }
}

/// The `{name}`s of a path template, in order.
pub(crate) fn template_names(path: &str) -> Vec<&str> {
    let mut res = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            break;
        };
        res.push(&after[..end]);
        rest = &after[end + 1..];
    }
    res
}
