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
pub mod field_value;
mod generated;
mod hooks;
pub mod identifiers;
#[cfg(feature = "cli")]
mod json_schema;
pub mod lenient;
#[cfg(feature = "mock")]
pub mod mock;
pub mod nullable;
pub mod operations;
pub mod pagination;
mod path_segment;
mod request_checks;
mod response_checks;
mod retry;
mod state;

pub use api_error::ApiError;
pub use auth::CompanyToken;
/// Dates and times of the generated types (chrono's), so that filling a request needs no
/// dependency on chrono: `NaiveDate` for dates, `DateTime<Utc>` for date-times.
pub use chrono::{DateTime, NaiveDate, Utc};
pub use config::{ClientConfig, ConfigError};
pub use environment::Environment;
pub use errors::ErrorExt;
pub use failure::{FailureReason, ResponseFailure};
pub use field_value::{BodyValue, FieldValue};
pub use generated::*;
pub use nullable::Nullable;
pub use pagination::paginate;
pub use request_checks::{RequestRefusal, Violation};
/// HTTP status codes, as [`ErrorExt::response_status`] and `ResponseValue::status` give them.
pub use reqwest::StatusCode;
pub use response_checks::MAX_RESPONSE_BYTES;
pub use retry::RetryPolicy;
/// The exact decimal inside [`lenient::Money`] ([`Money::amount`](lenient::Money::amount)).
pub use rust_decimal::Decimal;
/// A JSON value: the free-form fields of the generated types hold it, and the mock's
/// `respond_with_body` takes it.
pub use serde_json::Value;
pub use state::ClientState;
