//! Reading an OpenAPI 3.0 document as JSON, with the pointer of every node: operations,
//! parameters, responses, media types, schemas, references.
//!
//! The rules read the raw JSON rather than `openapiv3` types so that every finding can name the
//! node at fault, and so that they still run on a document that does not deserialize.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::spec::child;

/// The HTTP methods of a path item, in the order OpenAPI lists them.
pub(crate) const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The shared error responses every operation refers to for `4XX` and `5XX`.
pub(crate) const SHARED_ERROR_RESPONSES: [&str; 2] = [
    "#/components/responses/ClientError",
    "#/components/responses/ServerError",
];

/// The shared error body schema.
pub(crate) const ERROR_BODY: &str = "#/components/schemas/ErrorBody";

/// The provenance extension on every operation.
pub(crate) const DOCS_EXTENSION: &str = "x-apipagos-docs";

/// The extension naming the hand-written Rust type of a component schema.
pub(crate) const RUST_TYPE_EXTENSION: &str = apipagos_codegen::RUST_TYPE_EXTENSION;

/// An operation of the document.
pub(crate) struct Operation<'a> {
    /// `/paths/~1refunds/post`.
    pub(crate) pointer: String,
    /// `/refunds`.
    pub(crate) path: &'a str,
    /// `post`.
    pub(crate) method: &'static str,
    pub(crate) value: &'a Value,
    /// The path item holding it.
    pub(crate) item: &'a Value,
    /// `/paths/~1refunds`.
    pub(crate) item_pointer: String,
}

/// A parameter, resolved through its `$ref`.
pub(crate) struct Parameter<'a> {
    /// The entry in its list (where a `$ref` is written).
    pub(crate) pointer: String,
    pub(crate) name: &'a str,
    /// `path`, `query`, `header` or `cookie`.
    pub(crate) location: &'a str,
}

/// A response of an operation, resolved through its `$ref`.
pub(crate) struct Response<'a> {
    /// `200`, `4XX`, `default`.
    pub(crate) status: &'a str,
    /// The entry in the operation's `responses`.
    pub(crate) pointer: String,
    /// The response object (the `$ref` target when it is a reference).
    pub(crate) value: &'a Value,
    /// Where `value` is.
    pub(crate) value_pointer: String,
}

/// A media type object (`content/<media type>`) of a request body or response.
pub(crate) struct MediaType<'a> {
    pub(crate) pointer: String,
    pub(crate) value: &'a Value,
    /// It belongs to a 2xx response of some operation.
    pub(crate) success_response: bool,
}

/// Every operation, in document order of paths and methods; `$ref` path items are skipped.
pub(crate) fn operations(root: &Value) -> Vec<Operation<'_>> {
    let mut res = Vec::new();
    let Some(paths) = root.get("paths").and_then(Value::as_object) else {
        return res;
    };
    for (path, item) in paths {
        if item.get("$ref").is_some() {
            continue;
        }
        let item_pointer = child("/paths", path);
        for method in METHODS {
            let Some(value) = item.get(method).filter(|it| it.is_object()) else {
                continue;
            };
            res.push(Operation {
                pointer: child(&item_pointer, method),
                path,
                method,
                value,
                item,
                item_pointer: item_pointer.clone(),
            });
        }
    }
    res
}

/// `#/components/schemas/Money` → `/components/schemas/Money`; `None` for a non-local reference.
pub(crate) fn ref_pointer(reference: &str) -> Option<&str> {
    reference.strip_prefix('#')
}

/// The node a `$ref` names, if it exists.
pub(crate) fn ref_target<'a>(root: &'a Value, reference: &str) -> Option<&'a Value> {
    let pointer = ref_pointer(reference)?;
    if pointer.is_empty() {
        return Some(root);
    }
    root.pointer(pointer)
}

/// Follows `$ref`s from `value` (at `pointer`) to the object they name; stops at a reference
/// that does not resolve (and returns it).
pub(crate) fn resolve<'a>(root: &'a Value, pointer: &str, value: &'a Value) -> (String, &'a Value) {
    let mut pointer = pointer.to_owned();
    let mut value = value;
    for _ in 0..16 {
        let Some(reference) = value.get("$ref").and_then(Value::as_str) else {
            break;
        };
        let (Some(target_pointer), Some(target)) =
            (ref_pointer(reference), ref_target(root, reference))
        else {
            break;
        };
        pointer = target_pointer.to_owned();
        value = target;
    }
    (pointer, value)
}

