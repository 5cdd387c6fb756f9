//! Requests are checked against the spec before they leave, and the embedded mock checks what it
//! receives with the same functions, so the two refuse exactly the same requests.
//!
//! The generated types already refuse values that break a pattern, a length or an enum; what they
//! cannot express (number ranges such as a refund's 0–10000 amount, array sizes, formats, integer
//! widths) is checked here against the JSON Schemas of the operations table
//! ([`crate::operations`]), and so are the check digits the spec declares with
//! `x-apipagos-check-digit` (CUIT, and CBU or CVU by payment method).
//!
//! The schemas are known at build time and use a handful of JSON Schema keywords: the checker is
//! purpose-built for them rather than a general JSON Schema engine. [`schema`] compiles a schema
//! of the table into those keywords (and refuses any other: a test compiles every schema of the
//! table), [`evaluate`] checks a value against it, with exact number comparisons ([`numbers`]),
//! the string formats ([`formats`]) and the check digits ([`check_digit`]). A test of its own
//! (`differential`) checks that it agrees with the `jsonschema` crate on every documented example
//! and mutations of them.
//!
//! It interprets the schema text of the table (compiled once per schema, at first use) rather
//! than Rust code generated per schema in `codegen/`: the conversion stays the one in
//! `apipagos_codegen::json_schema`, the client and the mock read the same table, and the
//! differential test feeds the very text the checker reads to `jsonschema`.
//!
//! Each fault is a [`Violation`] naming the field by its JSON pointer and the constraint broken;
//! values of identifier-like constraints (patterns, lengths, formats, check digits) are never
//! echoed.

mod check_digit;
#[cfg(test)]
mod differential;
mod evaluate;
mod formats;
mod numbers;
mod pointer;
mod schema;

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

use serde_json::Value;

use crate::operations::{self, Operation, Parameter};

use self::evaluate::Checker;
use self::schema::{CompileError, Components, Schema};
#[cfg(test)]
use self::schema::{CHECK_DIGIT, INTEGER_WIDTH};

/// At most this many violations are listed in a refusal's message (all are kept).
const MAX_LISTED: usize = 5;

/// One broken constraint of a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The field at fault as a JSON pointer: `/0/amount` in a body, `/query/page` or
    /// `/path/code` for a parameter, empty for the whole body.
    pub pointer: String,
    /// The constraint broken: a JSON Schema keyword (`maximum`, `pattern`, `format`, `type`,
    /// `required`…) or `x-apipagos-check-digit`.
    pub constraint: String,
    /// What is wrong, safe to log: identifier-like values are not repeated.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field = if self.pointer.is_empty() {
            "(body)"
        } else {
            &self.pointer
        };
        write!(f, "{field}: {} ({})", self.message, self.constraint)
    }
}

/// A request refused before sending: the operation and every constraint it breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestRefusal {
    /// The operationId.
    pub operation: &'static str,
    /// Every fault found, in document order.
    pub violations: Vec<Violation>,
}

impl RequestRefusal {
    /// What is wrong, without the operation: `the request breaks the spec: /0/amount: …`. The
    /// message of the `InvalidRequest` a `send()` returns, whose [`crate::ApiError`] names the
    /// operation itself.
    pub(crate) fn reason(&self) -> String {
        Reason(self).to_string()
    }
}

impl fmt::Display for RequestRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.operation, Reason(self))
    }
}

/// [`RequestRefusal`]'s message without the operation.
struct Reason<'a>(&'a RequestRefusal);

impl fmt::Display for Reason<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Reason(refusal) = self;
        f.write_str("the request breaks the spec: ")?;
        for (idx, violation) in refusal.violations.iter().take(MAX_LISTED).enumerate() {
            if idx > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{violation}")?;
        }
        if refusal.violations.len() > MAX_LISTED {
            write!(f, "; and {} more", refusal.violations.len() - MAX_LISTED)?;
        }
        Ok(())
    }
}

impl std::error::Error for RequestRefusal {}

