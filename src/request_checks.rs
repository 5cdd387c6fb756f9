//! Requests are checked against the spec before they leave, and the embedded mock checks what it
//! receives with the same functions, so the two refuse exactly the same requests.
//!
//! The generated types already refuse values that break a pattern, a length or an enum; what they
//! cannot express (number ranges such as a refund's 0–10000 amount, array sizes, formats, integer
//! widths) is checked here against the JSON Schemas of the operations table
//! ([`crate::operations`]), and so are the check digits the spec declares with
//! `x-apipagos-check-digit` (CUIT, and CBU or CVU by payment method).
//!
//! (Over 500 lines with its tests, one per kind of constraint: the checks themselves are half.)
//!
//! Each fault is a [`Violation`] naming the field by its JSON pointer and the constraint broken;
//! values of identifier-like constraints (patterns, lengths, formats, check digits) are never
//! echoed.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

use jsonschema::{Keyword, ValidationError, Validator};
use serde_json::Value;

use crate::identifiers::{Cbu, Cuit, Cvu};
use crate::operations::{self, Operation, Parameter};

/// The extension the spec declares check digits with (see `apipagos_codegen::CHECK_DIGIT_EXTENSION`).
const CHECK_DIGIT: &str = "x-apipagos-check-digit";

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
    let validator = validator(request_body.schema).map_err(|message| {
        refuse(vec![Violation {
            pointer: String::new(),
            constraint: "schema".to_owned(),
            message,
        }])
    })?;
    let violations = violations(&validator, &instance, "");
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
    let validator = validator(parameter.schema).map_err(|message| {
        refuse(vec![Violation {
            pointer: pointer.clone(),
            constraint: "schema".to_owned(),
            message,
        }])
    })?;
    let instance = typed_parameter(validator.root_type.as_deref(), raw);
    let violations = violations(&validator, &instance, &pointer);
    if violations.is_empty() {
        Ok(())
    } else {
        Err(refuse(violations))
    }
}

/// A compiled schema.
struct Compiled {
    validator: Validator,
    /// The JSON type the schema declares at its root (followed through one `$ref`).
    root_type: Option<String>,
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

/// The violations of `instance`, each pointer prefixed with `prefix`.
fn violations(compiled: &Compiled, instance: &Value, prefix: &str) -> Vec<Violation> {
    compiled
        .validator
        .iter_errors(instance)
        .map(|err| {
            let constraint = err.kind().keyword().to_owned();
            let echoes_identifier = matches!(
                constraint.as_str(),
                "pattern" | "minLength" | "maxLength" | "format" | CHECK_DIGIT
            );
            let message = match err.kind() {
                jsonschema::error::ValidationErrorKind::Custom { message, .. } => message.clone(),
                _ if echoes_identifier => err.masked().to_string(),
                _ => err.to_string(),
            };
            Violation {
                pointer: format!("{prefix}{}", err.instance_path()),
                constraint,
                message,
            }
        })
        .collect()
}

/// The compiled validator of a schema of the operations table, built once per schema text.
fn validator(schema: &'static str) -> Result<Arc<Compiled>, String> {
    type Slot = OnceLock<Result<Arc<Compiled>, String>>;
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

/// Compiles a schema of the table, with the component schemas its `$ref`s point to.
fn compile(schema: &str) -> Result<Compiled, String> {
    static COMPONENTS: OnceLock<Value> = OnceLock::new();
    let components = COMPONENTS.get_or_init(|| {
        serde_json::from_str(operations::component_schemas()).unwrap_or(Value::Null)
    });
    let schema: Value = serde_json::from_str(schema)
        .map_err(|err| format!("the spec's schema is not JSON: {err}"))?;
    let root_type = root_type(&schema, components);
    let mut document = serde_json::json!({
        "allOf": [schema],
        "components": {"schemas": components},
    });
    declare_integer_widths(&mut document);
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .with_keyword(INTEGER_WIDTH, |_, _, _| {
            Ok(Box::new(IntegerWidth) as Box<dyn for<'i> Keyword<'i>>)
        })
        .with_keyword(CHECK_DIGIT, |_, declaration, _| {
            CheckDigit::from_declaration(declaration)
                .map(|it| Box::new(it) as Box<dyn for<'i> Keyword<'i>>)
                .ok_or_else(|| {
                    ValidationError::schema(format!("`{CHECK_DIGIT}`: unknown declaration"))
                })
        })
        .build(&document)
        .map_err(|err| format!("the spec's schema does not compile: {err}"))?;
    Ok(Compiled {
        validator,
        root_type,
    })
}

/// The keyword [`declare_integer_widths`] adds to `format: int64` integer schemas.
const INTEGER_WIDTH: &str = "x-apipagos-integer-width";

/// Marks the integer schemas of format `int64` with [`INTEGER_WIDTH`]. The converted schemas
/// already bound `int32`/`int64` with `minimum`/`maximum`, but serde_json reads an integer beyond
/// 64 bits as a float, and `-9223372036854775809` rounds to exactly `i64::MIN`, which the bound
/// lets through: the keyword refuses that float (the client holds the field in an `i64`, so it
/// could never send it).
fn declare_integer_widths(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            let is_integer = match map.get("type") {
                Some(Value::String(ty)) => ty == "integer",
                Some(Value::Array(types)) => types.iter().any(|t| t == "integer"),
                _ => false,
            };
            if is_integer && map.get("format").and_then(Value::as_str) == Some("int64") {
                map.insert(INTEGER_WIDTH.to_owned(), Value::String("int64".to_owned()));
            }
            map.values_mut().for_each(declare_integer_widths);
        }
        Value::Array(items) => items.iter_mut().for_each(declare_integer_widths),
        _ => {}
    }
}

