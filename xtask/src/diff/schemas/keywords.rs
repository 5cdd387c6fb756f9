//! Schema keywords: `nullable`, `default`, `$ref`s, `format`, `enum` and the constraints
//! (bounds, lengths, `pattern`, `additionalProperties: false`…).

use std::collections::BTreeMap;

use serde_json::Value;

use super::expand;
use crate::diff::kinds::{
    BECAME_NON_NULLABLE, BECAME_NULLABLE, CONSTRAINT_LOOSENED, CONSTRAINT_TIGHTENED,
    DEFAULT_CHANGED, ENUM_VALUE_ADDED, ENUM_VALUE_REMOVED, FORMAT_CHANGED, PATTERN_CHANGED,
    TYPE_CHANGED,
};
use crate::diff::{
    crate_level::{crate_level, Checks, FIELD_AND_TYPE},
    schemas::{by_direction, compare_node, node_pointer, pointer_of, type_of, Node, Scope, View},
};
use crate::diff::{At, Bump, Ctx, Side, Wire};
use crate::spec::child;
use crate::validate::openapi::short;

/// `nullable` added or removed.
pub(crate) fn nullable(ctx: &mut Ctx<'_>, scope: &Scope, node: &Node, what: &str) {
    let (b, h) = (&node.base, &node.head);
    if b.nullable() == h.nullable() {
        return;
    }
    let checks = Checks {
        field: true,
        rust_type: false,
        default: false,
    };
    let bump = crate_level(
        ctx,
        scope,
        node,
        checks,
        (
            Bump::Major,
            "a required field changes between `T` and `Option<T>`",
        ),
    );
    let (kind, message, wire) = if h.nullable() {
        (
            &BECAME_NULLABLE,
            "now nullable",
            by_direction(scope, Wire::Compatible, Wire::Breaking),
        )
    } else {
        (
            &BECAME_NON_NULLABLE,
            "no longer nullable",
            by_direction(scope, Wire::Breaking, Wire::Compatible),
        )
    };
    ctx.report(kind, pointer_of(b, h, "nullable"), what, message)
        .wire(wire)
        .krate(bump)
        .used_by(&scope.uses);
}

/// `default` added, removed or changed.
pub(crate) fn default(ctx: &mut Ctx<'_>, scope: &Scope, node: &Node, what: &str) {
    let (b, h) = (&node.base, &node.head);
    let (old, new) = (b.get("default"), h.get("default"));
    if old == new {
        return;
    }
    let message = match (old, new) {
        (Some(old), Some(new)) => format!("`default` {} → {}", short(old), short(new)),
        (None, Some(new)) => format!("`default` {} added", short(new)),
        (Some(old), None) => format!("`default` {} removed", short(old)),
        (None, None) => return,
    };
    let bump = match &scope.replaced {
        Some(rust_type) => (
            Bump::Patch,
            format!("the hand-written `{rust_type}` decodes it"),
        ),
        None => (
            Bump::Patch,
            "the serde and builder defaults change, not the API".to_owned(),
        ),
    };
    ctx.report(&DEFAULT_CHANGED, pointer_of(b, h, "default"), what, message)
        .wire(by_direction(
            scope,
            Wire::PotentiallyBreaking,
            Wire::Compatible,
        ))
        .krate(bump)
        .used_by(&scope.uses);
}

