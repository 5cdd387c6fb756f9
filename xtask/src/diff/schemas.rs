//! Schemas: each component schema once (with the operations that use it), and the schemas written
//! inline in operations, compared keyword by keyword: types and `$ref`s, formats, `nullable`,
//! enums, constraints, defaults, properties (added, removed, required) and their subschemas.
//!
//! A change is classified on the wire by the directions the schema is used in (a schema sent
//! and received takes the worse of the two), and for the crate by the field, type or setter that
//! the generator emits for it, compared in both generated surfaces when it can be found there.

use std::collections::{BTreeMap, BTreeSet};

use apipagos_codegen::{rust_child_type_name, rust_property_type_name, rust_type_name, Shape};
use serde_json::{Map, Value};

use super::kinds::*;
use super::{At, Bump, Ctx, Direction, Side, Use, Wire};
use crate::spec::{child, last_segment};
use crate::validate::openapi::{
    components, effective_parameters, is_extension, json_media, operations, reachable_schemas,
    ref_pointer, ref_target, request_body, resolve, responses, short, RUST_TYPE_EXTENSION,
};

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
struct Node {
    base: View,
    head: View,
    /// `""` at the root, `name`, `extra.cvu`, `tags[]`.
    path: String,
    /// The Rust type typify names this node (if it generates one).
    rust_type: Option<String>,
    /// The struct field holding this node: `(struct, property)`.
    field: Option<(String, String)>,
}

/// A schema with single-schema `allOf` wrappers unwrapped (the spec writes
/// `{description, allOf: [$ref]}` to describe a property), remembering where each key is.
#[derive(Debug, Clone)]
struct View {
    map: Map<String, Value>,
    /// Keys of the wrapper (the rest come from the wrapped schema).
    wrapper_keys: BTreeSet<String>,
    pointer: String,
    inner_pointer: String,
}

impl View {
    fn new(pointer: &str, value: &Value) -> View {
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

    fn get(&self, key: &str) -> Option<&Value> {
        self.map.get(key)
    }

    /// The pointer of `key` (in the wrapper or in the wrapped schema).
    fn at(&self, key: &str) -> String {
        if self.wrapper_keys.contains(key) {
            child(&self.pointer, key)
        } else {
            child(&self.inner_pointer, key)
        }
    }

    /// The pointer under which the wrapped schema's keywords live.
    fn inner(&self, key: &str) -> String {
        child(&self.inner_pointer, key)
    }

    fn str(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Value::as_str)
    }

