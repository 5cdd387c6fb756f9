//! Comparing the parameters and the authorization a page documents with its operation's.
//!
//! Path parameters are matched by their place in the path template (a renamed parameter is one
//! disagreement, not two); query and header parameters by name (headers ignoring case).
//! `Accept` and `Content-Type` are not compared: the client sets them.

use std::collections::BTreeSet;

use openapiv3::{Parameter as SpecParameter, ParameterSchemaOrContent, ReferenceOr};

use super::compare::{shown_type, Comparer, Side};
use super::matching::Matched;
use super::page::{Page, ParameterIn};
use super::schema::{escape, SpecModel};
use super::Aspect;

impl<'a> Comparer<'a, '_> {
    pub(super) fn authorization(&mut self, page: &Page, op: &Matched<'a>) {
        if !page.request_seen || !page.parameters_complete {
            return;
        }
        let (pointer, headers) = op.security_headers(self.model);
        self.res.visited.insert(pointer.clone());
        let documented = page.authorization.as_ref();
        let same = match documented {
            Some(header) => headers
                .iter()
                .any(|it| it.eq_ignore_ascii_case(&header.value)),
            None => headers.is_empty(),
        };
        if !same {
            let line = documented.map_or(op_line(page), |it| it.line);
            let docs = documented.map_or("no authorization".to_owned(), |it| {
                format!("header {}", it.value)
            });
            let spec = if headers.is_empty() {
                "no authorization".to_owned()
            } else {
                format!("header {}", headers.join(", "))
            };
            self.push(
                Aspect::Authorization,
                "authorization",
                line,
                &pointer,
                docs,
                spec,
            );
        }
    }

    pub(super) fn parameters(&mut self, page: &Page, op: &Matched<'a>) {
        let page_names = template_names(
            &page
                .endpoint
                .as_ref()
                .map_or(String::new(), |it| it.path.clone()),
        );
        let spec_names = template_names(&op.path);
        let spec_parameters = op.parameters();
        let mut seen = BTreeSet::new();
        for parameter in &page.parameters {
            let field = &parameter.field;
            let wanted = match parameter.location {
                ParameterIn::Header if is_implied_header(&field.name) => continue,
                ParameterIn::Path => page_names
                    .iter()
                    .position(|it| *it == field.name)
                    .and_then(|idx| spec_names.get(idx))
                    .cloned()
                    .unwrap_or_else(|| field.name.clone()),
                ParameterIn::Query | ParameterIn::Header => field.name.clone(),
            };
            let found = spec_parameters.iter().find(|(_, it)| {
                let data = it.parameter_data_ref();
                location_of(it) == Some(parameter.location)
                    && if parameter.location == ParameterIn::Header {
                        data.name.eq_ignore_ascii_case(&wanted)
                    } else {
                        data.name == wanted
                    }
            });
            let Some((pointer, spec)) = found else {
                let docs = format!("parameter `{}` {}", field.name, shown_type(field));
                self.only_on_page(&field.name, field.line, op.pointer.clone(), docs);
                continue;
            };
            seen.insert(pointer.clone());
            self.res.visited.insert(pointer.clone());
            let data = spec.parameter_data_ref();
            if data.name != field.name && parameter.location == ParameterIn::Path {
                self.push(
                    Aspect::ParameterName,
                    &field.name,
                    field.line,
                    pointer,
                    format!("parameter `{}`", field.name),
                    format!("parameter `{}`", data.name),
                );
            }
            let ParameterSchemaOrContent::Schema(schema) = &data.format else {
                continue;
            };
            let facts = self.model.parameter_facts(schema);
            let implied = if parameter.location == ParameterIn::Path {
                Some(1)
            } else {
                None
            };
            self.field(
                field,
                pointer,
                &facts,
                data.required,
                Side::Request,
                implied,
            );
        }
        if page.parameters_complete {
            for (pointer, spec) in &spec_parameters {
                let data = spec.parameter_data_ref();
                let location = location_of(spec);
                // A path parameter is documented by the path itself.
                if seen.contains(pointer) || location == Some(ParameterIn::Path) {
                    continue;
                }
                self.res.visited.insert(pointer.clone());
                self.push(
                    Aspect::FieldOnlyInSpec,
                    &data.name,
                    op_line(page),
                    pointer,
                    "absent".to_owned(),
                    format!("parameter `{}`", data.name),
                );
            }
        }
    }
}

/// The line of the page's method and path.
fn op_line(page: &Page) -> usize {
    page.endpoint.as_ref().map_or(1, |it| it.line)
}

/// `{a}` names of a path template, in order.
pub(crate) fn template_names(path: &str) -> Vec<String> {
    path.split('/')
        .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
        .map(str::to_owned)
        .collect()
}

/// Headers HTTP itself negotiates (the client sets them): not compared.
fn is_implied_header(name: &str) -> bool {
    name.eq_ignore_ascii_case("Accept") || name.eq_ignore_ascii_case("Content-Type")
}

fn location_of(parameter: &SpecParameter) -> Option<ParameterIn> {
    match parameter {
        SpecParameter::Path { .. } => Some(ParameterIn::Path),
        SpecParameter::Query { .. } => Some(ParameterIn::Query),
        SpecParameter::Header { .. } => Some(ParameterIn::Header),
        SpecParameter::Cookie { .. } => None,
    }
}

/// The pointer of a parameter, `$ref`s followed.
pub(crate) fn parameter_pointer<'a>(
    model: &SpecModel<'a>,
    pointer: String,
    parameter: &'a ReferenceOr<SpecParameter>,
) -> Option<(String, &'a SpecParameter)> {
    match parameter {
        ReferenceOr::Item(parameter) => Some((pointer, parameter)),
        ReferenceOr::Reference { reference } => {
            let name = reference.strip_prefix("#/components/parameters/")?;
            let parameter = model.openapi.components.as_ref()?.parameters.get(name)?;
            parameter_pointer(
                model,
                format!("/components/parameters/{}", escape(name)),
                parameter,
            )
        }
    }
}
