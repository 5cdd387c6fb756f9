//! Setters that take the value a caller has. progenitor's setters are bound by `TryInto`: an
//! optional field's by `TryInto<Option<X>>` (so `.title("REINTEGRO")` or `.amount(150)` do not
//! compile) and an array body's by `TryInto<Vec<X>>`, whose error message is dropped. This pass
//! rebinds them to the crate's own traits (`src/field_value.rs`):
//!
//! - an optional field's setter of a type's builder takes `crate::FieldValue<X>`;
//! - an array body's setter of an operation's builder takes `crate::BodyValue<Vec<X>>`, and the
//!   conversion error is kept in the request's error;
//! - the `types` module gets the per-type impls only the generated code knows of: a text for each
//!   type with `TryFrom<&str>` (typify's string newtypes and enums), an `i32` for each type with
//!   `TryFrom<i32>` (integer enums), and the item's builder for each array body.

use std::collections::BTreeSet;

use syn::visit_mut::{self, VisitMut};

/// Rebinds the setters and adds the per-type impls; returns how many setters it rebound.
pub(crate) fn natural_setters(file: &mut syn::File) -> usize {
    let mut body_items = BTreeSet::new();
    let mut rebound = 0;
    for item in &mut file.items {
        let syn::Item::Mod(module) = item else {
            continue;
        };
        if module.ident == "builder" {
            for imp in impls(module) {
                rebound += imp
                    .items
                    .iter_mut()
                    .filter_map(as_fn)
                    .fold(0, |n, f| n + usize::from(rebind_body(f, &mut body_items)));
            }
        }
    }
    for item in &mut file.items {
        let syn::Item::Mod(types) = item else {
            continue;
        };
        if types.ident != "types" {
            continue;
        }
        let Some((_, content)) = &mut types.content else {
            continue;
        };
        let mut texts = Vec::new();
        let mut numbers = Vec::new();
        let mut builders = BTreeSet::new();
        for item in content.iter_mut() {
            match item {
                syn::Item::Impl(imp) => match converted_from(imp) {
                    Some((name, Source::Text)) => texts.push(name),
                    Some((name, Source::Number)) => numbers.push(name),
                    None => {}
                },
                syn::Item::Mod(builder) if builder.ident == "builder" => {
                    for imp in impls(builder) {
                        if let Some(name) = last_ident(&imp.self_ty) {
                            builders.insert(name);
                        }
                        rebound += imp
                            .items
                            .iter_mut()
                            .filter_map(as_fn)
                            .fold(0, |n, f| n + usize::from(rebind_field(f)));
                    }
                }
                _ => {}
            }
        }
        let bodies: Vec<&syn::Ident> = body_items.intersection(&builders).collect();
        if !texts.is_empty() {
            content.push(syn::parse_quote!(crate::field_value::text_field_values!(#(#texts),*);));
        }
        if !numbers.is_empty() {
            content
                .push(syn::parse_quote!(crate::field_value::number_field_values!(#(#numbers),*);));
        }
        if !bodies.is_empty() {
            content.push(syn::parse_quote!(crate::field_value::builder_bodies!(#(#bodies),*);));
        }
    }
    rebound
}

/// The impl blocks of a module.
fn impls(module: &mut syn::ItemMod) -> impl Iterator<Item = &mut syn::ItemImpl> {
    let items = module.content.as_mut().map(|(_, items)| items);
    items.into_iter().flatten().filter_map(|item| match item {
        syn::Item::Impl(imp) => Some(imp),
        _ => None,
    })
}

fn as_fn(item: &mut syn::ImplItem) -> Option<&mut syn::ImplItemFn> {
    match item {
        syn::ImplItem::Fn(f) => Some(f),
        _ => None,
    }
}

/// What a spec's type converts from.
enum Source {
    /// `impl TryFrom<&str>`: typify's string newtypes and string enums.
    Text,
    /// `impl TryFrom<i32>`: typify's integer enums.
    Number,
}

/// `X` of `impl TryFrom<&str> for X` or `impl TryFrom<i32> for X`.
fn converted_from(imp: &syn::ItemImpl) -> Option<(syn::Ident, Source)> {
    let (trait_path, _) = imp.trait_.as_ref()?;
    let source = match single_argument(trait_path.segments.last()?, "TryFrom")? {
        syn::Type::Reference(r) if matches!(r.elem.as_ref(), syn::Type::Path(p) if p.path.is_ident("str")) => {
            Source::Text
        }
        syn::Type::Path(p) if p.path.is_ident("i32") => Source::Number,
        _ => return None,
    };
    Some((last_ident(&imp.self_ty)?, source))
}

/// `fn f<T>(mut self, value: T) -> Self where T: TryInto<Option<X>>, T::Error: Display` becomes
/// `where T: crate::FieldValue<X>`, its `value.try_into()` `FieldValue::into_field(value)`.
fn rebind_field(f: &mut syn::ImplItemFn) -> bool {
    let Some((param, target)) = try_into_bound(f) else {
        return false;
    };
    let Some(inner) = type_argument(&target, "Option") else {
        return false;
    };
    let rewrite = |call: &syn::ExprMethodCall| {
        is_try_into_of_value(call)
            .then(|| syn::parse_quote!(<#param as crate::FieldValue<#inner>>::into_field(value)))
    };
    rewrite_once(
        f,
        rewrite,
        syn::parse_quote!(where #param: crate::FieldValue<#inner>),
    )
}

/// `fn body<V>(mut self, value: V) -> Self where V: TryInto<Vec<X>>` becomes `where V:
/// crate::BodyValue<Vec<X>>`, and `value.try_into().map_err(|_| …)` keeps the error's message.
/// Records `X` in `items`.
fn rebind_body(f: &mut syn::ImplItemFn, items: &mut BTreeSet<syn::Ident>) -> bool {
    if f.sig.ident != "body" {
        return false;
    }
    let Some((param, target)) = try_into_bound(f) else {
        return false;
    };
    let Some(item) = type_argument(&target, "Vec").and_then(|item| last_ident(&item)) else {
        return false;
    };
    let rewrite = |call: &syn::ExprMethodCall| {
        let syn::Expr::MethodCall(inner) = call.receiver.as_ref() else {
            return None;
        };
        (call.method == "map_err" && is_try_into_of_value(inner)).then(|| {
            syn::parse_quote!(<#param as crate::BodyValue<#target>>::into_body(value)
                .map_err(|err| format!("body: {err}")))
        })
    };
    let rebound = rewrite_once(
        f,
        rewrite,
        syn::parse_quote!(where #param: crate::BodyValue<#target>),
    );
    if rebound {
        items.insert(item);
    }
    rebound
}

/// Applies `rewrite` to the method calls of `f`'s body and, if it replaced exactly one, keeps the
/// new body and gives `f` the `bound`; otherwise leaves `f` as it was.
fn rewrite_once(
    f: &mut syn::ImplItemFn,
    rewrite: impl FnMut(&syn::ExprMethodCall) -> Option<syn::Expr>,
    bound: syn::WhereClause,
) -> bool {
    let mut rewriter = CallRewriter { rewrite, count: 0 };
    let mut block = f.block.clone();
    rewriter.visit_block_mut(&mut block);
    if rewriter.count != 1 {
        return false;
    }
    f.block = block;
    f.sig.generics.where_clause = Some(bound);
    true
}

/// The generic parameter and `X` of a setter's `P: TryInto<X>` bound.
fn try_into_bound(f: &syn::ImplItemFn) -> Option<(syn::Ident, syn::Type)> {
    let clause = f.sig.generics.where_clause.as_ref()?;
    clause.predicates.iter().find_map(|predicate| {
        let syn::WherePredicate::Type(predicate) = predicate else {
            return None;
        };
        let syn::Type::Path(bounded) = &predicate.bounded_ty else {
            return None;
        };
        let param = bounded.path.get_ident()?;
        predicate.bounds.iter().find_map(|bound| {
            let syn::TypeParamBound::Trait(bound) = bound else {
                return None;
            };
            let target = single_argument(bound.path.segments.last()?, "TryInto")?;
            Some((param.clone(), target.clone()))
        })
    })
}

/// `value.try_into()`.
fn is_try_into_of_value(call: &syn::ExprMethodCall) -> bool {
    call.method == "try_into"
        && call.args.is_empty()
        && matches!(call.receiver.as_ref(), syn::Expr::Path(p) if p.path.is_ident("value"))
}

/// Replaces the method calls `rewrite` gives a replacement for.
struct CallRewriter<F> {
    rewrite: F,
    count: usize,
}

impl<F: FnMut(&syn::ExprMethodCall) -> Option<syn::Expr>> VisitMut for CallRewriter<F> {
    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        if let syn::Expr::MethodCall(call) = expr {
            if let Some(replacement) = (self.rewrite)(call) {
                *expr = replacement;
                self.count += 1;
                return;
            }
        }
        visit_mut::visit_expr_mut(self, expr);
    }
}

/// `T` of `Name<T>` (any path prefix).
fn type_argument(ty: &syn::Type, name: &str) -> Option<syn::Type> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    single_argument(path.path.segments.last()?, name).cloned()
}

/// `T` of a path segment `Name<T>`.
fn single_argument<'a>(segment: &'a syn::PathSegment, name: &str) -> Option<&'a syn::Type> {
    if segment.ident != name {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &segment.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(inner) => Some(inner),
        _ => None,
    }
}

/// The last identifier of a type's path: `RefundCreate` of `types::RefundCreate`.
fn last_ident(ty: &syn::Type) -> Option<syn::Ident> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    Some(path.path.segments.last()?.ident.clone())
}

#[cfg(test)]
mod tests {
    use super::natural_setters;

    #[test]
    fn optional_setters_and_array_bodies_are_rebound_and_their_impls_added() {
        let mut file: syn::File = syn::parse_quote! {
            pub mod types {
                pub struct Code(String);
                impl ::std::convert::TryFrom<&str> for Code {
                    type Error = self::error::ConversionError;
                    fn try_from(value: &str) -> Result<Self, Self::Error> { todo!() }
                }
                impl ::std::convert::TryFrom<i32> for Status {
                    type Error = self::error::ConversionError;
                    fn try_from(value: i32) -> Result<Self, Self::Error> { todo!() }
                }
                impl ::std::convert::TryFrom<String> for Other {
                    type Error = self::error::ConversionError;
                    fn try_from(value: String) -> Result<Self, Self::Error> { todo!() }
                }
                pub mod builder {
                    impl Item {
                        pub fn title<T>(mut self, value: T) -> Self
                        where
                            T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                            T::Error: ::std::fmt::Display,
                        {
                            self.title = value.try_into().map_err(|e| format!("error converting supplied value for title: {e}"));
                            self
                        }
                        pub fn code<T>(mut self, value: T) -> Self
                        where
                            T: ::std::convert::TryInto<super::Code>,
                            T::Error: ::std::fmt::Display,
                        {
                            self.code = value.try_into().map_err(|e| format!("{e}"));
                            self
                        }
                    }
                }
            }
            pub mod builder {
                impl<'a> CreateItems<'a> {
                    pub fn body<V>(mut self, value: V) -> Self
                    where
                        V: std::convert::TryInto<::std::vec::Vec<types::Item>>,
                    {
                        self.body = value.try_into().map_err(|_| "conversion failed".to_string());
                        self
                    }
                }
            }
        };
        assert_eq!(natural_setters(&mut file), 2);
        let code = prettyplease::unparse(&file);
        let code = code.split_whitespace().collect::<Vec<_>>().join(" ");
        for expected in [
            "where T: crate::FieldValue<::std::string::String>,",
            "<T as crate::FieldValue< ::std::string::String, >>::into_field(value)",
            // A required field keeps its `TryInto` bound.
            "T: ::std::convert::TryInto<super::Code>,",
            "where V: crate::BodyValue<::std::vec::Vec<types::Item>>,",
            "format!(\"body: {err}\")",
            "crate::field_value::text_field_values!(Code);",
            "crate::field_value::number_field_values!(Status);",
            "crate::field_value::builder_bodies!(Item);",
        ] {
            assert!(code.contains(expected), "{expected} in {code}");
        }
    }
}
