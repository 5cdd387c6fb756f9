//! `schemars::JsonSchema` for the hand-written types, which progenitor's command-line interface
//! needs on every type of the client (feature `cli`). Each schema states the JSON shapes the type
//! decodes.

use schemars::gen::SchemaGenerator;
use schemars::schema::{InstanceType, Schema, SchemaObject, SingleOrVec};
use schemars::JsonSchema;

use crate::identifiers::{Cbu, Cuit, Cvu};
use crate::lenient::{JsonObject, LenientBool, LenientInteger, Money, OpenEnum, Timestamp};

fn shapes(types: &[InstanceType]) -> Schema {
    let instance_type = match types {
        [one] => SingleOrVec::Single(Box::new(*one)),
        many => SingleOrVec::Vec(many.to_vec()),
    };
    SchemaObject {
        instance_type: Some(instance_type),
        ..SchemaObject::default()
    }
    .into()
}

macro_rules! json_schema {
    ($ty:ty, $name:literal, [$($shape:ident),+]) => {
        impl JsonSchema for $ty {
            fn schema_name() -> String {
                $name.to_owned()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                shapes(&[$(InstanceType::$shape),+])
            }
        }
    };
}

json_schema!(Money, "Money", [String, Number]);
json_schema!(Timestamp, "Timestamp", [String]);
json_schema!(LenientInteger, "LenientInteger", [Integer, String]);
json_schema!(LenientBool, "LenientBool", [Boolean, Integer, String]);
json_schema!(JsonObject, "JsonObject", [Object, Array]);
json_schema!(Cuit, "Cuit", [String]);
json_schema!(Cbu, "Cbu", [String]);
json_schema!(Cvu, "Cvu", [String]);

impl<T: JsonSchema> JsonSchema for crate::Nullable<T> {
    fn schema_name() -> String {
        format!("Nullable_{}", T::schema_name())
    }
    fn json_schema(gen: &mut SchemaGenerator) -> Schema {
        <Option<T>>::json_schema(gen)
    }
}

impl<T: JsonSchema> JsonSchema for OpenEnum<T> {
    fn schema_name() -> String {
        format!("OpenEnum_{}", T::schema_name())
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        shapes(&[InstanceType::String])
    }
}
