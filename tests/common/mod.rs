//! Helpers shared by the integration tests: the spec as JSON, a client for a local mock server,
//! and JSON comparison that treats `5` and `5.0` as the same number.
#![allow(dead_code)]

use apipagos::{Client, ClientConfig, CompanyToken};
use serde_json::Value;

/// The typed call of every operation and the round trip of every schema, generated from the spec.
pub mod conformance {
    include!(concat!(env!("OUT_DIR"), "/conformance.rs"));
}

/// The token the tests authenticate with; tests assert it never shows up in output.
pub const TOKEN: &str = "tok_SECRET_6f1c2d3e4b5a";

/// The path stem of the API, as in the documented base URL.
pub const STEM: &str = "/api/v2/apipagos";

/// The spec, parsed as JSON.
pub fn spec() -> Value {
    let text = include_str!("../../spec/apipagos.yaml");
    serde_yaml::from_str(text).expect("spec/apipagos.yaml parses")
}

/// One operation of the spec.
#[derive(Debug, Clone)]
pub struct Operation {
    pub id: String,
    pub method: String,
    pub route: String,
    pub operation: Value,
    pub path_item: Value,
}

/// Every operation of the spec, in spec order.
pub fn operations(spec: &Value) -> Vec<Operation> {
    let mut res = Vec::new();
    for (route, item) in spec["paths"].as_object().expect("paths") {
        for method in ["get", "put", "post", "delete", "patch"] {
            if let Some(operation) = item.get(method) {
                res.push(Operation {
                    id: operation["operationId"]
                        .as_str()
                        .expect("operationId")
                        .to_owned(),
                    method: method.to_uppercase(),
                    route: route.clone(),
                    operation: operation.clone(),
                    path_item: item.clone(),
                });
            }
        }
    }
    res
}

/// Follows a local `$ref` (`#/components/...`) once.
pub fn resolve<'a>(spec: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(reference) => spec
            .pointer(reference.trim_start_matches('#'))
            .unwrap_or_else(|| panic!("unresolved $ref {reference}")),
        None => node,
    }
}

/// The component name a `{"$ref": "#/components/schemas/X"}` points at.
pub fn schema_name(node: &Value) -> Option<&str> {
    node.get("$ref")?
        .as_str()?
        .strip_prefix("#/components/schemas/")
}

impl Operation {
    /// All parameters (path item's and operation's), resolved.
    pub fn parameters<'a>(&'a self, spec: &'a Value) -> Vec<&'a Value> {
        let shared = self.path_item.get("parameters").and_then(Value::as_array);
        let own = self.operation.get("parameters").and_then(Value::as_array);
        shared
            .into_iter()
            .chain(own)
            .flatten()
            .map(|p| resolve(spec, p))
            .collect()
    }

    /// The concrete path with every path parameter replaced by its example.
    pub fn example_path(&self, spec: &Value) -> String {
        let mut path = self.route.clone();
        for parameter in self.parameters(spec) {
            if parameter["in"] != "path" {
                continue;
            }
            let name = parameter["name"].as_str().expect("parameter name");
            let example = parameter
                .get("example")
                .or_else(|| resolve(spec, &parameter["schema"]).get("example"))
                .unwrap_or_else(|| panic!("{}: path parameter {name} has no example", self.id));
            let text = match example {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            path = path.replace(&format!("{{{name}}}"), &text);
        }
        path
    }

    /// The JSON request body example and its schema, if the operation has a body.
    pub fn request_example(&self) -> Option<(&Value, &Value)> {
        let media = self
            .operation
            .pointer("/requestBody/content/application~1json")?;
        Some((&media["schema"], media.get("example")?))
    }

    /// The 200 response's schema and example.
    pub fn response_example<'a>(&'a self, spec: &'a Value) -> (&'a Value, &'a Value) {
        let response = resolve(spec, &self.operation["responses"]["200"]);
        let media = &response["content"]["application/json"];
        let example = media
            .get("example")
            .unwrap_or_else(|| panic!("{}: the 200 response has no example", self.id));
        (&media["schema"], example)
    }
}

/// A client authenticated with [`TOKEN`] against `base` (a loopback mock server URL).
pub fn client_for(base: &str) -> Client {
    let config = ClientConfig::new(CompanyToken::new(TOKEN))
        .with_base_url(&format!("{base}{STEM}"))
        .expect("mock URL parses");
    Client::from_config(&config).expect("client builds")
}

/// What `get_transaction` returns.
pub type GetTransactionResult = Result<
    apipagos::ResponseValue<apipagos::types::TransactionResponse>,
    apipagos::Error<apipagos::types::ErrorBody>,
>;

/// A local server that answers every request with `status`, `content_type` and `body`.
pub async fn server_answering(
    status: u16,
    content_type: &str,
    body: &[u8],
) -> httpmock::MockServer {
    let server = httpmock::MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(status)
                .header("content-type", content_type)
                .body(body);
        })
        .await;
    server
}

/// Calls `get_transaction` against a local server that answers every request with `status`,
/// `content_type` and `body`.
pub async fn get_transaction_answered(
    status: u16,
    content_type: &str,
    body: &[u8],
) -> GetTransactionResult {
    let server = server_answering(status, content_type, body).await;
    client_for(&server.base_url())
        .get_transaction()
        .code("abc")
        .send()
        .await
}

/// JSON equality where numbers compare by value (`5 == 5.0`), as JSON defines them, and RFC 3339
/// date-times by instant (`…07:25:04.000Z == …07:25:04Z`).
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::String(x), Value::String(y)) if x != y => {
            let instant = |s: &str| chrono::DateTime::parse_from_rfc3339(s).ok();
            instant(x).is_some() && instant(x) == instant(y)
        }
        (Value::Array(xs), Value::Array(ys)) => {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(xs), Value::Object(ys)) => {
            xs.len() == ys.len()
                && xs
                    .iter()
                    .all(|(k, x)| ys.get(k).is_some_and(|y| same_json(x, y)))
        }
        _ => a == b,
    }
}
