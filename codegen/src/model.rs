//! The one reading of the spec's operations: what every other part of the project (the client's
//! request checks and span, the mock, the CLI, the tests, the benches, `cargo xtask`) learns about
//! the API, with `$ref`s resolved and schemas already converted to JSON Schema.
//!
//! `build.rs` renders this model as a static Rust table (see [`crate::operations_table`]); nothing
//! outside `codegen/` walks the spec.
//!
//! Over 500 lines because a third of it is its tests, which read one small spec through every
//! part of the model.

use openapiv3::{
    OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr, RequestBody, Response, Schema,
    StatusCode,
};
use serde_json::{Map, Value};

use crate::{json_schema, CodegenError, Spec};

/// The extension declaring a check digit the JSON Schema cannot express: `cuit` on a string
/// schema, or `{property, by, kinds}` on an object whose `property` holds a CBU or a CVU depending
/// on the value of `by` (`kinds: {CBU: cbu, CVU: cvu}`). Read by the request checks of the client
/// and of the mock.
pub const CHECK_DIGIT_EXTENSION: &str = "x-apipagos-check-digit";

/// The API as the spec declares it: its operations in spec order and its component schemas.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiModel {
    /// Every operation, in spec order.
    pub operations: Vec<OperationModel>,
    /// Every component schema as JSON Schema, by name (the target of the `$ref`s in the
    /// operations' schemas).
    pub component_schemas: Map<String, Value>,
    /// The documented example of each component schema that has one, by name.
    pub component_examples: Map<String, Value>,
}

/// One operation.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationModel {
    /// The operationId (the client's method name).
    pub id: String,
    /// The HTTP method, upper case (`GET`).
    pub method: String,
    /// The path template (`/transactions/{code}`).
    pub path: String,
    /// The first tag: the resource the operation belongs to.
    pub tag: String,
    /// The one-line summary.
    pub summary: String,
    /// How its shape was established (`x-apipagos-docs.status`: `documented`, `partial` or
    /// `inferred`), empty when not declared.
    pub docs_status: String,
    /// The docs page the operation is transcribed from (`x-apipagos-docs.page`: `api-NNNN`),
    /// empty when not declared.
    pub docs_page: String,
    /// The path item's and the operation's parameters, resolved.
    pub parameters: Vec<ParameterModel>,
    /// The JSON request body, if any.
    pub request_body: Option<RequestBodyModel>,
    /// The documented responses, in spec order.
    pub responses: Vec<ResponseModel>,
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// In the path template.
    Path,
    /// In the query string.
    Query,
    /// In a header.
    Header,
    /// In a cookie (progenitor refuses these; kept so the linter can report them).
    Cookie,
}

impl Location {
    /// The Rust variant name of `ParameterLocation` in the generated table.
    pub fn variant(self) -> &'static str {
        match self {
            Location::Path => "Path",
            Location::Query => "Query",
            Location::Header => "Header",
            Location::Cookie => "Cookie",
        }
    }
}

/// One parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct ParameterModel {
    /// Its name.
    pub name: String,
    /// Where it travels.
    pub location: Location,
    /// Whether a request must carry it.
    pub required: bool,
    /// Its schema, as JSON Schema (`Value::Null` when the parameter has no schema).
    pub schema: Value,
    /// The parameter's example, else its schema's.
    pub example: Option<Value>,
}

/// The JSON request body.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBodyModel {
    /// Whether a request must carry it.
    pub required: bool,
    /// Its schema, as JSON Schema.
    pub schema: Value,
    /// The documented example.
    pub example: Option<Value>,
    /// The component schema of the body, or of its items when the body is an array.
    pub component: Option<String>,
    /// Whether the body is an array of [`RequestBodyModel::component`].
    pub array: bool,
}

/// One documented response.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseModel {
    /// `200`, `4XX` or `default`.
    pub status: String,
    /// Its description.
    pub description: String,
    /// The JSON example of its `application/json` content.
    pub example: Option<Value>,
    /// The component schema of that content, when it is a `$ref`.
    pub component: Option<String>,
}

impl ApiModel {
    /// The operation with this operationId.
    pub fn operation(&self, id: &str) -> Option<&OperationModel> {
        self.operations.iter().find(|op| op.id == id)
    }
}

