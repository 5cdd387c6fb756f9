//! `ref-sibling-keys`: keys written beside a `$ref`.
//!
//! ## What it does
//! Reports objects holding `$ref` and other keys (extensions `x-…` aside).
//!
//! ## Why is this bad?
//! In OpenAPI 3.0 a `$ref` object replaces itself with its target: `nullable`, `description` or
//! `example` written beside it are ignored by progenitor and by every tool, silently.
//!
//! ## Example
//! ```yaml
//! amount:
//!   $ref: '#/components/schemas/Money'
//!   nullable: true
//! ```
//!
//! ## Use instead
//! ```yaml
//! amount:
//!   oneOf:
//!     - $ref: '#/components/schemas/Money'
//!     - enum: [null]   # `nullable` acts only beside `type` (see `nullable-without-type`)
//! ```

use crate::spec::child;
use crate::validate::openapi::{is_extension, walk};
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "ref-sibling-keys",
    severity: Severity::Warning,
    summary: "keys beside a `$ref` (OpenAPI 3.0 ignores them)",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    walk(ctx.root(), &mut |pointer, value| {
        let Some(object) = value.as_object() else {
            return;
        };
        if !object.contains_key("$ref") {
            return;
        }
        for key in object.keys() {
            if key == "$ref" || is_extension(key) {
                continue;
            }
            let message = format!(
                "`{key}` beside `$ref` is ignored in OpenAPI 3.0: move the `$ref` into `allOf: [{{$ref: …}}]` to keep `{key}`, or remove it"
            );
            findings.push(&RULE, child(pointer, key), message);
        }
    });
}
