//! Request bodies are checked against the spec before they leave.
//!
//! The generated types already refuse values that break a pattern, a length or an enum; what they
//! cannot express (number ranges such as a refund's 0–10000 amount, array sizes, formats) is checked
//! here, on the serialized body, against the JSON Schema that `build.rs` extracts from the spec;
//! so are the check digits of CBU and CVU payment-method numbers.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use jsonschema::Validator;
use serde_json::Value;

use crate::identifiers::{Cbu, Cvu};

/// The JSON Schema of every operation's body, keyed by operationId (generated from the spec).
const REQUEST_SCHEMAS: &str = include_str!(concat!(env!("OUT_DIR"), "/request_schemas.json"));

/// At most this many violations are listed in one error.
const MAX_LISTED: usize = 5;

/// Checks the JSON `body` of operation `operation_id`; the error lists each field at fault by its
/// JSON pointer (`/0/amount: 10001 is greater than the maximum of 10000`).
pub(crate) fn check_body(operation_id: &str, body: &[u8]) -> Result<(), String> {
    let Some(validator) = validator(operation_id)? else {
        return Ok(());
    };
    let instance: Value = serde_json::from_slice(body)
        .map_err(|err| format!("{operation_id}: the request body is not JSON: {err}"))?;
    let mut violations: Vec<String> = validator
        .iter_errors(&instance)
        .map(|err| {
            let field = err.instance_path().to_string();
            let field = if field.is_empty() {
                "(body)".to_owned()
            } else {
                field
            };
            format!("{field}: {err}")
        })
        .collect();
    check_account_numbers(&instance, "", &mut violations);
    if violations.is_empty() {
        return Ok(());
    }
    let mut listed = violations[..violations.len().min(MAX_LISTED)].join("; ");
    if violations.len() > MAX_LISTED {
        listed.push_str(&format!("; and {} more", violations.len() - MAX_LISTED));
    }
    Err(format!(
        "{operation_id}: the request body breaks the spec: {listed}"
    ))
}

/// The check digits of CBU and CVU payment methods, which a schema cannot express: an object whose
/// `method` is `CBU` (or `CVU`) must carry a valid CBU (or CVU) in `number`.
fn check_account_numbers(node: &Value, pointer: &str, violations: &mut Vec<String>) {
    match node {
        Value::Array(items) => {
            for (idx, item) in items.iter().enumerate() {
                check_account_numbers(item, &format!("{pointer}/{idx}"), violations);
            }
        }
        Value::Object(map) => {
            if let (Some(Value::String(method)), Some(Value::String(number))) =
                (map.get("method"), map.get("number"))
            {
                let res = match method.as_str() {
                    "CBU" => Cbu::parse(number).map(|_| ()),
                    "CVU" => Cvu::parse(number).map(|_| ()),
                    _ => Ok(()),
                };
                if let Err(err) = res {
                    violations.push(format!("{pointer}/number: {err}"));
                }
            }
            for (key, value) in map {
                check_account_numbers(value, &format!("{pointer}/{key}"), violations);
            }
        }
        _ => {}
    }
}

/// The compiled validator of an operation, built once; `None` when the operation has no JSON body.
fn validator(operation_id: &str) -> Result<Option<Arc<Validator>>, String> {
    static SCHEMAS: OnceLock<HashMap<String, Value>> = OnceLock::new();
    static VALIDATORS: OnceLock<Mutex<HashMap<String, Arc<Validator>>>> = OnceLock::new();

    let schemas = SCHEMAS.get_or_init(|| serde_json::from_str(REQUEST_SCHEMAS).unwrap_or_default());
    let Some(schema) = schemas.get(operation_id) else {
        return Ok(None);
    };
    let cache = VALIDATORS.get_or_init(Mutex::default);
    let mut cache = cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(validator) = cache.get(operation_id) {
        return Ok(Some(Arc::clone(validator)));
    }
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .map_err(|err| {
            format!("{operation_id}: the spec's request schema does not compile: {err}")
        })?;
    let validator = Arc::new(validator);
    cache.insert(operation_id.to_owned(), Arc::clone(&validator));
    Ok(Some(validator))
}
