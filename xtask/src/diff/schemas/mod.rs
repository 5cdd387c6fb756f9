//! Schemas: each component schema once (with the operations that use it), and the schemas written
//! inline in operations, compared keyword by keyword: types and `$ref`s, formats, `nullable`,
//! enums, constraints, defaults, properties (added, removed, required) and their subschemas.
//!
//! A change is classified on the wire by the directions the schema is used in (a schema sent
//! and received takes the worse of the two), and for the crate by the field, type or setter that
//! the generator emits for it, compared in both generated surfaces when it can be found there.

mod equivalence;
mod keywords;
mod properties;
mod uses;

pub(crate) use equivalence::*;
pub(crate) use keywords::*;
pub(crate) use properties::*;
pub(crate) use uses::*;

use std::collections::{BTreeMap, BTreeSet};

use apipagos_codegen::{rust_child_type_name, rust_type_name};
use serde_json::{Map, Value};

use crate::diff::crate_level::{crate_level, hand_written, FIELD_AND_TYPE};
use crate::diff::kinds::{
    DESCRIPTION_CHANGED, EXAMPLE_CHANGED, RUST_TYPE_CHANGED, SCHEMA_ADDED, SCHEMA_REMOVED,
    TYPE_CHANGED,
};
use crate::diff::{At, Bump, Ctx, Direction, Side, Use, Wire};
use crate::spec::{child, last_segment};
use crate::validate::openapi::{components, RUST_TYPE_EXTENSION};

/// Where a schema sits and what the generator makes of it.
#[derive(Debug, Clone)]
pub(crate) struct Scope {
    /// ``schema `Thing` ``, ``operation `update_thing` request body``.
    pub(crate) subject: String,
    /// The operations using it, and how.
    pub(crate) uses: BTreeSet<Use>,
    /// The hand-written Rust type that replaces it (`x-apipagos-rust-type`): its shape generates
    /// nothing.
    pub(crate) replaced: Option<String>,
    /// The Rust type generated for the schema, when it gets a name (`Thing`, `UpdateThingBody`).
    pub(crate) rust_type: Option<String>,
    /// `(operation, setter)` whose argument is this schema (a parameter or a request body).
    pub(crate) setter: Option<(String, String)>,
    /// The operation whose `send()` returns this schema.
    pub(crate) returns: Option<String>,
}

/// The two sides of one schema node.
pub(crate) struct Node {
    pub(crate) base: View,
    pub(crate) head: View,
    /// `""` at the root, `name`, `extra.cvu`, `tags[]`.
    pub(crate) path: String,
    /// The Rust type typify names this node (if it generates one).
    pub(crate) rust_type: Option<String>,
    /// The struct field holding this node: `(struct, property)`.
    pub(crate) field: Option<(String, String)>,
}

/// A schema with single-schema `allOf` wrappers unwrapped (the spec writes
/// `{description, allOf: [$ref]}` to describe a property), remembering where each key is.
#[derive(Debug, Clone)]
pub(crate) struct View {
    pub(crate) map: Map<String, Value>,
    /// Keys of the wrapper (the rest come from the wrapped schema).
    pub(crate) wrapper_keys: BTreeSet<String>,
    pub(crate) pointer: String,
    pub(crate) inner_pointer: String,
}

