//! Running progenitor: tokens → formatted Rust, with progenitor's panics traced to an operation.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use openapiv3::{OpenAPI, ReferenceOr};
use progenitor::Generator;

use crate::decoding::decode_with_context;
use crate::field_values::natural_setters;
use crate::listing_docs::point_listings_to_paginate;
use crate::nullable_fields::tri_state_fields;
use crate::request_building::build_requests_lean;
use crate::send_errors::wrap_send_errors;
use crate::{generation_settings, CodegenError, Options, Spec};

/// The formatted client and the parsed file it came from.
#[derive(Debug, Clone)]
pub struct GeneratedClient {
    /// The client, formatted by prettyplease.
    pub code: String,
    /// The same code as a syn tree, for [`crate::public_surface`].
    pub file: syn::File,
}

/// Generates the client (types, `Client`, one builder per operation).
///
/// Every builder's `send()` returns the crate's own `crate::ApiError` (see `send_errors.rs`).
///
/// The requests are built as progenitor builds them, with fewer allocations (see
/// `request_building.rs`).
///
/// Response bodies are decoded by the crate's `decoding::read` and `decode` instead of progenitor's
/// `ResponseValue::from_response`, so that a body of another shape is reported with its operation
/// and status (see `decoding.rs`).
pub fn generate_client(spec: &Spec, options: Options) -> Result<GeneratedClient, CodegenError> {
    let mut file = parse_tokens(
        spec,
        generate_tokens(spec, options, |generator, openapi| {
            generator.generate_tokens(openapi)
        })?,
    )?;
    if decode_with_context(&mut file) == 0 && has_json_response(&spec.openapi) {
        return Err(CodegenError::Generator {
            path: spec.path.clone(),
            message: "the generated code has no `ResponseValue::from_response(…).await` to route \
                      through `crate::decoding::decode`: progenitor's output changed, \
                      update codegen/src/decoding.rs"
                .to_owned(),
        });
    }
    if wrap_send_errors(&mut file) == 0 && spec.openapi.operations().next().is_some() {
        return Err(CodegenError::Generator {
            path: spec.path.clone(),
            message:
                "the generated code has no builder `send()` returning progenitor's `Error` to \
                      wrap in `crate::ApiError`: progenitor's output changed, update \
                      codegen/src/send_errors.rs"
                    .to_owned(),
        });
    }
    build_requests_lean(&mut file);
    tri_state_fields(&mut file);
    natural_setters(&mut file);
    point_listings_to_paginate(spec, &mut file);
    Ok(format_file(file))
}

/// Generates progenitor's typed httpmock extension (`MockServerExt`) for the client at `crate_path`.
pub fn generate_httpmock(
    spec: &Spec,
    options: Options,
    crate_path: &str,
) -> Result<GeneratedClient, CodegenError> {
    generate_with(spec, options, |generator, openapi| {
        generator.httpmock(openapi, crate_path)
    })
}

/// Generates progenitor's command-line interface (`Cli`, `CliCommand`) for the client at
/// `crate_path`; the client must be generated with [`Options::json_schema`].
pub fn generate_cli(
    spec: &Spec,
    options: Options,
    crate_path: &str,
) -> Result<GeneratedClient, CodegenError> {
    generate_with(spec, options, |generator, openapi| {
        generator.cli(openapi, crate_path)
    })
}

/// Whether some operation documents a JSON response body (which progenitor decodes with
/// `ResponseValue::from_response`).
fn has_json_response(openapi: &OpenAPI) -> bool {
    let is_json = |response: &openapiv3::Response| {
        response
            .content
            .keys()
            .any(|media| media.starts_with("application/json"))
    };
    openapi.operations().any(|(_, _, operation)| {
        let responses = &operation.responses;
        responses
            .responses
            .values()
            .chain(responses.default.iter())
            .any(|response| match response {
                ReferenceOr::Item(response) => is_json(response),
                ReferenceOr::Reference { reference } => reference
                    .strip_prefix("#/components/responses/")
                    .and_then(|name| openapi.components.as_ref()?.responses.get(name))
                    .and_then(ReferenceOr::as_item)
                    .is_some_and(is_json),
            })
    })
}

/// Runs one of progenitor's generators and formats its output.
fn generate_with(
    spec: &Spec,
    options: Options,
    generate: impl Fn(&mut Generator, &OpenAPI) -> Result<proc_macro2::TokenStream, progenitor::Error>,
) -> Result<GeneratedClient, CodegenError> {
    let tokens = generate_tokens(spec, options, generate)?;
    Ok(format_file(parse_tokens(spec, tokens)?))
}

/// Runs one of progenitor's generators, with a fresh `Generator` (progenitor keeps state between
/// calls).
fn generate_tokens(
    spec: &Spec,
    options: Options,
    generate: impl Fn(&mut Generator, &OpenAPI) -> Result<proc_macro2::TokenStream, progenitor::Error>,
) -> Result<proc_macro2::TokenStream, CodegenError> {
    let settings = generation_settings(spec, options)?;
    run_generator(spec, |openapi| {
        generate(&mut Generator::new(&settings), openapi)
    })
}

