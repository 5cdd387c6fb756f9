//! What the spec says of a field, read from the typed spec (`apipagos_codegen::load_spec`):
//! references followed, each schema located by its JSON pointer in the spec document.

use std::collections::BTreeSet;

use apipagos_codegen::{admits_only_null, is_null_branch_schema};
use openapiv3::{OpenAPI, ReferenceOr, Schema, SchemaKind, Type, VariantOrUnknownOrEmpty};
use serde_json::Value;

use super::doc_type::{DocsType, Kind};

/// A property of an object schema.
pub(crate) struct Property<'a> {
    /// The pointer of the property's entry (`…/properties/<name>`).
    pub(crate) pointer: String,
    pub(crate) schema: &'a ReferenceOr<Box<Schema>>,
    pub(crate) required: bool,
}

/// The constraints of a schema, merged along references and `allOf`.
#[derive(Debug, Default, Clone)]
pub(crate) struct Facts {
    pub(crate) ty: DocsType,
    pub(crate) pattern: Option<String>,
    pub(crate) enumeration: Vec<Value>,
    pub(crate) default: Option<Value>,
    pub(crate) minimum: Option<(f64, bool)>,
    pub(crate) maximum: Option<(f64, bool)>,
    pub(crate) min_length: Option<usize>,
    pub(crate) max_length: Option<usize>,
    pub(crate) min_items: Option<usize>,
    pub(crate) max_items: Option<usize>,
    /// The component the schema refers to (`RequestMoney`), for messages.
    pub(crate) component: Option<String>,
}

/// The spec: the typed document.
pub(crate) struct SpecModel<'a> {
    pub(crate) openapi: &'a OpenAPI,
}

/// `~` and `/` escaped for a JSON pointer segment.
pub(crate) fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

impl<'a> SpecModel<'a> {
    /// Follows `$ref`s: the schema and the pointer of the node that holds it.
    pub(crate) fn resolve(
        &self,
        pointer: String,
        schema: &'a ReferenceOr<Schema>,
    ) -> Option<(String, &'a Schema)> {
        match schema {
            ReferenceOr::Item(schema) => Some((pointer, schema)),
            ReferenceOr::Reference { reference } => self.component(reference),
        }
    }

    /// As [`Self::resolve`], for a boxed schema.
    pub(crate) fn resolve_boxed(
        &self,
        pointer: String,
        schema: &'a ReferenceOr<Box<Schema>>,
    ) -> Option<(String, &'a Schema)> {
        match schema {
            ReferenceOr::Item(schema) => Some((pointer, schema)),
            ReferenceOr::Reference { reference } => self.component(reference),
        }
    }

    fn component(&self, reference: &str) -> Option<(String, &'a Schema)> {
        let name = reference.strip_prefix("#/components/schemas/")?;
        let schema = self.openapi.components.as_ref()?.schemas.get(name)?;
        self.resolve(format!("/components/schemas/{}", escape(name)), schema)
    }

    /// The properties of an object schema (with those of its `allOf` parts).
    pub(crate) fn properties(
        &self,
        pointer: &str,
        schema: &'a Schema,
    ) -> Vec<(String, Property<'a>)> {
        let mut res = Vec::new();
        self.collect_properties(pointer.to_owned(), schema, &mut res);
        res
    }

    fn collect_properties(
        &self,
        pointer: String,
        schema: &'a Schema,
        res: &mut Vec<(String, Property<'a>)>,
    ) {
        let (properties, required) = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => (&object.properties, &object.required),
            SchemaKind::Any(any) => (&any.properties, &any.required),
            SchemaKind::AllOf { all_of } => {
                for (idx, part) in all_of.iter().enumerate() {
                    if let Some((pointer, schema)) =
                        self.resolve(format!("{pointer}/allOf/{idx}"), part)
                    {
                        self.collect_properties(pointer, schema, res);
                    }
                }
                return;
            }
            _ => return,
        };
        for (name, schema) in properties {
            res.push((
                name.clone(),
                Property {
                    pointer: format!("{pointer}/properties/{}", escape(name)),
                    schema,
                    required: required.contains(name),
                },
            ));
        }
    }

