//! The JSON Schema of every operation's request body, for checking requests before they are sent.
//!
//! typify enforces patterns, lengths and enums in the generated types, but not number ranges or
//! array sizes; the client checks the serialized body against these schemas (see
//! `src/request_checks.rs`), and the embedded mock answers 422 with them.

use openapiv3::ReferenceOr;
use serde_json::{json, Map, Value};

use crate::{json_schema, CodegenError, Spec};

/// `{ "<operationId>": <JSON Schema of its JSON body> }`; each schema carries the spec's component
/// schemas under `components/schemas` so its `$ref`s resolve, all converted by [`json_schema`].
pub fn request_schemas(spec: &Spec) -> Result<Value, CodegenError> {
    let mut schemas = Map::new();
    for (name, schema) in spec
        .openapi
        .components
        .iter()
        .flat_map(|components| &components.schemas)
    {
        schemas.insert(name.clone(), json_schema(encode(spec, schema)?));
    }
    let components = json!({ "schemas": schemas });
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
            res.insert(
                id.clone(),
                json!({"allOf": [json_schema(encode(spec, schema)?)], "components": components}),
            );
        }
    }
    Ok(Value::Object(res))
}

/// A schema of the typed spec as JSON.
fn encode(spec: &Spec, schema: &ReferenceOr<openapiv3::Schema>) -> Result<Value, CodegenError> {
    serde_json::to_value(schema).map_err(|err| CodegenError::Generator {
        path: spec.path.clone(),
        message: format!("cannot encode a schema: {err}"),
    })
}
