//! The one conversion of an OpenAPI 3.0 schema into JSON Schema, read by every part that validates
//! values against the spec: the client's request checks and the mock (through the model,
//! [`crate::api_model`]) and `cargo xtask validate`'s example checks.
//!
//! The output is valid JSON Schema in drafts 7 and 2020-12 and means what OpenAPI 3.0.3 means:
//!
//! - `nullable: true` beside `type` adds `"null"` to the type (`type: [t, "null"]`). Without a
//!   `type` in the same schema it has no effect (3.0.3's "clarify nullable"): it does not reach
//!   through `$ref`, `allOf`, `oneOf` or `anyOf`. The other keywords keep their meaning, so a
//!   nullable `enum` admits `null` only when it lists it. (The validate rule
//!   `nullable-without-type` keeps the spec from relying on anything else.)
//! - The boolean `exclusiveMinimum`/`exclusiveMaximum` of 3.0 qualify `minimum`/`maximum`:
//!   `{minimum: 0, exclusiveMinimum: true}` becomes `{exclusiveMinimum: 0}`. A `false` flag, or a
//!   flag without its bound, is dropped.
//! - The siblings of a `$ref` are ignored (3.0 ignores them; draft 2020-12 would not).
//! - `example`, `discriminator`, `xml` and `externalDocs` (OpenAPI annotations) are dropped;
//!   `x-` extensions and JSON Schema annotations (`description`, `default`, `readOnly`…) are kept,
//!   and JSON Schema validators ignore them.
//!
//! - An integer's `format: int32` or `int64` becomes `minimum`/`maximum` bounds where the schema
//!   has none (JSON Schema checks `format` on strings only).
//!
//! Values inside `enum`, `default` and extensions are data, copied as they are.

use serde_json::{Map, Value};

/// The keyword [`json_schema_traced`] writes into each converted schema object: the JSON pointer
/// of the schema it came from. JSON Schema validators ignore it.
pub const SOURCE_KEYWORD: &str = "x-openapi-pointer";

/// OpenAPI annotations that are not JSON Schema keywords; dropped.
const OPENAPI_ONLY: [&str; 4] = ["example", "discriminator", "xml", "externalDocs"];

/// OpenAPI 3.0 schema → JSON Schema (see the module documentation for the rules).
///
/// `$ref`s are kept as they are: the caller puts the converted component schemas where they
/// point (for instance under `components/schemas` of the same resource).
pub fn json_schema(node: Value) -> Value {
    convert(&node, None)
}

/// [`json_schema`], with each converted schema object carrying [`SOURCE_KEYWORD`]: the pointer of
/// its schema in the spec, `pointer` being the pointer of `node`. A validator's error path can
/// then be traced back to the keyword of the spec at fault.
pub fn json_schema_traced(node: &Value, pointer: &str) -> Value {
    convert(node, Some(pointer))
}

fn convert(node: &Value, pointer: Option<&str>) -> Value {
    let Some(object) = node.as_object() else {
        // `true`/`false` schemas (`additionalProperties: false`) and anything malformed.
        return node.clone();
    };
    let mut out = Map::new();
    if let Some(pointer) = pointer {
        out.insert(SOURCE_KEYWORD.to_owned(), Value::String(pointer.to_owned()));
    }
    if let Some(reference) = object.get("$ref") {
        out.insert("$ref".to_owned(), reference.clone());
        return Value::Object(out);
    }
    let below = |key: &str| pointer.map(|it| format!("{it}/{}", escape(key)));
    for (key, value) in object {
        let converted = match key.as_str() {
            "nullable" | "exclusiveMinimum" | "exclusiveMaximum" => continue,
            key if OPENAPI_ONLY.contains(&key) => continue,
            "properties" => match value.as_object() {
                Some(properties) => Value::Object(
                    properties
                        .iter()
                        .map(|(name, schema)| {
                            let at = below(key).map(|it| format!("{it}/{}", escape(name)));
                            (name.clone(), convert(schema, at.as_deref()))
                        })
                        .collect(),
                ),
                None => value.clone(),
            },
            "items" | "additionalProperties" | "not" => convert(value, below(key).as_deref()),
            "allOf" | "anyOf" | "oneOf" => match value.as_array() {
                Some(list) => Value::Array(
                    list.iter()
                        .enumerate()
                        .map(|(idx, schema)| {
                            let at = below(key).map(|it| format!("{it}/{idx}"));
                            convert(schema, at.as_deref())
                        })
                        .collect(),
                ),
                None => value.clone(),
            },
            _ => value.clone(),
        };
        out.insert(key.clone(), converted);
    }
    for (flag, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if object.get(flag) == Some(&Value::Bool(true)) {
            if let Some(limit) = out.remove(bound) {
                out.insert(flag.to_owned(), limit);
            }
        }
    }
    integer_width(object, &mut out);
    if object.get("nullable") == Some(&Value::Bool(true)) {
        if let Some(Value::String(ty)) = out.get("type").cloned() {
            out.insert(
                "type".to_owned(),
                Value::Array(vec![Value::String(ty), Value::String("null".to_owned())]),
            );
        }
    }
    Value::Object(out)
}

