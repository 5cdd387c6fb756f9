//! [`LenientInteger`]: an integer sent as a number or as a numeric string.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An integer that the server sends as `1` or as `"1"` (ids, status codes, counters).
///
/// Decodes JSON integers, numeric strings and floats without a fraction (`2.0`); serializes as a
/// JSON integer.
///
/// ```
/// use apipagos::lenient::LenientInteger;
///
/// let from_text: LenientInteger = serde_json::from_str(r#""21""#).unwrap();
/// let from_number: LenientInteger = serde_json::from_str("21").unwrap();
/// assert_eq!(from_text, from_number);
/// assert_eq!(from_text.get(), 21);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LenientInteger(i64);

impl LenientInteger {
    /// Wraps an integer.
    pub const fn new(value: i64) -> Self {
        LenientInteger(value)
    }

    /// The integer.
    pub const fn get(self) -> i64 {
        self.0
    }
}

impl From<i64> for LenientInteger {
    fn from(value: i64) -> Self {
        LenientInteger(value)
    }
}

impl From<LenientInteger> for i64 {
    fn from(value: LenientInteger) -> Self {
        value.0
    }
}

impl fmt::Display for LenientInteger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for LenientInteger {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.0)
    }
}

impl<'de> Deserialize<'de> for LenientInteger {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IntegerVisitor;

        impl Visitor<'_> for IntegerVisitor {
            type Value = LenientInteger;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer as a JSON number or a numeric string")
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<LenientInteger, E> {
                Ok(LenientInteger(v))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<LenientInteger, E> {
                i64::try_from(v)
                    .map(LenientInteger)
                    .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
            }

            // 2.0: a whole float, as PHP may print a computed integer.
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<LenientInteger, E> {
                let whole = v.trunc();
                if whole == v && whole.abs() < 9.0e15 {
                    // The check above makes the conversion exact.
                    #[allow(clippy::cast_possible_truncation)]
                    return Ok(LenientInteger(whole as i64));
                }
                Err(E::invalid_value(de::Unexpected::Float(v), &self))
            }

            // "21": status codes and ids sent as text.
            fn visit_str<E: de::Error>(self, v: &str) -> Result<LenientInteger, E> {
                v.trim()
                    .parse()
                    .map(LenientInteger)
                    .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }

        deserializer.deserialize_any(IntegerVisitor)
    }
}
