//! Validation of every example of the document against its schema, shared by the example rules.
//!
//! Examples: schema `example`, media type `example` and `examples`, parameter and header
//! `example` and `examples`. Each OpenAPI 3.0 schema is converted to JSON Schema by
//! `apipagos_codegen::json_schema_traced` (the one conversion, OpenAPI 3.0.3's reading of
//! `nullable`), with the document's component schemas beside it, so `#/components/schemas/…`
//! references resolve, and validated as draft 7. Formats are checked. Every violation is kept,
//! not only the first.
//!
//! Each converted schema node carries `apipagos_codegen::SOURCE_KEYWORD` (ignored by validation)
//! holding its pointer in the spec, so a violation can name the constraint it breaks.

use std::collections::{BTreeSet, HashMap};

use apipagos_codegen::{json_schema_traced, SOURCE_KEYWORD as SOURCE};
use serde_json::{json, Map, Value};

use super::openapi::{all_schemas, components, media_types, parameter_like, resolve, short};
use crate::spec::child;

/// An example value that its schema rejects.
#[derive(Debug, Clone)]
pub(crate) struct ExampleViolation {
    /// The rejected value (inside the example).
    pub(crate) instance_pointer: String,
    /// The schema the example was validated against.
    pub(crate) schema_pointer: String,
    /// The JSON Schema keyword that failed (`pattern`, `type`, `required`…).
    pub(crate) keyword: String,
    /// The failing keyword in the spec, when it can be traced (`/components/schemas/Cuit/pattern`).
    pub(crate) constraint_pointer: Option<String>,
    /// What is wrong, from the validator.
    pub(crate) message: String,
    /// The example documents a 2xx response body.
    pub(crate) success_response: bool,
    /// The rejected value is `null`.
    pub(crate) null_value: bool,
}

/// The keywords that constrain values beyond their type: what the strictness policy keeps off
/// response schemas when the server is documented to break them.
pub(crate) const CONSTRAINT_KEYWORDS: [&str; 15] = [
    "pattern",
    "enum",
    "const",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
];

struct Site<'a> {
    example_pointer: String,
    value: &'a Value,
    schema_pointer: String,
    schema: &'a Value,
    success_response: bool,
}

/// Every violation of every example of the document.
pub(crate) fn violations(root: &Value) -> Vec<ExampleViolation> {
    let sites = sites(root);
    // One resource holds the converted component schemas and the schema of every site; each
    // site's validator is a `$ref` into it, so the resource is indexed once.
    let mut schema_idx: HashMap<&str, usize> = HashMap::new();
    let mut site_schemas = Vec::new();
    for site in &sites {
        schema_idx.entry(&site.schema_pointer).or_insert_with(|| {
            site_schemas.push(convert(&site.schema_pointer, site.schema));
            site_schemas.len() - 1
        });
    }
    let resource = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "components": { "schemas": converted_component_schemas(root) },
        "sites": site_schemas,
    });
    let registry = match jsonschema::Registry::new()
        .add(RESOURCE, resource.clone())
        .and_then(|it| it.prepare())
    {
        Ok(registry) => registry,
        Err(_) => return Vec::new(),
    };
    let mut validators: HashMap<usize, Option<jsonschema::Validator>> = HashMap::new();
    let mut res = Vec::new();
    for site in &sites {
        let Some(&idx) = schema_idx.get(site.schema_pointer.as_str()) else {
            continue;
        };
        let validator = validators.entry(idx).or_insert_with(|| {
            jsonschema::options()
                .with_draft(jsonschema::Draft::Draft7)
                .should_validate_formats(true)
                .with_registry(&registry)
                .build(&json!({ "$ref": format!("{RESOURCE}#/sites/{idx}") }))
                .ok()
        });
        // A schema that does not compile has an unresolved reference (`unresolved-ref`).
        let Some(validator) = validator else {
            continue;
        };
        for err in validator.iter_errors(site.value) {
            let keyword = err.kind().keyword().to_owned();
            let instance_pointer =
                format!("{}{}", site.example_pointer, err.instance_path().as_str());
            let constraint_pointer = trace(&resource, idx, err.evaluation_path().as_str());
            let message = err.masked_with(short(err.instance())).to_string();
            res.push(ExampleViolation {
                instance_pointer,
                schema_pointer: site.schema_pointer.clone(),
                keyword,
                constraint_pointer,
                message,
                success_response: site.success_response,
                null_value: err.instance().is_null(),
            });
        }
    }
    res
}