/// A `$ref` now names another schema, or replaces (or is replaced by) an inline schema: the
/// crate sees another type; the wire sees what the two schemas, expanded, differ in.
pub(crate) fn reference_changed(ctx: &mut Ctx<'_>, scope: &Scope, node: &Node, what: &str) {
    let (b, h) = (&node.base, &node.head);
    let show = |view: &View| {
        view.str("$ref").map_or_else(
            || "inline schema".to_owned(),
            |it| format!("`{}`", it.rsplit('/').next().unwrap_or(it)),
        )
    };
    let old = expand(ctx.root(Side::Base), &Value::Object(b.map.clone()), 0);
    let new = expand(ctx.root(Side::Head), &Value::Object(h.map.clone()), 0);
    // The expanded schemas compared as if they were written inline, for the wire only.
    let mut scratch = Ctx {
        base: ctx.base,
        head: ctx.head,
        base_model: None,
        head_model: None,
        usage: BTreeMap::new(),
        entries: Vec::new(),
    };
    let expanded = Node {
        base: View::new(&b.pointer, &old),
        head: View::new(&h.pointer, &new),
        path: node.path.clone(),
        rust_type: None,
        field: None,
    };
    compare_node(&mut scratch, scope, &expanded);
    let wire = scratch
        .entries
        .iter()
        .map(|it| it.wire)
        .max()
        .unwrap_or(Wire::Compatible);
    let mut details: Vec<String> = scratch
        .entries
        .iter()
        .map(|it| match it.subject.strip_prefix(what) {
            Some(rest) if !rest.is_empty() => format!("{}: {}", rest.trim(), it.message),
            _ => it.message.clone(),
        })
        .collect();
    if details.len() > 4 {
        let n_more = details.len() - 3;
        details.truncate(3);
        details.push(format!("{n_more} more"));
    }
    let message = if details.is_empty() {
        format!("{} → {} (same shape)", show(b), show(h))
    } else {
        format!("{} → {} ({})", show(b), show(h), details.join("; "))
    };
    let bump = crate_level(
        ctx,
        scope,
        node,
        FIELD_AND_TYPE,
        (Bump::Major, "the Rust type changes"),
    );
    let at = if h.get("$ref").is_some() {
        At::Head(h.at("$ref"))
    } else {
        At::Head(node_pointer(node))
    };
    ctx.report(&TYPE_CHANGED, at, what, message)
        .wire(wire)
        .krate(bump)
        .used_by(&scope.uses);
}

/// Formats that change the Rust type typify emits.
pub(crate) const TYPED_FORMATS: [&str; 19] = [
    "date-time",
    "date",
    "time",
    "uuid",
    "ip",
    "ipv4",
    "ipv6",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "float",
    "double",
    "uint",
    "int",
];

/// `format` added, removed or changed.
pub(crate) fn format(ctx: &mut Ctx<'_>, scope: &Scope, node: &Node, what: &str) {
    let (b, h) = (&node.base, &node.head);
    let (old, new) = (b.str("format"), h.str("format"));
    if old == new {
        return;
    }
    let (message, request, response) = match (old, new) {
        (Some(old), Some(new)) => (
            format!("format `{old}` → `{new}`"),
            Wire::Breaking,
            Wire::Breaking,
        ),
        (None, Some(new)) => (
            format!("format `{new}` added"),
            Wire::Breaking,
            Wire::Compatible,
        ),
        (Some(old), None) => (
            format!("format `{old}` removed"),
            Wire::Compatible,
            Wire::Breaking,
        ),
        (None, None) => return,
    };
    let typed = [old, new]
        .iter()
        .flatten()
        .any(|it| TYPED_FORMATS.contains(it));
    let default = if typed {
        (Bump::Major, "the format changes the Rust type")
    } else {
        (Bump::Patch, "the format does not change the Rust type")
    };
    let bump = crate_level(ctx, scope, node, FIELD_AND_TYPE, default);
    ctx.report(&FORMAT_CHANGED, pointer_of(b, h, "format"), what, message)
        .wire(by_direction(scope, request, response))
        .krate(bump)
        .used_by(&scope.uses);
}

