//! What a comparison produces: the levels, the entries (one change each) and the report with
//! its verdicts.

use std::collections::{BTreeMap, BTreeSet};

use super::kinds::{Kind, KINDS};
use super::surface::SurfaceChange;
use super::version;
use crate::flags::FailOn;

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

impl Use {
    /// Operation `operation` uses it in `direction`.
    pub(crate) fn new(operation: impl Into<String>, direction: Direction) -> Self {
        Self {
            operation: operation.into(),
            direction,
        }
    }
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

/// Merges the entries found once per operation for a shared node (a parameter or response
/// component), then sorts: the worst first, then in kind-table order, subject and pointer.
pub(crate) fn finish(entries: Vec<Entry>) -> Vec<Entry> {
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
