//! Mocks of the Apipagos API for tests and demos (feature `mock`).
//!
//! Two tools, both generated from the spec so they stay in step with it:
//! - [`ApiMock`]: a stateful mock server of the whole API on a local port (axum), conformant to
//!   the spec, with faults and the real server's quirks on demand. One line in a test:
//!   `let api = ApiMock::start().await?;`. From a terminal: `cargo xtask mock --port 8080`.
//! - [`MockServerExt`]: progenitor's typed httpmock extension, one `when`/`then` pair per operation,
//!   for tests that script exact requests and responses.
//!
//! Where things are (one job per file):
//! - `api_mock.rs`: the public handle ([`ApiMock`], [`ApiMockBuilder`]);
//! - `server.rs`: the HTTP server and the steps every request goes through;
//! - `routing.rs`: which operation a method and path are, from the operations table;
//! - `resources.rs`: what each operation does to the state (**where to add a mock behaviour**);
//! - `actions.rs`: carrying a behaviour out; `state.rs`: the store and its pages;
//! - `responses.rs`: the HTTP answers and the API's error bodies;
//! - `faults.rs`, `quirks.rs`: faults and the Laravel quirks on demand;
//! - `seeds.rs`: realistic data instead of the docs' lorem ipsum;
//! - `table.rs`: the operations table and request checks the mock shares with the client;
//! - `typed.rs`: progenitor's typed httpmock extension.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use apipagos::mock::MockServerExt;
//! use apipagos::types::{PathSegment, TransactionResponse};
//! use apipagos::{Client, ClientConfig, CompanyToken};
//!
//! let server = httpmock::MockServer::start_async().await;
//! let code: PathSegment = "abc".parse()?;
//! let body: TransactionResponse =
//!     serde_json::from_str(r#"{"data": {"code": "abc", "amount": "10.50"}}"#)?;
//! let mock = server.get_transaction(|when, then| {
//!     when.code(&code);
//!     then.ok(&body);
//! });
//!
//! let config = ClientConfig::new(CompanyToken::new("t")).with_base_url(&server.base_url())?;
//! let client = Client::from_config(&config)?;
//! let tx = client.get_transaction().code("abc").send().await?;
//! assert_eq!(tx.into_inner(), body);
//! mock.assert();
//! # Ok(())
//! # }
//! ```

mod actions;
mod api_mock;
mod faults;
mod quirks;
mod resources;
mod responses;
mod routing;
mod seeds;
mod server;
mod state;
mod table;
mod typed;

pub use api_mock::{ApiMock, ApiMockBuilder, MockError};
pub use faults::{Fault, FaultKind, FaultParseError};
pub use typed::{operations, MockServerExt};
