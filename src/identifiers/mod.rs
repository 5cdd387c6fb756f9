//! Argentine identifiers, validated offline: CUIT/CUIL (tax ids) and CBU/CVU (account numbers).
//!
//! A payment that fails on the server because of a mistyped CUIT or CBU costs a round trip and
//! sometimes a support ticket; the check digits catch most typos before anything is sent. The spec
//! uses [`Cuit`] for the CUIT fields of requests (`field_3` of refunds, users, documents…).

mod account;
mod cuit;

pub use account::{Cbu, Cvu};
pub use cuit::Cuit;

/// Why a text is not a valid identifier. The messages never repeat the number itself.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentifierError {
    /// Not the right number of digits.
    #[error("a {kind} has {expected} digits, found {found}")]
    Length {
        /// "CUIT", "CBU" or "CVU".
        kind: &'static str,
        /// The number of digits required.
        expected: usize,
        /// The number of digits found.
        found: usize,
    },
    /// A character other than a digit (separators `-`, ` ` and `.` are allowed in a CUIT).
    #[error("a {kind} holds digits only")]
    NotDigits {
        /// "CUIT", "CBU" or "CVU".
        kind: &'static str,
    },
    /// A CUIT prefix AFIP does not issue.
    #[error("a CUIT starts with 20, 23, 24, 25, 26, 27, 30, 33 or 34, not {prefix}")]
    CuitPrefix {
        /// The two-digit prefix found.
        prefix: String,
    },
    /// A check digit does not match (a typo, most likely).
    #[error("the {}check digit of this {kind} is wrong", .which.map(|w| format!("{w} ")).unwrap_or_default())]
    CheckDigit {
        /// "CUIT", "CBU" or "CVU".
        kind: &'static str,
        /// Which block's check digit of a CBU/CVU ("first" or "second"); `None` for a CUIT.
        which: Option<&'static str>,
    },
    /// A CVU starts with 000 (the entity code of payment service providers); a CBU does not.
    #[error("{0}")]
    Kind(&'static str),
}

/// Digits of `text`, or an error naming `kind`.
fn digits(
    text: &str,
    kind: &'static str,
    skip_separators: bool,
) -> Result<Vec<u8>, IdentifierError> {
    let mut res = Vec::with_capacity(22);
    for ch in text.trim().chars() {
        match ch {
            '0'..='9' => res.push(ch as u8 - b'0'),
            '-' | ' ' | '.' if skip_separators => {}
            _ => return Err(IdentifierError::NotDigits { kind }),
        }
    }
    Ok(res)
}

/// Implements `FromStr`, `TryFrom<&str>`, `TryFrom<String>`, `Display`, `AsRef<str>` and the serde
/// impls (serialize as the plain digits; deserialize validating) for an identifier newtype over
/// `String` with a `parse(&str) -> Result<Self, IdentifierError>` constructor.
macro_rules! identifier_impls {
    ($ty:ident) => {
        impl std::str::FromStr for $ty {
            type Err = $crate::identifiers::IdentifierError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $ty::parse(s)
            }
        }

        impl TryFrom<&str> for $ty {
            type Error = $crate::identifiers::IdentifierError;
            fn try_from(s: &str) -> Result<Self, Self::Error> {
                $ty::parse(s)
            }
        }

        impl TryFrom<String> for $ty {
            type Error = $crate::identifiers::IdentifierError;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                $ty::parse(&s)
            }
        }

        impl TryFrom<&String> for $ty {
            type Error = $crate::identifiers::IdentifierError;
            fn try_from(s: &String) -> Result<Self, Self::Error> {
                $ty::parse(s)
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                $ty::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use identifier_impls;
