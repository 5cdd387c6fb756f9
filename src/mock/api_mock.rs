//! [`ApiMock`]: the handle of a running mock server, and [`ApiMockBuilder`] to start one.

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::sync::Arc;

use serde_json::Value;

use super::faults::Fault;
use super::responses::Reply;
use super::server::{app, MockState, Shared, STEM};
use super::table;
use crate::{Client, ClientConfig, CompanyToken, ConfigError};

/// Why the mock could not start or be configured.
#[derive(Debug, thiserror::Error)]
pub enum MockError {
    /// No operation has this operationId.
    #[error("no operation `{0}` in the spec")]
    UnknownOperation(String),
    /// The operation documents no response for this status (nor a `4XX`/`5XX` range holding it).
    #[error("operation `{operation}` documents no {status} response with a JSON example")]
    UndocumentedResponse {
        /// The operationId.
        operation: String,
        /// The status asked for.
        status: u16,
    },
    /// The port could not be bound (taken, or not allowed).
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Bind {
        /// The port asked for (0: any free port).
        port: u16,
        /// What the system said.
        source: std::io::Error,
    },
    /// The server's thread or runtime could not start.
    #[error("cannot start the mock server: {0}")]
    Runtime(std::io::Error),
}

/// A local HTTP server that behaves like the Apipagos API (feature `mock`):
///
/// - **conformant**: routes every operation of the spec (its compiled-in operations table) under
///   the documented stem `/api/v2/apipagos`; checks path, query and body with the client's own
///   request checks and refuses with the API's 422 envelope naming each field
///   (`{"message": "The given data was invalid.", "errors": {"0.amount": [...]}}`); 401 without a
///   `Company-Token` (any non-empty token is accepted); 405 with `Allow` for a known path and
///   another method; `Content-Type: application/json` on every JSON answer;
/// - **stateful**: creates (POST, PUT of collections) store resources with fresh codes and ids,
///   `GET …/{code}` answers what is stored (404 otherwise), PATCH merges, listings page over the
///   stored resources with Laravel's `links`/`meta`; seeded with the documented examples; each
///   mock has its own state, [`ApiMock::reset`] restores it;
/// - **faulty on demand**: [`ApiMock::inject`] latency, 429/503 with `Retry-After`, any status, an
///   HTML 500 or a truncated body, for all operations or one, always or n times;
///   [`ApiMock::set_quirks`] answers like the real Laravel server (amounts as strings or numbers,
///   `[]` for empty objects, `Y-m-d H:i:s` dates, `1`/`0` booleans, unlisted enum values).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use apipagos::mock::ApiMock;
/// use apipagos::types::RefundCreate;
///
/// let api = ApiMock::start().await?;
/// let client = api.client()?;
/// let refund = RefundCreate::builder().amount(Some("150.75".parse()?)).title(Some("REINTEGRO".to_owned()));
/// let created = client.create_refunds().body(vec![refund.try_into()?]).send().await?.into_inner();
/// let code = created.data[0].code.clone().ok_or("a code")?;
/// let read = client.get_refund().code(code.as_str()).send().await?.into_inner();
/// assert_eq!(read.data[0].amount.map(|a| a.to_string()).as_deref(), Some("150.75"));
/// # Ok(())
/// # }
/// ```
pub struct ApiMock {
    shared: Arc<Shared>,
    address: SocketAddr,
    quirks: bool,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

impl std::fmt::Debug for ApiMock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiMock")
            .field("address", &self.address)
            .finish_non_exhaustive()
    }
}

/// How to start an [`ApiMock`]: port, quirks, faults from the first request on.
#[derive(Debug, Default, Clone)]
pub struct ApiMockBuilder {
    port: u16,
    quirks: bool,
    faults: Vec<Fault>,
}

impl ApiMockBuilder {
    /// Listens on this loopback port (default: a free one).
    pub fn port(mut self, port: u16) -> ApiMockBuilder {
        self.port = port;
        self
    }

    /// Answers with the real server's quirks (see [`ApiMock::set_quirks`]).
    pub fn quirks(mut self, on: bool) -> ApiMockBuilder {
        self.quirks = on;
        self
    }

    /// Injects this fault from the start (see [`ApiMock::inject`]).
    pub fn fault(mut self, fault: Fault) -> ApiMockBuilder {
        self.faults.push(fault);
        self
    }

