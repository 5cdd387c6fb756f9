//! Whether two schemas accept the same documents, once every `$ref` is expanded: what decides
//! the wire level of a `$ref` that changes target, and matches renamed parameters.

use serde_json::{Map, Value};

use super::View;
use crate::validate::openapi::{is_extension, ref_pointer, ref_target};

/// Whether two schemas accept the same documents: equal once every `$ref` is expanded and the
/// documentation keywords are dropped.
pub(crate) fn equivalent(base_root: &Value, base: &Value, head_root: &Value, head: &Value) -> bool {
    expand(base_root, base, 0) == expand(head_root, head, 0)
}

/// `schema` with every `$ref` replaced by its target (up to a depth) and documentation dropped.
pub(crate) fn expand(root: &Value, schema: &Value, depth: usize) -> Value {
    match schema {
        Value::Object(map) => {
            if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
                if depth < 8 {
                    if let Some(target) = ref_pointer(reference).and(ref_target(root, reference)) {
                        return expand(root, target, depth + 1);
                    }
                }
            }
            let view = View::new("", schema);
            let mut res = Map::new();
            for (key, value) in &view.map {
                let documentation = matches!(
                    key.as_str(),
                    "description" | "title" | "example" | "examples" | "externalDocs"
                ) || is_extension(key);
                if documentation {
                    continue;
                }
                let value = if key == "properties" {
                    match value {
                        Value::Object(properties) => Value::Object(
                            properties
                                .iter()
                                .map(|(name, it)| (name.clone(), expand(root, it, depth)))
                                .collect(),
                        ),
                        other => other.clone(),
                    }
                } else if matches!(key.as_str(), "enum" | "default" | "required") {
                    value.clone()
                } else {
                    expand(root, value, depth)
                };
                res.insert(key.clone(), value);
            }
            Value::Object(res)
        }
        Value::Array(items) => {
            Value::Array(items.iter().map(|it| expand(root, it, depth)).collect())
        }
        other => other.clone(),
    }
}
