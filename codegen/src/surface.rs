//! The compact public surface of the generated client: what a reviewer of a spec change reads.
//!
//! One line per operation (method, path, Rust method, parameters, success and error types) and
//! one block per generated type with its fields or variants. Builders, trait impls and bodies are
//! left out: they follow from these.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use quote::ToTokens;

use crate::Spec;

/// Renders the compact surface of `client` (generated from `spec`).
pub fn public_surface(spec: &Spec, client: &syn::File) -> String {
    let builders = builder_signatures(client);
    let mut out = String::new();
    out.push_str("# Operations\n");
    let mut operations: Vec<(String, String, String)> = Vec::new();
    for (route, item) in &spec.openapi.paths.paths {
        let Some(item) = item.as_item() else { continue };
        for (method, operation) in item.iter() {
            let id = operation.operation_id.clone().unwrap_or_default();
            operations.push((id, method.to_uppercase(), route.clone()));
        }
    }
    operations.sort();
    for (id, method, route) in operations {
        let builder = builders.get(&id);
        let params = builder
            .map(|b| {
                b.setters
                    .iter()
                    .map(|(name, ty)| format!("{name}: {ty}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        let returns = builder.map_or("<not generated>", |b| b.returns.as_str());
        let _ = writeln!(out, "{method} {route} {id}({params}) -> {returns}");
    }
    out.push_str("\n# Types\n");
    if let Some(types) = module(&client.items, "types") {
        for item in types {
            render_type(item, &mut out);
        }
    }
    out
}

struct BuilderSignature {
    setters: Vec<(String, String)>,
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
            let fn_name = f.sig.ident.to_string();
            match fn_name.as_str() {
                "new" => {}
                "send" => {
                    if let syn::ReturnType::Type(_, ty) = &f.sig.output {
                        signature.returns = tokens(ty);
                    }
                }
                _ => signature.setters.push((fn_name, setter_type(f))),
            }
        }
    }
    builder_of_method
        .into_iter()
        .filter_map(|(method, builder)| setters_of_builder.remove(&builder).map(|s| (method, s)))
        .collect()
}

/// The type a setter accepts: `T` of its `V: TryInto<T>` bound, else its first argument's type.
fn setter_type(f: &syn::ImplItemFn) -> String {
    if let Some(clause) = &f.sig.generics.where_clause {
        for predicate in &clause.predicates {
            let text = tokens(predicate);
            if let Some(start) = text.find("TryInto<") {
                let inner = &text[start + "TryInto<".len()..];
                return inner.strip_suffix('>').unwrap_or(inner).to_owned();
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

fn render_type(item: &syn::Item, out: &mut String) {
    match item {
        syn::Item::Struct(s) => match &s.fields {
            syn::Fields::Named(named) => {
                let _ = writeln!(out, "struct {} {{", s.ident);
                for field in &named.named {
                    let name = field
                        .ident
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default();
                    let _ = writeln!(out, "    {name}: {},", tokens(&field.ty));
                }
                out.push_str("}\n");
            }
            syn::Fields::Unnamed(unnamed) => {
                let inner: Vec<String> = unnamed.unnamed.iter().map(|f| tokens(&f.ty)).collect();
                let _ = writeln!(out, "struct {}({})", s.ident, inner.join(", "));
            }
            syn::Fields::Unit => {
                let _ = writeln!(out, "struct {}", s.ident);
            }
        },
        syn::Item::Enum(e) => {
            let variants: Vec<String> = e
                .variants
                .iter()
                .map(|v| match &v.fields {
                    syn::Fields::Unit => v.ident.to_string(),
                    fields => format!("{}{}", v.ident, tokens(fields)),
                })
                .collect();
            let _ = writeln!(out, "enum {} {{ {} }}", e.ident, variants.join(", "));
        }
        syn::Item::Type(t) => {
            let _ = writeln!(out, "type {} = {}", t.ident, tokens(&t.ty));
        }
        _ => {}
    }
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
