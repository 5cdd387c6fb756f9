//! `diff` against its fixtures, two real revisions of the spec, and the conventions of the kind
//! table.
//!
//! Each `xtask/fixtures/diff/<kind>/` holds `head.yaml` and/or `base.yaml` (the missing one is
//! `xtask/fixtures/diff/base.yaml`) with one kind of change, and `expected.txt`: every entry the
//! pair must produce, exactly, as `<wire> <crate> <kind> <pointer>` (`#` lines are comments).
//! The text report, with the generated surface diff that confirms the crate levels, is
//! snapshotted in `snapshots/`.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::kinds::{kind_table, KINDS};
use super::{diff, render, resolve, Report, Revision};
use crate::flags::FailOn;

fn xtask_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures_dir() -> PathBuf {
    xtask_dir().join("fixtures/diff")
}

/// The fixture file `name` of `kind`, or the common base.
fn fixture_file(kind: &str, name: &str) -> Revision {
    let own = fixtures_dir().join(kind).join(name);
    let path = if own.exists() {
        own
    } else {
        fixtures_dir().join("base.yaml")
    };
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    let label = path
        .strip_prefix(xtask_dir().parent().unwrap())
        .unwrap_or(&path)
        .display()
        .to_string();
    Revision {
        label,
        text,
        version: Some("0.1.0".to_owned()),
    }
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

#[test]
fn every_kind_has_a_fixture_with_its_entries() {
    let mut missing = Vec::new();
    for kind in KINDS {
        let dir = fixtures_dir().join(kind.id);
        let Ok(expected) = std::fs::read_to_string(dir.join("expected.txt")) else {
            missing.push(kind.id);
            continue;
        };
        let expected: Vec<&str> = expected
            .lines()
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect();
        let (base, head) = (
            fixture_file(kind.id, "base.yaml"),
            fixture_file(kind.id, "head.yaml"),
        );
        let report = check(&base, &head);
        assert_eq!(
            as_expectation(&report),
            expected,
            "{}: the entries differ from expected.txt",
            dir.display()
        );
        assert!(
            report.entries.iter().any(|it| it.kind.id == kind.id),
            "{}: the pair must produce a `{}` entry",
            dir.display(),
            kind.id
        );
        if let Err(err) = &report.surface {
            panic!("{}: {err}", dir.display());
        }
        for entry in &report.entries {
            for text in [&entry.message, &entry.crate_reason] {
                assert!(
                    !text.is_empty()
                        && !text.starts_with(char::is_uppercase)
                        && !text.ends_with(['.', '!'])
                        && !text.contains('\n'),
                    "{}: messages are one lowercase line without a trailing period: {text:?}",
                    dir.display()
                );
            }
        }
        insta::assert_snapshot!(kind.id, render::text(&report, false));
    }
    assert!(
        missing.is_empty(),
        "kinds without a fixture (expected.txt) in {}: {missing:?}",
        fixtures_dir().display()
    );
    let ids: BTreeSet<&str> = KINDS.iter().map(|it| it.id).collect();
    let strays: Vec<String> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let name = entry.file_name().to_string_lossy().into_owned();
            (entry.path().is_dir() && !ids.contains(name.as_str())).then_some(name)
        })
        .collect();
    assert!(
        strays.is_empty(),
        "fixtures named after no kind: {strays:?}"
    );
}