/// `enum` values added or removed.
pub(crate) fn enumeration(ctx: &mut Ctx<'_>, scope: &Scope, node: &Node, what: &str) {
    let (b, h) = (&node.base, &node.head);
    let (old, new) = (
        b.get("enum").and_then(Value::as_array),
        h.get("enum").and_then(Value::as_array),
    );
    let (old, new) = match (old, new) {
        (Some(old), Some(new)) => (old, new),
        (None, None) => return,
        // A whole enum appears or goes: a constraint (see `constraints`).
        _ => return,
    };
    let string_enum = type_of(h).as_deref() == Some("string") || new.iter().all(Value::is_string);
    let checks = Checks {
        field: false,
        rust_type: true,
        default: false,
    };
    let (default_bump, default_reason) = if string_enum {
        (Bump::Major, "string enums are exhaustive Rust enums")
    } else {
        (
            Bump::Patch,
            "integer enums are a newtype checked by `TryFrom`",
        )
    };
    for value in new {
        if old.contains(value) {
            continue;
        }
        let idx = new.iter().position(|it| it == value).unwrap_or(0);
        let mut bump = crate_level(ctx, scope, node, checks, (default_bump, default_reason));
        if bump.0 == Bump::Major {
            bump.1 = format!("a new variant of an exhaustive enum: {}", bump.1);
        }
        ctx.report(
            &ENUM_VALUE_ADDED,
            At::Head(child(&h.at("enum"), &idx.to_string())),
            what,
            format!("value `{}` added", short(value)),
        )
        .wire(by_direction(
            scope,
            Wire::Compatible,
            Wire::PotentiallyBreaking,
        ))
        .krate(bump)
        .used_by(&scope.uses);
    }
    for value in old {
        if new.contains(value) {
            continue;
        }
        let idx = old.iter().position(|it| it == value).unwrap_or(0);
        let bump = crate_level(ctx, scope, node, checks, (default_bump, default_reason));
        ctx.report(
            &ENUM_VALUE_REMOVED,
            At::Base(child(&b.at("enum"), &idx.to_string())),
            what,
            format!("value `{}` removed", short(value)),
        )
        .wire(by_direction(scope, Wire::Breaking, Wire::Compatible))
        .krate(bump)
        .used_by(&scope.uses);
    }
}

/// Lower bounds: a higher value accepts fewer values.
pub(crate) const MINIMA: [&str; 4] = ["minimum", "minLength", "minItems", "minProperties"];

/// Upper bounds: a lower value accepts fewer values.
pub(crate) const MAXIMA: [&str; 4] = ["maximum", "maxLength", "maxItems", "maxProperties"];

/// Flags that accept fewer values when true.
pub(crate) const FLAGS: [&str; 3] = ["exclusiveMinimum", "exclusiveMaximum", "uniqueItems"];

/// Whether a change of constraints accepts fewer values (tightened) or more (loosened).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bound {
    Tightened,
    Loosened,
    /// Neither is known to accept more (another pattern).
    Other,
}

