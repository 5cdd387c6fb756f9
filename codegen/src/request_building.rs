//! The request of every `send()` built with fewer allocations, on the wire byte for byte as
//! progenitor builds it (issue 17: the per-request overhead).
//!
//! - A path parameter: progenitor writes `encode_path(&code.to_string())` inside the URL's
//!   `format!`, a `String` for the value and another for its encoding. It becomes
//!   `code.path_encoded()` (`crate::path_segment::EncodePath`, imported into the module), which
//!   percent-encodes the value's `Display` into the URL as it is formatted, with progenitor's set
//!   of characters (`src/path_segment.rs`, tested against `encode_path`). A method call, so that
//!   it finds the `Display` of the value the way `to_string()` did (a string newtype through its
//!   `Deref` to `String`).
//! - The `api-version` header: progenitor puts it alone in a `HeaderMap` of its own, then merges
//!   that map into the request's. Where the map holds nothing else (no header parameter), the
//!   header is appended to the request directly, after the same `Accept`.

use syn::visit_mut::{self, VisitMut};

use crate::paths::path_ends_with;

/// Rewrites the URL formatting and the lone `api-version` header map of every `send()`; returns
/// how many of each it rewrote.
pub(crate) fn build_requests_lean(file: &mut syn::File) -> Rewritten {
    let mut rewriter = Rewriter::default();
    rewriter.visit_file_mut(file);
    rewriter.rewritten
}

/// The import that gives every value with a `Display` its `path_encoded()`.
fn import() -> syn::Item {
    syn::parse_quote!(
        #[allow(unused_imports)]
        use crate::path_segment::EncodePath as _;
    )
}

/// What [`build_requests_lean`] rewrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rewritten {
    /// `encode_path(&x.to_string())` arguments of a `format!`.
    pub(crate) path_segments: usize,
    /// Header maps that held only `api-version`.
    pub(crate) header_maps: usize,
}

#[derive(Default)]
struct Rewriter {
    rewritten: Rewritten,
    /// Path segments rewritten in the module being visited, not yet given the trait's import.
    unimported: usize,
}

impl VisitMut for Rewriter {
    fn visit_file_mut(&mut self, file: &mut syn::File) {
        visit_mut::visit_file_mut(self, file);
        if std::mem::take(&mut self.unimported) > 0 {
            file.items.insert(0, import());
        }
    }

    fn visit_item_mod_mut(&mut self, module: &mut syn::ItemMod) {
        let outer = std::mem::take(&mut self.unimported);
        visit_mut::visit_item_mod_mut(self, module);
        if self.unimported > 0 {
            if let Some((_, items)) = &mut module.content {
                items.insert(0, import());
            }
        }
        self.unimported = outer;
    }

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        visit_mut::visit_macro_mut(self, mac);
        if mac.path.is_ident("format") {
            let rewritten = encode_segments_in_place(mac);
            self.rewritten.path_segments += rewritten;
            self.unimported += rewritten;
        }
    }

    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        visit_mut::visit_block_mut(self, block);
        if append_lone_api_version(block) {
            self.rewritten.header_maps += 1;
        }
    }
}

