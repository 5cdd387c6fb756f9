//! The rule fixtures, one test each: `xtask/fixtures/validate/<rule-id>.yaml`.
//!
//! A fixture is a header of `#` lines, then either a patch over `xtask/fixtures/minimal.yaml`
//! (the smallest spec with no finding) or, when it does not start with `@@`, a whole document.
//! The header lists every finding the fixture must produce, exactly, as
//! `# expect: <severity> <rule> <pointer> line <n>` (lines of the patched document, whose line 1
//! is the comment of `minimal.yaml`). The rendered findings are snapshotted in `snapshots/`.
//!
//! The patch is a unified diff without line numbers: each hunk starts with a line `@@` and holds
//! lines kept (` `), removed (`-`) and added (`+`). The kept and removed lines of a hunk must
//! occur exactly once in the document being patched (add context lines until they do); hunks
//! apply in order.
//!
//! ```text
//! # Fixture for `duplicate-key`: the operation repeats `summary`.
//! # expect: error duplicate-key /paths/~1things~1{code}/put/summary line 18
//! @@
//!        description: Replaces one thing.
//! +      summary: Replace a thing.
//!        x-apipagos-docs:
//! ```
//!
//! Adding a rule's fixture: the file, and its name in the `fixtures!` list below (a test checks
//! that the list and the folder agree).

use std::collections::BTreeSet;
use std::path::Path;

use super::rules::RULES;
use super::{validate, Report};
use crate::test_support::xtask_dir;

/// A fixture read and patched.
pub(super) struct Fixture {
    /// The `# expect:` lines of the header, without the prefix.
    pub(super) expected: Vec<String>,
    /// The document to validate.
    pub(super) text: String,
    /// How the document is named in findings (`xtask/fixtures/validate/<id>.yaml`).
    pub(super) shown: String,
}

/// Why a fixture cannot be read or applied.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum PatchError {
    /// A hunk line starts with none of ` `, `-`, `+`.
    BadLine { hunk: usize, line: String },
    /// A hunk keeps and removes nothing, so it cannot be placed.
    NoAnchor { hunk: usize },
    /// The kept and removed lines of a hunk occur `found` times (not once).
    Ambiguous { hunk: usize, found: usize },
}

/// Reads `xtask/fixtures/validate/<id>.yaml` and patches `minimal.yaml` with it.
pub(super) fn load(id: &str) -> Fixture {
    let relative = format!("fixtures/validate/{id}.yaml");
    let text = std::fs::read_to_string(xtask_dir().join(&relative))
        .unwrap_or_else(|err| panic!("cannot read {relative}: {err}"));
    let minimal = std::fs::read_to_string(xtask_dir().join("fixtures/minimal.yaml"))
        .expect("xtask/fixtures/minimal.yaml");
    let header: Vec<&str> = text.lines().take_while(|it| it.starts_with('#')).collect();
    let body: Vec<&str> = text.lines().skip(header.len()).collect();
    let document = if body.first().is_some_and(|it| it.starts_with("@@")) {
        apply(&minimal, &body).unwrap_or_else(|err| panic!("{relative}: {err:?}"))
    } else {
        body.iter().map(|it| format!("{it}\n")).collect()
    };
    Fixture {
        expected: header
            .iter()
            .filter_map(|it| it.strip_prefix("# expect: "))
            .map(str::to_owned)
            .collect(),
        text: document,
        shown: format!("xtask/{relative}"),
    }
}

/// `base` with the hunks of `patch` (its lines from the first `@@`) applied in order.
pub(super) fn apply(base: &str, patch: &[&str]) -> Result<String, PatchError> {
    let mut lines: Vec<String> = base.lines().map(str::to_owned).collect();
    let mut hunks: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    for line in patch {
        if line.starts_with("@@") {
            hunks.push((Vec::new(), Vec::new()));
            continue;
        }
        let hunk = hunks.len();
        let Some((old, new)) = hunks.last_mut() else {
            return Err(PatchError::BadLine {
                hunk,
                line: (*line).to_owned(),
            });
        };
        let (marker, rest) = match line.char_indices().nth(1) {
            Some((idx, _)) => line.split_at(idx),
            None => (*line, ""),
        };
        match (marker, rest) {
            // An editor may strip the lone space of an empty kept line.
            (" " | "", rest) => {
                old.push(rest.to_owned());
                new.push(rest.to_owned());
            }
            ("-", rest) => old.push(rest.to_owned()),
            ("+", rest) => new.push(rest.to_owned()),
            _ => {
                return Err(PatchError::BadLine {
                    hunk,
                    line: (*line).to_owned(),
                })
            }
        }
    }
    for (idx, (old, new)) in hunks.into_iter().enumerate() {
        let hunk = idx + 1;
        if old.is_empty() {
            return Err(PatchError::NoAnchor { hunk });
        }
        let starts: Vec<usize> = lines
            .windows(old.len())
            .enumerate()
            .filter(|(_, window)| *window == old.as_slice())
            .map(|(start, _)| start)
            .collect();
        let [start] = starts[..] else {
            return Err(PatchError::Ambiguous {
                hunk,
                found: starts.len(),
            });
        };
        lines.splice(start..start + old.len(), new);
    }
    Ok(lines.iter().map(|it| format!("{it}\n")).collect())
}

/// `<severity> <rule> <pointer> line <n>` of each finding, as in `# expect:` lines.
pub(super) fn as_expectation(report: &Report) -> Vec<String> {
    report
        .findings
        .iter()
        .map(|it| {
            format!(
                "{} {} {} line {}",
                it.severity.as_str(),
                it.rule,
                it.pointer,
                it.at.line
            )
        })
        .collect()
}

