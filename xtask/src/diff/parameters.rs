//! Parameters: matched by location and name, then renames (a path parameter keeps its place in
//! the template, another its location, requiredness and schema); added, removed, required or
//! not, and their schemas.

use std::collections::BTreeSet;

use apipagos_codegen::{rust_member_name, rust_operation_type_name};
use serde_json::Value;

use crate::diff::kinds::{
    PARAMETER_ADDED, PARAMETER_BECAME_OPTIONAL, PARAMETER_BECAME_REQUIRED, PARAMETER_REMOVED,
    PARAMETER_RENAMED,
};
use crate::diff::{crate_level::setter_presence, operations::documentation, schemas::Scope};
use crate::diff::{schemas, At, Bump, Ctx, Direction, Side, Use, Wire};
use crate::spec::{child, last_segment};
use crate::validate::openapi::{effective_parameters, resolve, Operation};

/// A parameter of an operation, resolved.
pub(crate) struct Param<'a> {
    /// The entry in its `parameters` list.
    pub(crate) entry: String,
    /// Where its definition is (a component for a `$ref`).
    pub(crate) pointer: String,
    pub(crate) value: &'a Value,
    pub(crate) name: String,
    pub(crate) location: String,
    /// The `components/parameters` entry it refers to.
    pub(crate) component: Option<String>,
    /// Its position among the `{names}` of the path template.
    pub(crate) slot: Option<usize>,
}

impl Param<'_> {
    pub(crate) fn required(&self) -> bool {
        self.value
            .get("required")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    pub(crate) fn schema(&self) -> Option<&Value> {
        self.value.get("schema")
    }

    /// What its own changes (description, required, schema) are reported on: the component, the
    /// path item (shared by its operations) or the operation.
    pub(crate) fn subject(&self, op: &Operation<'_>, op_id: &str) -> String {
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

/// The effective parameters of `op` (path item and operation), resolved.
pub(crate) fn params<'a>(root: &'a Value, op: &Operation<'a>) -> Vec<Param<'a>> {
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

/// The parameters of a matched pair of operations.
pub(crate) fn parameters(
    ctx: &mut Ctx<'_>,
    base: &Operation<'_>,
    head: &Operation<'_>,
    op_id: &str,
) {
    let old = params(ctx.root(Side::Base), base);
    let new = params(ctx.root(Side::Head), head);
    let uses = BTreeSet::from([Use::new(op_id, Direction::Request)]);
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
        let (old_setter, new_setter) = (
            rust_member_name(&old_param.name),
            rust_member_name(&new_param.name),
        );
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
        let setter = rust_member_name(&param.name);
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
        let bump = setter_presence(ctx, op_id, &rust_member_name(&param.name), None);
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
        let setter = rust_member_name(&new_param.name);
        if old_param.required() != new_param.required() {
            let required = new_param.required();
            let bump = match ctx.models().and_then(|(base_model, head_model)| {
                Some((
                    base_model.setter(op_id, &rust_member_name(&old_param.name))?,
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