/// The URI of the resource holding the converted schemas.
const RESOURCE: &str = "urn:apipagos:spec";

/// Every example with the schema it must match.
fn sites<'a>(root: &'a Value) -> Vec<Site<'a>> {
    let mut res = Vec::new();
    let mut seen = BTreeSet::new();
    let mut push = |site: Site<'a>, res: &mut Vec<Site<'a>>| {
        if seen.insert((site.example_pointer.clone(), site.schema_pointer.clone())) {
            res.push(site);
        }
    };
    // Media types first: a 2xx response example must be seen as such even when its media type
    // is also listed from components.
    for media in media_types(root) {
        holder_sites(root, &media.pointer, media.value, media.success_response)
            .into_iter()
            .for_each(|site| push(site, &mut res));
    }
    for (pointer, holder) in parameter_like(root) {
        holder_sites(root, &pointer, holder, false)
            .into_iter()
            .for_each(|site| push(site, &mut res));
    }
    for (pointer, schema) in all_schemas(root) {
        if schema.get("$ref").is_some() {
            continue;
        }
        if let Some(value) = schema.get("example") {
            let site = Site {
                example_pointer: child(&pointer, "example"),
                value,
                schema_pointer: pointer.clone(),
                schema,
                success_response: false,
            };
            push(site, &mut res);
        }
    }
    res
}

/// The `example` and `examples` of a media type, parameter or header, against its `schema`.
fn holder_sites<'a>(
    root: &'a Value,
    pointer: &str,
    holder: &'a Value,
    success_response: bool,
) -> Vec<Site<'a>> {
    let mut res = Vec::new();
    let Some(schema) = holder.get("schema") else {
        return res;
    };
    let schema_pointer = child(pointer, "schema");
    if let Some(value) = holder.get("example") {
        res.push(Site {
            example_pointer: child(pointer, "example"),
            value,
            schema_pointer: schema_pointer.clone(),
            schema,
            success_response,
        });
    }
    if let Some(examples) = holder.get("examples").and_then(Value::as_object) {
        let examples_pointer = child(pointer, "examples");
        for (name, entry) in examples {
            let (example_pointer, example) = resolve(root, &child(&examples_pointer, name), entry);
            if let Some(value) = example.get("value") {
                res.push(Site {
                    example_pointer: child(&example_pointer, "value"),
                    value,
                    schema_pointer: schema_pointer.clone(),
                    schema,
                    success_response,
                });
            }
        }
    }
    res
}

fn converted_component_schemas(root: &Value) -> Value {
    let mut res = Map::new();
    for (name, schema) in components(root, "schemas") {
        res.insert(
            name.clone(),
            convert(&child("/components/schemas", name), schema),
        );
    }
    Value::Object(res)
}

/// The schema at `pointer` in JSON Schema, each node marked with its spec pointer
/// ([`apipagos_codegen::json_schema_traced`]: the conversion the client's request checks use).
fn convert(pointer: &str, schema: &Value) -> Value {
    json_schema_traced(schema, pointer)
}

