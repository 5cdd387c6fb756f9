//! The kinds of change that `diff` reports, as data: stable ids (never reused), what each flags,
//! and every level it can take on the wire (for API consumers) and for the crate (semver), each
//! with the condition that selects it.
//!
//! A [`Kind`] cannot be written without its levels, and an entry starts at the worst level of its
//! kind (`Ctx::report`), so a comparison that forgets to classify a change over-reports it
//! instead of calling it compatible. The fixture tests check that every entry takes a level its
//! kind lists. The table of `xtask/README.md` is generated from this data (`kind_table`, kept
//! fresh by a test). Every kind has a fixture in `xtask/fixtures/diff/kinds/<id>.yaml`.

use std::fmt::Write as _;

use super::{Bump, Wire};

/// A kind of change.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Kind {
    /// Kebab-case, naming the change; never reused.
    pub(crate) id: &'static str,
    /// What it flags, for the table (lowercase, no trailing period).
    pub(crate) summary: &'static str,
    /// Every wire level it can take, worst first, each with when (empty: always).
    pub(crate) wire: &'static [(Wire, &'static str)],
    /// Every crate level it can take, worst first, each with when (empty: always).
    pub(crate) krate: &'static [(Bump, &'static str)],
}

impl Kind {
    /// The level an entry of this kind starts at: the worst it can take.
    pub(crate) fn worst_wire(&self) -> Wire {
        self.wire
            .iter()
            .map(|it| it.0)
            .max()
            .unwrap_or(Wire::Breaking)
    }

    /// The crate level an entry of this kind starts at: the worst it can take.
    pub(crate) fn worst_bump(&self) -> Bump {
        self.krate
            .iter()
            .map(|it| it.0)
            .max()
            .unwrap_or(Bump::Major)
    }
}

macro_rules! kinds {
    ($($name:ident = $id:literal, $summary:literal, wire: $wire:expr, krate: $krate:expr;)*) => {
        $(
            pub(crate) const $name: Kind = Kind {
                id: $id,
                summary: $summary,
                wire: &$wire,
                krate: &$krate,
            };
        )*
        /// Every kind, in report-table order.
        pub(crate) const KINDS: &[&Kind] = &[$(&$name),*];
    };
}