    /// Binds the port and starts serving on a thread of its own (so the mock answers whatever the
    /// caller's runtime does); the server stops when the [`ApiMock`] is dropped.
    pub async fn start(self) -> Result<ApiMock, MockError> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, self.port)).map_err(|source| {
            MockError::Bind {
                port: self.port,
                source,
            }
        })?;
        let bound = |source| MockError::Bind {
            port: self.port,
            source,
        };
        let address = listener.local_addr().map_err(bound)?;
        listener.set_nonblocking(true).map_err(bound)?;
        let mut state = MockState::fresh(self.quirks);
        for fault in self.faults {
            state.faults.add(fault);
        }
        let shared = Shared::new(state);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(MockError::Runtime)?;
        let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
        let router = app(Arc::clone(&shared));
        std::thread::Builder::new()
            .name(format!("apipagos-mock-{}", address.port()))
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        return;
                    };
                    tokio::select! {
                        _ = axum::serve(listener, router) => {}
                        _ = stopped => {}
                    }
                });
            })
            .map_err(MockError::Runtime)?;
        Ok(ApiMock {
            shared,
            address,
            quirks: self.quirks,
            _shutdown: shutdown,
        })
    }
}

impl ApiMock {
    /// The token [`ApiMock::client`] sends. Any non-empty token is accepted.
    pub const TOKEN: &'static str = "mock-company-token";
    /// The path stem under which the API is served, as in the documented base URL.
    pub const STEM: &'static str = STEM;

    /// Starts a mock with the documented examples stored, on a free loopback port.
    pub async fn start() -> Result<ApiMock, MockError> {
        ApiMock::builder().start().await
    }

    /// A builder for another port, quirks or faults from the start.
    pub fn builder() -> ApiMockBuilder {
        ApiMockBuilder::default()
    }

    /// The port the mock listens on.
    pub fn port(&self) -> u16 {
        self.address.port()
    }

    /// The base URL to give a client (`http://127.0.0.1:PORT/api/v2/apipagos`).
    pub fn base_url(&self) -> String {
        format!("http://{}{STEM}", self.address)
    }

    /// A client for this mock, authenticated with [`ApiMock::TOKEN`].
    pub fn client(&self) -> Result<Client, ConfigError> {
        let config =
            ClientConfig::new(CompanyToken::new(Self::TOKEN)).with_base_url(&self.base_url())?;
        Client::from_config(&config)
    }

    /// Back to the state of a fresh start: the documented examples stored, no fault, no chosen
    /// answer, no request counted, quirks as the mock started.
    pub fn reset(&self) {
        *self.shared.lock() = MockState::fresh(self.quirks);
    }

    /// From now on, answers `operation_id` with a body that fits `status`: its documented example
    /// for that status, else the documented range's example when it is for that status (the `4XX`
    /// example is a 422 body), else the API's error body for the status. The status must be
    /// documented (exactly, by its `4XX`/`5XX` range, or by `default`).
    pub async fn respond_with(&self, operation_id: &str, status: u16) -> Result<(), MockError> {
        let operation = table::find(operation_id)
            .ok_or_else(|| MockError::UnknownOperation(operation_id.to_owned()))?;
        let reply = Reply::documented(operation, status).ok_or_else(|| {
            MockError::UndocumentedResponse {
                operation: operation_id.to_owned(),
                status,
            }
        })?;
        self.shared.lock().chosen.insert(operation.id, reply);
        Ok(())
    }

    /// From now on, answers `operation_id` with `status` and `body` (as `application/json`),
    /// whatever the spec says.
    pub async fn respond_with_body(
        &self,
        operation_id: &str,
        status: u16,
        body: Value,
    ) -> Result<(), MockError> {
        let operation = table::find(operation_id)
            .ok_or_else(|| MockError::UnknownOperation(operation_id.to_owned()))?;
        self.shared
            .lock()
            .chosen
            .insert(operation.id, Reply::json(status, body));
        Ok(())
    }

    /// Injects a fault: see [`Fault`] (`Fault::unavailable(Duration::from_secs(1)).times(2)`).
    /// Faults apply in the order injected; latencies add up, the first other fault wins.
    pub fn inject(&self, fault: Fault) -> Result<(), MockError> {
        if let Some(op) = &fault.operation {
            table::find(op).ok_or_else(|| MockError::UnknownOperation(op.clone()))?;
        }
        self.shared.lock().faults.add(fault);
        Ok(())
    }

    /// Removes every injected fault.
    pub fn clear_faults(&self) {
        self.shared.lock().faults.clear();
    }

    /// Turns the Laravel quirks of success answers on or off.
    pub fn set_quirks(&self, on: bool) {
        self.shared.lock().quirks = on;
    }

    /// How many authenticated requests of `operation_id` reached the mock (faulty ones included).
    pub fn received(&self, operation_id: &str) -> usize {
        self.shared
            .lock()
            .received
            .get(operation_id)
            .copied()
            .unwrap_or(0)
    }
}
