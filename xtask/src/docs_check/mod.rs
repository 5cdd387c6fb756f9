//! `cargo xtask docs-check PAGE…`: what the spec must change when a documentation page changes.
//!
//! Each page (its text form, as saved from the docs site: see `page.rs`) is matched to the
//! operation it documents (`matching.rs`: method and path, whatever the parameters are named),
//! then compared field by field (`compare.rs`: fields on one side only, type and format,
//! required, pattern, bounds, enum values, defaults) and its examples are validated against the
//! spec's schemas (`examples.rs`). A disagreement the operation declares in
//! `x-apipagos-docs.deviations` (`deviations.rs`) is accepted; any other one, and any declared
//! deviation that no longer matches, fails the run. Output in the linter's format (`output.rs`).
//!
//! The spec is read through `apipagos_codegen::load_spec` (typed); its text is only indexed to
//! give each pointer its line.

mod compare;
mod deviations;
mod doc_type;
mod examples;
mod matching;
mod output;
mod page;
mod parameters;
mod schema;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::path::Path;

use apipagos_codegen::Spec;

use crate::flags::{self, ValidateFormat};
use crate::spec::Index;
use compare::{Comparer, Comparison};
use deviations::Deviation;
use examples::ExampleSchemas;
use schema::SpecModel;

pub(crate) use deviations::DOCS_EXTENSION;

/// What a disagreement is about; each is a rule id of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Aspect {
    FieldOnlyOnPage,
    FieldOnlyInSpec,
    Type,
    Required,
    Pattern,
    Bounds,
    EnumValues,
    Default,
    ParameterName,
    Authorization,
    Example,
    /// The page's id is not the one `x-apipagos-docs.page` cites.
    PageId,
}

impl Aspect {
    /// The rule id printed with the finding.
    pub(crate) fn id(self) -> &'static str {
        match self {
            Aspect::FieldOnlyOnPage => "field-only-on-page",
            Aspect::FieldOnlyInSpec => "field-only-in-spec",
            Aspect::Type => "type-differs",
            Aspect::Required => "required-differs",
            Aspect::Pattern => "pattern-differs",
            Aspect::Bounds => "bounds-differ",
            Aspect::EnumValues => "enum-values-differ",
            Aspect::Default => "default-differs",
            Aspect::ParameterName => "parameter-renamed",
            Aspect::Authorization => "authorization-differs",
            Aspect::Example => "example-fails-schema",
            Aspect::PageId => "page-id-differs",
        }
    }
}

/// One difference between a page and the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Disagreement {
    pub(crate) aspect: Aspect,
    /// The field, parameter or example path it is about.
    pub(crate) field: String,
    /// 1-based line on the page.
    pub(crate) page_line: usize,
    /// JSON pointer of the spec node it is about.
    pub(crate) pointer: String,
    /// The page's side, as a deviation declares it.
    pub(crate) docs: String,
    /// The spec's side, as a deviation declares it.
    pub(crate) spec: String,
}

/// How a finding counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Severity {
    /// Unexplained: fails the run.
    Error,
    /// A page that could not be compared in full: reported, does not fail.
    Warning,
    /// A declared deviation.
    Note,
}

impl Severity {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// One reported finding, located on the page and in the spec.
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub(crate) rule: &'static str,
    pub(crate) severity: Severity,
    pub(crate) page_line: usize,
    pub(crate) pointer: String,
    pub(crate) spec_line: usize,
    pub(crate) message: String,
    pub(crate) docs: String,
    pub(crate) spec: String,
    /// The reason of the deviation that declares it.
    pub(crate) declared: Option<String>,
}

/// What one page gave.
#[derive(Debug)]
pub(crate) struct PageReport {
    /// The page's path as given.
    pub(crate) page: String,
    /// `GET /path (operation_id)`, when matched.
    pub(crate) operation: Option<String>,
    pub(crate) findings: Vec<Finding>,
    /// What the page lacks (parts cut by a gap, no body…).
    pub(crate) incomplete: Vec<String>,
}

/// The result of a run.
#[derive(Debug)]
pub(crate) struct Report {
    pub(crate) spec_path: String,
    pub(crate) pages: Vec<PageReport>,
}

impl Report {
    pub(crate) fn count(&self, severity: Severity) -> usize {
        self.pages
            .iter()
            .flat_map(|it| &it.findings)
            .filter(|it| it.severity == severity)
            .count()
    }
}

/// The declared deviations of one operation and which the pages matched.
struct OperationState {
    pointer: String,
    deviations: Vec<Deviation>,
    used: Vec<bool>,
    /// Which deviations a page of the run could have shown.
    covered: Vec<bool>,
    /// The index of the first page that documents it.
    first_page: usize,
    line: usize,
}

