//! A paragraph at the end of the rustdoc of every listing's method (`Client::list_refunds`…) that
//! points to `crate::paginate`: the listings are the operations `pages.rs` implements `Page` for.

use crate::naming::rust_member_name;
use crate::pages::listing_types;
use crate::Spec;

/// Appends the paragraph to the methods of `impl Client` that send a listing. Returns how many
/// methods got it.
pub(crate) fn point_listings_to_paginate(spec: &Spec, file: &mut syn::File) -> usize {
    let listings: Vec<(String, String)> = spec
        .openapi
        .operations()
        .filter_map(|(_, _, operation)| {
            let (_, item) = listing_types(spec, operation)?;
            Some((rust_member_name(operation.operation_id.as_deref()?), item))
        })
        .collect();
    let mut documented = 0;
    for item in &mut file.items {
        let syn::Item::Impl(block) = item else {
            continue;
        };
        let is_client =
            matches!(&*block.self_ty, syn::Type::Path(path) if path.path.is_ident("Client"));
        if block.trait_.is_some() || !is_client {
            continue;
        }
        for member in &mut block.items {
            let syn::ImplItem::Fn(method) = member else {
                continue;
            };
            let Some((_, item)) = listings.iter().find(|(name, _)| method.sig.ident == name) else {
                continue;
            };
            let paragraph = format!(
                "\n\nOne page per call; [`paginate`](crate::paginate) walks every page and \
                 yields the [`{item}`](crate::types::{item}) items one by one: \
                 `paginate(|page| client.{}().page(page).send())`.",
                method.sig.ident
            );
            append_doc(&mut method.attrs, &paragraph);
            documented += 1;
        }
    }
    documented
}

/// Appends `text` to the last `#[doc = "…"]` of `attrs` (one doc comment, as progenitor writes
/// it), or adds one.
fn append_doc(attrs: &mut Vec<syn::Attribute>, text: &str) {
    let last_doc = attrs
        .iter_mut()
        .rev()
        .find_map(|attr| match &mut attr.meta {
            syn::Meta::NameValue(doc) if doc.path.is_ident("doc") => {
                let existing = match &doc.value {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(existing),
                        ..
                    }) => existing.value(),
                    _ => return None,
                };
                Some((doc, existing))
            }
            _ => None,
        });
    match last_doc {
        Some((doc, existing)) => {
            let joined = format!("{existing}{text}");
            doc.value = syn::parse_quote!(#joined);
        }
        None => attrs.push(syn::parse_quote!(#[doc = #text])),
    }
}
