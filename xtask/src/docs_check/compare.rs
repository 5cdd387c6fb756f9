//! Field-by-field comparison of a page with the operation it documents.
//!
//! Requests are compared strictly (type and format, required, pattern, bounds, enum values,
//! default): the spec's request schemas carry every documented constraint. Responses are compared
//! as the spec's convention has them (`spec/README.md`, "strict requests, lenient responses"): a
//! response field disagrees when it is on one side only or when the spec would refuse a value of
//! the documented type; `required` and constraints are not compared there, the spec's response
//! schemas are lenient on purpose.
//!
//! The page lists nested fields flat after their parent (`fiscalData object`, then its fields).
//! A field belongs to the first open object, in the order they were opened, whose schema has a
//! property of that name not listed yet; a field no schema has belongs to the object of the field
//! before it.

use std::collections::BTreeSet;

use openapiv3::Schema;

use super::doc_type::{DocsType, Kind};
use super::matching::Matched;
use super::page::{Bound, BoundOf, Field, Page, Section};
use super::schema::{Facts, SpecModel};
use super::{Aspect, Disagreement};

/// What comparing one page found.
#[derive(Default)]
pub(crate) struct Comparison {
    pub(crate) disagreements: Vec<Disagreement>,
    /// The spec pointers the page was compared against (a declared deviation elsewhere is not
    /// checked by this page).
    pub(crate) visited: BTreeSet<String>,
    /// The objects whose whole field list the page has (fields only in the spec are checked).
    pub(crate) listed_whole: BTreeSet<String>,
    /// The body and response schemas an example of the page was validated against.
    pub(crate) examples: BTreeSet<String>,
}

impl Comparison {
    /// Whether this page could have shown `deviation` (else it is not stale for this page).
    pub(crate) fn covers(&self, deviation: &super::deviations::Deviation) -> bool {
        if deviation.docs.starts_with("example ") {
            self.examples.contains(&deviation.pointer)
        } else if deviation.docs == "absent" {
            self.listed_whole.contains(&deviation.pointer)
        } else {
            self.visited.contains(&deviation.pointer)
        }
    }
}

/// Request or response: strict or lenient.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Request,
    Response,
}

/// An object the page opened: its schema in the spec (if any) and the names listed so far.
struct Container<'a> {
    pointer: String,
    schema: Option<&'a Schema>,
    listed: BTreeSet<String>,
}

pub(crate) struct Comparer<'a, 'm> {
    pub(crate) model: &'m SpecModel<'a>,
    pub(crate) res: Comparison,
}

