//! The kinds of change that `diff` reports: stable ids (never reused), what each flags, and how it
//! is classified for API consumers (wire) and for the generated crate (semver).
//!
//! The `wire` and `krate` texts document the rules that `operations.rs` and `schemas.rs` apply;
//! the table of `xtask/README.md` is generated from them. Every kind has a fixture pair in
//! `xtask/fixtures/diff/<id>/`.

use std::fmt::Write as _;

/// A kind of change.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Kind {
    /// Kebab-case, naming the change; never reused.
    pub(crate) id: &'static str,
    /// What it flags, for the table (lowercase, no trailing period).
    pub(crate) summary: &'static str,
    /// How it is classified on the wire.
    pub(crate) wire: &'static str,
    /// How it is classified for the crate.
    pub(crate) krate: &'static str,
}

macro_rules! kinds {
    ($($name:ident = $id:literal, $summary:literal, $wire:literal, $krate:literal;)*) => {
        $(
            pub(crate) const $name: Kind = Kind {
                id: $id,
                summary: $summary,
                wire: $wire,
                krate: $krate,
            };
        )*
        /// Every kind, in report-table order.
        pub(crate) const KINDS: &[&Kind] = &[$(&$name),*];
    };
}

kinds! {
    OPERATION_ADDED = "operation-added",
        "an operation is new",
        "compatible",
        "minor: a new `Client` method and builder";
    OPERATION_REMOVED = "operation-removed",
        "an operation is gone",
        "breaking",
        "major: the `Client` method and its builder are gone";
    OPERATION_ID_CHANGED = "operation-id-changed",
        "an operation (same method and path) has another `operationId`",
        "compatible: the id is not sent",
        "major: the `Client` method and its builder are renamed";
    ENDPOINT_CHANGED = "endpoint-changed",
        "an operation (same `operationId`) has another path or method",
        "breaking",
        "patch: the same method sends to another URL";
    PARAMETER_ADDED = "parameter-added",
        "an operation has a new parameter",
        "breaking when required, compatible when optional",
        "minor: a new builder setter (`send()` fails while a required one is unset)";
    PARAMETER_REMOVED = "parameter-removed",
        "a parameter is gone",
        "potentially breaking: the server may reject or ignore what existing clients send",
        "major: the builder setter is gone";
    PARAMETER_RENAMED = "parameter-renamed",
        "a parameter has another name (same location and schema)",
        "breaking for query and header parameters, compatible for path parameters (the name is not sent)",
        "major: the builder setter is renamed";
    PARAMETER_BECAME_REQUIRED = "parameter-became-required",
        "an optional parameter is required",
        "breaking",
        "patch when the setter keeps its type (`send()` fails while it is unset), else major";
    PARAMETER_BECAME_OPTIONAL = "parameter-became-optional",
        "a required parameter is optional",
        "compatible",
        "patch when the setter keeps its type, else major";
    REQUEST_BODY_ADDED = "request-body-added",
        "an operation takes a request body",
        "breaking when required, compatible when optional",
        "minor: new `body` and `body_map` setters";
    REQUEST_BODY_REMOVED = "request-body-removed",
        "an operation takes no request body any more",
        "potentially breaking: the server may reject what existing clients send",
        "major: the body setters are gone";
    REQUEST_BODY_BECAME_REQUIRED = "request-body-became-required",
        "an optional request body is required",
        "breaking",
        "patch: same setters";
    REQUEST_BODY_BECAME_OPTIONAL = "request-body-became-optional",
        "a required request body is optional",
        "compatible",
        "patch: same setters";
    RESPONSE_ADDED = "response-added",
        "an operation declares a new response status",
        "compatible",
        "patch when `send()` returns the same type, major when its return type changes";
    RESPONSE_REMOVED = "response-removed",
        "a response status is gone",
        "breaking for a success status, compatible for an error status",
        "patch when `send()` returns the same type, major when its return type changes";
    SCHEMA_ADDED = "schema-added",
        "a component schema is new",
        "compatible",
        "minor: a new pub type (patch when a hand-written type replaces it)";
    SCHEMA_REMOVED = "schema-removed",
        "a component schema is gone",
        "compatible: its uses are reported where they change",
        "major: the pub type is gone (patch when a hand-written type replaced it)";
    PROPERTY_ADDED = "property-added",
        "an object schema has a new property",
        "request: breaking when required, compatible when optional; response: compatible",
        "major: a new pub field breaks struct literals (patch in a hand-written type)";
    PROPERTY_REMOVED = "property-removed",
        "a property is gone",
        "request: potentially breaking (the server may reject it); response: breaking",
        "major: the pub field is gone (patch in a hand-written type)";
    PROPERTY_BECAME_REQUIRED = "property-became-required",
        "an optional property is required",
        "request: breaking; response: compatible",
        "major when the field's type changes (`Option<T>` → `T`) or its struct loses `Default`, patch when neither does (arrays, nullable properties)";
    PROPERTY_BECAME_OPTIONAL = "property-became-optional",
        "a required property is optional",
        "request: compatible; response: breaking",
        "major when the field's type changes (`T` → `Option<T>`) or its struct gains `Default`, patch when neither does";
    BECAME_NULLABLE = "became-nullable",
        "a schema accepts `null`",
        "request: compatible; response: breaking",
        "major when the Rust type changes (a required field: `T` → `Option<T>`), patch otherwise";
    BECAME_NON_NULLABLE = "became-non-nullable",
        "a schema no longer accepts `null`",
        "request: breaking; response: compatible",
        "major when the Rust type changes (a required field: `Option<T>` → `T`), patch otherwise";
    TYPE_CHANGED = "type-changed",
        "a schema has another type, `$ref` or composition",
        "breaking, compatible when it widens a request (integer → number, any) or narrows a response, or when the two schemas are equivalent",
        "major: the Rust type changes (patch when both sides generate the same type)";
    FORMAT_CHANGED = "format-changed",
        "a schema has another `format`",
        "request: breaking when added or changed, compatible when removed; response: breaking when removed or changed, compatible when added",
        "major when the Rust type changes (`date-time`, `date`, `uuid`, `int32`…), patch otherwise";
    CONSTRAINT_TIGHTENED = "constraint-tightened",
        "a constraint accepts fewer values (min/max, length, items, pattern added, `additionalProperties: false`…)",
        "request: breaking; response: compatible",
        "patch when the Rust type stays (validation only), major when it changes (a string gains its first constraint and becomes a validating newtype, an integer's type changes)";
    CONSTRAINT_LOOSENED = "constraint-loosened",
        "a constraint accepts more values (or is gone)",
        "request: compatible; response: potentially breaking (existing clients validate what they decode)",
        "patch when the Rust type stays, major when it changes";
    PATTERN_CHANGED = "pattern-changed",
        "a `pattern` is another regular expression",
        "potentially breaking: neither is known to accept more",
        "patch when the Rust type stays (validation only), else major";
    ENUM_VALUE_ADDED = "enum-value-added",
        "an enum accepts a new value",
        "request: compatible; response: potentially breaking (existing clients fail on the new value)",
        "major: a new variant of an exhaustive enum (patch for integer enums and hand-written types)";
    ENUM_VALUE_REMOVED = "enum-value-removed",
        "an enum value is gone",
        "request: breaking; response: compatible",
        "major: the variant is gone (patch for integer enums and hand-written types)";
    DEFAULT_CHANGED = "default-changed",
        "a schema has another `default`",
        "request: potentially breaking (what the server assumes for clients that omit it changes); response: compatible",
        "patch: the builder and serde defaults change, not the API";
    RUST_TYPE_CHANGED = "rust-type-changed",
        "a component is decoded by another hand-written type (`x-apipagos-rust-type`)",
        "compatible: the wire shape is compared on its own",
        "major: the fields that use it change type";
    SERVER_ADDED = "server-added",
        "a server URL is new",
        "compatible",
        "patch: the base URL is a run-time argument";
    SERVER_REMOVED = "server-removed",
        "a server URL is gone",
        "breaking",
        "patch: the base URL is a run-time argument (check `Environment`)";
    SECURITY_REQUIREMENT_ADDED = "security-requirement-added",
        "a security requirement (an alternative of `security`) is new",
        "breaking when no authentication was needed, compatible when it is another alternative",
        "patch: security generates no code (check `src/auth.rs`)";
    SECURITY_REQUIREMENT_REMOVED = "security-requirement-removed",
        "a security requirement is gone",
        "breaking when other requirements remain, compatible when no authentication is needed",
        "patch: security generates no code (check `src/auth.rs`)";
    SECURITY_SCHEME_CHANGED = "security-scheme-changed",
        "a security scheme is new, gone, or has another type, location or name",
        "breaking when an existing scheme changes, compatible when one is added or removed (requirements report its use)",
        "patch: security generates no code (check `src/auth.rs`)";
    API_VERSION_CHANGED = "api-version-changed",
        "`info.version` changed",
        "compatible",
        "patch: `Client::api_version()` and the `api-version` header of every request change";
    DESCRIPTION_CHANGED = "description-changed",
        "a summary, description or title changed",
        "compatible",
        "patch: documentation";
    EXAMPLE_CHANGED = "example-changed",
        "an example changed",
        "compatible",
        "patch: documentation";
}

/// The kinds as a Markdown table (also in `xtask/README.md`).
pub(crate) fn kind_table() -> String {
    let mut res = String::from("| kind | flags | wire | crate |\n| --- | --- | --- | --- |\n");
    for kind in KINDS {
        let _ = writeln!(
            res,
            "| `{}` | {} | {} | {} |",
            kind.id,
            kind.summary.replace('|', "\\|"),
            kind.wire.replace('|', "\\|"),
            kind.krate.replace('|', "\\|"),
        );
    }
    res
}
