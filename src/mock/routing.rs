//! Which operation a request is for: the operations table's path templates, matched segment by
//! segment under the API's path stem, literal segments before parameters (`/contracts/extras`
//! wins over `/contracts/{value}`).

use super::table::{self, Operation};

/// What the router found for a method and a path.
#[derive(Debug)]
pub(crate) enum Routed {
    /// The operation, and its path parameters by name (percent-decoded).
    Operation(&'static Operation, Vec<(&'static str, String)>),
    /// A known path, but no operation has this method: the methods it has (for `Allow`).
    MethodNotAllowed(Vec<&'static str>),
    /// No such path.
    NotFound,
}

/// The routes of the API, built once from the operations table.
#[derive(Debug)]
pub(crate) struct Router {
    templates: Vec<Template>,
}

#[derive(Debug)]
struct Template {
    segments: Vec<Segment>,
    operations: Vec<&'static Operation>,
}

#[derive(Debug, PartialEq, Eq)]
enum Segment {
    Literal(&'static str),
    Parameter(&'static str),
}

impl Router {
    /// Every path template of the table, most literal first.
    pub(crate) fn new() -> Router {
        let mut templates: Vec<Template> = Vec::new();
        for operation in table::all() {
            let segments = parse_template(operation.path);
            match templates.iter_mut().find(|t| t.segments == segments) {
                Some(template) => template.operations.push(operation),
                None => templates.push(Template {
                    segments,
                    operations: vec![operation],
                }),
            }
        }
        // Specific first: compare segment by segment, a literal before a parameter.
        templates.sort_by_key(|t| {
            t.segments
                .iter()
                .map(|s| matches!(s, Segment::Parameter(_)))
                .collect::<Vec<bool>>()
        });
        Router { templates }
    }

    /// Routes `method` and `path` (the path after the stem, `/transactions/abc`).
    pub(crate) fn route(&self, method: &str, path: &str) -> Routed {
        let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        for template in &self.templates {
            let Some(parameters) = template.matches(&parts) else {
                continue;
            };
            return match template
                .operations
                .iter()
                .find(|op| op.method.as_str() == method)
            {
                Some(operation) => Routed::Operation(operation, parameters),
                None => {
                    let mut allowed: Vec<&'static str> = template
                        .operations
                        .iter()
                        .map(|op| op.method.as_str())
                        .collect();
                    allowed.sort_unstable();
                    Routed::MethodNotAllowed(allowed)
                }
            };
        }
        Routed::NotFound
    }
}

impl Template {
    fn matches(&self, parts: &[&str]) -> Option<Vec<(&'static str, String)>> {
        if parts.len() != self.segments.len() {
            return None;
        }
        let mut parameters = Vec::new();
        for (segment, part) in self.segments.iter().zip(parts) {
            match segment {
                Segment::Literal(literal) if literal == part => {}
                Segment::Literal(_) => return None,
                // An empty segment never matches a parameter: `/refunds/` is not a refund.
                Segment::Parameter(_) if part.is_empty() => return None,
                Segment::Parameter(name) => parameters.push((*name, percent_decode(part))),
            }
        }
        Some(parameters)
    }
}

fn parse_template(path: &'static str) -> Vec<Segment> {
    path.trim_start_matches('/')
        .split('/')
        .map(
            |segment| match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) => Segment::Parameter(name),
                None => Segment::Literal(segment),
            },
        )
        .collect()
}

/// `%20` → ` `; invalid escapes and non-UTF-8 bytes are kept as they came (lossy).
pub(crate) fn percent_decode(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut idx = 0;
    while idx < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[idx] {
            b'%' if idx + 2 < bytes.len() => match (hex(bytes[idx + 1]), hex(bytes[idx + 2])) {
                (Some(hi), Some(lo)) => {
                    out.push((hi * 16 + lo) as u8);
                    idx += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        idx += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_segments_win_over_parameters() {
        let router = Router::new();
        match router.route("GET", "/contracts/extras/33") {
            Routed::Operation(op, params) => {
                assert_eq!(op.id, "get_contract_extra");
                assert_eq!(params, vec![("id", "33".to_owned())]);
            }
            other => panic!("{other:?}"),
        }
        match router.route("POST", "/contracts/extras") {
            Routed::Operation(op, _) => assert_eq!(op.id, "create_contract_extras"),
            other => panic!("{other:?}"),
        }
        match router.route("GET", "/contracts/abc") {
            Routed::Operation(op, _) => assert_eq!(op.id, "get_contract"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_known_path_with_another_method_lists_the_allowed_ones() {
        match Router::new().route("DELETE", "/refunds") {
            Routed::MethodNotAllowed(allowed) => assert_eq!(allowed, ["GET", "POST", "PUT"]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unknown_and_empty_segments_are_not_found() {
        let router = Router::new();
        assert!(matches!(router.route("GET", "/nothing"), Routed::NotFound));
        assert!(matches!(router.route("GET", "/refunds/"), Routed::NotFound));
    }

    #[test]
    fn path_parameters_are_percent_decoded() {
        assert_eq!(percent_decode("a%20b%2Fc"), "a b/c");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
