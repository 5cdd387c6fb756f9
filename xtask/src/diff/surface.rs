//! The crate view: the client that `apipagos-codegen` generates from each revision, read back
//! into a model of its public surface, to confirm the semver impact of each change, to catch what
//! no spec rule explains, and to print the unified diff of the compact surface.
//!
//! The model comes from the compact surface (`public_surface`, what `tests/surface.rs` guards):
//! each operation with its builder setters and return type, each type with its fields, variants
//! or inner type. The generated syntax tree adds what the surface does not print: the JSON name
//! of each field and variant (serde renames) and whether a struct derives `Default`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use apipagos_codegen::{generate_client, parse_spec, public_surface, Options};

use super::Bump;

/// The public surface of one generated client.
#[derive(Debug, Default)]
pub(crate) struct Model {
    /// The compact surface, as `public_surface` prints it.
    pub(crate) text: String,
    /// By `operationId` (the `Client` method).
    pub(crate) operations: BTreeMap<String, Operation>,
    /// By Rust name, in `types`.
    pub(crate) types: BTreeMap<String, Type>,
}

/// A `Client` method and its builder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Operation {
    /// `(setter, type it accepts)`, in builder order.
    pub(crate) setters: Vec<(String, String)>,
    /// What `send()` returns.
    pub(crate) returns: String,
}

/// A generated type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Type {
    Struct {
        fields: Vec<Field>,
        /// It derives `Default` (every field is optional).
        default: bool,
    },
    Enum {
        variants: Vec<Variant>,
    },
    /// `struct X(T)`.
    Newtype(String),
    /// `type X = T`.
    Alias(String),
}

/// A pub field of a generated struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Field {
    /// The property name.
    pub(crate) json: String,
    pub(crate) rust: String,
    pub(crate) ty: String,
}

/// A variant of a generated enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Variant {
    /// The enum value.
    pub(crate) json: String,
    /// `Small`, or `Text(String)` for a variant with data.
    pub(crate) rust: String,
}

/// A difference between two surfaces, with its semver impact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SurfaceChange {
    pub(crate) bump: Bump,
    /// `struct Thing gained field note`.
    pub(crate) message: String,
}

impl Model {
    /// The type of the field holding property `json` of struct `ty`.
    pub(crate) fn field(&self, ty: &str, json: &str) -> Option<&Field> {
        match self.types.get(ty)? {
            Type::Struct { fields, .. } => fields.iter().find(|it| it.json == json),
            _ => None,
        }
    }

    /// Whether struct `ty` derives `Default`.
    pub(crate) fn derives_default(&self, ty: &str) -> Option<bool> {
        match self.types.get(ty)? {
            Type::Struct { default, .. } => Some(*default),
            _ => None,
        }
    }

    /// The setter `name` of operation `op`, with its type.
    pub(crate) fn setter(&self, op: &str, name: &str) -> Option<&str> {
        let op = self.operations.get(op)?;
        op.setters
            .iter()
            .find(|(setter, _)| setter == name)
            .map(|(_, ty)| ty.as_str())
    }
}

impl Type {
    /// The shape of the type without its fields (compared on their own), as a phrase: `a
    /// struct`, `` `enum { A, B }` ``, ``a newtype of `String` ``, ``an alias of `T` ``.
    pub(crate) fn shape(&self) -> String {
        match self {
            Type::Struct { .. } => "a struct".to_owned(),
            Type::Enum { variants } => {
                let names: Vec<&str> = variants.iter().map(|it| it.rust.as_str()).collect();
                format!("`enum {{ {} }}`", names.join(", "))
            }
            Type::Newtype(inner) => format!("a newtype of `{inner}`"),
            Type::Alias(target) => format!("an alias of `{target}`"),
        }
    }
}

