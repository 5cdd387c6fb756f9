//! Deserializing the document as `openapiv3::OpenAPI`, with the node at fault located.
//!
//! `openapiv3` wraps most objects in an untagged `ReferenceOr`, and serde reports a failure
//! inside one only as "data did not match any variant" of the whole map. So when the document
//! fails, each object behind a `ReferenceOr` is deserialized alone, descending into the first
//! that fails, to point at the deepest node that does not fit.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::openapi::{is_extension, METHODS};
use super::StructureError;
use crate::spec::child;

/// Reads the document as OpenAPI 3.0.
pub(crate) fn deserialize(value: &Value) -> Result<openapiv3::OpenAPI, StructureError> {
    let err = match read::<openapiv3::OpenAPI>("", value) {
        Ok(openapi) => return Ok(openapi),
        Err(err) => err,
    };
    let mut nodes = Vec::new();
    if let Some(paths) = value.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            nodes.push((Kind::PathItem, child("/paths", path), item));
        }
    }
    let kinds = [
        ("schemas", Kind::Schema),
        ("responses", Kind::Response),
        ("parameters", Kind::Parameter),
        ("examples", Kind::Example),
        ("requestBodies", Kind::RequestBody),
        ("headers", Kind::Header),
        ("securitySchemes", Kind::SecurityScheme),
    ];
    for (name, kind) in kinds {
        let Some(map) = value
            .get("components")
            .and_then(|it| it.get(name))
            .and_then(Value::as_object)
        else {
            continue;
        };
        for (key, entry) in map {
            nodes.push((kind, child(&child("/components", name), key), entry));
        }
    }
    let deepest = nodes
        .into_iter()
        .find_map(|(kind, pointer, node)| check(kind, &pointer, node));
    Err(deepest.unwrap_or(err))
}

/// The OpenAPI objects that sit behind an untagged `ReferenceOr`.
#[derive(Clone, Copy)]
enum Kind {
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Response,
    MediaType,
    Header,
    Example,
    Schema,
    SecurityScheme,
}

/// The deepest error of `value` read as `kind`, or `None` when it reads.
fn check(kind: Kind, pointer: &str, value: &Value) -> Option<StructureError> {
    // A reference reads as a reference; whether it resolves is `unresolved-ref`'s business.
    if value.get("$ref").is_some() {
        return None;
    }
    let res = match kind {
        Kind::PathItem => read::<openapiv3::PathItem>(pointer, value).err(),
        Kind::Operation => read::<openapiv3::Operation>(pointer, value).err(),
        Kind::Parameter => read::<openapiv3::Parameter>(pointer, value).err(),
        Kind::RequestBody => read::<openapiv3::RequestBody>(pointer, value).err(),
        Kind::Response => read::<openapiv3::Response>(pointer, value).err(),
        Kind::MediaType => read::<openapiv3::MediaType>(pointer, value).err(),
        Kind::Header => read::<openapiv3::Header>(pointer, value).err(),
        Kind::Example => read::<openapiv3::Example>(pointer, value).err(),
        Kind::Schema => read::<openapiv3::Schema>(pointer, value).err(),
        Kind::SecurityScheme => read::<openapiv3::SecurityScheme>(pointer, value).err(),
    };
    let err = res?;
    let deeper = children(kind, pointer, value)
        .into_iter()
        .find_map(|(kind, pointer, node)| check(kind, &pointer, node));
    Some(deeper.unwrap_or(err))
}

/// The nodes inside `value` that are themselves behind a `ReferenceOr`.
fn children<'a>(kind: Kind, pointer: &str, value: &'a Value) -> Vec<(Kind, String, &'a Value)> {
    let mut res = Vec::new();
    let mut map_of = |key: &str, kind: Kind| {
        if let Some(map) = value.get(key).and_then(Value::as_object) {
            let map_pointer = child(pointer, key);
            for (name, node) in map {
                if !is_extension(name) {
                    res.push((kind, child(&map_pointer, name), node));
                }
            }
        }
    };
    match kind {
        Kind::PathItem => {
            for method in METHODS {
                if let Some(op) = value.get(method) {
                    res.push((Kind::Operation, child(pointer, method), op));
                }
            }
        }
        Kind::Operation => {
            map_of("responses", Kind::Response);
            if let Some(body) = value.get("requestBody") {
                res.push((Kind::RequestBody, child(pointer, "requestBody"), body));
            }
        }
        Kind::RequestBody => map_of("content", Kind::MediaType),
        Kind::Response => {
            map_of("content", Kind::MediaType);
            map_of("headers", Kind::Header);
        }
        Kind::MediaType | Kind::Parameter | Kind::Header => {
            map_of("examples", Kind::Example);
            if let Some(schema) = value.get("schema") {
                res.push((Kind::Schema, child(pointer, "schema"), schema));
            }
        }
        Kind::Schema => {
            map_of("properties", Kind::Schema);
            for key in ["items", "additionalProperties", "not"] {
                if let Some(node) = value.get(key).filter(|it| it.is_object()) {
                    res.push((Kind::Schema, child(pointer, key), node));
                }
            }
            for key in ["allOf", "anyOf", "oneOf"] {
                if let Some(list) = value.get(key).and_then(Value::as_array) {
                    let list_pointer = child(pointer, key);
                    for (idx, node) in list.iter().enumerate() {
                        res.push((Kind::Schema, child(&list_pointer, &idx.to_string()), node));
                    }
                }
            }
        }
        Kind::Example | Kind::SecurityScheme => {}
    }
    if let Some(list) = value.get("parameters").and_then(Value::as_array) {
        let list_pointer = child(pointer, "parameters");
        for (idx, node) in list.iter().enumerate() {
            res.push((
                Kind::Parameter,
                child(&list_pointer, &idx.to_string()),
                node,
            ));
        }
    }
    res
}

/// `value` as `T`; an error names its node as `pointer` + the path serde reports.
fn read<T: DeserializeOwned>(pointer: &str, value: &Value) -> Result<T, StructureError> {
    serde_path_to_error::deserialize(value).map_err(|err| {
        let mut res = pointer.to_owned();
        for segment in err.path().iter() {
            let segment = match segment {
                serde_path_to_error::Segment::Seq { index } => index.to_string(),
                serde_path_to_error::Segment::Map { key } => key.clone(),
                serde_path_to_error::Segment::Enum { variant } => variant.clone(),
                serde_path_to_error::Segment::Unknown => continue,
            };
            res = child(&res, &segment);
        }
        StructureError {
            pointer: res,
            message: err.into_inner().to_string(),
        }
    })
}
