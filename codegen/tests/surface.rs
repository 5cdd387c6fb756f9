//! The typed surface of a small generated client: what `xtask diff` compares, read from the
//! syntax tree (setters, `send()` types, JSON names from serde renames, derived `Default`s), and
//! its compact text.

use std::path::Path;

use apipagos_codegen::{generate_client, parse_spec, Options, Shape, Surface};

fn surface() -> Surface {
    let text = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /things/{code}:
    get:
      operationId: get_thing
      parameters:
        - {name: code, in: path, required: true, schema: {type: string}}
        - {name: perPage, in: query, schema: {type: integer, minimum: 1}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
components:
  schemas:
    Thing:
      type: object
      properties:
        type: {type: string}
        kind: {type: string, enum: [small, large]}
";
    let spec = parse_spec(Path::new("spec/small.yaml"), text).expect("the spec parses");
    let client = generate_client(&spec, Options::default()).expect("the client generates");
    Surface::read(&spec, &client.file)
}

#[test]
fn operations_carry_their_setters_and_send_type() {
    let surface = surface();
    let op = surface.operation("get_thing").expect("get_thing is read");
    assert_eq!(
        (op.method.as_str(), op.path.as_str()),
        ("GET", "/things/{code}")
    );
    assert_eq!(surface.setter("get_thing", "code"), Some("String"));
    assert_eq!(surface.setter("get_thing", "per_page"), Some("NonZeroU64"));
    assert_eq!(op.send_type(), "Result<ResponseValue<Thing>, ApiError>");
}

#[test]
fn types_carry_json_names_and_defaults() {
    let surface = surface();
    let field = surface.field("Thing", "type").expect("the `type` property");
    assert_eq!(
        (field.name.as_str(), field.ty.as_str()),
        ("type_", "Option<String>")
    );
    assert_eq!(surface.derives_default("Thing"), Some(true));
    let Some(Shape::Enum(variants)) = surface.type_named("ThingKind").map(|it| &it.shape) else {
        panic!("ThingKind is an enum: {surface:#?}");
    };
    let names: Vec<(&str, &str)> = variants
        .iter()
        .map(|it| (it.name.as_str(), it.json.as_str()))
        .collect();
    assert_eq!(names, [("Small", "small"), ("Large", "large")]);
}

#[test]
fn the_compact_text_renders_the_model() {
    let text = surface().render();
    assert!(
        text.starts_with(
            "# Operations\nGET /things/{code} get_thing(code: String, per_page: NonZeroU64) -> "
        ),
        "{text}"
    );
    assert!(
        text.contains("\n# Types\nstruct Thing {\n    kind: Option<ThingKind>,\n"),
        "{text}"
    );
    assert!(text.contains("enum ThingKind { Small, Large }\n"), "{text}");
}
