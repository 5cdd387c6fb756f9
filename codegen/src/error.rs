//! The errors of spec loading and code generation.

use std::path::PathBuf;

/// Why the client could not be generated from a spec.
///
/// Every variant names the spec file; the display form is one line that says where to look.
#[derive(Debug, thiserror::Error)]
pub enum CodegenError {
    /// The spec file could not be read.
    #[error("{path}: cannot read the spec: {source}")]
    Read {
        /// The spec file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The spec is not valid YAML, or not an OpenAPI 3.0 document.
    #[error("{path}{location}: {message} (at `{pointer}`)")]
    Parse {
        /// The spec file.
        path: PathBuf,
        /// `:line:column` when known, else empty.
        location: String,
        /// The JSON-pointer-like path of the node at fault (`paths./refunds.post`).
        pointer: String,
        /// What is wrong.
        message: String,
    },
    /// The `openapi` field names a version progenitor does not read.
    #[error("{path}: `openapi: {version}` is not supported: progenitor reads OpenAPI 3.0.x only")]
    UnsupportedVersion {
        /// The spec file.
        path: PathBuf,
        /// The version found.
        version: String,
    },
    /// A component schema's `x-apipagos-rust-type` extension is malformed.
    #[error("{path}: component schema `{schema}`: {message}")]
    Schema {
        /// The spec file.
        path: PathBuf,
        /// The component schema name.
        schema: String,
        /// What is wrong.
        message: String,
    },
    /// Generation failed (or progenitor panicked) because of one operation.
    #[error("{path}: operation `{operation}` ({method} {route}): {message}")]
    Operation {
        /// The spec file.
        path: PathBuf,
        /// The operationId, or `<no operationId>`.
        operation: String,
        /// The HTTP method, upper case.
        method: String,
        /// The path template.
        route: String,
        /// progenitor's error or panic message.
        message: String,
    },
    /// Generation failed and no single operation could be blamed.
    #[error("{path}: progenitor could not generate the client: {message}")]
    Generator {
        /// The spec file.
        path: PathBuf,
        /// progenitor's error or panic message.
        message: String,
    },
    /// The generated tokens are not a valid Rust file (a generator bug or a bad replacement type).
    #[error("{path}: the generated code does not parse as Rust: {message}")]
    Syntax {
        /// The spec file.
        path: PathBuf,
        /// syn's message.
        message: String,
    },
}
