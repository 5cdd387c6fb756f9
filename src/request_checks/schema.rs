//! A JSON Schema of the operations table compiled into the keywords the checker knows.
//!
//! The converted request schemas (`apipagos_codegen`'s `json_schema`) use a small, fixed set of
//! keywords; [`Schema::compile`] turns each into a [`Keyword`] and refuses any other keyword, a
//! format it does not check, or a malformed value, so a schema the checker does not understand
//! fails its compilation (a test compiles every schema of the table) instead of being accepted.

use std::collections::HashMap;
use std::fmt;

use serde_json::{Map, Number, Value};

use super::check_digit::Identifier;
use super::formats::Format;

/// Where a `$ref` points: `#/components/schemas/<name>`.
const COMPONENTS_PREFIX: &str = "#/components/schemas/";

/// Keywords that carry no constraint: JSON Schema annotations and the extensions other tools read.
const ANNOTATIONS: [&str; 10] = [
    "description",
    "default",
    "title",
    "examples",
    "readOnly",
    "writeOnly",
    "deprecated",
    "$comment",
    // The Rust type the generator gives the schema (codegen's typify settings).
    "x-apipagos-rust-type",
    // The spec pointer a traced conversion records (`apipagos_codegen::json_schema::SOURCE_KEYWORD`).
    "x-openapi-pointer",
];

/// The extension the spec declares check digits with (see `apipagos_codegen::CHECK_DIGIT_EXTENSION`).
pub(crate) const CHECK_DIGIT: &str = "x-apipagos-check-digit";

/// The constraint name of [`Keyword::IntegerWidth`], added to `format: int64` integer schemas.
pub(crate) const INTEGER_WIDTH: &str = "x-apipagos-integer-width";

/// A JSON type of `type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum JsonType {
    Null,
    Boolean,
    Integer,
    Number,
    String,
    Array,
    Object,
}

impl JsonType {
    fn named(name: &str) -> Option<JsonType> {
        Some(match name {
            "null" => JsonType::Null,
            "boolean" => JsonType::Boolean,
            "integer" => JsonType::Integer,
            "number" => JsonType::Number,
            "string" => JsonType::String,
            "array" => JsonType::Array,
            "object" => JsonType::Object,
            _ => return None,
        })
    }

    /// The name `type` gives it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Boolean => "boolean",
            JsonType::Integer => "integer",
            JsonType::Number => "number",
            JsonType::String => "string",
            JsonType::Array => "array",
            JsonType::Object => "object",
        }
    }
}

/// One constraint of a schema object.
#[derive(Debug)]
pub(crate) enum Keyword {
    Type(Vec<JsonType>),
    Enum(Vec<Value>),
    Const(Value),
    Minimum(Number),
    Maximum(Number),
    ExclusiveMinimum(Number),
    ExclusiveMaximum(Number),
    MinLength(u64),
    MaxLength(u64),
    Pattern {
        source: String,
        regex: regress::Regex,
    },
    Format(Format),
    MinItems(u64),
    MaxItems(u64),
    Items(Box<Schema>),
    Properties(Vec<(String, Schema)>),
    /// The schema of the properties `properties` does not name.
    AdditionalProperties {
        known: Vec<String>,
        schema: Box<Schema>,
    },
    Required(Vec<String>),
    AllOf(Vec<Schema>),
    AnyOf(Vec<Schema>),
    OneOf(Vec<Schema>),
    Not(Box<Schema>),
    If {
        condition: Box<Schema>,
        then: Option<Box<Schema>>,
        otherwise: Option<Box<Schema>>,
    },
    /// A `$ref` to a component: its index in [`Components`].
    Ref(usize),
    CheckDigit(Identifier),
    /// Refuses the float `-2^63`, which only an out-of-range literal becomes: serde_json reads an
    /// integer beyond 64 bits as a float, and `-9223372036854775809` rounds to exactly `i64::MIN`,
    /// which the `minimum` bound lets through (the client holds the field in an `i64`).
    IntegerWidth,
}

impl Keyword {
    /// The constraint name a violation of it carries.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Keyword::Type(_) => "type",
            Keyword::Enum(_) => "enum",
            Keyword::Const(_) => "const",
            Keyword::Minimum(_) => "minimum",
            Keyword::Maximum(_) => "maximum",
            Keyword::ExclusiveMinimum(_) => "exclusiveMinimum",
            Keyword::ExclusiveMaximum(_) => "exclusiveMaximum",
            Keyword::MinLength(_) => "minLength",
            Keyword::MaxLength(_) => "maxLength",
            Keyword::Pattern { .. } => "pattern",
            Keyword::Format(_) => "format",
            Keyword::MinItems(_) => "minItems",
            Keyword::MaxItems(_) => "maxItems",
            Keyword::Items(_) => "items",
            Keyword::Properties(_) => "properties",
            Keyword::AdditionalProperties { .. } => "additionalProperties",
            Keyword::Required(_) => "required",
            Keyword::AllOf(_) => "allOf",
            Keyword::AnyOf(_) => "anyOf",
            Keyword::OneOf(_) => "oneOf",
            Keyword::Not(_) => "not",
            Keyword::If { .. } => "if",
            Keyword::Ref(_) => "$ref",
            Keyword::CheckDigit(_) => CHECK_DIGIT,
            Keyword::IntegerWidth => INTEGER_WIDTH,
        }
    }
}

