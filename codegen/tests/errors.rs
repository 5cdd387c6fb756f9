//! A broken spec fails generation with a message that names the file and the operation or schema
//! at fault, never with a bare panic.

use std::path::Path;

use apipagos_codegen::{generate_client, parse_spec, CodegenError, Options};

const SPEC: &str = "spec/broken.yaml";

#[track_caller]
fn generation_error(text: &str) -> String {
    let err = match parse_spec(Path::new(SPEC), text) {
        Ok(spec) => match generate_client(&spec, Options::default()) {
            Ok(_) => panic!("the spec generated a client"),
            Err(err) => err,
        },
        Err(err) => err,
    };
    let message = err.to_string();
    assert!(
        message.starts_with(SPEC),
        "does not name the file: {message}"
    );
    message
}

fn spec_with_paths(paths: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n{paths}\ncomponents:\n  schemas:\n    A: {{type: object, properties: {{a: {{type: string}}}}}}\n    B: {{type: object, properties: {{b: {{type: integer}}}}}}\n"
    )
}

#[test]
fn yaml_syntax_errors_give_line_and_column() {
    let message = generation_error("openapi: 3.0.3\ninfo: {title: t\npaths: {}\n");
    assert!(message.contains("spec/broken.yaml:"), "{message}");
    assert!(message.contains(":3:"), "names the line: {message}");
}

/// serde's path stops at `paths` (openapiv3 deserializes path items through a flattened map), so the
/// line of the path item is the precise part; `cargo xtask validate` points at the exact node.
#[test]
fn structure_errors_name_the_node_and_line() {
    let text = spec_with_paths("  /x:\n    get:\n      operationId: get_x\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {type: 7}}}}");
    let message = generation_error(&text);
    assert!(message.contains("spec/broken.yaml:4:3"), "{message}");
    assert!(message.contains("(at `paths`)"), "{message}");
}

#[test]
fn openapi_3_1_is_refused_with_the_reason() {
    let text = spec_with_paths("  {}").replace("3.0.3", "3.1.0");
    let message = generation_error(&text);
    assert!(
        message.contains("progenitor reads OpenAPI 3.0.x only"),
        "{message}"
    );
}

#[test]
fn a_generator_panic_names_the_operation() {
    // Two different success schemas: progenitor 0.15 panics with an anonymous assertion.
    let text = spec_with_paths(
        "  /ok:\n    get:\n      operationId: fine\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}\n  /x:\n    get:\n      operationId: two_successes\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}\n        '201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/B'}}}}",
    );
    let message = generation_error(&text);
    assert!(
        message.contains("operation `two_successes` (GET /x)"),
        "{message}"
    );
    assert!(message.contains("progenitor panicked"), "{message}");
}

#[test]
fn a_bad_rust_type_extension_names_the_schema() {
    let text = spec_with_paths("  {}").replace(
        "    B: {type: object",
        "    B: {x-apipagos-rust-type: 'not a path!', type: object",
    );
    let message = generation_error(&text);
    assert!(matches!(
        parse_spec(Path::new(SPEC), &text).map(|s| generate_client(&s, Options::default())),
        Ok(Err(CodegenError::Schema { .. }))
    ));
    assert!(message.contains("component schema `B`"), "{message}");
}

#[test]
fn the_crate_spec_generates() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/apipagos.yaml");
    let spec = apipagos_codegen::load_spec(&path).expect("the spec parses");
    let client = generate_client(&spec, Options::default()).expect("the spec generates");
    assert!(client.code.contains("pub struct Client"));
}