#[test]
fn no_change_without_a_change() {
    let base = fixture_file("", "base.yaml");
    let report = check(&base, &base);
    assert!(report.entries.is_empty());
    assert_eq!(report.bump(), None);
    assert_eq!(report.next_version(), None);
    insta::assert_snapshot!(render::text(&report, false), @r"
    spec diff: xtask/fixtures/diff/base.yaml → xtask/fixtures/diff/base.yaml
    no change in the API

    generated surface: unchanged
    ");
}

/// The first two revisions of `spec/apipagos.yaml` in the history of this repository (the four
/// seed operations, then all 53), and the first one against HEAD.
#[test]
fn real_revisions() {
    let root = xtask_dir().parent().unwrap().to_path_buf();
    // In a shallow clone the oldest revision reachable is not the first one: nothing to compare.
    if super::git(&root, &["rev-parse", "--is-shallow-repository"])
        .is_ok_and(|it| it.trim() == "true")
    {
        eprintln!("skipped: a shallow clone does not hold the spec's first revisions");
        return;
    }
    let revisions = match super::git(
        &root,
        &["rev-list", "--reverse", "HEAD", "--", crate::DEFAULT_SPEC],
    ) {
        Ok(out) => out.lines().map(str::to_owned).collect::<Vec<_>>(),
        Err(err) => {
            eprintln!("skipped: no git history to read the spec's revisions from ({err})");
            return;
        }
    };
    if revisions.len() < 2 {
        eprintln!(
            "skipped: the git history has {} revision(s) of {} (a shallow clone?)",
            revisions.len(),
            crate::DEFAULT_SPEC
        );
        return;
    }
    let (first, second) = (&revisions[0], &revisions[1]);
    let base = resolve(&root, &root, first).unwrap();
    let head = resolve(&root, &root, second).unwrap();
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
    let newest = resolve(&root, &root, "HEAD").unwrap();
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
    let base = fixture_file("", "base.yaml");
    let head = Revision {
        label: "retitled.yaml".to_owned(),
        text: base.text.replace(
            "        status:\n          type: string\n",
            "        status:\n          title: ThingState\n          type: string\n",
        ),
        version: base.version.clone(),
    };
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
    let report = check(
        &fixture_file("enum-value-added", "base.yaml"),
        &fixture_file("enum-value-added", "head.yaml"),
    );
    insta::assert_snapshot!("markdown", render::markdown(&report));
    insta::assert_snapshot!("json", render::json(&report));
}

#[test]
fn fail_on_levels() {
    let report = |kind: &str| {
        check(
            &fixture_file(kind, "base.yaml"),
            &fixture_file(kind, "head.yaml"),
        )
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
    let mut report = check(
        &fixture_file("operation-added", "base.yaml"),
        &fixture_file("operation-added", "head.yaml"),
    );
    assert_eq!(report.next_version().as_deref(), Some("0.1.1"));
    report.version = Some("1.2.3".to_owned());
    assert_eq!(report.next_version().as_deref(), Some("1.3.0"));
    let mut report = check(
        &fixture_file("operation-removed", "base.yaml"),
        &fixture_file("operation-removed", "head.yaml"),
    );
    assert_eq!(report.next_version().as_deref(), Some("0.2.0"));
    report.version = Some("1.2.3".to_owned());
    assert_eq!(report.next_version().as_deref(), Some("2.0.0"));
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
    if super::git(&root, &["rev-parse", "HEAD"]).is_ok() {
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
        for text in [kind.summary, kind.wire, kind.krate] {
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
    let path = xtask_dir().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap_or_default();
    let (start, end) = ("<!-- diff-kinds:start -->\n", "<!-- diff-kinds:end -->");
    let (Some(start_idx), Some(end_idx)) = (readme.find(start), readme.find(end)) else {
        panic!("{}: the kind table markers are missing", path.display());
    };
    let fresh = format!(
        "{}{start}{}{}",
        &readme[..start_idx],
        kind_table(),
        &readme[end_idx..]
    );
    if fresh != readme {
        std::fs::write(&path, &fresh).unwrap();
        panic!(
            "{} had a stale kind table and was updated: review and commit it",
            path.display()
        );
    }
}

#[test]
fn unreadable_spec_names_the_revision() {
    let bad = Revision {
        label: "bad.yaml".to_owned(),
        text: "openapi: [".to_owned(),
        version: None,
    };
    let good = fixture_file("", "base.yaml");
    let err = diff(&bad, &good).unwrap_err();
    assert!(
        err.to_string().starts_with("bad.yaml: invalid yaml at "),
        "{err}"
    );
}
