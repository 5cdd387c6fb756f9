//! `malformed-docs-provenance`: an `x-apipagos-docs` extension is not well-formed.
//!
//! ## What it does
//! Checks the shape `{page, url, status, notes}`: `status` is `documented`, `partial` or
//! `inferred`; `page` is `api-NNNN` and `url` is `https://docs-api.pacer.la/<page>` (both may be
//! `null` only when `status: inferred`); `notes` is a list of strings, not empty for an
//! inferred operation; no other keys.
//!
//! ## Why is this bad?
//! The coverage report and reviewers rely on it: a misspelt status or a URL that points at
//! another page sends readers to the wrong documentation.
//!
//! ## Example
//! ```yaml
//! x-apipagos-docs:
//!   page: api-5939857
//!   url: https://docs-api.pacer.la/api-5939858
//!   status: done
//! ```
//!
//! ## Use instead
//! ```yaml
//! x-apipagos-docs:
//!   page: api-5939857
//!   url: https://docs-api.pacer.la/api-5939857
//!   status: documented
//!   notes: []
//! ```

use serde_json::Value;

use crate::spec::child;
use crate::validate::openapi::{operations, short, DOCS_EXTENSION};
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "malformed-docs-provenance",
    severity: Severity::Error,
    summary: "an `x-apipagos-docs` is not `{page, url, status, notes}` as documented",
    check: Check::Document(check),
};

/// The statuses of `x-apipagos-docs.status`.
pub(crate) const STATUSES: [&str; 3] = ["documented", "partial", "inferred"];

/// The docs site every `url` points into.
pub(crate) const DOCS_BASE_URL: &str = "https://docs-api.pacer.la/";

const KEYS: [&str; 4] = ["page", "url", "status", "notes"];

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    for op in operations(ctx.root()) {
        let Some(docs) = op.value.get(DOCS_EXTENSION) else {
            continue;
        };
        let pointer = child(&op.pointer, DOCS_EXTENSION);
        let Some(object) = docs.as_object() else {
            let message = format!("`{DOCS_EXTENSION}` must be a mapping `{{page, url, status, notes}}`, found {}: rewrite it as a mapping", short(docs));
            findings.push(&RULE, pointer, message);
            continue;
        };
        let mut report =
            |key: &str, message: String| findings.push(&RULE, child(&pointer, key), message);
        for key in object.keys() {
            if !KEYS.contains(&key.as_str()) {
                report(key, format!("unknown key `{key}` in `{DOCS_EXTENSION}`: use only page, url, status and notes (put remarks in notes)"));
            }
        }
        let status = object.get("status").and_then(Value::as_str);
        match status {
            Some(status) if STATUSES.contains(&status) => {}
            Some(other) => report("status", format!("status `{other}` is not one of documented, partial, inferred: use one of them")),
            None => report("status", "`status` is missing or not a string: add `status: documented`, `partial` or `inferred`".to_owned()),
        }
        let inferred = status == Some("inferred");
        let page = object.get("page").unwrap_or(&Value::Null);
        let url = object.get("url").unwrap_or(&Value::Null);
        match page {
            Value::Null if inferred => {}
            Value::Null => report("page", "`page` is required unless `status: inferred`: give the docs page id (`api-NNNN`)".to_owned()),
            Value::String(page) if is_page_id(page) => {}
            other => report("page", format!("`page` is {}, not a docs page id: write it as `api-NNNN` (or `null` for an inferred operation)", short(other))),
        }
        match url {
            Value::Null if inferred && page.is_null() => {}
            Value::Null => report(
                "url",
                format!("`url` is required when `page` is set: write `{DOCS_BASE_URL}<page>`"),
            ),
            Value::String(url) => {
                if let Some(page) = page.as_str().filter(|it| is_page_id(it)) {
                    let expected = format!("{DOCS_BASE_URL}{page}");
                    if *url != expected {
                        report(
                            "url",
                            format!("`url` does not point at page `{page}`: write `{expected}`"),
                        );
                    }
                } else if !url.starts_with(DOCS_BASE_URL) {
                    report(
                        "url",
                        format!("`url` is not on {DOCS_BASE_URL}: write `{DOCS_BASE_URL}<page>`"),
                    );
                }
            }
            other => report(
                "url",
                format!(
                    "`url` is {}, not a string: write `{DOCS_BASE_URL}<page>`",
                    short(other)
                ),
            ),
        }
        match object.get("notes") {
            None => report("notes", "`notes` is missing: add `notes: []`, or the list of what was inferred or corrected".to_owned()),
            Some(Value::Array(notes)) => {
                for (idx, note) in notes.iter().enumerate() {
                    if !note.is_string() {
                        report(&format!("notes/{idx}"), format!("note {} is not a string: quote it (notes containing `: ` need quotes)", short(note)));
                    }
                }
                if inferred && notes.is_empty() {
                    report("notes", "an inferred operation must say in `notes` what it was inferred from: add a note".to_owned());
                }
            }
            Some(other) => report("notes", format!("`notes` is {}, not a list of strings: write `notes: [\"…\"]`", short(other))),
        }
    }
}

/// `api-` followed by digits.
fn is_page_id(page: &str) -> bool {
    page.strip_prefix("api-")
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}
