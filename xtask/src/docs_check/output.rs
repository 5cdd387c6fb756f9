//! Printing a docs-check report: the linter's format (`page:line:column: severity[rule]:
//! message`, then where it is in the spec), or one JSON object.

use std::fmt::Write as _;

use serde_json::{json, Value};

use super::{Report, Severity};

/// One finding per entry (declared deviations only when `verbose`), a summary line per page and
/// the totals.
pub(crate) fn human(report: &Report, verbose: bool) -> String {
    let mut res = String::new();
    for page in &report.pages {
        for it in &page.findings {
            if it.severity == Severity::Note && !verbose {
                continue;
            }
            let _ = writeln!(
                res,
                "{}:{}:1: {}[{}]: {}",
                page.page,
                it.page_line,
                it.severity.as_str(),
                it.rule,
                it.message,
            );
            if !it.pointer.is_empty() {
                let _ = writeln!(
                    res,
                    "    spec: {}:{} at {}",
                    report.spec_path, it.spec_line, it.pointer
                );
            }
            if let Some(reason) = &it.declared {
                let _ = writeln!(res, "    declared: {reason}");
            }
        }
    }
    for page in &report.pages {
        let count = |severity| {
            page.findings
                .iter()
                .filter(|it| it.severity == severity)
                .count()
        };
        let _ = writeln!(
            res,
            "{}: {}: {} unexplained, {} declared{}",
            page.page,
            page.operation.as_deref().unwrap_or("no operation"),
            count(Severity::Error),
            count(Severity::Note),
            if page.incomplete.is_empty() {
                String::new()
            } else {
                format!("; incomplete: {}", page.incomplete.join(", "))
            },
        );
    }
    let _ = writeln!(
        res,
        "docs-check: {} page{}, {} unexplained, {} declared, {} incomplete",
        report.pages.len(),
        if report.pages.len() == 1 { "" } else { "s" },
        report.count(Severity::Error),
        report.count(Severity::Note),
        report
            .pages
            .iter()
            .filter(|it| !it.incomplete.is_empty())
            .count(),
    );
    res
}

/// One JSON object: the spec, each page with its findings, the totals.
pub(crate) fn json(report: &Report) -> String {
    let pages: Vec<Value> = report
        .pages
        .iter()
        .map(|page| {
            let findings: Vec<Value> = page
                .findings
                .iter()
                .map(|it| {
                    json!({
                        "severity": it.severity.as_str(),
                        "rule": it.rule,
                        "line": it.page_line,
                        "pointer": it.pointer,
                        "spec_line": it.spec_line,
                        "message": it.message,
                        "docs": it.docs,
                        "spec": it.spec,
                        "declared": it.declared,
                    })
                })
                .collect();
            json!({
                "page": page.page,
                "operation": page.operation,
                "incomplete": page.incomplete,
                "findings": findings,
            })
        })
        .collect();
    let res = json!({
        "spec": report.spec_path,
        "errors": report.count(Severity::Error),
        "declared": report.count(Severity::Note),
        "pages": pages,
    });
    serde_json::to_string_pretty(&res).unwrap_or_default()
}