/// Reads the model of `spec`; fails on what the model cannot represent (a `$ref` path item, an
/// operation without operationId, a `$ref` that does not resolve), naming the operation.
pub fn api_model(spec: &Spec) -> Result<ApiModel, CodegenError> {
    let openapi = &spec.openapi;
    let components = openapi.components.as_ref();
    let mut component_schemas = Map::new();
    let mut component_examples = Map::new();
    for (name, schema) in components.into_iter().flat_map(|c| c.schemas.iter()) {
        if let Some(example) = schema
            .as_item()
            .and_then(|it| it.schema_data.example.clone())
        {
            component_examples.insert(name.clone(), example);
        }
        let mut schema = json_schema(to_json(spec, schema)?);
        check_digit_declarations(&schema).map_err(|message| CodegenError::Schema {
            path: spec.path.clone(),
            schema: name.clone(),
            message,
        })?;
        lower_check_digits(&mut schema);
        component_schemas.insert(name.clone(), schema);
    }
    let mut operations = Vec::new();
    for (path, item) in &openapi.paths.paths {
        let ReferenceOr::Item(item) = item else {
            return Err(fault(
                spec,
                "<$ref path item>",
                "ANY",
                path,
                "a `$ref` path item",
            ));
        };
        for (method, operation) in item.iter() {
            let method = method.to_uppercase();
            let id = operation
                .operation_id
                .clone()
                .ok_or_else(|| fault(spec, "<no operationId>", &method, path, "no operationId"))?;
            let at = |message: String| fault(spec, &id, &method, path, &message);
            let mut parameters = Vec::new();
            for parameter in item.parameters.iter().chain(&operation.parameters) {
                let parameter = resolve_parameter(openapi, parameter)
                    .ok_or_else(|| at("a parameter `$ref` does not resolve".to_owned()))?;
                parameters.push(parameter_model(spec, openapi, parameter).map_err(&at)?);
            }
            let request_body = match &operation.request_body {
                None => None,
                Some(body) => {
                    let body = resolve_body(openapi, body)
                        .ok_or_else(|| at("the request body `$ref` does not resolve".to_owned()))?;
                    body_model(spec, body).map_err(&at)?
                }
            };
            let mut responses = Vec::new();
            let documented = operation.responses.responses.iter().map(|(status, r)| {
                let status = match status {
                    StatusCode::Code(code) => code.to_string(),
                    StatusCode::Range(range) => format!("{range}XX"),
                };
                (status, r)
            });
            let default = operation
                .responses
                .default
                .iter()
                .map(|r| ("default".to_owned(), r));
            for (status, response) in documented.chain(default) {
                let response = resolve_response(openapi, response)
                    .ok_or_else(|| at(format!("the {status} response `$ref` does not resolve")))?;
                responses.push(response_model(status, response));
            }
            operations.push(OperationModel {
                tag: operation.tags.first().cloned().unwrap_or_default(),
                summary: operation.summary.clone().unwrap_or_default(),
                docs_status: docs_field(operation, "status"),
                docs_page: docs_field(operation, "page"),
                id,
                method,
                path: path.clone(),
                parameters,
                request_body,
                responses,
            });
        }
    }
    Ok(ApiModel {
        operations,
        component_schemas,
        component_examples,
    })
}

