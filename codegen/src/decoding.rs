//! Response decoding with context: progenitor's generated `send()` decodes bodies with
//! `ResponseValue::from_response(response)`, whose error keeps the raw body but drops the operation
//! and the status. The client's call sites `ResponseValue::from_response(response).await` are
//! rewritten to call the crate's own
//! `crate::decoding::decode(crate::decoding::read(response).await?, &info, raw_body)` (in
//! `src/decoding.rs`): `read` reads the body under the size cap, `decode` (not `async`, so the
//! decoded value is not moved out of one more future) screens it, reports JSON of another shape
//! with the operation, the status, the expected type and serde's reason, and keeps an error
//! response's raw body in `raw_body` (the local `send_errors.rs` declares in every `send()`) for
//! `ApiError::raw_body`.

use syn::visit_mut::{self, VisitMut};

use crate::paths::path_ends_with;

/// Rewrites every `ResponseValue::from_response(response).await` in `file` into
/// `crate::decoding::decode(crate::decoding::read(response).await?, &info, raw_body)`; returns how
/// many calls it rewrote.
pub(crate) fn decode_with_context(file: &mut syn::File) -> usize {
    let mut rewriter = Rewriter { rewritten: 0 };
    rewriter.visit_file_mut(file);
    rewriter.rewritten
}

struct Rewriter {
    rewritten: usize,
}

impl VisitMut for Rewriter {
    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        visit_mut::visit_expr_mut(self, expr);
        let syn::Expr::Await(awaited) = expr else {
            return;
        };
        let syn::Expr::Call(call) = awaited.base.as_ref() else {
            return;
        };
        if is_progenitor_decoder(&call.func) && call.args.len() == 1 {
            let response = &call.args[0];
            *expr = syn::parse_quote!(
                crate::decoding::decode(crate::decoding::read(#response).await?, &info, raw_body)
            );
            self.rewritten += 1;
        }
    }
}

/// `ResponseValue::from_response`, however qualified.
fn is_progenitor_decoder(func: &syn::Expr) -> bool {
    let syn::Expr::Path(path) = func else {
        return false;
    };
    path_ends_with(&path.path, &["ResponseValue", "from_response"])
}

#[cfg(test)]
mod tests {
    use super::decode_with_context;

    #[test]
    fn rewrites_every_call_and_nothing_else() {
        let mut file: syn::File = syn::parse_quote! {
            async fn send() {
                let info = OperationInfo { operation_id: "op" };
                match status {
                    200u16 => ResponseValue::from_response(response).await,
                    400u16..=499u16 => Err(Error::ErrorResponse(
                        progenitor_client::ResponseValue::from_response(response).await?,
                    )),
                    204u16 => Ok(ResponseValue::empty(response)),
                    _ => other::from_response(response),
                    _ => ResponseValue::from_response(response),
                }
            }
        };
        assert_eq!(decode_with_context(&mut file), 2);
        let code = prettyplease::unparse(&file);
        // Without whitespace: prettyplease wraps long calls.
        let code: String = code.split_whitespace().collect();
        let rewritten =
            "crate::decoding::decode(crate::decoding::read(response).await?,&info,raw_body";
        assert_eq!(code.matches(rewritten).count(), 2, "{code}");
        assert!(
            code.contains("Err(Error::ErrorResponse(crate::decoding::decode("),
            "{code}"
        );
        assert!(code.contains("ResponseValue::empty(response)"), "{code}");
        assert!(code.contains("other::from_response(response)"), "{code}");
        // Not awaited: not progenitor's decoding as it writes it, left alone.
        assert!(
            code.contains("_=>ResponseValue::from_response(response),"),
            "{code}"
        );
    }
}
