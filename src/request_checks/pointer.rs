//! The JSON pointer of the value being checked, built on the stack as the checker descends and
//! rendered only when a violation names it.

use std::fmt::Write as _;

/// Where a value sits in the instance: the root, or a step below another location.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Location<'a> {
    Root,
    Property(&'a Location<'a>, &'a str),
    Index(&'a Location<'a>, usize),
}

impl Location<'_> {
    /// The JSON pointer (RFC 6901) of this location, after `prefix`.
    pub(crate) fn pointer(&self, prefix: &str) -> String {
        let mut out = prefix.to_owned();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Location::Root => {}
            Location::Property(parent, name) => {
                parent.write(out);
                out.push('/');
                for c in name.chars() {
                    match c {
                        '~' => out.push_str("~0"),
                        '/' => out.push_str("~1"),
                        c => out.push(c),
                    }
                }
            }
            Location::Index(parent, index) => {
                parent.write(out);
                let _ = write!(out, "/{index}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_escaped() {
        let root = Location::Root;
        let item = Location::Index(&root, 0);
        let field = Location::Property(&item, "a/b~c");
        assert_eq!(field.pointer("/query"), "/query/0/a~1b~0c");
        assert_eq!(root.pointer(""), "");
    }
}