/// The text of `field` in the operation's `x-apipagos-docs`, empty when absent or not text.
fn docs_field(operation: &openapiv3::Operation, field: &str) -> String {
    operation
        .extensions
        .get("x-apipagos-docs")
        .and_then(|docs| docs.get(field))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// Every [`CHECK_DIGIT_EXTENSION`] under `schema` is `cuit`, `cbu`, `cvu`, or
/// `{property, by, kinds: {<value of by>: cuit|cbu|cvu}}`.
fn check_digit_declarations(schema: &Value) -> Result<(), String> {
    let identifier = |it: &Value| matches!(it.as_str(), Some("cuit" | "cbu" | "cvu"));
    match schema {
        Value::Object(map) => {
            if let Some(declaration) = map.get(CHECK_DIGIT_EXTENSION) {
                let well_formed = identifier(declaration)
                    || (declaration.get("property").is_some_and(Value::is_string)
                        && declaration.get("by").is_some_and(Value::is_string)
                        && declaration
                            .get("kinds")
                            .and_then(Value::as_object)
                            .is_some_and(|kinds| {
                                !kinds.is_empty() && kinds.values().all(identifier)
                            }));
                if !well_formed {
                    return Err(format!(
                        "`{CHECK_DIGIT_EXTENSION}: {declaration}` must be cuit, cbu, cvu or \
                         {{property, by, kinds: {{<value>: cuit|cbu|cvu}}}}"
                    ));
                }
            }
            map.values().try_for_each(check_digit_declarations)
        }
        Value::Array(items) => items.iter().try_for_each(check_digit_declarations),
        _ => Ok(()),
    }
}

/// Rewrites each object-level declaration `{property, by, kinds}` as JSON Schema conditionals
/// (`if by is <value> then property has x-apipagos-check-digit: <kind>`), so that a validator only
/// needs the string form and reports the fault at the property itself.
fn lower_check_digits(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            let lowered = match map.get(CHECK_DIGIT_EXTENSION) {
                Some(Value::Object(declaration)) => Some(conditionals(declaration)),
                _ => None,
            };
            if let Some(conditionals) = lowered {
                map.remove(CHECK_DIGIT_EXTENSION);
                let all_of = map
                    .entry("allOf")
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(all_of) = all_of {
                    all_of.extend(conditionals);
                }
            }
            map.values_mut().for_each(lower_check_digits);
        }
        Value::Array(items) => items.iter_mut().for_each(lower_check_digits),
        _ => {}
    }
}

fn conditionals(declaration: &Map<String, Value>) -> Vec<Value> {
    let text = |key: &str| {
        declaration
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
    };
    let (property, by) = (text("property"), text("by"));
    let kinds = declaration.get("kinds").and_then(Value::as_object);
    kinds
        .into_iter()
        .flatten()
        .map(|(value, kind)| {
            serde_json::json!({
                "if": {"properties": {by: {"const": value}}, "required": [by]},
                "then": {"properties": {property: {CHECK_DIGIT_EXTENSION: kind}}},
            })
        })
        .collect()
}

fn fault(spec: &Spec, operation: &str, method: &str, route: &str, message: &str) -> CodegenError {
    CodegenError::Operation {
        path: spec.path.clone(),
        operation: operation.to_owned(),
        method: method.to_owned(),
        route: route.to_owned(),
        message: message.to_owned(),
    }
}

fn to_json(spec: &Spec, node: &impl serde::Serialize) -> Result<Value, CodegenError> {
    serde_json::to_value(node).map_err(|err| CodegenError::Generator {
        path: spec.path.clone(),
        message: format!("cannot encode a schema as JSON: {err}"),
    })
}

fn parameter_model(
    spec: &Spec,
    openapi: &OpenAPI,
    parameter: &Parameter,
) -> Result<ParameterModel, String> {
    let (data, location) = match parameter {
        Parameter::Path { parameter_data, .. } => (parameter_data, Location::Path),
        Parameter::Query { parameter_data, .. } => (parameter_data, Location::Query),
        Parameter::Header { parameter_data, .. } => (parameter_data, Location::Header),
        Parameter::Cookie { parameter_data, .. } => (parameter_data, Location::Cookie),
    };
    let schema = match &data.format {
        ParameterSchemaOrContent::Schema(schema) => Some(schema),
        ParameterSchemaOrContent::Content(_) => None,
    };
    let example = data.example.clone().or_else(|| {
        let schema = resolve_schema(openapi, schema?)?;
        schema.schema_data.example.clone()
    });
    let schema = match schema {
        Some(schema) => json_schema(to_json(spec, schema).map_err(|err| err.to_string())?),
        None => Value::Null,
    };
    Ok(ParameterModel {
        name: data.name.clone(),
        location,
        required: data.required,
        schema,
        example,
    })
}

