//! `cargo xtask validate [PATH]`: every mistake in the hand-written OpenAPI spec, where it is and
//! how to fix it.
//!
//! A finding has a severity, a rule id, the JSON pointer of the node at fault, its line and
//! column, and a one-line message that says how to fix it. Each rule lives in its own file under
//! `rules/` with a doc comment (What it does / Why is this bad? / Example / Use instead), and
//! `rules/mod.rs` holds the table of stable rule ids. Every rule has a minimal broken spec in
//! `xtask/fixtures/validate/<rule-id>.yaml` (a patch over `xtask/fixtures/minimal.yaml`, see
//! `fixtures.rs`) whose header names the findings it must produce, and a test of its own.
//!
//! Reference linters: Spectral's `spectral:oas` and Redocly's `recommended` rulesets. What they
//! check that applies to this spec is covered; duplicate keys, progenitor compatibility,
//! provenance and the strictness policy of response schemas are ours.

mod examples;
#[cfg(test)]
mod fixtures;
pub(crate) mod openapi;
pub(crate) mod rules;
mod structure;
#[cfg(test)]
mod tests;

use std::cell::{OnceCell, RefCell};
use std::fmt::Write as _;
use std::path::Path;
use std::thread::ScopedJoinHandle;
use std::time::Instant;

use openapiv3::OpenAPI;
use serde_json::{json, Value};

use crate::flags::{self, ValidateFormat};
use crate::spec::{self, Document, Index, Position, SyntaxError};

pub(crate) use examples::ExampleViolation;

/// How serious a finding is: errors fail `validate`, warnings are only reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A rule: a stable id, a severity and the check that reports its findings.
pub(crate) struct Rule {
    /// Kebab-case, naming the flagged pattern (reads as "allow `<id>`"); never reused.
    pub(crate) id: &'static str,
    pub(crate) severity: Severity,
    /// One line for the rule table.
    pub(crate) summary: &'static str,
    pub(crate) check: Check,
}

/// When a rule runs.
pub(crate) enum Check {
    /// On a YAML syntax error (then no other rule runs).
    Syntax(fn(&SyntaxError, &mut Findings<'_>)),
    /// On the parsed document.
    Document(fn(&Ctx<'_>, &mut Findings<'_>)),
}

/// One mistake in the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    pub(crate) rule: &'static str,
    pub(crate) severity: Severity,
    /// JSON pointer of the node at fault (`""` is the document).
    pub(crate) pointer: String,
    pub(crate) at: Position,
    /// One line, lowercase, no trailing period, saying how to fix it.
    pub(crate) message: String,
}

/// What the rules see: the document, its OpenAPI reading and shared, lazily computed results.
pub(crate) struct Ctx<'a> {
    /// The spec file, for messages.
    pub(crate) path: &'a Path,
    pub(crate) doc: &'a Document,
    /// The typed document, when the document deserializes as OpenAPI 3.0.
    pub(crate) openapi: Result<&'a OpenAPI, &'a StructureError>,
    examples: OnceCell<Vec<ExampleViolation>>,
    /// The example validation, started in the background when the document was parsed.
    pending_examples: RefCell<Option<ScopedJoinHandle<'a, Vec<ExampleViolation>>>>,
}

/// Why the document does not deserialize as OpenAPI 3.0.
#[derive(Debug)]
pub(crate) struct StructureError {
    /// JSON pointer of the node at fault.
    pub(crate) pointer: String,
    pub(crate) message: String,
}

/// The findings reported so far; rules push into it.
pub(crate) struct Findings<'a> {
    index: Option<&'a Index>,
    items: Vec<Finding>,
}

/// The result of validating one spec.
#[derive(Debug)]
pub(crate) struct Report {
    /// Sorted by position, then rule.
    pub(crate) findings: Vec<Finding>,
}

impl Ctx<'_> {
    /// The document as JSON.
    pub(crate) fn root(&self) -> &Value {
        &self.doc.value
    }

    /// The line of the node at `pointer`.
    pub(crate) fn line(&self, pointer: &str) -> usize {
        self.doc.index.line(pointer)
    }

    /// Every example that does not validate against its schema (computed once, in the
    /// background, and shared by the example rules).
    pub(crate) fn example_violations(&self) -> &[ExampleViolation] {
        self.examples.get_or_init(|| {
            let pending = self.pending_examples.borrow_mut().take();
            match pending.map(ScopedJoinHandle::join) {
                Some(Ok(res)) => res,
                // The thread panicked or was never started: validate here.
                Some(Err(_)) | None => examples::violations(&self.doc.value),
            }
        })
    }
}

impl Findings<'_> {
    /// Reports `message` on the node at `pointer`.
    pub(crate) fn push(&mut self, rule: &Rule, pointer: impl Into<String>, message: String) {
        let pointer = pointer.into();
        let at = self.index.map_or(Position { line: 1, column: 1 }, |index| {
            index.position(&pointer)
        });
        self.push_at(rule, pointer, at, message);
    }

    /// Reports `message` at an explicit position.
    pub(crate) fn push_at(
        &mut self,
        rule: &Rule,
        pointer: impl Into<String>,
        at: Position,
        message: String,
    ) {
        self.items.push(Finding {
            rule: rule.id,
            severity: rule.severity,
            pointer: pointer.into(),
            at,
            message,
        });
    }

    /// The findings reported so far (rules run in table order).
    pub(crate) fn items(&self) -> &[Finding] {
        &self.items
    }
}