/// The parameters of one list (`parameters` of a path item or operation), resolved.
pub(crate) fn parameter_list<'a>(
    root: &'a Value,
    owner_pointer: &str,
    owner: &'a Value,
) -> Vec<Parameter<'a>> {
    let list_pointer = child(owner_pointer, "parameters");
    let Some(list) = owner.get("parameters").and_then(Value::as_array) else {
        return Vec::new();
    };
    list.iter()
        .enumerate()
        .map(|(idx, entry)| {
            let pointer = child(&list_pointer, &idx.to_string());
            let (_, value) = resolve(root, &pointer, entry);
            Parameter {
                pointer,
                name: value.get("name").and_then(Value::as_str).unwrap_or(""),
                location: value.get("in").and_then(Value::as_str).unwrap_or(""),
            }
        })
        .collect()
}

/// The parameters that apply to `op`: those of its path item, overridden by its own (same name
/// and location).
pub(crate) fn effective_parameters<'a>(root: &'a Value, op: &Operation<'a>) -> Vec<Parameter<'a>> {
    let own = parameter_list(root, &op.pointer, op.value);
    let mut res: Vec<Parameter<'a>> = parameter_list(root, &op.item_pointer, op.item)
        .into_iter()
        .filter(|shared| {
            !own.iter()
                .any(|it| it.name == shared.name && it.location == shared.location)
        })
        .collect();
    res.extend(own);
    res
}

/// The responses of `op`, resolved.
pub(crate) fn responses<'a>(root: &'a Value, op: &Operation<'a>) -> Vec<Response<'a>> {
    let responses_pointer = child(&op.pointer, "responses");
    let Some(responses) = op.value.get("responses").and_then(Value::as_object) else {
        return Vec::new();
    };
    responses
        .iter()
        .filter(|(status, _)| !is_extension(status))
        .map(|(status, entry)| {
            let pointer = child(&responses_pointer, status);
            let (value_pointer, value) = resolve(root, &pointer, entry);
            Response {
                status,
                pointer,
                value,
                value_pointer,
            }
        })
        .collect()
}

/// `200`..`299` or `2XX`.
pub(crate) fn is_success(status: &str) -> bool {
    status.starts_with('2')
}

/// `400`..`599`, `4XX`, `5XX`.
pub(crate) fn is_error(status: &str) -> bool {
    status.starts_with('4') || status.starts_with('5')
}

/// The `application/json` media type of a response or request body (`application/json; …`
/// included), as progenitor picks it.
pub(crate) fn json_media<'a>(owner_pointer: &str, owner: &'a Value) -> Option<(String, &'a Value)> {
    let content = owner.get("content")?.as_object()?;
    content
        .iter()
        .find(|(key, _)| *key == "application/json" || key.starts_with("application/json;"))
        .map(|(key, value)| (child(&child(owner_pointer, "content"), key), value))
}

/// Every media type object of the document (request bodies and responses, in operations and in
/// components); those of 2xx responses of an operation are marked.
pub(crate) fn media_types(root: &Value) -> Vec<MediaType<'_>> {
    let mut owners: BTreeMap<String, (&Value, bool)> = BTreeMap::new();
    for op in operations(root) {
        if let Some(body) = op.value.get("requestBody") {
            let (pointer, value) = resolve(root, &child(&op.pointer, "requestBody"), body);
            owners.entry(pointer).or_insert((value, false));
        }
        for response in responses(root, &op) {
            let success = is_success(response.status);
            let entry = owners
                .entry(response.value_pointer.clone())
                .or_insert((response.value, false));
            entry.1 |= success;
        }
    }
    for kind in ["requestBodies", "responses"] {
        for (name, value) in components(root, kind) {
            let pointer = child(&child("/components", kind), name);
            if value.get("$ref").is_none() {
                owners.entry(pointer).or_insert((value, false));
            }
        }
    }
    let mut res = Vec::new();
    for (owner_pointer, (owner, success_response)) in owners {
        if owner.get("$ref").is_some() {
            continue;
        }
        let Some(content) = owner.get("content").and_then(Value::as_object) else {
            continue;
        };
        let content_pointer = child(&owner_pointer, "content");
        for (media, value) in content {
            res.push(MediaType {
                pointer: child(&content_pointer, media),
                value,
                success_response,
            });
        }
    }
    res
}

