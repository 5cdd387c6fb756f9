//! Generation of the `apipagos` client from `spec/apipagos.yaml`.
//!
//! One library, two callers: the crate's `build.rs` (which writes the client into `OUT_DIR`) and
//! `cargo xtask` (which generates two revisions of the spec to compare them). Every failure is a
//! [`CodegenError`] that names the spec file and, where it can be known, the operation or schema at
//! fault: progenitor's own panics are caught and traced back to the operation that causes them.

mod conformance;
mod decoding;
mod error;
mod generate;
mod load;
mod model;
mod pages;
mod request_schemas;
mod settings;
mod surface;
mod table;

pub use conformance::{conformance_module, rust_type_name};
pub use error::CodegenError;
pub use generate::{generate_cli, generate_client, generate_httpmock, GeneratedClient};
pub use load::{load_spec, parse_spec, Spec};
pub use model::{
    api_model, ApiModel, Location, OperationModel, ParameterModel, RequestBodyModel, ResponseModel,
    CHECK_DIGIT_EXTENSION,
};
pub use pages::page_impls;
pub use request_schemas::json_schema;
pub use settings::{generation_settings, rust_type_replacements, Options, RUST_TYPE_EXTENSION};
pub use surface::public_surface;
pub use table::operations_table;
