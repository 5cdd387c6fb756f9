//! `diff` against its fixtures, two real revisions of the spec, and the conventions of the kind
//! table.
//!
//! Each `xtask/fixtures/diff/kinds/<kind>.yaml` is a patch over `xtask/fixtures/diff/base.yaml`:
//! `base` and `head` map JSON pointers to the value they take in that revision (`null` removes
//! the node; a side without a patch is the base as is), and `expected` lists every entry the pair
//! must produce, exactly, as `<wire> <crate> <kind> <pointer>`. Every fixture is checked (one
//! failure does not hide the next), and its text report, with the generated surface diff that
//! confirms the crate levels, is snapshotted in `snapshots/`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use fixture::{base, fixture, patched, read_fixture};

use super::kinds::{kind_table, KINDS};
use super::{diff, render, resolve, Report, Revision};
use crate::flags::FailOn;
use crate::test_support::{assert_readme_table_fresh, xtask_dir};

mod fixture;

fn fixtures_dir() -> PathBuf {
    xtask_dir().join("fixtures/diff")
}

#[track_caller]
fn check(base: &Revision, head: &Revision) -> Report {
    diff(base, head).unwrap_or_else(|err| panic!("{err:#}"))
}

fn as_expectation(report: &Report) -> Vec<String> {
    report
        .entries
        .iter()
        .map(|it| {
            format!(
                "{} {} {} {}",
                it.wire.as_str(),
                it.bump.as_str(),
                it.kind.id,
                it.pointer
            )
        })
        .collect()
}

/// What is wrong with the report of fixture `kind` (expected entries, the kind's levels, the
/// message conventions), or its text report for the snapshot.
fn check_fixture(kind: &str, expected: &[String], report: &Report) -> Result<String, String> {
    let actual = as_expectation(report);
    if actual != expected {
        return Err(format!(
            "the entries differ from `expected`:\n  actual:   {actual:#?}\n  expected: {expected:#?}"
        ));
    }
    if !report.entries.iter().any(|it| it.kind.id == kind) {
        return Err(format!("the pair must produce a `{kind}` entry"));
    }
    if let Err(err) = &report.surface {
        return Err(err.clone());
    }
    for entry in &report.entries {
        if !entry.kind.wire.iter().any(|it| it.0 == entry.wire) {
            return Err(format!(
                "`{}` is {} on the wire, a level its kind does not list",
                entry.pointer,
                entry.wire.as_str()
            ));
        }
        if !entry.kind.krate.iter().any(|it| it.0 == entry.bump) {
            return Err(format!(
                "`{}` is {} for the crate, a level its kind does not list",
                entry.pointer,
                entry.bump.as_str()
            ));
        }
        for text in [&entry.message, &entry.crate_reason] {
            if text.is_empty()
                || text.starts_with(char::is_uppercase)
                || text.ends_with(['.', '!'])
                || text.contains('\n')
            {
                return Err(format!(
                    "messages are one lowercase line without a trailing period: {text:?}"
                ));
            }
        }
    }
    Ok(render::text(report, false))
}

/// Every fixture of `kinds/`: its entries, and its text report as a snapshot. Every failing
/// fixture is listed, not only the first.
#[test]
fn fixtures() {
    let failures = std::cell::RefCell::new(Vec::new());
    insta::glob!("../../../fixtures/diff/kinds", "*.yaml", |path| {
        let kind = path.file_stem().unwrap().to_string_lossy().into_owned();
        let result = read_fixture(path).and_then(|fixture| {
            let (base, head) = (
                patched(path, "base", &fixture.base)?,
                patched(path, "head", &fixture.head)?,
            );
            let report = check(&base, &head);
            check_fixture(&kind, &fixture.expected, &report)
        });
        match result {
            Ok(text) => insta::assert_snapshot!(text),
            Err(err) => failures
                .borrow_mut()
                .push(format!("{}: {err}", path.display())),
        }
    });
    let failures = failures.into_inner();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every kind has a fixture named after it, and every fixture is named after a kind.
#[test]
fn every_kind_has_a_fixture() {
    let ids: BTreeSet<String> = KINDS.iter().map(|it| it.id.to_owned()).collect();
    let files: BTreeSet<String> = std::fs::read_dir(fixtures_dir().join("kinds"))
        .unwrap()
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().to_string_lossy().into_owned();
            Some(name.strip_suffix(".yaml")?.to_owned())
        })
        .collect();
    let missing: Vec<&String> = ids.difference(&files).collect();
    let strays: Vec<&String> = files.difference(&ids).collect();
    assert!(missing.is_empty(), "kinds without a fixture: {missing:?}");
    assert!(
        strays.is_empty(),
        "fixtures named after no kind: {strays:?}"
    );
}

