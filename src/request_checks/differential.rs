//! The purpose-built checker against a general JSON Schema engine (the `jsonschema` crate, a
//! dev-dependency only): on every documented request example of the table, and on mutations of
//! each (wrong types, nulls, out-of-range numbers, long strings, bad enum values, bad dates, bad
//! check digits, missing properties), both must agree on validity and on the set of faults
//! (`(pointer, constraint)`).

use std::collections::BTreeSet;

use jsonschema::{Keyword as EngineKeyword, ValidationError, Validator};
use serde_json::{json, Value};

use super::check_digit::Identifier;
use super::schema::{CHECK_DIGIT, INTEGER_WIDTH};
use super::{compiled, components, operations, typed_parameter};

/// The schema compiled by `jsonschema`, with the two extension keywords registered.
fn engine(schema: &str) -> Validator {
    let schema: Value = serde_json::from_str(schema).expect("schema JSON");
    let components: Value =
        serde_json::from_str(operations::component_schemas()).expect("components JSON");
    let mut document = json!({"allOf": [schema], "components": {"schemas": components}});
    declare_integer_widths(&mut document);
    jsonschema::options()
        .should_validate_formats(true)
        .with_keyword(INTEGER_WIDTH, |_, _, _| {
            Ok(Box::new(IntegerWidth) as Box<dyn for<'i> EngineKeyword<'i>>)
        })
        .with_keyword(CHECK_DIGIT, |_, declaration, _| {
            declaration
                .as_str()
                .and_then(Identifier::named)
                .map(|it| Box::new(CheckDigit(it)) as Box<dyn for<'i> EngineKeyword<'i>>)
                .ok_or_else(|| ValidationError::schema("unknown check digit"))
        })
        .build(&document)
        .expect("jsonschema compiles the schema")
}

/// Adds the integer-width keyword where the checker adds it (int64 integers).
fn declare_integer_widths(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            let is_integer = match map.get("type") {
                Some(Value::String(ty)) => ty == "integer",
                Some(Value::Array(types)) => types.iter().any(|t| t == "integer"),
                _ => false,
            };
            if is_integer && map.get("format").and_then(Value::as_str) == Some("int64") {
                map.insert(INTEGER_WIDTH.to_owned(), json!("int64"));
            }
            map.values_mut().for_each(declare_integer_widths);
        }
        Value::Array(items) => items.iter_mut().for_each(declare_integer_widths),
        _ => {}
    }
}

struct IntegerWidth;

impl<'i> EngineKeyword<'i> for IntegerWidth {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        if self.is_valid(instance) {
            Ok(())
        } else {
            Err(ValidationError::custom("does not fit".to_owned()))
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        #[allow(clippy::cast_precision_loss)]
        let min = i64::MIN as f64;
        !matches!(instance, Value::Number(n) if n.is_f64() && n.as_f64() == Some(min))
    }
}

struct CheckDigit(Identifier);

impl<'i> EngineKeyword<'i> for CheckDigit {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        if self.is_valid(instance) {
            Ok(())
        } else {
            Err(ValidationError::custom("check digit".to_owned()))
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        instance
            .as_str()
            .is_none_or(|text| self.0.fault(text).is_none())
    }
}

type Faults = BTreeSet<(String, String)>;

fn engine_faults(validator: &Validator, instance: &Value, prefix: &str) -> Faults {
    validator
        .iter_errors(instance)
        .map(|err| {
            (
                format!("{prefix}{}", err.instance_path()),
                err.kind().keyword().to_owned(),
            )
        })
        .collect()
}

fn checker_faults(schema: &'static str, instance: &Value, prefix: &str) -> Faults {
    let compiled = compiled(schema).expect("the checker compiles the schema");
    compiled
        .violations(instance, prefix)
        .into_iter()
        .map(|v| (v.pointer, v.constraint))
        .collect()
}

/// The values a mutation puts in place of `value`.
fn replacements(value: &Value) -> Vec<Value> {
    let mut out = vec![Value::Null, json!(true), json!({}), json!([])];
    match value {
        Value::String(text) => {
            out.extend([
                json!(12345),
                json!(""),
                json!("ZZZ"),
                json!("a".repeat(300)),
                json!("12a"),
                json!("2024-02-30"),
                json!("2024-13-01"),
                json!("2024-02-29"),
                json!("2024-07-17T25:00:00Z"),
                json!("2024-07-17T21:59:51"),
                json!("2024-07-17T21:59:51-03:00"),
                json!("not-an-email"),
                json!("juan@example.com"),
                json!("-12"),
                json!("10.5"),
            ]);
            // A wrong check digit (or a changed digit anywhere) of a numeric identifier.
            if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
                let mut bytes = text.clone().into_bytes();
                if let Some(last) = bytes.last_mut() {
                    *last = if *last == b'9' { b'0' } else { *last + 1 };
                }
                out.push(json!(String::from_utf8(bytes).unwrap_or_default()));
                out.push(json!(format!("{text}0")));
            }
        }
        Value::Number(_) => out.extend([
            json!("x"),
            json!("10"),
            json!(0),
            json!(-1),
            json!(-0.01),
            json!(1.5),
            json!(2),
            json!(14),
            json!(99),
            json!(10000),
            json!(10000.0),
            json!(10000.01),
            json!(10001),
            json!(2_147_483_647),
            json!(2_147_483_648_i64),
            json!(-2_147_483_649_i64),
            json!(i64::MAX),
            json!(u64::MAX),
            json!(-1e30),
            json!(1e30),
        ]),
        Value::Bool(_) => out.extend([json!("true"), json!(1), json!(0), json!("x")]),
        Value::Array(items) => {
            out.push(json!("x"));
            if let Some(first) = items.first() {
                out.push(json!([first, first]));
            }
        }
        Value::Object(_) | Value::Null => out.extend([json!("x"), json!(1)]),
    }
    out
}