impl<'a> Comparer<'a, '_> {
    pub(super) fn push(
        &mut self,
        aspect: Aspect,
        field: &str,
        line: usize,
        pointer: &str,
        docs: String,
        spec: String,
    ) {
        self.res.disagreements.push(Disagreement {
            aspect,
            field: field.to_owned(),
            page_line: line,
            pointer: pointer.to_owned(),
            docs,
            spec,
        });
    }

    /// `docs`, at `line` of the page, names `field`, which the spec node at `pointer` does not
    /// have; that node counts as visited.
    pub(super) fn only_on_page(&mut self, field: &str, line: usize, pointer: String, docs: String) {
        let spec = "absent".to_owned();
        self.push(Aspect::FieldOnlyOnPage, field, line, &pointer, docs, spec);
        self.res.visited.insert(pointer);
    }

    /// Compares every part of `page` with the operation `op`.
    pub(crate) fn page(&mut self, page: &Page, op: &Matched<'a>) {
        self.parameters(page, op);
        self.authorization(page, op);
        if let Some(body) = &page.body {
            match op.request_body() {
                Some((pointer, schema)) => self.body(body, &pointer, schema, Side::Request),
                None => {
                    self.only_on_page("body", body.line, op.pointer.clone(), "body".to_owned());
                }
            }
        }
        for response in &page.responses {
            if !response.status.starts_with('2') {
                continue;
            }
            if let Some((pointer, schema)) = op.response(&response.status) {
                self.body(&response.body, &pointer, schema, Side::Response);
            }
        }
    }

    /// A body or response body: its shape, its fields, and the fields only the spec has.
    fn body(&mut self, section: &Section, pointer: &str, schema: &'a Schema, side: Side) {
        self.res.visited.insert(pointer.to_owned());
        let facts = self.model.facts_of(schema);
        let spec_array =
            facts.ty.kinds.contains(&Kind::Array) && !facts.ty.kinds.contains(&Kind::Object);
        if side == Side::Request && section.array != spec_array && !section.fields.is_empty() {
            let shape = |array| if array { "type array" } else { "type object" }.to_owned();
            self.push(
                Aspect::Type,
                "body",
                section.line,
                pointer,
                shape(section.array),
                shape(spec_array),
            );
        }
        let (root_pointer, root) = if spec_array {
            self.model
                .items(pointer, schema)
                .unwrap_or((pointer.to_owned(), schema))
        } else {
            (pointer.to_owned(), schema)
        };
        let mut containers = vec![Container {
            pointer: root_pointer,
            schema: Some(root),
            listed: BTreeSet::new(),
        }];
        let mut previous = 0;
        for field in &section.fields {
            let found = containers.iter().enumerate().find_map(|(idx, container)| {
                let schema = container.schema?;
                if container.listed.contains(&field.name) {
                    return None;
                }
                self.model
                    .properties(&container.pointer, schema)
                    .into_iter()
                    .find(|(name, _)| *name == field.name)
                    .map(|(_, property)| (idx, property))
            });
            let Some((idx, property)) = found else {
                let container = &containers[previous];
                if container.schema.is_some() {
                    let docs = format!("field `{}` {}", field.name, shown_type(field));
                    let pointer = container.pointer.clone();
                    self.only_on_page(&field.name, field.line, pointer, docs);
                }
                if opens_object(field) {
                    containers.push(Container {
                        pointer: String::new(),
                        schema: None,
                        listed: BTreeSet::new(),
                    });
                    previous = containers.len() - 1;
                }
                continue;
            };
            containers[idx].listed.insert(field.name.clone());
            previous = idx;
            self.res.visited.insert(property.pointer.clone());
            let facts = self.model.facts(property.schema);
            self.field(
                field,
                &property.pointer,
                &facts,
                property.required,
                side,
                None,
            );
            if opens_object(field) {
                let inner = self
                    .model
                    .resolve_boxed(property.pointer.clone(), property.schema)
                    .map(|(pointer, schema)| self.model.container(&pointer, schema));
                containers.push(Container {
                    pointer: inner.as_ref().map_or(String::new(), |it| it.0.clone()),
                    schema: inner.map(|it| it.1),
                    listed: BTreeSet::new(),
                });
                previous = containers.len() - 1;
            }
        }
        if !section.complete {
            return;
        }
        for container in &containers {
            let Some(schema) = container.schema else {
                continue;
            };
            if container.listed.is_empty() {
                // The page shows the object without its fields (collapsed).
                continue;
            }
            // One disagreement per object: the names the spec has beyond the page's.
            let missing: Vec<String> = self
                .model
                .properties(&container.pointer, schema)
                .into_iter()
                .map(|(name, _)| name)
                .filter(|name| !container.listed.contains(name))
                .collect();
            self.res.listed_whole.insert(container.pointer.clone());
            if missing.is_empty() {
                continue;
            }
            let line = section.fields.last().map_or(section.line, |it| it.line);
            let shown = missing
                .iter()
                .map(|it| format!("`{it}`"))
                .collect::<Vec<_>>()
                .join(", ");
            self.push(
                Aspect::FieldOnlyInSpec,
                &shown,
                line,
                &container.pointer,
                "absent".to_owned(),
                format!("fields {}", missing.join(", ")),
            );
        }
    }

    /// One field against its schema's facts.
    pub(super) fn field(
        &mut self,
        field: &Field,
        pointer: &str,
        facts: &Facts,
        required: bool,
        side: Side,
        implied_min_length: Option<usize>,
    ) {
        let name = field.name.as_str();
        if let Some(ty) = &field.ty {
            let agrees = match side {
                Side::Request => ty.same_as(&facts.ty),
                Side::Response => ty.admitted_by(&facts.ty) || facts.ty.kinds.is_empty(),
            };
            if !agrees {
                self.push(
                    Aspect::Type,
                    name,
                    field.line,
                    pointer,
                    format!("type {ty}"),
                    format!("type {}", facts.ty),
                );
            }
        }
        if side == Side::Response {
            return;
        }
        if let Some(documented) = field.required {
            if documented != required {
                let word = |it: bool| if it { "required" } else { "optional" }.to_owned();
                self.push(
                    Aspect::Required,
                    name,
                    field.line,
                    pointer,
                    word(documented),
                    word(required),
                );
            }
        }
        let docs_pattern = field.pattern.as_ref().map(|it| it.value.clone());
        if docs_pattern != facts.pattern {
            let line = field.pattern.as_ref().map_or(field.line, |it| it.line);
            let shown = |it: Option<String>| {
                it.map_or("no pattern".to_owned(), |it| format!("pattern {it}"))
            };
            self.push(
                Aspect::Pattern,
                name,
                line,
                pointer,
                shown(docs_pattern),
                shown(facts.pattern.clone()),
            );
        }
        let docs_bounds = bounds_text(field.bounds.iter().map(|it| it.value));
        let spec_bounds = bounds_text(spec_bounds(facts, implied_min_length).into_iter());
        if docs_bounds != spec_bounds {
            let line = field.bounds.first().map_or(field.line, |it| it.line);
            self.push(
                Aspect::Bounds,
                name,
                line,
                pointer,
                docs_bounds,
                spec_bounds,
            );
        }
        let docs_enum = field.allowed.as_ref().map(|it| it.value.clone());
        let spec_values: Vec<String> = facts
            .enumeration
            .iter()
            .filter(|it| !it.is_null())
            .map(scalar_text)
            .collect();
        let spec_enum = (!spec_values.is_empty()).then(|| spec_values.concat());
        if docs_enum != spec_enum {
            let line = field.allowed.as_ref().map_or(field.line, |it| it.line);
            let docs = docs_enum.map_or("no enum".to_owned(), |it| format!("enum {it}"));
            let spec = if spec_values.is_empty() {
                "no enum".to_owned()
            } else {
                format!("enum {}", spec_values.join("|"))
            };
            self.push(Aspect::EnumValues, name, line, pointer, docs, spec);
        }
        let docs_default = field.default.as_ref().map(|it| it.value.clone());
        let spec_default = facts.default.as_ref().map(scalar_text);
        if docs_default != spec_default {
            let line = field.default.as_ref().map_or(field.line, |it| it.line);
            let shown = |it: Option<String>| {
                it.map_or("no default".to_owned(), |it| format!("default {it}"))
            };
            self.push(
                Aspect::Default,
                name,
                line,
                pointer,
                shown(docs_default),
                shown(spec_default),
            );
        }
    }
}

