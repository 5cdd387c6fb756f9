//! `error-response-without-shared-body`: a 4xx, 5xx or `default` response does not use the
//! shared error body.
//!
//! ## What it does
//! Checks that every error response of an operation is a `$ref` to
//! `#/components/responses/ClientError` or `ServerError`, or has an `application/json` schema
//! that is `$ref: '#/components/schemas/ErrorBody'`.
//!
//! ## Why is this bad?
//! progenitor allows one error type per operation (a second one panics the build), and the
//! crate's `Error<ErrorBody>` is shared by all operations: a different body breaks both.
//!
//! ## Example
//! ```yaml
//! '4XX':
//!   description: Error
//!   content:
//!     application/json:
//!       schema: {type: object}
//! ```
//!
//! ## Use instead
//! ```yaml
//! '4XX': {$ref: '#/components/responses/ClientError'}
//! ```

use serde_json::Value;

use crate::validate::openapi::{
    is_error, json_media, operations, responses, ERROR_BODY, SHARED_ERROR_RESPONSES,
};
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "error-response-without-shared-body",
    severity: Severity::Error,
    summary:
        "a 4xx/5xx/`default` response does not use the shared `ClientError`/`ServerError` body",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    let root = ctx.root();
    for op in operations(root) {
        let entries = op.value.get("responses");
        for response in responses(root, &op) {
            if !is_error(response.status) && response.status != "default" {
                continue;
            }
            let entry = entries.and_then(|it| it.get(response.status));
            let reference = entry.and_then(|it| it.get("$ref")).and_then(Value::as_str);
            if reference.is_some_and(|it| SHARED_ERROR_RESPONSES.contains(&it)) {
                continue;
            }
            let schema_ref = json_media(&response.value_pointer, response.value)
                .and_then(|(_, media)| media.get("schema")?.get("$ref")?.as_str());
            if schema_ref == Some(ERROR_BODY) {
                continue;
            }
            let component = if response.status.starts_with('5') {
                "ServerError"
            } else {
                "ClientError"
            };
            let message = format!(
                "`{}` response does not use the shared error body: write `'{}': {{$ref: '#/components/responses/{component}'}}`",
                response.status, response.status,
            );
            findings.push(&RULE, response.pointer.clone(), message);
        }
    }
}
