//! [`LenientBool`]: a boolean sent as `true`, as PHP's `1` or as `"1"`.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A boolean that the server sends as `true`/`false`, as PHP's integers `1`/`0` (a MySQL
/// `tinyint` column), or as text (`"1"`, `"0"`, `"true"`, `"false"`).
///
/// Any other number or text is an error: `2` or `"yes"` is not guessed at. Serializes as a JSON
/// boolean.
///
/// ```
/// use apipagos::lenient::LenientBool;
///
/// let php: LenientBool = serde_json::from_str("1").unwrap();
/// let json: LenientBool = serde_json::from_str("true").unwrap();
/// assert_eq!(php, json);
/// assert!(php.get());
/// assert_eq!(serde_json::to_string(&php).unwrap(), "true");
/// assert!(serde_json::from_str::<LenientBool>("2").is_err());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LenientBool(bool);

impl LenientBool {
    /// Wraps a boolean.
    pub const fn new(value: bool) -> Self {
        LenientBool(value)
    }

    /// The boolean.
    pub const fn get(self) -> bool {
        self.0
    }
}

impl From<bool> for LenientBool {
    fn from(value: bool) -> Self {
        LenientBool(value)
    }
}

impl From<LenientBool> for bool {
    fn from(value: LenientBool) -> Self {
        value.0
    }
}

impl fmt::Display for LenientBool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for LenientBool {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bool(self.0)
    }
}

impl<'de> Deserialize<'de> for LenientBool {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BoolVisitor;

        impl Visitor<'_> for BoolVisitor {
            type Value = LenientBool;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a boolean: true, false, 1, 0, \"1\", \"0\", \"true\" or \"false\"")
            }

            fn visit_bool<E: de::Error>(self, v: bool) -> Result<LenientBool, E> {
                Ok(LenientBool(v))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<LenientBool, E> {
                match v {
                    0 => Ok(LenientBool(false)),
                    1 => Ok(LenientBool(true)),
                    _ => Err(E::invalid_value(de::Unexpected::Unsigned(v), &self)),
                }
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<LenientBool, E> {
                match u64::try_from(v) {
                    Ok(v) => self.visit_u64(v),
                    Err(_) => Err(E::invalid_value(de::Unexpected::Signed(v), &self)),
                }
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<LenientBool, E> {
                match v.trim() {
                    "1" | "true" => Ok(LenientBool(true)),
                    "0" | "false" => Ok(LenientBool(false)),
                    _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
                }
            }
        }

        deserializer.deserialize_any(BoolVisitor)
    }
}