/// Bounds, lengths, item counts, `pattern`, `uniqueItems` and `additionalProperties: false`.
pub(crate) fn constraints(ctx: &mut Ctx<'_>, scope: &Scope, node: &Node, what: &str) {
    let (b, h) = (&node.base, &node.head);
    let mut changes: Vec<(Bound, At, String)> = Vec::new();
    let number = |view: &View, key: &str| view.get(key).and_then(Value::as_f64);
    for key in MINIMA.iter().chain(&MAXIMA) {
        let (old, new) = (number(b, key), number(h, key));
        let minimum = MINIMA.contains(key);
        let direction = match (old, new) {
            (None, Some(_)) => Bound::Tightened,
            (Some(_), None) => Bound::Loosened,
            (Some(old), Some(new)) if new > old => {
                if minimum {
                    Bound::Tightened
                } else {
                    Bound::Loosened
                }
            }
            (Some(old), Some(new)) if new < old => {
                if minimum {
                    Bound::Loosened
                } else {
                    Bound::Tightened
                }
            }
            _ => continue,
        };
        let show = |view: &View| view.get(key).map(short).unwrap_or_default();
        let message = match (old, new) {
            (Some(_), Some(_)) => format!("`{key}` {} → {}", show(b), show(h)),
            (None, _) => format!("`{key}` {} added", show(h)),
            (_, None) => format!("`{key}` {} removed", show(b)),
        };
        changes.push((direction, pointer_of(b, h, key), message));
    }
    for key in FLAGS {
        let flag = |view: &View| view.get(key).and_then(Value::as_bool).unwrap_or(false);
        match (flag(b), flag(h)) {
            (false, true) => changes.push((
                Bound::Tightened,
                At::Head(h.at(key)),
                format!("`{key}` added"),
            )),
            (true, false) => changes.push((
                Bound::Loosened,
                pointer_of(b, h, key),
                format!("`{key}` removed"),
            )),
            _ => {}
        }
    }
    // Another `multipleOf` refuses some values that were accepted: counted as tightened.
    match (b.get("multipleOf"), h.get("multipleOf")) {
        (Some(old), Some(new)) if old != new => changes.push((
            Bound::Tightened,
            At::Head(h.at("multipleOf")),
            format!("`multipleOf` {} → {}", short(old), short(new)),
        )),
        (None, Some(new)) => changes.push((
            Bound::Tightened,
            At::Head(h.at("multipleOf")),
            format!("`multipleOf` {} added", short(new)),
        )),
        (Some(old), None) => changes.push((
            Bound::Loosened,
            At::Base(b.at("multipleOf")),
            format!("`multipleOf` {} removed", short(old)),
        )),
        _ => {}
    }
    match (b.str("pattern"), h.str("pattern")) {
        (None, Some(new)) => changes.push((
            Bound::Tightened,
            At::Head(h.at("pattern")),
            format!("`pattern` `{new}` added"),
        )),
        (Some(old), None) => changes.push((
            Bound::Loosened,
            At::Base(b.at("pattern")),
            format!("`pattern` `{old}` removed"),
        )),
        (Some(old), Some(new)) if old != new => changes.push((
            Bound::Other,
            At::Head(h.at("pattern")),
            format!("`pattern` `{old}` → `{new}`"),
        )),
        _ => {}
    }
    match (b.get("enum").is_some(), h.get("enum").is_some()) {
        (false, true) => changes.push((
            Bound::Tightened,
            At::Head(h.at("enum")),
            "`enum` added".to_owned(),
        )),
        (true, false) => changes.push((
            Bound::Loosened,
            At::Base(b.at("enum")),
            "`enum` removed".to_owned(),
        )),
        _ => {}
    }
    let closed = |view: &View| view.get("additionalProperties") == Some(&Value::Bool(false));
    match (closed(b), closed(h)) {
        (false, true) => changes.push((
            Bound::Tightened,
            At::Head(h.at("additionalProperties")),
            "`additionalProperties: false` added".to_owned(),
        )),
        (true, false) => changes.push((
            Bound::Loosened,
            pointer_of(b, h, "additionalProperties"),
            "`additionalProperties: false` removed".to_owned(),
        )),
        _ => {}
    }
    if changes.is_empty() {
        return;
    }
    let default = default_constraint_bump(b, h);
    for (direction, at, message) in changes {
        let bump = crate_level(ctx, scope, node, FIELD_AND_TYPE, default);
        let (kind, wire) = match direction {
            Bound::Tightened => (
                &CONSTRAINT_TIGHTENED,
                by_direction(scope, Wire::Breaking, Wire::Compatible),
            ),
            Bound::Loosened => (
                &CONSTRAINT_LOOSENED,
                by_direction(scope, Wire::Compatible, Wire::PotentiallyBreaking),
            ),
            Bound::Other => (
                &PATTERN_CHANGED,
                by_direction(scope, Wire::PotentiallyBreaking, Wire::PotentiallyBreaking),
            ),
        };
        ctx.report(kind, at, what, message)
            .wire(wire)
            .krate(bump)
            .used_by(&scope.uses);
    }
}

/// The crate rule for constraints when the generated code cannot be compared: the Rust type
/// changes when a string gains its first (or loses its last) validated constraint, an enum
/// appears or goes, or an integer's lower bound moves it between signed, unsigned and non-zero.
pub(crate) fn default_constraint_bump(b: &View, h: &View) -> (Bump, &'static str) {
    let validated = |view: &View| {
        ["pattern", "minLength", "maxLength", "enum"]
            .iter()
            .any(|key| view.get(key).is_some())
    };
    let integer_kind = |view: &View| match view.get("minimum").and_then(Value::as_f64) {
        None => 0,
        Some(min) if min < 0.0 => 0,
        Some(min) if min < 1.0 => 1,
        Some(_) => 2,
    };
    let is_integer = type_of(h).as_deref() == Some("integer");
    if validated(b) != validated(h) || (is_integer && integer_kind(b) != integer_kind(h)) {
        (Bump::Major, "the Rust type changes")
    } else {
        (Bump::Patch, "the Rust type stays; only validation changes")
    }
}
