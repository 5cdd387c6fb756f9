//! The operations table and the request checks, as the mock reads them: the crate's own
//! ([`crate::operations`], `request_checks`), so the mock routes exactly the client's operations
//! and refuses exactly what the client refuses before sending.

pub(crate) use crate::operations::{all, find, Method, Operation, Parameter, ParameterLocation};
pub(crate) use crate::request_checks::Violation;

/// The body's violations of the operation's schema and declared check digits.
pub(crate) fn check_body(operation: &Operation, body: &[u8]) -> Result<(), Vec<Violation>> {
    crate::request_checks::check_body(operation, body).map_err(|refusal| refusal.violations)
}

/// The violations of one raw path or query value.
pub(crate) fn check_parameter(
    operation: &Operation,
    parameter: &Parameter,
    raw: &str,
) -> Result<(), Vec<Violation>> {
    crate::request_checks::check_parameter(operation, parameter, raw)
        .map_err(|refusal| refusal.violations)
}
