//! A path parameter percent-encoded while the request's URL is formatted: what progenitor's
//! `encode_path(&value.to_string())` gives, without its two `String`s. The generated `send()`s
//! call `value.path_encoded()` instead (`apipagos-codegen`'s `request_building.rs`): a method, so
//! that a string newtype without `Display` reaches `String`'s through its `Deref`, as
//! `to_string()` did.

use std::fmt::{self, Display, Write};

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

/// The characters progenitor-client's `encode_path` escapes in a path segment (its private
/// `PATH_SET`, after <https://url.spec.whatwg.org/#url-path-segment-string>); a test compares
/// both on every ASCII character and arbitrary text.
const PATH_SET: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'/')
    .add(b'%');

/// `value`'s `Display`, percent-encoded as one path segment.
pub(crate) struct Encoded<'a, T: ?Sized>(&'a T);

/// [`Encoded`] of a value, for the generated URLs.
pub(crate) trait EncodePath: Display {
    /// The value percent-encoded as a path segment, written as the URL is formatted.
    fn path_encoded(&self) -> Encoded<'_, Self> {
        Encoded(self)
    }
}

impl<T: Display + ?Sized> EncodePath for T {}

impl<T: Display + ?Sized> Display for Encoded<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The encoding is byte by byte, so the pieces `Display` writes can be encoded apart.
        struct Encoding<'f, 'g>(&'f mut fmt::Formatter<'g>);
        impl Write for Encoding<'_, '_> {
            fn write_str(&mut self, piece: &str) -> fmt::Result {
                utf8_percent_encode(piece, PATH_SET).try_for_each(|chunk| self.0.write_str(chunk))
            }
        }
        write!(Encoding(f), "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use progenitor_client::encode_path;
    use proptest::prelude::*;

    use super::{EncodePath, Encoded};

    #[test]
    fn every_ascii_character_is_encoded_as_progenitor_encodes_it() {
        for byte in 0u8..=127 {
            let text = char::from(byte).to_string();
            assert_eq!(
                text.path_encoded().to_string(),
                encode_path(&text),
                "{byte:#04x}"
            );
        }
    }

    #[test]
    fn a_value_written_in_pieces_is_encoded_whole() {
        // `Display` of a tuple-like value writes several pieces.
        struct Pieces;
        impl std::fmt::Display for Pieces {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a/b")?;
                f.write_str("%ñ")?;
                write!(f, "{}", 12)
            }
        }
        assert_eq!(Encoded(&Pieces).to_string(), encode_path("a/b%ñ12"));
        assert_eq!(Encoded(&Pieces).to_string(), "a%2Fb%25%C3%B112");
    }

    proptest! {
        #[test]
        fn any_text_is_encoded_as_progenitor_encodes_it(text in any::<String>()) {
            prop_assert_eq!(text.path_encoded().to_string(), encode_path(&text));
        }

        #[test]
        fn any_integer_is_encoded_as_progenitor_encodes_it(n in any::<i64>()) {
            prop_assert_eq!(n.path_encoded().to_string(), encode_path(&n.to_string()));
        }
    }
}
