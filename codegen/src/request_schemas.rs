//! The JSON Schema of every operation's request body, for checking requests before they are sent.
//!
//! typify enforces patterns, lengths and enums in the generated types, but not number ranges or
//! array sizes; the client checks the serialized body against these schemas (see
//! `src/request_checks.rs`), and the embedded mock answers 422 with them.

use openapiv3::ReferenceOr;
use serde_json::{json, Map, Value};

use crate::{CodegenError, Spec};

/// `{ "<operationId>": <JSON Schema of its JSON body> }`; each schema carries the spec's
/// `components` so its `$ref`s resolve, with OpenAPI 3.0's `nullable` turned into JSON Schema.
pub fn request_schemas(spec: &Spec) -> Result<Value, CodegenError> {
    let components =
        serde_json::to_value(&spec.openapi.components).map_err(|err| CodegenError::Generator {
            path: spec.path.clone(),
            message: format!("cannot encode the components: {err}"),
        })?;
    let components = json_schema(components);
    let mut res = Map::new();
    for (_, item) in &spec.openapi.paths.paths {
        let Some(item) = item.as_item() else { continue };
        for (_, operation) in item.iter() {
            let Some(id) = &operation.operation_id else {
                continue;
            };
            let Some(ReferenceOr::Item(body)) = &operation.request_body else {
                continue;
            };
            let Some(schema) = body
                .content
                .get("application/json")
                .and_then(|m| m.schema.as_ref())
            else {
                continue;
            };
            let schema = serde_json::to_value(schema).unwrap_or(Value::Null);
            res.insert(
                id.clone(),
                json!({"allOf": [json_schema(schema)], "components": components}),
            );
        }
    }
    Ok(Value::Object(res))
}

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
