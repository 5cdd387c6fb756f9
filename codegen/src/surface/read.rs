//! Reading the [`Surface`] from the generated syntax tree: the operations of the spec with their
//! builder's setters and `send()` type, the types of the `types` module with their fields or
//! variants, serde renames (the JSON names) and derived `Default`s.

use std::collections::BTreeMap;

use quote::ToTokens;

use super::{Field, Param, Shape, Surface, SurfaceOperation, SurfaceType, Variant};
use crate::Spec;

/// The surface of `client`, generated from `spec`.
pub(super) fn surface(spec: &Spec, client: &syn::File) -> Surface {
    let builders = builder_signatures(client);
    let mut operations = Vec::new();
    for (route, item) in &spec.openapi.paths.paths {
        let Some(item) = item.as_item() else { continue };
        for (method, operation) in item.iter() {
            let id = operation.operation_id.clone().unwrap_or_default();
            let builder = builders.get(&id);
            operations.push(SurfaceOperation {
                method: method.to_uppercase(),
                path: route.clone(),
                params: builder.map(|b| b.setters.clone()).unwrap_or_default(),
                returns: builder.map(|b| b.returns.clone()),
                id,
            });
        }
    }
    operations.sort_by(|a, b| (&a.id, &a.method, &a.path).cmp(&(&b.id, &b.method, &b.path)));
    let types = module(&client.items, "types")
        .unwrap_or(&[])
        .iter()
        .filter_map(read_type)
        .collect();
    Surface { operations, types }
}

struct BuilderSignature {
    setters: Vec<Param>,
    returns: String,
}

/// Builder setters and `send` return type, keyed by the `Client` method (the operationId).
fn builder_signatures(client: &syn::File) -> BTreeMap<String, BuilderSignature> {
    let mut builder_of_method = BTreeMap::new();
    for item in &client.items {
        let syn::Item::Impl(imp) = item else { continue };
        if imp.trait_.is_some() || tokens(&imp.self_ty) != "Client" {
            continue;
        }
        for member in &imp.items {
            let syn::ImplItem::Fn(f) = member else {
                continue;
            };
            if let syn::ReturnType::Type(_, ty) = &f.sig.output {
                if let Some(name) = last_segment(ty) {
                    builder_of_method.insert(f.sig.ident.to_string(), name);
                }
            }
        }
    }
    let mut setters_of_builder: BTreeMap<String, BuilderSignature> = BTreeMap::new();
    for item in module(&client.items, "builder").unwrap_or(&[]) {
        let syn::Item::Impl(imp) = item else { continue };
        let Some(name) = last_segment(&imp.self_ty) else {
            continue;
        };
        let signature = setters_of_builder.entry(name).or_insert(BuilderSignature {
            setters: Vec::new(),
            returns: String::new(),
        });
        for member in &imp.items {
            let syn::ImplItem::Fn(f) = member else {
                continue;
            };
            // Only what a user can call (no private method of a builder).
            if !matches!(f.vis, syn::Visibility::Public(_)) {
                continue;
            }
            let fn_name = f.sig.ident.to_string();
            match fn_name.as_str() {
                "new" => {}
                "send" => {
                    if let syn::ReturnType::Type(_, ty) = &f.sig.output {
                        signature.returns = tokens(ty);
                    }
                }
                _ => signature.setters.push(Param {
                    ty: setter_type(f),
                    name: fn_name,
                }),
            }
        }
    }
    builder_of_method
        .into_iter()
        .filter_map(|(method, builder)| setters_of_builder.remove(&builder).map(|s| (method, s)))
        .collect()
}

/// The type a setter accepts: `T` of its `V: TryInto<T>` (or `V: crate::BodyValue<T>`) bound,
/// else its first argument's type.
fn setter_type(f: &syn::ImplItemFn) -> String {
    if let Some(clause) = &f.sig.generics.where_clause {
        for predicate in &clause.predicates {
            let text = tokens(predicate);
            for bound in ["TryInto<", "BodyValue<"] {
                if let Some(start) = text.find(bound) {
                    let inner = &text[start + bound.len()..];
                    return inner.strip_suffix('>').unwrap_or(inner).to_owned();
                }
            }
        }
    }
    f.sig
        .inputs
        .iter()
        .find_map(|arg| match arg {
            syn::FnArg::Typed(typed) => Some(tokens(&typed.ty)),
            syn::FnArg::Receiver(_) => None,
        })
        .unwrap_or_default()
}

