//! The rules against their fixtures, the real spec, and the conventions of the rule table.
//!
//! Each `xtask/fixtures/validate/<rule-id>.yaml` is the minimal spec (`xtask/fixtures/minimal.yaml`)
//! with one defect; its header lists every finding it must produce, exactly, as
//! `# expect: <severity> <rule> <pointer> line <n>`. The rendered findings are snapshotted in
//! `snapshots/`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::rules::RULES;
use super::{validate, Report, Severity};
use crate::validate::rules::generator_failure::KNOWN_FAILURES;
// The generator dry run swaps the process-wide panic hook: validations run one at a time (and not
// beside the generations of `diff`'s tests) so that test failures keep their messages.
use crate::GENERATOR_LOCK as VALIDATION;

fn xtask_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Validates the file at `path` (relative to the xtask crate), named as in `shown`.
#[track_caller]
fn check_file(path: &Path, shown: &str) -> Report {
    let text = std::fs::read_to_string(xtask_dir().join(path))
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    let _guard = VALIDATION.lock().unwrap_or_else(|it| it.into_inner());
    validate(Path::new(shown), &text)
}

/// `# expect:` lines of a fixture header.
fn expectations(text: &str) -> Vec<String> {
    text.lines()
        .take_while(|line| line.starts_with('#'))
        .filter_map(|line| line.strip_prefix("# expect: "))
        .map(str::to_owned)
        .collect()
}

fn as_expectation(report: &Report) -> Vec<String> {
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

#[test]
fn every_rule_fires_on_its_fixture_exactly() {
    let fixtures_dir = xtask_dir().join("fixtures/validate");
    let mut missing = Vec::new();
    for rule in RULES {
        let relative = PathBuf::from(format!("fixtures/validate/{}.yaml", rule.id));
        if !xtask_dir().join(&relative).exists() {
            missing.push(rule.id);
            continue;
        }
        let text = std::fs::read_to_string(xtask_dir().join(&relative)).unwrap();
        let expected = expectations(&text);
        let shown = format!("xtask/{}", relative.display());
        let report = check_file(&relative, &shown);
        let found = as_expectation(&report);
        assert_eq!(
            found, expected,
            "{shown}: the findings differ from the `# expect:` header"
        );
        assert!(
            report.findings.iter().any(|it| it.rule == rule.id),
            "{shown}: the fixture must produce a `{}` finding",
            rule.id
        );
        insta::assert_snapshot!(rule.id, report.render_human(&shown));
    }
    assert!(
        missing.is_empty(),
        "rules without a fixture in {}: {missing:?}",
        fixtures_dir.display()
    );
    let ids: BTreeSet<&str> = RULES.iter().map(|it| it.id).collect();
    let strays: Vec<String> = std::fs::read_dir(&fixtures_dir)
        .unwrap()
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().to_string_lossy().into_owned();
            let id = name.strip_suffix(".yaml").unwrap_or(&name).to_owned();
            (!ids.contains(id.as_str())).then_some(name)
        })
        .collect();
    assert!(
        strays.is_empty(),
        "fixtures named after no rule: {strays:?}"
    );
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
    let report = check_file(
        Path::new("fixtures/validate/duplicate-key.yaml"),
        "xtask/fixtures/validate/duplicate-key.yaml",
    );
    insta::assert_snapshot!(report.render_json("xtask/fixtures/validate/duplicate-key.yaml"), @r#"
    {
      "errors": 1,
      "findings": [
        {
          "column": 7,
          "line": 19,
          "message": "key `summary` repeats the key at line 17 of the same mapping and silently replaces its value: merge the two entries into one",
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

#[test]
fn messages_are_lowercase_without_trailing_period() {
    for rule in RULES {
        let relative = PathBuf::from(format!("fixtures/validate/{}.yaml", rule.id));
        if !xtask_dir().join(&relative).exists() {
            continue;
        }
        let report = check_file(&relative, rule.id);
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
    }
}

/// `xtask/README.md` lists the rules between markers; a stale table is rewritten and the test
/// fails, to be committed.
#[test]
fn readme_rule_table_is_fresh() {
    let path = xtask_dir().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap_or_default();
    let (start, end) = ("<!-- rules:start -->\n", "<!-- rules:end -->");
    let (Some(start_idx), Some(end_idx)) = (readme.find(start), readme.find(end)) else {
        panic!("{}: the rule table markers are missing", path.display());
    };
    let table = super::rule_table();
    let fresh = format!(
        "{}{start}{table}{}",
        &readme[..start_idx],
        &readme[end_idx..]
    );
    if fresh != readme {
        std::fs::write(&path, &fresh).unwrap();
        panic!(
            "{} had a stale rule table and was updated: review and commit it",
            path.display()
        );
    }
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
    let report = {
        let _guard = VALIDATION.lock().unwrap_or_else(|it| it.into_inner());
        validate(Path::new("inline.yaml"), &text)
    };
    assert_eq!(as_expectation(&report), Vec::<String>::new());
}
