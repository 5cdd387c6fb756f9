//! Mocks of the Apipagos API for tests and demos (feature `mock`).
//!
//! Two tools, both generated from the spec so they stay in step with it:
//! - [`ApiMock`]: an embedded mock of the whole API that serves every operation from the spec's
//!   examples on a local port. One line in a test: `let api = ApiMock::start().await?;`.
//! - [`MockServerExt`]: progenitor's typed httpmock extension, one `when`/`then` pair per operation,
//!   for tests that script exact requests and responses.
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

mod server;
mod typed;

pub use server::{ApiMock, MockError};
pub use typed::{operations, MockServerExt};
