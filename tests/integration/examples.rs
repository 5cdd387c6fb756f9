//! Every documented example in the spec against the generated types (async-stripe's fixture tests
//! are the model): request examples serialize back to the same JSON, response and schema examples
//! decode. The examples come from the crate's operations table.

use crate::common::conformance::roundtrip;
use crate::common::{json, operations, request_example, response_example, same_json};
use serde_json::Value;

/// Round-trips `example` through the Rust type of `component` (each item of it when `array`).
fn typed_roundtrip(component: Option<&str>, array: bool, example: &Value) -> Result<Value, String> {
    let name = component.ok_or("an inline schema is not supported: use a named component")?;
    let one = |item: &Value| match roundtrip(name, item.clone()) {
        Some(res) => res.map_err(|err| format!("as {name}: {err}")),
        None => Err(format!("schema {name} has no generated Rust type")),
    };
    if !array {
        return one(example);
    }
    let items = example.as_array().ok_or("the example is not an array")?;
    items
        .iter()
        .map(one)
        .collect::<Result<Vec<_>, _>>()
        .map(Value::Array)
}

#[test]
fn request_examples_serialize_back_to_the_same_json() {
    let mut failures = Vec::new();
    let mut n_checked = 0;
    for op in operations() {
        let Some((body, example)) = request_example(op) else {
            continue;
        };
        n_checked += 1;
        match typed_roundtrip(body.component, body.array, &example) {
            Ok(sent) if same_json(&sent, &example) => {}
            Ok(sent) => failures.push(format!("{}: sends\n  {sent}\nnot\n  {example}", op.id)),
            Err(err) => failures.push(format!("{}: {err}", op.id)),
        }
    }
    assert!(n_checked > 0, "no request example found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn response_examples_decode() {
    let mut failures = Vec::new();
    for op in operations() {
        let (component, example) = response_example(op);
        if let Err(err) = typed_roundtrip(component, false, &example) {
            failures.push(format!("{}: {err}", op.id));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn error_response_examples_decode() {
    let mut n_checked = 0;
    for op in operations() {
        for response in op.responses.iter().filter(|r| !r.status.starts_with('2')) {
            let Some(example) = response.example else {
                continue;
            };
            n_checked += 1;
            let decoded = typed_roundtrip(response.component, false, &json(example));
            assert!(
                decoded.is_ok(),
                "{} {}: {decoded:?}",
                op.id,
                response.status
            );
        }
    }
    assert!(n_checked > 0, "no error response example found");
}

#[test]
fn schema_examples_decode() {
    let mut failures = Vec::new();
    for (name, example) in apipagos::operations::component_examples() {
        match roundtrip(name, json(example)) {
            Some(Ok(_)) => {}
            Some(Err(err)) => failures.push(format!("{name}: {err}")),
            None => failures.push(format!("{name}: no generated Rust type")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_component_schema_has_a_rust_type() {
    let schemas = json(apipagos::operations::component_schemas());
    let schemas = schemas.as_object().expect("schemas");
    let missing: Vec<&String> = schemas
        .keys()
        .filter(|name| roundtrip(name, Value::Null).is_none())
        .collect();
    assert!(missing.is_empty(), "no Rust type for {missing:?}");
}
