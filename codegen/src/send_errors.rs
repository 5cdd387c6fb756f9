//! The crate's own error from every `send()`: progenitor's builders return
//! `Result<ResponseValue<T>, Error<E>>`, whose `Display` prints a whole raw body; every `send`
//! returns `Result<ResponseValue<T>, crate::ApiError>` instead, the failure wrapped with the
//! operation's id (`src/api_error.rs`), whose `Display` is bounded and safe to log.
//!
//! The body is rewritten in place, not wrapped in a second `async fn`: each `x?` becomes a `match`
//! that returns `Err(to_api_error(From::from(err)))`, as `?` would have converted it, and the
//! closing expression (the match on the status) is mapped by the same `to_api_error`. One future
//! instead of two nested ones: the decoded value (a few KB for a transaction) and the future
//! itself are moved once less per call (issue 17).
//!
//! The body declares `raw_body`, where the decoding of an error response keeps the body as the
//! server sent it (see `decoding.rs`): the `ApiError` holds it.

use syn::visit::{self, Visit};
use syn::visit_mut::{self, VisitMut};

use crate::paths::path_ends_with;

/// Makes every builder's `send()` return `crate::ApiError`; returns how many it rewrote.
pub(crate) fn wrap_send_errors(file: &mut syn::File) -> usize {
    let mut wrapper = Wrapper { wrapped: 0 };
    wrapper.visit_file_mut(file);
    wrapper.wrapped
}

struct Wrapper {
    wrapped: usize,
}

impl VisitMut for Wrapper {
    fn visit_impl_item_fn_mut(&mut self, method: &mut syn::ImplItemFn) {
        if method.sig.ident != "send" || method.sig.asyncness.is_none() {
            return;
        }
        let syn::ReturnType::Type(_, output) = &method.sig.output else {
            return;
        };
        let output = output.as_ref().clone();
        let Some((success, error)) = result_types(&output) else {
            return;
        };
        let Some(operation) = operation_id(&method.block) else {
            return;
        };
        let mut stmts = std::mem::take(&mut method.block.stmts);
        let tail = match stmts.pop() {
            Some(syn::Stmt::Expr(tail, None)) => tail,
            other => {
                // No closing expression to map: leave the method as progenitor wrote it (the
                // count of rewritten methods tells the caller).
                stmts.extend(other);
                method.block.stmts = stmts;
                return;
            }
        };
        let mut failing = TryToApiError;
        for stmt in &mut stmts {
            failing.visit_stmt_mut(stmt);
        }
        let mut tail = tail;
        failing.visit_expr_mut(&mut tail);
        method.sig.output = syn::parse_quote!(-> Result<#success, crate::ApiError>);
        method.block = syn::parse_quote!({
            let raw_body = &crate::decoding::RawBody::default();
            let to_api_error = |err: #error| {
                crate::ApiError::new(#operation, err).with_raw_body(raw_body.kept())
            };
            #(#stmts)*
            let result: #output = #tail;
            result.map_err(to_api_error)
        });
        self.wrapped += 1;
    }
}

/// Rewrites `x?` into a `match` that returns `Err(to_api_error(From::from(err)))`, and
/// `return x` into `return x.map_err(to_api_error)`, outside closures, async blocks and items
/// (whose `?` and `return` are their own).
struct TryToApiError;

impl VisitMut for TryToApiError {
    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        if matches!(expr, syn::Expr::Closure(_) | syn::Expr::Async(_)) {
            return;
        }
        visit_mut::visit_expr_mut(self, expr);
        match expr {
            syn::Expr::Try(tried) => {
                let inner = &tried.expr;
                *expr = syn::parse_quote!(match #inner {
                    Ok(value) => value,
                    Err(err) => return Err(to_api_error(::std::convert::From::from(err))),
                });
            }
            syn::Expr::Return(returned) => {
                if let Some(value) = &returned.expr {
                    *expr = syn::parse_quote!(return (#value).map_err(to_api_error));
                }
            }
            _ => {}
        }
    }

    fn visit_item_mut(&mut self, _item: &mut syn::Item) {}
}

/// `T` and `Error<..>` of a `Result<T, Error<..>>` return type (progenitor's `Error`).
fn result_types(output: &syn::Type) -> Option<(syn::Type, syn::Type)> {
    let syn::Type::Path(path) = output else {
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
    let is_progenitor_error =
        matches!(error, syn::Type::Path(p) if path_ends_with(&p.path, &["Error"]));
    is_progenitor_error.then(|| (success, error.clone()))
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

    /// Without whitespace: prettyplease wraps and breaks lines where it likes.
    fn compact(file: &syn::File) -> String {
        prettyplease::unparse(file).split_whitespace().collect()
    }

    #[test]
    fn every_send_returns_an_api_error_naming_its_operation() {
        let mut file: syn::File = syn::parse_quote! {
            impl<'a> GetThing<'a> {
                /// Sends a `GET` request.
                pub async fn send(self) -> Result<ResponseValue<types::Thing>, Error<types::ErrorBody>> {
                    let Self { client, code } = self;
                    let code = code.map_err(Error::InvalidRequest)?;
                    let info = OperationInfo { operation_id: "get_thing" };
                    let parse = |text: &str| -> Result<u8, ()> { Ok(text.parse().map_err(|_| ())?) };
                    let response = client.exec(request, &info).await?;
                    match response.status().as_u16() {
                        200u16 => decode(read(response).await?, &info, raw_body),
                        _ => Err(Error::UnexpectedResponse(response)),
                    }
                }
                pub fn other(self) -> Result<u8, Error<()>> { todo!() }
            }
            impl Unrelated {
                pub async fn send(self) -> u8 { 0 }
            }
        };
        assert_eq!(wrap_send_errors(&mut file), 1);
        let code = compact(&file);
        for expected in [
            "///Sendsa`GET`request.pubasyncfnsend(self)->Result<ResponseValue<types::Thing>,crate::ApiError>{",
            "letraw_body=&crate::decoding::RawBody::default();",
            "letto_api_error=|err:Error<types::ErrorBody>|{crate::ApiError::new(\"get_thing\",err).with_raw_body(raw_body.kept())};",
            // Each `?` returns the crate's error, converted as `?` converts.
            "letcode=matchcode.map_err(Error::InvalidRequest){Ok(value)=>value,Err(err)=>returnErr(to_api_error(::std::convert::From::from(err))),};",
            "decode(matchread(response).await{Ok(value)=>value,Err(err)=>",
            // The closing match is mapped once.
            "letresult:Result<ResponseValue<types::Thing>,Error<types::ErrorBody>>=matchresponse.status().as_u16(){",
            "result.map_err(to_api_error)}",
            // A closure's `?` is its own.
            "Ok(text.parse().map_err(|_|())?)",
            "pubasyncfnsend(self)->u8{0}",
        ] {
            assert!(code.contains(expected), "{expected}\nin\n{code}");
        }
    }

    #[test]
    fn a_return_in_the_body_is_mapped_too() {
        let mut file: syn::File = syn::parse_quote! {
            impl<'a> GetThing<'a> {
                pub async fn send(self) -> Result<ResponseValue<()>, Error<types::ErrorBody>> {
                    let info = OperationInfo { operation_id: "get_thing" };
                    if early { return Err(Error::InvalidRequest(String::new())); }
                    Ok(ResponseValue::empty(response))
                }
            }
        };
        assert_eq!(wrap_send_errors(&mut file), 1);
        let code = compact(&file);
        assert!(
            code.contains(
                "return(Err(Error::InvalidRequest(String::new()))).map_err(to_api_error);"
            ),
            "{code}"
        );
    }
}
