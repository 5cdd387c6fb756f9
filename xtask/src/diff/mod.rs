//! `cargo xtask diff [BASE [HEAD]]`: what a change of the spec changes in the API, for API
//! consumers (wire) and for the generated Rust crate (semver).
//!
//! BASE and HEAD are spec files or git revisions (`git show REV:spec/apipagos.yaml`); by default
//! BASE is `HEAD` and HEAD is the working tree. Both documents are walked semantically: operations
//! are matched by method and path (then by `operationId`), parameters by location and name,
//! responses by status, component schemas by name. A component schema is compared once, with the
//! operations that use it, and classified by its strictest use (request or response).
//!
//! Each change is an [`Entry`] of one [`Kind`] (`kinds.rs`: stable ids, their levels as data, one
//! fixture each in `xtask/fixtures/diff/kinds/<id>.yaml`) with two levels:
//!
//! - wire ([`Wire`]): breaking, potentially breaking or compatible for existing API consumers,
//!   after oasdiff's ERR / WARN / INFO and OpenAPITools' openapi-diff;
//! - crate ([`Bump`]): major, minor or patch for the generated client, after cargo-semver-checks.
//!   The rule of each kind follows what typify and progenitor emit (pub fields, exhaustive enums,
//!   builders); where the change can be located in the generated code, both revisions are
//!   generated and the field, type or setter at stake is compared in their typed surfaces
//!   (`apipagos_codegen::Surface`, `crate_level.rs`).
//!
//! Where things are: one module per family of comparison (`document.rs`, `operations.rs` for the
//! matching, `parameters.rs`, `bodies.rs`, `responses.rs`, `schemas/` for schema keywords and
//! properties, `crate_level.rs`), `report.rs` (levels, entries, verdicts), `render.rs` (text,
//! Markdown, JSON), `revision.rs` (files and git revisions), `surface.rs` (surface changes),
//! `version.rs` (the semver verdict against the crate's versions, `--check-version`).
//!
//! The report ends with the unified diff of the compact public surface (what `tests/surface.rs`
//! snapshots); a surface change that no entry explains still raises the suggested bump.
mod bodies;
mod crate_level;
mod document;
mod kinds;
mod operations;
mod parameters;
mod render;
mod report;
mod responses;
mod revision;
mod schemas;
mod surface;
#[cfg(test)]
mod tests;
mod version;

use std::collections::{BTreeMap, BTreeSet};
use std::io::IsTerminal as _;
use std::path::Path;

use serde_json::Value;

use crate::flags::{self, DiffFormat};
use crate::spec::{self, Document};

use apipagos_codegen::Surface;
pub(crate) use kinds::Kind;
pub(crate) use report::{Bump, Direction, Entry, Report, Side, SurfaceReport, Use, Wire};
use revision::working_tree;
pub(crate) use revision::{resolve, Revision};

impl flags::Diff {
    pub(crate) fn run(self, cwd: &Path, root: &Path) -> anyhow::Result<()> {
        if self.kinds {
            print!("{}", kinds::kind_table());
            return Ok(());
        }
        let mut base = resolve(cwd, root, self.base.as_deref().unwrap_or("HEAD"))?;
        let mut head = match self.head.as_deref() {
            Some(arg) => resolve(cwd, root, arg)?,
            None => working_tree(root)?,
        };
        if self.base_version.is_some() {
            base.version.clone_from(&self.base_version);
        }
        if self.head_version.is_some() {
            head.version.clone_from(&self.head_version);
        }
        let report = diff(&base, &head)?;
        let version_error = if self.check_version {
            report.check_version().err()
        } else {
            None
        };
        let out = match self.format.unwrap_or_default() {
            DiffFormat::Text => {
                let color =
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
                render::text(&report, color)
            }
            DiffFormat::Markdown => render::markdown(&report),
            DiffFormat::Json => render::json(&report),
        };
        print!("{out}");
        if let Some(err) = version_error {
            if matches!(self.format, Some(DiffFormat::Markdown)) {
                println!("\n> [!CAUTION]\n> **Version check failed**: {err}");
            }
            return Err(err.into());
        }
        if let Some(err) = self.fail_on.and_then(|level| report.failure(level)) {
            return Err(err);
        }
        Ok(())
    }
}

