//! [`JsonObject`]: a free-form object that PHP may send as `[]`.

use std::fmt;
use std::ops::{Deref, DerefMut};

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

/// A free-form JSON object (gateway `config`, `fiscalData`, validation `errors`…).
///
/// PHP encodes an empty associative array as `[]`, so the server sends `"config": []` where it
/// means `{}`. This type decodes `{…}` as the object and `[]` as an empty object; a non-empty array
/// is an error. It serializes as a JSON object. It derefs to [`serde_json::Map`].
///
/// ```
/// use apipagos::lenient::JsonObject;
///
/// let empty: JsonObject = serde_json::from_str("[]").unwrap();
/// assert!(empty.is_empty());
/// let config: JsonObject = serde_json::from_str(r#"{"cbu_enabled": true}"#).unwrap();
/// assert_eq!(config["cbu_enabled"], true);
/// assert_eq!(serde_json::to_string(&empty).unwrap(), "{}");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct JsonObject(Map<String, Value>);

impl JsonObject {
    /// An empty object.
    pub fn new() -> Self {
        JsonObject(Map::new())
    }

    /// The object's map.
    pub fn into_inner(self) -> Map<String, Value> {
        self.0
    }
}

impl From<Map<String, Value>> for JsonObject {
    fn from(map: Map<String, Value>) -> Self {
        JsonObject(map)
    }
}

impl Deref for JsonObject {
    type Target = Map<String, Value>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl DerefMut for JsonObject {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl<'de> Deserialize<'de> for JsonObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor;

        impl<'de> Visitor<'de> for ObjectVisitor {
            type Value = JsonObject;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object, or [] for an empty one")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<JsonObject, A::Error> {
                Map::deserialize(de::value::MapAccessDeserializer::new(map)).map(JsonObject)
            }

            // []: PHP's empty array standing for an empty object.
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<JsonObject, A::Error> {
                if seq.next_element::<de::IgnoredAny>()?.is_some() {
                    return Err(de::Error::invalid_value(de::Unexpected::Seq, &self));
                }
                Ok(JsonObject::new())
            }
        }

        deserializer.deserialize_any(ObjectVisitor)
    }
}