fn body_model(spec: &Spec, body: &RequestBody) -> Result<Option<RequestBodyModel>, String> {
    let Some(media) = body.content.get("application/json") else {
        return Ok(None);
    };
    let Some(schema) = &media.schema else {
        return Ok(None);
    };
    let (component, array) = match schema {
        ReferenceOr::Reference { reference } => (component_name(reference), false),
        ReferenceOr::Item(item) => match &item.schema_kind {
            openapiv3::SchemaKind::Type(openapiv3::Type::Array(array)) => {
                let items = array.items.as_ref().and_then(|items| match items {
                    ReferenceOr::Reference { reference } => component_name(reference),
                    ReferenceOr::Item(_) => None,
                });
                (items, true)
            }
            _ => (None, false),
        },
    };
    let json = to_json(spec, schema).map_err(|err| err.to_string())?;
    Ok(Some(RequestBodyModel {
        required: body.required,
        schema: json_schema(json),
        example: media.example.clone(),
        component,
        array,
    }))
}

fn response_model(status: String, response: &Response) -> ResponseModel {
    let media = response.content.get("application/json");
    let component = match media.and_then(|media| media.schema.as_ref()) {
        Some(ReferenceOr::Reference { reference }) => component_name(reference),
        _ => None,
    };
    ResponseModel {
        status,
        description: response.description.clone(),
        example: media.and_then(|media| media.example.clone()),
        component,
    }
}

fn component_name(reference: &str) -> Option<String> {
    reference
        .strip_prefix("#/components/schemas/")
        .map(str::to_owned)
}

fn resolve_parameter<'a>(
    openapi: &'a OpenAPI,
    node: &'a ReferenceOr<Parameter>,
) -> Option<&'a Parameter> {
    match node {
        ReferenceOr::Item(item) => Some(item),
        ReferenceOr::Reference { reference } => {
            let name = reference.strip_prefix("#/components/parameters/")?;
            resolve_parameter(openapi, openapi.components.as_ref()?.parameters.get(name)?)
        }
    }
}

fn resolve_body<'a>(
    openapi: &'a OpenAPI,
    node: &'a ReferenceOr<RequestBody>,
) -> Option<&'a RequestBody> {
    match node {
        ReferenceOr::Item(item) => Some(item),
        ReferenceOr::Reference { reference } => {
            let name = reference.strip_prefix("#/components/requestBodies/")?;
            resolve_body(
                openapi,
                openapi.components.as_ref()?.request_bodies.get(name)?,
            )
        }
    }
}

fn resolve_response<'a>(
    openapi: &'a OpenAPI,
    node: &'a ReferenceOr<Response>,
) -> Option<&'a Response> {
    match node {
        ReferenceOr::Item(item) => Some(item),
        ReferenceOr::Reference { reference } => {
            let name = reference.strip_prefix("#/components/responses/")?;
            resolve_response(openapi, openapi.components.as_ref()?.responses.get(name)?)
        }
    }
}

