//! Operation matching: operations are matched by method and path (parameter names aside), then
//! by `operationId`; each pair is compared by the other families (parameters, bodies, responses,
//! security). Also the documentation keys shared by parameters, bodies and responses.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::diff::kinds::{
    DESCRIPTION_CHANGED, ENDPOINT_CHANGED, EXAMPLE_CHANGED, OPERATION_ADDED, OPERATION_ID_CHANGED,
    OPERATION_REMOVED,
};
use crate::diff::{
    bodies::body,
    document::{info, security, security_schemes, servers, DOCUMENTATION},
    parameters::parameters,
    responses::compare_responses,
    schemas::{changed, operation_name},
};
use crate::diff::{At, Bump, Ctx, Side, Use, Wire};
use crate::spec::child;
use crate::validate::openapi::{operations, Operation};

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

/// `(METHOD, /path/{}/x)`: the identity of an operation on the wire.
pub(crate) fn endpoint(op: &Operation<'_>) -> (String, String) {
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

/// Matches the operations of the two revisions (method and path, then `operationId`): added,
/// removed, and each pair compared.
pub(crate) fn compare_operations(ctx: &mut Ctx<'_>) {
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

/// One matched pair: its id, endpoint, documentation, parameters, body, responses, security.
pub(crate) fn compare_operation(ctx: &mut Ctx<'_>, base: &Operation<'_>, head: &Operation<'_>) {
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

/// Descriptions and examples of a parameter, request body, response or media type.
pub(crate) fn documentation(
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
