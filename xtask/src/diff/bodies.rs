//! Request bodies: added, removed, required or not, their documentation and their JSON schema.

use std::collections::BTreeSet;

use apipagos_codegen::rust_operation_type_name;
use serde_json::Value;

use crate::diff::kinds::{
    REQUEST_BODY_ADDED, REQUEST_BODY_BECAME_OPTIONAL, REQUEST_BODY_BECAME_REQUIRED,
    REQUEST_BODY_REMOVED,
};
use crate::diff::{crate_level::setter_presence, operations::documentation, schemas::Scope};
use crate::diff::{schemas, At, Bump, Ctx, Direction, Side, Use, Wire};
use crate::spec::child;
use crate::validate::openapi::{json_media, request_body, Operation};

/// The request bodies of a matched pair of operations.
pub(crate) fn body(ctx: &mut Ctx<'_>, base: &Operation<'_>, head: &Operation<'_>, op_id: &str) {
    let old = request_body(ctx.root(Side::Base), base);
    let new = request_body(ctx.root(Side::Head), head);
    let uses = BTreeSet::from([Use::new(op_id, Direction::Request)]);
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
