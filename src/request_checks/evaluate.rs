//! Checks a JSON value against a compiled [`Schema`], collecting every [`Violation`] in the order
//! of the schema's keywords (as a JSON Schema validator lists them).
//!
//! Values are echoed in messages except for the identifier-like constraints (patterns, lengths,
//! formats, check digits), and arrays and objects are described rather than printed: a message
//! never repeats a CUIT, a CBU or a card number.

use std::cmp::Ordering;

use serde_json::{Number, Value};

use super::numbers;
use super::pointer::Location;
use super::schema::{Components, JsonType, Keyword, Schema};
use super::Violation;

/// Collects the violations of one instance.
pub(crate) struct Checker<'c> {
    components: &'c Components,
    /// Put before every pointer (`/query/page` for a parameter, empty for a body).
    prefix: &'c str,
    found: Vec<Violation>,
}

impl<'c> Checker<'c> {
    /// A checker resolving `$ref`s in `components`, its pointers starting with `prefix`.
    pub(crate) fn new(components: &'c Components, prefix: &'c str) -> Checker<'c> {
        Checker {
            components,
            prefix,
            found: Vec::new(),
        }
    }

    /// Every violation of `instance` against `schema`.
    pub(crate) fn check(mut self, schema: &Schema, instance: &Value) -> Vec<Violation> {
        self.schema(schema, instance, &Location::Root);
        self.found
    }

    /// Whether `instance` is valid against `schema` (for `oneOf`, `anyOf`, `not`, `if`).
    fn accepts(&self, schema: &Schema, instance: &Value) -> bool {
        Checker::new(self.components, "")
            .check(schema, instance)
            .is_empty()
    }

    fn push(&mut self, at: &Location<'_>, keyword: &Keyword, message: String) {
        self.found.push(Violation {
            pointer: at.pointer(self.prefix),
            constraint: keyword.name().to_owned(),
            message,
        });
    }

    fn schema(&mut self, schema: &Schema, instance: &Value, at: &Location<'_>) {
        match schema {
            Schema::Always(true) => {}
            Schema::Always(false) => self.found.push(Violation {
                pointer: at.pointer(self.prefix),
                constraint: "false".to_owned(),
                message: "no value is allowed here".to_owned(),
            }),
            Schema::Keywords(keywords) => {
                for keyword in keywords {
                    self.keyword(keyword, instance, at);
                }
            }
        }
    }

    fn keyword(&mut self, keyword: &Keyword, instance: &Value, at: &Location<'_>) {
        if let Some(message) = self.fault(keyword, instance, at) {
            self.push(at, keyword, message);
        }
    }

    /// What `instance` breaks of `keyword` itself; the faults of subschemas are pushed as they
    /// are found.
    fn fault(&mut self, keyword: &Keyword, instance: &Value, at: &Location<'_>) -> Option<String> {
        match keyword {
            Keyword::Type(types) => (!types.iter().any(|ty| has_type(instance, *ty))).then(|| {
                let names: Vec<String> =
                    types.iter().map(|ty| format!("{:?}", ty.name())).collect();
                format!("{} is not of type {}", shown(instance), names.join(" or "))
            }),
            Keyword::Enum(values) => {
                (!values.iter().any(|v| numbers::equal(v, instance))).then(|| {
                    format!(
                        "{} is not one of {}",
                        shown(instance),
                        Value::from(values.clone())
                    )
                })
            }
            Keyword::Const(expected) => {
                (!numbers::equal(expected, instance)).then(|| format!("{expected} was expected"))
            }
            Keyword::Minimum(limit) => bound(instance, limit, |o| o == Ordering::Less)
                .then(|| format!("{} is less than the minimum of {limit}", shown(instance))),
            Keyword::Maximum(limit) => bound(instance, limit, |o| o == Ordering::Greater)
                .then(|| format!("{} is greater than the maximum of {limit}", shown(instance))),
            Keyword::ExclusiveMinimum(limit) => bound(instance, limit, |o| o != Ordering::Greater)
                .then(|| {
                    format!(
                        "{} is less than or equal to the minimum of {limit}",
                        shown(instance)
                    )
                }),
            Keyword::ExclusiveMaximum(limit) => bound(instance, limit, |o| o != Ordering::Less)
                .then(|| {
                    format!(
                        "{} is greater than or equal to the maximum of {limit}",
                        shown(instance)
                    )
                }),
            Keyword::MinLength(min) => length(instance)
                .filter(|len| len < min)
                .map(|_| format!("the value is shorter than {min} characters")),
            Keyword::MaxLength(max) => length(instance)
                .filter(|len| len > max)
                .map(|_| format!("the value is longer than {max} characters")),
            Keyword::Pattern { source, regex } => instance
                .as_str()
                .filter(|text| regex.find(text).is_none())
                .map(|_| format!("the value does not match {source:?}")),
            Keyword::Format(format) => instance
                .as_str()
                .filter(|text| !format.accepts(text))
                .map(|_| format!("the value is not a {:?}", format.name())),
            Keyword::MinItems(min) => items(instance)
                .filter(|len| len < min)
                .map(|_| format!("the array has fewer than {min} items")),
            Keyword::MaxItems(max) => items(instance)
                .filter(|len| len > max)
                .map(|_| format!("the array has more than {max} items")),
            Keyword::Items(schema) => {
                for (index, item) in instance.as_array().into_iter().flatten().enumerate() {
                    self.schema(schema, item, &Location::Index(at, index));
                }
                None
            }
            Keyword::Properties(properties) => {
                if let Value::Object(object) = instance {
                    for (name, schema) in properties {
                        if let Some(value) = object.get(name) {
                            self.schema(schema, value, &Location::Property(at, name));
                        }
                    }
                }
                None
            }
            Keyword::AdditionalProperties { known, schema } => {
                let object = instance.as_object()?;
                let extra = object.iter().filter(|(name, _)| !known.contains(name));
                if let Schema::Always(false) = **schema {
                    let names: Vec<&str> = extra.map(|(name, _)| name.as_str()).collect();
                    return (!names.is_empty())
                        .then(|| format!("additional properties are not allowed ({names:?})"));
                }
                for (name, value) in extra {
                    self.schema(schema, value, &Location::Property(at, name));
                }
                None
            }
            Keyword::Required(names) => {
                if let Value::Object(object) = instance {
                    for name in names.iter().filter(|name| !object.contains_key(*name)) {
                        self.push(at, keyword, format!("{name:?} is a required property"));
                    }
                }
                None
            }
            Keyword::AllOf(schemas) => {
                for schema in schemas {
                    self.schema(schema, instance, at);
                }
                None
            }
            Keyword::AnyOf(schemas) => {
                (!schemas.iter().any(|s| self.accepts(s, instance))).then(|| {
                    format!(
                        "{} is valid under none of the `anyOf` schemas",
                        shown(instance)
                    )
                })
            }
            Keyword::OneOf(schemas) => {
                match schemas.iter().filter(|s| self.accepts(s, instance)).count() {
                    1 => None,
                    0 => Some(format!(
                        "{} is valid under none of the `oneOf` schemas",
                        shown(instance)
                    )),
                    _ => Some(format!(
                        "{} is valid under more than one of the `oneOf` schemas",
                        shown(instance)
                    )),
                }
            }
            Keyword::Not(schema) => self
                .accepts(schema, instance)
                .then(|| format!("{} is valid under the `not` schema", shown(instance))),
            Keyword::If {
                condition,
                then,
                otherwise,
            } => {
                let branch = if self.accepts(condition, instance) {
                    then
                } else {
                    otherwise
                };
                if let Some(schema) = branch {
                    self.schema(schema, instance, at);
                }
                None
            }
            Keyword::Ref(index) => {
                let components = self.components;
                match components.get(*index) {
                    Some(schema) => {
                        self.schema(schema, instance, at);
                        None
                    }
                    None => Some("the schema refers to no component".to_owned()),
                }
            }
            Keyword::CheckDigit(identifier) => identifier.fault(instance.as_str()?),
            Keyword::IntegerWidth => match instance {
                #[allow(clippy::cast_precision_loss)] // -2^63 is exact as a float
                Value::Number(number)
                    if number.is_f64() && number.as_f64() == Some(i64::MIN as f64) =>
                {
                    Some("the number does not fit a 64-bit integer".to_owned())
                }
                _ => None,
            },
        }
    }
}

