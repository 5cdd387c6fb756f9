//! What `generate_client` makes of small specs: response decoding routed through
//! `crate::decoding::read` and `decode`, and specs without JSON responses left alone.

use std::path::Path;

use apipagos_codegen::{generate_client, parse_spec, Options};

fn generated(paths: &str) -> String {
    let text = format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n{paths}\ncomponents:\n  schemas:\n    A: {{type: object, properties: {{a: {{type: string}}}}}}\n  responses:\n    Failure: {{description: failure, content: {{application/json: {{schema: {{$ref: '#/components/schemas/A'}}}}}}}}\n"
    );
    let spec = parse_spec(Path::new("spec/small.yaml"), &text).expect("the spec parses");
    generate_client(&spec, Options::default())
        .expect("the client generates")
        .code
}

#[test]
fn json_bodies_are_decoded_by_the_crate_s_decoder() {
    let code = generated(
        "  /a:\n    get:\n      operationId: get_a\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}\n        '4XX': {$ref: '#/components/responses/Failure'}",
    );
    // Without whitespace: prettyplease wraps long calls.
    let code: String = code.split_whitespace().collect();
    assert_eq!(
        // `?` becomes a match that returns the crate's `ApiError` (send_errors.rs).
        code.matches("crate::decoding::decode(matchcrate::decoding::read(response).await{")
            .count(),
        2,
        "the 200 and the 4XX: {code}"
    );
    assert!(!code.contains("ResponseValue::from_response"), "{code}");
}

#[test]
fn a_spec_without_json_responses_generates() {
    let code = generated(
        "  /a:\n    delete:\n      operationId: delete_a\n      responses:\n        '204': {description: deleted}",
    );
    assert!(code.contains("ResponseValue::empty"), "{code}");
    assert!(!code.contains("crate::decoding::decode"), "{code}");
}