#[test]
fn no_change_without_a_change() {
    let base = base();
    let report = check(&base, &base);
    assert!(report.entries.is_empty());
    assert_eq!(report.bump(), None);
    assert_eq!(report.next_version(), None);
    insta::assert_snapshot!(render::text(&report, false), @r"
    spec diff: xtask/fixtures/diff/base.yaml (base) → xtask/fixtures/diff/base.yaml (base)
    no change in the API

    generated surface: unchanged
    ");
}

/// The first two revisions of `spec/apipagos.yaml` (the four seed operations, then all 53),
/// committed in `xtask/fixtures/diff/revisions/`, and the first one against the spec of the
/// working tree.
#[test]
fn real_revisions() {
    let root = xtask_dir().parent().unwrap().to_path_buf();
    let revisions = fixtures_dir().join("revisions");
    // The crate's version at the time, so that the suggested version does not follow Cargo.toml.
    let revision = |name: &str| Revision {
        version: Some("0.1.0".to_owned()),
        ..resolve(&revisions, &root, name).unwrap()
    };
    let (base, head) = (
        revision("1-seed-operations.yaml"),
        revision("2-all-operations.yaml"),
    );
    let report = check(&base, &head);
    // The history is fixed: the whole report is a stable snapshot.
    insta::assert_snapshot!("real_revisions", render::markdown(&report));
    let added: Vec<&str> = report
        .entries
        .iter()
        .filter(|it| it.kind.id == "operation-added")
        .map(|it| it.subject.as_str())
        .collect();
    assert_eq!(added.len(), 49, "4 seed operations, then 53: {added:?}");

    // The first revision against the newest: every operation added is reported, with the minor
    // bump of a new `Client` method confirmed in the generated surface.
    let newest = resolve(&root, &root, crate::DEFAULT_SPEC).unwrap();
    let report = check(&base, &newest);
    let count = |text: &str| {
        let doc = crate::spec::parse(text).unwrap();
        crate::validate::openapi::operations(&doc.value).len()
    };
    let n_added = report
        .entries
        .iter()
        .filter(|it| it.kind.id == "operation-added")
        .count();
    let n_removed = report
        .entries
        .iter()
        .filter(|it| it.kind.id == "operation-removed")
        .count();
    assert_eq!(
        count(&newest.text) as isize - count(&base.text) as isize,
        n_added as isize - n_removed as isize
    );
    for entry in report
        .entries
        .iter()
        .filter(|it| it.kind.id == "operation-added")
    {
        assert!(
            entry.crate_reason.starts_with("new method `Client::"),
            "{}: {}",
            entry.subject,
            entry.crate_reason
        );
    }
    assert!(report.surface.is_ok(), "{:?}", report.surface);
}

/// A `title` renames the type typify generates: no spec rule calls that a breaking change, the
/// generated surface does, and the bump follows it.
#[test]
fn surface_change_without_an_entry_raises_the_bump() {
    let base = base();
    let mut patch = serde_yaml::Mapping::new();
    patch.insert(
        "/components/schemas/Thing/properties/status/title".into(),
        "ThingState".into(),
    );
    let head = patched(Path::new("retitled.yaml"), "head", &patch).unwrap();
    assert_ne!(head.text, base.text);
    let report = check(&base, &head);
    assert_eq!(
        as_expectation(&report),
        ["compatible patch description-changed /components/schemas/Thing/properties/status/title"]
    );
    assert_eq!(report.entries_bump(), Some(super::Bump::Patch));
    assert_eq!(report.bump(), Some(super::Bump::Major));
    let text = render::text(&report, false);
    assert!(
        text.contains("note:  the generated surface has major changes that no entry explains"),
        "{text}"
    );
    assert!(
        text.contains("+enum ThingState { Active, Retired }"),
        "{text}"
    );
}

#[test]
fn markdown_and_json() {
    let (base, head) = fixture("enum-value-added");
    let report = check(&base, &head);
    insta::assert_snapshot!("markdown", render::markdown(&report));
    insta::assert_snapshot!("json", render::json(&report));
}

#[test]
fn fail_on_levels() {
    let report = |kind: &str| {
        let (base, head) = fixture(kind);
        check(&base, &head)
    };
    let breaking = report("operation-removed");
    let potentially = report("pattern-changed");
    let compatible = report("operation-added");
    let fails = |report: &Report, level| report.failure(level).map(|it| it.to_string());
    assert_eq!(
        fails(&breaking, FailOn::Breaking).as_deref(),
        Some("1 change is breaking on the wire (--fail-on breaking): review the entries above before merging")
    );
    assert_eq!(fails(&potentially, FailOn::Breaking), None);
    assert!(fails(&potentially, FailOn::PotentiallyBreaking).is_some());
    assert_eq!(fails(&compatible, FailOn::PotentiallyBreaking), None);
}

#[test]
fn next_version() {
    let (base, head) = fixture("operation-added");
    let mut report = check(&base, &head);
    assert_eq!(report.next_version().as_deref(), Some("0.1.1"));
    report.version = Some("1.2.3".to_owned());
    assert_eq!(report.next_version().as_deref(), Some("1.3.0"));
    let (base, head) = fixture("operation-removed");
    let mut report = check(&base, &head);
    assert_eq!(report.next_version().as_deref(), Some("0.2.0"));
    report.version = Some("1.2.3".to_owned());
    assert_eq!(report.next_version().as_deref(), Some("2.0.0"));
}

/// The semver verdict against the versions of the two revisions (the rules themselves are
/// tested in `version.rs`).
#[test]
fn version_check() {
    let (base, head) = fixture("operation-removed");
    let mut report = check(&base, &head);
    report.head_version = Some("0.1.0".to_owned());
    assert_eq!(
        report.check_version().map_err(|err| err.to_string()),
        Err("the change needs a major bump of the crate: version 0.1.0 at HEAD, at least 0.2.0 needed (from 0.1.0): bump `version` in Cargo.toml".to_owned())
    );
    report.head_version = Some("0.2.0".to_owned());
    assert_eq!(report.check_version(), Ok(()));
    let (base, head) = fixture("operation-added");
    let mut report = check(&base, &head);
    report.head_version = Some("0.1.0".to_owned());
    assert!(report.check_version().is_err(), "a new method needs 0.1.1");
    report.head_version = Some("0.1.1".to_owned());
    assert_eq!(report.check_version(), Ok(()));
    let (base, head) = fixture("description-changed");
    let mut report = check(&base, &head);
    report.head_version = Some("0.1.0".to_owned());
    assert_eq!(
        report.check_version(),
        Ok(()),
        "documentation needs no bump"
    );
}

#[test]
fn resolves_files_and_revisions() {
    let root = xtask_dir().parent().unwrap().to_path_buf();
    let file = resolve(&xtask_dir(), &root, "fixtures/diff/base.yaml").unwrap();
    assert_eq!(file.label, "xtask/fixtures/diff/base.yaml");
    assert!(file.text.starts_with("# The base of every diff fixture"));
    let err = resolve(&root, &root, "no-such-revision-or-file").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("`no-such-revision-or-file` is neither a file nor a git revision"),
        "{err}"
    );
    if super::revision::git(&root, &["rev-parse", "HEAD"]).is_ok() {
        let head = resolve(&root, &root, "HEAD").unwrap();
        assert!(head.label.starts_with("HEAD ("), "{}", head.label);
        assert!(head.text.contains("openapi:"));
        assert!(head.version.is_some());
    }
}

