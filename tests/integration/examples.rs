//! Every documented example in the spec against the generated types (async-stripe's fixture tests
//! are the model): request examples serialize back to the same JSON, response and schema examples
//! decode.

use crate::common::conformance::roundtrip;
use crate::common::{operations, resolve, same_json, schema_name, spec};
use serde_json::Value;

/// Round-trips `example` through the Rust type of `schema` (a `$ref`, or an array of `$ref`).
fn typed_roundtrip(spec: &Value, schema: &Value, example: &Value) -> Result<Value, String> {
    if let Some(name) = schema_name(schema) {
        return match roundtrip(name, example.clone()) {
            Some(res) => res.map_err(|err| format!("as {name}: {err}")),
            None => Err(format!("schema {name} has no generated Rust type")),
        };
    }
    let schema = resolve(spec, schema);
    if schema["type"] == "array" {
        let items = example.as_array().ok_or("the example is not an array")?;
        return items
            .iter()
            .map(|item| typed_roundtrip(spec, &schema["items"], item))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array);
    }
    Err(format!(
        "inline schema {schema} is not supported: use a named component"
    ))
}

#[test]
fn request_examples_serialize_back_to_the_same_json() {
    let spec = spec();
    let mut failures = Vec::new();
    let mut n_checked = 0;
    for op in operations(&spec) {
        let Some((schema, example)) = op.request_example() else {
            continue;
        };
        n_checked += 1;
        match typed_roundtrip(&spec, schema, example) {
            Ok(sent) if same_json(&sent, example) => {}
            Ok(sent) => failures.push(format!("{}: sends\n  {sent}\nnot\n  {example}", op.id)),
            Err(err) => failures.push(format!("{}: {err}", op.id)),
        }
    }
    assert!(n_checked > 0, "no request example found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn response_examples_decode() {
    let spec = spec();
    let mut failures = Vec::new();
    for op in operations(&spec) {
        let (schema, example) = op.response_example(&spec);
        if let Err(err) = typed_roundtrip(&spec, schema, example) {
            failures.push(format!("{}: {err}", op.id));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn error_response_examples_decode() {
    let spec = spec();
    for name in ["ClientError", "ServerError"] {
        let media = &spec["components"]["responses"][name]["content"]["application/json"];
        let decoded = typed_roundtrip(&spec, &media["schema"], &media["example"]);
        assert!(decoded.is_ok(), "{name}: {decoded:?}");
    }
}

#[test]
fn schema_examples_decode() {
    let spec = spec();
    let mut failures = Vec::new();
    let schemas = spec["components"]["schemas"].as_object().expect("schemas");
    for (name, schema) in schemas {
        let Some(example) = schema.get("example") else {
            continue;
        };
        match roundtrip(name, example.clone()) {
            Some(Ok(_)) => {}
            Some(Err(err)) => failures.push(format!("{name}: {err}")),
            None => failures.push(format!("{name}: no generated Rust type")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_component_schema_has_a_rust_type() {
    let spec = spec();
    let schemas = spec["components"]["schemas"].as_object().expect("schemas");
    let missing: Vec<&String> = schemas
        .keys()
        .filter(|name| roundtrip(name, Value::Null).is_none())
        .collect();
    assert!(missing.is_empty(), "no Rust type for {missing:?}");
}