/// Every parameter and header object defined in the document (not `$ref` entries), with its
/// pointer.
pub(crate) fn parameter_like<'a>(root: &'a Value) -> Vec<(String, &'a Value)> {
    let mut res = Vec::new();
    let mut push = |pointer: String, value: &'a Value| {
        if value.is_object() && value.get("$ref").is_none() {
            res.push((pointer, value));
        }
    };
    for kind in ["parameters", "headers"] {
        for (name, value) in components(root, kind) {
            push(child(&child("/components", kind), name), value);
        }
    }
    if let Some(paths) = root.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            let item_pointer = child("/paths", path);
            for param in parameter_list(root, &item_pointer, item) {
                let entry = item_parameter(item, &param.pointer);
                push(param.pointer, entry);
            }
        }
    }
    for op in operations(root) {
        for param in parameter_list(root, &op.pointer, op.value) {
            push(
                param.pointer.clone(),
                item_parameter(op.value, &param.pointer),
            );
        }
    }
    let mut headers = Vec::new();
    let mut response_owners: Vec<(String, &Value)> = Vec::new();
    for op in operations(root) {
        for response in responses(root, &op) {
            if response.value_pointer.starts_with("/paths/") {
                response_owners.push((response.value_pointer, response.value));
            }
        }
    }
    for (name, value) in components(root, "responses") {
        response_owners.push((child("/components/responses", name), value));
    }
    for (pointer, response) in response_owners {
        if let Some(map) = response.get("headers").and_then(Value::as_object) {
            for (name, header) in map {
                headers.push((child(&child(&pointer, "headers"), name), header));
            }
        }
    }
    for (pointer, header) in headers {
        push(pointer, header);
    }
    res
}

/// The raw list entry at `pointer` (whose last segment is its index) of `owner.parameters`.
fn item_parameter<'a>(owner: &'a Value, pointer: &str) -> &'a Value {
    let idx: usize = pointer
        .rsplit('/')
        .next()
        .and_then(|it| it.parse().ok())
        .unwrap_or(usize::MAX);
    owner
        .get("parameters")
        .and_then(|it| it.get(idx))
        .unwrap_or(&Value::Null)
}

/// The entries of `components/<kind>`.
pub(crate) fn components<'a>(root: &'a Value, kind: &str) -> Vec<(&'a String, &'a Value)> {
    root.get("components")
        .and_then(|it| it.get(kind))
        .and_then(Value::as_object)
        .map(|map| map.iter().collect())
        .unwrap_or_default()
}

/// The schemas written directly in the document: component schemas and the `schema` of every
/// parameter, header and media type (not following `$ref`).
pub(crate) fn schema_roots(root: &Value) -> Vec<(String, &Value)> {
    let mut res: Vec<(String, &Value)> = components(root, "schemas")
        .into_iter()
        .map(|(name, value)| (child("/components/schemas", name), value))
        .collect();
    for (pointer, holder) in parameter_like(root) {
        if let Some(schema) = holder.get("schema") {
            res.push((child(&pointer, "schema"), schema));
        }
    }
    for media in media_types(root) {
        if let Some(schema) = media.value.get("schema") {
            res.push((child(&media.pointer, "schema"), schema));
        }
    }
    res
}

