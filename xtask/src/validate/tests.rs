//! The rules against the minimal and the real spec, the JSON output, and the conventions of the
//! rule table (the rule fixtures have a test each in `fixtures.rs`).

use std::collections::BTreeSet;
use std::path::Path;

use super::fixtures::{self, as_expectation};
use super::rules::RULES;
use super::{validate, Report, Severity};
use crate::test_support::{assert_readme_table_fresh, xtask_dir};
use crate::validate::rules::generator_failure::KNOWN_FAILURES;

/// Validates the file at `path` (relative to the xtask crate), named as in `shown`.
#[track_caller]
fn check_file(path: &Path, shown: &str) -> Report {
    let text = std::fs::read_to_string(xtask_dir().join(path))
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    validate(Path::new(shown), &text)
}

#[test]
fn minimal_fixture_has_no_finding() {
    let report = check_file(Path::new("fixtures/minimal.yaml"), "minimal.yaml");
    assert_eq!(as_expectation(&report), Vec::<String>::new());
}

#[test]
fn real_spec_has_no_error() {
    let path = Path::new("../spec/apipagos.yaml");
    let report = check_file(path, "spec/apipagos.yaml");
    let errors: Vec<String> = report
        .findings
        .iter()
        .filter(|it| it.severity == Severity::Error)
        .map(|it| {
            format!(
                "spec/apipagos.yaml:{}:{}: [{}] {}",
                it.at.line, it.at.column, it.rule, it.message
            )
        })
        .collect();
    assert!(
        errors.is_empty(),
        "the spec has {} errors (run `cargo xtask validate`):\n{}",
        errors.len(),
        errors.join("\n")
    );
}

#[test]
fn json_output() {
    let fixture = fixtures::load("duplicate-key");
    let report = validate(Path::new(&fixture.shown), &fixture.text);
    insta::assert_snapshot!(report.render_json(&fixture.shown), @r#"
    {
      "errors": 1,
      "findings": [
        {
          "column": 7,
          "line": 18,
          "message": "key `summary` repeats the key at line 16 of the same mapping and silently replaces its value: merge the two entries into one",
          "pointer": "/paths/~1things~1{code}/put/summary",
          "rule": "duplicate-key",
          "severity": "error"
        }
      ],
      "path": "xtask/fixtures/validate/duplicate-key.yaml",
      "warnings": 0
    }
    "#);
}

#[test]
fn rule_table_conventions() {
    let mut seen = BTreeSet::new();
    for rule in RULES {
        assert!(seen.insert(rule.id), "rule id `{}` is used twice", rule.id);
        assert!(
            rule.id
                .split('-')
                .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase())),
            "rule id `{}` is not kebab-case",
            rule.id
        );
        let file = xtask_dir().join(format!(
            "src/validate/rules/{}.rs",
            rule.id.replace('-', "_")
        ));
        let source = std::fs::read_to_string(&file)
            .unwrap_or_else(|_| panic!("rule `{}` must live in {}", rule.id, file.display()));
        let doc: Vec<&str> = source
            .lines()
            .take_while(|line| line.starts_with("//!"))
            .collect();
        assert!(
            doc.first()
                .is_some_and(|it| it.starts_with(&format!("//! `{}`: ", rule.id))),
            "{}: the doc comment must start with \"//! `{}`: <what it flags>\"",
            file.display(),
            rule.id
        );
        for heading in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Use instead",
        ] {
            assert!(
                doc.iter()
                    .any(|line| line.trim_start_matches("//! ") == heading),
                "{}: the doc comment lacks `{heading}`",
                file.display()
            );
        }
        assert!(
            !rule.summary.ends_with('.') && !rule.summary.starts_with(char::is_uppercase),
            "rule `{}`: the summary must be lowercase without a trailing period",
            rule.id
        );
    }
    let position = |id: &str| RULES.iter().position(|it| it.id == id);
    let generator = position("generator-failure");
    for id in KNOWN_FAILURES {
        assert!(
            position(id).is_some_and(|it| Some(it) < generator),
            "KNOWN_FAILURES names `{id}`, which must be a rule that runs before generator-failure"
        );
    }
}

/// `xtask/README.md` lists the rules between markers; a stale table is rewritten and the test
/// fails, to be committed.
#[test]
fn readme_rule_table_is_fresh() {
    assert_readme_table_fresh("rules", "rule", &super::rule_table());
}

/// Schemas named only inside an `x-apipagos-rust-type` count as used, and the shape of replaced
/// schemas (scalar `oneOf`/`anyOf`) is the hand-written type's business.
#[test]
fn rust_type_replacements_are_understood() {
    let minimal = std::fs::read_to_string(xtask_dir().join("fixtures/minimal.yaml")).unwrap();
    let text = minimal.replace(
        "        code:\n          type: string\n    ErrorBody:",
        r"        code:
          type: string
        status:
          $ref: '#/components/schemas/StatusReceived'
        amount:
          $ref: '#/components/schemas/Money'
    Status:
      type: string
      enum: [on, off]
    StatusReceived:
      x-apipagos-rust-type: crate::lenient::OpenEnum<crate::types::Status>
      type: string
    Money:
      x-apipagos-rust-type: crate::lenient::Money
      anyOf:
        - type: string
        - type: number
    ErrorBody:",
    );
    assert_ne!(text, minimal);
    let report = validate(Path::new("inline.yaml"), &text);
    assert_eq!(as_expectation(&report), Vec::<String>::new());
}
