//! Mocks of the Apipagos API for tests and demos (feature `mock`).
//!
//! Two tools, both generated from the spec so they stay in step with it:
//! - [`ApiMock`]: an embedded mock of the whole API that serves every operation from the spec's
//!   examples on a local port. One line in a test: `let api = ApiMock::start().await?;`.
//! - [`MockServerExt`]: progenitor's typed httpmock extension, one `when`/`then` pair per operation,
//!   for tests that script exact requests and responses.

mod server;
mod typed;

pub use server::{ApiMock, MockError};
pub use typed::{operations, MockServerExt};
