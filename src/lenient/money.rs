//! [`Money`]: an exact decimal amount, whatever JSON shape carries it.

use std::fmt;
use std::str::FromStr;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An amount of money, held as an exact decimal (never a float).
///
/// The server sends amounts as strings (`"325000.00"`, `"0.00"`), as integers (`500`) or as JSON
/// numbers with a fraction (`836.55`). All decode exactly: a JSON number is read back from its
/// shortest round-trip text, so `836.55` is `836.55`, not `836.549999…`.
///
/// Serialization sends a JSON number, as the docs type amounts (`number`): an integer when the amount
/// has no fraction, else a number whose text is exactly the decimal. An amount that a double cannot
/// carry exactly (more than 15 significant digits) is sent as a string instead, so no precision is
/// ever lost on the wire.
///
/// ```
/// use apipagos::lenient::Money;
///
/// let from_string: Money = serde_json::from_str(r#""325000.00""#).unwrap();
/// let from_number: Money = serde_json::from_str("836.55").unwrap();
/// assert_eq!(from_string.to_string(), "325000.00");
/// assert_eq!(from_number, "836.55".parse().unwrap());
/// assert_eq!(serde_json::to_string(&from_number).unwrap(), "836.55");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(Decimal);

/// Why a text is not an amount of money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid amount {input:?}: expected a decimal number such as \"325000.00\"")]
pub struct MoneyError {
    input: String,
}

impl Money {
    /// Wraps an exact decimal.
    pub const fn new(value: Decimal) -> Self {
        Money(value)
    }

    /// The amount as an exact decimal.
    pub const fn amount(self) -> Decimal {
        self.0
    }

    /// `self + other`, exactly; `None` on overflow (beyond ±7.9 × 10²⁸), never a panic.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    /// `self - other`, exactly; `None` on overflow, never a panic.
    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    /// The exact total of `amounts` (zero for none); `None` on overflow, never a panic.
    ///
    /// ```
    /// use apipagos::lenient::Money;
    ///
    /// let amounts: Vec<Money> = ["325000.00", "0.10", "0.20"].iter().map(|a| a.parse().unwrap()).collect();
    /// let total = Money::checked_sum(amounts).unwrap();
    /// assert_eq!(total.to_string(), "325000.30"); // 0.1 + 0.2 is exactly 0.3
    /// ```
    pub fn checked_sum(amounts: impl IntoIterator<Item = Money>) -> Option<Money> {
        amounts
            .into_iter()
            .try_fold(Money::default(), |total, amount| total.checked_add(amount))
    }

    fn from_float(value: f64) -> Option<Money> {
        if !value.is_finite() {
            return None;
        }
        // Rust prints the shortest text that reads back as the same double: the number as written.
        Decimal::from_str(&value.to_string()).ok().map(Money)
    }
}

impl From<Decimal> for Money {
    fn from(value: Decimal) -> Self {
        Money(value)
    }
}

impl From<Money> for Decimal {
    fn from(value: Money) -> Self {
        value.0
    }
}

/// Whole amounts: `Money::from(150)`.
macro_rules! from_integers {
    ($($int:ty),*) => {$(
        impl From<$int> for Money {
            fn from(value: $int) -> Self {
                Money(Decimal::from(value))
            }
        }
    )*};
}

from_integers!(i8, i16, i32, i64, u8, u16, u32, u64);

/// A decimal text, as [`FromStr`] reads it: what lets a required amount's builder setter take
/// `"150.75"` (the error then names the field).
impl TryFrom<&str> for Money {
    type Error = MoneyError;

    fn try_from(text: &str) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl FromStr for Money {
    type Err = MoneyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        Decimal::from_str(text)
            .or_else(|_| Decimal::from_scientific(text))
            .map(Money)
            .map_err(|_| MoneyError {
                input: s.to_owned(),
            })
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.fract().is_zero() {
            if let Some(whole) = self.0.to_i64() {
                return serializer.serialize_i64(whole);
            }
        }
        match self.0.to_f64() {
            Some(float) if Money::from_float(float) == Some(*self) => {
                serializer.serialize_f64(float)
            }
            _ => serializer.serialize_str(&self.0.to_string()),
        }
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MoneyVisitor;

        impl Visitor<'_> for MoneyVisitor {
            type Value = Money;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an amount as a JSON number or a decimal string")
            }

            // "325000.00": the usual shape in responses.
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Money, E> {
                Money::from_str(v).map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
            }

            // 500: integers (PATCH /transactions documents `amount` as integer).
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Money, E> {
                Ok(Money::from(v))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Money, E> {
                Ok(Money(Decimal::from(v)))
            }

            // 836.55: numbers with a fraction, read back from their shortest text.
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Money, E> {
                Money::from_float(v)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Float(v), &self))
            }
        }

        deserializer.deserialize_any(MoneyVisitor)
    }
}