/// The direct subschemas of a schema: properties, items, additionalProperties, allOf, anyOf,
/// oneOf, not.
pub(crate) fn subschemas<'a>(pointer: &str, schema: &'a Value) -> Vec<(String, &'a Value)> {
    let mut res = Vec::new();
    let Some(object) = schema.as_object() else {
        return res;
    };
    if let Some(properties) = object.get("properties").and_then(Value::as_object) {
        let properties_pointer = child(pointer, "properties");
        for (name, value) in properties {
            res.push((child(&properties_pointer, name), value));
        }
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(value) = object.get(key).filter(|it| it.is_object()) {
            res.push((child(pointer, key), value));
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(list) = object.get(key).and_then(Value::as_array) {
            let list_pointer = child(pointer, key);
            for (idx, value) in list.iter().enumerate() {
                res.push((child(&list_pointer, &idx.to_string()), value));
            }
        }
    }
    res
}

/// Every schema node written in the document (roots and their subschemas), not following `$ref`.
pub(crate) fn all_schemas(root: &Value) -> Vec<(String, &Value)> {
    let mut res = Vec::new();
    let mut stack = schema_roots(root);
    stack.reverse();
    while let Some((pointer, schema)) = stack.pop() {
        let mut children = subschemas(&pointer, schema);
        children.reverse();
        stack.extend(children);
        res.push((pointer, schema));
    }
    res
}

/// The schema nodes reachable from `starts`, following subschemas and `$ref`s.
pub(crate) fn reachable_schemas<'a>(
    root: &'a Value,
    starts: Vec<(String, &'a Value)>,
) -> BTreeMap<String, &'a Value> {
    let mut res = BTreeMap::new();
    let mut stack = starts;
    while let Some((pointer, schema)) = stack.pop() {
        if res.contains_key(&pointer) {
            continue;
        }
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            if let (Some(target_pointer), Some(target)) =
                (ref_pointer(reference), ref_target(root, reference))
            {
                stack.push((target_pointer.to_owned(), target));
            }
        }
        stack.extend(subschemas(&pointer, schema));
        res.insert(pointer, schema);
    }
    res
}

/// The schemas of the `application/json` bodies of the responses of every operation, as
/// `(pointer, schema)` starting points.
pub(crate) fn response_schemas(root: &Value) -> Vec<(String, &Value)> {
    let mut res = Vec::new();
    for op in operations(root) {
        for response in responses(root, &op) {
            if let Some((media_pointer, media)) =
                json_media(&response.value_pointer, response.value)
            {
                if let Some(schema) = media.get("schema") {
                    res.push((child(&media_pointer, "schema"), schema));
                }
            }
        }
    }
    res
}

/// Calls `f` on every object and array of the document with its pointer, skipping literal data:
/// example values, defaults, enum values and extension values.
pub(crate) fn walk<'a>(root: &'a Value, f: &mut dyn FnMut(&str, &'a Value)) {
    fn go<'a>(
        pointer: &str,
        parent_key: &str,
        value: &'a Value,
        f: &mut dyn FnMut(&str, &'a Value),
    ) {
        f(pointer, value);
        match value {
            Value::Object(map) => {
                // The keys of `properties` are names, not keywords.
                let names = parent_key == "properties";
                for (key, child_value) in map {
                    let literal = matches!(key.as_str(), "example" | "default" | "enum")
                        || is_extension(key)
                        || (key == "value" && parent_key_is_examples(pointer));
                    if literal && !names {
                        continue;
                    }
                    go(&child(pointer, key), key, child_value, f);
                }
            }
            Value::Array(items) => {
                for (idx, item) in items.iter().enumerate() {
                    go(&child(pointer, &idx.to_string()), "", item, f);
                }
            }
            _ => {}
        }
    }
    go("", "", root, f);
}

/// The pointer is `…/examples/<name>`.
fn parent_key_is_examples(pointer: &str) -> bool {
    let mut segments = pointer.rsplit('/');
    segments.next();
    segments.next() == Some("examples")
}

/// `x-…` keys are extensions.
pub(crate) fn is_extension(key: &str) -> bool {
    key.starts_with("x-")
}

/// A short rendering of a JSON value for messages.
pub(crate) fn short(value: &Value) -> String {
    let text = value.to_string();
    truncate(&text, 60)
}

/// `text` cut to `max` characters, with `…` when cut.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut res: String = text.chars().take(max).collect();
    res.push('…');
    res
}

/// The node at `pointer` belongs to a component schema replaced by a hand-written Rust type
/// (`x-apipagos-rust-type`): the generator never sees its shape.
pub(crate) fn is_replaced(root: &Value, pointer: &str) -> bool {
    let Some(rest) = pointer.strip_prefix("/components/schemas/") else {
        return false;
    };
    let name = rest.split('/').next().unwrap_or(rest);
    root.pointer(&format!("/components/schemas/{name}"))
        .and_then(|schema| schema.get(RUST_TYPE_EXTENSION))
        .is_some()
}

/// The request body of `op`, resolved, with its pointer.
pub(crate) fn request_body<'a>(root: &'a Value, op: &Operation<'a>) -> Option<(String, &'a Value)> {
    let body = op.value.get("requestBody")?;
    Some(resolve(root, &child(&op.pointer, "requestBody"), body))
}