kinds! {
    OPERATION_ADDED = "operation-added",
        "an operation is new",
        wire: [(Wire::Compatible, "")],
        krate: [(Bump::Minor, "a new `Client` method and builder")];
    OPERATION_REMOVED = "operation-removed",
        "an operation is gone",
        wire: [(Wire::Breaking, "")],
        krate: [(Bump::Major, "the `Client` method and its builder are gone")];
    OPERATION_ID_CHANGED = "operation-id-changed",
        "an operation (same method and path) has another `operationId`",
        wire: [(Wire::Compatible, "the id is not sent")],
        krate: [(Bump::Major, "the `Client` method and its builder are renamed")];
    ENDPOINT_CHANGED = "endpoint-changed",
        "an operation (same `operationId`) has another path or method",
        wire: [(Wire::Breaking, "")],
        krate: [(Bump::Patch, "the same method sends to another URL")];
    PARAMETER_ADDED = "parameter-added",
        "an operation has a new parameter",
        wire: [(Wire::Breaking, "when required"), (Wire::Compatible, "when optional")],
        krate: [(Bump::Minor, "a new builder setter (`send()` fails while a required one is unset)")];
    PARAMETER_REMOVED = "parameter-removed",
        "a parameter is gone",
        wire: [(Wire::PotentiallyBreaking, "the server may reject or ignore what existing clients send")],
        krate: [(Bump::Major, "the builder setter is gone")];
    PARAMETER_RENAMED = "parameter-renamed",
        "a parameter has another name (same location and schema)",
        wire: [(Wire::Breaking, "when required (existing clients do not send the new name)"), (Wire::PotentiallyBreaking, "when optional, as its removal"), (Wire::Compatible, "for a path parameter (the name is not sent)")],
        krate: [(Bump::Major, "the builder setter is renamed, as on its removal")];
    PARAMETER_BECAME_REQUIRED = "parameter-became-required",
        "an optional parameter is required",
        wire: [(Wire::Breaking, "")],
        krate: [(Bump::Major, "when the setter's type changes"), (Bump::Patch, "when it keeps its type (`send()` fails while it is unset)")];
    PARAMETER_BECAME_OPTIONAL = "parameter-became-optional",
        "a required parameter is optional",
        wire: [(Wire::Compatible, "")],
        krate: [(Bump::Major, "when the setter's type changes"), (Bump::Patch, "when it keeps its type")];
    REQUEST_BODY_ADDED = "request-body-added",
        "an operation takes a request body",
        wire: [(Wire::Breaking, "when required"), (Wire::Compatible, "when optional")],
        krate: [(Bump::Minor, "new `body` and `body_map` setters")];
    REQUEST_BODY_REMOVED = "request-body-removed",
        "an operation takes no request body any more",
        wire: [(Wire::PotentiallyBreaking, "the server may reject what existing clients send")],
        krate: [(Bump::Major, "the body setters are gone")];
    REQUEST_BODY_BECAME_REQUIRED = "request-body-became-required",
        "an optional request body is required",
        wire: [(Wire::Breaking, "")],
        krate: [(Bump::Patch, "same setters")];
    REQUEST_BODY_BECAME_OPTIONAL = "request-body-became-optional",
        "a required request body is optional",
        wire: [(Wire::Compatible, "")],
        krate: [(Bump::Patch, "same setters")];
    RESPONSE_ADDED = "response-added",
        "an operation declares a new response status",
        wire: [(Wire::Compatible, "")],
        krate: [(Bump::Major, "when the return type of `send()` changes"), (Bump::Patch, "when `send()` returns the same type")];
    RESPONSE_REMOVED = "response-removed",
        "a response status is gone",
        wire: [(Wire::Breaking, "for a success status"), (Wire::Compatible, "for an error status")],
        krate: [(Bump::Major, "when the return type of `send()` changes"), (Bump::Patch, "when `send()` returns the same type")];
    SCHEMA_ADDED = "schema-added",
        "a component schema is new",
        wire: [(Wire::Compatible, "")],
        krate: [(Bump::Minor, "a new pub type"), (Bump::Patch, "when a hand-written type replaces it")];
    SCHEMA_REMOVED = "schema-removed",
        "a component schema is gone",
        wire: [(Wire::Compatible, "its uses are reported where they change")],
        krate: [(Bump::Major, "the pub type is gone"), (Bump::Patch, "when a hand-written type replaced it")];
    PROPERTY_ADDED = "property-added",
        "an object schema has a new property",
        wire: [(Wire::Breaking, "in a request, when required"), (Wire::Compatible, "when optional, or in a response")],
        krate: [(Bump::Major, "a new pub field breaks struct literals"), (Bump::Patch, "in a hand-written type")];
    PROPERTY_REMOVED = "property-removed",
        "a property is gone",
        wire: [(Wire::Breaking, "in a response"), (Wire::PotentiallyBreaking, "in a request (the server may reject it)")],
        krate: [(Bump::Major, "the pub field is gone"), (Bump::Patch, "in a hand-written type")];
    PROPERTY_BECAME_REQUIRED = "property-became-required",
        "an optional property is required",
        wire: [(Wire::Breaking, "in a request"), (Wire::Compatible, "in a response")],
        krate: [(Bump::Major, "when the field's type changes (`Option<T>` → `T`) or its struct loses `Default`"), (Bump::Patch, "when neither does (arrays, nullable properties)")];
    PROPERTY_BECAME_OPTIONAL = "property-became-optional",
        "a required property is optional",
        wire: [(Wire::Breaking, "in a response"), (Wire::Compatible, "in a request")],
        krate: [(Bump::Major, "when the field's type changes (`T` → `Option<T>`) or its struct gains `Default`"), (Bump::Patch, "when neither does")];
    BECAME_NULLABLE = "became-nullable",
        "a schema accepts `null`",
        wire: [(Wire::Breaking, "in a response"), (Wire::Compatible, "in a request")],
        krate: [(Bump::Major, "when the Rust type changes (a required field: `T` → `Option<T>`)"), (Bump::Patch, "otherwise")];
    BECAME_NON_NULLABLE = "became-non-nullable",
        "a schema no longer accepts `null`",
        wire: [(Wire::Breaking, "in a request"), (Wire::Compatible, "in a response")],
        krate: [(Bump::Major, "when the Rust type changes (a required field: `Option<T>` → `T`)"), (Bump::Patch, "otherwise")];
    TYPE_CHANGED = "type-changed",
        "a schema has another type, `$ref` or composition",
        wire: [(Wire::Breaking, ""), (Wire::PotentiallyBreaking, "when a `$ref` names another schema whose differences are not all known"), (Wire::Compatible, "when it widens a request (integer → number, any) or narrows a response, or when the two schemas are equivalent")],
        krate: [(Bump::Major, "the Rust type changes"), (Bump::Patch, "when both sides generate the same type")];
    FORMAT_CHANGED = "format-changed",
        "a schema has another `format`",
        wire: [(Wire::Breaking, "in a request when added or changed, in a response when removed or changed"), (Wire::Compatible, "otherwise")],
        krate: [(Bump::Major, "when the Rust type changes (`date-time`, `date`, `uuid`, `int32`…)"), (Bump::Patch, "otherwise")];
    CONSTRAINT_TIGHTENED = "constraint-tightened",
        "a constraint accepts fewer values (min/max, length, items, pattern added, `additionalProperties: false`…)",
        wire: [(Wire::Breaking, "in a request"), (Wire::Compatible, "in a response")],
        krate: [(Bump::Major, "when the Rust type changes (a string gains its first constraint and becomes a validating newtype, an integer's type changes)"), (Bump::Patch, "when it stays (validation only)")];
    CONSTRAINT_LOOSENED = "constraint-loosened",
        "a constraint accepts more values (or is gone)",
        wire: [(Wire::PotentiallyBreaking, "in a response (existing clients validate what they decode)"), (Wire::Compatible, "in a request")],
        krate: [(Bump::Major, "when the Rust type changes"), (Bump::Patch, "when it stays")];
    PATTERN_CHANGED = "pattern-changed",
        "a `pattern` is another regular expression",
        wire: [(Wire::PotentiallyBreaking, "neither is known to accept more")],
        krate: [(Bump::Major, "when the Rust type changes"), (Bump::Patch, "when it stays (validation only)")];
    ENUM_VALUE_ADDED = "enum-value-added",
        "an enum accepts a new value",
        wire: [(Wire::PotentiallyBreaking, "in a response (existing clients fail on the new value)"), (Wire::Compatible, "in a request")],
        krate: [(Bump::Major, "a new variant of an exhaustive enum"), (Bump::Patch, "for integer enums and hand-written types")];
    ENUM_VALUE_REMOVED = "enum-value-removed",
        "an enum value is gone",
        wire: [(Wire::Breaking, "in a request"), (Wire::Compatible, "in a response")],
        krate: [(Bump::Major, "the variant is gone"), (Bump::Patch, "for integer enums and hand-written types")];
    DEFAULT_CHANGED = "default-changed",
        "a schema has another `default`",
        wire: [(Wire::PotentiallyBreaking, "in a request (what the server assumes for clients that omit it changes)"), (Wire::Compatible, "in a response")],
        krate: [(Bump::Patch, "the builder and serde defaults change, not the API")];
    RUST_TYPE_CHANGED = "rust-type-changed",
        "a component is decoded by another hand-written type (`x-apipagos-rust-type`)",
        wire: [(Wire::Compatible, "the wire shape is compared on its own")],
        krate: [(Bump::Major, "the fields that use it change type")];
    SERVER_ADDED = "server-added",
        "a server URL is new",
        wire: [(Wire::Compatible, "")],
        krate: [(Bump::Patch, "the base URL is a run-time argument")];
    SERVER_REMOVED = "server-removed",
        "a server URL is gone",
        wire: [(Wire::Breaking, "")],
        krate: [(Bump::Patch, "the base URL is a run-time argument (check `Environment`)")];
    SECURITY_REQUIREMENT_ADDED = "security-requirement-added",
        "a security requirement (an alternative of `security`) is new",
        wire: [(Wire::Breaking, "when no authentication was needed"), (Wire::Compatible, "when it is another alternative")],
        krate: [(Bump::Patch, "security generates no code (check `src/auth.rs`)")];
    SECURITY_REQUIREMENT_REMOVED = "security-requirement-removed",
        "a security requirement is gone",
        wire: [(Wire::Breaking, "when other requirements remain"), (Wire::Compatible, "when no authentication is needed")],
        krate: [(Bump::Patch, "security generates no code (check `src/auth.rs`)")];
    SECURITY_SCHEME_CHANGED = "security-scheme-changed",
        "a security scheme is new, gone, or has another type, location or name",
        wire: [(Wire::Breaking, "when an existing scheme changes"), (Wire::Compatible, "when one is added or removed (requirements report its use)")],
        krate: [(Bump::Patch, "security generates no code (check `src/auth.rs`)")];
    API_VERSION_CHANGED = "api-version-changed",
        "`info.version` changed",
        wire: [(Wire::Compatible, "")],
        krate: [(Bump::Patch, "`Client::api_version()` and the `api-version` header of every request change")];
    DESCRIPTION_CHANGED = "description-changed",
        "a summary, description or title changed",
        wire: [(Wire::Compatible, "")],
        krate: [(Bump::Patch, "documentation")];
    EXAMPLE_CHANGED = "example-changed",
        "an example changed",
        wire: [(Wire::Compatible, "")],
        krate: [(Bump::Patch, "documentation")];
}

/// `breaking when required; compatible when optional`, `compatible: the id is not sent`.
fn levels<L: Copy>(levels: &[(L, &str)], name: impl Fn(L) -> &'static str) -> String {
    let phrases: Vec<String> = levels
        .iter()
        .map(|&(level, when)| {
            let level = name(level);
            let conditional = ["when ", "in ", "for ", "otherwise"]
                .iter()
                .any(|it| when.starts_with(it));
            match when {
                "" => level.to_owned(),
                _ if conditional => format!("{level} {when}"),
                _ => format!("{level}: {when}"),
            }
        })
        .collect();
    phrases.join("; ")
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
            levels(kind.wire, Wire::label).replace('|', "\\|"),
            levels(kind.krate, Bump::as_str).replace('|', "\\|"),
        );
    }
    res
}