/// Rewrites the `encode_path(&x.to_string())` arguments of one `format!`; returns how many.
fn encode_segments_in_place(mac: &mut syn::Macro) -> usize {
    type Args = syn::punctuated::Punctuated<syn::Expr, syn::Token![,]>;
    let Ok(mut args) = mac.parse_body_with(Args::parse_terminated) else {
        return 0;
    };
    let mut rewritten = 0;
    for arg in args.iter_mut() {
        if let Some(value) = encoded_value(arg) {
            *arg = syn::parse_quote!(#value.path_encoded());
            rewritten += 1;
        }
    }
    if rewritten > 0 {
        mac.tokens = quote::ToTokens::into_token_stream(args);
    }
    rewritten
}

/// `x` of `encode_path(&x.to_string())`.
fn encoded_value(arg: &syn::Expr) -> Option<syn::Expr> {
    let syn::Expr::Call(call) = arg else {
        return None;
    };
    let syn::Expr::Path(func) = call.func.as_ref() else {
        return None;
    };
    if !path_ends_with(&func.path, &["encode_path"]) || call.args.len() != 1 {
        return None;
    }
    let syn::Expr::Reference(reference) = &call.args[0] else {
        return None;
    };
    let syn::Expr::MethodCall(to_string) = reference.expr.as_ref() else {
        return None;
    };
    (to_string.method == "to_string" && to_string.args.is_empty())
        .then(|| to_string.receiver.as_ref().clone())
}

/// In a block that declares `let mut header_map = HeaderMap::with_capacity(1usize);`, appends
/// `api-version` and nothing else, and uses the map once (`.headers(header_map)`): removes both
/// statements and replaces the use by `.header(<the same name>, <the same value>)`.
fn append_lone_api_version(block: &mut syn::Block) -> bool {
    let Some(declared) = block.stmts.iter().position(declares_header_map_of_one) else {
        return false;
    };
    let Some(syn::Stmt::Expr(syn::Expr::MethodCall(append), Some(_))) =
        block.stmts.get(declared + 1)
    else {
        return false;
    };
    let is_lone_append = append.method == "append"
        && append.args.len() == 2
        && matches!(append.receiver.as_ref(), syn::Expr::Path(p) if p.path.is_ident("header_map"));
    if !is_lone_append {
        return false;
    }
    let (name, value) = (append.args[0].clone(), append.args[1].clone());
    let mut user = HeadersUse {
        name: &name,
        value: &value,
        uses: 0,
        mentions: 0,
    };
    for stmt in &block.stmts[declared + 2..] {
        let mut stmt = stmt.clone();
        user.visit_stmt_mut(&mut stmt);
    }
    // The map is moved into the request once, and mentioned nowhere else.
    if user.uses != 1 || user.mentions != 0 {
        return false;
    }
    user.uses = 0;
    for stmt in &mut block.stmts[declared + 2..] {
        user.visit_stmt_mut(stmt);
    }
    block.stmts.drain(declared..declared + 2);
    true
}

/// `let mut header_map = ….HeaderMap::with_capacity(1usize);`
fn declares_header_map_of_one(stmt: &syn::Stmt) -> bool {
    let syn::Stmt::Local(local) = stmt else {
        return false;
    };
    let syn::Pat::Ident(pat) = &local.pat else {
        return false;
    };
    let Some(init) = &local.init else {
        return false;
    };
    let syn::Expr::Call(call) = init.expr.as_ref() else {
        return false;
    };
    let syn::Expr::Path(func) = call.func.as_ref() else {
        return false;
    };
    let capacity_one = matches!(call.args.first(), Some(syn::Expr::Lit(syn::ExprLit {
        lit: syn::Lit::Int(n), ..
    })) if n.base10_digits() == "1");
    pat.ident == "header_map"
        && path_ends_with(&func.path, &["HeaderMap", "with_capacity"])
        && call.args.len() == 1
        && capacity_one
}

/// Replaces `.headers(header_map)` by `.header(name, value)`; counts the replacements and any
/// other mention of `header_map`.
struct HeadersUse<'a> {
    name: &'a syn::Expr,
    value: &'a syn::Expr,
    uses: usize,
    mentions: usize,
}

impl VisitMut for HeadersUse<'_> {
    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        if let syn::Expr::MethodCall(call) = expr {
            let moves_the_map = call.method == "headers"
                && call.args.len() == 1
                && matches!(&call.args[0], syn::Expr::Path(p) if p.path.is_ident("header_map"));
            if moves_the_map {
                self.uses += 1;
                let (name, value) = (self.name, self.value);
                call.method = syn::parse_quote!(header);
                call.args = syn::parse_quote!(#name, #value);
                self.visit_expr_mut(&mut call.receiver);
                return;
            }
        }
        if matches!(expr, syn::Expr::Path(p) if p.path.is_ident("header_map")) {
            self.mentions += 1;
        }
        visit_mut::visit_expr_mut(self, expr);
    }
}

