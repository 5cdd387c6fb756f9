//! `cargo xtask diff [BASE [HEAD]]`: what a change of the spec changes in the API, for API
//! consumers (wire) and for the generated Rust crate (semver).
//!
//! BASE and HEAD are spec files or git revisions (`git show REV:spec/apipagos.yaml`); by default
//! BASE is `HEAD` and HEAD is the working tree. Both documents are walked semantically: operations
//! are matched by method and path (then by `operationId`), parameters by location and name,
//! responses by status, component schemas by name. A component schema is compared once, with the
//! operations that use it, and classified by its strictest use (request or response).
//!
//! Each change is an [`Entry`] of one [`Kind`] (`kinds.rs`: stable ids, one fixture pair each in
//! `xtask/fixtures/diff/<id>/`) with two levels:
//!
//! - wire ([`Wire`]): breaking, potentially breaking or compatible for existing API consumers,
//!   after oasdiff's ERR / WARN / INFO and OpenAPITools' openapi-diff;
//! - crate ([`Bump`]): major, minor or patch for the generated client, after cargo-semver-checks.
//!   The rule of each kind follows what typify and progenitor emit (pub fields, exhaustive enums,
//!   builders); where the change can be located in the generated code, both revisions are
//!   generated and the field, type or setter at stake is compared (`surface.rs`).
//!
//! The report ends with the unified diff of the compact public surface (what `tests/surface.rs`
//! snapshots); a surface change that no entry explains still raises the suggested bump.

mod kinds;
mod operations;
mod render;
mod schemas;
mod surface;
#[cfg(test)]
mod tests;
mod version;

use std::collections::{BTreeMap, BTreeSet};
use std::io::IsTerminal as _;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::flags::{self, DiffFormat, FailOn};
use crate::spec::{self, Document};

use apipagos_codegen::Surface;
pub(crate) use kinds::{Kind, KINDS};
use surface::SurfaceChange;

/// The impact of a change on existing API consumers (oasdiff's INFO, WARN, ERR).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Wire {
    Compatible,
    PotentiallyBreaking,
    Breaking,
}

/// The semver impact of a change on the generated Rust API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Bump {
    Patch,
    Minor,
    Major,
}

/// Whether a schema is sent (request body, parameter) or received (response body).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Direction {
    Request,
    Response,
}

/// The revision a pointer belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Side {
    Base,
    Head,
}

/// An operation that uses a changed schema, and how.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Use {
    pub(crate) operation: String,
    pub(crate) direction: Direction,
}

/// One change.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) kind: &'static Kind,
    pub(crate) wire: Wire,
    pub(crate) bump: Bump,
    /// What changed: ``schema `Thing` property `name` ``, ``operation `get_thing` ``.
    pub(crate) subject: String,
    /// How, in one lowercase line: `` `maxLength` 20 → 10 ``.
    pub(crate) message: String,
    /// The revision `pointer` and `line` refer to: head, or base for what is gone.
    pub(crate) side: Side,
    pub(crate) pointer: String,
    pub(crate) line: usize,
    /// The operations that use what changed.
    pub(crate) used_by: BTreeSet<Use>,
    /// Why the crate level is what it is.
    pub(crate) crate_reason: String,
}

/// A spec to compare: its text and how to name it.
#[derive(Debug)]
pub(crate) struct Revision {
    /// `HEAD (c8c5d64)`, `spec/apipagos.yaml`.
    pub(crate) label: String,
    pub(crate) text: String,
    /// The crate's version at this revision (from `Cargo.toml`), when known.
    pub(crate) version: Option<String>,
}

/// The result of comparing two revisions.
#[derive(Debug)]
pub(crate) struct Report {
    pub(crate) base: String,
    pub(crate) head: String,
    /// Sorted: the worst first.
    pub(crate) entries: Vec<Entry>,
    /// The generated surfaces compared, or why they could not be.
    pub(crate) surface: Result<SurfaceReport, String>,
    /// The crate's version at BASE.
    pub(crate) version: Option<String>,
    /// The crate's version at HEAD.
    pub(crate) head_version: Option<String>,
}

/// The generated public surfaces of the two revisions, compared.
#[derive(Debug)]
pub(crate) struct SurfaceReport {
    /// The unified diff of the compact surfaces (empty when equal).
    pub(crate) diff: String,
    /// Every difference, with its semver impact.
    pub(crate) changes: Vec<SurfaceChange>,
}