/// Compares every page (shown name, text) with `spec` (`spec_text` is its text, for lines).
pub(crate) fn check(
    spec: &Spec,
    spec_text: &str,
    spec_path: &str,
    pages: &[(String, String)],
) -> anyhow::Result<Report> {
    let index = crate::spec::parse(spec_text)
        .map_err(|err| anyhow::format_err!("{spec_path}:{}: {}", err.at.line, err.message))?
        .index;
    let model = SpecModel {
        openapi: &spec.openapi,
    };
    let schemas = ExampleSchemas::new(spec)?;
    let mut report = Report {
        spec_path: spec_path.to_owned(),
        pages: Vec::new(),
    };
    let mut operations: BTreeMap<String, OperationState> = BTreeMap::new();
    for (shown, text) in pages {
        let page = page::parse(text);
        let mut page_report = PageReport {
            page: shown.clone(),
            operation: None,
            findings: Vec::new(),
            incomplete: incomplete(&page),
        };
        let Some(endpoint) = &page.endpoint else {
            page_report.findings.push(Finding {
                rule: "page-incomplete",
                severity: Severity::Warning,
                page_line: 1,
                pointer: String::new(),
                spec_line: 1,
                message: "the page shows no method and path (only its navigation was saved): save the whole page".to_owned(),
                docs: String::new(),
                spec: String::new(),
                declared: None,
            });
            report.pages.push(page_report);
            continue;
        };
        let Some(op) = matching::find(&model, &endpoint.method, &endpoint.path) else {
            page_report.findings.push(Finding {
                rule: "no-matching-operation",
                severity: Severity::Error,
                page_line: endpoint.line,
                pointer: "/paths".to_owned(),
                spec_line: index.line("/paths"),
                message: format!(
                    "no operation `{} {}` in the spec, whatever its parameters are named: add it",
                    endpoint.method, endpoint.path
                ),
                docs: format!("{} {}", endpoint.method, endpoint.path),
                spec: "absent".to_owned(),
                declared: None,
            });
            report.pages.push(page_report);
            continue;
        };
        page_report.operation = Some(format!("{} ({})", op.label(), op.id()));
        let mut comparer = Comparer {
            model: &model,
            res: Comparison::default(),
        };
        comparer.page(&page, &op);
        let mut res = comparer.res;
        if let Some(id) = &page.page_id {
            let cited = deviations::cited_page(op.operation);
            if cited.as_deref() != Some(id.as_str()) {
                let pointer = format!("{}/{DOCS_EXTENSION}/page", op.pointer);
                res.visited.insert(pointer.clone());
                res.disagreements.push(Disagreement {
                    aspect: Aspect::PageId,
                    field: "page".to_owned(),
                    page_line: 1,
                    pointer,
                    docs: format!("page {id}"),
                    spec: format!("page {}", cited.as_deref().unwrap_or("null")),
                });
            }
        }
        if let (Some(example), Some((pointer, _))) = (
            page.body.as_ref().and_then(|it| it.example.as_ref()),
            op.request_body(),
        ) {
            schemas.request(&op.id(), &pointer, example, &mut res.disagreements);
            if example.value.is_some() {
                res.examples.insert(pointer);
            }
        }
        for response in page
            .responses
            .iter()
            .filter(|it| it.status.starts_with('2'))
        {
            if let (Some(example), Some((pointer, schema))) = (
                response.body.example.as_ref(),
                op.response(&response.status),
            ) {
                schemas.response(schema, &pointer, example, &mut res.disagreements);
                if example.value.is_some() {
                    res.examples.insert(pointer);
                }
            }
        }
        let state = operations.entry(op.pointer.clone()).or_insert_with(|| {
            let deviations = deviations::declared(op.operation);
            OperationState {
                pointer: op.pointer.clone(),
                used: vec![false; deviations.len()],
                covered: vec![false; deviations.len()],
                deviations,
                first_page: report.pages.len(),
                line: endpoint.line,
            }
        });
        for (idx, deviation) in state.deviations.iter().enumerate() {
            state.covered[idx] |= res.covers(deviation);
        }
        for disagreement in res.disagreements {
            let declared = state
                .deviations
                .iter()
                .position(|it| it.declares(&disagreement));
            if let Some(idx) = declared {
                state.used[idx] = true;
            }
            page_report.findings.push(finding(
                &index,
                disagreement,
                declared.map(|idx| state.deviations[idx].reason.clone()),
            ));
        }
        report.pages.push(page_report);
    }
    for state in operations.values() {
        for (idx, deviation) in state.deviations.iter().enumerate() {
            if state.used[idx] || !state.covered[idx] {
                continue;
            }
            let pointer = format!("{}/{DOCS_EXTENSION}/deviations/{idx}", state.pointer);
            report.pages[state.first_page].findings.push(Finding {
                rule: "stale-deviation",
                severity: Severity::Error,
                page_line: state.line,
                spec_line: index.line(&pointer),
                pointer,
                message: format!(
                    "the declared deviation at `{}` (docs `{}`, spec `{}`) matches nothing the page and the spec disagree on: remove it, or update its `docs`/`spec` to the disagreement printed for it",
                    deviation.pointer, deviation.docs, deviation.spec
                ),
                docs: deviation.docs.clone(),
                spec: deviation.spec.clone(),
                declared: None,
            });
        }
    }
    for page in &mut report.pages {
        page.findings.sort_by(|a, b| {
            (a.page_line, a.rule, &a.pointer).cmp(&(b.page_line, b.rule, &b.pointer))
        });
    }
    Ok(report)
}

