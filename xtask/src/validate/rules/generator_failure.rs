//! `generator-failure`: progenitor cannot generate the client.
//!
//! ## What it does
//! Runs the real generator (`apipagos-codegen`, the code path of `build.rs`) on the spec, with
//! its panics caught, and reports the operation (or component schema) it fails on. Operations
//! and component schemas already reported by a rule in [`KNOWN_FAILURES`] are left out of the
//! dry run (schemas become `{}`), so that this rule reports what the static rules do not know.
//!
//! ## Why is this bad?
//! The build fails, often with an assertion or `todo!()` panic that names no operation.
//!
//! ## Example
//! ```yaml
//! requestBody:
//!   content:
//!     application/json: {}   # no schema
//! ```
//!
//! ## Use instead
//! ```yaml
//! requestBody:
//!   content:
//!     application/json:
//!       schema: {$ref: '#/components/schemas/RefundCreate'}
//! ```

use apipagos_codegen::{generate_client, CodegenError, Options, Spec};
use openapiv3::ReferenceOr;

use crate::spec::child;
use crate::validate::openapi::METHODS;
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "generator-failure",
    severity: Severity::Error,
    summary:
        "the dry run of progenitor fails (panics included), reported on the operation at fault",
    check: Check::Document(check),
};

/// The rules whose errors predict a generator failure on the node they report: the dry run
/// leaves those operations out and replaces those component schemas by `{}`.
pub(crate) const KNOWN_FAILURES: [&str; 16] = [
    "missing-operation-id",
    "duplicate-operation-id",
    "undeclared-path-parameter",
    "path-parameter-not-in-template",
    "optional-path-parameter",
    "duplicate-parameter",
    "enum-value-type-mismatch",
    "duplicate-enum-value",
    "multiple-success-schemas",
    "multiple-error-schemas",
    "unsupported-request-media-type",
    "multiple-request-media-types",
    "cookie-parameter",
    "unsupported-parameter-style",
    "ref-path-item",
    "scalar-any-of",
];

/// Errors after which a dry run says nothing new.
const BLOCKING: [&str; 4] = [
    "invalid-yaml",
    "invalid-openapi-structure",
    "unsupported-openapi-version",
    "unresolved-ref",
];

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    let Ok(openapi) = ctx.openapi else {
        return;
    };
    let known: Vec<&str> = findings
        .items()
        .iter()
        .filter(|it| KNOWN_FAILURES.contains(&it.rule))
        .map(|it| it.pointer.as_str())
        .collect();
    let is_reported = |pointer: &str| {
        known
            .iter()
            .any(|it| *it == pointer || it.starts_with(&format!("{pointer}/")))
    };
    if findings
        .items()
        .iter()
        .any(|it| BLOCKING.contains(&it.rule))
    {
        return;
    }
    let mut openapi = openapi.clone();
    // Leave out what other rules already reported (and `$ref` path items).
    openapi
        .paths
        .paths
        .retain(|_, item| matches!(item, ReferenceOr::Item(_)));
    for (path, item) in &mut openapi.paths.paths {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        let item_pointer = child("/paths", path);
        for method in METHODS {
            let op_pointer = child(&item_pointer, method);
            if is_reported(&op_pointer) {
                *operation_slot(item, method) = None;
            }
        }
    }
    if let Some(components) = &mut openapi.components {
        for (name, schema) in &mut components.schemas {
            if is_reported(&child("/components/schemas", name)) {
                *schema = ReferenceOr::Item(openapiv3::Schema {
                    schema_data: openapiv3::SchemaData::default(),
                    schema_kind: openapiv3::SchemaKind::Any(openapiv3::AnySchema::default()),
                });
            }
        }
    }
    let spec = Spec {
        path: ctx.path.to_path_buf(),
        openapi,
    };
    // The default build (no `cli` feature): what `cargo build` generates.
    let Err(err) = generate_client(&spec, Options::default()) else {
        return;
    };
    let (pointer, message) = match err {
        CodegenError::Operation {
            operation,
            method,
            route,
            message,
            ..
        } => (
            child(&child("/paths", &route), &method.to_lowercase()),
            format!(
                "progenitor cannot generate operation `{operation}`: {}: change the operation to a shape progenitor 0.15 supports",
                one_line(&message)
            ),
        ),
        CodegenError::Schema {
            schema, message, ..
        } => (
            child("/components/schemas", &schema),
            format!("progenitor cannot use component schema `{schema}`: {}: fix the schema", one_line(&message)),
        ),
        other => (
            String::new(),
            format!(
                "progenitor cannot generate the client: {}: run `cargo build` for the full error",
                one_line(&other.to_string())
            ),
        ),
    };
    findings.push(&RULE, pointer, message);
}

fn operation_slot<'a>(
    item: &'a mut openapiv3::PathItem,
    method: &str,
) -> &'a mut Option<openapiv3::Operation> {
    match method {
        "get" => &mut item.get,
        "put" => &mut item.put,
        "post" => &mut item.post,
        "delete" => &mut item.delete,
        "options" => &mut item.options,
        "head" => &mut item.head,
        "patch" => &mut item.patch,
        _ => &mut item.trace,
    }
}

/// The first line of a possibly multi-line message (a `{:#?}` dump in a panic).
fn one_line(message: &str) -> String {
    let line = message
        .lines()
        .next()
        .unwrap_or(message)
        .trim_end_matches(['{', ' ']);
    crate::validate::openapi::truncate(line, 200)
}
