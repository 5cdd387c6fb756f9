//! Finding the operation a page documents: same method, same path once parameter names are set
//! aside (`/subscriptions/{value}` documents `/subscriptions/{code}`).

use openapiv3::{Operation, Parameter, PathItem, ReferenceOr, Schema, SecurityScheme, StatusCode};

use super::parameters::parameter_pointer;
use super::schema::{escape, SpecModel};

/// An operation of the spec and where it is.
pub(crate) struct Matched<'a> {
    /// The spec's path template.
    pub(crate) path: String,
    /// Lower case, as in the spec.
    pub(crate) method: String,
    /// `/paths/<path>/<method>`.
    pub(crate) pointer: String,
    pub(crate) item: &'a PathItem,
    pub(crate) operation: &'a Operation,
    model: &'a SpecModel<'a>,
}

/// `/a/{x}/b` → `/a/{}/b`.
fn shape(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            if segment.starts_with('{') && segment.ends_with('}') {
                "{}"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The operation `method path` documents.
pub(crate) fn find<'a>(model: &'a SpecModel<'a>, method: &str, path: &str) -> Option<Matched<'a>> {
    let wanted = shape(path.trim_end_matches('/'));
    for (spec_path, item) in &model.openapi.paths.paths {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        if shape(spec_path) != wanted {
            continue;
        }
        for (spec_method, operation) in item.iter() {
            if spec_method.eq_ignore_ascii_case(method) {
                return Some(Matched {
                    path: spec_path.clone(),
                    method: spec_method.to_owned(),
                    pointer: format!("/paths/{}/{spec_method}", escape(spec_path)),
                    item,
                    operation,
                    model,
                });
            }
        }
    }
    None
}

impl<'a> Matched<'a> {
    /// `GET /path`.
    pub(crate) fn label(&self) -> String {
        format!("{} {}", self.method.to_uppercase(), self.path)
    }

    /// The operation id, or its label.
    pub(crate) fn id(&self) -> String {
        self.operation
            .operation_id
            .clone()
            .unwrap_or_else(|| self.label())
    }

    /// The parameters of the path item and the operation (the operation's win), `$ref`s followed.
    pub(crate) fn parameters(&self) -> Vec<(String, &'a Parameter)> {
        let path_pointer = format!("/paths/{}", escape(&self.path));
        let mut res: Vec<(String, &'a Parameter)> = Vec::new();
        let lists = [
            (format!("{path_pointer}/parameters"), &self.item.parameters),
            (
                format!("{}/parameters", self.pointer),
                &self.operation.parameters,
            ),
        ];
        for (list_pointer, list) in lists {
            for (idx, parameter) in list.iter().enumerate() {
                let Some((pointer, parameter)) =
                    parameter_pointer(self.model, format!("{list_pointer}/{idx}"), parameter)
                else {
                    continue;
                };
                let name = &parameter.parameter_data_ref().name;
                res.retain(|(_, it)| {
                    it.parameter_data_ref().name != *name
                        || std::mem::discriminant(*it) != std::mem::discriminant(parameter)
                });
                res.push((pointer, parameter));
            }
        }
        res
    }

    /// The JSON schema of the request body and its pointer.
    pub(crate) fn request_body(&self) -> Option<(String, &'a Schema)> {
        let ReferenceOr::Item(body) = self.operation.request_body.as_ref()? else {
            return None;
        };
        let schema = body.content.get("application/json")?.schema.as_ref()?;
        let pointer = format!(
            "{}/requestBody/content/application~1json/schema",
            self.pointer
        );
        self.model.resolve(pointer, schema)
    }

    /// The JSON schema of the response of `status` and its pointer.
    pub(crate) fn response(&self, status: &str) -> Option<(String, &'a Schema)> {
        let code: u16 = status.parse().ok()?;
        let response = self
            .operation
            .responses
            .responses
            .get(&StatusCode::Code(code))?;
        let (pointer, response) = match response {
            ReferenceOr::Item(response) => {
                (format!("{}/responses/{status}", self.pointer), response)
            }
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix("#/components/responses/")?;
                let response = self
                    .model
                    .openapi
                    .components
                    .as_ref()?
                    .responses
                    .get(name)?;
                (
                    format!("/components/responses/{}", escape(name)),
                    response.as_item()?,
                )
            }
        };
        let schema = response.content.get("application/json")?.schema.as_ref()?;
        self.model.resolve(
            format!("{pointer}/content/application~1json/schema"),
            schema,
        )
    }

    /// The headers the operation sends its API key in, and the pointer of the requirement.
    pub(crate) fn security_headers(&self, model: &SpecModel<'a>) -> (String, Vec<String>) {
        let (pointer, requirements) = match &self.operation.security {
            Some(security) => (format!("{}/security", self.pointer), security),
            None => match &model.openapi.security {
                Some(security) => ("/security".to_owned(), security),
                None => return ("/security".to_owned(), Vec::new()),
            },
        };
        let schemes = model
            .openapi
            .components
            .as_ref()
            .map(|it| &it.security_schemes);
        let headers = requirements
            .iter()
            .flat_map(|requirement| requirement.keys())
            .filter_map(|name| schemes?.get(name)?.as_item())
            .filter_map(|scheme| match scheme {
                SecurityScheme::APIKey { name, .. } => Some(name.clone()),
                _ => None,
            })
            .collect();
        (pointer, headers)
    }
}
