//! The crate's own error from every `send()`: progenitor's builders return
//! `Result<ResponseValue<T>, Error<E>>`, whose `Display` prints a whole raw body; each `send` is
//! renamed `send_unwrapped` (private) and a new `send` wraps its error in `crate::ApiError` with the
//! operation's id (`src/api_error.rs`), whose `Display` is bounded and safe to log.
//!
//! `send_unwrapped` takes a `raw_body: &crate::decoding::RawBody`, where the decoding of an error
//! response keeps the body as the server sent it (see `decoding.rs`): the `ApiError` holds it.

use syn::visit::{self, Visit};
use syn::visit_mut::{self, VisitMut};

/// Wraps the error of every builder's `send()` in `crate::ApiError`; returns how many it wrapped.
pub(crate) fn wrap_send_errors(file: &mut syn::File) -> usize {
    let mut wrapper = Wrapper { wrapped: 0 };
    wrapper.visit_file_mut(file);
    wrapper.wrapped
}

struct Wrapper {
    wrapped: usize,
}

impl VisitMut for Wrapper {
    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        visit_mut::visit_item_impl_mut(self, item);
        let mut added = Vec::new();
        for impl_item in &mut item.items {
            let syn::ImplItem::Fn(method) = impl_item else {
                continue;
            };
            if method.sig.ident != "send" || method.sig.asyncness.is_none() {
                continue;
            }
            let Some(success) = success_type(&method.sig.output) else {
                continue;
            };
            let Some(operation) = operation_id(&method.block) else {
                continue;
            };
            let attrs = std::mem::take(&mut method.attrs);
            method.sig.ident = syn::parse_quote!(send_unwrapped);
            method.vis = syn::Visibility::Inherited;
            method
                .sig
                .inputs
                .push(syn::parse_quote!(raw_body: &crate::decoding::RawBody));
            added.push(syn::ImplItem::Fn(syn::parse_quote! {
                #(#attrs)*
                pub async fn send(self) -> Result<#success, crate::ApiError> {
                    let raw_body = crate::decoding::RawBody::default();
                    let res = self.send_unwrapped(&raw_body).await;
                    res.map_err(|err| {
                        crate::ApiError::new(#operation, err).with_raw_body(raw_body.into_inner())
                    })
                }
            }));
            self.wrapped += 1;
        }
        item.items.extend(added);
    }
}

/// `T` of a `-> Result<T, Error<..>>` return type.
fn success_type(output: &syn::ReturnType) -> Option<syn::Type> {
    let syn::ReturnType::Type(_, ty) = output else {
        return None;
    };
    let syn::Type::Path(path) = ty.as_ref() else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident != "Result" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let mut types = args.args.iter().filter_map(|arg| match arg {
        syn::GenericArgument::Type(ty) => Some(ty),
        _ => None,
    });
    let success = types.next()?.clone();
    let error = types.next()?;
    let is_progenitor_error = matches!(error, syn::Type::Path(p)
        if p.path.segments.last().is_some_and(|s| s.ident == "Error"));
    is_progenitor_error.then_some(success)
}

/// The `operation_id: "…"` literal of the `OperationInfo` the body builds.
fn operation_id(block: &syn::Block) -> Option<syn::LitStr> {
    struct Finder(Option<syn::LitStr>);
    impl Visit<'_> for Finder {
        fn visit_field_value(&mut self, field: &syn::FieldValue) {
            if let (syn::Member::Named(name), syn::Expr::Lit(lit)) = (&field.member, &field.expr) {
                if let (true, syn::Lit::Str(text)) = (name == "operation_id", &lit.lit) {
                    self.0.get_or_insert_with(|| text.clone());
                }
            }
            visit::visit_field_value(self, field);
        }
    }
    let mut finder = Finder(None);
    finder.visit_block(block);
    finder.0
}

#[cfg(test)]
mod tests {
    use super::wrap_send_errors;

    #[test]
    fn every_send_gets_a_wrapper_naming_its_operation() {
        let mut file: syn::File = syn::parse_quote! {
            impl<'a> GetThing<'a> {
                /// Sends a `GET` request.
                pub async fn send(self) -> Result<ResponseValue<types::Thing>, Error<types::ErrorBody>> {
                    let info = OperationInfo { operation_id: "get_thing" };
                    todo!()
                }
                pub fn other(self) -> Result<u8, Error<()>> { todo!() }
            }
            impl Unrelated {
                pub async fn send(self) -> u8 { 0 }
            }
        };
        assert_eq!(wrap_send_errors(&mut file), 1);
        let code = prettyplease::unparse(&file);
        // One line per item: prettyplease wraps long signatures.
        let code = code.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            code.contains("async fn send_unwrapped( self, raw_body: &crate::decoding::RawBody,"),
            "{code}"
        );
        assert!(
            code.contains(
                "pub async fn send(self) -> Result<ResponseValue<types::Thing>, crate::ApiError>"
            ),
            "{code}"
        );
        assert!(
            code.contains(
                r#"crate::ApiError::new("get_thing", err).with_raw_body(raw_body.into_inner())"#
            ),
            "{code}"
        );
        assert!(
            code.contains("/// Sends a `GET` request. pub async fn send"),
            "{code}"
        );
        assert!(code.contains("pub async fn send(self) -> u8"), "{code}");
    }
}
