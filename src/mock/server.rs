//! [`ApiMock`]: the whole API served from the spec's examples.

use std::collections::HashMap;
use std::sync::Mutex;

use httpmock::MockServer;
use serde_json::{json, Value};

use crate::{Client, ClientConfig, CompanyToken, ConfigError};

/// The spec the mock serves: the same file the client is generated from.
const SPEC: &str = include_str!("../../spec/apipagos.yaml");

/// Why the mock could not start or be configured.
#[derive(Debug, thiserror::Error)]
pub enum MockError {
    /// The embedded spec does not parse (a build of this crate from a broken spec).
    #[error("the embedded spec does not parse: {0}")]
    Spec(String),
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
}

/// A local HTTP server that behaves like the Apipagos API, built from the spec:
///
/// - routes every operation by its method and path template, under the documented path stem
///   `/api/v2/apipagos`;
/// - answers 401 (`{"message": "Unauthenticated."}`) to a request without `Company-Token`;
/// - answers 422 with the API's error body when a request body does not conform to the spec;
/// - otherwise answers 200 with the operation's documented example, or the response a test chose
///   with [`ApiMock::respond_with`];
/// - answers 404 to anything else.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use apipagos::mock::ApiMock;
///
/// let api = ApiMock::start().await?;
/// let tx = api.client()?.get_transaction().code("abc").send().await?;
/// assert_eq!(tx.into_inner().data.and_then(|t| t.currency_code).as_deref(), Some("ARS"));
/// # Ok(())
/// # }
/// ```
pub struct ApiMock {
    server: MockServer,
    operations: Vec<MockOperation>,
    chosen: Mutex<HashMap<String, (u16, Value)>>,
}

#[derive(Debug, Clone)]
struct MockOperation {
    id: String,
    method: String,
    path_regex: String,
    literal_segments: usize,
    has_body: bool,
    example: Value,
    responses: Value,
}

impl ApiMock {
    /// The token [`ApiMock::client`] sends. Any non-empty token is accepted.
    pub const TOKEN: &'static str = "mock-company-token";
    /// The path stem under which the API is served, as in the documented base URL.
    pub const STEM: &'static str = "/api/v2/apipagos";

    /// Starts the mock on a free loopback port.
    pub async fn start() -> Result<ApiMock, MockError> {
        let operations = operations_of(SPEC)?;
        let server = MockServer::start_async().await;
        let mock = ApiMock {
            server,
            operations,
            chosen: Mutex::default(),
        };
        mock.install().await;
        Ok(mock)
    }

    /// The base URL to give a client (`http://127.0.0.1:PORT/api/v2/apipagos`).
    pub fn base_url(&self) -> String {
        self.server.url(Self::STEM)
    }

    /// A client for this mock, authenticated with [`ApiMock::TOKEN`].
    pub fn client(&self) -> Result<Client, ConfigError> {
        let config =
            ClientConfig::new(CompanyToken::new(Self::TOKEN)).with_base_url(&self.base_url())?;
        Client::from_config(&config)
    }

    /// From now on, answers `operation_id` with its documented response for `status` (the spec's
    /// `"422"`, or the `"4XX"`/`"5XX"` range holding it), with that response's example as body.
    pub async fn respond_with(&self, operation_id: &str, status: u16) -> Result<(), MockError> {
        let operation = self
            .operations
            .iter()
            .find(|op| op.id == operation_id)
            .ok_or_else(|| MockError::UnknownOperation(operation_id.to_owned()))?;
        let range = format!("{}XX", status / 100);
        let example = [status.to_string(), range]
            .iter()
            .find_map(|key| documented_example(&operation.responses, key))
            .ok_or_else(|| MockError::UndocumentedResponse {
                operation: operation_id.to_owned(),
                status,
            })?;
        self.respond_with_body(operation_id, status, example).await
    }

    /// From now on, answers `operation_id` with `status` and `body`, whatever the spec says.
    pub async fn respond_with_body(
        &self,
        operation_id: &str,
        status: u16,
        body: Value,
    ) -> Result<(), MockError> {
        if !self.operations.iter().any(|op| op.id == operation_id) {
            return Err(MockError::UnknownOperation(operation_id.to_owned()));
        }
        self.lock_chosen()
            .insert(operation_id.to_owned(), (status, body));
        self.server.reset_async().await;
        self.install().await;
        Ok(())
    }

