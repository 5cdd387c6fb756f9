//! The report as text (for a terminal, coloured on a tty), Markdown (a pull-request comment: the
//! summary table first, the details collapsed) and JSON (for tools).

use std::fmt::Write as _;

use serde_json::{json, Value};

use super::version::VersionError;
use super::{Bump, Entry, Report, Wire};

/// Text for a terminal; `color` adds ANSI colours.
pub(crate) fn text(report: &Report, color: bool) -> String {
    let paint = |code: &str, text: &str| {
        if color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    };
    let wire_color = |wire: Wire| match wire {
        Wire::Breaking => "1;31",
        Wire::PotentiallyBreaking => "1;33",
        Wire::Compatible => "32",
    };
    let bump_color = |bump: Bump| match bump {
        Bump::Major => "1;31",
        Bump::Minor => "1;33",
        Bump::Patch => "32",
    };
    let mut res = String::new();
    let _ = writeln!(res, "spec diff: {} → {}", report.base, report.head);
    if report.entries.is_empty() {
        res.push_str("no change in the API\n");
    } else {
        let wire = report.wire().unwrap_or(Wire::Compatible);
        let _ = writeln!(
            res,
            "wire:  {} ({})",
            paint(wire_color(wire), wire.label()),
            wire_counts(report)
        );
    }
    if let Some(bump) = report.bump() {
        let _ = writeln!(
            res,
            "crate: {}{} ({})",
            paint(bump_color(bump), bump.as_str()),
            version_note(report),
            bump_counts(report)
        );
    }
    if let Some(note) = unexplained(report) {
        let _ = writeln!(res, "note:  {note}");
    }
    for entry in &report.entries {
        res.push('\n');
        let _ = writeln!(
            res,
            "{} {} {}: {}: {}",
            paint(wire_color(entry.wire), &format!("[{}]", entry.wire.label())),
            paint(
                bump_color(entry.bump),
                &format!("[{}]", entry.bump.as_str())
            ),
            entry.kind.id,
            entry.subject,
            entry.message
        );
        let _ = writeln!(res, "    at {}{}", location(entry), uses(entry, ""));
        let _ = writeln!(res, "    crate: {}", entry.crate_reason);
    }
    res.push('\n');
    match &report.surface {
        Err(err) => {
            let _ = writeln!(res, "generated surface: not compared: {err}");
        }
        Ok(surface) if surface.diff.is_empty() => {
            res.push_str("generated surface: unchanged\n");
        }
        Ok(surface) => {
            if surface.changes.is_empty() {
                res.push_str("generated surface: same API, other text\n");
            } else {
                let _ = writeln!(
                    res,
                    "generated surface: {} change{} ({})",
                    surface.changes.len(),
                    plural(surface.changes.len()),
                    surface_counts(report)
                );
            }
            for line in surface.diff.lines() {
                let code = match line.chars().next() {
                    _ if line.starts_with("+++") || line.starts_with("---") => "1",
                    Some('+') => "32",
                    Some('-') => "31",
                    Some('@') => "36",
                    _ => "",
                };
                if code.is_empty() {
                    let _ = writeln!(res, "{line}");
                } else {
                    let _ = writeln!(res, "{}", paint(code, line));
                }
            }
        }
    }
    res
}

/// The longest Markdown comment GitHub accepts is 65,536 characters: the details stop before.
const MARKDOWN_BUDGET: usize = 60_000;