/// A compiled schema: `true`, `false`, or an object's keywords in the order of its JSON object.
#[derive(Debug)]
pub(crate) enum Schema {
    Always(bool),
    Keywords(Vec<Keyword>),
}

/// Why a schema does not compile: a spec (or converter) change the checker does not follow yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CompileError {
    /// The schema text is not JSON.
    NotJson(String),
    /// A keyword the checker does not evaluate.
    UnknownKeyword { at: String, keyword: String },
    /// A `format` the checker does not check.
    UnknownFormat { at: String, format: String },
    /// A keyword whose value is not what JSON Schema allows (or what the checker expects).
    Malformed { at: String, keyword: String },
    /// A `$ref` to no component schema.
    UnknownReference { at: String, reference: String },
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompileError::NotJson(err) => write!(f, "the spec's schema is not JSON: {err}"),
            CompileError::UnknownKeyword { at, keyword } => {
                write!(
                    f,
                    "the request checks do not know the keyword `{keyword}` (at `{at}`)"
                )
            }
            CompileError::UnknownFormat { at, format } => {
                write!(
                    f,
                    "the request checks do not know the format `{format}` (at `{at}`)"
                )
            }
            CompileError::Malformed { at, keyword } => {
                write!(f, "the keyword `{keyword}` is malformed (at `{at}`)")
            }
            CompileError::UnknownReference { at, reference } => {
                write!(
                    f,
                    "`$ref` to no component schema: `{reference}` (at `{at}`)"
                )
            }
        }
    }
}

/// The component schemas, compiled: what `$ref`s point to.
#[derive(Debug, Default)]
pub(crate) struct Components {
    /// Each component's index in `schemas`, by name.
    index: HashMap<String, usize>,
    schemas: Vec<Schema>,
}

impl Components {
    /// Compiles every component schema of `document` (the operations table's component schemas,
    /// a JSON object keyed by name).
    pub(crate) fn compile(document: &Value) -> Result<Components, CompileError> {
        let Some(named) = document.as_object() else {
            return Err(CompileError::Malformed {
                at: "#/components/schemas".to_owned(),
                keyword: "components".to_owned(),
            });
        };
        let index: HashMap<String, usize> = named
            .keys()
            .enumerate()
            .map(|(idx, name)| (name.clone(), idx))
            .collect();
        let compiler = Compiler { index: &index };
        let schemas = named
            .iter()
            .map(|(name, schema)| compiler.schema(schema, &format!("{COMPONENTS_PREFIX}{name}")))
            .collect::<Result<_, _>>()?;
        Ok(Components { index, schemas })
    }

    /// The component at `index` (from a [`Keyword::Ref`] compiled against these components).
    pub(crate) fn get(&self, index: usize) -> Option<&Schema> {
        self.schemas.get(index)
    }

    /// Compiles `schema`, its `$ref`s resolved against these components.
    pub(crate) fn compile_schema(&self, schema: &Value) -> Result<Schema, CompileError> {
        Compiler { index: &self.index }.schema(schema, "#")
    }
}

/// Compiles schema values, resolving `$ref`s by component name.
struct Compiler<'a> {
    index: &'a HashMap<String, usize>,
}

