//! Whether the page's examples validate against the spec's schemas.
//!
//! The JSON Schemas are codegen's: the model's (`api_model`) for request bodies and components, and
//! `json_schema` (the one OpenAPI → JSON Schema conversion) for response schemas.

use apipagos_codegen::{api_model, json_schema, Spec};
use jsonschema::error::ValidationErrorKind;
use openapiv3::Schema;
use serde_json::{json, Value};

use super::page::Example;
use super::{Aspect, Disagreement};

/// The JSON Schemas examples are checked against, converted once per run.
pub(crate) struct ExampleSchemas {
    /// `{operationId: schema}` of the request bodies, each with the components.
    requests: Value,
    /// `{schemas: …}`, converted, for the `$ref`s of all schemas.
    components: Value,
}

impl ExampleSchemas {
    pub(crate) fn new(spec: &Spec) -> anyhow::Result<ExampleSchemas> {
        let model = api_model(spec)?;
        let components = json!({ "schemas": model.component_schemas });
        let requests = model
            .operations
            .iter()
            .filter_map(|op| {
                let body = op.request_body.as_ref()?;
                let schema = json!({"allOf": [body.schema], "components": components});
                Some((op.id.clone(), schema))
            })
            .collect::<serde_json::Map<_, _>>()
            .into();
        Ok(ExampleSchemas {
            requests,
            components,
        })
    }

    /// The request example of operation `id` against its body schema at `pointer`.
    pub(crate) fn request(
        &self,
        id: &str,
        pointer: &str,
        example: &Example,
        found: &mut Vec<Disagreement>,
    ) {
        if let Some(schema) = self.requests.get(id) {
            check(schema, pointer, example, found);
        }
    }

    /// A response example against the response schema at `pointer`.
    pub(crate) fn response(
        &self,
        schema: &Schema,
        pointer: &str,
        example: &Example,
        found: &mut Vec<Disagreement>,
    ) {
        let Ok(schema) = serde_json::to_value(schema) else {
            return;
        };
        let schema = json!({"allOf": [json_schema(schema)], "components": self.components});
        check(&schema, pointer, example, found);
    }
}

fn check(schema: &Value, pointer: &str, example: &Example, found: &mut Vec<Disagreement>) {
    let Some(value) = &example.value else {
        return;
    };
    let Ok(validator) = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .should_validate_formats(true)
        .build(schema)
    else {
        return;
    };
    for err in validator.iter_errors(value) {
        let at = err.instance_path().as_str().to_owned();
        let shown = if at.is_empty() { "(root)" } else { at.as_str() };
        let docs = match err.kind() {
            ValidationErrorKind::Required { property } => {
                format!("example {shown} without {}", short(property))
            }
            _ => format!("example {shown} {}", short(err.instance())),
        };
        found.push(Disagreement {
            aspect: Aspect::Example,
            field: format!("example {shown}"),
            page_line: example.line,
            pointer: pointer.to_owned(),
            docs,
            spec: format!("fails {}", err.kind().keyword()),
        });
    }
}

/// A scalar in at most 40 characters; an object or array as `{…}` / `[…]`.
fn short(value: &Value) -> String {
    let text = match value {
        Value::Object(_) => return "{…}".to_owned(),
        Value::Array(_) => return "[…]".to_owned(),
        other => other.to_string(),
    };
    if text.chars().count() <= 40 {
        text
    } else {
        format!("{}…", text.chars().take(39).collect::<String>())
    }
}
