//! Mocks of the API for tests (feature `mock`).

mod typed;

pub use typed::*;
