//! The HTTP side of the mock: an axum server whose one handler runs every request through the same
//! steps, in the order the real (Laravel) server does: route, authenticate, faults, the chosen
//! answer, the request checks, the behaviour, the quirks.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::HOST;
use serde_json::Value;

use super::actions::{act, Checked};
use super::faults::{FaultKind, Faults};
use super::quirks;
use super::resources::Resources;
use super::responses::{Reply, ReplyBody};
use super::routing::{Routed, Router};
use super::state::Store;
use super::table::{self, Operation, ParameterLocation, Violation};

/// The path stem under which the API is served, as in the documented base URL.
pub(crate) const STEM: &str = "/api/v2/apipagos";

/// The largest request body read (the API's bulk bodies are far smaller).
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// What never changes: the routes and behaviours derived from the operations table.
#[derive(Debug)]
pub(crate) struct Derived {
    pub(crate) router: Router,
    pub(crate) resources: Resources,
}

/// The routes and behaviours, derived once per process from the compiled-in table.
pub(crate) fn derived() -> &'static Derived {
    static DERIVED: OnceLock<Derived> = OnceLock::new();
    DERIVED.get_or_init(|| Derived {
        router: Router::new(),
        resources: Resources::new(),
    })
}

/// What one mock remembers and what a test set on it.
#[derive(Debug)]
pub(crate) struct MockState {
    pub(crate) store: Store,
    pub(crate) faults: Faults,
    pub(crate) chosen: HashMap<&'static str, Reply>,
    pub(crate) quirks: bool,
    pub(crate) received: HashMap<&'static str, usize>,
}

impl MockState {
    /// The documented examples stored, no fault, no chosen answer, nothing received.
    pub(crate) fn fresh(quirks: bool) -> MockState {
        MockState {
            store: derived().resources.seeded_store(),
            faults: Faults::default(),
            chosen: HashMap::new(),
            quirks,
            received: HashMap::new(),
        }
    }
}

/// The state of one mock, shared by its handle and its server.
#[derive(Debug)]
pub(crate) struct Shared(Mutex<MockState>);

impl Shared {
    pub(crate) fn new(state: MockState) -> Arc<Shared> {
        Arc::new(Shared(Mutex::new(state)))
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, MockState> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The axum app of one mock.
pub(crate) fn app(shared: Arc<Shared>) -> axum::Router {
    axum::Router::new().fallback(handle).with_state(shared)
}

async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> axum::response::Response {
    answer(&shared, request).await.into_response()
}

async fn answer(shared: &Shared, request: Request) -> Reply {
    let (parts, body) = request.into_parts();
    let method = parts.method.as_str().to_owned();
    let full_path = parts.uri.path().to_owned();
    let Some(path) = full_path.strip_prefix(STEM).filter(|p| p.starts_with('/')) else {
        return Reply::no_route(&full_path);
    };
    let derived = derived();
    let (operation, path_parameters) = match derived.router.route(&method, path) {
        Routed::Operation(operation, parameters) => (operation, parameters),
        Routed::MethodNotAllowed(allowed) => {
            return Reply::method_not_allowed(&method, &full_path, &allowed)
        }
        Routed::NotFound => return Reply::no_route(&full_path),
    };
    let authenticated = parts
        .headers
        .get("company-token")
        .is_some_and(|token| !token.as_bytes().trim_ascii().is_empty());
    if !authenticated {
        return Reply::unauthenticated();
    }

    let decision = {
        let mut state = shared.lock();
        *state.received.entry(operation.id).or_default() += 1;
        state.faults.decide(operation.id)
    };
    if !decision.delay.is_zero() {
        tokio::time::sleep(decision.delay).await;
    }
    match &decision.replace {
        Some(FaultKind::Status {
            status,
            retry_after,
        }) => {
            let reply = Reply::error(*status);
            return match retry_after {
                Some(after) => reply.with_header("retry-after", after.as_secs().to_string()),
                None => reply,
            };
        }
        Some(FaultKind::HtmlError) => return Reply::html_error(),
        _ => {}
    }
    let truncate = decision.replace == Some(FaultKind::TruncatedBody);

    if let Some(chosen) = shared.lock().chosen.get(operation.id).cloned() {
        return finish(chosen, false, truncate);
    }
    let body = match axum::body::to_bytes(Body::new(body), MAX_BODY_BYTES).await {
        Ok(bytes) => bytes,
        Err(_) => return Reply::error(413),
    };
    let query: Vec<(String, String)> =
        url::form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
    if let Err(violations) = check(operation, &path_parameters, &query, &body) {
        return finish(Reply::invalid(&violations), false, truncate);
    }
    let host = parts
        .headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    let base_url = format!("http://{host}{STEM}");
    let json_body = (!body.is_empty())
        .then(|| serde_json::from_slice::<Value>(&body).ok())
        .flatten();
    let checked = Checked {
        operation,
        path: &path_parameters,
        query: &query,
        body: json_body,
        base_url: &base_url,
    };
    let mut state = shared.lock();
    let quirky = state.quirks;
    let reply = act(&derived.resources, &mut state.store, &checked);
    drop(state);
    finish(reply, quirky, truncate)
}

/// The reply with the quirks (on success answers) and the truncation applied.
fn finish(mut reply: Reply, quirky: bool, truncate: bool) -> Reply {
    if quirky && (200..300).contains(&reply.status) {
        if let ReplyBody::Json(body) = &mut reply.body {
            quirks::apply(body);
        }
    }
    if truncate {
        reply.truncated()
    } else {
        reply
    }
}

/// The client's own request checks, on the path parameters, the query and the body.
fn check(
    operation: &'static Operation,
    path: &[(&'static str, String)],
    query: &[(String, String)],
    body: &[u8],
) -> Result<(), Vec<Violation>> {
    let mut violations = Vec::new();
    for parameter in operation.parameters {
        let values: Vec<&str> = match parameter.location {
            ParameterLocation::Path => path
                .iter()
                .filter(|(name, _)| *name == parameter.name)
                .map(|(_, v)| v.as_str())
                .collect(),
            ParameterLocation::Query => query
                .iter()
                .filter(|(name, _)| name == parameter.name)
                .map(|(_, v)| v.as_str())
                .collect(),
            ParameterLocation::Header | ParameterLocation::Cookie => continue,
        };
        if values.is_empty() && parameter.required {
            violations.push(Violation {
                pointer: format!("/query/{}", parameter.name),
                constraint: "required".to_owned(),
                message: "is required".to_owned(),
            });
        }
        for value in values {
            if let Err(found) = table::check_parameter(operation, parameter, value) {
                violations.extend(found);
            }
        }
    }
    if let Some(request_body) = &operation.request_body {
        if body.is_empty() {
            if request_body.required {
                violations.push(Violation {
                    pointer: String::new(),
                    constraint: "required".to_owned(),
                    message: "a JSON body is required".to_owned(),
                });
            }
        } else if let Err(found) = table::check_body(operation, body) {
            violations.extend(found);
        }
    }
    if violations.is_empty() {
        Ok(())
    } else {
        Err(violations)
    }
}
