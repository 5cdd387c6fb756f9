//! `nullable-without-type`: a schema says `nullable: true` with no `type` beside it.
//!
//! ## What it does
//! Checks that every `nullable: true` sits in a schema that also has a `type` (a `$ref` with
//! siblings is `ref-sibling-keys`' business).
//!
//! ## Why is this bad?
//! OpenAPI 3.0.3 adopted the "clarify nullable" reading: `nullable: true` adds `null` to the
//! `type` of the same schema and does nothing else; it does not reach through `allOf`, `oneOf`,
//! `anyOf` or `$ref`. Redocly and Spectral refuse such a schema ("nullable cannot be used without
//! type") and then check none of the examples that use it, while progenitor reads it the older
//! way and makes the value optional: the tools stop agreeing on what the spec admits.
//!
//! ## Example
//! ```yaml
//! dst_user:
//!   nullable: true
//!   allOf:
//!     - $ref: '#/components/schemas/User'
//! ```
//!
//! ## Use instead
//! ```yaml
//! dst_user:
//!   oneOf:
//!     - $ref: '#/components/schemas/User'
//!     - enum: [null]   # OpenAPI 3.0 has no null type: the schema admitting only `null`
//! ```

use serde_json::Value;

use crate::spec::child;
use crate::validate::openapi::all_schemas;
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "nullable-without-type",
    severity: Severity::Error,
    summary: "`nullable: true` without a `type` in the same schema (OpenAPI 3.0.3 ignores it)",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    for (pointer, schema) in all_schemas(ctx.root()) {
        if schema.get("nullable") != Some(&Value::Bool(true))
            || schema.get("type").is_some()
            || schema.get("$ref").is_some()
        {
            continue;
        }
        let message = "`nullable: true` has no `type` beside it, so OpenAPI 3.0.3 ignores it and other linters refuse the schema: add the `type`, or admit `null` with a `oneOf` branch `{enum: [null]}`".to_owned();
        findings.push(&RULE, child(&pointer, "nullable"), message);
    }
}
