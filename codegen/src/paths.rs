//! How the rewrites of progenitor's output recognise a path it writes, however qualified
//! (`ResponseValue::from_response` or `progenitor_client::ResponseValue::from_response`).

/// Whether the last segments of `path` are `names`, in order (generic arguments ignored).
pub(crate) fn path_ends_with(path: &syn::Path, names: &[&str]) -> bool {
    path.segments.len() >= names.len()
        && path
            .segments
            .iter()
            .rev()
            .zip(names.iter().rev())
            .all(|(segment, name)| segment.ident == name)
}

#[cfg(test)]
mod tests {
    use super::path_ends_with;

    #[test]
    fn a_path_ends_with_its_last_segments_however_qualified() {
        let short: syn::Path = syn::parse_quote!(ResponseValue::from_response);
        let long: syn::Path = syn::parse_quote!(::progenitor_client::ResponseValue::from_response);
        for path in [&short, &long] {
            assert!(path_ends_with(path, &["ResponseValue", "from_response"]));
            assert!(path_ends_with(path, &["from_response"]));
        }
        assert!(!path_ends_with(&short, &["other", "from_response"]));
        assert!(!path_ends_with(
            &short,
            &["progenitor_client", "ResponseValue", "from_response"]
        ));
        assert!(!path_ends_with(
            &syn::parse_quote!(from_response),
            &["ResponseValue", "from_response"]
        ));
    }
}
