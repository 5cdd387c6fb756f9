//! `cargo xtask coverage`: every operation with its tag, method, path, provenance status
//! (`x-apipagos-docs.status`: documented, partial, inferred) and docs page, and the totals per
//! status. `--format markdown` prints a table for pull requests.

use std::fmt::Write as _;
use std::path::Path;

use apipagos_codegen::OperationModel;

use crate::flags::{self, CoverageFormat};
use crate::spec::{self, child};

/// One row of the report.
#[derive(Debug)]
pub(crate) struct Row {
    pub(crate) operation: String,
    pub(crate) tag: String,
    pub(crate) method: String,
    pub(crate) path: String,
    /// `documented`, `partial`, `inferred`, or `missing` without provenance.
    pub(crate) status: String,
    /// `api-NNNN`, or `-`.
    pub(crate) page: String,
}

/// The statuses in report order; `missing` is for operations without provenance.
const STATUSES: [&str; 4] = ["documented", "partial", "inferred", "missing"];

impl flags::Coverage {
    pub(crate) fn run(self, cwd: &Path, root: &Path) -> anyhow::Result<()> {
        let (shown, text) = crate::read_spec(cwd, root, self.path.as_deref())?;
        let rows = match coverage(&shown.to_string(), &text) {
            Ok(rows) => rows,
            Err(err) => {
                return Err(anyhow::format_err!(
                    "{err}: run `cargo xtask validate` for details"
                ))
            }
        };
        let out = match self.format.unwrap_or_default() {
            CoverageFormat::Text => render_text(&rows),
            CoverageFormat::Markdown => render_markdown(&rows),
        };
        print!("{out}");
        Ok(())
    }
}

/// The rows of the report, in document order: the operations of the model
/// ([`apipagos_codegen::api_model`]), placed by where the spec writes them.
pub(crate) fn coverage(shown: &str, text: &str) -> anyhow::Result<Vec<Row>> {
    let doc = match spec::parse(text) {
        Ok(doc) => doc,
        Err(err) => {
            return Err(anyhow::format_err!(
                "{shown}: invalid yaml at {}:{}: {}",
                err.at.line,
                err.at.column,
                err.message
            ))
        }
    };
    let model = apipagos_codegen::parse_spec(Path::new(shown), text)
        .and_then(|spec| apipagos_codegen::api_model(&spec))?;
    let mut ops: Vec<&OperationModel> = model.operations.iter().collect();
    ops.sort_by_key(|op| {
        let pointer = child(&child("/paths", &op.path), &op.method.to_lowercase());
        doc.index.position(&pointer)
    });
    let or_dash = |text: &str| {
        if text.is_empty() {
            "-".to_owned()
        } else {
            text.to_owned()
        }
    };
    let rows = ops
        .iter()
        .map(|op| Row {
            operation: op.id.clone(),
            tag: or_dash(&op.tag),
            method: op.method.clone(),
            path: op.path.clone(),
            status: if op.docs_status.is_empty() {
                "missing".to_owned()
            } else {
                op.docs_status.clone()
            },
            page: or_dash(&op.docs_page),
        })
        .collect();
    Ok(rows)
}

/// An aligned plain-text table and the totals.
pub(crate) fn render_text(rows: &[Row]) -> String {
    let header = ["operation", "tag", "method", "path", "status", "page"];
    let cells: Vec<[&str; 6]> = rows.iter().map(cells).collect();
    let mut widths = header.map(str::len);
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut res = String::new();
    let mut line = |row: [&str; 6]| {
        let padded: Vec<String> = row
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell:width$}"))
            .collect();
        let _ = writeln!(res, "{}", padded.join("  ").trim_end());
    };
    line(header);
    for row in cells {
        line(row);
    }
    res.push('\n');
    res.push_str(&totals(rows).join(", "));
    res.push('\n');
    res
}

/// A Markdown table and the totals, for pull requests.
pub(crate) fn render_markdown(rows: &[Row]) -> String {
    let mut res = String::new();
    res.push_str("| operation | tag | method | path | status | page |\n");
    res.push_str("| --- | --- | --- | --- | --- | --- |\n");
    for row in rows {
        let page = if row.page == "-" {
            "-".to_owned()
        } else {
            format!("[{}](https://docs-api.pacer.la/{})", row.page, row.page)
        };
        let _ = writeln!(
            res,
            "| `{}` | {} | {} | `{}` | {} | {page} |",
            row.operation, row.tag, row.method, row.path, row.status,
        );
    }
    res.push('\n');
    let _ = writeln!(res, "**Totals:** {}", totals(rows).join(", "));
    res
}

fn cells(row: &Row) -> [&str; 6] {
    [
        &row.operation,
        &row.tag,
        &row.method,
        &row.path,
        &row.status,
        &row.page,
    ]
}

/// `N operations`, then `N documented` etc. for each status present (other statuses last).
fn totals(rows: &[Row]) -> Vec<String> {
    let mut res = vec![format!("{} operations", rows.len())];
    for status in STATUSES {
        let n = rows.iter().filter(|it| it.status == status).count();
        if n > 0 {
            res.push(format!("{n} {status}"));
        }
    }
    let n_other = rows
        .iter()
        .filter(|it| !STATUSES.contains(&it.status.as_str()))
        .count();
    if n_other > 0 {
        res.push(format!("{n_other} with an unknown status"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid spec: the model reads valid specs only (each operation has its `responses`).
    const SPEC: &str = r"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /b:
    get:
      operationId: get_b
      tags: [bees]
      x-apipagos-docs: {page: null, url: null, status: inferred, notes: [from get_a]}
      responses: {}
  /a:
    post:
      operationId: create_a
      tags: [ays]
      x-apipagos-docs: {page: api-1, url: https://docs-api.pacer.la/api-1, status: documented, notes: []}
      responses: {}
    get:
      operationId: get_a
      responses: {}
";

    #[test]
    fn text_table_in_document_order() {
        let rows = coverage("spec.yaml", SPEC).unwrap();
        insta::assert_snapshot!(render_text(&rows), @r"
        operation  tag   method  path  status      page
        get_b      bees  GET     /b    inferred    -
        create_a   ays   POST    /a    documented  api-1
        get_a      -     GET     /a    missing     -

        3 operations, 1 documented, 1 inferred, 1 missing
        ");
    }

    #[test]
    fn markdown_table() {
        let rows = coverage("spec.yaml", SPEC).unwrap();
        insta::assert_snapshot!(render_markdown(&rows), @r"
        | operation | tag | method | path | status | page |
        | --- | --- | --- | --- | --- | --- |
        | `get_b` | bees | GET | `/b` | inferred | - |
        | `create_a` | ays | POST | `/a` | documented | [api-1](https://docs-api.pacer.la/api-1) |
        | `get_a` | - | GET | `/a` | missing | - |

        **Totals:** 3 operations, 1 documented, 1 inferred, 1 missing
        ");
    }
}