fn read_type(item: &syn::Item) -> Option<SurfaceType> {
    let (name, shape) = match item {
        syn::Item::Struct(s) => {
            let shape = match &s.fields {
                syn::Fields::Named(named) => Shape::Struct {
                    fields: named
                        .named
                        .iter()
                        .map(|field| {
                            let name = field
                                .ident
                                .as_ref()
                                .map(ToString::to_string)
                                .unwrap_or_default();
                            Field {
                                json: serde_rename(&field.attrs).unwrap_or_else(|| name.clone()),
                                ty: tokens(&field.ty),
                                name,
                            }
                        })
                        .collect(),
                    default: derives(&s.attrs, "Default"),
                },
                syn::Fields::Unnamed(unnamed) => {
                    Shape::Tuple(unnamed.unnamed.iter().map(|f| tokens(&f.ty)).collect())
                }
                syn::Fields::Unit => Shape::Unit,
            };
            (s.ident.to_string(), shape)
        }
        syn::Item::Enum(e) => {
            let variants = e
                .variants
                .iter()
                .map(|v| {
                    let name = v.ident.to_string();
                    Variant {
                        json: serde_rename(&v.attrs).unwrap_or_else(|| name.clone()),
                        rust: match &v.fields {
                            syn::Fields::Unit => name.clone(),
                            fields => format!("{name}{}", tokens(fields)),
                        },
                        name,
                    }
                })
                .collect();
            (e.ident.to_string(), Shape::Enum(variants))
        }
        syn::Item::Type(t) => (t.ident.to_string(), Shape::Alias(tokens(&t.ty))),
        _ => return None,
    };
    Some(SurfaceType { name, shape })
}

/// `x` of `#[serde(rename = "x", …)]`.
fn serde_rename(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find_map(|attr| {
        let syn::Meta::List(list) = &attr.meta else {
            return None;
        };
        if !list.path.is_ident("serde") {
            return None;
        }
        let mut rename = None;
        // Nested metas of other shapes (`default`, `skip_serializing_if = "…"`) are skipped.
        let _ = list.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                let value: syn::LitStr = meta.value()?.parse()?;
                rename = Some(value.value());
            } else if meta.input.peek(syn::Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            } else if meta.input.peek(syn::token::Paren) {
                meta.parse_nested_meta(|_| Ok(()))?;
            }
            Ok(())
        });
        rename
    })
}

/// Whether `#[derive(…)]` lists `name` (`Default`, `::std::default::Default`).
fn derives(attrs: &[syn::Attribute], name: &str) -> bool {
    attrs.iter().any(|attr| {
        let syn::Meta::List(list) = &attr.meta else {
            return false;
        };
        if !list.path.is_ident("derive") {
            return false;
        }
        let mut found = false;
        let _ = list.parse_nested_meta(|meta| {
            found |= meta.path.segments.last().is_some_and(|it| it.ident == name);
            Ok(())
        });
        found
    })
}

fn module<'a>(items: &'a [syn::Item], name: &str) -> Option<&'a [syn::Item]> {
    items.iter().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == name => m.content.as_ref().map(|(_, items)| &items[..]),
        _ => None,
    })
}

fn last_segment(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// Tokens as compact text: `Option<types::Money>` rather than `Option < types :: Money >`.
fn tokens(node: &impl ToTokens) -> String {
    let text = node.to_token_stream().to_string();
    let mut res = String::with_capacity(text.len());
    for piece in text.split(' ') {
        let glue = matches!(piece, "<" | ">" | "::" | "," | ")" | "(" | "&" | "'")
            || res.ends_with(['<', '(', '&', '\''])
            || res.ends_with("::");
        if !res.is_empty() && !glue {
            res.push(' ');
        }
        if piece == "," {
            res.push_str(", ");
            continue;
        }
        res.push_str(piece);
    }
    let res = res
        .replace(",  ", ", ")
        .replace(" ,", ",")
        .replace(", >", ">");
    // Paths a reviewer does not need: std's prelude types and the crate's own modules.
    [
        ("::std::option::", ""),
        ("::std::string::", ""),
        ("::std::vec::", ""),
        ("::std::num::", ""),
        ("::std::collections::", ""),
        ("::serde_json::", "serde_json::"),
        ("::chrono::", "chrono::"),
        ("crate::types::", ""),
        ("crate::", ""),
        ("types::", ""),
    ]
    .iter()
    .fold(res, |text, (from, to)| text.replace(from, to))
}
