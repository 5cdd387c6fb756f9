//! Loading the spec: YAML → OpenAPI 3.0, with errors that point at the node at fault.

use std::path::{Path, PathBuf};

use openapiv3::OpenAPI;

use crate::CodegenError;

/// A parsed spec and the file it came from.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The file the spec was read from (used in every error message).
    pub path: PathBuf,
    /// The OpenAPI document.
    pub openapi: OpenAPI,
}

/// Reads and parses the spec at `path`.
pub fn load_spec(path: &Path) -> Result<Spec, CodegenError> {
    let text = std::fs::read_to_string(path).map_err(|source| CodegenError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    parse_spec(path, &text)
}

/// Parses spec text; `path` is only used to name the file in errors.
pub fn parse_spec(path: &Path, text: &str) -> Result<Spec, CodegenError> {
    let deserializer = serde_yaml::Deserializer::from_str(text);
    let openapi: OpenAPI = serde_path_to_error::deserialize(deserializer).map_err(|err| {
        let pointer = err.path().to_string();
        let inner = err.into_inner();
        let location = inner
            .location()
            .map(|at| format!(":{}:{}", at.line(), at.column()))
            .unwrap_or_default();
        CodegenError::Parse {
            path: path.to_path_buf(),
            location,
            pointer,
            message: inner.to_string(),
        }
    })?;
    if !openapi.openapi.starts_with("3.0.") {
        return Err(CodegenError::UnsupportedVersion {
            path: path.to_path_buf(),
            version: openapi.openapi.clone(),
        });
    }
    Ok(Spec {
        path: path.to_path_buf(),
        openapi,
    })
}