/// A pull-request comment: the summary table, then the changes and the surface diff collapsed.
pub(crate) fn markdown(report: &Report) -> String {
    let mut res = String::new();
    let _ = writeln!(res, "### API diff: `{}` → `{}`\n", report.base, report.head);
    res.push_str("| | verdict | changes |\n| --- | --- | --- |\n");
    let wire = report.wire().map_or_else(
        || "no change".to_owned(),
        |it| format!("**{}**", it.label()),
    );
    let _ = writeln!(
        res,
        "| **Wire** (API consumers) | {wire} | {} |",
        wire_counts(report)
    );
    let bump = report.bump().map_or_else(
        || "no change".to_owned(),
        |it| format!("**{}**{}", it.as_str(), version_note(report)),
    );
    let _ = writeln!(
        res,
        "| **Crate** (generated Rust API) | {bump} | {} |",
        bump_counts(report)
    );
    let surface = match &report.surface {
        Err(err) => format!("| **Generated surface** | not compared | {} |", cell(err)),
        Ok(it) if it.diff.is_empty() => "| **Generated surface** | unchanged | |".to_owned(),
        Ok(it) => {
            let (added, removed) = diff_stat(&it.diff);
            format!(
                "| **Generated surface** | +{added} −{removed} lines | {} |",
                surface_counts(report)
            )
        }
    };
    let _ = writeln!(res, "{surface}");
    if let Some(row) = version_row(report) {
        let _ = writeln!(res, "{row}");
    }
    if let Some(note) = unexplained(report) {
        let _ = writeln!(res, "\n**Note:** {note}.");
    }
    if !report.entries.is_empty() {
        let n = report.entries.len();
        let _ = writeln!(
            res,
            "\n<details><summary>{n} change{} ({})</summary>\n",
            plural(n),
            wire_counts(report)
        );
        res.push_str("| wire | crate | kind | change | where |\n| --- | --- | --- | --- | --- |\n");
        let budget = MARKDOWN_BUDGET * 2 / 3;
        for (idx, entry) in report.entries.iter().enumerate() {
            if res.len() > budget {
                let _ = writeln!(
                    res,
                    "\n… and {} more: run `cargo xtask diff` for all of them.",
                    n - idx
                );
                break;
            }
            let _ = writeln!(
                res,
                "| {} | {} | `{}` | {}: {}{}<br>crate: {} | `{}` {} line {} |",
                entry.wire.label(),
                entry.bump.as_str(),
                entry.kind.id,
                cell(&entry.subject),
                cell(&entry.message),
                cell(&uses(entry, "<br>")),
                cell(&entry.crate_reason),
                cell(&entry.pointer),
                entry.side.as_str(),
                entry.line
            );
        }
        res.push_str("\n</details>\n");
    }
    if let Ok(surface) = &report.surface {
        if !surface.diff.is_empty() {
            let (added, removed) = diff_stat(&surface.diff);
            let _ = writeln!(
                res,
                "\n<details><summary>Generated public surface (+{added} −{removed})</summary>\n\n```diff"
            );
            let room = MARKDOWN_BUDGET.saturating_sub(res.len() + 200);
            let mut n_shown = 0;
            for line in surface.diff.lines() {
                if n_shown + line.len() + 1 > room {
                    res.push_str("… (cut: run `cargo xtask diff` for the whole diff)\n");
                    break;
                }
                n_shown += line.len() + 1;
                res.push_str(line);
                res.push('\n');
            }
            res.push_str("```\n\n</details>\n");
        }
    }
    res
}

/// One JSON object.
pub(crate) fn json(report: &Report) -> String {
    let entries: Vec<Value> = report
        .entries
        .iter()
        .map(|it| {
            let used_by: Vec<Value> = it
                .used_by
                .iter()
                .map(|it| json!({"operation": it.operation, "direction": it.direction.as_str()}))
                .collect();
            json!({
                "kind": it.kind.id,
                "wire": it.wire.as_str(),
                "crate": it.bump.as_str(),
                "subject": it.subject,
                "message": it.message,
                "side": it.side.as_str(),
                "pointer": it.pointer,
                "line": it.line,
                "used_by": used_by,
                "crate_reason": it.crate_reason,
            })
        })
        .collect();
    let surface = match &report.surface {
        Ok(it) => json!({
            "diff": it.diff,
            "changes": it.changes.iter().map(|change| json!({
                "crate": change.bump.as_str(),
                "message": change.message,
            })).collect::<Vec<Value>>(),
        }),
        Err(err) => json!({"error": err}),
    };
    let res = json!({
        "base": report.base,
        "head": report.head,
        "wire": report.wire().map(Wire::as_str),
        "crate": report.bump().map(Bump::as_str),
        "version": {
            "base": report.version,
            "head": report.head_version,
            "next": report.next_version(),
        },
        "entries": entries,
        "surface": surface,
    });
    serde_json::to_string_pretty(&res).unwrap_or_default() + "\n"
}

