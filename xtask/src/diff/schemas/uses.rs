//! Which operations use each component schema, and in which direction.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{component_of, operation_name};
use crate::diff::{Direction, Use};
use crate::spec::child;
use crate::validate::openapi::{
    effective_parameters, json_media, operations, reachable_schemas, request_body, resolve,
    responses,
};

/// Component schema name → the operations that use it (through any chain of `$ref`s), with the
/// direction: parameters and request bodies are sent, responses are received.
pub(crate) fn usage(root: &Value) -> BTreeMap<String, BTreeSet<Use>> {
    let mut res: BTreeMap<String, BTreeSet<Use>> = BTreeMap::new();
    for op in operations(root) {
        let id = operation_name(op.value, op.method, op.path);
        let mut request = Vec::new();
        for param in effective_parameters(root, &op) {
            let Some(entry) = root.pointer(&param.pointer) else {
                continue;
            };
            let (pointer, value) = resolve(root, &param.pointer, entry);
            if let Some(schema) = value.get("schema") {
                request.push((child(&pointer, "schema"), schema));
            }
        }
        if let Some((pointer, body)) = request_body(root, &op) {
            if let Some((media_pointer, media)) = json_media(&pointer, body) {
                if let Some(schema) = media.get("schema") {
                    request.push((child(&media_pointer, "schema"), schema));
                }
            }
        }
        let mut response = Vec::new();
        for it in responses(root, &op) {
            if let Some((media_pointer, media)) = json_media(&it.value_pointer, it.value) {
                if let Some(schema) = media.get("schema") {
                    response.push((child(&media_pointer, "schema"), schema));
                }
            }
        }
        for (direction, starts) in [
            (Direction::Request, request),
            (Direction::Response, response),
        ] {
            for pointer in reachable_schemas(root, starts).into_keys() {
                if let Some(name) = component_of(&pointer) {
                    res.entry(name)
                        .or_default()
                        .insert(Use::new(id.clone(), direction));
                }
            }
        }
    }
    res
}