impl View {
    pub(crate) fn new(pointer: &str, value: &Value) -> View {
        let empty = Map::new();
        let map = value.as_object().unwrap_or(&empty);
        let single = map
            .get("allOf")
            .and_then(Value::as_array)
            .filter(|list| list.len() == 1);
        let structural = [
            "type",
            "properties",
            "items",
            "oneOf",
            "anyOf",
            "enum",
            "$ref",
        ];
        let (Some(list), false) = (single, structural.iter().any(|key| map.contains_key(*key)))
        else {
            return View {
                map: map.clone(),
                wrapper_keys: map.keys().cloned().collect(),
                pointer: pointer.to_owned(),
                inner_pointer: pointer.to_owned(),
            };
        };
        let mut res = map.clone();
        res.remove("allOf");
        let wrapper_keys = res.keys().cloned().collect();
        if let Some(inner) = list[0].as_object() {
            for (key, value) in inner {
                res.entry(key.clone()).or_insert_with(|| value.clone());
            }
        }
        View {
            map: res,
            wrapper_keys,
            pointer: pointer.to_owned(),
            inner_pointer: child(&child(pointer, "allOf"), "0"),
        }
    }

    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        self.map.get(key)
    }

    /// The pointer of `key` (in the wrapper or in the wrapped schema).
    pub(crate) fn at(&self, key: &str) -> String {
        if self.wrapper_keys.contains(key) {
            child(&self.pointer, key)
        } else {
            child(&self.inner_pointer, key)
        }
    }

    /// The pointer under which the wrapped schema's keywords live.
    pub(crate) fn inner(&self, key: &str) -> String {
        child(&self.inner_pointer, key)
    }

    pub(crate) fn str(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Value::as_str)
    }

    pub(crate) fn nullable(&self) -> bool {
        self.get("nullable")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    pub(crate) fn required(&self) -> BTreeSet<String> {
        self.get("required")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The `operationId`, or `METHOD /path` without one.
pub(crate) fn operation_name(op: &Value, method: &str, path: &str) -> String {
    op.get("operationId").and_then(Value::as_str).map_or_else(
        || format!("{} {path}", method.to_uppercase()),
        str::to_owned,
    )
}

/// `/components/schemas/Thing/properties/x` → `Thing`.
pub(crate) fn component_of(pointer: &str) -> Option<String> {
    let rest = pointer.strip_prefix("/components/schemas/")?;
    let segment = rest.split('/').next()?;
    Some(last_segment(&format!("/{segment}")))
}

/// Every component schema: added, removed, or compared with the operations that use it.
pub(crate) fn compare_components(ctx: &mut Ctx<'_>) {
    let base: BTreeMap<&String, &Value> = components(ctx.root(Side::Base), "schemas")
        .into_iter()
        .collect();
    let head: BTreeMap<&String, &Value> = components(ctx.root(Side::Head), "schemas")
        .into_iter()
        .collect();
    let names: BTreeSet<&String> = base.keys().chain(head.keys()).copied().collect();
    for name in names {
        let pointer = child("/components/schemas", name);
        let subject = format!("schema `{name}`");
        let rust_name = rust_type_name(name);
        let uses = ctx.usage.get(name).cloned().unwrap_or_default();
        match (base.get(name), head.get(name)) {
            (Some(old), None) => {
                let bump = match (hand_written(old), ctx.base_model) {
                    (Some(rust_type), _) => (
                        Bump::Patch,
                        format!("the hand-written `{rust_type}` replaced it"),
                    ),
                    (None, Some(model)) if model.type_named(&rust_name).is_some() => {
                        (Bump::Major, format!("pub type `{rust_name}` removed"))
                    }
                    (None, _) => (
                        Bump::Major,
                        format!("pub type `{rust_name}` removed (rule)"),
                    ),
                };
                ctx.report(&SCHEMA_REMOVED, At::Base(pointer), subject, "removed")
                    .krate(bump)
                    .used_by(&uses);
            }
            (None, Some(new)) => {
                let bump = match (hand_written(new), ctx.head_model) {
                    (Some(rust_type), _) => (
                        Bump::Patch,
                        format!("the hand-written `{rust_type}` replaces it"),
                    ),
                    (None, Some(model)) if model.type_named(&rust_name).is_some() => {
                        (Bump::Minor, format!("new pub type `{rust_name}`"))
                    }
                    (None, _) => (Bump::Minor, format!("new pub type `{rust_name}` (rule)")),
                };
                ctx.report(&SCHEMA_ADDED, At::Head(pointer), subject, "added")
                    .krate(bump)
                    .used_by(&uses);
            }
            (Some(old), Some(new)) => {
                let (old_type, new_type) = (hand_written(old), hand_written(new));
                if old_type != new_type {
                    let show = |it: Option<&str>| {
                        it.map_or_else(|| "generated".to_owned(), |it| format!("`{it}`"))
                    };
                    let at = if new_type.is_some() {
                        At::Head(child(&pointer, RUST_TYPE_EXTENSION))
                    } else {
                        At::Base(child(&pointer, RUST_TYPE_EXTENSION))
                    };
                    let message = format!("{} → {}", show(old_type), show(new_type));
                    ctx.report(&RUST_TYPE_CHANGED, at, subject.clone(), message)
                        .krate((
                            Bump::Major,
                            "the fields and setters of this schema change type".to_owned(),
                        ))
                        .used_by(&uses);
                }
                let replaced = new_type.or(old_type).map(str::to_owned);
                let scope = Scope {
                    subject,
                    uses,
                    rust_type: replaced.is_none().then(|| rust_name.clone()),
                    replaced,
                    setter: None,
                    returns: None,
                };
                let node = Node {
                    base: View::new(&pointer, old),
                    head: View::new(&pointer, new),
                    path: String::new(),
                    rust_type: scope.rust_type.clone(),
                    field: None,
                };
                compare_node(ctx, &scope, &node);
            }
            (None, None) => {}
        }
    }
}

/// Compares a schema written inline in an operation (parameter, request or response body) at
/// `base_pointer` and `head_pointer`; a `$ref` on both sides to the same component is left to
/// [`compare_components`].
pub(crate) fn compare_inline(
    ctx: &mut Ctx<'_>,
    scope: &Scope,
    (base_pointer, base): (&str, &Value),
    (head_pointer, head): (&str, &Value),
) {
    let node = Node {
        base: View::new(base_pointer, base),
        head: View::new(head_pointer, head),
        path: String::new(),
        rust_type: scope.rust_type.clone(),
        field: None,
    };
    compare_node(ctx, scope, &node);
}

/// The worst of `request` and `response` over the directions the schema is used in; compatible
/// for a schema no operation uses.
pub(crate) fn by_direction(scope: &Scope, request: Wire, response: Wire) -> Wire {
    scope
        .uses
        .iter()
        .map(|it| match it.direction {
            Direction::Request => request,
            Direction::Response => response,
        })
        .max()
        .unwrap_or(Wire::Compatible)
}

/// What an entry about the node at `path` of the schema in `scope` names.
pub(crate) fn subject(scope: &Scope, path: &str) -> String {
    if path.is_empty() {
        scope.subject.clone()
    } else if path.starts_with('[') {
        format!("{} items `{path}`", scope.subject)
    } else {
        format!("{} property `{path}`", scope.subject)
    }
}

/// Compares one schema node on both sides, then the nodes nested in it.
pub(crate) fn compare_node(ctx: &mut Ctx<'_>, scope: &Scope, node: &Node) {
    let (b, h) = (&node.base, &node.head);
    let what = subject(scope, &node.path);
    docs(ctx, scope, node, &what);
    nullable(ctx, scope, node, &what);
    default(ctx, scope, node, &what);
    // References: the target is compared on its own.
    let (old_ref, new_ref) = (b.str("$ref"), h.str("$ref"));
    if old_ref.is_some() || new_ref.is_some() {
        if old_ref != new_ref {
            reference_changed(ctx, scope, node, &what);
        }
        return;
    }
    let (old_type, new_type) = (type_of(b), type_of(h));
    if old_type != new_type {
        // A request may widen (old values stay valid), a response may narrow.
        let wire = by_direction(
            scope,
            widens(old_type.as_deref(), new_type.as_deref()),
            widens(new_type.as_deref(), old_type.as_deref()),
        );
        let show = |it: Option<String>| it.map_or_else(|| "any".to_owned(), |it| format!("`{it}`"));
        let message = format!("type {} → {}", show(old_type), show(new_type));
        let at = pointer_of(b, h, "type");
        let bump = crate_level(
            ctx,
            scope,
            node,
            FIELD_AND_TYPE,
            (Bump::Major, "the Rust type changes"),
        );
        ctx.report(&TYPE_CHANGED, at, what, message)
            .wire(wire)
            .krate(bump)
            .used_by(&scope.uses);
        return;
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        let (old, new) = (
            b.get(key).and_then(Value::as_array),
            h.get(key).and_then(Value::as_array),
        );
        match (old, new) {
            (None, None) => {}
            (Some(old), Some(new)) if old.len() == new.len() => {
                for idx in 0..old.len() {
                    let segment = idx.to_string();
                    let child_node = Node {
                        base: View::new(&child(&b.inner(key), &segment), &old[idx]),
                        head: View::new(&child(&h.inner(key), &segment), &new[idx]),
                        path: format!("{}<{key}[{idx}]>", node.path),
                        rust_type: None,
                        field: None,
                    };
                    compare_node(ctx, scope, &child_node);
                }
            }
            _ => {
                let count = |it: Option<&Vec<Value>>| it.map_or(0, Vec::len);
                let message = format!("`{key}` of {} → {} schemas", count(old), count(new));
                let at = pointer_of(b, h, key);
                let bump = crate_level(
                    ctx,
                    scope,
                    node,
                    FIELD_AND_TYPE,
                    (Bump::Major, "the Rust type changes"),
                );
                ctx.report(&TYPE_CHANGED, at, what.clone(), message)
                    .wire(by_direction(scope, Wire::Breaking, Wire::Breaking))
                    .krate(bump)
                    .used_by(&scope.uses);
                return;
            }
        }
    }
    format(ctx, scope, node, &what);
    enumeration(ctx, scope, node, &what);
    constraints(ctx, scope, node, &what);
    properties(ctx, scope, node);
    // The schemas nested in this one: array items, and map values (`additionalProperties` as a
    // schema), with the suffix of their path and of the type name typify gives them.
    for (key, path_suffix, type_suffix) in [
        ("items", "[]", "item"),
        ("additionalProperties", "{}", "value"),
    ] {
        let (Some(old), Some(new)) = (
            b.get(key).filter(|it| it.is_object()),
            h.get(key).filter(|it| it.is_object()),
        ) else {
            continue;
        };
        let child_node = Node {
            base: View::new(&b.inner(key), old),
            head: View::new(&h.inner(key), new),
            path: format!("{}{path_suffix}", node.path),
            rust_type: node
                .rust_type
                .as_ref()
                .map(|it| title_or(new, rust_child_type_name(it, type_suffix))),
            // A change of the nested schema shows in the type of the field holding it.
            field: node.field.clone(),
        };
        compare_node(ctx, scope, &child_node);
    }
}

/// The schema's `title` names its type when it has one.
pub(crate) fn title_or(schema: &Value, name: String) -> String {
    schema
        .get("title")
        .and_then(Value::as_str)
        .map_or(name, rust_type_name)
}

/// `type`, or `object`/`array` implied by `properties`/`items`.
pub(crate) fn type_of(view: &View) -> Option<String> {
    if let Some(ty) = view.str("type") {
        return Some(ty.to_owned());
    }
    if view.get("properties").is_some() {
        return Some("object".to_owned());
    }
    if view.get("items").is_some() {
        return Some("array".to_owned());
    }
    None
}

/// The wire level of going from `old` to `new` in a request: compatible when every old value
/// is still accepted (integer → number, anything → any).
pub(crate) fn widens(old: Option<&str>, new: Option<&str>) -> Wire {
    match (old, new) {
        (_, None) | (Some("integer"), Some("number")) => Wire::Compatible,
        _ => Wire::Breaking,
    }
}

/// The pointer of `key`: in head when it is there, else in base.
pub(crate) fn pointer_of(b: &View, h: &View, key: &str) -> At {
    if h.get(key).is_some() || b.get(key).is_none() {
        At::Head(h.at(key))
    } else {
        At::Base(b.at(key))
    }
}

/// The pointer of the node itself in head.
pub(crate) fn node_pointer(node: &Node) -> String {
    node.head.pointer.clone()
}

/// `description`, `title` and examples of a schema node.
pub(crate) fn docs(ctx: &mut Ctx<'_>, scope: &Scope, node: &Node, what: &str) {
    let (b, h) = (&node.base, &node.head);
    for key in ["title", "description"] {
        if let Some(message) = changed(b.get(key), h.get(key), key) {
            ctx.report(&DESCRIPTION_CHANGED, pointer_of(b, h, key), what, message)
                .krate((Bump::Patch, "documentation".to_owned()))
                .used_by(&scope.uses);
        }
    }
    for key in ["example", "examples"] {
        if let Some(message) = changed(b.get(key), h.get(key), key) {
            ctx.report(&EXAMPLE_CHANGED, pointer_of(b, h, key), what, message)
                .krate((Bump::Patch, "documentation".to_owned()))
                .used_by(&scope.uses);
        }
    }
}

/// `` `key` changed/added/removed `` when the values differ.
pub(crate) fn changed(old: Option<&Value>, new: Option<&Value>, key: &str) -> Option<String> {
    match (old, new) {
        (None, Some(_)) => Some(format!("{key} added")),
        (Some(_), None) => Some(format!("{key} removed")),
        (Some(old), Some(new)) if old != new => Some(format!("{key} changed")),
        _ => None,
    }
}