fn wire_counts(report: &Report) -> String {
    let counts: Vec<String> = report
        .wire_counts()
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(level, n)| format!("{n} {}", level.label()))
        .collect();
    if counts.is_empty() {
        "none".to_owned()
    } else {
        counts.join(", ")
    }
}

fn bump_counts(report: &Report) -> String {
    let counts: Vec<String> = report
        .bump_counts()
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(level, n)| format!("{n} {}", level.as_str()))
        .collect();
    if counts.is_empty() {
        "no entry".to_owned()
    } else {
        counts.join(", ")
    }
}

fn surface_counts(report: &Report) -> String {
    let Ok(surface) = &report.surface else {
        return String::new();
    };
    let counts: Vec<String> = [Bump::Major, Bump::Minor, Bump::Patch]
        .into_iter()
        .filter_map(|level| {
            let n = surface.changes.iter().filter(|it| it.bump == level).count();
            (n > 0).then(|| format!("{n} {}", level.as_str()))
        })
        .collect();
    counts.join(", ")
}

/// `, suggested version 0.2.0 (from 0.1.0)`.
fn version_note(report: &Report) -> String {
    match (&report.version, report.next_version()) {
        (Some(version), Some(next)) => format!(": bump {version} → {next}"),
        _ => String::new(),
    }
}

/// `| **Version** (Cargo.toml) | 0.1.0 → 0.1.0 | needs at least 0.2.0 |`, when both versions are
/// known and differ or a bump is needed.
fn version_row(report: &Report) -> Option<String> {
    let (base, head) = (report.version.as_deref()?, report.head_version.as_deref()?);
    let verdict = match report.check_version() {
        Ok(()) if base == head && report.bump().is_none_or(|it| it < Bump::Minor) => return None,
        Ok(()) => "bumped as needed".to_owned(),
        Err(VersionError::NotBumped { minimum, .. }) => format!("**needs at least {minimum}**"),
        Err(err) => cell(&err.to_string()),
    };
    Some(format!(
        "| **Version** (Cargo.toml) | {base} → {head} | {verdict} |"
    ))
}

/// When the generated surface needs a bigger bump than the entries explain.
fn unexplained(report: &Report) -> Option<String> {
    let surface = report.surface_bump()?;
    if Some(surface) <= report.entries_bump() {
        return None;
    }
    Some(format!(
        "the generated surface has {} changes that no entry explains: see the surface diff",
        surface.as_str()
    ))
}

/// `/pointer (head line 12)`.
fn location(entry: &Entry) -> String {
    format!(
        "{} ({} line {})",
        entry.pointer,
        entry.side.as_str(),
        entry.line
    )
}

/// `; used by a (request), b (response)`, at most five operations.
fn uses(entry: &Entry, separator: &str) -> String {
    if entry.used_by.is_empty() {
        return String::new();
    }
    let mut names: Vec<String> = entry
        .used_by
        .iter()
        .take(5)
        .map(|it| format!("{} ({})", it.operation, it.direction.as_str()))
        .collect();
    if entry.used_by.len() > 5 {
        names.push(format!("{} more", entry.used_by.len() - 5));
    }
    let lead = if separator.is_empty() {
        "; "
    } else {
        separator
    };
    format!("{lead}used by {}", names.join(", "))
}

/// Text safe in a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// Lines added and removed in a unified diff.
fn diff_stat(diff: &str) -> (usize, usize) {
    let lines = || {
        diff.lines()
            .filter(|it| !it.starts_with("+++") && !it.starts_with("---"))
    };
    (
        lines().filter(|it| it.starts_with('+')).count(),
        lines().filter(|it| it.starts_with('-')).count(),
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
