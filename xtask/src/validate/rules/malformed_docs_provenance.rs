//! `malformed-docs-provenance`: an `x-apipagos-docs` extension is not well-formed.
//!
//! ## What it does
//! Checks the shape `{page, url, status, notes, deviations}`: `status` is `documented`,
//! `partial` or `inferred`; `page` is `api-NNNN` and `url` is `https://docs-api.pacer.la/<page>`
//! (both may be `null` only when `status: inferred`); `notes` is a list of strings, not empty for
//! an inferred operation; `deviations` (optional) is a list of `{pointer, docs, spec, reason}`,
//! each a non-empty string, `pointer` a JSON pointer (`/…`), as `cargo xtask docs-check` reads
//! them; no other keys.
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
//!   deviations:
//!     - pointer: /components/schemas/RefundCreate/properties/field_1
//!       docs: pattern [0-9]+
//!       spec: pattern ^[0-9]+$
//!       reason: The documented pattern is unanchored; anchored here.
//! ```

use serde_json::Value;

use crate::spec::child;
use crate::validate::openapi::{operations, short, DOCS_EXTENSION};
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "malformed-docs-provenance",
    severity: Severity::Error,
    summary: "an `x-apipagos-docs` is not `{page, url, status, notes, deviations}` as documented",
    check: Check::Document(check),
};

/// The statuses of `x-apipagos-docs.status`.
pub(crate) const STATUSES: [&str; 3] = ["documented", "partial", "inferred"];

/// The docs site every `url` points into.
pub(crate) const DOCS_BASE_URL: &str = "https://docs-api.pacer.la/";

const KEYS: [&str; 5] = ["page", "url", "status", "notes", "deviations"];

/// The keys of a `deviations` entry, all required strings.
pub(crate) const DEVIATION_KEYS: [&str; 4] = ["pointer", "docs", "spec", "reason"];

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
        // `key` may be a path (`notes/2`): each segment is escaped on its own.
        let mut report = |key: &str, message: String| {
            let at = key
                .split('/')
                .fold(pointer.clone(), |at, segment| child(&at, segment));
            findings.push(&RULE, at, message);
        };
        for key in object.keys() {
            if !KEYS.contains(&key.as_str()) {
                report(key, format!("unknown key `{key}` in `{DOCS_EXTENSION}`: use only page, url, status, notes and deviations (put remarks in notes)"));
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
        match object.get("deviations") {
            None => {}
            Some(Value::Array(deviations)) => {
                for (idx, deviation) in deviations.iter().enumerate() {
                    for (key, message) in deviation_problems(deviation) {
                        let at = if key.is_empty() { format!("deviations/{idx}") } else { format!("deviations/{idx}/{key}") };
                        report(&at, message);
                    }
                }
            }
            Some(other) => report("deviations", format!("`deviations` is {}, not a list: write `deviations: [{{pointer, docs, spec, reason}}]`", short(other))),
        }
    }
}

/// What is wrong with one `deviations` entry: (key, or `""` for the entry, message).
fn deviation_problems(deviation: &Value) -> Vec<(String, String)> {
    let Some(object) = deviation.as_object() else {
        return vec![(
            String::new(),
            format!(
                "a deviation is {}, not a mapping: write `{{pointer, docs, spec, reason}}`",
                short(deviation)
            ),
        )];
    };
    let mut res = Vec::new();
    for key in object.keys() {
        if !DEVIATION_KEYS.contains(&key.as_str()) {
            res.push((
                key.clone(),
                format!(
                    "unknown key `{key}` in a deviation: use only pointer, docs, spec and reason"
                ),
            ));
        }
    }
    for key in DEVIATION_KEYS {
        match object.get(key) {
            Some(Value::String(text)) if !text.trim().is_empty() => {
                if key == "pointer" && !text.starts_with('/') {
                    res.push((key.to_owned(), format!("`pointer` `{text}` is not a JSON pointer: write it from the document root, `/components/schemas/…`")));
                }
            }
            Some(other) => res.push((key.to_owned(), format!("`{key}` is {}, not a non-empty string: copy it from the docs-check finding", short(other)))),
            None => res.push((String::new(), format!("a deviation lacks `{key}`: give pointer, docs, spec (as `cargo xtask docs-check` prints them) and reason"))),
        }
    }
    res
}

/// `api-` followed by digits.
fn is_page_id(page: &str) -> bool {
    page.strip_prefix("api-")
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}