impl Wire {
    /// `breaking`, `potentially-breaking`, `compatible` (as `--fail-on` and JSON spell them).
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Wire::Compatible => "compatible",
            Wire::PotentiallyBreaking => "potentially-breaking",
            Wire::Breaking => "breaking",
        }
    }

    /// `potentially breaking`, for people.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Wire::PotentiallyBreaking => "potentially breaking",
            _ => self.as_str(),
        }
    }
}

impl Bump {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

impl Direction {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Direction::Request => "request",
            Direction::Response => "response",
        }
    }
}

impl Side {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Side::Base => "base",
            Side::Head => "head",
        }
    }
}

impl Entry {
    pub(crate) fn wire(&mut self, wire: Wire) -> &mut Self {
        self.wire = wire;
        self
    }

    pub(crate) fn krate(&mut self, (bump, reason): (Bump, String)) -> &mut Self {
        self.bump = bump;
        self.crate_reason = reason;
        self
    }

    pub(crate) fn used_by(&mut self, uses: &BTreeSet<Use>) -> &mut Self {
        self.used_by.extend(uses.iter().cloned());
        self
    }
}

impl Report {
    /// The worst wire level, `None` without any change.
    pub(crate) fn wire(&self) -> Option<Wire> {
        self.entries.iter().map(|it| it.wire).max()
    }

    /// The worst crate level of the entries.
    pub(crate) fn entries_bump(&self) -> Option<Bump> {
        self.entries.iter().map(|it| it.bump).max()
    }

    /// The worst crate level of the generated surface's changes.
    pub(crate) fn surface_bump(&self) -> Option<Bump> {
        self.surface
            .as_ref()
            .ok()
            .and_then(|it| it.changes.iter().map(|change| change.bump).max())
    }

    /// The suggested bump: the worst of the entries and of the surface changes.
    pub(crate) fn bump(&self) -> Option<Bump> {
        self.entries_bump().max(self.surface_bump())
    }

    /// The crate's next version for [`Report::bump`], from its version at BASE (`0.y.z` bumps
    /// `y` on a major change and `z` otherwise, as Cargo reads it).
    pub(crate) fn next_version(&self) -> Option<String> {
        let version = version::Version::parse(self.version.as_deref()?)?;
        Some(version.next(self.bump()?).to_string())
    }

    /// Whether the crate's version at HEAD makes the bump the changes need.
    pub(crate) fn check_version(&self) -> Result<(), version::VersionError> {
        version::check(
            self.bump(),
            self.version.as_deref(),
            self.head_version.as_deref(),
        )
    }

    /// Counts of the entries per wire level, worst first.
    pub(crate) fn wire_counts(&self) -> Vec<(Wire, usize)> {
        [Wire::Breaking, Wire::PotentiallyBreaking, Wire::Compatible]
            .into_iter()
            .map(|level| {
                let n = self.entries.iter().filter(|it| it.wire == level).count();
                (level, n)
            })
            .collect()
    }

    /// Counts of the entries per crate level, worst first.
    pub(crate) fn bump_counts(&self) -> Vec<(Bump, usize)> {
        [Bump::Major, Bump::Minor, Bump::Patch]
            .into_iter()
            .map(|level| {
                let n = self.entries.iter().filter(|it| it.bump == level).count();
                (level, n)
            })
            .collect()
    }

    /// The error for `--fail-on level`, when some change is at least that bad on the wire.
    pub(crate) fn failure(&self, level: FailOn) -> Option<anyhow::Error> {
        let threshold = match level {
            FailOn::Breaking => Wire::Breaking,
            FailOn::PotentiallyBreaking => Wire::PotentiallyBreaking,
        };
        let n = self
            .entries
            .iter()
            .filter(|it| it.wire >= threshold)
            .count();
        if n == 0 {
            return None;
        }
        Some(anyhow::format_err!(
            "{n} change{} {} on the wire (--fail-on {}): review the entries above before merging",
            if n == 1 { " is" } else { "s are" },
            threshold.label(),
            threshold.as_str(),
        ))
    }
}

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

/// The spec of the working tree.
fn working_tree(root: &Path) -> anyhow::Result<Revision> {
    let path = root.join(crate::DEFAULT_SPEC);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) => {
            return Err(anyhow::format_err!(
                "cannot read {}: {err}: pass the spec to compare as HEAD",
                path.display()
            ))
        }
    };
    Ok(Revision {
        label: crate::DEFAULT_SPEC.to_owned(),
        text,
        version: std::fs::read_to_string(root.join("Cargo.toml"))
            .ok()
            .and_then(|it| package_version(&it)),
    })
}

