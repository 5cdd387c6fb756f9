//! The Rust names the generators give to spec names: typify's type names (`sanitize(name,
//! Pascal)`) and progenitor's parameter and setter names (`sanitize(name, Snake)`).
//!
//! The one copy of these rules in the project: the conformance module, the linter and `xtask diff`
//! all call these functions. They follow `typify-impl` 0.8 (`util::sanitize`) and
//! `progenitor-impl` 0.15 (`util::sanitize`), which are not public.

use heck::{ToPascalCase as _, ToSnakeCase as _};

/// The Rust type name typify gives a schema named `name`: `PageMeta` → `PageMeta`,
/// `page_meta` → `PageMeta`, `update_thing-body` → `UpdateThingBody`, `2fa` → `X2fa`.
pub fn rust_type_name(name: &str) -> String {
    let out = match name {
        "+1" => "Plus1".to_owned(),
        "-1" => "Minus1".to_owned(),
        _ => identifier_words(name).to_pascal_case(),
    };
    let out = match out.chars().next() {
        None => "X".to_owned(),
        Some(c) if unicode_ident::is_xid_start(c) => out,
        Some(_) => format!("X{out}"),
    };
    keyword_safe(out)
}

/// The Rust name progenitor gives a parameter (its builder setter): `accountNumber` →
/// `account_number`, `type` → `type_`, `1st` → `_1st`.
pub fn rust_member_name(name: &str) -> String {
    let out = match name {
        "+1" => "plus1".to_owned(),
        "-1" => "minus1".to_owned(),
        _ => identifier_words(name).to_snake_case(),
    };
    let out = match out.chars().next() {
        None => "x".to_owned(),
        Some(c) if unicode_ident::is_xid_start(c) => out,
        Some(_) => format!("_{out}"),
    };
    keyword_safe(out)
}

/// The name typify gives the type of a schema nested in type `parent` (typify's `Name::append`):
/// `("Thing", "item")` → `ThingItem` (array items), `("Thing", "value")` → `ThingValue` (map
/// values).
pub fn rust_child_type_name(parent: &str, child: &str) -> String {
    rust_type_name(&format!("{parent}_{child}"))
}

/// The name typify gives the type of property `property` written inline in struct `parent`:
/// `("Thing", "createdAt")` → `ThingCreatedAt`.
pub fn rust_property_type_name(parent: &str, property: &str) -> String {
    rust_child_type_name(parent, &property.to_snake_case())
}

/// The name progenitor asks typify for the type of a schema written inline in operation
/// `operation_id`: `part` is a parameter's name, `body` or `response`
/// (`("update_thing", "body")` → `UpdateThingBody`).
pub fn rust_operation_type_name(operation_id: &str, part: &str) -> String {
    rust_type_name(&format!("{operation_id}-{part}"))
}

/// `name` without quotes and with every character that cannot continue an identifier as `-`.
fn identifier_words(name: &str) -> String {
    name.replace('\'', "")
        .chars()
        .map(|c| {
            if unicode_ident::is_xid_continue(c) {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// `ident`, with a trailing `_` when it is a keyword (typify's `accept_as_ident`).
fn keyword_safe(ident: String) -> String {
    const KEYWORDS: &[&str] = &[
        "_", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
        "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
        "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv",
        "pub", "ref", "return", "Self", "self", "static", "struct", "super", "trait", "true",
        "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
    ];
    if KEYWORDS.contains(&ident.as_str()) {
        format!("{ident}_")
    } else {
        ident
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_follow_typify() {
        for (name, rust) in [
            ("PageMeta", "PageMeta"),
            ("page_meta", "PageMeta"),
            ("PAGE_META", "PageMeta"),
            ("update_thing-body", "UpdateThingBody"),
            ("Thing_created_at", "ThingCreatedAt"),
            ("it's", "Its"),
            ("2fa", "X2fa"),
            ("", "X"),
            ("Self", "Self_"),
        ] {
            assert_eq!(rust_type_name(name), rust, "{name:?}");
        }
        assert_eq!(rust_child_type_name("ThingTags", "item"), "ThingTagsItem");
        assert_eq!(
            rust_property_type_name("Thing", "createdAt"),
            "ThingCreatedAt"
        );
        assert_eq!(
            rust_operation_type_name("update_thing", "body"),
            "UpdateThingBody"
        );
    }

    #[test]
    fn member_names_follow_progenitor() {
        for (name, rust) in [
            ("accountNumber", "account_number"),
            ("field_1", "field_1"),
            ("per-page", "per_page"),
            ("type", "type_"),
            ("1st", "_1st"),
            ("$filter", "filter"),
        ] {
            assert_eq!(rust_member_name(name), rust, "{name:?}");
        }
    }
}