#[test]
fn kind_table_conventions() {
    let mut seen = BTreeSet::new();
    for kind in KINDS {
        assert!(seen.insert(kind.id), "kind `{}` is listed twice", kind.id);
        assert!(
            kind.id
                .split('-')
                .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase())),
            "kind `{}` is not kebab-case",
            kind.id
        );
        assert!(
            !kind.wire.is_empty() && !kind.krate.is_empty(),
            "kind `{}` needs its wire and crate levels",
            kind.id
        );
        let conditions = kind.wire.iter().map(|it| it.1);
        let conditions = conditions.chain(kind.krate.iter().map(|it| it.1));
        for text in std::iter::once(kind.summary).chain(conditions) {
            assert!(
                !text.ends_with('.') && !text.starts_with(char::is_uppercase),
                "kind `{}`: `{text}` must be lowercase without a trailing period",
                kind.id
            );
        }
    }
}

/// `xtask/README.md` lists the kinds between markers; a stale table is rewritten and the test
/// fails, to be committed.
#[test]
fn readme_kind_table_is_fresh() {
    assert_readme_table_fresh("diff-kinds", "kind", &kind_table());
}

#[test]
fn unreadable_spec_names_the_revision() {
    let bad = Revision {
        label: "bad.yaml".to_owned(),
        text: "openapi: [".to_owned(),
        version: None,
    };
    let good = base();
    let err = diff(&bad, &good).unwrap_err();
    assert!(
        err.to_string().starts_with("bad.yaml: invalid yaml at "),
        "{err}"
    );
}