/// Compares two revisions of the spec.
pub(crate) fn diff(base: &Revision, head: &Revision) -> anyhow::Result<Report> {
    let parse = |revision: &Revision| match spec::parse(&revision.text) {
        Ok(doc) => Ok(doc),
        Err(err) => Err(anyhow::format_err!(
            "{}: invalid yaml at {}:{}: {}: run `cargo xtask validate` on it",
            revision.label,
            err.at.line,
            err.at.column,
            err.message
        )),
    };
    let base_doc = parse(base)?;
    let head_doc = parse(head)?;
    let generate = |revision: &Revision| {
        // The error names the revision (its label is the path given to the generator).
        surface::generate(Path::new(&revision.label), &revision.text)
    };
    let base_model = generate(base);
    let head_model = generate(head);
    let mut ctx = Ctx {
        base: &base_doc,
        head: &head_doc,
        base_model: base_model.as_ref().ok(),
        head_model: head_model.as_ref().ok(),
        usage: BTreeMap::new(),
        entries: Vec::new(),
    };
    ctx.usage = schemas::usage(&base_doc.value);
    for (name, uses) in schemas::usage(&head_doc.value) {
        ctx.usage.entry(name).or_default().extend(uses);
    }
    operations::compare(&mut ctx);
    schemas::compare_components(&mut ctx);
    let entries = report::finish(ctx.entries);
    let surface = match (&base_model, &head_model) {
        (Ok(base_model), Ok(head_model)) => Ok(SurfaceReport {
            diff: surface::unified_diff(base_model, head_model, &base.label, &head.label),
            changes: surface::changes(base_model, head_model),
        }),
        (Err(err), _) | (_, Err(err)) => Err(err.clone()),
    };
    Ok(Report {
        base: base.label.clone(),
        head: head.label.clone(),
        entries,
        surface,
        version: base.version.clone(),
        head_version: head.version.clone(),
    })
}

/// What the comparisons share: both documents, both generated surfaces, the uses of every
/// component schema, and the entries found so far.
pub(crate) struct Ctx<'a> {
    pub(crate) base: &'a Document,
    pub(crate) head: &'a Document,
    pub(crate) base_model: Option<&'a Surface>,
    pub(crate) head_model: Option<&'a Surface>,
    /// Component schema name → the operations that use it (in either revision).
    pub(crate) usage: BTreeMap<String, BTreeSet<Use>>,
    pub(crate) entries: Vec<Entry>,
}

/// Where an entry points.
#[derive(Debug, Clone)]
pub(crate) enum At {
    Base(String),
    Head(String),
}

impl<'a> Ctx<'a> {
    pub(crate) fn root(&self, side: Side) -> &'a Value {
        match side {
            Side::Base => &self.base.value,
            Side::Head => &self.head.value,
        }
    }

    /// Both generated surfaces, when both revisions generate.
    pub(crate) fn models(&self) -> Option<(&'a Surface, &'a Surface)> {
        Some((self.base_model?, self.head_model?))
    }

    /// Adds an entry, at the worst levels of its kind until the comparison classifies it.
    pub(crate) fn report(
        &mut self,
        kind: &'static Kind,
        at: At,
        subject: impl Into<String>,
        message: impl Into<String>,
    ) -> &mut Entry {
        let (side, pointer) = match at {
            At::Base(pointer) => (Side::Base, pointer),
            At::Head(pointer) => (Side::Head, pointer),
        };
        let index = match side {
            Side::Base => &self.base.index,
            Side::Head => &self.head.index,
        };
        self.entries.push(Entry {
            kind,
            wire: kind.worst_wire(),
            bump: kind.worst_bump(),
            subject: subject.into(),
            message: message.into(),
            side,
            line: index.line(&pointer),
            pointer,
            used_by: BTreeSet::new(),
            crate_reason: String::new(),
        });
        let idx = self.entries.len() - 1;
        &mut self.entries[idx]
    }
}
