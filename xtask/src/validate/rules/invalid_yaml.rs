//! `invalid-yaml`: the file is not valid YAML.
//!
//! ## What it does
//! Reports a YAML syntax error with its line and column. No other rule runs on such a file.
//!
//! ## Why is this bad?
//! Nothing can read the spec: not the build, not this validator.
//!
//! ## Example
//! ```yaml
//! summary: [unclosed
//! ```
//!
//! ## Use instead
//! ```yaml
//! summary: '[unclosed'
//! ```

use crate::spec::SyntaxError;
use crate::validate::{Check, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "invalid-yaml",
    severity: Severity::Error,
    summary: "the file is not valid YAML (syntax error with its position)",
    check: Check::Syntax(check),
};

fn check(err: &SyntaxError, findings: &mut Findings<'_>) {
    let message = format!(
        "yaml syntax error: {}: fix the syntax at this position (quote values containing `: `, `#`, `[` or `{{`)",
        lowercase_first(&err.message)
    );
    findings.push_at(&RULE, "", err.at, message);
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