    fn nullable(&self) -> bool {
        self.get("nullable")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    fn required(&self) -> BTreeSet<String> {
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

/// Component schema name → the operations that use it (through any chain of `$ref`s), with the
/// direction: parameters and request bodies are sent, responses are received.
pub(crate) fn usage(root: &Value) -> BTreeMap<String, BTreeSet<Use>> {
    let mut res: BTreeMap<String, BTreeSet<Use>> = BTreeMap::new();
    for op in operations(root) {
        let id = operation_name(op.value, op.method, op.path);
        let mut request = Vec::new();
        for param in effective_parameters(root, &op) {
            let Some(entry) = root.pointer(&param.pointer) else {
                continue;
            };
            let (pointer, value) = resolve(root, &param.pointer, entry);
            if let Some(schema) = value.get("schema") {
                request.push((child(&pointer, "schema"), schema));
            }
        }
        if let Some((pointer, body)) = request_body(root, &op) {
            if let Some((media_pointer, media)) = json_media(&pointer, body) {
                if let Some(schema) = media.get("schema") {
                    request.push((child(&media_pointer, "schema"), schema));
                }
            }
        }
        let mut response = Vec::new();
        for it in responses(root, &op) {
            if let Some((media_pointer, media)) = json_media(&it.value_pointer, it.value) {
                if let Some(schema) = media.get("schema") {
                    response.push((child(&media_pointer, "schema"), schema));
                }
            }
        }
        for (direction, starts) in [
            (Direction::Request, request),
            (Direction::Response, response),
        ] {
            for pointer in reachable_schemas(root, starts).into_keys() {
                if let Some(name) = component_of(&pointer) {
                    res.entry(name).or_default().insert(Use {
                        operation: id.clone(),
                        direction,
                    });
                }
            }
        }
    }
    res
}

/// The `operationId`, or `METHOD /path` without one.
pub(crate) fn operation_name(op: &Value, method: &str, path: &str) -> String {
    op.get("operationId").and_then(Value::as_str).map_or_else(
        || format!("{} {path}", method.to_uppercase()),
        str::to_owned,
    )
}

/// `/components/schemas/Thing/properties/x` → `Thing`.
fn component_of(pointer: &str) -> Option<String> {
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

fn hand_written(schema: &Value) -> Option<&str> {
    schema.get(RUST_TYPE_EXTENSION).and_then(Value::as_str)
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
fn by_direction(scope: &Scope, request: Wire, response: Wire) -> Wire {
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

fn subject(scope: &Scope, path: &str) -> String {
    if path.is_empty() {
        scope.subject.clone()
    } else if path.starts_with('[') {
        format!("{} items `{path}`", scope.subject)
    } else {
        format!("{} property `{path}`", scope.subject)
    }
}

/// What the crate check compares for a change at a node.
#[derive(Clone, Copy)]
struct Checks {
    /// The type of the struct field holding the node.
    field: bool,
    /// The shape of the type generated for the node (enum variants, newtype inner type).
    rust_type: bool,
    /// Whether the struct holding the node derives `Default`.
    default: bool,
}

const FIELD_AND_TYPE: Checks = Checks {
    field: true,
    rust_type: true,
    default: false,
};

/// The crate level of a change at `node`: the rule's `default` unless the generated code shows
/// otherwise (what the checks compare differs: major; all equal: patch).
fn crate_level(
    ctx: &Ctx<'_>,
    scope: &Scope,
    node: &Node,
    checks: Checks,
    default: (Bump, &str),
) -> (Bump, String) {
    if let Some(rust_type) = &scope.replaced {
        return (
            Bump::Patch,
            format!("the hand-written `{rust_type}` decodes it: check that it still does"),
        );
    }
    let Some((base, head)) = ctx.models() else {
        return (default.0, format!("{} (rule; not generated)", default.1));
    };
    let mut same = Vec::new();
    let mut changed = Vec::new();
    if checks.field {
        if let Some((ty, property)) = &node.field {
            if let (Some(old), Some(new)) = (base.field(ty, property), head.field(ty, property)) {
                if old.ty == new.ty {
                    same.push(format!("`{ty}::{}` stays `{}`", new.name, new.ty));
                } else {
                    changed.push(format!(
                        "`{ty}::{}` is `{}` instead of `{}`",
                        new.name, new.ty, old.ty
                    ));
                }
            }
        }
    }
    if checks.default {
        if let Some((ty, _)) = &node.field {
            if let (Some(old), Some(new)) = (base.derives_default(ty), head.derives_default(ty)) {
                match (old, new) {
                    (true, false) => changed.push(format!("`{ty}` no longer derives `Default`")),
                    (false, true) => changed.push(format!("`{ty}` derives `Default`")),
                    _ => {}
                }
            }
        }
    }
    if checks.rust_type {
        if let Some(ty) = &node.rust_type {
            match (
                base.type_named(ty).map(|it| &it.shape),
                head.type_named(ty).map(|it| &it.shape),
            ) {
                // A struct's fields are compared on their own.
                (Some(old), Some(Shape::Struct { .. })) if old.phrase() == "a struct" => {}
                (Some(old), Some(new)) if old.phrase() == new.phrase() => {
                    same.push(format!("`{ty}` stays {}", new.phrase()));
                }
                (Some(old), Some(new)) => changed.push(format!(
                    "`{ty}` is {} instead of {}",
                    new.phrase(),
                    old.phrase()
                )),
                (None, Some(new)) if node.field.is_some() => {
                    changed.push(format!("new type `{ty}` ({})", new.phrase()));
                }
                (Some(old), None) if node.field.is_some() => {
                    changed.push(format!("type `{ty}` ({}) removed", old.phrase()));
                }
                _ => {}
            }
        }
    }
    if node.path.is_empty() {
        if let Some((op, setter)) = &scope.setter {
            if let (Some(old), Some(new)) = (base.setter(op, setter), head.setter(op, setter)) {
                if old == new {
                    same.push(format!("`{op}().{setter}()` still takes `{new}`"));
                } else {
                    changed.push(format!(
                        "`{op}().{setter}()` takes `{new}` instead of `{old}`"
                    ));
                }
            }
        }
        if let Some(op) = &scope.returns {
            if let (Some(old), Some(new)) = (base.operation(op), head.operation(op)) {
                if old.send_type() == new.send_type() {
                    same.push(format!(
                        "`{op}().send()` still returns `{}`",
                        new.send_type()
                    ));
                } else {
                    changed.push(format!(
                        "`{op}().send()` returns `{}` instead of `{}`",
                        new.send_type(),
                        old.send_type()
                    ));
                }
            }
        }
    }
    if !changed.is_empty() {
        return (Bump::Major, changed.join("; "));
    }
    if !same.is_empty() {
        return (Bump::Patch, same.join("; "));
    }
    (default.0, format!("{} (rule)", default.1))
}

fn compare_node(ctx: &mut Ctx<'_>, scope: &Scope, node: &Node) {
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
fn title_or(schema: &Value, name: String) -> String {
    schema
        .get("title")
        .and_then(Value::as_str)
        .map_or(name, rust_type_name)
}

/// `type`, or `object`/`array` implied by `properties`/`items`.
fn type_of(view: &View) -> Option<String> {
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
fn widens(old: Option<&str>, new: Option<&str>) -> Wire {
    match (old, new) {
        (_, None) | (Some("integer"), Some("number")) => Wire::Compatible,
        _ => Wire::Breaking,
    }
}

/// The pointer of `key`: in head when it is there, else in base.
fn pointer_of(b: &View, h: &View, key: &str) -> At {
    if h.get(key).is_some() || b.get(key).is_none() {
        At::Head(h.at(key))
    } else {
        At::Base(b.at(key))
    }
}

/// The pointer of the node itself in head.
fn node_pointer(node: &Node) -> String {
    node.head.pointer.clone()
}

fn docs(ctx: &mut Ctx<'_>, scope: &Scope, node: &Node, what: &str) {
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

fn nullable(ctx: &mut Ctx<'_>, scope: &Scope, node: &Node, what: &str) {
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

fn default(ctx: &mut Ctx<'_>, scope: &Scope, node: &Node, what: &str) {
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
fn reference_changed(ctx: &mut Ctx<'_>, scope: &Scope, node: &Node, what: &str) {
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

/// Whether two schemas accept the same documents: equal once every `$ref` is expanded and the
/// documentation keywords are dropped.
pub(crate) fn equivalent(base_root: &Value, base: &Value, head_root: &Value, head: &Value) -> bool {
    expand(base_root, base, 0) == expand(head_root, head, 0)
}

fn expand(root: &Value, schema: &Value, depth: usize) -> Value {
    match schema {
        Value::Object(map) => {
            if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
                if depth < 8 {
                    if let Some(target) = ref_pointer(reference).and(ref_target(root, reference)) {
                        return expand(root, target, depth + 1);
                    }
                }
            }
            let view = View::new("", schema);
            let mut res = Map::new();
            for (key, value) in &view.map {
                let documentation = matches!(
                    key.as_str(),
                    "description" | "title" | "example" | "examples" | "externalDocs"
                ) || is_extension(key);
                if documentation {
                    continue;
                }
                let value = if key == "properties" {
                    match value {
                        Value::Object(properties) => Value::Object(
                            properties
                                .iter()
                                .map(|(name, it)| (name.clone(), expand(root, it, depth)))
                                .collect(),
                        ),
                        other => other.clone(),
                    }
                } else if matches!(key.as_str(), "enum" | "default" | "required") {
                    value.clone()
                } else {
                    expand(root, value, depth)
                };
                res.insert(key.clone(), value);
            }
            Value::Object(res)
        }
        Value::Array(items) => {
            Value::Array(items.iter().map(|it| expand(root, it, depth)).collect())
        }
        other => other.clone(),
    }
}

/// Formats that change the Rust type typify emits.
const TYPED_FORMATS: [&str; 19] = [
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

fn format(ctx: &mut Ctx<'_>, scope: &Scope, node: &Node, what: &str) {
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

fn enumeration(ctx: &mut Ctx<'_>, scope: &Scope, node: &Node, what: &str) {
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
const MINIMA: [&str; 4] = ["minimum", "minLength", "minItems", "minProperties"];
/// Upper bounds: a lower value accepts fewer values.
const MAXIMA: [&str; 4] = ["maximum", "maxLength", "maxItems", "maxProperties"];
/// Flags that accept fewer values when true.
const FLAGS: [&str; 3] = ["exclusiveMinimum", "exclusiveMaximum", "uniqueItems"];

/// Whether a change of constraints accepts fewer values (tightened) or more (loosened).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Bound {
    Tightened,
    Loosened,
    /// Neither is known to accept more (another pattern).
    Other,
}

fn constraints(ctx: &mut Ctx<'_>, scope: &Scope, node: &Node, what: &str) {
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
fn default_constraint_bump(b: &View, h: &View) -> (Bump, &'static str) {
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

fn properties(ctx: &mut Ctx<'_>, scope: &Scope, node: &Node) {
    let (b, h) = (&node.base, &node.head);
    let empty = Map::new();
    let old = b
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let new = h
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let (old_required, new_required) = (b.required(), h.required());
    let join = |name: &str| {
        if node.path.is_empty() {
            name.to_owned()
        } else {
            format!("{}.{name}", node.path)
        }
    };
    for name in new.keys() {
        if old.contains_key(name) {
            continue;
        }
        let required = new_required.contains(name);
        let what = subject(scope, &join(name));
        let bump = field_presence(ctx, scope, node, name, Side::Head);
        let message = if required {
            "added (required)"
        } else {
            "added (optional)"
        };
        ctx.report(
            &PROPERTY_ADDED,
            At::Head(child(&h.inner("properties"), name)),
            what,
            message,
        )
        .wire(by_direction(
            scope,
            if required {
                Wire::Breaking
            } else {
                Wire::Compatible
            },
            Wire::Compatible,
        ))
        .krate(bump)
        .used_by(&scope.uses);
    }
    for name in old.keys() {
        if new.contains_key(name) {
            continue;
        }
        let what = subject(scope, &join(name));
        let bump = field_presence(ctx, scope, node, name, Side::Base);
        ctx.report(
            &PROPERTY_REMOVED,
            At::Base(child(&b.inner("properties"), name)),
            what,
            "removed",
        )
        .wire(by_direction(
            scope,
            Wire::PotentiallyBreaking,
            Wire::Breaking,
        ))
        .krate(bump)
        .used_by(&scope.uses);
    }
    for (name, new_schema) in new {
        let Some(old_schema) = old.get(name) else {
            continue;
        };
        let child_node = Node {
            base: View::new(&child(&b.inner("properties"), name), old_schema),
            head: View::new(&child(&h.inner("properties"), name), new_schema),
            path: join(name),
            rust_type: node
                .rust_type
                .as_ref()
                .map(|it| title_or(new_schema, rust_property_type_name(it, name))),
            field: node.rust_type.as_ref().map(|it| (it.clone(), name.clone())),
        };
        let (was, is) = (old_required.contains(name), new_required.contains(name));
        if was != is {
            let what = subject(scope, &child_node.path);
            let checks = Checks {
                field: true,
                rust_type: false,
                default: true,
            };
            let bump = crate_level(
                ctx,
                scope,
                &child_node,
                checks,
                (Bump::Major, "the field changes between `T` and `Option<T>`"),
            );
            let (kind, message, wire) = if is {
                (
                    &PROPERTY_BECAME_REQUIRED,
                    "now required",
                    by_direction(scope, Wire::Breaking, Wire::Compatible),
                )
            } else {
                (
                    &PROPERTY_BECAME_OPTIONAL,
                    "now optional",
                    by_direction(scope, Wire::Compatible, Wire::Breaking),
                )
            };
            let at = if is {
                let idx = h
                    .get("required")
                    .and_then(Value::as_array)
                    .and_then(|list| {
                        list.iter()
                            .position(|it| it.as_str() == Some(name.as_str()))
                    });
                At::Head(child(&h.at("required"), &idx.unwrap_or(0).to_string()))
            } else {
                let idx = b
                    .get("required")
                    .and_then(Value::as_array)
                    .and_then(|list| {
                        list.iter()
                            .position(|it| it.as_str() == Some(name.as_str()))
                    });
                At::Base(child(&b.at("required"), &idx.unwrap_or(0).to_string()))
            };
            ctx.report(kind, at, what, message)
                .wire(wire)
                .krate(bump)
                .used_by(&scope.uses);
        }
        compare_node(ctx, scope, &child_node);
    }
}

/// The crate level of a property that appears (`side` head) or goes (`side` base).
fn field_presence(
    ctx: &Ctx<'_>,
    scope: &Scope,
    node: &Node,
    property: &str,
    side: Side,
) -> (Bump, String) {
    if let Some(rust_type) = &scope.replaced {
        return (
            Bump::Patch,
            format!("the hand-written `{rust_type}` decodes it: check that it still does"),
        );
    }
    let model = match side {
        Side::Base => ctx.base_model,
        Side::Head => ctx.head_model,
    };
    let found = node
        .rust_type
        .as_ref()
        .and_then(|ty| Some((ty, model?.field(ty, property)?)));
    match (found, side) {
        (Some((ty, field)), Side::Head) => (
            Bump::Major,
            format!(
                "new pub field `{ty}::{}: {}`: struct literals break",
                field.name, field.ty
            ),
        ),
        (Some((ty, field)), Side::Base) => (
            Bump::Major,
            format!("pub field `{ty}::{}` removed", field.name),
        ),
        (None, Side::Head) => (
            Bump::Major,
            "a new pub field breaks struct literals (rule)".to_owned(),
        ),
        (None, Side::Base) => (Bump::Major, "the pub field is gone (rule)".to_owned()),
    }
}