/// The spec pointer of the keyword at `evaluation_path` in the converted schema: walks the path,
/// following `$ref`s, and keeps the last `x-src` marker seen.
fn trace(resource: &Value, site_idx: usize, evaluation_path: &str) -> Option<String> {
    let segments: Vec<String> = evaluation_path
        .split('/')
        .skip(1)
        .map(|it| it.replace("~1", "/").replace("~0", "~"))
        .collect();
    let (keyword, steps) = segments.split_last()?;
    // The validator's root is `{"$ref": "<resource>#/sites/<idx>"}`.
    let steps = steps.strip_prefix(&["$ref".to_owned()]).unwrap_or(steps);
    let mut node = resource.get("sites")?.get(site_idx)?;
    let mut source = node.get(SOURCE).and_then(Value::as_str).map(str::to_owned);
    let mut rest: Vec<&str> = Vec::new();
    for step in steps {
        node = if step == "$ref" {
            let reference = node.get("$ref")?.as_str()?;
            let (_, pointer) = reference.split_once('#')?;
            resource.pointer(pointer)?
        } else {
            match node {
                Value::Object(map) => map.get(step)?,
                Value::Array(items) => items.get(step.parse::<usize>().ok()?)?,
                _ => return None,
            }
        };
        match node.get(SOURCE).and_then(Value::as_str) {
            Some(marker) => {
                source = Some(marker.to_owned());
                rest.clear();
            }
            None => rest.push(step),
        }
    }
    let mut res = source?;
    for step in rest {
        if step.parse::<usize>().is_err() {
            res = child(&res, step);
        }
    }
    Some(child(&res, keyword))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(instance pointer, keyword, constraint pointer)` of every violation in `yaml`, sorted.
    fn check(yaml: &str) -> Vec<(String, String, Option<String>)> {
        let doc = crate::spec::parse(yaml).unwrap();
        let mut res: Vec<_> = violations(&doc.value)
            .into_iter()
            .map(|it| (it.instance_pointer, it.keyword, it.constraint_pointer))
            .collect();
        res.sort();
        res
    }

    /// OpenAPI 3.0.3's reading: `nullable` acts beside `type` only (a nullable `enum` admits
    /// `null` when it lists it; a typeless `nullable` admits nothing more), and a boolean
    /// `exclusiveMinimum` makes `minimum` exclusive.
    #[test]
    fn openapi_30_keywords_are_converted() {
        let res = check(
            r"
components:
  schemas:
    Positive:
      type: number
      minimum: 0
      exclusiveMinimum: true
      example: 0
    Colour:
      type: string
      enum: [red, blue]
    MaybeColour:
      type: string
      enum: [red, blue, null]
      nullable: true
    Palette:
      type: object
      properties:
        first: {$ref: '#/components/schemas/MaybeColour'}
        second: {$ref: '#/components/schemas/MaybeColour'}
        third:
          nullable: true
          allOf: [{$ref: '#/components/schemas/Colour'}]
      example: {first: null, second: green, third: null}
",
        );
        assert_eq!(
            res,
            vec![
                (
                    "/components/schemas/Palette/example/second".to_owned(),
                    "enum".to_owned(),
                    Some("/components/schemas/MaybeColour/enum".to_owned())
                ),
                (
                    "/components/schemas/Palette/example/third".to_owned(),
                    "enum".to_owned(),
                    Some("/components/schemas/Colour/enum".to_owned())
                ),
                (
                    "/components/schemas/Palette/example/third".to_owned(),
                    "type".to_owned(),
                    Some("/components/schemas/Colour/type".to_owned())
                ),
                (
                    "/components/schemas/Positive/example".to_owned(),
                    "exclusiveMinimum".to_owned(),
                    Some("/components/schemas/Positive/exclusiveMinimum".to_owned())
                ),
            ]
        );
    }

    #[test]
    fn constraints_are_traced_through_references() {
        let res = check(
            r"
paths:
  /a:
    get:
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Envelope'}
              example: {data: {code: x1}}
components:
  schemas:
    Envelope:
      type: object
      properties:
        data: {$ref: '#/components/schemas/Item'}
    Item:
      type: object
      properties:
        code: {type: string, pattern: '^[0-9]+$'}
",
        );
        assert_eq!(
            res,
            vec![(
                "/paths/~1a/get/responses/200/content/application~1json/example/data/code"
                    .to_owned(),
                "pattern".to_owned(),
                Some("/components/schemas/Item/properties/code/pattern".to_owned())
            )]
        );
    }
}
