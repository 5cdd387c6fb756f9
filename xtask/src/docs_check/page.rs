//! Reading a documentation page in its text form (as saved from the docs site) into a [`Page`].
//!
//! Three renderings share one body: the "•" navigation rendering (a navigation tree, then the
//! page), the "-" sidebar rendering, and the recovered pages (a `key: value` header ended by
//! `---`). The body is: title, method, path, then `Authorization`, `Path Params` / `Query Params` /
//! `Header Params` / `Body Params application/json` (with `array of:`), each field as its name,
//! its type (`string`, `number <float>`, `array [object {13}]`…), `required`/`optional`, and its
//! constraints (`Match pattern:`, `>= 0<= 10000`, `Allowed values:`, `Default:`, `Example:`), an
//! `Example` JSON block, then `Responses` with a status line (`🟢200OK`) and the same field lists.
//! A `[... gap ...]` line marks text that could not be saved: what it cuts is incomplete.

use serde_json::Value;

use super::doc_type::DocsType;

/// A page: where each part was read, by 1-based line.
#[derive(Debug, Default)]
pub(crate) struct Page {
    /// The docs page id (`api-NNNN`) when the header or the text names it.
    pub(crate) page_id: Option<String>,
    /// The operation the page documents; `None` for a page saved without its body.
    pub(crate) endpoint: Option<Endpoint>,
    /// The header the page asks the token in; `None` when the page shows no `Authorization`.
    pub(crate) authorization: Option<Located<String>>,
    /// Whether the request part was read far enough to know whether it has an `Authorization`.
    pub(crate) request_seen: bool,
    /// Whether the parameter lists were read to their end (a body, the samples or the
    /// responses follow them).
    pub(crate) parameters_complete: bool,
    /// Path, query and header parameters, in page order.
    pub(crate) parameters: Vec<Parameter>,
    /// The JSON body, when documented.
    pub(crate) body: Option<Section>,
    /// The responses, in page order.
    pub(crate) responses: Vec<Response>,
}

/// A value and the line it was read on.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Located<T> {
    pub(crate) value: T,
    pub(crate) line: usize,
}

/// `METHOD /path`.
#[derive(Debug)]
pub(crate) struct Endpoint {
    /// Upper case.
    pub(crate) method: String,
    /// The path template as documented (`/subscriptions/{value}`).
    pub(crate) path: String,
    pub(crate) line: usize,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParameterIn {
    Path,
    Query,
    Header,
}

/// A documented parameter.
#[derive(Debug)]
pub(crate) struct Parameter {
    pub(crate) location: ParameterIn,
    pub(crate) field: Field,
}

/// A field list (a body or a response body) and its example.
#[derive(Debug, Default)]
pub(crate) struct Section {
    /// The line of the heading.
    pub(crate) line: usize,
    /// `array of:`: the body is an array of the listed objects.
    pub(crate) array: bool,
    /// The fields in page order, nested fields flat as the page lists them.
    pub(crate) fields: Vec<Field>,
    /// False when a gap cuts the field list.
    pub(crate) complete: bool,
    /// The `Example` block, when the page has one.
    pub(crate) example: Option<Example>,
}

/// A documented response.
#[derive(Debug)]
pub(crate) struct Response {
    /// `200`, `500`…
    pub(crate) status: String,
    pub(crate) body: Section,
}

/// An `Example` JSON block.
#[derive(Debug)]
pub(crate) struct Example {
    /// The line of its first JSON line.
    pub(crate) line: usize,
    /// The value, or `None` when a gap cuts it.
    pub(crate) value: Option<Value>,
}

/// One documented field.
#[derive(Debug, Clone, Default)]
pub(crate) struct Field {
    pub(crate) name: String,
    pub(crate) line: usize,
    /// `None` when the page gives no type (a field name followed directly by `required`).
    pub(crate) ty: Option<DocsType>,
    /// `None` when the `required`/`optional` line is cut.
    pub(crate) required: Option<bool>,
    pub(crate) pattern: Option<Located<String>>,
    /// `Allowed values:` as printed: the values run together (`01234567891011121399`).
    pub(crate) allowed: Option<Located<String>>,
    pub(crate) default: Option<Located<String>>,
    pub(crate) bounds: Vec<Located<Bound>>,
}

/// One bound of a field: `>= 0`, `<= 11 characters`…
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Bound {
    pub(crate) what: BoundOf,
    /// `>=`/`>` (true) or `<=`/`<`.
    pub(crate) lower: bool,
    pub(crate) exclusive: bool,
    pub(crate) limit: f64,
}

/// What a bound limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BoundOf {
    Value,
    Length,
    Items,
}

const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const GAP: &str = "[... gap ...]";