/// `arg` as a file (relative to `cwd`) when one exists, else as a git revision of the project:
/// `REV` reads `REV:spec/apipagos.yaml`, `REV:PATH` reads that file.
pub(crate) fn resolve(cwd: &Path, root: &Path, arg: &str) -> anyhow::Result<Revision> {
    let path = cwd.join(arg);
    if path.is_file() {
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) => return Err(anyhow::format_err!("cannot read {}: {err}", path.display())),
        };
        let label = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .display()
            .to_string();
        return Ok(Revision {
            label,
            text,
            version: std::fs::read_to_string(root.join("Cargo.toml"))
                .ok()
                .and_then(|it| package_version(&it)),
        });
    }
    let (rev, object) = match arg.split_once(':') {
        Some((rev, _)) => (rev, arg.to_owned()),
        None => (arg, format!("{arg}:{}", crate::DEFAULT_SPEC)),
    };
    let text = match git(root, &["show", &object]) {
        Ok(text) => text,
        Err(err) => {
            return Err(anyhow::format_err!(
                "`{arg}` is neither a file nor a git revision with a spec (`git show {object}`: {err}): pass a spec file or a revision such as HEAD~1 or main"
            ))
        }
    };
    // `HEAD~1 (4cb7a73)`; a commit id is shown short.
    let label = match git(
        root,
        &["rev-parse", "--short", &format!("{rev}^{{commit}}")],
    ) {
        Ok(hash) if rev.starts_with(hash.trim()) && rev.len() > hash.trim().len() => {
            arg.replacen(rev, hash.trim(), 1)
        }
        Ok(hash) if hash.trim() != rev => format!("{arg} ({})", hash.trim()),
        _ => arg.to_owned(),
    };
    let version = git(root, &["show", &format!("{rev}:Cargo.toml")])
        .ok()
        .and_then(|it| package_version(&it));
    Ok(Revision {
        label,
        text,
        version,
    })
}

/// Runs git in `root`; its stdout, or its stderr's first line as the error.
fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let output = match Command::new("git").args(args).current_dir(root).output() {
        Ok(output) => output,
        Err(err) => return Err(format!("cannot run git: {err}")),
    };
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(stderr.lines().next().unwrap_or("failed").to_owned());
    }
    String::from_utf8(output.stdout).map_err(|_| "the output is not UTF-8".to_owned())
}

/// `version` of the `[package]` table of a `Cargo.toml`.
fn package_version(manifest: &str) -> Option<String> {
    let mut in_package = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[package]";
            continue;
        }
        if !in_package {
            continue;
        }
        if let Some(value) = line.strip_prefix("version") {
            let value = value.trim_start().strip_prefix('=')?.trim();
            return Some(value.trim_matches('"').to_owned());
        }
    }
    None
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
    let entries = finish(ctx.entries);
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

/// Merges the entries found once per operation for a shared node (a parameter or response
/// component), then sorts: the worst first, then in kind-table order, subject and pointer.
fn finish(entries: Vec<Entry>) -> Vec<Entry> {
    let mut merged: Vec<Entry> = Vec::new();
    type Key = (&'static str, Side, String, String, String);
    let mut seen: BTreeMap<Key, usize> = BTreeMap::new();
    for entry in entries {
        let key = (
            entry.kind.id,
            entry.side,
            entry.pointer.clone(),
            entry.subject.clone(),
            entry.message.clone(),
        );
        match seen.get(&key) {
            Some(&idx) => {
                let it = &mut merged[idx];
                it.used_by.extend(entry.used_by);
                it.wire = it.wire.max(entry.wire);
                if entry.bump > it.bump {
                    it.bump = entry.bump;
                    it.crate_reason = entry.crate_reason;
                }
            }
            None => {
                seen.insert(key, merged.len());
                merged.push(entry);
            }
        }
    }
    let order = |kind: &Kind| {
        KINDS
            .iter()
            .position(|it| *it == kind)
            .unwrap_or(usize::MAX)
    };
    merged.sort_by(|a, b| {
        (
            b.wire,
            b.bump,
            order(a.kind),
            &a.subject,
            &a.pointer,
            &a.message,
        )
            .cmp(&(
                a.wire,
                a.bump,
                order(b.kind),
                &b.subject,
                &b.pointer,
                &b.message,
            ))
    });
    merged
}
