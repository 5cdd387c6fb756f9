//! The crate view: the typed [`Surface`] of the client that `apipagos-codegen` generates from each
//! revision (the model `tests/surface.rs` snapshots as text), to confirm the semver impact of
//! each change, to catch what no spec rule explains, and to print the unified diff of the
//! compact surface.

use std::path::Path;

use apipagos_codegen::{generate_client, parse_spec, Options, Shape, Surface};

use super::Bump;

/// A difference between two surfaces, with its semver impact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SurfaceChange {
    pub(crate) bump: Bump,
    /// `` field `Thing::note` added ``.
    pub(crate) message: String,
}

/// Generates the client from spec `text` (named `path` in errors) and reads its surface.
pub(crate) fn generate(path: &Path, text: &str) -> Result<Surface, String> {
    let spec = parse_spec(path, text).map_err(|err| err.to_string())?;
    let client = generate_client(&spec, Options::default()).map_err(|err| err.to_string())?;
    Ok(Surface::read(&spec, &client.file))
}

/// Every difference between two surfaces, with its semver impact: what goes or changes is major,
/// what is new is minor, except a new field of a struct (struct literals break) or a new variant
/// of an enum (matches break), which are major.
pub(crate) fn changes(base: &Surface, head: &Surface) -> Vec<SurfaceChange> {
    let mut res = Vec::new();
    let mut push = |bump: Bump, message: String| res.push(SurfaceChange { bump, message });
    for old in &base.operations {
        let id = &old.id;
        let Some(new) = head.operation(id) else {
            push(Bump::Major, format!("method `{id}` removed"));
            continue;
        };
        for param in &old.params {
            match new.params.iter().find(|it| it.name == param.name) {
                None => push(
                    Bump::Major,
                    format!("setter `{id}().{}()` removed", param.name),
                ),
                Some(new_param) if new_param.ty != param.ty => push(
                    Bump::Major,
                    format!(
                        "setter `{id}().{}()` takes `{}` instead of `{}`",
                        param.name, new_param.ty, param.ty
                    ),
                ),
                Some(_) => {}
            }
        }
        for param in &new.params {
            if !old.params.iter().any(|it| it.name == param.name) {
                push(
                    Bump::Minor,
                    format!("setter `{id}().{}()` added", param.name),
                );
            }
        }
        if old.returns != new.returns {
            push(
                Bump::Major,
                format!(
                    "`{id}().send()` returns `{}` instead of `{}`",
                    new.send_type(),
                    old.send_type()
                ),
            );
        }
    }
    for new in &head.operations {
        if base.operation(&new.id).is_none() {
            push(Bump::Minor, format!("method `{}` added", new.id));
        }
    }
    for old in &base.types {
        let name = &old.name;
        let Some(new) = head.type_named(name) else {
            push(Bump::Major, format!("type `{name}` removed"));
            continue;
        };
        match (&old.shape, &new.shape) {
            (
                Shape::Struct {
                    fields: old_fields,
                    default: old_default,
                },
                Shape::Struct {
                    fields: new_fields,
                    default: new_default,
                },
            ) => {
                for field in old_fields {
                    match new_fields.iter().find(|it| it.name == field.name) {
                        None => push(
                            Bump::Major,
                            format!("field `{name}::{}` removed", field.name),
                        ),
                        Some(new_field) if new_field.ty != field.ty => push(
                            Bump::Major,
                            format!(
                                "field `{name}::{}` is `{}` instead of `{}`",
                                field.name, new_field.ty, field.ty
                            ),
                        ),
                        Some(_) => {}
                    }
                }
                for field in new_fields {
                    if !old_fields.iter().any(|it| it.name == field.name) {
                        push(Bump::Major, format!("field `{name}::{}` added", field.name));
                    }
                }
                match (old_default, new_default) {
                    (true, false) => push(
                        Bump::Major,
                        format!("`{name}` no longer implements `Default`"),
                    ),
                    (false, true) => push(Bump::Minor, format!("`{name}` implements `Default`")),
                    _ => {}
                }
            }
            (Shape::Enum(old), Shape::Enum(new)) => {
                for variant in old {
                    if !new.contains(variant) {
                        push(
                            Bump::Major,
                            format!("variant `{name}::{}` removed", variant.rust),
                        );
                    }
                }
                for variant in new {
                    if !old.contains(variant) {
                        push(
                            Bump::Major,
                            format!("variant `{name}::{}` added", variant.rust),
                        );
                    }
                }
            }
            (old, new) if old != new => push(
                Bump::Major,
                format!("`{name}` is {} instead of {}", new.phrase(), old.phrase()),
            ),
            _ => {}
        }
    }
    for new in &head.types {
        if base.type_named(&new.name).is_none() {
            push(Bump::Minor, format!("type `{}` added", new.name));
        }
    }
    res
}

/// The unified diff of the compact texts of two surfaces (empty when they are equal): for people
/// only, every decision above reads the typed surfaces.
pub(crate) fn unified_diff(
    base: &Surface,
    head: &Surface,
    base_label: &str,
    head_label: &str,
) -> String {
    let (base_text, head_text) = (base.render(), head.render());
    if base_text == head_text {
        return String::new();
    }
    similar::TextDiff::from_lines(&base_text, &head_text)
        .unified_diff()
        .context_radius(2)
        .header(base_label, head_label)
        .to_string()
}
