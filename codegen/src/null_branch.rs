//! The `null` branch of a `oneOf`/`anyOf`: OpenAPI 3.0 has no `null` type and `nullable` acts
//! only beside `type`, so the spec admits `null` beside a `$ref` with a branch `{enum: [null]}`
//! (see the validate rule `nullable-without-type`). One definition for the readers of the JSON
//! document (`cargo xtask diff`) and of the typed one (`cargo xtask docs-check`).

use openapiv3::{AnySchema, Schema, SchemaData, SchemaKind};
use serde_json::Value;

/// Whether an `enum` admits `null` and nothing else (`[null]`, `[null, null]`; not `[]`).
pub fn admits_only_null(enumeration: &[Value]) -> bool {
    !enumeration.is_empty() && enumeration.iter().all(Value::is_null)
}

/// Whether the schema node `schema` of the JSON document is the `null` branch: an `enum` that
/// admits only `null`, with nothing beside it but `nullable` and documentation (`description`,
/// `title`, `x-…` extensions).
pub fn is_null_branch(schema: &Value) -> bool {
    let Some(map) = schema.as_object() else {
        return false;
    };
    let beside_allowed = |key: &str| {
        matches!(key, "enum" | "nullable" | "description" | "title") || key.starts_with("x-")
    };
    map.get("enum")
        .and_then(Value::as_array)
        .is_some_and(|values| admits_only_null(values))
        && map.keys().all(|key| beside_allowed(key))
}

/// [`is_null_branch`], for a schema of the typed document (`openapiv3` reads `{enum: [null]}`
/// as a [`SchemaKind::Any`]).
pub fn is_null_branch_schema(schema: &Schema) -> bool {
    let SchemaKind::Any(any) = &schema.schema_kind else {
        return false;
    };
    if !admits_only_null(&any.enumeration) {
        return false;
    }
    // Cloned only once the `enum` matched: a branch of a few keys.
    let enum_alone = AnySchema {
        enumeration: Vec::new(),
        ..any.clone()
    } == AnySchema::default();
    let documentation_alone = SchemaData {
        nullable: false,
        title: None,
        description: None,
        extensions: Default::default(),
        ..schema.schema_data.clone()
    } == SchemaData::default();
    enum_alone && documentation_alone
}

#[cfg(test)]
mod tests {
    use super::{admits_only_null, is_null_branch, is_null_branch_schema};
    use serde_json::{json, Value};

    /// Both readers give `expected` for the schema written as `yaml`.
    #[track_caller]
    fn check(yaml: &str, expected: bool) {
        let value: Value = serde_yaml::from_str(yaml).unwrap();
        let schema: openapiv3::Schema = serde_yaml::from_str(yaml).unwrap();
        assert_eq!(is_null_branch(&value), expected, "JSON document: {yaml}");
        assert_eq!(
            is_null_branch_schema(&schema),
            expected,
            "typed document: {yaml}"
        );
    }

    #[test]
    fn the_null_enum_with_documentation_is_the_null_branch() {
        check("{enum: [null]}", true);
        check("{enum: [null, null]}", true);
        check(
            "{enum: [null], nullable: true, description: Cleared, title: None, x-note: 1}",
            true,
        );
    }

    #[test]
    fn other_enums_and_keywords_are_not() {
        check("{enum: []}", false);
        check("{enum: [null, a]}", false);
        check("{enum: [a]}", false);
        check("{type: string, enum: [null]}", false);
        check("{enum: [null], minLength: 1}", false);
        check("{enum: [null], readOnly: true}", false);
        check("{enum: [null], properties: {a: {type: string}}}", false);
        check("{type: object}", false);
        check("{}", false);
    }

    #[test]
    fn only_a_non_empty_enum_of_nulls_admits_only_null() {
        assert!(admits_only_null(&[json!(null)]));
        assert!(!admits_only_null(&[]));
        assert!(!admits_only_null(&[json!(null), json!(0)]));
        assert!(!is_null_branch(&json!([null])), "not a schema object");
    }
}