/// The bounds of an integer's `format` (`int32`, `int64`), which JSON Schema does not check on
/// numbers: added as `minimum`/`maximum` where the schema sets none (the generated Rust type is
/// `i32`/`i64`, so a wider value could not even be sent).
fn integer_width(object: &Map<String, Value>, out: &mut Map<String, Value>) {
    if object.get("type").and_then(Value::as_str) != Some("integer") {
        return;
    }
    let (min, max) = match object.get("format").and_then(Value::as_str) {
        Some("int32") => (i64::from(i32::MIN), i64::from(i32::MAX)),
        Some("int64") => (i64::MIN, i64::MAX),
        _ => return,
    };
    if !out.contains_key("minimum") && !out.contains_key("exclusiveMinimum") {
        out.insert("minimum".to_owned(), Value::from(min));
    }
    if !out.contains_key("maximum") && !out.contains_key("exclusiveMaximum") {
        out.insert("maximum".to_owned(), Value::from(max));
    }
}

/// `key` as a JSON pointer segment.
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// Converts `schema`, compiles it with the `jsonschema` crate (drafts 7 and 2020-12), and
    /// returns the converted schema and which of `values` it accepts.
    #[track_caller]
    fn check(schema: Value, values: &[Value]) -> (Value, Vec<bool>) {
        let converted = json_schema(schema);
        let mut accepted = Vec::new();
        for draft in [jsonschema::Draft::Draft7, jsonschema::Draft::Draft202012] {
            let validator = jsonschema::options()
                .with_draft(draft)
                .build(&converted)
                .unwrap_or_else(|err| panic!("{draft:?} refuses {converted}: {err}"));
            let verdicts: Vec<bool> = values.iter().map(|it| validator.is_valid(it)).collect();
            if accepted.is_empty() {
                accepted = verdicts;
            } else {
                assert_eq!(accepted, verdicts, "drafts disagree on {converted}");
            }
        }
        (converted, accepted)
    }

    #[test]
    fn int32_gets_its_bounds() {
        let (_, accepted) = check(
            json!({"type": "integer", "format": "int32"}),
            &[
                json!(-2_147_483_648_i64),
                json!(-2_147_483_649_i64),
                json!(2_147_483_648_i64),
            ],
        );
        assert_eq!(accepted, [true, false, false]);
    }

    #[test]
    fn int64_gets_its_bounds_and_keeps_a_tighter_minimum() {
        let (schema, accepted) = check(
            json!({"type": "integer", "format": "int64", "minimum": 1}),
            &[
                json!(1),
                json!(0),
                json!(9_223_372_036_854_775_807_u64),
                json!(9_223_372_036_854_775_808_u64),
            ],
        );
        assert_eq!(schema["minimum"], json!(1));
        assert_eq!(accepted, [true, false, true, false]);
    }

    #[test]
    fn exclusive_minimum_true_makes_minimum_exclusive() {
        let (schema, accepted) = check(
            json!({"type": "number", "minimum": 0, "exclusiveMinimum": true}),
            &[json!(0), json!(0.5), json!(-1)],
        );
        assert_eq!(schema, json!({"type": "number", "exclusiveMinimum": 0}));
        assert_eq!(accepted, [false, true, false]);
    }

    #[test]
    fn exclusive_maximum_true_makes_maximum_exclusive() {
        let (schema, accepted) = check(
            json!({"type": "integer", "maximum": 10, "exclusiveMaximum": true}),
            &[json!(10), json!(9)],
        );
        assert_eq!(schema, json!({"type": "integer", "exclusiveMaximum": 10}));
        assert_eq!(accepted, [false, true]);
    }

    #[test]
    fn exclusive_flag_false_keeps_an_inclusive_bound() {
        let (schema, accepted) = check(
            json!({"type": "number", "minimum": 1, "exclusiveMinimum": false,
                   "maximum": 2, "exclusiveMaximum": false}),
            &[json!(1), json!(2), json!(3)],
        );
        assert_eq!(
            schema,
            json!({"type": "number", "minimum": 1, "maximum": 2})
        );
        assert_eq!(accepted, [true, true, false]);
    }

    #[test]
    fn exclusive_flag_without_its_bound_is_dropped() {
        let (schema, _) = check(
            json!({"type": "number", "exclusiveMinimum": true}),
            &[json!(0)],
        );
        assert_eq!(schema, json!({"type": "number"}));
    }

    #[test]
    fn nullable_beside_type_admits_null() {
        let (schema, accepted) = check(
            json!({"type": "string", "nullable": true}),
            &[json!(null), json!("a"), json!(1)],
        );
        assert_eq!(schema, json!({"type": ["string", "null"]}));
        assert_eq!(accepted, [true, true, false]);
    }

    #[test]
    fn nullable_false_changes_nothing() {
        let (schema, accepted) =
            check(json!({"type": "string", "nullable": false}), &[json!(null)]);
        assert_eq!(schema, json!({"type": "string"}));
        assert_eq!(accepted, [false]);
    }

    #[test]
    fn nullable_enum_admits_null_only_when_listed() {
        let (_, accepted) = check(
            json!({"type": "string", "nullable": true, "enum": ["a"]}),
            &[json!(null), json!("a")],
        );
        assert_eq!(accepted, [false, true]);
        let (_, accepted) = check(
            json!({"type": "string", "nullable": true, "enum": ["a", null]}),
            &[json!(null), json!("a")],
        );
        assert_eq!(accepted, [true, true]);
    }

    #[test]
    fn nullable_without_type_has_no_effect() {
        let (schema, accepted) = check(
            json!({"nullable": true, "allOf": [{"type": "object"}]}),
            &[json!(null), json!({})],
        );
        assert_eq!(schema, json!({"allOf": [{"type": "object"}]}));
        assert_eq!(accepted, [false, true]);
    }

    #[test]
    fn nullable_does_not_reach_through_a_reference() {
        let (_, accepted) = check(
            json!({
                "properties": {"user": {"$ref": "#/$defs/User"}},
                "$defs": {"User": {"type": "object", "nullable": false}},
                "nullable": true,
                "type": "object"
            }),
            &[json!({"user": null}), json!(null), json!({"user": {}})],
        );
        assert_eq!(accepted, [false, true, true]);
    }

    #[test]
    fn a_null_branch_makes_a_reference_nullable() {
        let (_, accepted) = check(
            json!({
                "properties": {
                    "user": {"oneOf": [{"$ref": "#/$defs/User"}, {"enum": [null]}]}
                },
                "$defs": {"User": {"type": "object"}}
            }),
            &[
                json!({"user": null}),
                json!({"user": {}}),
                json!({"user": 1}),
            ],
        );
        assert_eq!(accepted, [true, true, false]);
    }

    #[test]
    fn siblings_of_a_reference_are_ignored() {
        let schema = json!({"$ref": "#/definitions/A", "description": "x", "nullable": true});
        assert_eq!(json_schema(schema), json!({"$ref": "#/definitions/A"}));
    }

    #[test]
    fn openapi_annotations_are_dropped_and_extensions_kept() {
        let (schema, accepted) = check(
            json!({
                "type": "object",
                "example": {"a": 1},
                "discriminator": {"propertyName": "kind"},
                "xml": {"name": "thing"},
                "externalDocs": {"url": "https://example.invalid"},
                "x-apipagos-rust-type": "crate::lenient::Money",
                "description": "A thing.",
                "readOnly": true
            }),
            &[json!({})],
        );
        assert_eq!(
            schema,
            json!({
                "type": "object",
                "x-apipagos-rust-type": "crate::lenient::Money",
                "description": "A thing.",
                "readOnly": true
            })
        );
        assert_eq!(accepted, [true]);
    }

    #[test]
    fn data_is_copied_as_it_is() {
        // A property named `example` or `nullable` is a property, and an `enum`, `default` or
        // extension value is data, not a schema.
        let schema = json!({
            "type": "object",
            "properties": {
                "example": {"type": "string", "example": "x"},
                "nullable": {"type": "boolean"}
            },
            "default": {"example": 1, "nullable": true},
            "enum": [{"example": 1}],
            "x-data": {"example": 1}
        });
        assert_eq!(
            json_schema(schema),
            json!({
                "type": "object",
                "properties": {
                    "example": {"type": "string"},
                    "nullable": {"type": "boolean"}
                },
                "default": {"example": 1, "nullable": true},
                "enum": [{"example": 1}],
                "x-data": {"example": 1}
            })
        );
    }

    #[test]
    fn every_subschema_position_is_converted() {
        let nullable = json!({"type": "integer", "nullable": true, "example": 1});
        let converted = json!({"type": ["integer", "null"]});
        let schema = json!({
            "properties": {"a": nullable},
            "items": nullable,
            "additionalProperties": nullable,
            "not": nullable,
            "allOf": [nullable],
            "anyOf": [nullable],
            "oneOf": [nullable]
        });
        assert_eq!(
            json_schema(schema),
            json!({
                "properties": {"a": converted},
                "items": converted,
                "additionalProperties": converted,
                "not": converted,
                "allOf": [converted],
                "anyOf": [converted],
                "oneOf": [converted]
            })
        );
    }

    #[test]
    fn traced_conversion_marks_each_schema_with_its_pointer() {
        let schema = json!({
            "type": "object",
            "properties": {"a/b": {"type": "string"}, "c": {"$ref": "#/x"}},
            "allOf": [{"type": "object"}],
            "items": false
        });
        assert_eq!(
            json_schema_traced(&schema, "/components/schemas/T"),
            json!({
                SOURCE_KEYWORD: "/components/schemas/T",
                "type": "object",
                "properties": {
                    "a/b": {SOURCE_KEYWORD: "/components/schemas/T/properties/a~1b", "type": "string"},
                    "c": {SOURCE_KEYWORD: "/components/schemas/T/properties/c", "$ref": "#/x"}
                },
                "allOf": [{SOURCE_KEYWORD: "/components/schemas/T/allOf/0", "type": "object"}],
                "items": false
            })
        );
    }
}