/// The generated tokens as a Rust file.
fn parse_tokens(spec: &Spec, tokens: proc_macro2::TokenStream) -> Result<syn::File, CodegenError> {
    syn::parse2(tokens).map_err(|err| CodegenError::Syntax {
        path: spec.path.clone(),
        message: err.to_string(),
    })
}

/// Formats `file` with prettyplease.
fn format_file(file: syn::File) -> GeneratedClient {
    let code = prettyplease::unparse(&file);
    GeneratedClient { code, file }
}

type GenerateFn<'a> = dyn Fn(&OpenAPI) -> Result<proc_macro2::TokenStream, progenitor::Error> + 'a;

/// Runs `generate` on the spec. When it fails or panics, runs it again on one operation at a time
/// to name the operation at fault (progenitor's assertion panics carry no operation name).
fn run_generator(
    spec: &Spec,
    generate: impl Fn(&OpenAPI) -> Result<proc_macro2::TokenStream, progenitor::Error>,
) -> Result<proc_macro2::TokenStream, CodegenError> {
    let message = match quietly(&generate, &spec.openapi) {
        Ok(tokens) => return Ok(tokens),
        Err(message) => message,
    };
    for (route, method, operation_id) in operations(&spec.openapi) {
        let single = only_operation(&spec.openapi, &route, &method);
        if let Err(message) = quietly(&generate, &single) {
            return Err(CodegenError::Operation {
                path: spec.path.clone(),
                operation: operation_id,
                method: method.to_uppercase(),
                route,
                message,
            });
        }
    }
    Err(CodegenError::Generator {
        path: spec.path.clone(),
        message,
    })
}

/// Runs the generator with its panics caught; returns the error or panic message.
///
/// The process-wide panic hook is left alone: a caught panic is still printed by it (a test
/// harness captures that output; `cargo xtask` installs [`silence_generator_panics`] once).
fn quietly(
    generate: &GenerateFn<'_>,
    openapi: &OpenAPI,
) -> Result<proc_macro2::TokenStream, String> {
    let _inside = InsideGenerator::enter();
    match panic::catch_unwind(AssertUnwindSafe(|| generate(openapi))) {
        Ok(Ok(tokens)) => Ok(tokens),
        Ok(Err(err)) => Err(err.to_string()),
        Err(payload) => Err(panic_message(payload.as_ref())),
    }
}

thread_local! {
    /// Whether this thread is running progenitor inside [`quietly`] (whose panics are caught
    /// and reported as a [`CodegenError`]).
    static IN_GENERATOR: Cell<bool> = const { Cell::new(false) };
}

/// Marks the current thread as running the generator until dropped.
struct InsideGenerator {
    previous: bool,
}

impl InsideGenerator {
    fn enter() -> Self {
        Self {
            previous: IN_GENERATOR.with(|it| it.replace(true)),
        }
    }
}

impl Drop for InsideGenerator {
    fn drop(&mut self) {
        IN_GENERATOR.with(|it| it.set(self.previous));
    }
}

/// Installs, once per process, a panic hook that keeps quiet about the panics of progenitor that
/// the generation functions catch and report as a [`CodegenError`] naming the operation at fault;
/// every other panic goes to the hook installed before. For programs that call the generator
/// often (`cargo xtask`): call it at the start of `main`, before any thread is spawned.
pub fn silence_generator_panics() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !IN_GENERATOR.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned());
    format!("progenitor panicked: {text}")
}

/// Every operation as `(path, method, operationId)`.
fn operations(openapi: &OpenAPI) -> Vec<(String, String, String)> {
    let mut res = Vec::new();
    for (route, item) in &openapi.paths.paths {
        let ReferenceOr::Item(item) = item else {
            res.push((
                route.clone(),
                "any".to_owned(),
                "<$ref path item>".to_owned(),
            ));
            continue;
        };
        for (method, operation) in item.iter() {
            let id = operation
                .operation_id
                .clone()
                .unwrap_or_else(|| "<no operationId>".to_owned());
            res.push((route.clone(), method.to_owned(), id));
        }
    }
    res
}

/// A copy of the spec holding only one operation (and all components).
fn only_operation(openapi: &OpenAPI, route: &str, method: &str) -> OpenAPI {
    let mut single = openapi.clone();
    single.paths.paths.retain(|path, _| path == route);
    if let Some(ReferenceOr::Item(item)) = single.paths.paths.get_mut(route) {
        let keep = |name: &str, slot: &mut Option<openapiv3::Operation>| {
            if name != method {
                *slot = None;
            }
        };
        keep("get", &mut item.get);
        keep("put", &mut item.put);
        keep("post", &mut item.post);
        keep("delete", &mut item.delete);
        keep("options", &mut item.options);
        keep("head", &mut item.head);
        keep("patch", &mut item.patch);
        keep("trace", &mut item.trace);
    }
    single
}
