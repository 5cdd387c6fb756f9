//! `multiple-success-schemas`: an operation has two different success response bodies.
//!
//! ## What it does
//! Groups the responses progenitor treats as success (`2xx`, `2XX`, `101` and `default`, a
//! `default` after a `2XX` excepted) by body: `application/json` schema, other content, or no
//! content; reports an operation with more than one.
//!
//! ## Why is this bad?
//! progenitor 0.15 allows one success type per operation: the build panics with
//! `assertion failed: response_types.len() <= 1` and no operation name. `200` JSON plus `204`
//! empty, or `200` plus a JSON `default`, are enough to trigger it.
//!
//! ## Example
//! ```yaml
//! responses:
//!   '200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Refund'}}}}
//!   '204': {description: No content}
//! ```
//!
//! ## Use instead
//! Keep one success response (make the body optional in its schema if the server sometimes
//! sends none), and declare errors as `4XX`/`5XX` rather than `default`.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::spec::child;
use crate::validate::openapi::{json_media, operations, responses, Operation};
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "multiple-success-schemas",
    severity: Severity::Error,
    summary: "an operation has two different success bodies (progenitor panics)",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    for op in operations(ctx.root()) {
        report(ctx, &op, Class::Success, &RULE, findings);
    }
}

/// Which responses progenitor groups into one type.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Success,
    Error,
}

/// Reports `op` when its responses of `class` have more than one body type.
pub(super) fn report(
    ctx: &Ctx<'_>,
    op: &Operation<'_>,
    class: Class,
    rule: &crate::validate::Rule,
    findings: &mut Findings<'_>,
) {
    let root = ctx.root();
    // (sort key, status, body) of the responses of this class, as progenitor sees them.
    let mut items: Vec<(u16, &str, String)> = Vec::new();
    for response in responses(root, op) {
        let Some(key) = sort_key(response.status) else {
            continue;
        };
        let in_class = match class {
            Class::Success => {
                response.status == "default" || key == 101 || (200..300).contains(&key)
            }
            Class::Error => response.status == "default" || (400..600).contains(&key),
        };
        if !in_class {
            continue;
        }
        items.push((
            key,
            response.status,
            body(response.status, &response.value_pointer, response.value),
        ));
    }
    items.sort_by_key(|it| it.0);
    // progenitor drops a `default` that follows a `2XX`: it can never be reached.
    if class == Class::Success && items.len() >= 2 {
        let n = items.len();
        if items[n - 2].1.eq_ignore_ascii_case("2XX") && items[n - 1].1 == "default" {
            items.pop();
        }
    }
    let mut by_body: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (_, status, body) in &items {
        by_body.entry(body).or_default().push(status);
    }
    if by_body.len() <= 1 {
        return;
    }
    let listing: Vec<String> = by_body
        .iter()
        .map(|(body, statuses)| format!("{} → {body}", statuses.join("/")))
        .collect();
    let (what, fix) = match class {
        Class::Success => (
            "success",
            "keep one success response (or give them the same schema); declare errors as `4XX`/`5XX`, not `default`",
        ),
        Class::Error => (
            "error",
            "make every error response `$ref` the shared `ClientError`/`ServerError`",
        ),
    };
    let message = format!(
        "`{} {}` has {} different {what} bodies ({}) but progenitor allows one per operation and panics: {fix}",
        op.method.to_uppercase(),
        op.path,
        by_body.len(),
        listing.join(", "),
    );
    findings.push(rule, child(&op.pointer, "responses"), message);
}

/// progenitor's order of statuses: codes, `nXX` as n·100, `default` last.
fn sort_key(status: &str) -> Option<u16> {
    if status == "default" {
        return Some(1000);
    }
    if let Ok(code) = status.parse::<u16>() {
        return Some(code);
    }
    let bytes = status.as_bytes();
    if bytes.len() == 3 && bytes[0].is_ascii_digit() && status[1..].eq_ignore_ascii_case("XX") {
        return Some(u16::from(bytes[0] - b'0') * 100);
    }
    None
}

/// The body type progenitor derives from a response: its JSON schema, other content, or none.
fn body(status: &str, pointer: &str, response: &Value) -> String {
    if let Some((_, media)) = json_media(pointer, response) {
        return match media.get("schema") {
            Some(schema) => match schema.get("$ref").and_then(Value::as_str) {
                Some(reference) => {
                    format!("`{}`", reference.rsplit('/').next().unwrap_or(reference))
                }
                None => format!("inline schema {}", crate::validate::openapi::short(schema)),
            },
            None => "JSON without schema".to_owned(),
        };
    }
    if status == "101" {
        return "upgrade".to_owned();
    }
    let has_content = response
        .get("content")
        .and_then(Value::as_object)
        .is_some_and(|it| !it.is_empty());
    if has_content {
        "raw bytes".to_owned()
    } else {
        "no body".to_owned()
    }
}