    fn lock_chosen(&self) -> std::sync::MutexGuard<'_, HashMap<String, (u16, Value)>> {
        self.chosen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Registers every route; httpmock answers with the first registered mock that matches.
    async fn install(&self) {
        let chosen = self.lock_chosen().clone();
        self.server
            .mock_async(|when, then| {
                when.header_missing("company-token");
                then.status(401)
                    .json_body(json!({"message": "Unauthenticated."}));
            })
            .await;
        for op in &self.operations {
            if let Some((status, body)) = chosen.get(&op.id) {
                self.server
                    .mock_async(|when, then| {
                        when.method(op.method.as_str())
                            .path_matches(op.path_regex.as_str());
                        then.status(*status).json_body(body.clone());
                    })
                    .await;
            }
        }
        for op in self.operations.iter().filter(|op| op.has_body) {
            let id = op.id.clone();
            self.server
                .mock_async(|when, then| {
                    when.method(op.method.as_str())
                        .path_matches(op.path_regex.as_str())
                        .is_true(move |req| crate::operations::find(&id).is_some_and(|op| crate::request_checks::check_body(op, &req.body_bytes()).is_err()));
                    then.status(422).json_body(json!({
                        "message": "The given data was invalid.",
                        "errors": {"body": ["The request body does not conform to the API specification."]}
                    }));
                })
                .await;
        }
        for op in &self.operations {
            self.server
                .mock_async(|when, then| {
                    when.method(op.method.as_str())
                        .path_matches(op.path_regex.as_str());
                    then.status(200).json_body(op.example.clone());
                })
                .await;
        }
        self.server
            .mock_async(|when, then| {
                when.any_request();
                then.status(404).json_body(json!({"message": "Not Found"}));
            })
            .await;
    }
}

/// The operations of the spec, most literal paths first (`/contracts/extras` before
/// `/contracts/{value}`).
fn operations_of(spec_text: &str) -> Result<Vec<MockOperation>, MockError> {
    let spec: Value =
        serde_yaml::from_str(spec_text).map_err(|err| MockError::Spec(err.to_string()))?;
    let paths = spec["paths"]
        .as_object()
        .ok_or_else(|| MockError::Spec("no `paths`".to_owned()))?;
    let mut res = Vec::new();
    for (route, item) in paths {
        for method in ["get", "put", "post", "delete", "patch"] {
            let Some(operation) = item.get(method) else {
                continue;
            };
            let id = operation["operationId"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            let responses = resolve_responses(&spec, &operation["responses"]);
            let example = documented_example(&responses, "200")
                .ok_or_else(|| MockError::Spec(format!("operation `{id}` has no 200 example")))?;
            res.push(MockOperation {
                method: method.to_uppercase(),
                path_regex: path_regex(route),
                literal_segments: route
                    .split('/')
                    .filter(|s| !s.is_empty() && !s.starts_with('{'))
                    .count(),
                has_body: operation.get("requestBody").is_some(),
                example,
                responses,
                id,
            });
        }
    }
    res.sort_by_key(|op| std::cmp::Reverse(op.literal_segments));
    Ok(res)
}

/// `/transactions/{code}` → `^/api/v2/apipagos/transactions/[^/]+$`.
fn path_regex(route: &str) -> String {
    let segments: Vec<String> = route
        .split('/')
        .map(|segment| {
            if segment.starts_with('{') && segment.ends_with('}') {
                "[^/]+".to_owned()
            } else {
                regex::escape(segment)
            }
        })
        .collect();
    format!("^{}{}$", regex::escape(ApiMock::STEM), segments.join("/"))
}

/// The operation's responses with `$ref`s to `#/components/responses/...` resolved.
fn resolve_responses(spec: &Value, responses: &Value) -> Value {
    let Some(map) = responses.as_object() else {
        return Value::Null;
    };
    let resolved = map.iter().map(|(status, response)| {
        let target = response
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| spec.pointer(r.trim_start_matches('#')))
            .unwrap_or(response);
        (status.clone(), target.clone())
    });
    Value::Object(resolved.collect())
}

fn documented_example(responses: &Value, status: &str) -> Option<Value> {
    responses
        .get(status)?
        .pointer("/content/application~1json/example")
        .cloned()
}
