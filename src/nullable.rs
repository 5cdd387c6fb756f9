//! [`Nullable`]: a field a PATCH can set or clear. Three states, as the API reads them: the field
//! absent (`None`: leave it as it is), `null` (`Some(Nullable::Null)`: clear it) and a value
//! (`Some(Nullable::Value(v))`: set it).
//!
//! The spec declares such a field with a component carrying
//! `x-apipagos-rust-type: crate::Nullable<…>` (`NullableText`, `NullableRequestMoney`), where the
//! documentation's PATCH examples send `null`; `apipagos-codegen` gives its field the
//! deserializer [`present`], so that a `null` read back is `Some(Nullable::Null)`, not `None`.
//!
//! ```
//! use apipagos::types::RefundPatch;
//! use apipagos::Nullable;
//!
//! let patch = RefundPatch::builder()
//!     .field_4(Some(Nullable::Null))
//!     .field_6(Some(Nullable::from("nuevo".to_owned())));
//! let patch = RefundPatch::try_from(patch).unwrap();
//! let json = serde_json::to_value(&patch).unwrap();
//! assert_eq!(json, serde_json::json!({"field_4": null, "field_6": "nuevo"}));
//! let back: RefundPatch = serde_json::from_value(json).unwrap();
//! assert_eq!(back.field_4, Some(Nullable::Null));
//! assert_eq!(back.field_7, None, "absent stays absent");
//! ```

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value, or an explicit `null` (see the module documentation).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Nullable<T> {
    /// `null`: clear the field.
    Null,
    /// Set the field to this value.
    Value(T),
}

impl<T> Nullable<T> {
    /// The value, if there is one.
    pub fn as_value(&self) -> Option<&T> {
        match self {
            Nullable::Null => None,
            Nullable::Value(value) => Some(value),
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Null => serializer.serialize_none(),
            Nullable::Value(value) => value.serialize(serializer),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(value) => Nullable::Value(value),
            None => Nullable::Null,
        })
    }
}

/// The deserializer of an optional `Nullable` field: a present field (`null` included) is `Some`;
/// an absent one is `None` through `#[serde(default)]`.
pub fn present<'de, D, T>(deserializer: D) -> Result<Option<Nullable<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Nullable::deserialize(deserializer).map(Some)
}
