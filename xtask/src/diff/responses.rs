//! Responses: matched by status; added, removed, their documentation and their JSON schema.

use std::collections::BTreeSet;

use apipagos_codegen::rust_operation_type_name;

use crate::diff::kinds::{RESPONSE_ADDED, RESPONSE_REMOVED};
use crate::diff::{crate_level::returns_check, operations::documentation, schemas::Scope};
use crate::diff::{schemas, At, Ctx, Direction, Side, Use, Wire};
use crate::spec::{child, last_segment};
use crate::validate::openapi::{is_success, json_media, responses, Operation};

/// The responses of a matched pair of operations, matched by status.
pub(crate) fn compare_responses(
    ctx: &mut Ctx<'_>,
    base: &Operation<'_>,
    head: &Operation<'_>,
    op_id: &str,
) {
    let old = responses(ctx.root(Side::Base), base);
    let new = responses(ctx.root(Side::Head), head);
    let uses = BTreeSet::from([Use::new(op_id, Direction::Response)]);
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
