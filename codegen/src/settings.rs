//! The generation settings: one place that says how the spec becomes Rust.

use openapiv3::{OpenAPI, ReferenceOr};
use progenitor::{GenerationSettings, HooksMode, InterfaceStyle, TagStyle};

use crate::{CodegenError, Spec};

/// The extension on a component schema that names the hand-written Rust type decoding it
/// (for instance `crate::lenient::Money`). The generator uses that type instead of generating one.
pub const RUST_TYPE_EXTENSION: &str = "x-apipagos-rust-type";

/// The component schemas carrying [`RUST_TYPE_EXTENSION`], as `(schema name, Rust type path)`.
pub fn rust_type_replacements(spec: &Spec) -> Result<Vec<(String, String)>, CodegenError> {
    let mut res = Vec::new();
    for (name, schema) in component_schemas(&spec.openapi) {
        let ReferenceOr::Item(schema) = schema else {
            continue;
        };
        let Some(value) = schema.schema_data.extensions.get(RUST_TYPE_EXTENSION) else {
            continue;
        };
        let Some(rust_type) = value.as_str() else {
            return Err(CodegenError::Schema {
                path: spec.path.clone(),
                schema: name.clone(),
                message: format!(
                    "`{RUST_TYPE_EXTENSION}` must be a Rust type path string, found {value}"
                ),
            });
        };
        if syn::parse_str::<syn::TypePath>(rust_type).is_err() {
            return Err(CodegenError::Schema {
                path: spec.path.clone(),
                schema: name.clone(),
                message: format!("`{RUST_TYPE_EXTENSION}: {rust_type}` is not a Rust type path"),
            });
        }
        res.push((name.clone(), rust_type.to_owned()));
    }
    Ok(res)
}

/// What varies between builds of the client (the crate's cargo features).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Derive `schemars::JsonSchema` on every type, as progenitor's CLI generator needs
    /// (feature `cli`).
    pub json_schema: bool,
}

/// The progenitor settings for the client: builder interface, merged tags, a hooks implementation
/// that the crate must provide, and the hand-written lenient types.
pub fn generation_settings(
    spec: &Spec,
    options: Options,
) -> Result<GenerationSettings, CodegenError> {
    let mut settings = GenerationSettings::default();
    settings
        .with_interface(InterfaceStyle::Builder)
        .with_tag(TagStyle::Merged)
        // src/hooks.rs implements ClientHooks for Client (tracing, retries, request checks);
        // forgetting it must be a compile error, not a silent fallback.
        .with_hooks(HooksMode::Expected)
        // Per-client settings (retry policy, timeout) live in the client itself: src/state.rs.
        .with_inner_type(quote::quote!(crate::ClientState))
        .with_derive("PartialEq");
    if options.json_schema {
        settings.with_derive("schemars::JsonSchema");
    }
    for (name, rust_type) in rust_type_replacements(spec)? {
        settings.with_replacement(name, rust_type, std::iter::empty());
    }
    Ok(settings)
}

fn component_schemas(
    openapi: &OpenAPI,
) -> impl Iterator<Item = (&String, &ReferenceOr<openapiv3::Schema>)> {
    openapi
        .components
        .iter()
        .flat_map(|components| components.schemas.iter())
}