/// The [`INTEGER_WIDTH`] keyword: refuses the float `-2^63`, which only an out-of-range literal
/// becomes (the literal `-9223372036854775808` itself is read as an `i64`).
#[derive(Clone, Copy, Debug)]
struct IntegerWidth;

impl IntegerWidth {
    fn fits(self, instance: &Value) -> bool {
        #[allow(clippy::cast_precision_loss)] // -2^63 is exact as a float
        let min = i64::MIN as f64;
        match instance {
            Value::Number(number) if number.is_f64() => number.as_f64() != Some(min),
            _ => true,
        }
    }
}

impl<'i> Keyword<'i> for IntegerWidth {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        if self.fits(instance) {
            Ok(())
        } else {
            Err(ValidationError::custom(
                "the number does not fit a 64-bit integer".to_owned(),
            ))
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        self.fits(instance)
    }
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

/// Which identifier a check digit guards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Identifier {
    Cuit,
    Cbu,
    Cvu,
}

impl Identifier {
    fn named(name: &str) -> Option<Identifier> {
        match name {
            "cuit" => Some(Identifier::Cuit),
            "cbu" => Some(Identifier::Cbu),
            "cvu" => Some(Identifier::Cvu),
            _ => None,
        }
    }

    /// Why `text` is not a valid identifier of this kind (the message never holds the number).
    fn fault(self, text: &str) -> Option<String> {
        let res = match self {
            Identifier::Cuit => Cuit::parse(text).map(|_| ()),
            Identifier::Cbu => Cbu::parse(text).map(|_| ()),
            Identifier::Cvu => Cvu::parse(text).map(|_| ()),
        };
        res.err().map(|err| err.to_string())
    }
}

/// The `x-apipagos-check-digit` keyword on a string: the identifier whose check digits it must
/// carry. (An object-level declaration, `{property, by, kinds}`, reaches the validator as JSON
/// Schema conditionals on the property: see `apipagos_codegen`'s model.)
#[derive(Clone, Copy, Debug)]
struct CheckDigit(Identifier);

impl CheckDigit {
    fn from_declaration(declaration: &Value) -> Option<CheckDigit> {
        declaration
            .as_str()
            .and_then(Identifier::named)
            .map(CheckDigit)
    }

    fn fault(self, instance: &Value) -> Option<String> {
        self.0.fault(instance.as_str()?)
    }
}

impl<'i> Keyword<'i> for CheckDigit {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        match self.fault(instance) {
            Some(message) => Err(ValidationError::custom(message)),
            None => Ok(()),
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        self.fault(instance).is_none()
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
}