fn resolve_schema<'a>(openapi: &'a OpenAPI, node: &'a ReferenceOr<Schema>) -> Option<&'a Schema> {
    match node {
        ReferenceOr::Item(item) => Some(item),
        ReferenceOr::Reference { reference } => {
            let name = reference.strip_prefix("#/components/schemas/")?;
            resolve_schema(openapi, openapi.components.as_ref()?.schemas.get(name)?)
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use serde_json::json;

    use super::*;
    use crate::parse_spec;

    const SPEC: &str = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /refunds/{code}:
    parameters:
      - $ref: '#/components/parameters/Code'
    get:
      operationId: get_refund
      tags: [refunds, other]
      summary: One refund
      parameters:
        - {name: page, in: query, schema: {type: integer, minimum: 1}}
      responses:
        '200':
          description: ok
          content:
            application/json: {example: {data: {code: abc}}}
        4XX: {$ref: '#/components/responses/Error'}
    post:
      operationId: create_refunds
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: array, items: {$ref: '#/components/schemas/Refund'}}
            example: [{amount: 1}]
      responses:
        default: {description: any}
components:
  parameters:
    Code: {name: code, in: path, required: true, schema: {$ref: '#/components/schemas/Code'}}
  schemas:
    Code: {type: string, example: abc}
    Refund: {type: object, properties: {amount: {type: number, nullable: true}}}
  responses:
    Error:
      description: error
      content:
        application/json: {example: {message: no}}
"#;

    fn model() -> ApiModel {
        api_model(&parse_spec(Path::new("t.yaml"), SPEC).unwrap()).unwrap()
    }

    #[test]
    fn operations_come_in_spec_order_with_method_path_tag_and_summary() {
        let model = model();
        let ids: Vec<_> = model.operations.iter().map(|op| op.id.as_str()).collect();
        assert_eq!(ids, ["get_refund", "create_refunds"]);
        let get = &model.operations[0];
        assert_eq!(
            (get.method.as_str(), get.path.as_str()),
            ("GET", "/refunds/{code}")
        );
        assert_eq!(
            (get.tag.as_str(), get.summary.as_str()),
            ("refunds", "One refund")
        );
    }

    #[test]
    fn parameters_are_resolved_with_their_examples_and_json_schemas() {
        let model = model();
        let params = &model.operations[0].parameters;
        assert_eq!(params[0].name, "code");
        assert_eq!(params[0].location, Location::Path);
        assert!(params[0].required);
        assert_eq!(params[0].example, Some(json!("abc")));
        assert_eq!(
            params[0].schema,
            json!({"$ref": "#/components/schemas/Code"})
        );
        assert_eq!(params[1].schema, json!({"type": "integer", "minimum": 1}));
        assert!(!params[1].required);
    }

    #[test]
    fn responses_are_resolved_with_their_statuses_and_examples() {
        let model = model();
        let statuses: Vec<_> = model.operations[0]
            .responses
            .iter()
            .map(|r| (r.status.as_str(), r.example.clone()))
            .collect();
        assert_eq!(
            statuses,
            [
                ("200", Some(json!({"data": {"code": "abc"}}))),
                ("4XX", Some(json!({"message": "no"})))
            ]
        );
        assert_eq!(model.operations[1].responses[0].status, "default");
    }

    #[test]
    fn a_body_names_its_item_component_and_is_converted_to_json_schema() {
        let model = model();
        let body = model.operations[1].request_body.as_ref().unwrap();
        assert!(body.required && body.array);
        assert_eq!(body.component.as_deref(), Some("Refund"));
        assert_eq!(body.example, Some(json!([{"amount": 1}])));
        let amount = &model.component_schemas["Refund"]["properties"]["amount"];
        assert_eq!(amount["type"], json!(["number", "null"]));
    }

    #[test]
    fn a_malformed_check_digit_declaration_names_its_schema() {
        let text = SPEC.replace(
            "Code: {type: string, example: abc}",
            "Code: {type: string, x-apipagos-check-digit: iban}",
        );
        let err = api_model(&parse_spec(Path::new("t.yaml"), &text).unwrap()).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("`Code`") && message.contains("iban"),
            "{message}"
        );
        let text = SPEC.replace(
            "Code: {type: string, example: abc}",
            "Code: {type: string, x-apipagos-check-digit: cuit}",
        );
        assert!(api_model(&parse_spec(Path::new("t.yaml"), &text).unwrap()).is_ok());
    }

    #[test]
    fn an_object_check_digit_becomes_conditionals_on_its_property() {
        let text = SPEC.replace(
            "Refund: {type: object,",
            "Refund: {type: object, x-apipagos-check-digit: {property: number, by: method, kinds: {CBU: cbu}},",
        );
        let model = api_model(&parse_spec(Path::new("t.yaml"), &text).unwrap()).unwrap();
        let refund = &model.component_schemas["Refund"];
        assert_eq!(refund.get(CHECK_DIGIT_EXTENSION), None);
        assert_eq!(
            refund["allOf"],
            json!([{
                "if": {"properties": {"method": {"const": "CBU"}}, "required": ["method"]},
                "then": {"properties": {"number": {CHECK_DIGIT_EXTENSION: "cbu"}}},
            }])
        );
    }

    #[test]
    fn an_unresolved_parameter_names_the_operation() {
        let text = SPEC.replace("parameters/Code'", "parameters/Nope'");
        let err = api_model(&parse_spec(Path::new("t.yaml"), &text).unwrap()).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("get_refund"), "{message}");
        assert!(message.contains("does not resolve"), "{message}");
    }
}