/// Generates the client from spec `text` (named `path` in errors) and reads its surface.
pub(crate) fn generate(path: &Path, text: &str) -> Result<Model, String> {
    let spec = parse_spec(path, text).map_err(|err| err.to_string())?;
    let client = generate_client(&spec, Options::default()).map_err(|err| err.to_string())?;
    let text = public_surface(&spec, &client.file);
    let names = serde_names(&client.file);
    Ok(read_surface(text, &names))
}

/// What the syntax tree says that the compact surface does not.
#[derive(Default)]
struct SerdeNames {
    /// `(type, Rust field or variant)` → JSON name.
    renames: BTreeMap<(String, String), String>,
    /// Structs deriving `Default`.
    default: BTreeSet<String>,
}

fn serde_names(file: &syn::File) -> SerdeNames {
    let mut res = SerdeNames::default();
    let Some(items) = file.items.iter().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == "types" => m.content.as_ref().map(|(_, items)| items),
        _ => None,
    }) else {
        return res;
    };
    for item in items {
        match item {
            syn::Item::Struct(s) => {
                let name = s.ident.to_string();
                if derives(&s.attrs, "Default") {
                    res.default.insert(name.clone());
                }
                for field in &s.fields {
                    let (Some(ident), Some(rename)) = (&field.ident, rename(&field.attrs)) else {
                        continue;
                    };
                    res.renames
                        .insert((name.clone(), ident.to_string()), rename);
                }
            }
            syn::Item::Enum(e) => {
                let name = e.ident.to_string();
                for variant in &e.variants {
                    if let Some(rename) = rename(&variant.attrs) {
                        res.renames
                            .insert((name.clone(), variant.ident.to_string()), rename);
                    }
                }
            }
            _ => {}
        }
    }
    res
}

/// `x` of `#[serde(rename = "x", …)]`.
fn rename(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find_map(|attr| {
        let syn::Meta::List(list) = &attr.meta else {
            return None;
        };
        if !list.path.is_ident("serde") {
            return None;
        }
        let tokens = list.tokens.to_string();
        let start = tokens.find("rename = \"")? + "rename = \"".len();
        let end = tokens[start..].find('"')?;
        Some(tokens[start..start + end].replace("\\\"", "\""))
    })
}

fn derives(attrs: &[syn::Attribute], name: &str) -> bool {
    attrs.iter().any(|attr| {
        let syn::Meta::List(list) = &attr.meta else {
            return false;
        };
        list.path.is_ident("derive")
            && list
                .tokens
                .to_string()
                .split(',')
                .any(|it| it.trim().rsplit("::").next().map(str::trim) == Some(name))
    })
}