/// Reads page `text`.
pub(crate) fn parse(text: &str) -> Page {
    let lines: Vec<String> = text
        .lines()
        .map(|line| line.replace('\u{a0}', " ").trim_end().to_owned())
        .collect();
    let mut page = Page {
        page_id: header_page_id(&lines),
        ..Page::default()
    };
    let Some(start) = (0..lines.len().saturating_sub(1))
        .find(|&i| METHODS.contains(&lines[i].as_str()) && lines[i + 1].starts_with('/'))
    else {
        return page;
    };
    page.endpoint = Some(Endpoint {
        method: lines[start].clone(),
        path: lines[start + 1].clone(),
        line: start + 2,
    });
    Reader {
        lines: &lines,
        at: start + 2,
        page: &mut page,
    }
    .read();
    page
}

/// The `url:` of a recovered page's header (`https://docs-api.pacer.la/api-NNNN`).
fn header_page_id(lines: &[String]) -> Option<String> {
    let header_end = lines.iter().position(|line| line == "---")?;
    lines[..header_end].iter().find_map(|line| {
        let url = line.strip_prefix("url: ")?;
        let id = url.rsplit('/').next()?;
        id.starts_with("api-").then(|| id.to_owned())
    })
}

/// Where the reader is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Nowhere,
    Parameters(ParameterIn),
    Body,
    Response,
}

struct Reader<'a> {
    lines: &'a [String],
    /// 0-based index of the next line.
    at: usize,
    page: &'a mut Page,
}

impl Reader<'_> {
    fn line(&self, idx: usize) -> &str {
        self.lines.get(idx).map_or("", String::as_str)
    }

    fn read(&mut self) {
        let mut place = Place::Nowhere;
        let mut after_gap = false;
        while self.at < self.lines.len() {
            let idx = self.at;
            let line = self.line(idx).to_owned();
            self.at += 1;
            match line.as_str() {
                "Request" => self.page.request_seen = true,
                // `Add parameter in header`, then the header name.
                "Authorization" if self.line(idx + 1) == "Add parameter in header" => {
                    self.page.authorization = Some(Located {
                        value: self.line(idx + 2).to_owned(),
                        line: idx + 3,
                    });
                    self.at = idx + 3;
                }
                "Path Params" => place = Place::Parameters(ParameterIn::Path),
                "Query Params" => place = Place::Parameters(ParameterIn::Query),
                "Header Params" => place = Place::Parameters(ParameterIn::Header),
                "Request samples" | "Responses" => {
                    self.page.parameters_complete = true;
                    place = Place::Nowhere;
                }
                GAP => {
                    self.cut(place);
                    place = Place::Nowhere;
                    after_gap = true;
                }
                "Example" => {
                    let example = self.example();
                    if let Some(section) = self.section(place) {
                        section.example = Some(example);
                    }
                    place = Place::Nowhere;
                }
                "{" | "[" if after_gap => {
                    // Another rendering of the page after a gap: its code blocks, the request
                    // example first.
                    self.at = idx;
                    let example = self.example();
                    if let Some(body) = self.page.body.as_mut().filter(|it| it.example.is_none()) {
                        body.example = Some(example);
                    }
                }
                _ if line.starts_with("Body Params") => {
                    self.page.parameters_complete = true;
                    let array = self.line(idx + 1) == "array of:";
                    if array {
                        self.at += 1;
                    }
                    self.page.body = Some(Section {
                        line: idx + 1,
                        array,
                        complete: true,
                        ..Section::default()
                    });
                    place = Place::Body;
                }
                _ if status_line(&line).is_some() => {
                    let status = status_line(&line).unwrap_or_default().to_owned();
                    self.page.responses.push(Response {
                        status,
                        body: Section {
                            line: idx + 1,
                            complete: true,
                            ..Section::default()
                        },
                    });
                    place = Place::Response;
                }
                _ if place != Place::Nowhere && is_flag(self.line(idx + 1)) => {
                    self.field(place, idx, None);
                }
                _ if place != Place::Nowhere && is_flag(self.line(idx + 2)) => {
                    let ty = DocsType::parse(self.line(idx + 1));
                    self.field(place, idx, ty);
                }
                _ if place != Place::Nowhere
                    && is_titled_object(&line, self.line(idx + 1), self.line(idx + 2)) =>
                {
                    // `status` / `object` / `System Status`: a named object shown without its
                    // `required`/`optional` line.
                    let ty = DocsType::parse(self.line(idx + 1));
                    self.field(place, idx, ty);
                }
                _ => {}
            }
        }
        self.cut(place);
    }

    /// The field list being read is cut.
    fn cut(&mut self, place: Place) {
        if self.at < self.lines.len() && place == Place::Nowhere {
            return;
        }
        if let Some(section) = self.section(place) {
            section.complete = false;
        }
    }

    fn section(&mut self, place: Place) -> Option<&mut Section> {
        match place {
            Place::Body => self.page.body.as_mut(),
            Place::Response => self.page.responses.last_mut().map(|it| &mut it.body),
            Place::Parameters(_) | Place::Nowhere => None,
        }
    }

    /// Reads the field named on line `idx` (its flag line follows its type, if any).
    fn field(&mut self, place: Place, idx: usize, ty: Option<DocsType>) {
        let flag_idx = if ty.is_some() || !is_flag(self.line(idx + 1)) {
            idx + 2
        } else {
            idx + 1
        };
        let flag = self.line(flag_idx).to_owned();
        let mut field = Field {
            name: self.line(idx).to_owned(),
            line: idx + 1,
            ty,
            required: if flag.ends_with("required") {
                Some(true)
            } else if flag.ends_with("optional") {
                Some(false)
            } else {
                None
            },
            ..Field::default()
        };
        self.at = flag_idx + 1;
        // Constraints, until the next field or heading.
        while self.at < self.lines.len() {
            let idx = self.at;
            let line = self.line(idx).to_owned();
            let next = Located {
                value: self.line(idx + 1).to_owned(),
                line: idx + 2,
            };
            match line.as_str() {
                "Example:" | "Examples:" => self.at += 2,
                "Match pattern:" => {
                    field.pattern = Some(next);
                    self.at += 2;
                }
                "Allowed values:" | "Allowed value:" => {
                    field.allowed = Some(next);
                    self.at += 2;
                }
                "Default:" => {
                    field.default = Some(next);
                    self.at += 2;
                }
                _ if line.starts_with(['>', '<']) && !line.starts_with("<string") => {
                    field
                        .bounds
                        .extend(parse_bounds(&line).into_iter().map(|value| Located {
                            value,
                            line: idx + 1,
                        }));
                    self.at += 1;
                }
                _ => break,
            }
        }
        match place {
            Place::Parameters(location) => {
                self.page.parameters.push(Parameter { location, field });
            }
            Place::Body | Place::Response => {
                if let Some(section) = self.section(place) {
                    section.fields.push(field);
                }
            }
            Place::Nowhere => {}
        }
    }

    /// The JSON block starting at the current line; stops at its closing bracket or at a gap.
    fn example(&mut self) -> Example {
        let start = self.at;
        let mut text = String::new();
        let mut depth = 0i64;
        let mut in_string = false;
        let mut escaped = false;
        while self.at < self.lines.len() {
            let line = self.line(self.at).to_owned();
            if line == GAP {
                return Example {
                    line: start + 1,
                    value: None,
                };
            }
            self.at += 1;
            for ch in line.chars() {
                match ch {
                    _ if escaped => escaped = false,
                    '\\' if in_string => escaped = true,
                    '"' => in_string = !in_string,
                    '{' | '[' if !in_string => depth += 1,
                    '}' | ']' if !in_string => depth -= 1,
                    _ => {}
                }
            }
            text.push_str(&line);
            text.push('\n');
            if depth <= 0 && !text.trim().is_empty() {
                break;
            }
        }
        Example {
            line: start + 1,
            value: serde_json::from_str(&text).ok(),
        }
    }
}

