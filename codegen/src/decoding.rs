//! Response decoding with context: progenitor's generated `send()` decodes bodies with
//! `ResponseValue::from_response(response)`, whose error keeps the raw body but drops the operation
//! and the status. The client's call sites are rewritten to call the crate's own
//! `crate::decoding::from_response(response, &info, raw_body)` (in `src/decoding.rs`), which
//! reports JSON of another shape with the operation, the status, the expected type and serde's
//! reason, and keeps an error response's raw body in `raw_body` (the `send_unwrapped` parameter
//! `send_errors.rs` adds) for `ApiError::raw_body`.

use syn::visit_mut::{self, VisitMut};

/// Rewrites every `ResponseValue::from_response(response)` in `file` into
/// `crate::decoding::from_response(response, &info, raw_body)`; returns how many calls it rewrote.
pub(crate) fn decode_with_context(file: &mut syn::File) -> usize {
    let mut rewriter = Rewriter { rewritten: 0 };
    rewriter.visit_file_mut(file);
    rewriter.rewritten
}

struct Rewriter {
    rewritten: usize,
}

impl VisitMut for Rewriter {
    fn visit_expr_call_mut(&mut self, call: &mut syn::ExprCall) {
        visit_mut::visit_expr_call_mut(self, call);
        if is_progenitor_decoder(&call.func) && call.args.len() == 1 {
            *call.func = syn::parse_quote!(crate::decoding::from_response);
            call.args.push(syn::parse_quote!(&info));
            call.args.push(syn::parse_quote!(raw_body));
            self.rewritten += 1;
        }
    }
}

/// `ResponseValue::from_response`, however qualified.
fn is_progenitor_decoder(func: &syn::Expr) -> bool {
    let syn::Expr::Path(path) = func else {
        return false;
    };
    let segments: Vec<String> = path
        .path
        .segments
        .iter()
        .map(|segment| segment.ident.to_string())
        .collect();
    segments.ends_with(&["ResponseValue".to_owned(), "from_response".to_owned()])
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
                }
            }
        };
        assert_eq!(decode_with_context(&mut file), 2);
        let code = prettyplease::unparse(&file);
        assert_eq!(
            code.matches("crate::decoding::from_response(response, &info, raw_body)")
                .count(),
            2,
            "{code}"
        );
        assert!(code.contains("ResponseValue::empty(response)"), "{code}");
        assert!(code.contains("other::from_response(response)"), "{code}");
    }
}
