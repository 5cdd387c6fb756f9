//! The one conversion of OpenAPI 3.0 schemas to JSON Schema, used by the model of the spec
//! ([`crate::api_model`]) for the request checks of the client and of the mock.

use serde_json::{json, Map, Value};

/// OpenAPI 3.0 schema → JSON Schema: `nullable: true` admits `null`; examples are dropped.
pub fn json_schema(node: Value) -> Value {
    match node {
        Value::Array(items) => Value::Array(items.into_iter().map(json_schema).collect()),
        Value::Object(mut map) => {
            map.remove("example");
            let nullable = map.remove("nullable") == Some(Value::Bool(true));
            let mut map: Map<String, Value> =
                map.into_iter().map(|(k, v)| (k, json_schema(v))).collect();
            if !nullable {
                return Value::Object(map);
            }
            match map.get("type").cloned() {
                Some(Value::String(ty)) => {
                    map.insert("type".to_owned(), json!([ty, "null"]));
                    if let Some(Value::Array(values)) = map.get_mut("enum") {
                        values.push(Value::Null);
                    }
                    Value::Object(map)
                }
                _ => json!({"anyOf": [Value::Object(map), {"type": "null"}]}),
            }
        }
        other => other,
    }
}
