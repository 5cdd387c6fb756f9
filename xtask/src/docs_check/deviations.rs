//! Declared deviations: `x-apipagos-docs.deviations` of an operation, each a disagreement between
//! the spec and its page that is deliberate, `{pointer, docs, spec, reason}`.
//!
//! A disagreement is declared when an entry has its pointer and the same two sides, word for
//! word, as docs-check prints them. An entry no disagreement of the checked pages matches is
//! stale, once a page was compared against its pointer.

use openapiv3::Operation;
use serde::Deserialize;

use super::Disagreement;

/// The extension every operation carries (`validate`'s `malformed-docs-provenance` checks it).
pub(crate) const DOCS_EXTENSION: &str = "x-apipagos-docs";

/// One declared deviation.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Deviation {
    /// JSON pointer, in the spec, of what deviates (a property, a parameter, a body schema).
    pub(crate) pointer: String,
    /// What the page says, as docs-check prints it (`type string`, `pattern [0-9]+`).
    pub(crate) docs: String,
    /// What the spec says instead, as docs-check prints it.
    pub(crate) spec: String,
    /// Why the spec deviates.
    pub(crate) reason: String,
}

#[derive(Deserialize)]
struct Provenance {
    #[serde(default)]
    page: Option<String>,
    #[serde(default)]
    deviations: Vec<Deviation>,
}

/// The docs page id `x-apipagos-docs.page` cites (`None` for an inferred operation).
pub(crate) fn cited_page(operation: &Operation) -> Option<String> {
    provenance(operation).and_then(|it| it.page)
}

fn provenance(operation: &Operation) -> Option<Provenance> {
    operation
        .extensions
        .get(DOCS_EXTENSION)
        .and_then(|it| serde_json::from_value::<Provenance>(it.clone()).ok())
}

/// The deviations declared on `operation`; an extension that does not read gives none (`validate`
/// reports it).
pub(crate) fn declared(operation: &Operation) -> Vec<Deviation> {
    provenance(operation)
        .map(|it| it.deviations)
        .unwrap_or_default()
}

impl Deviation {
    /// Whether this entry declares `disagreement`.
    pub(crate) fn declares(&self, disagreement: &Disagreement) -> bool {
        self.pointer == disagreement.pointer
            && self.docs == disagreement.docs
            && self.spec == disagreement.spec
    }
}