/// A disagreement as a finding: its message and its line in the spec.
fn finding(index: &Index, it: Disagreement, declared: Option<String>) -> Finding {
    let how = "fix the spec, or declare the deviation in `x-apipagos-docs.deviations`";
    let message = match it.aspect {
        Aspect::FieldOnlyOnPage => format!("`{}` is on the page ({}) but not in the spec: {how}", it.field, it.docs),
        Aspect::FieldOnlyInSpec => format!("{} in the spec but not on the page: {how}", it.field),
        Aspect::Example => format!("{}: the page's example fails the spec's schema ({}): {how}", it.field, it.spec.trim_start_matches("fails ")),
        Aspect::ParameterName => format!("the page names the path parameter {}, the spec {}: {how}", it.docs.trim_start_matches("parameter "), it.spec.trim_start_matches("parameter ")),
        Aspect::PageId => format!("the page is {}, the operation cites {}: correct `x-apipagos-docs.page` and `url`, or check the page", it.docs.trim_start_matches("page "), it.spec.trim_start_matches("page ")),
        _ => format!("`{}`: the page says `{}`, the spec `{}`: {how}", it.field, it.docs, it.spec),
    };
    Finding {
        rule: it.aspect.id(),
        severity: if declared.is_some() {
            Severity::Note
        } else {
            Severity::Error
        },
        page_line: it.page_line,
        spec_line: index.line(&it.pointer),
        pointer: it.pointer,
        message,
        docs: it.docs,
        spec: it.spec,
        declared,
    }
}

/// What the page lacks.
fn incomplete(page: &page::Page) -> Vec<String> {
    let mut res = Vec::new();
    if page.endpoint.is_none() {
        res.push("no method and path (navigation only)".to_owned());
        return res;
    }
    if let Some(body) = &page.body {
        if !body.complete {
            res.push("body fields cut".to_owned());
        }
        match &body.example {
            Some(example) if example.value.is_none() => res.push("body example cut".to_owned()),
            None => res.push("no body example".to_owned()),
            Some(_) => {}
        }
    }
    let success: Vec<_> = page
        .responses
        .iter()
        .filter(|it| it.status.starts_with('2'))
        .collect();
    if success.is_empty() {
        res.push("responses not recovered".to_owned());
    }
    for response in success {
        if !response.body.complete {
            res.push(format!("response {} fields cut", response.status));
        }
        match &response.body.example {
            Some(example) if example.value.is_none() => {
                res.push(format!("response {} example cut", response.status));
            }
            None => res.push(format!("response {} example missing", response.status)),
            Some(_) => {}
        }
    }
    res
}

impl flags::DocsCheck {
    pub(crate) fn run(self, cwd: &Path, root: &Path) -> anyhow::Result<()> {
        let (spec_shown, spec_text) = crate::read_spec(cwd, root, self.spec.as_deref())?;
        let spec_path = self
            .spec
            .as_ref()
            .map_or_else(|| root.join(crate::DEFAULT_SPEC), |it| cwd.join(it));
        let spec = apipagos_codegen::load_spec(&spec_path)?;
        if self.page.is_empty() {
            anyhow::bail!(
                "no page given: pass the saved documentation pages (text files) to check"
            );
        }
        let mut pages = Vec::new();
        for page in &self.page {
            let text = std::fs::read_to_string(cwd.join(page))
                .map_err(|err| anyhow::format_err!("cannot read {}: {err}", page.display()))?;
            pages.push((page.display().to_string(), text));
        }
        let report = check(&spec, &spec_text, &spec_shown, &pages)?;
        match self.format.unwrap_or_default() {
            ValidateFormat::Human => print!("{}", output::human(&report, self.verbose)),
            ValidateFormat::Json => println!("{}", output::json(&report)),
        }
        let errors = report.count(Severity::Error);
        if errors > 0 {
            anyhow::bail!(
                "{errors} unexplained disagreement{} between the pages and {spec_shown}: fix the spec, or declare each deviation in its operation's `x-apipagos-docs.deviations`",
                if errors == 1 { "" } else { "s" }
            );
        }
        Ok(())
    }
}