/// Checks the JSON `body` of `operation` against its schema and declared check digits.
pub(crate) fn check_body(operation: &Operation, body: &[u8]) -> Result<(), RequestRefusal> {
    let Some(request_body) = operation.request_body else {
        return Ok(());
    };
    let refuse = |violations| RequestRefusal {
        operation: operation.id,
        violations,
    };
    let instance: Value = serde_json::from_slice(body).map_err(|err| {
        refuse(vec![Violation {
            pointer: String::new(),
            constraint: "type".to_owned(),
            message: format!("the body is not JSON ({err})"),
        }])
    })?;
    let compiled = compiled(request_body.schema).map_err(|err| {
        refuse(vec![Violation {
            pointer: String::new(),
            constraint: "schema".to_owned(),
            message: err.to_string(),
        }])
    })?;
    let violations = compiled.violations(&instance, "");
    if violations.is_empty() {
        Ok(())
    } else {
        Err(refuse(violations))
    }
}

/// Checks one raw parameter value (as it appears in a path or a query string) of `operation`:
/// the text is read as the type its schema declares (`"abc"` for an integer is a `type` fault),
/// then checked against the schema.
// Read by the mock server (feature `mock`), which checks what it receives as the client does.
pub(crate) fn check_parameter(
    operation: &Operation,
    parameter: &Parameter,
    raw: &str,
) -> Result<(), RequestRefusal> {
    let refuse = |violations| RequestRefusal {
        operation: operation.id,
        violations,
    };
    let location = match parameter.location {
        operations::ParameterLocation::Path => "path",
        operations::ParameterLocation::Query => "query",
        operations::ParameterLocation::Header => "header",
        operations::ParameterLocation::Cookie => "cookie",
    };
    let pointer = format!("/{location}/{}", parameter.name);
    let compiled = compiled(parameter.schema).map_err(|err| {
        refuse(vec![Violation {
            pointer: pointer.clone(),
            constraint: "schema".to_owned(),
            message: err.to_string(),
        }])
    })?;
    let instance = typed_parameter(compiled.root_type.as_deref(), raw);
    let violations = compiled.violations(&instance, &pointer);
    if violations.is_empty() {
        Ok(())
    } else {
        Err(refuse(violations))
    }
}

/// A compiled schema of the table.
struct Compiled {
    schema: Schema,
    /// The JSON type the schema declares at its root (followed through one `$ref`).
    root_type: Option<String>,
}

impl Compiled {
    /// The violations of `instance`, each pointer prefixed with `prefix`.
    fn violations(&self, instance: &Value, prefix: &str) -> Vec<Violation> {
        match components() {
            Ok((_, components)) => Checker::new(components, prefix).check(&self.schema, instance),
            Err(err) => vec![Violation {
                pointer: prefix.to_owned(),
                constraint: "schema".to_owned(),
                message: err.to_string(),
            }],
        }
    }
}

/// `raw` as the JSON value the schema's type asks for; a text that is not one stays a string
/// (and fails the `type` check).
fn typed_parameter(root_type: Option<&str>, raw: &str) -> Value {
    let parsed = match root_type {
        Some("integer" | "number") => serde_json::from_str::<serde_json::Number>(raw)
            .ok()
            .map(Value::Number),
        Some("boolean") => match raw {
            "true" | "1" => Some(Value::Bool(true)),
            "false" | "0" => Some(Value::Bool(false)),
            _ => None,
        },
        _ => None,
    };
    parsed.unwrap_or_else(|| Value::String(raw.to_owned()))
}

/// The component schemas of the table: as JSON, and compiled (once).
fn components() -> Result<&'static (Value, Components), &'static CompileError> {
    static COMPONENTS: OnceLock<Result<(Value, Components), CompileError>> = OnceLock::new();
    COMPONENTS
        .get_or_init(|| {
            let document: Value = serde_json::from_str(operations::component_schemas())
                .map_err(|err| CompileError::NotJson(err.to_string()))?;
            let compiled = Components::compile(&document)?;
            Ok((document, compiled))
        })
        .as_ref()
}

/// The compiled form of a schema of the operations table, built once per schema text.
fn compiled(schema: &'static str) -> Result<Arc<Compiled>, CompileError> {
    type Slot = OnceLock<Result<Arc<Compiled>, CompileError>>;
    static CACHE: OnceLock<HashMap<usize, Slot>> = OnceLock::new();
    // Every schema text is a distinct static of the generated table: its address is its key.
    let cache = CACHE.get_or_init(|| {
        let mut cache = HashMap::new();
        for op in operations::all() {
            let texts = op.parameters.iter().map(|p| p.schema);
            for text in texts.chain(op.request_body.map(|b| b.schema)) {
                cache.insert(text.as_ptr() as usize, OnceLock::new());
            }
        }
        cache
    });
    match cache.get(&(schema.as_ptr() as usize)) {
        Some(slot) => slot.get_or_init(|| compile(schema).map(Arc::new)).clone(),
        None => compile(schema).map(Arc::new),
    }
}

