//! Generation of the `apipagos` client from `spec/apipagos.yaml`.
//!
//! One library, two callers: the crate's `build.rs` (which writes the client into `OUT_DIR`) and
//! `cargo xtask` (which generates two revisions of the spec to compare them). Every failure is a
//! [`CodegenError`] that names the spec file and, where it can be known, the operation or schema at
//! fault: progenitor's own panics are caught and traced back to the operation that causes them.

mod conformance;
mod decoding;
mod error;
mod field_values;
mod generate;
mod json_schema;
mod listing_docs;
mod load;
mod model;
mod naming;
mod null_branch;
mod nullable_fields;
mod pages;
mod paths;
mod request_building;
mod send_errors;
mod settings;
mod surface;
mod table;

pub use conformance::conformance_module;
pub use error::CodegenError;
pub use generate::{
    generate_cli, generate_client, generate_httpmock, silence_generator_panics, GeneratedClient,
};
pub use json_schema::{json_schema, json_schema_traced, SOURCE_KEYWORD};
pub use load::{load_spec, parse_spec, Spec};
pub use model::{
    api_model, ApiModel, Location, OperationModel, ParameterModel, RequestBodyModel, ResponseModel,
    CHECK_DIGIT_EXTENSION,
};
pub use naming::{
    rust_child_type_name, rust_member_name, rust_operation_type_name, rust_property_type_name,
    rust_type_name,
};
pub use null_branch::{admits_only_null, is_null_branch, is_null_branch_schema};
pub use pages::page_impls;
pub use settings::{generation_settings, rust_type_replacements, Options, RUST_TYPE_EXTENSION};
pub use surface::{
    public_surface, Field, Param, Shape, Surface, SurfaceOperation, SurfaceType, Variant,
};
pub use table::operations_table;
