//! The crate level of a change: what the generated surfaces of the two revisions say about the
//! field, type, setter or `send()` at stake, or the kind's rule when they cannot be compared.

use apipagos_codegen::Shape;
use serde_json::Value;

use crate::diff::schemas::{Node, Scope};
use crate::diff::{Bump, Ctx, Side};
use crate::validate::openapi::RUST_TYPE_EXTENSION;

/// The crate level of a setter that goes (`new` is `None`) or is renamed.
pub(crate) fn setter_presence(
    ctx: &Ctx<'_>,
    op_id: &str,
    old: &str,
    new: Option<&str>,
) -> (Bump, String) {
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

/// Whether `send()` of `op_id` returns the same type in both revisions.
pub(crate) fn returns_check(ctx: &Ctx<'_>, op_id: &str) -> (Bump, String) {
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

/// What the crate check compares for a change at a node.
#[derive(Clone, Copy)]
pub(crate) struct Checks {
    /// The type of the struct field holding the node.
    pub(crate) field: bool,
    /// The shape of the type generated for the node (enum variants, newtype inner type).
    pub(crate) rust_type: bool,
    /// Whether the struct holding the node derives `Default`.
    pub(crate) default: bool,
}

/// Compare the field holding the node and the type it generates.
pub(crate) const FIELD_AND_TYPE: Checks = Checks {
    field: true,
    rust_type: true,
    default: false,
};

/// The crate level of a change at `node`: the rule's `default` unless the generated code shows
/// otherwise (what the checks compare differs: major; all equal: patch).
pub(crate) fn crate_level(
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

/// The crate level of a property that appears (`side` head) or goes (`side` base).
pub(crate) fn field_presence(
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

/// The hand-written Rust type that replaces a schema (`x-apipagos-rust-type`).
pub(crate) fn hand_written(schema: &Value) -> Option<&str> {
    schema.get(RUST_TYPE_EXTENSION).and_then(Value::as_str)
}
