//! Fields of type `Option<crate::Nullable<T>>` (a component with
//! `x-apipagos-rust-type: crate::Nullable<…>`, for PATCH fields the API clears with `null`) get
//! `#[serde(default, deserialize_with = "crate::nullable::present")]`: serde reads `null` into an
//! `Option` as `None`, which would make an explicit `null` and an absent field the same.

use syn::visit_mut::{self, VisitMut};

/// Adds the deserializer to every `Option<…Nullable<…>>` field; returns how many it changed.
pub(crate) fn tri_state_fields(file: &mut syn::File) -> usize {
    let mut rewriter = Rewriter { changed: 0 };
    rewriter.visit_file_mut(file);
    rewriter.changed
}

struct Rewriter {
    changed: usize,
}

impl VisitMut for Rewriter {
    fn visit_field_mut(&mut self, field: &mut syn::Field) {
        visit_mut::visit_field_mut(self, field);
        if is_optional_nullable(&field.ty) {
            field.attrs.push(syn::parse_quote!(
                #[serde(default, deserialize_with = "crate::nullable::present")]
            ));
            self.changed += 1;
        }
    }

    /// Only the types' fields: the builders hold `Result<Option<…>, String>`.
    fn visit_item_mod_mut(&mut self, module: &mut syn::ItemMod) {
        if module.ident != "builder" {
            visit_mut::visit_item_mod_mut(self, module);
        }
    }
}

/// `Option<…::Nullable<…>>`, however qualified.
fn is_optional_nullable(ty: &syn::Type) -> bool {
    let Some(inner) = single_argument(ty, "Option") else {
        return false;
    };
    single_argument(inner, "Nullable").is_some()
}

/// `T` of `Name<T>` (any path prefix).
fn single_argument<'a>(ty: &'a syn::Type, name: &str) -> Option<&'a syn::Type> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident != name {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(inner) => Some(inner),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::tri_state_fields;

    #[test]
    fn only_optional_nullable_fields_of_types_get_the_deserializer() {
        let mut file: syn::File = syn::parse_quote! {
            pub mod types {
                pub struct Patch {
                    pub a: ::std::option::Option<crate::Nullable<::std::string::String>>,
                    pub b: ::std::option::Option<::std::string::String>,
                    pub c: crate::Nullable<u8>,
                }
                pub mod builder {
                    pub struct Patch {
                        a: ::std::option::Option<crate::Nullable<::std::string::String>>,
                    }
                }
            }
        };
        assert_eq!(tri_state_fields(&mut file), 1);
        let code = prettyplease::unparse(&file);
        assert_eq!(
            code.matches("crate::nullable::present").count(),
            1,
            "{code}"
        );
    }
}
