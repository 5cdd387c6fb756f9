//! `duplicate-key`: a mapping repeats a key.
//!
//! ## What it does
//! Reports every key that appears a second time in the same mapping.
//!
//! ## Why is this bad?
//! YAML loaders keep the last value and drop the first without a word. The API docs repeat field
//! names, so a copied block can silently overwrite a `description`, a `required` list or a whole
//! operation.
//!
//! ## Example
//! ```yaml
//! properties:
//!   amount: {type: number}
//!   amount: {type: string}
//! ```
//!
//! ## Use instead
//! ```yaml
//! properties:
//!   amount: {type: number}
//! ```

use crate::spec::last_segment;
use crate::validate::{Check, Ctx, Findings, Rule, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "duplicate-key",
    severity: Severity::Error,
    summary: "a mapping repeats a key (YAML loaders silently keep the last value)",
    check: Check::Document(check),
};

fn check(ctx: &Ctx<'_>, findings: &mut Findings<'_>) {
    for dup in &ctx.doc.duplicate_keys {
        let message = format!(
            "key `{}` repeats the key at line {} of the same mapping and silently replaces its value: merge the two entries into one",
            last_segment(&dup.pointer),
            dup.first.line,
        );
        findings.push_at(&RULE, dup.pointer.clone(), dup.at, message);
    }
}
