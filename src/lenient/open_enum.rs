//! [`OpenEnum`]: a documented enum that tolerates values added later.

use std::fmt;

use serde::de::{DeserializeOwned, IntoDeserializer};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value of the documented enum `T`, or a value the docs do not list, kept as text.
///
/// A new status action or payment method on the server must not make a whole response fail to
/// decode: unknown values become [`OpenEnum::Unknown`]. Serializes back to the same text.
///
/// ```
/// use apipagos::lenient::OpenEnum;
/// use apipagos::types::PaymentMethodKind;
///
/// let known: OpenEnum<PaymentMethodKind> = serde_json::from_str(r#""CBU""#).unwrap();
/// assert_eq!(known.known(), Some(&PaymentMethodKind::Cbu));
/// let new: OpenEnum<PaymentMethodKind> = serde_json::from_str(r#""QR""#).unwrap();
/// assert_eq!(new, OpenEnum::Unknown("QR".to_owned()));
/// assert_eq!(serde_json::to_string(&new).unwrap(), r#""QR""#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum OpenEnum<T> {
    /// A documented value.
    Known(T),
    /// A value the docs do not list, as the server sent it.
    Unknown(String),
}

impl<T> OpenEnum<T> {
    /// The documented value, if it is one.
    pub fn known(&self) -> Option<&T> {
        match self {
            OpenEnum::Known(value) => Some(value),
            OpenEnum::Unknown(_) => None,
        }
    }
}

impl<T> From<T> for OpenEnum<T> {
    fn from(value: T) -> Self {
        OpenEnum::Known(value)
    }
}

impl<T: fmt::Display> fmt::Display for OpenEnum<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenEnum::Known(value) => value.fmt(f),
            OpenEnum::Unknown(text) => f.write_str(text),
        }
    }
}

impl<T: Serialize> Serialize for OpenEnum<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            OpenEnum::Known(value) => value.serialize(serializer),
            OpenEnum::Unknown(text) => serializer.serialize_str(text),
        }
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for OpenEnum<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let known: Result<T, serde::de::value::Error> =
            T::deserialize(text.as_str().into_deserializer());
        Ok(match known {
            Ok(value) => OpenEnum::Known(value),
            Err(_) => OpenEnum::Unknown(text),
        })
    }
}
