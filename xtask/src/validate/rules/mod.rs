//! The rule table: stable ids (never reused), one file per rule.
//!
//! Rules run in table order. `generator-failure` reads the findings of the rules in its
//! `KNOWN_FAILURES`, so it runs after them; the example rules run last, as the example
//! validation runs in the background meanwhile. Adding a rule: its file (doc comment with What it does / Why is this bad? /
//! Example / Use instead), a line here, a fixture `xtask/fixtures/validate/<id>.yaml` with its
//! line in the `fixtures!` list of `validate/fixtures.rs`, its
//! snapshot, and `cargo test -p xtask` to refresh the rule table of `xtask/README.md`.

mod array_without_items;
mod closed_response_schema;
mod constraint_violated_by_response_example;
mod cookie_parameter;
mod dangling_docs_deviation;
mod duplicate_enum_value;
mod duplicate_key;
mod duplicate_operation_id;
mod duplicate_parameter;
mod enum_value_type_mismatch;
mod equivalent_paths;
mod error_response_without_shared_body;
mod example_value_and_external_value;
pub(crate) mod generator_failure;
mod invalid_example;
mod invalid_openapi_structure;
mod invalid_yaml;
mod malformed_docs_provenance;
mod missing_docs_provenance;
mod missing_error_response;
mod missing_operation_description;
mod missing_operation_id;
mod missing_operation_summary;
mod missing_operation_tag;
mod missing_parameter_description;
mod missing_success_response;
mod missing_tag_description;
mod multiple_error_schemas;
mod multiple_request_media_types;
mod multiple_success_schemas;
mod non_snake_case_operation_id;
mod nullable_without_type;
mod optional_path_parameter;
mod path_parameter_not_in_template;
mod path_trailing_slash;
mod ref_path_item;
mod ref_sibling_keys;
mod scalar_any_of;
mod undeclared_path_parameter;
mod undefined_operation_tag;
mod undefined_security_scheme;
mod unresolved_ref;
mod unsupported_openapi_version;
mod unsupported_parameter_style;
mod unsupported_request_media_type;
mod unused_component;

use super::Rule;

/// Every rule, in the order they run.
pub(crate) const RULES: &[&Rule] = &[
    &invalid_yaml::RULE,
    &duplicate_key::RULE,
    &invalid_openapi_structure::RULE,
    &unsupported_openapi_version::RULE,
    &unresolved_ref::RULE,
    &unused_component::RULE,
    &ref_sibling_keys::RULE,
    &missing_operation_id::RULE,
    &duplicate_operation_id::RULE,
    &non_snake_case_operation_id::RULE,
    &missing_operation_tag::RULE,
    &undefined_operation_tag::RULE,
    &missing_operation_summary::RULE,
    &missing_operation_description::RULE,
    &undeclared_path_parameter::RULE,
    &path_parameter_not_in_template::RULE,
    &optional_path_parameter::RULE,
    &duplicate_parameter::RULE,
    &missing_parameter_description::RULE,
    &missing_success_response::RULE,
    &missing_error_response::RULE,
    &error_response_without_shared_body::RULE,
    &missing_docs_provenance::RULE,
    &malformed_docs_provenance::RULE,
    &dangling_docs_deviation::RULE,
    &path_trailing_slash::RULE,
    &equivalent_paths::RULE,
    &undefined_security_scheme::RULE,
    &missing_tag_description::RULE,
    &enum_value_type_mismatch::RULE,
    &duplicate_enum_value::RULE,
    &array_without_items::RULE,
    &nullable_without_type::RULE,
    &example_value_and_external_value::RULE,
    &multiple_success_schemas::RULE,
    &multiple_error_schemas::RULE,
    &unsupported_request_media_type::RULE,
    &multiple_request_media_types::RULE,
    &cookie_parameter::RULE,
    &unsupported_parameter_style::RULE,
    &ref_path_item::RULE,
    &closed_response_schema::RULE,
    &scalar_any_of::RULE,
    &generator_failure::RULE,
    &invalid_example::RULE,
    &constraint_violated_by_response_example::RULE,
];