/// `required`, `optional`, with an optional `read-only`/`write-only` prefix; a cut `optiona`
/// counts too (the field is there, its flag is unknown).
fn is_flag(line: &str) -> bool {
    let flag = line
        .strip_prefix("read-only")
        .or_else(|| line.strip_prefix("write-only"))
        .unwrap_or(line);
    matches!(flag, "required" | "optional")
        || (flag.len() >= 5 && ("optional".starts_with(flag) || "required".starts_with(flag)))
}

/// A field name, `object`, then the object's title (`System Status`, `User`).
fn is_titled_object(name: &str, ty: &str, title: &str) -> bool {
    !name.is_empty()
        && !name.contains(' ')
        && name != "Body"
        && title != "Example"
        && DocsType::parse(ty).is_some_and(|it| it.kinds.contains(&super::doc_type::Kind::Object))
        && title.starts_with(|c: char| c.is_ascii_uppercase())
        && !is_flag(title)
}

/// `🟢200OK`, `🔴500Server Error Response` → the status.
fn status_line(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches(|c: char| !c.is_ascii());
    if rest.len() == line.len() {
        return None;
    }
    let digits = rest.get(..3)?;
    digits.bytes().all(|b| b.is_ascii_digit()).then_some(digits)
}

/// `>= 0<= 10000`, `>= 11 characters<= 11 characters`, `>= 1 items`.
fn parse_bounds(line: &str) -> Vec<Bound> {
    let mut res = Vec::new();
    let mut rest = line.trim();
    while !rest.is_empty() {
        let (lower, exclusive, len) = if rest.starts_with(">=") {
            (true, false, 2)
        } else if rest.starts_with("<=") {
            (false, false, 2)
        } else if rest.starts_with('>') {
            (true, true, 1)
        } else if rest.starts_with('<') {
            (false, true, 1)
        } else {
            break;
        };
        rest = rest[len..].trim_start();
        let end = rest.find(['<', '>']).unwrap_or(rest.len());
        let (bound, tail) = rest.split_at(end);
        rest = tail;
        let mut words = bound.split_whitespace();
        let Some(limit) = words.next().and_then(|it| it.parse::<f64>().ok()) else {
            continue;
        };
        let what = match words.next() {
            Some(word) if word.starts_with("character") => BoundOf::Length,
            Some(word) if word.starts_with("item") => BoundOf::Items,
            _ => BoundOf::Value,
        };
        res.push(Bound {
            what,
            lower,
            exclusive,
            limit,
        });
    }
    res
}