/// Compiles a schema of the table against the component schemas its `$ref`s point to.
fn compile(schema: &str) -> Result<Compiled, CompileError> {
    let (document, components) = components().map_err(Clone::clone)?;
    let schema: Value =
        serde_json::from_str(schema).map_err(|err| CompileError::NotJson(err.to_string()))?;
    let root_type = root_type(&schema, document);
    let schema = components.compile_schema(&schema)?;
    Ok(Compiled { schema, root_type })
}

/// The `type` of a schema, through one `$ref` to a component.
fn root_type(schema: &Value, components: &Value) -> Option<String> {
    let target = match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => components.get(reference.strip_prefix("#/components/schemas/")?)?,
        None => schema,
    };
    match target.get("type")? {
        Value::String(ty) => Some(ty.clone()),
        Value::Array(types) => types.iter().find_map(Value::as_str).map(str::to_owned),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[track_caller]
    fn check(operation: &str, body: Value, expected: &[(&str, &str)]) {
        let op = operations::find(operation).expect("operation");
        let res = check_body(op, body.to_string().as_bytes());
        let found: Vec<(String, String)> = res
            .err()
            .map(|refusal| refusal.violations)
            .unwrap_or_default()
            .into_iter()
            .map(|v| (v.pointer, v.constraint))
            .collect();
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(p, c)| ((*p).to_owned(), (*c).to_owned()))
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn a_refund_over_the_maximum_names_the_field() {
        check(
            "create_refunds",
            json!([{"title": "REINTEGRO", "amount": 10000.01}]),
            &[("/0/amount", "maximum")],
        );
    }

    #[test]
    fn a_cuit_with_a_wrong_check_digit_is_refused_without_echoing_it() {
        let op = operations::find("create_refunds").unwrap();
        let body = json!([{"title": "REINTEGRO", "amount": 10, "field_3": "20392079019"}]);
        let refusal = check_body(op, body.to_string().as_bytes()).unwrap_err();
        assert_eq!(refusal.violations[0].pointer, "/0/field_3");
        assert_eq!(refusal.violations[0].constraint, CHECK_DIGIT);
        assert!(!refusal.to_string().contains("20392079019"), "{refusal}");
    }

    #[test]
    fn a_valid_cuit_passes() {
        check(
            "create_refunds",
            json!([{"title": "REINTEGRO", "amount": 10, "field_3": "20392079018"}]),
            &[],
        );
    }

    #[test]
    fn a_cbu_payment_method_checks_its_number_by_method() {
        let body = |method: &str, number: &str| {
            json!([{"method": method, "number": number, "due_date": "2024-07-17T21:59:51Z",
                    "name": "Juan Pérez", "csv": "123"}])
        };
        check(
            "create_user_payment_methods",
            body("CBU", "0070005430004105439249"),
            &[],
        );
        check(
            "create_user_payment_methods",
            body("CBU", "0070005430004105439248"),
            &[("/0/number", CHECK_DIGIT)],
        );
        check(
            "create_user_payment_methods",
            body("TD", "4509953566233704"),
            &[],
        );
    }

    #[test]
    fn every_fault_of_a_body_is_listed() {
        check(
            "create_refunds",
            json!([{"title": "A", "amount": -1}, {"title": "B", "amount": 10001}]),
            &[("/0/amount", "minimum"), ("/1/amount", "maximum")],
        );
    }

    #[test]
    fn query_parameters_are_read_as_their_type_then_checked() {
        let op = operations::find("list_refunds").unwrap();
        let page = op
            .parameter(operations::ParameterLocation::Query, "page")
            .expect("page parameter");
        assert!(check_parameter(op, page, "2").is_ok());
        for bad in ["0", "-1", "abc", "1.5"] {
            let refusal = check_parameter(op, page, bad).expect_err(bad);
            assert_eq!(refusal.violations[0].pointer, "/query/page", "{bad}");
        }
    }

    #[test]
    fn integers_beyond_their_format_are_refused() {
        let publication = |priority: Value| {
            json!([{"model_type": "transactions", "model_code": "3865d13efaeaba89c9e7fd9d32553731",
                    "gateway_code": "RP", "batch": "test", "priority": priority, "status_code": 2,
                    "data": "{}"}])
        };
        check("create_publications", publication(json!(2147483647)), &[]);
        check(
            "create_publications",
            publication(json!(-2147483649i64)),
            &[("/0/priority", "minimum")],
        );
        // int64: one below i64::MIN parses as a float equal to i64::MIN, and is still refused.
        let life_cycle = |id: &str| {
            let text = format!(
                r#"[{{"document_code": "ef3c3803fc2d32efa8a6d9d16b53430c", "model_id": {id}}}]"#
            );
            let op = operations::find("create_document_life_cycles").unwrap();
            check_body(op, text.as_bytes()).map_err(|r| r.violations[0].constraint.clone())
        };
        assert_eq!(life_cycle("-9223372036854775808"), Ok(()));
        assert_eq!(
            life_cycle("-9223372036854775809"),
            Err(INTEGER_WIDTH.to_owned())
        );
        assert_eq!(life_cycle("9223372036854775808"), Err("maximum".to_owned()));
        assert_eq!(life_cycle("-1e30"), Err("minimum".to_owned()));
        // Without a format, an integer is unbounded, as the spec says.
        let op = operations::find("list_refunds").unwrap();
        let per_page = op
            .parameter(operations::ParameterLocation::Query, "per_page")
            .expect("per_page parameter");
        assert!(check_parameter(op, per_page, "99999999999999999999").is_ok());
    }

    #[test]
    fn every_schema_of_the_table_compiles_into_known_keywords() {
        assert!(components().is_ok(), "{:?}", components().err());
        let mut count = 0;
        for op in operations::all() {
            let texts = op.parameters.iter().map(|p| p.schema);
            for text in texts.chain(op.request_body.map(|b| b.schema)) {
                if let Err(err) = compiled(text) {
                    panic!("{}: {err}", op.id);
                }
                count += 1;
            }
        }
        assert!(count > 50, "{count} schemas");
    }

    #[test]
    fn a_keyword_or_format_the_checker_does_not_know_fails_compilation() {
        let components = Components::default();
        let refused = [
            (json!({"type": "string", "multipleOf": 2}), "multipleOf"),
            (
                json!({"properties": {"a": {"uniqueItems": true}}}),
                "uniqueItems",
            ),
            (json!({"x-apipagos-new": 1}), "x-apipagos-new"),
            (json!({"type": "string", "format": "uuid"}), "uuid"),
            (json!({"$ref": "#/components/schemas/Nowhere"}), "Nowhere"),
            (
                json!({"x-apipagos-check-digit": "iban"}),
                "x-apipagos-check-digit",
            ),
            (json!(null), "(schema)"),
        ];
        for (schema, named) in refused {
            let err = components.compile_schema(&schema).expect_err(named);
            assert!(err.to_string().contains(named), "{err}");
        }
    }

    #[test]
    fn a_refund_amount_is_compared_exactly_at_its_bounds() {
        let refund = |amount: &str| {
            let text = format!(r#"[{{"title": "REINTEGRO", "amount": {amount}}}]"#);
            let op = operations::find("create_refunds").unwrap();
            check_body(op, text.as_bytes()).map_err(|r| r.violations[0].constraint.clone())
        };
        for ok in [
            "10000", "10000.0", "10000.00", "9999.99", "0", "0.0", "0.01",
        ] {
            assert_eq!(refund(ok), Ok(()), "{ok}");
        }
        assert_eq!(refund("10000.01"), Err("maximum".to_owned()));
        assert_eq!(refund("10000.000001"), Err("maximum".to_owned()));
        assert_eq!(refund("10001"), Err("maximum".to_owned()));
        assert_eq!(refund("-0.01"), Err("minimum".to_owned()));
        assert_eq!(refund("-1e-300"), Err("minimum".to_owned()));
    }

    #[test]
    fn messages_echo_values_but_not_identifiers() {
        let op = operations::find("create_refunds").unwrap();
        let body = json!([{"title": "REINTEGRO", "amount": 10000.01, "field_1": "12a",
                           "field_3": "2039", "status_code": 14}]);
        let refusal = check_body(op, body.to_string().as_bytes()).unwrap_err();
        let text = refusal.to_string();
        assert!(
            text.contains("/0/amount: 10000.01 is greater than the maximum of 10000.0 (maximum)"),
            "{text}"
        );
        assert!(text.contains("/0/status_code: 14 is not one of"), "{text}");
        assert!(
            text.contains("(pattern)") && text.contains("(minLength)"),
            "{text}"
        );
        assert!(!text.contains("12a") && !text.contains("2039"), "{text}");
    }
}
