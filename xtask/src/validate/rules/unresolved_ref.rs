//! `unresolved-ref`: a `$ref` names nothing.
//!
//! ## What it does
//! Checks that every `$ref` is a local reference (`#/…`) to a node that exists.
//!
//! ## Why is this bad?
//! The build fails with an error that names neither the reference nor its line. External
//! references are not bundled by the build.
//!
//! ## Example
//! ```yaml
//! schema:
//!   $ref: '#/components/schemas/Refnd'
//! ```
//!
//! ## Use instead
//! ```yaml
//! schema:
//!   $ref: '#/components/schemas/Refund'
//! ```

use serde_json::Value;

use crate::spec::child;
use crate::validate::openapi::{ref_target, walk};
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "unresolved-ref",
    severity: Severity::Error,
    summary: "a `$ref` is not local or names no node",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    let root = ctx.root();
    walk(root, &mut |pointer, value| {
        let Some(reference) = value.get("$ref") else {
            return;
        };
        let ref_pointer = child(pointer, "$ref");
        let Some(text) = reference.as_str() else {
            let message =
                "`$ref` must be a string such as '#/components/schemas/Name': quote the reference"
                    .to_owned();
            findings.push(&RULE, ref_pointer, message);
            return;
        };
        if !text.starts_with('#') {
            let message = format!(
                "`$ref: {text}` is not a local reference and the build does not bundle files: copy the target into `components` and refer to it as '#/components/…'"
            );
            findings.push(&RULE, ref_pointer, message);
            return;
        }
        if ref_target(root, text).is_none_or(Value::is_null) {
            let message = format!(
                "`$ref: {text}` names nothing in this document: fix the name or add the component"
            );
            findings.push(&RULE, ref_pointer, message);
        }
    });
}
