//! The client's integration tests, one binary (one link, one process) for all of them: each module
//! holds the tests of one concern. The request-span test is the exception, in `tests/logs.rs`: it
//! installs a process-wide tracing subscriber, so it runs in a process of its own.

#[path = "../common/mod.rs"]
mod common;

mod app_flow;
// The command-line client needs the `cli` feature: `cargo test --workspace --all-features`.
#[cfg(feature = "cli")]
mod cli;
mod credentials;
mod error_ext;
mod examples;
mod hostile_responses;
mod identifiers;
mod lenient;
mod mock_faults;
mod mock_server;
mod mock_state;
mod operations;
mod pagination;
mod retries;
mod setters;
mod typed_mocks;
