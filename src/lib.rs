#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod api_error;
mod auth;
#[cfg(feature = "cli")]
pub mod cli;
mod config;
mod decoding;
mod environment;
mod errors;
mod failure;
mod generated;
mod hooks;
pub mod identifiers;
#[cfg(feature = "cli")]
mod json_schema;
pub mod lenient;
#[cfg(feature = "mock")]
pub mod mock;
pub mod operations;
pub mod pagination;
mod request_checks;
mod response_checks;
mod retry;
mod state;

pub use api_error::ApiError;
pub use auth::CompanyToken;
pub use config::{ClientConfig, ConfigError};
pub use environment::Environment;
pub use errors::ErrorExt;
pub use failure::{FailureReason, ResponseFailure};
pub use generated::*;
pub use pagination::paginate;
pub use request_checks::{RequestRefusal, Violation};
/// HTTP status codes, as [`ErrorExt::response_status`] and `ResponseValue::status` give them.
pub use reqwest::StatusCode;
pub use response_checks::MAX_RESPONSE_BYTES;
pub use retry::RetryPolicy;
pub use state::ClientState;