/// Whether `instance` is of the JSON type `ty` (an integer is also a number).
fn has_type(instance: &Value, ty: JsonType) -> bool {
    match (ty, instance) {
        (JsonType::Null, Value::Null)
        | (JsonType::Boolean, Value::Bool(_))
        | (JsonType::Number, Value::Number(_))
        | (JsonType::String, Value::String(_))
        | (JsonType::Array, Value::Array(_))
        | (JsonType::Object, Value::Object(_)) => true,
        (JsonType::Integer, Value::Number(number)) => numbers::is_integer(number),
        _ => false,
    }
}

/// Whether the number `instance` stands against `limit` as `breaks` says (non-numbers pass).
fn bound(instance: &Value, limit: &Number, breaks: impl Fn(Ordering) -> bool) -> bool {
    match instance {
        Value::Number(number) => numbers::compare(number, limit).is_some_and(breaks),
        _ => false,
    }
}

/// A string's length in characters (code points, as JSON Schema counts).
fn length(instance: &Value) -> Option<u64> {
    let text = instance.as_str()?;
    u64::try_from(text.chars().count()).ok()
}

/// An array's length.
fn items(instance: &Value) -> Option<u64> {
    u64::try_from(instance.as_array()?.len()).ok()
}

/// A value as a message shows it: scalars as JSON, arrays and objects described.
fn shown(instance: &Value) -> String {
    match instance {
        Value::Array(_) => "the array".to_owned(),
        Value::Object(_) => "the object".to_owned(),
        scalar => scalar.to_string(),
    }
}