    /// The schema of an array's items, or of an object's single `allOf` part.
    pub(crate) fn items(&self, pointer: &str, schema: &'a Schema) -> Option<(String, &'a Schema)> {
        match &schema.schema_kind {
            SchemaKind::Type(Type::Array(array)) => {
                self.resolve_boxed(format!("{pointer}/items"), array.items.as_ref()?)
            }
            SchemaKind::Any(any) => {
                self.resolve_boxed(format!("{pointer}/items"), any.items.as_ref()?)
            }
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                let (pointer, schema) = self.resolve(format!("{pointer}/allOf/0"), &all_of[0])?;
                self.items(&pointer, schema)
            }
            _ => None,
        }
    }

    /// The object schema a container field holds: itself, or its items for an array, following
    /// a single `allOf` part and the object variant of a `oneOf`.
    pub(crate) fn container(&self, pointer: &str, schema: &'a Schema) -> (String, &'a Schema) {
        if let Some(items) = self.items(pointer, schema) {
            return items;
        }
        if let SchemaKind::AllOf { all_of } = &schema.schema_kind {
            if let [part] = all_of.as_slice() {
                if let Some((pointer, schema)) = self.resolve(format!("{pointer}/allOf/0"), part) {
                    return self.container(&pointer, schema);
                }
            }
        }
        // `oneOf: [X, {enum: [null]}]`: the field holds an X or `null`.
        if let SchemaKind::OneOf { one_of } = &schema.schema_kind {
            let mut values = one_of.iter().enumerate().filter(
                |(_, part)| !matches!(part, ReferenceOr::Item(item) if is_null_branch_schema(item)),
            );
            if let (Some((idx, part)), None) = (values.next(), values.next()) {
                if let Some((pointer, schema)) =
                    self.resolve(format!("{pointer}/oneOf/{idx}"), part)
                {
                    return self.container(&pointer, schema);
                }
            }
        }
        (pointer.to_owned(), schema)
    }

    /// The facts of a (possibly referenced) schema.
    pub(crate) fn facts(&self, schema: &'a ReferenceOr<Box<Schema>>) -> Facts {
        let mut facts = Facts::default();
        if let ReferenceOr::Reference { reference } = schema {
            facts.component = reference
                .strip_prefix("#/components/schemas/")
                .map(str::to_owned);
        }
        if let Some((_, schema)) = self.resolve_boxed(String::new(), schema) {
            self.merge(schema, &mut facts);
        }
        facts
    }

    /// The facts of a parameter's (possibly referenced) schema.
    pub(crate) fn parameter_facts(&self, schema: &'a ReferenceOr<Schema>) -> Facts {
        let mut facts = Facts::default();
        if let ReferenceOr::Reference { reference } = schema {
            facts.component = reference
                .strip_prefix("#/components/schemas/")
                .map(str::to_owned);
        }
        if let Some((_, schema)) = self.resolve(String::new(), schema) {
            self.merge(schema, &mut facts);
        }
        facts
    }

    /// The facts of a resolved schema.
    pub(crate) fn facts_of(&self, schema: &'a Schema) -> Facts {
        let mut facts = Facts::default();
        self.merge(schema, &mut facts);
        facts
    }

    fn merge(&self, schema: &'a Schema, facts: &mut Facts) {
        let data = &schema.schema_data;
        if data.nullable {
            facts.ty.kinds.insert(Kind::Null);
        }
        if facts.default.is_none() {
            facts.default.clone_from(&data.default);
        }
        match &schema.schema_kind {
            SchemaKind::Type(ty) => self.merge_type(ty, facts),
            SchemaKind::AllOf { all_of } => {
                for part in all_of {
                    if let (None, ReferenceOr::Reference { reference }) = (&facts.component, part) {
                        facts.component = reference
                            .strip_prefix("#/components/schemas/")
                            .map(str::to_owned);
                    }
                    if let Some((_, part)) = self.resolve(String::new(), part) {
                        self.merge(part, facts);
                    }
                }
            }
            SchemaKind::OneOf { one_of: parts } | SchemaKind::AnyOf { any_of: parts } => {
                // Each alternative adds its kinds; constraints of one alternative are not the
                // field's constraints.
                let mut formats = BTreeSet::new();
                for part in parts {
                    if let Some((_, part)) = self.resolve(String::new(), part) {
                        let inner = self.facts_of(part);
                        formats.insert(inner.ty.format.clone());
                        facts.ty.kinds.extend(inner.ty.kinds);
                    }
                }
                if formats.len() == 1 {
                    facts.ty.format = formats.into_iter().next().flatten();
                }
            }
            SchemaKind::Not { .. } => {}
            SchemaKind::Any(any) => {
                // `{enum: [null]}`: how the spec admits `null` beside a `$ref` (OpenAPI 3.0 has
                // no null type; see the validate rule `nullable-without-type`).
                if admits_only_null(&any.enumeration) {
                    facts.ty.kinds.insert(Kind::Null);
                }
                if let Some(kind) = any.typ.as_deref().and_then(kind_of_word) {
                    facts.ty.kinds.insert(kind);
                } else if !any.properties.is_empty() {
                    facts.ty.kinds.insert(Kind::Object);
                } else if any.items.is_some() {
                    facts.ty.kinds.insert(Kind::Array);
                }
                if any.format.is_some() {
                    facts.ty.format.clone_from(&any.format);
                }
                if any.pattern.is_some() {
                    facts.pattern.clone_from(&any.pattern);
                }
                if !any.enumeration.is_empty() {
                    facts.enumeration.clone_from(&any.enumeration);
                }
            }
        }
    }

    fn merge_type(&self, ty: &'a Type, facts: &mut Facts) {
        match ty {
            Type::String(string) => {
                facts.ty.kinds.insert(Kind::String);
                facts.ty.format = format_name(&string.format).or(facts.ty.format.take());
                if string.pattern.is_some() {
                    facts.pattern.clone_from(&string.pattern);
                }
                if !string.enumeration.is_empty() {
                    facts.enumeration = string
                        .enumeration
                        .iter()
                        .map(|it| it.clone().map_or(Value::Null, Value::String))
                        .collect();
                }
                facts.min_length = string.min_length.or(facts.min_length);
                facts.max_length = string.max_length.or(facts.max_length);
            }
            Type::Number(number) => {
                facts.ty.kinds.insert(Kind::Number);
                facts.ty.format = format_name(&number.format).or(facts.ty.format.take());
                if let Some(min) = number.minimum {
                    facts.minimum = Some((min, number.exclusive_minimum));
                }
                if let Some(max) = number.maximum {
                    facts.maximum = Some((max, number.exclusive_maximum));
                }
                if !number.enumeration.is_empty() {
                    facts.enumeration = number
                        .enumeration
                        .iter()
                        .map(|it| it.map_or(Value::Null, Value::from))
                        .collect();
                }
            }
            Type::Integer(integer) => {
                facts.ty.kinds.insert(Kind::Integer);
                facts.ty.format = format_name(&integer.format).or(facts.ty.format.take());
                if let Some(min) = integer.minimum {
                    facts.minimum = Some((min as f64, integer.exclusive_minimum));
                }
                if let Some(max) = integer.maximum {
                    facts.maximum = Some((max as f64, integer.exclusive_maximum));
                }
                if !integer.enumeration.is_empty() {
                    facts.enumeration = integer
                        .enumeration
                        .iter()
                        .map(|it| it.map_or(Value::Null, Value::from))
                        .collect();
                }
            }
            Type::Boolean(_) => {
                facts.ty.kinds.insert(Kind::Boolean);
            }
            Type::Object(_) => {
                facts.ty.kinds.insert(Kind::Object);
            }
            Type::Array(array) => {
                facts.ty.kinds.insert(Kind::Array);
                facts.min_items = array.min_items.or(facts.min_items);
                facts.max_items = array.max_items.or(facts.max_items);
                if let Some(items) = &array.items {
                    let items = self.facts(items).ty;
                    if !items.kinds.is_empty() {
                        facts.ty.items = Some(Box::new(DocsType {
                            kinds: items
                                .kinds
                                .into_iter()
                                .filter(|it| *it != Kind::Null)
                                .collect(),
                            ..DocsType::default()
                        }));
                    }
                }
            }
        }
    }
}

fn kind_of_word(word: &str) -> Option<Kind> {
    DocsType::parse(word).and_then(|it| it.kinds.into_iter().next())
}

/// `date-time`, `int32`… as written in the spec.
fn format_name<T: serde::Serialize>(format: &VariantOrUnknownOrEmpty<T>) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Empty => None,
        VariantOrUnknownOrEmpty::Unknown(name) => Some(name.clone()),
        VariantOrUnknownOrEmpty::Item(item) => serde_json::to_value(item)
            .ok()
            .and_then(|it| it.as_str().map(str::to_owned)),
    }
}
