//! Operations (matched by method and path, then by `operationId`) with their parameters, request
//! bodies and responses; servers, security and `info`.

use std::collections::BTreeSet;

use serde_json::Value;

use super::kinds::*;
use apipagos_codegen::{rust_member_name as member_name, rust_operation_type_name};

use super::schemas::{self, changed, operation_name, Scope};
use super::{At, Bump, Ctx, Direction, Side, Use, Wire};
use crate::spec::{child, last_segment};
use crate::validate::openapi::{
    components, effective_parameters, is_success, json_media, operations, request_body, resolve,
    responses, Operation,
};

/// Everything but the component schemas (see `schemas::compare_components`).
pub(crate) fn compare(ctx: &mut Ctx<'_>) {
    info(ctx);
    servers(ctx);
    security_schemes(ctx);
    let (base, head) = (
        ctx.root(Side::Base).get("security"),
        ctx.root(Side::Head).get("security"),
    );
    security(ctx, (base, "/security"), (head, "/security"), "security");
    compare_operations(ctx);
}

const DOCUMENTATION: &str = "documentation";

fn info(ctx: &mut Ctx<'_>) {
    let (base, head) = (ctx.root(Side::Base), ctx.root(Side::Head));
    let version = |root: &Value| {
        root.pointer("/info/version")
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let (old, new) = (version(base), version(head));
    if old != new {
        let show =
            |it: Option<String>| it.map_or_else(|| "none".to_owned(), |it| format!("`{it}`"));
        let message = format!("{} → {}", show(old), show(new));
        ctx.report(
            &API_VERSION_CHANGED,
            At::Head("/info/version".to_owned()),
            "info",
            message,
        )
        .krate((
            Bump::Patch,
            "`Client::api_version()` and the `api-version` header of every request change"
                .to_owned(),
        ));
    }
    for key in ["title", "description"] {
        let pointer = child("/info", key);
        if let Some(message) = changed(base.pointer(&pointer), head.pointer(&pointer), key) {
            ctx.report(&DESCRIPTION_CHANGED, At::Head(pointer), "info", message)
                .krate((Bump::Patch, DOCUMENTATION.to_owned()));
        }
    }
}

fn servers(ctx: &mut Ctx<'_>) {
    let list = |root: &Value| -> Vec<(String, String, Value)> {
        root.get("servers")
            .and_then(Value::as_array)
            .map(|servers| {
                servers
                    .iter()
                    .enumerate()
                    .filter_map(|(idx, server)| {
                        let url = server.get("url")?.as_str()?.to_owned();
                        Some((child("/servers", &idx.to_string()), url, server.clone()))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let (base, head) = (list(ctx.root(Side::Base)), list(ctx.root(Side::Head)));
    for (pointer, url, server) in &head {
        let subject = format!("server `{url}`");
        let Some((_, _, old)) = base.iter().find(|it| it.1 == *url) else {
            ctx.report(&SERVER_ADDED, At::Head(pointer.clone()), subject, "added")
                .krate((
                    Bump::Patch,
                    "the base URL is a run-time argument of `Client::new`".to_owned(),
                ));
            continue;
        };
        if let Some(message) = changed(
            old.get("description"),
            server.get("description"),
            "description",
        ) {
            ctx.report(
                &DESCRIPTION_CHANGED,
                At::Head(child(pointer, "description")),
                subject,
                message,
            )
            .krate((Bump::Patch, DOCUMENTATION.to_owned()));
        }
    }
    for (pointer, url, _) in &base {
        if head.iter().any(|it| it.1 == *url) {
            continue;
        }
        ctx.report(
            &SERVER_REMOVED,
            At::Base(pointer.clone()),
            format!("server `{url}`"),
            "removed",
        )
        .wire(Wire::Breaking)
        .krate((
            Bump::Patch,
            "the base URL is a run-time argument of `Client::new` (check `Environment`)".to_owned(),
        ));
    }
}

const NO_SECURITY_CODE: &str = "security generates no code: check `src/auth.rs`";

fn security_schemes(ctx: &mut Ctx<'_>) {
    let (base, head) = (
        components(ctx.root(Side::Base), "securitySchemes"),
        components(ctx.root(Side::Head), "securitySchemes"),
    );
    for (name, scheme) in &head {
        let pointer = child("/components/securitySchemes", name);
        let subject = format!("security scheme `{name}`");
        let Some((_, old)) = base.iter().find(|it| it.0 == *name) else {
            ctx.report(
                &SECURITY_SCHEME_CHANGED,
                At::Head(pointer),
                subject,
                "added",
            )
            .wire(Wire::Compatible)
            .krate((Bump::Patch, NO_SECURITY_CODE.to_owned()));
            continue;
        };
        for key in [
            "type",
            "in",
            "name",
            "scheme",
            "bearerFormat",
            "openIdConnectUrl",
            "flows",
        ] {
            let (old_value, new_value) = (old.get(key), scheme.get(key));
            if old_value == new_value {
                continue;
            }
            let show = |it: Option<&Value>| {
                it.map_or_else(|| "none".to_owned(), |it| format!("`{}`", plain(it)))
            };
            let message = format!("`{key}` {} → {}", show(old_value), show(new_value));
            ctx.report(
                &SECURITY_SCHEME_CHANGED,
                At::Head(child(&pointer, key)),
                subject.clone(),
                message,
            )
            .wire(Wire::Breaking)
            .krate((Bump::Patch, NO_SECURITY_CODE.to_owned()));
        }
        if let Some(message) = changed(
            old.get("description"),
            scheme.get("description"),
            "description",
        ) {
            ctx.report(
                &DESCRIPTION_CHANGED,
                At::Head(child(&pointer, "description")),
                subject,
                message,
            )
            .krate((Bump::Patch, DOCUMENTATION.to_owned()));
        }
    }
    for (name, _) in &base {
        if head.iter().any(|it| it.0 == *name) {
            continue;
        }
        ctx.report(
            &SECURITY_SCHEME_CHANGED,
            At::Base(child("/components/securitySchemes", name)),
            format!("security scheme `{name}`"),
            "removed",
        )
        .wire(Wire::Compatible)
        .krate((Bump::Patch, NO_SECURITY_CODE.to_owned()));
    }
}

/// A string as is, anything else as JSON.
fn plain(value: &Value) -> String {
    value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_owned)
}

/// The alternatives of a `security` list, each a set of scheme names (the empty set is
/// anonymous access; no list at all is anonymous access only).
fn alternatives(security: Option<&Value>) -> Vec<BTreeSet<String>> {
    let list = security
        .and_then(Value::as_array)
        .filter(|it| !it.is_empty());
    let Some(list) = list else {
        return vec![BTreeSet::new()];
    };
    list.iter()
        .map(|requirement| {
            requirement
                .as_object()
                .map(|it| it.keys().cloned().collect())
                .unwrap_or_default()
        })
        .collect()
}

/// Compares two `security` lists (the document's, or an operation's effective one).
fn security(
    ctx: &mut Ctx<'_>,
    (base, base_pointer): (Option<&Value>, &str),
    (head, head_pointer): (Option<&Value>, &str),
    subject: &str,
) {
    let (old, new) = (alternatives(base), alternatives(head));
    let (old_anonymous, new_anonymous) = (
        old.iter().any(BTreeSet::is_empty),
        new.iter().any(BTreeSet::is_empty),
    );
    let show = |it: &BTreeSet<String>| {
        it.iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let show_all = |list: &[BTreeSet<String>]| {
        list.iter()
            .filter(|it| !it.is_empty())
            .map(show)
            .collect::<Vec<_>>()
            .join(" or ")
    };
    if old_anonymous && !new_anonymous {
        let message = format!("{} required (no authentication was needed)", show_all(&new));
        ctx.report(
            &SECURITY_REQUIREMENT_ADDED,
            At::Head(head_pointer.to_owned()),
            subject,
            message,
        )
        .wire(Wire::Breaking)
        .krate((Bump::Patch, NO_SECURITY_CODE.to_owned()));
        return;
    }
    if !old_anonymous && new_anonymous {
        let message = format!("no authentication needed (was {})", show_all(&old));
        ctx.report(
            &SECURITY_REQUIREMENT_REMOVED,
            At::Head(head_pointer.to_owned()),
            subject,
            message,
        )
        .wire(Wire::Compatible)
        .krate((Bump::Patch, NO_SECURITY_CODE.to_owned()));
        return;
    }
    for (idx, alternative) in new.iter().enumerate() {
        if alternative.is_empty() || old.contains(alternative) {
            continue;
        }
        ctx.report(
            &SECURITY_REQUIREMENT_ADDED,
            At::Head(child(head_pointer, &idx.to_string())),
            subject,
            format!("{} added as an alternative", show(alternative)),
        )
        .wire(Wire::Compatible)
        .krate((Bump::Patch, NO_SECURITY_CODE.to_owned()));
    }
    for (idx, alternative) in old.iter().enumerate() {
        if alternative.is_empty() || new.contains(alternative) {
            continue;
        }
        // Clients that authenticate only this way lose access, unless anonymous access remains.
        let wire = if new_anonymous {
            Wire::Compatible
        } else {
            Wire::Breaking
        };
        ctx.report(
            &SECURITY_REQUIREMENT_REMOVED,
            At::Base(child(base_pointer, &idx.to_string())),
            subject,
            format!("{} removed", show(alternative)),
        )
        .wire(wire)
        .krate((Bump::Patch, NO_SECURITY_CODE.to_owned()));
    }
}

/// `(METHOD, /path/{}/x)`: the identity of an operation on the wire.
fn endpoint(op: &Operation<'_>) -> (String, String) {
    let mut path = String::new();
    let mut in_param = false;
    for ch in op.path.chars() {
        match ch {
            '{' => {
                in_param = true;
                path.push_str("{}");
            }
            '}' => in_param = false,
            _ if in_param => {}
            _ => path.push(ch),
        }
    }
    (op.method.to_uppercase(), path)
}

fn compare_operations(ctx: &mut Ctx<'_>) {
    let (base_root, head_root) = (ctx.root(Side::Base), ctx.root(Side::Head));
    let base_ops = operations(base_root);
    let head_ops = operations(head_root);
    let id = |op: &Operation<'_>| operation_name(op.value, op.method, op.path);
    let mut head_matched = vec![false; head_ops.len()];
    let mut pairs = Vec::new();
    let mut base_left = Vec::new();
    for (base_idx, op) in base_ops.iter().enumerate() {
        match head_ops.iter().position(|it| endpoint(it) == endpoint(op)) {
            Some(head_idx) if !head_matched[head_idx] => {
                head_matched[head_idx] = true;
                pairs.push((base_idx, head_idx));
            }
            _ => base_left.push(base_idx),
        }
    }
    let mut removed = Vec::new();
    for base_idx in base_left {
        let base_id = id(&base_ops[base_idx]);
        let found = head_ops
            .iter()
            .enumerate()
            .position(|(head_idx, it)| !head_matched[head_idx] && id(it) == base_id);
        match found {
            Some(head_idx) => {
                head_matched[head_idx] = true;
                pairs.push((base_idx, head_idx));
            }
            None => removed.push(base_idx),
        }
    }
    for base_idx in removed {
        let op = &base_ops[base_idx];
        let op_id = id(op);
        let (method, path) = (op.method.to_uppercase(), op.path);
        let bump = match ctx.base_model {
            Some(model) if model.operation(&op_id).is_some() => (
                Bump::Major,
                format!("`Client::{op_id}()` and its builder are gone"),
            ),
            _ => (
                Bump::Major,
                "the method and its builder are gone (rule)".to_owned(),
            ),
        };
        ctx.report(
            &OPERATION_REMOVED,
            At::Base(op.pointer.clone()),
            format!("operation `{op_id}` ({method} {path})"),
            "removed",
        )
        .wire(Wire::Breaking)
        .krate(bump);
    }
    for (head_idx, op) in head_ops.iter().enumerate() {
        if head_matched[head_idx] {
            continue;
        }
        let op_id = id(op);
        let (method, path) = (op.method.to_uppercase(), op.path);
        let bump = match ctx.head_model {
            Some(model) if model.operation(&op_id).is_some() => (
                Bump::Minor,
                format!("new method `Client::{op_id}()` and its builder"),
            ),
            _ => (Bump::Minor, "a new method and builder (rule)".to_owned()),
        };
        ctx.report(
            &OPERATION_ADDED,
            At::Head(op.pointer.clone()),
            format!("operation `{op_id}` ({method} {path})"),
            "added",
        )
        .krate(bump);
    }
    pairs.sort_unstable();
    for (base_idx, head_idx) in pairs {
        compare_operation(ctx, &base_ops[base_idx], &head_ops[head_idx]);
    }
}

fn compare_operation(ctx: &mut Ctx<'_>, base: &Operation<'_>, head: &Operation<'_>) {
    let base_id = operation_name(base.value, base.method, base.path);
    let head_id = operation_name(head.value, head.method, head.path);
    let subject = format!("operation `{head_id}`");
    if base_id != head_id {
        ctx.report(
            &OPERATION_ID_CHANGED,
            At::Head(child(&head.pointer, "operationId")),
            subject.clone(),
            format!("`{base_id}` → `{head_id}`"),
        )
        .krate((
            Bump::Major,
            format!("`Client::{base_id}()` and its builder are renamed `{head_id}`"),
        ));
    }
    if endpoint(base) != endpoint(head) {
        ctx.report(
            &ENDPOINT_CHANGED,
            At::Head(head.pointer.clone()),
            subject.clone(),
            format!(
                "`{} {}` → `{} {}`",
                base.method.to_uppercase(),
                base.path,
                head.method.to_uppercase(),
                head.path
            ),
        )
        .wire(Wire::Breaking)
        .krate((
            Bump::Patch,
            format!("`Client::{head_id}()` stays and sends to the new URL"),
        ));
    }
    for key in ["summary", "description"] {
        if let Some(message) = changed(base.value.get(key), head.value.get(key), key) {
            ctx.report(
                &DESCRIPTION_CHANGED,
                At::Head(child(&head.pointer, key)),
                subject.clone(),
                message,
            )
            .krate((Bump::Patch, DOCUMENTATION.to_owned()));
        }
    }
    parameters(ctx, base, head, &head_id);
    body(ctx, base, head, &head_id);
    compare_responses(ctx, base, head, &head_id);
    if base.value.get("security").is_some() || head.value.get("security").is_some() {
        let effective = |side: Side, op: &Operation<'_>| -> (Option<Value>, String) {
            match op.value.get("security") {
                Some(it) => (Some(it.clone()), child(&op.pointer, "security")),
                None => (
                    ctx.root(side).get("security").cloned(),
                    "/security".to_owned(),
                ),
            }
        };
        let (old, old_pointer) = effective(Side::Base, base);
        let (new, new_pointer) = effective(Side::Head, head);
        security(
            ctx,
            (old.as_ref(), &old_pointer),
            (new.as_ref(), &new_pointer),
            &format!("operation `{head_id}` security"),
        );
    }
}

/// A parameter of an operation, resolved.
struct Param<'a> {
    /// The entry in its `parameters` list.
    entry: String,
    /// Where its definition is (a component for a `$ref`).
    pointer: String,
    value: &'a Value,
    name: String,
    location: String,
    /// The `components/parameters` entry it refers to.
    component: Option<String>,
    /// Its position among the `{names}` of the path template.
    slot: Option<usize>,
}

impl Param<'_> {
    fn required(&self) -> bool {
        self.value
            .get("required")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    fn schema(&self) -> Option<&Value> {
        self.value.get("schema")
    }

    /// What its own changes (description, required, schema) are reported on: the component, the
    /// path item (shared by its operations) or the operation.
    fn subject(&self, op: &Operation<'_>, op_id: &str) -> String {
        if let Some(component) = &self.component {
            return format!("parameter `{component}`");
        }
        if self
            .entry
            .starts_with(&child(&op.item_pointer, "parameters"))
        {
            return format!(
                "path `{}` {} parameter `{}`",
                op.path, self.location, self.name
            );
        }
        format!(
            "operation `{op_id}` {} parameter `{}`",
            self.location, self.name
        )
    }
}

fn params<'a>(root: &'a Value, op: &Operation<'a>) -> Vec<Param<'a>> {
    let slots: Vec<&str> = op
        .path
        .split('{')
        .skip(1)
        .filter_map(|it| it.split_once('}').map(|(name, _)| name))
        .collect();
    effective_parameters(root, op)
        .into_iter()
        .filter_map(|param| {
            let entry = root.pointer(&param.pointer)?;
            let component = entry
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|it| it.strip_prefix("#/components/parameters/"))
                .map(|it| last_segment(&format!("/{it}")));
            let (pointer, value) = resolve(root, &param.pointer, entry);
            let slot = (param.location == "path")
                .then(|| slots.iter().position(|it| *it == param.name))
                .flatten();
            Some(Param {
                entry: param.pointer,
                pointer,
                value,
                name: param.name.to_owned(),
                location: param.location.to_owned(),
                component,
                slot,
            })
        })
        .collect()
}

fn parameters(ctx: &mut Ctx<'_>, base: &Operation<'_>, head: &Operation<'_>, op_id: &str) {
    let old = params(ctx.root(Side::Base), base);
    let new = params(ctx.root(Side::Head), head);
    let uses: BTreeSet<Use> = [Use {
        operation: op_id.to_owned(),
        direction: Direction::Request,
    }]
    .into();
    let mut old_matched = vec![false; old.len()];
    let mut new_matched = vec![false; new.len()];
    let mut pairs = Vec::new();
    for (old_idx, param) in old.iter().enumerate() {
        if let Some(new_idx) = new
            .iter()
            .position(|it| it.location == param.location && it.name == param.name)
        {
            old_matched[old_idx] = true;
            new_matched[new_idx] = true;
            pairs.push((old_idx, new_idx));
        }
    }
    // A renamed path parameter keeps its place in the template; another parameter keeps its
    // location and schema.
    let mut renames = Vec::new();
    for (old_idx, param) in old.iter().enumerate() {
        if old_matched[old_idx] {
            continue;
        }
        let found = new.iter().enumerate().position(|(new_idx, it)| {
            !new_matched[new_idx]
                && it.location == param.location
                && match (param.slot, it.slot) {
                    (Some(a), Some(b)) => a == b,
                    _ => {
                        param.location != "path"
                            && it.required() == param.required()
                            && match (param.schema(), it.schema()) {
                                (Some(a), Some(b)) => schemas::equivalent(
                                    ctx.root(Side::Base),
                                    a,
                                    ctx.root(Side::Head),
                                    b,
                                ),
                                _ => false,
                            }
                    }
                }
        });
        if let Some(new_idx) = found {
            old_matched[old_idx] = true;
            new_matched[new_idx] = true;
            pairs.push((old_idx, new_idx));
            renames.push((old_idx, new_idx));
        }
    }
    for (old_idx, new_idx) in &renames {
        let (old_param, new_param) = (&old[*old_idx], &new[*new_idx]);
        let (old_setter, new_setter) = (member_name(&old_param.name), member_name(&new_param.name));
        // As the removal of the old name and the addition of the new one: the name of a path
        // parameter is not sent.
        let wire = if new_param.location == "path" {
            Wire::Compatible
        } else if new_param.required() {
            Wire::Breaking
        } else {
            Wire::PotentiallyBreaking
        };
        let bump = setter_presence(ctx, op_id, &old_setter, Some(&new_setter));
        ctx.report(
            &PARAMETER_RENAMED,
            At::Head(new_param.entry.clone()),
            format!(
                "operation `{op_id}` {} parameter `{}`",
                new_param.location, new_param.name
            ),
            format!("`{}` → `{}`", old_param.name, new_param.name),
        )
        .wire(wire)
        .krate(bump)
        .used_by(&uses);
    }
    for (new_idx, param) in new.iter().enumerate() {
        if new_matched[new_idx] {
            continue;
        }
        let required = param.required();
        let setter = member_name(&param.name);
        let bump = match ctx.head_model.and_then(|it| it.setter(op_id, &setter)) {
            Some(ty) => (
                Bump::Minor,
                format!("new setter `{op_id}().{setter}()` taking `{ty}`"),
            ),
            None => (Bump::Minor, "a new builder setter (rule)".to_owned()),
        };
        ctx.report(
            &PARAMETER_ADDED,
            At::Head(param.entry.clone()),
            format!(
                "operation `{op_id}` {} parameter `{}`",
                param.location, param.name
            ),
            if required {
                "added (required)"
            } else {
                "added (optional)"
            },
        )
        .wire(if required {
            Wire::Breaking
        } else {
            Wire::Compatible
        })
        .krate(bump)
        .used_by(&uses);
    }
    for (old_idx, param) in old.iter().enumerate() {
        if old_matched[old_idx] {
            continue;
        }
        let bump = setter_presence(ctx, op_id, &member_name(&param.name), None);
        ctx.report(
            &PARAMETER_REMOVED,
            At::Base(param.entry.clone()),
            format!(
                "operation `{op_id}` {} parameter `{}`",
                param.location, param.name
            ),
            "removed",
        )
        .wire(Wire::PotentiallyBreaking)
        .krate(bump)
        .used_by(&uses);
    }
    for (old_idx, new_idx) in pairs {
        let (old_param, new_param) = (&old[old_idx], &new[new_idx]);
        let subject = new_param.subject(head, op_id);
        let setter = member_name(&new_param.name);
        if old_param.required() != new_param.required() {
            let required = new_param.required();
            let bump = match ctx.models().and_then(|(base_model, head_model)| {
                Some((
                    base_model.setter(op_id, &member_name(&old_param.name))?,
                    head_model.setter(op_id, &setter)?,
                ))
            }) {
                Some((old_ty, new_ty)) if old_ty == new_ty => (
                    Bump::Patch,
                    if required {
                        format!("`{op_id}().{setter}()` still takes `{new_ty}`; `send()` fails while it is unset")
                    } else {
                        format!("`{op_id}().{setter}()` still takes `{new_ty}`")
                    },
                ),
                Some((old_ty, new_ty)) => (
                    Bump::Major,
                    format!("`{op_id}().{setter}()` takes `{new_ty}` instead of `{old_ty}`"),
                ),
                None => (Bump::Patch, "the setter keeps its type (rule)".to_owned()),
            };
            let (kind, message, wire) = if required {
                (&PARAMETER_BECAME_REQUIRED, "now required", Wire::Breaking)
            } else {
                (&PARAMETER_BECAME_OPTIONAL, "now optional", Wire::Compatible)
            };
            let at = if new_param.value.get("required").is_some() {
                At::Head(child(&new_param.pointer, "required"))
            } else {
                At::Base(child(&old_param.pointer, "required"))
            };
            ctx.report(kind, at, subject.clone(), message)
                .wire(wire)
                .krate(bump)
                .used_by(&uses);
        }
        documentation(
            ctx,
            (&old_param.pointer, old_param.value),
            (&new_param.pointer, new_param.value),
            &subject,
            &uses,
        );
        if let (Some(old_schema), Some(new_schema)) = (old_param.schema(), new_param.schema()) {
            let scope = Scope {
                subject: subject.clone(),
                uses: uses.clone(),
                replaced: None,
                rust_type: Some(rust_operation_type_name(op_id, &new_param.name)),
                setter: Some((op_id.to_owned(), setter)),
                returns: None,
            };
            schemas::compare_inline(
                ctx,
                &scope,
                (&child(&old_param.pointer, "schema"), old_schema),
                (&child(&new_param.pointer, "schema"), new_schema),
            );
        }
    }
}

/// The crate level of a setter that goes (`new` is `None`) or is renamed.
fn setter_presence(ctx: &Ctx<'_>, op_id: &str, old: &str, new: Option<&str>) -> (Bump, String) {
    let found = ctx
        .base_model
        .and_then(|it| it.setter(op_id, old))
        .is_some();
    let suffix = if found { "" } else { " (rule)" };
    match new {
        Some(new) => (
            Bump::Major,
            format!("setter `{op_id}().{old}()` is renamed `{new}()`{suffix}"),
        ),
        None => (
            Bump::Major,
            format!("setter `{op_id}().{old}()` is gone{suffix}"),
        ),
    }
}

/// Descriptions and examples of a parameter, request body, response or media type.
fn documentation(
    ctx: &mut Ctx<'_>,
    (base_pointer, base): (&str, &Value),
    (head_pointer, head): (&str, &Value),
    subject: &str,
    uses: &BTreeSet<Use>,
) {
    for key in ["description", "example", "examples"] {
        let Some(message) = changed(base.get(key), head.get(key), key) else {
            continue;
        };
        let kind = if key == "description" {
            &DESCRIPTION_CHANGED
        } else {
            &EXAMPLE_CHANGED
        };
        let at = if head.get(key).is_some() {
            At::Head(child(head_pointer, key))
        } else {
            At::Base(child(base_pointer, key))
        };
        ctx.report(kind, at, subject, message)
            .krate((Bump::Patch, DOCUMENTATION.to_owned()))
            .used_by(uses);
    }
}

fn body(ctx: &mut Ctx<'_>, base: &Operation<'_>, head: &Operation<'_>, op_id: &str) {
    let old = request_body(ctx.root(Side::Base), base);
    let new = request_body(ctx.root(Side::Head), head);
    let uses: BTreeSet<Use> = [Use {
        operation: op_id.to_owned(),
        direction: Direction::Request,
    }]
    .into();
    let required = |body: &Value| {
        body.get("required")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    };
    let subject = format!("operation `{op_id}` request body");
    let (old_pointer, old_body, new_pointer, new_body) = match (old, new) {
        (None, None) => return,
        (None, Some((pointer, body))) => {
            let bump = match ctx.head_model.and_then(|it| it.setter(op_id, "body")) {
                Some(ty) => (
                    Bump::Minor,
                    format!("new setter `{op_id}().body()` taking `{ty}`"),
                ),
                None => (Bump::Minor, "new body setters (rule)".to_owned()),
            };
            let is_required = required(body);
            ctx.report(
                &REQUEST_BODY_ADDED,
                At::Head(pointer),
                subject,
                if is_required {
                    "added (required)"
                } else {
                    "added (optional)"
                },
            )
            .wire(if is_required {
                Wire::Breaking
            } else {
                Wire::Compatible
            })
            .krate(bump)
            .used_by(&uses);
            return;
        }
        (Some((pointer, _)), None) => {
            let bump = setter_presence(ctx, op_id, "body", None);
            ctx.report(&REQUEST_BODY_REMOVED, At::Base(pointer), subject, "removed")
                .wire(Wire::PotentiallyBreaking)
                .krate(bump)
                .used_by(&uses);
            return;
        }
        (Some((old_pointer, old_body)), Some((new_pointer, new_body))) => {
            (old_pointer, old_body, new_pointer, new_body)
        }
    };
    if required(old_body) != required(new_body) {
        let (kind, message, wire) = if required(new_body) {
            (
                &REQUEST_BODY_BECAME_REQUIRED,
                "now required",
                Wire::Breaking,
            )
        } else {
            (
                &REQUEST_BODY_BECAME_OPTIONAL,
                "now optional",
                Wire::Compatible,
            )
        };
        let at = if new_body.get("required").is_some() {
            At::Head(child(&new_pointer, "required"))
        } else {
            At::Base(child(&old_pointer, "required"))
        };
        ctx.report(kind, at, subject.clone(), message)
            .wire(wire)
            .krate((Bump::Patch, "the body setters stay".to_owned()))
            .used_by(&uses);
    }
    documentation(
        ctx,
        (&old_pointer, old_body),
        (&new_pointer, new_body),
        &subject,
        &uses,
    );
    let (Some((old_media_pointer, old_media)), Some((new_media_pointer, new_media))) = (
        json_media(&old_pointer, old_body),
        json_media(&new_pointer, new_body),
    ) else {
        return;
    };
    documentation(
        ctx,
        (&old_media_pointer, old_media),
        (&new_media_pointer, new_media),
        &subject,
        &uses,
    );
    if let (Some(old_schema), Some(new_schema)) = (old_media.get("schema"), new_media.get("schema"))
    {
        let scope = Scope {
            subject,
            uses,
            replaced: None,
            rust_type: Some(rust_operation_type_name(op_id, "body")),
            setter: Some((op_id.to_owned(), "body".to_owned())),
            returns: None,
        };
        schemas::compare_inline(
            ctx,
            &scope,
            (&child(&old_media_pointer, "schema"), old_schema),
            (&child(&new_media_pointer, "schema"), new_schema),
        );
    }
}

/// Whether `send()` of `op_id` returns the same type in both revisions.
fn returns_check(ctx: &Ctx<'_>, op_id: &str) -> (Bump, String) {
    let found = ctx.models().and_then(|(base, head)| {
        Some((
            base.operation(op_id)?.send_type().to_owned(),
            head.operation(op_id)?.send_type().to_owned(),
        ))
    });
    match found {
        Some((old, new)) if old == new => (
            Bump::Patch,
            format!("`{op_id}().send()` still returns `{new}`"),
        ),
        Some((old, new)) => (
            Bump::Major,
            format!("`{op_id}().send()` returns `{new}` instead of `{old}`"),
        ),
        None => (
            Bump::Patch,
            "`send()` returns the same type (rule)".to_owned(),
        ),
    }
}

fn compare_responses(ctx: &mut Ctx<'_>, base: &Operation<'_>, head: &Operation<'_>, op_id: &str) {
    let old = responses(ctx.root(Side::Base), base);
    let new = responses(ctx.root(Side::Head), head);
    let uses: BTreeSet<Use> = [Use {
        operation: op_id.to_owned(),
        direction: Direction::Response,
    }]
    .into();
    for response in &new {
        if old.iter().any(|it| it.status == response.status) {
            continue;
        }
        let bump = returns_check(ctx, op_id);
        ctx.report(
            &RESPONSE_ADDED,
            At::Head(response.pointer.clone()),
            format!("operation `{op_id}` response `{}`", response.status),
            "added",
        )
        .krate(bump)
        .used_by(&uses);
    }
    for response in &old {
        if new.iter().any(|it| it.status == response.status) {
            continue;
        }
        let wire = if is_success(response.status) {
            Wire::Breaking
        } else {
            Wire::Compatible
        };
        let bump = returns_check(ctx, op_id);
        ctx.report(
            &RESPONSE_REMOVED,
            At::Base(response.pointer.clone()),
            format!("operation `{op_id}` response `{}`", response.status),
            "removed",
        )
        .wire(wire)
        .krate(bump)
        .used_by(&uses);
    }
    for old_response in &old {
        let Some(new_response) = new.iter().find(|it| it.status == old_response.status) else {
            continue;
        };
        let component = new_response
            .value_pointer
            .strip_prefix("/components/responses/")
            .map(|it| last_segment(&format!("/{it}")));
        let subject = match component {
            Some(name) => format!("response `{name}`"),
            None => format!("operation `{op_id}` response `{}`", new_response.status),
        };
        documentation(
            ctx,
            (&old_response.value_pointer, old_response.value),
            (&new_response.value_pointer, new_response.value),
            &subject,
            &uses,
        );
        let (Some((old_media_pointer, old_media)), Some((new_media_pointer, new_media))) = (
            json_media(&old_response.value_pointer, old_response.value),
            json_media(&new_response.value_pointer, new_response.value),
        ) else {
            continue;
        };
        documentation(
            ctx,
            (&old_media_pointer, old_media),
            (&new_media_pointer, new_media),
            &subject,
            &uses,
        );
        let (Some(old_schema), Some(new_schema)) =
            (old_media.get("schema"), new_media.get("schema"))
        else {
            continue;
        };
        let success = is_success(new_response.status);
        let scope = Scope {
            subject,
            uses: uses.clone(),
            replaced: None,
            rust_type: success.then(|| rust_operation_type_name(op_id, "response")),
            setter: None,
            returns: success.then(|| op_id.to_owned()),
        };
        schemas::compare_inline(
            ctx,
            &scope,
            (&child(&old_media_pointer, "schema"), old_schema),
            (&child(&new_media_pointer, "schema"), new_schema),
        );
    }
}