#[cfg(test)]
mod tests {
    use super::{build_requests_lean, Rewritten};

    /// One line per item: prettyplease wraps long lines.
    fn code(file: &syn::File) -> String {
        let code = prettyplease::unparse(file);
        code.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn a_path_parameter_is_encoded_as_the_url_is_formatted() {
        let mut file: syn::File = syn::parse_quote! {
            pub mod builder {
                fn send() {
                    let url = format!(
                        "{}/users/{}/{}/{}", client.baseurl, encode_path(&code.to_string()),
                        encode_path(&field_1.to_string()), other(&x.to_string()),
                    );
                    let label = format!("{}", encode_path(&code.as_str()));
                }
            }
            pub mod types {
                fn unrelated() {}
            }
        };
        let rewritten = build_requests_lean(&mut file);
        assert_eq!(rewritten.path_segments, 2);
        // Without whitespace: prettyplease wraps and breaks lines where it likes.
        let code: String = code(&file).split_whitespace().collect();
        assert!(
            code.contains(
                "format!(\"{}/users/{}/{}/{}\",client.baseurl,code.path_encoded(),\
                 field_1.path_encoded(),other(&x.to_string()),)"
            ),
            "{code}"
        );
        assert!(code.contains("encode_path(&code.as_str())"), "{code}");
        // The trait is imported where it is used, once, and nowhere else.
        assert_eq!(
            code.matches("usecrate::path_segment::EncodePathas_;")
                .count(),
            1
        );
        assert!(
            code.contains(
                "pubmodbuilder{#[allow(unused_imports)]usecrate::path_segment::EncodePathas_;"
            ),
            "{code}"
        );
    }

    #[test]
    fn a_lone_api_version_map_becomes_one_header_on_the_request() {
        let mut file: syn::File = syn::parse_quote! {
            async fn send() {
                let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
                header_map.append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(super::Client::api_version()),
                );
                let mut request = client.client.get(url)
                    .header(::reqwest::header::ACCEPT, ::reqwest::header::HeaderValue::from_static("application/json"))
                    .headers(header_map)
                    .build()?;
            }
        };
        assert_eq!(
            build_requests_lean(&mut file),
            Rewritten {
                path_segments: 0,
                header_maps: 1
            }
        );
        let code = code(&file);
        assert!(!code.contains("header_map"), "{code}");
        assert!(
            code.contains(
                ".header( ::reqwest::header::ACCEPT, \
                 ::reqwest::header::HeaderValue::from_static(\"application/json\"), ) \
                 .header( ::reqwest::header::HeaderName::from_static(\"api-version\"), \
                 ::reqwest::header::HeaderValue::from_static(super::Client::api_version()), ) \
                 .build()?"
            ),
            "{code}"
        );
    }

    #[test]
    fn a_map_with_header_parameters_is_left_as_it_is() {
        let original: syn::File = syn::parse_quote! {
            async fn send() {
                let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
                header_map.append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(super::Client::api_version()),
                );
                header_map.append("x-trace", trace.to_string().try_into()?);
                let request = client.client.get(url).headers(header_map).build()?;
            }
        };
        let mut file = original.clone();
        assert_eq!(build_requests_lean(&mut file), Rewritten::default());
        assert_eq!(code(&file), code(&original));
    }

    #[test]
    fn a_map_used_twice_is_left_as_it_is() {
        let original: syn::File = syn::parse_quote! {
            async fn send() {
                let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
                header_map.append(name, value);
                let request = client.client.get(url).headers(header_map.clone()).build()?;
                let again = client.client.get(url).headers(header_map).build()?;
            }
        };
        let mut file = original.clone();
        assert_eq!(build_requests_lean(&mut file), Rewritten::default());
        assert_eq!(code(&file), code(&original));
    }
}
