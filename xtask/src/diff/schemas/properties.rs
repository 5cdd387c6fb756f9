//! Object properties: added, removed, required or optional, and each property's own schema.

use apipagos_codegen::rust_property_type_name;
use serde_json::{Map, Value};

use crate::diff::kinds::{
    PROPERTY_ADDED, PROPERTY_BECAME_OPTIONAL, PROPERTY_BECAME_REQUIRED, PROPERTY_REMOVED,
};
use crate::diff::{
    crate_level::{crate_level, field_presence, Checks},
    schemas::{by_direction, compare_node, subject, title_or, Node, Scope, View},
};
use crate::diff::{At, Bump, Ctx, Side, Wire};
use crate::spec::child;

/// The properties of an object schema: added, removed, required or not, and each one compared.
pub(crate) fn properties(ctx: &mut Ctx<'_>, scope: &Scope, node: &Node) {
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