/// Whether the page lists the field's own fields after it (an object, or an array of objects).
fn opens_object(field: &Field) -> bool {
    field.ty.as_ref().is_some_and(|ty| {
        ty.kinds.contains(&Kind::Object)
            || ty
                .items
                .as_ref()
                .is_some_and(|items| items.kinds.contains(&Kind::Object))
    })
}

pub(super) fn shown_type(field: &Field) -> String {
    field
        .ty
        .as_ref()
        .map_or("(no type)".to_owned(), DocsType::to_string)
}

/// A JSON scalar as the docs print it (strings bare).
fn scalar_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// The spec's bounds of what the type bounds: values of numbers, lengths of strings, sizes of
/// arrays. A path parameter's `minLength: 1` is implied (an empty segment addresses nothing).
fn spec_bounds(facts: &Facts, implied_min_length: Option<usize>) -> Vec<Bound> {
    let mut res = Vec::new();
    let mut push = |what, lower, exclusive, limit: f64| {
        res.push(Bound {
            what,
            lower,
            exclusive,
            limit,
        })
    };
    if let Some((limit, exclusive)) = facts.minimum {
        push(BoundOf::Value, true, exclusive, limit);
    }
    if let Some((limit, exclusive)) = facts.maximum {
        push(BoundOf::Value, false, exclusive, limit);
    }
    if let Some(limit) = facts
        .min_length
        .filter(|it| Some(*it) != implied_min_length)
    {
        push(BoundOf::Length, true, false, limit as f64);
    }
    if let Some(limit) = facts.max_length {
        push(BoundOf::Length, false, false, limit as f64);
    }
    if let Some(limit) = facts.min_items {
        push(BoundOf::Items, true, false, limit as f64);
    }
    if let Some(limit) = facts.max_items {
        push(BoundOf::Items, false, false, limit as f64);
    }
    res
}

/// `bounds >= 0 <= 10000`, `bounds >= 11 characters`, or `no bounds`.
fn bounds_text(bounds: impl Iterator<Item = Bound>) -> String {
    let mut parts: Vec<String> = bounds
        .map(|it| {
            let op = match (it.lower, it.exclusive) {
                (true, false) => ">=",
                (true, true) => ">",
                (false, false) => "<=",
                (false, true) => "<",
            };
            let unit = match it.what {
                BoundOf::Value => "",
                BoundOf::Length => " characters",
                BoundOf::Items => " items",
            };
            format!("{op} {}{unit}", it.limit)
        })
        .collect();
    parts.sort();
    if parts.is_empty() {
        "no bounds".to_owned()
    } else {
        format!("bounds {}", parts.join(" "))
    }
}