/// Validates the fixture of rule `id` and checks its findings against the header, the snapshot
/// and the message conventions.
fn check(id: &str) {
    let fixture = load(id);
    let report = validate(Path::new(&fixture.shown), &fixture.text);
    assert_eq!(
        as_expectation(&report),
        fixture.expected,
        "{}: the findings differ from the `# expect:` header",
        fixture.shown
    );
    assert!(
        report.findings.iter().any(|it| it.rule == id),
        "{}: the fixture must produce a `{id}` finding",
        fixture.shown
    );
    for it in &report.findings {
        assert!(
            !it.message.starts_with(char::is_uppercase)
                && !it.message.ends_with(['.', '!'])
                && !it.message.contains('\n'),
            "[{}] message must be one lowercase line without a trailing period: {:?}",
            it.rule,
            it.message
        );
    }
    insta::assert_snapshot!(id, report.render_human(&fixture.shown));
}

macro_rules! fixtures {
    ($($test:ident => $id:literal,)*) => {
        /// The rule ids with a fixture test.
        const FIXTURES: &[&str] = &[$($id),*];
        $(
            #[test]
            fn $test() {
                check($id);
            }
        )*
    };
}

fixtures! {
    array_without_items => "array-without-items",
    closed_response_schema => "closed-response-schema",
    constraint_violated_by_response_example => "constraint-violated-by-response-example",
    cookie_parameter => "cookie-parameter",
    dangling_docs_deviation => "dangling-docs-deviation",
    duplicate_enum_value => "duplicate-enum-value",
    duplicate_key => "duplicate-key",
    duplicate_operation_id => "duplicate-operation-id",
    duplicate_parameter => "duplicate-parameter",
    enum_value_type_mismatch => "enum-value-type-mismatch",
    equivalent_paths => "equivalent-paths",
    error_response_without_shared_body => "error-response-without-shared-body",
    example_value_and_external_value => "example-value-and-external-value",
    generator_failure => "generator-failure",
    invalid_example => "invalid-example",
    invalid_openapi_structure => "invalid-openapi-structure",
    invalid_yaml => "invalid-yaml",
    malformed_docs_provenance => "malformed-docs-provenance",
    missing_docs_provenance => "missing-docs-provenance",
    missing_error_response => "missing-error-response",
    missing_operation_description => "missing-operation-description",
    missing_operation_id => "missing-operation-id",
    missing_operation_summary => "missing-operation-summary",
    missing_operation_tag => "missing-operation-tag",
    missing_parameter_description => "missing-parameter-description",
    missing_success_response => "missing-success-response",
    missing_tag_description => "missing-tag-description",
    multiple_error_schemas => "multiple-error-schemas",
    multiple_request_media_types => "multiple-request-media-types",
    multiple_success_schemas => "multiple-success-schemas",
    non_snake_case_operation_id => "non-snake-case-operation-id",
    nullable_without_type => "nullable-without-type",
    optional_path_parameter => "optional-path-parameter",
    path_parameter_not_in_template => "path-parameter-not-in-template",
    path_trailing_slash => "path-trailing-slash",
    ref_path_item => "ref-path-item",
    ref_sibling_keys => "ref-sibling-keys",
    scalar_any_of => "scalar-any-of",
    undeclared_path_parameter => "undeclared-path-parameter",
    undefined_operation_tag => "undefined-operation-tag",
    undefined_security_scheme => "undefined-security-scheme",
    unresolved_ref => "unresolved-ref",
    unsupported_openapi_version => "unsupported-openapi-version",
    unsupported_parameter_style => "unsupported-parameter-style",
    unsupported_request_media_type => "unsupported-request-media-type",
    unused_component => "unused-component",
}

/// Every rule has a fixture with a test, and every fixture is named after a rule.
#[test]
fn fixtures_rules_and_tests_agree() {
    let rules: BTreeSet<&str> = RULES.iter().map(|it| it.id).collect();
    let tested: BTreeSet<&str> = FIXTURES.iter().copied().collect();
    let files: BTreeSet<String> = std::fs::read_dir(xtask_dir().join("fixtures/validate"))
        .expect("xtask/fixtures/validate")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().to_string_lossy().into_owned();
            Some(name.strip_suffix(".yaml").unwrap_or(&name).to_owned())
        })
        .collect();
    let files: BTreeSet<&str> = files.iter().map(String::as_str).collect();
    assert_eq!(files, rules, "fixture files (left) and rule ids (right)");
    assert_eq!(
        tested, rules,
        "the `fixtures!` list (left) and rule ids (right)"
    );
}

#[test]
fn a_patch_replaces_its_anchor() {
    let base = "a:\n  b: 1\nc:\n  b: 1\n";
    let patched = apply(base, &["@@", " c:", "-  b: 1", "+  b: 2", "+  d: 3"]);
    assert_eq!(patched.as_deref(), Ok("a:\n  b: 1\nc:\n  b: 2\n  d: 3\n"));
}

#[test]
fn a_patch_refuses_an_ambiguous_or_missing_anchor() {
    let base = "a:\n  b: 1\nc:\n  b: 1\n";
    assert_eq!(
        apply(base, &["@@", "-  b: 1"]),
        Err(PatchError::Ambiguous { hunk: 1, found: 2 })
    );
    assert_eq!(
        apply(base, &["@@", " a:", "@@", " z:"]),
        Err(PatchError::Ambiguous { hunk: 2, found: 0 })
    );
    assert_eq!(
        apply(base, &["@@", "+x: 1"]),
        Err(PatchError::NoAnchor { hunk: 1 })
    );
    assert_eq!(
        apply(base, &["@@", "*a:"]),
        Err(PatchError::BadLine {
            hunk: 1,
            line: "*a:".to_owned()
        })
    );
}