impl Report {
    pub(crate) fn n_errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|it| it.severity == Severity::Error)
            .count()
    }

    pub(crate) fn n_warnings(&self) -> usize {
        self.findings.len() - self.n_errors()
    }

    /// `file:line:column: severity[rule]: message` and the pointer, then the totals.
    pub(crate) fn render_human(&self, shown_path: &str) -> String {
        let mut res = String::new();
        for it in &self.findings {
            let pointer = if it.pointer.is_empty() {
                "(document)"
            } else {
                &it.pointer
            };
            let _ = writeln!(
                res,
                "{shown_path}:{}:{}: {}[{}]: {}\n    at {pointer}",
                it.at.line,
                it.at.column,
                it.severity.as_str(),
                it.rule,
                it.message,
            );
        }
        let _ = writeln!(
            res,
            "{shown_path}: {} error{}, {} warning{}",
            self.n_errors(),
            plural(self.n_errors()),
            self.n_warnings(),
            plural(self.n_warnings()),
        );
        res
    }

    /// One JSON object: the path, the findings and the totals.
    pub(crate) fn render_json(&self, shown_path: &str) -> String {
        let findings: Vec<Value> = self
            .findings
            .iter()
            .map(|it| {
                json!({
                    "severity": it.severity.as_str(),
                    "rule": it.rule,
                    "pointer": it.pointer,
                    "line": it.at.line,
                    "column": it.at.column,
                    "message": it.message,
                })
            })
            .collect();
        let res = json!({
            "path": shown_path,
            "errors": self.n_errors(),
            "warnings": self.n_warnings(),
            "findings": findings,
        });
        serde_json::to_string_pretty(&res).unwrap_or_default()
    }
}

impl flags::Validate {
    pub(crate) fn run(self, cwd: &Path, root: &Path) -> anyhow::Result<()> {
        if self.rules {
            print!("{}", rule_table());
            return Ok(());
        }
        let (shown, text) = crate::read_spec(cwd, root, self.path.as_deref())?;
        let started = Instant::now();
        let report = validate(Path::new(&shown), &text);
        let elapsed = started.elapsed();
        match self.format.unwrap_or_default() {
            ValidateFormat::Human => {
                print!("{}", report.render_human(&shown));
                eprintln!("validated in {} ms", elapsed.as_millis());
            }
            ValidateFormat::Json => println!("{}", report.render_json(&shown)),
        }
        let n_errors = report.n_errors();
        if n_errors > 0 {
            return Err(anyhow::format_err!(
                "{shown} has {n_errors} error{}: fix the findings above before building",
                plural(n_errors)
            ));
        }
        Ok(())
    }
}

/// The rules as a Markdown table (also in `xtask/README.md`).
pub(crate) fn rule_table() -> String {
    let mut res = String::from("| rule | severity | flags |\n| --- | --- | --- |\n");
    for rule in rules::RULES {
        let _ = writeln!(
            res,
            "| `{}` | {} | {} |",
            rule.id,
            rule.severity.as_str(),
            rule.summary.replace('|', "\\|")
        );
    }
    res
}

/// Runs every rule on spec `text` (`path` names the file in messages).
pub(crate) fn validate(path: &Path, text: &str) -> Report {
    let timings = std::env::var_os("XTASK_TIMINGS").is_some();
    let started = Instant::now();
    let parsed = spec::parse(text);
    if timings {
        eprintln!("{:>6} ms  (yaml)", started.elapsed().as_millis());
    }
    let doc = match parsed {
        Ok(doc) => doc,
        Err(err) => {
            let mut findings = Findings {
                index: None,
                items: Vec::new(),
            };
            for rule in rules::RULES {
                if let Check::Syntax(check) = rule.check {
                    check(&err, &mut findings);
                }
            }
            return finish(findings.items);
        }
    };
    let started = Instant::now();
    let openapi = structure::deserialize(&doc.value);
    if timings {
        eprintln!("{:>6} ms  (openapiv3)", started.elapsed().as_millis());
    }
    // Example validation and the generator dry run are the slow parts: they run side by side.
    let findings = std::thread::scope(|scope| {
        let ctx = Ctx {
            path,
            doc: &doc,
            openapi: openapi.as_ref(),
            examples: OnceCell::new(),
            pending_examples: RefCell::new(Some(scope.spawn(|| examples::violations(&doc.value)))),
        };
        let mut findings = Findings {
            index: Some(&doc.index),
            items: Vec::new(),
        };
        for rule in rules::RULES {
            if let Check::Document(check) = rule.check {
                let started = Instant::now();
                check(&ctx, &mut findings);
                if timings {
                    eprintln!("{:>6} ms  {}", started.elapsed().as_millis(), rule.id);
                }
            }
        }
        findings.items
    });
    finish(findings)
}

fn finish(mut findings: Vec<Finding>) -> Report {
    findings.sort_by(|a, b| {
        (a.at, a.rule, &a.pointer, &a.message).cmp(&(b.at, b.rule, &b.pointer, &b.message))
    });
    findings.dedup();
    Report { findings }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
