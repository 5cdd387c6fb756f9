//! `enum-value-type-mismatch`: an `enum` value is not of the schema's `type`.
//!
//! ## What it does
//! Checks each value of an `enum` against the schema's `type` (`null` is allowed when the schema
//! is `nullable`).
//!
//! ## Why is this bad?
//! typify generates the enum from its values: a `"1"` in an integer enum is either dropped or
//! turns the whole type into something else, and no valid value can match it.
//!
//! ## Example
//! ```yaml
//! type: integer
//! enum: [0, 1, '2']
//! ```
//!
//! ## Use instead
//! ```yaml
//! type: integer
//! enum: [0, 1, 2]
//! ```

use serde_json::Value;

use crate::spec::child;
use crate::validate::openapi::{all_schemas, short};
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "enum-value-type-mismatch",
    severity: Severity::Error,
    summary: "an `enum` value is not of the schema's `type`",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    for (pointer, schema) in all_schemas(ctx.root()) {
        let (Some(values), Some(ty)) = (
            schema.get("enum").and_then(Value::as_array),
            schema.get("type").and_then(Value::as_str),
        ) else {
            continue;
        };
        let nullable = schema.get("nullable") == Some(&Value::Bool(true));
        let enum_pointer = child(&pointer, "enum");
        for (idx, value) in values.iter().enumerate() {
            if (value.is_null() && nullable) || has_type(value, ty) {
                continue;
            }
            let message = format!(
                "enum value {} is not of type `{ty}`: write it as {ty}, or fix the schema's `type`",
                short(value),
            );
            findings.push(&RULE, child(&enum_pointer, &idx.to_string()), message);
        }
    }
}

fn has_type(value: &Value, ty: &str) -> bool {
    match ty {
        "string" => value.is_string(),
        "integer" => {
            value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|it| it.fract() == 0.0)
        }
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        _ => true,
    }
}
