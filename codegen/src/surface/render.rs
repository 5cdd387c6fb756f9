//! The compact text of a [`Surface`]: what `tests/surface.rs` snapshots and `xtask diff` shows
//! as a unified diff.
//!
//! ```text
//! # Operations
//! GET /things/{code} get_thing(code: PathSegment) -> Result<ResponseValue<Thing>, Error<ErrorBody>>
//!
//! # Types
//! struct Thing {
//!     code: Option<String>,
//! }
//! enum ThingKind { Large, Small }
//! ```

use std::fmt::Write as _;

use super::{Shape, Surface};

/// Operations sorted by (operationId, method, path), then types in the generator's order.
pub(super) fn surface(surface: &Surface) -> String {
    let mut out = String::from("# Operations\n");
    for op in &surface.operations {
        let params: Vec<String> = op
            .params
            .iter()
            .map(|it| format!("{}: {}", it.name, it.ty))
            .collect();
        let _ = writeln!(
            out,
            "{} {} {}({}) -> {}",
            op.method,
            op.path,
            op.id,
            params.join(", "),
            op.send_type()
        );
    }
    out.push_str("\n# Types\n");
    for ty in &surface.types {
        let name = &ty.name;
        match &ty.shape {
            Shape::Struct { fields, .. } => {
                let _ = writeln!(out, "struct {name} {{");
                for field in fields {
                    let _ = writeln!(out, "    {}: {},", field.name, field.ty);
                }
                out.push_str("}\n");
            }
            Shape::Tuple(inner) => {
                let _ = writeln!(out, "struct {name}({})", inner.join(", "));
            }
            Shape::Unit => {
                let _ = writeln!(out, "struct {name}");
            }
            Shape::Enum(variants) => {
                let variants: Vec<&str> = variants.iter().map(|it| it.rust.as_str()).collect();
                let _ = writeln!(out, "enum {name} {{ {} }}", variants.join(", "));
            }
            Shape::Alias(target) => {
                let _ = writeln!(out, "type {name} = {target}");
            }
        }
    }
    out
}