/// `example` and its mutations: each value replaced, each property removed, an extra property.
fn mutations(example: &Value) -> Vec<Value> {
    let mut out = vec![example.clone()];
    let mut paths = Vec::new();
    collect_paths(example, &mut Vec::new(), &mut paths);
    for path in &paths {
        let Some(current) = get(example, path) else {
            continue;
        };
        for replacement in replacements(current) {
            let mut mutated = example.clone();
            if let Some(slot) = get_mut(&mut mutated, path) {
                *slot = replacement;
            }
            out.push(mutated);
        }
        if let Some((last, parent)) = path.split_last() {
            let mut removed = example.clone();
            if let Some(Value::Object(map)) = get_mut(&mut removed, parent) {
                map.remove(last);
                out.push(removed);
            }
        }
        if let Some(Value::Object(_)) = get(example, path) {
            let mut extra = example.clone();
            if let Some(Value::Object(map)) = get_mut(&mut extra, path) {
                map.insert("zz_extra".to_owned(), json!(1));
                out.push(extra);
            }
        }
    }
    out
}

fn collect_paths(value: &Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                at.push(key.clone());
                collect_paths(child, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (idx, child) in items.iter().enumerate() {
                at.push(idx.to_string());
                collect_paths(child, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn get<'v>(value: &'v Value, path: &[String]) -> Option<&'v Value> {
    path.iter().try_fold(value, |v, key| match v {
        Value::Object(map) => map.get(key),
        Value::Array(items) => items.get(key.parse::<usize>().ok()?),
        _ => None,
    })
}

fn get_mut<'v>(value: &'v mut Value, path: &[String]) -> Option<&'v mut Value> {
    path.iter().try_fold(value, |v, key| match v {
        Value::Object(map) => map.get_mut(key),
        Value::Array(items) => items.get_mut(key.parse::<usize>().ok()?),
        _ => None,
    })
}

#[test]
fn the_checker_agrees_with_jsonschema_on_every_request_example_and_its_mutations() {
    assert!(components().is_ok(), "the component schemas compile");
    let mut compared = 0;
    let mut disagreements = Vec::new();
    for op in operations::all() {
        let Some(body) = op.request_body else {
            continue;
        };
        let Some(example) = body.example else {
            continue;
        };
        let example: Value = serde_json::from_str(example).expect("example JSON");
        let validator = engine(body.schema);
        for instance in mutations(&example) {
            let expected = engine_faults(&validator, &instance, "");
            let found = checker_faults(body.schema, &instance, "");
            compared += 1;
            if expected != found {
                disagreements.push(format!(
                    "{}: {instance}\n  jsonschema: {expected:?}\n  checker:    {found:?}",
                    op.id
                ));
            }
        }
    }
    assert!(compared > 1000, "{compared} bodies compared");
    assert!(
        disagreements.is_empty(),
        "{} disagreements of {compared}:\n{}",
        disagreements.len(),
        disagreements
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_checker_agrees_with_jsonschema_on_every_parameter() {
    let raws = [
        "1",
        "0",
        "-1",
        "2",
        "1.5",
        "abc",
        "",
        "true",
        "99999999999999999999",
        "2024-02-30",
        "2024-07-17",
        "ef3c3803fc2d32efa8a6d9d16b53430c",
    ];
    let mut compared = 0;
    for op in operations::all() {
        for parameter in op.parameters {
            let validator = engine(parameter.schema);
            let example = parameter
                .example
                .and_then(|it| serde_json::from_str::<Value>(it).ok())
                .map(|it| it.as_str().map_or_else(|| it.to_string(), str::to_owned));
            let root_type = compiled(parameter.schema)
                .expect("compiles")
                .root_type
                .clone();
            for raw in raws.iter().copied().chain(example.as_deref()) {
                let instance = typed_parameter(root_type.as_deref(), raw);
                let expected = engine_faults(&validator, &instance, "/p");
                let found = checker_faults(parameter.schema, &instance, "/p");
                assert_eq!(found, expected, "{} {} = {raw:?}", op.id, parameter.name);
                compared += 1;
            }
        }
    }
    assert!(compared > 100, "{compared} parameters compared");
}
