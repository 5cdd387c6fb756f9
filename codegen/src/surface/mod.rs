//! The public surface of the generated client, as a typed model: what a reviewer of a spec change
//! reads, and what `cargo xtask diff` compares between two revisions.
//!
//! One [`SurfaceOperation`] per operation (method, path, `Client` method, builder setters, what
//! `send()` returns) and one [`SurfaceType`] per generated type with its fields or variants.
//! Builders, trait impls and bodies are left out: they follow from these. `read.rs` builds the
//! model from the generated syntax tree, `render.rs` prints it as the compact text that
//! `tests/surface.rs` snapshots.

mod read;
mod render;

use crate::Spec;

/// The public surface of one generated client.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Surface {
    /// Every operation of the spec, sorted by `operationId`, method and path.
    pub operations: Vec<SurfaceOperation>,
    /// Every type of the generated `types` module, in the generator's order.
    pub types: Vec<SurfaceType>,
}

/// A `Client` method and its builder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurfaceOperation {
    /// The `operationId`: the `Client` method (empty without one).
    pub id: String,
    /// `GET`, `PUT`…
    pub method: String,
    /// The path template: `/things/{code}`.
    pub path: String,
    /// The builder's setters, in builder order.
    pub params: Vec<Param>,
    /// What `send()` returns; `None` when progenitor generated no builder for the operation.
    pub returns: Option<String>,
}

/// A builder setter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// The setter's name: `per_page`.
    pub name: String,
    /// The type it accepts (`T` of its `V: TryInto<T>` bound): `NonZeroU64`.
    pub ty: String,
}

/// A type of the generated `types` module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurfaceType {
    /// The Rust name: `Thing`.
    pub name: String,
    pub shape: Shape,
}

/// What a generated type is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// `struct X { a: A }`.
    Struct {
        fields: Vec<Field>,
        /// It derives `Default` (every field is optional).
        default: bool,
    },
    /// `struct X(A, B)` (a newtype when there is one field).
    Tuple(Vec<String>),
    /// `struct X;`.
    Unit,
    /// `enum X { A, B(String) }`.
    Enum(Vec<Variant>),
    /// `type X = T`.
    Alias(String),
}

/// A pub field of a generated struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The Rust name: `type_`.
    pub name: String,
    /// The JSON name (its serde rename, else `name`): `type`.
    pub json: String,
    pub ty: String,
}

/// A variant of a generated enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// The Rust name: `Small`.
    pub name: String,
    /// The JSON value (its serde rename, else `name`): `small`.
    pub json: String,
    /// The variant as written: `Small`, `Text(String)`.
    pub rust: String,
}

impl Surface {
    /// Reads the surface of `client`, generated from `spec`.
    pub fn read(spec: &Spec, client: &syn::File) -> Surface {
        read::surface(spec, client)
    }

    /// The compact text of the surface: one line per operation, one block per type.
    pub fn render(&self) -> String {
        render::surface(self)
    }

    /// The operation whose `operationId` is `id`.
    pub fn operation(&self, id: &str) -> Option<&SurfaceOperation> {
        self.operations.iter().find(|it| it.id == id)
    }

    /// The generated type named `name`.
    pub fn type_named(&self, name: &str) -> Option<&SurfaceType> {
        self.types.iter().find(|it| it.name == name)
    }

    /// The field holding property `json` of struct `ty`.
    pub fn field(&self, ty: &str, json: &str) -> Option<&Field> {
        match &self.type_named(ty)?.shape {
            Shape::Struct { fields, .. } => fields.iter().find(|it| it.json == json),
            _ => None,
        }
    }

    /// Whether struct `ty` derives `Default` (`None` when `ty` is not a struct with fields).
    pub fn derives_default(&self, ty: &str) -> Option<bool> {
        match &self.type_named(ty)?.shape {
            Shape::Struct { default, .. } => Some(*default),
            _ => None,
        }
    }

    /// The type that setter `name` of operation `op` accepts.
    pub fn setter(&self, op: &str, name: &str) -> Option<&str> {
        self.operation(op)?
            .params
            .iter()
            .find(|it| it.name == name)
            .map(|it| it.ty.as_str())
    }
}

impl SurfaceOperation {
    /// What `send()` returns, as the compact text prints it (`<not generated>` without a
    /// builder).
    pub fn send_type(&self) -> &str {
        self.returns.as_deref().unwrap_or("<not generated>")
    }
}

impl Shape {
    /// The shape without its fields (compared on their own), as a phrase: `a struct`,
    /// `` `enum { A, B }` ``, ``a newtype of `String` ``, ``an alias of `T` ``.
    pub fn phrase(&self) -> String {
        match self {
            Shape::Struct { .. } | Shape::Unit => "a struct".to_owned(),
            Shape::Enum(variants) => {
                let names: Vec<&str> = variants.iter().map(|it| it.rust.as_str()).collect();
                format!("`enum {{ {} }}`", names.join(", "))
            }
            Shape::Tuple(inner) => format!("a newtype of `{}`", inner.join(", ")),
            Shape::Alias(target) => format!("an alias of `{target}`"),
        }
    }
}

/// The compact text of the surface of `client` (generated from `spec`): what `build.rs` writes
/// for `tests/surface.rs`.
pub fn public_surface(spec: &Spec, client: &syn::File) -> String {
    Surface::read(spec, client).render()
}
