//! `silence_generator_panics`: the panics of progenitor that generation catches and reports are
//! not printed, every other panic still reaches the hook installed before, and the hook is not
//! swapped per generation. (Its own test binary: it installs a process-wide hook.)

use std::panic;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use apipagos_codegen::{generate_client, parse_spec, silence_generator_panics, Options};

/// Panics that reached the hook installed before `silence_generator_panics`.
static REPORTED: AtomicUsize = AtomicUsize::new(0);

/// Two different success bodies: progenitor 0.15 panics on an anonymous assertion.
const PANICKING_SPEC: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /x:
    get:
      operationId: two_successes
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}
        '201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/B'}}}}
components:
  schemas:
    A: {type: object, properties: {a: {type: string}}}
    B: {type: object, properties: {b: {type: integer}}}
";

#[test]
fn generator_panics_are_silenced_and_others_are_not() {
    panic::set_hook(Box::new(|_| {
        REPORTED.fetch_add(1, Ordering::SeqCst);
    }));
    silence_generator_panics();
    silence_generator_panics(); // installed once: a second call changes nothing

    let spec = parse_spec(Path::new("spec/panics.yaml"), PANICKING_SPEC).expect("parses");
    for _ in 0..2 {
        let err = generate_client(&spec, Options::default()).expect_err("progenitor panics");
        assert!(err.to_string().contains("progenitor panicked"), "{err}");
    }
    assert_eq!(
        REPORTED.load(Ordering::SeqCst),
        0,
        "a caught generator panic was printed"
    );

    let other = panic::catch_unwind(|| panic!("not the generator"));
    assert!(other.is_err());
    assert_eq!(
        REPORTED.load(Ordering::SeqCst),
        1,
        "another panic must reach the previous hook"
    );

    // The hook stays in place after generation: a panic after it is still reported.
    let _ = panic::catch_unwind(|| panic!("again"));
    assert_eq!(REPORTED.load(Ordering::SeqCst), 2);
}