/// Reads the compact surface (see `apipagos_codegen::public_surface` for its grammar).
fn read_surface(text: String, names: &SerdeNames) -> Model {
    let mut operations = BTreeMap::new();
    let mut types = BTreeMap::new();
    let mut lines = text.lines();
    let mut in_types = false;
    while let Some(line) = lines.next() {
        if line == "# Types" {
            in_types = true;
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if !in_types {
            if let Some((id, operation)) = read_operation(line) {
                operations.insert(id, operation);
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("struct ") {
            if let Some(name) = rest.strip_suffix(" {") {
                let mut fields = Vec::new();
                for field_line in lines.by_ref() {
                    if field_line == "}" {
                        break;
                    }
                    let field_line = field_line.trim().trim_end_matches(',');
                    let Some((rust, ty)) = field_line.split_once(": ") else {
                        continue;
                    };
                    let json = names
                        .renames
                        .get(&(name.to_owned(), rust.to_owned()))
                        .cloned()
                        .unwrap_or_else(|| rust.to_owned());
                    fields.push(Field {
                        json,
                        rust: rust.to_owned(),
                        ty: ty.to_owned(),
                    });
                }
                let default = names.default.contains(name);
                types.insert(name.to_owned(), Type::Struct { fields, default });
            } else if let Some((name, inner)) = rest.split_once('(') {
                let inner = inner.strip_suffix(')').unwrap_or(inner);
                types.insert(name.to_owned(), Type::Newtype(inner.to_owned()));
            } else {
                types.insert(
                    rest.to_owned(),
                    Type::Struct {
                        fields: Vec::new(),
                        default: names.default.contains(rest),
                    },
                );
            }
        } else if let Some(rest) = line.strip_prefix("enum ") {
            let Some((name, body)) = rest.split_once(" { ") else {
                continue;
            };
            let body = body.strip_suffix(" }").unwrap_or(body);
            let variants = split_top_level(body)
                .into_iter()
                .map(|rust| {
                    let ident = rust.split(['(', ' ', '{']).next().unwrap_or(&rust);
                    let json = names
                        .renames
                        .get(&(name.to_owned(), ident.to_owned()))
                        .cloned()
                        .unwrap_or_else(|| ident.to_owned());
                    Variant { json, rust }
                })
                .collect();
            types.insert(name.to_owned(), Type::Enum { variants });
        } else if let Some(rest) = line.strip_prefix("type ") {
            if let Some((name, target)) = rest.split_once(" = ") {
                types.insert(name.to_owned(), Type::Alias(target.to_owned()));
            }
        }
    }
    Model {
        text,
        operations,
        types,
    }
}

/// `METHOD /path id(a: A, b: B) -> Returns`.
fn read_operation(line: &str) -> Option<(String, Operation)> {
    let mut parts = line.splitn(3, ' ');
    let (_method, _path, rest) = (parts.next()?, parts.next()?, parts.next()?);
    let open = rest.find('(')?;
    let id = rest[..open].to_owned();
    let (params, returns) = rest[open + 1..].rsplit_once(") -> ")?;
    let setters = split_top_level(params)
        .into_iter()
        .filter_map(|param| {
            let (name, ty) = param.split_once(": ")?;
            Some((name.to_owned(), ty.to_owned()))
        })
        .collect();
    Some((
        id,
        Operation {
            setters,
            returns: returns.to_owned(),
        },
    ))
}

/// Splits `a, B<c, d>, e(f, g)` at the commas outside brackets.
fn split_top_level(text: &str) -> Vec<String> {
    let mut res = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    for ch in text.chars() {
        match ch {
            '<' | '(' | '[' | '{' => depth += 1,
            '>' | ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                res.push(current.trim().to_owned());
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(ch);
    }
    if !current.trim().is_empty() {
        res.push(current.trim().to_owned());
    }
    res
}

/// Every difference between two surfaces, with its semver impact: what goes or changes is major,
/// what is new is minor, except a new field of a struct (struct literals break) or a new variant
/// of an enum (matches break), which are major.
pub(crate) fn changes(base: &Model, head: &Model) -> Vec<SurfaceChange> {
    let mut res = Vec::new();
    let mut push = |bump: Bump, message: String| res.push(SurfaceChange { bump, message });
    for (id, old) in &base.operations {
        let Some(new) = head.operations.get(id) else {
            push(Bump::Major, format!("method `{id}` removed"));
            continue;
        };
        for (setter, ty) in &old.setters {
            match new.setters.iter().find(|(name, _)| name == setter) {
                None => push(Bump::Major, format!("setter `{id}().{setter}()` removed")),
                Some((_, new_ty)) if new_ty != ty => push(
                    Bump::Major,
                    format!("setter `{id}().{setter}()` takes `{new_ty}` instead of `{ty}`"),
                ),
                Some(_) => {}
            }
        }
        for (setter, _) in &new.setters {
            if !old.setters.iter().any(|(name, _)| name == setter) {
                push(Bump::Minor, format!("setter `{id}().{setter}()` added"));
            }
        }
        if old.returns != new.returns {
            push(
                Bump::Major,
                format!(
                    "`{id}().send()` returns `{}` instead of `{}`",
                    new.returns, old.returns
                ),
            );
        }
    }
    for id in head.operations.keys() {
        if !base.operations.contains_key(id) {
            push(Bump::Minor, format!("method `{id}` added"));
        }
    }
    for (name, old) in &base.types {
        let Some(new) = head.types.get(name) else {
            push(Bump::Major, format!("type `{name}` removed"));
            continue;
        };
        match (old, new) {
            (
                Type::Struct {
                    fields: old_fields,
                    default: old_default,
                },
                Type::Struct {
                    fields: new_fields,
                    default: new_default,
                },
            ) => {
                for field in old_fields {
                    match new_fields.iter().find(|it| it.rust == field.rust) {
                        None => push(
                            Bump::Major,
                            format!("field `{name}::{}` removed", field.rust),
                        ),
                        Some(new_field) if new_field.ty != field.ty => push(
                            Bump::Major,
                            format!(
                                "field `{name}::{}` is `{}` instead of `{}`",
                                field.rust, new_field.ty, field.ty
                            ),
                        ),
                        Some(_) => {}
                    }
                }
                for field in new_fields {
                    if !old_fields.iter().any(|it| it.rust == field.rust) {
                        push(Bump::Major, format!("field `{name}::{}` added", field.rust));
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
            (Type::Enum { variants: old }, Type::Enum { variants: new }) => {
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
                format!("`{name}` is {} instead of {}", new.shape(), old.shape()),
            ),
            _ => {}
        }
    }
    for name in head.types.keys() {
        if !base.types.contains_key(name) {
            push(Bump::Minor, format!("type `{name}` added"));
        }
    }
    res
}

/// The unified diff of two compact surfaces (empty when they are equal).
pub(crate) fn unified_diff(
    base: &Model,
    head: &Model,
    base_label: &str,
    head_label: &str,
) -> String {
    if base.text == head.text {
        return String::new();
    }
    let diff = similar::TextDiff::from_lines(&base.text, &head.text);
    let mut res = String::new();
    let _ = write!(
        res,
        "{}",
        diff.unified_diff()
            .context_radius(2)
            .header(base_label, head_label)
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_compact_surface() {
        let text = "# Operations\nGET /things/{code} get_thing(code: String, tags: HashMap<String, Vec<u8>>) -> Result<ResponseValue<Thing>, Error<ErrorBody>>\n\n# Types\nstruct Thing {\n    code: Option<String>,\n    type_: Option<String>,\n}\nenum Kind { Small, Large, Other(String) }\nstruct Code(String)\ntype Map = serde_json::Map<String, serde_json::Value>\n";
        let mut names = SerdeNames::default();
        names
            .renames
            .insert(("Thing".into(), "type_".into()), "type".into());
        names
            .renames
            .insert(("Kind".into(), "Small".into()), "small".into());
        names.default.insert("Thing".into());
        let model = read_surface(text.to_owned(), &names);
        assert_eq!(
            model.operations["get_thing"].setters,
            vec![
                ("code".to_owned(), "String".to_owned()),
                ("tags".to_owned(), "HashMap<String, Vec<u8>>".to_owned())
            ]
        );
        assert_eq!(
            model.operations["get_thing"].returns,
            "Result<ResponseValue<Thing>, Error<ErrorBody>>"
        );
        assert_eq!(
            model.field("Thing", "type").map(|it| it.ty.as_str()),
            Some("Option<String>")
        );
        assert_eq!(model.derives_default("Thing"), Some(true));
        assert_eq!(
            model.types["Kind"].shape(),
            "`enum { Small, Large, Other(String) }`"
        );
        let Type::Enum { variants } = &model.types["Kind"] else {
            panic!("Kind is an enum");
        };
        assert_eq!(variants[0].json, "small");
        assert_eq!(model.types["Code"], Type::Newtype("String".into()));
        assert_eq!(
            model.types["Map"],
            Type::Alias("serde_json::Map<String, serde_json::Value>".into())
        );
    }
}