impl Compiler<'_> {
    fn schema(&self, schema: &Value, at: &str) -> Result<Schema, CompileError> {
        match schema {
            Value::Bool(always) => Ok(Schema::Always(*always)),
            Value::Object(map) => self.object(map, at).map(Schema::Keywords),
            _ => Err(CompileError::Malformed {
                at: at.to_owned(),
                keyword: "(schema)".to_owned(),
            }),
        }
    }

    fn object(&self, map: &Map<String, Value>, at: &str) -> Result<Vec<Keyword>, CompileError> {
        let mut keywords = Vec::with_capacity(map.len());
        if let Some(reference) = map.get("$ref") {
            // OpenAPI 3.0 ignores a `$ref`'s siblings (and the converter drops them).
            keywords.push(self.reference(reference, at)?);
            return Ok(keywords);
        }
        for (name, value) in map {
            let here = format!("{at}/{name}");
            let malformed = || CompileError::Malformed {
                at: at.to_owned(),
                keyword: name.clone(),
            };
            let keyword = match name.as_str() {
                name if ANNOTATIONS.contains(&name) => continue,
                // Read with `if`.
                "then" | "else" if map.contains_key("if") => continue,
                "type" => Keyword::Type(types(value).ok_or_else(malformed)?),
                "enum" => Keyword::Enum(value.as_array().ok_or_else(malformed)?.clone()),
                "const" => Keyword::Const(value.clone()),
                "minimum" => Keyword::Minimum(number(value).ok_or_else(malformed)?),
                "maximum" => Keyword::Maximum(number(value).ok_or_else(malformed)?),
                "exclusiveMinimum" => {
                    Keyword::ExclusiveMinimum(number(value).ok_or_else(malformed)?)
                }
                "exclusiveMaximum" => {
                    Keyword::ExclusiveMaximum(number(value).ok_or_else(malformed)?)
                }
                "minLength" => Keyword::MinLength(value.as_u64().ok_or_else(malformed)?),
                "maxLength" => Keyword::MaxLength(value.as_u64().ok_or_else(malformed)?),
                "minItems" => Keyword::MinItems(value.as_u64().ok_or_else(malformed)?),
                "maxItems" => Keyword::MaxItems(value.as_u64().ok_or_else(malformed)?),
                "pattern" => {
                    let source = value.as_str().ok_or_else(malformed)?;
                    let regex = regress::Regex::new(source).map_err(|_| malformed())?;
                    Keyword::Pattern {
                        source: source.to_owned(),
                        regex,
                    }
                }
                "format" => {
                    let format = value.as_str().ok_or_else(malformed)?;
                    match Format::named(format) {
                        Some(format) => Keyword::Format(format),
                        None => {
                            return Err(CompileError::UnknownFormat {
                                at: at.to_owned(),
                                format: format.to_owned(),
                            })
                        }
                    }
                }
                "items" => Keyword::Items(Box::new(self.schema(value, &here)?)),
                "properties" => {
                    let properties = value.as_object().ok_or_else(malformed)?;
                    let compiled = properties
                        .iter()
                        .map(|(property, schema)| {
                            let at = format!("{here}/{property}");
                            Ok((property.clone(), self.schema(schema, &at)?))
                        })
                        .collect::<Result<_, CompileError>>()?;
                    Keyword::Properties(compiled)
                }
                "additionalProperties" => Keyword::AdditionalProperties {
                    known: map
                        .get("properties")
                        .and_then(Value::as_object)
                        .map(|it| it.keys().cloned().collect())
                        .unwrap_or_default(),
                    schema: Box::new(self.schema(value, &here)?),
                },
                "required" => {
                    let names = value.as_array().ok_or_else(malformed)?;
                    let names = names
                        .iter()
                        .map(|it| it.as_str().map(str::to_owned))
                        .collect::<Option<_>>()
                        .ok_or_else(malformed)?;
                    Keyword::Required(names)
                }
                "allOf" => Keyword::AllOf(self.list(value, &here).ok_or_else(malformed)??),
                "anyOf" => Keyword::AnyOf(self.list(value, &here).ok_or_else(malformed)??),
                "oneOf" => Keyword::OneOf(self.list(value, &here).ok_or_else(malformed)??),
                "not" => Keyword::Not(Box::new(self.schema(value, &here)?)),
                "if" => {
                    let branch = |key: &str| {
                        map.get(key)
                            .map(|it| self.schema(it, &format!("{at}/{key}")).map(Box::new))
                            .transpose()
                    };
                    Keyword::If {
                        condition: Box::new(self.schema(value, &here)?),
                        then: branch("then")?,
                        otherwise: branch("else")?,
                    }
                }
                CHECK_DIGIT => Keyword::CheckDigit(
                    value
                        .as_str()
                        .and_then(Identifier::named)
                        .ok_or_else(malformed)?,
                ),
                _ => {
                    return Err(CompileError::UnknownKeyword {
                        at: at.to_owned(),
                        keyword: name.clone(),
                    })
                }
            };
            keywords.push(keyword);
        }
        if is_int64(map) {
            keywords.push(Keyword::IntegerWidth);
        }
        Ok(keywords)
    }

    fn list(&self, value: &Value, at: &str) -> Option<Result<Vec<Schema>, CompileError>> {
        let list = value.as_array()?;
        Some(
            list.iter()
                .enumerate()
                .map(|(idx, schema)| self.schema(schema, &format!("{at}/{idx}")))
                .collect(),
        )
    }

    fn reference(&self, reference: &Value, at: &str) -> Result<Keyword, CompileError> {
        let text = reference.as_str().unwrap_or_default();
        text.strip_prefix(COMPONENTS_PREFIX)
            .and_then(|name| self.index.get(name))
            .map(|idx| Keyword::Ref(*idx))
            .ok_or_else(|| CompileError::UnknownReference {
                at: at.to_owned(),
                reference: text.to_owned(),
            })
    }
}

/// Whether the schema is an integer of format `int64` (see [`Keyword::IntegerWidth`]).
fn is_int64(map: &Map<String, Value>) -> bool {
    let is_integer = match map.get("type") {
        Some(Value::String(ty)) => ty == "integer",
        Some(Value::Array(types)) => types.iter().any(|t| t == "integer"),
        _ => false,
    };
    is_integer && map.get("format").and_then(Value::as_str) == Some("int64")
}

fn types(value: &Value) -> Option<Vec<JsonType>> {
    match value {
        Value::String(name) => Some(vec![JsonType::named(name)?]),
        Value::Array(names) => names
            .iter()
            .map(|it| it.as_str().and_then(JsonType::named))
            .collect(),
        _ => None,
    }
}

fn number(value: &Value) -> Option<Number> {
    match value {
        Value::Number(number) => Some(number.clone()),
        _ => None,
    }
}
