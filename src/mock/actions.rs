//! The answer of a checked request: what its [`Behaviour`] does to the store, in the shape of the
//! operation's documented example.

use serde_json::{json, Value};

use super::resources::{elements, merge_into, merged, render, Behaviour, Resources};
use super::responses::Reply;
use super::state::{Item, Store};
use super::table::Operation;

/// Laravel's default page size.
const DEFAULT_PER_PAGE: u64 = 15;

/// A request that passed the checks.
#[derive(Debug)]
pub(crate) struct Checked<'a> {
    pub(crate) operation: &'static Operation,
    pub(crate) path: &'a [(&'static str, String)],
    pub(crate) query: &'a [(String, String)],
    pub(crate) body: Option<Value>,
    /// `http://host:port/api/v2/apipagos`, for pagination links.
    pub(crate) base_url: &'a str,
}

impl Checked<'_> {
    fn path_parameter(&self, name: &str) -> Option<&str> {
        self.path
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    fn query_number(&self, name: &str) -> Option<u64> {
        self.query
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.parse().ok())
    }

    /// The body's items: an array's objects, or the object itself.
    fn body_items(&self) -> Vec<Item> {
        match &self.body {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|i| i.as_object().cloned())
                .collect(),
            Some(Value::Object(item)) => vec![item.clone()],
            _ => Vec::new(),
        }
    }
}

/// Answers `request` with what its behaviour does.
pub(crate) fn act(resources: &Resources, store: &mut Store, request: &Checked<'_>) -> Reply {
    let op = request.operation;
    let example = resources.example(op);
    match resources.behaviour(op) {
        Behaviour::List { collection } => list(store, collection, example, request),
        Behaviour::Create { collection } => {
            let template = resources.template(collection);
            let reference = resources.reference(collection);
            let created: Vec<Item> = request
                .body_items()
                .iter()
                .map(|item| {
                    let item = stamped(merged(template.clone(), item, reference), true);
                    store.insert(collection, item, false).clone()
                })
                .collect();
            Reply::json(200, render(example, summarized(example, created)))
        }
        Behaviour::Upsert { collection } => {
            let template = resources.template(collection);
            let reference = resources.reference(collection);
            let mut written = Vec::new();
            for item in request.body_items() {
                let key = item
                    .get("code")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .or_else(|| item.get("id").map(Value::to_string));
                match key.as_deref().and_then(|k| store.find_mut(collection, k)) {
                    Some(existing) => {
                        merge_into(existing, &stamped(item, false), reference);
                        written.push(existing.clone());
                    }
                    None => {
                        let item = stamped(merged(template.clone(), &item, reference), true);
                        written.push(store.insert(collection, item, true).clone());
                    }
                }
            }
            Reply::json(200, render(example, summarized(example, written)))
        }
        Behaviour::Read { collection, key } => {
            match request
                .path_parameter(key)
                .and_then(|k| store.find(collection, k))
            {
                Some(item) => Reply::json(200, render(example, vec![item.clone()])),
                None => Reply::not_found(),
            }
        }
        Behaviour::Merge { collection, key } => {
            let update = request.body_items().into_iter().next().unwrap_or_default();
            match request
                .path_parameter(key)
                .and_then(|k| store.find_mut(collection, k))
            {
                Some(item) => {
                    let reference = resources.reference(collection);
                    merge_into(item, &stamped(update, false), reference);
                    // The documented answer's fields the resource lacks keep their example values.
                    let documented = elements(example).into_iter().next().unwrap_or_default();
                    let answer = merged(documented, item, reference);
                    Reply::json(200, render(example, vec![answer]))
                }
                None => Reply::not_found(),
            }
        }
        Behaviour::Example => Reply::json(200, echoed(example.clone(), request)),
    }
}

/// A page of `collection` in Laravel's envelope (`data`, `links`, `meta`), the example's other
/// top-level fields (`message`) kept.
fn list(store: &Store, collection: &str, example: &Value, request: &Checked<'_>) -> Reply {
    let page = request.query_number("page").unwrap_or(1).max(1);
    let per_page = request
        .query_number("per_page")
        .unwrap_or(DEFAULT_PER_PAGE)
        .max(1);
    let found = store.page(collection, page, per_page);
    let total = found.total as u64;
    let last_page = total.div_ceil(per_page).max(1);
    let path = format!("{}{collection}", request.base_url);
    let url = |p: u64| Value::String(format!("{path}?page={p}"));
    let url_if = |ok: bool, p: u64| if ok { url(p) } else { Value::Null };
    let first_index = (page - 1).saturating_mul(per_page);
    let (from, to) = if found.items.is_empty() {
        (Value::Null, Value::Null)
    } else {
        (
            Value::from(first_index + 1),
            Value::from(first_index + found.items.len() as u64),
        )
    };
    let mut links = vec![
        json!({"url": url_if(page > 1, page.saturating_sub(1)), "label": "&laquo; Previous", "active": false}),
    ];
    links.extend(
        (1..=last_page.min(50))
            .map(|p| json!({"url": url(p), "label": p.to_string(), "active": p == page})),
    );
    links.push(json!({"url": url_if(page < last_page, page + 1), "label": "Next &raquo;", "active": false}));
    let mut answer = example.as_object().cloned().unwrap_or_default();
    answer.insert(
        "data".to_owned(),
        Value::Array(found.items.iter().cloned().map(Value::Object).collect()),
    );
    answer.insert(
        "links".to_owned(),
        json!({"first": url(1), "last": url(last_page), "prev": url_if(page > 1, page.saturating_sub(1)),
               "next": url_if(page < last_page, page + 1)}),
    );
    answer.insert(
        "meta".to_owned(),
        json!({"current_page": page, "last_page": last_page, "links": links, "path": path,
               "per_page": per_page, "from": from, "to": to, "total": total}),
    );
    Reply::json(200, Value::Object(answer))
}

/// Created or updated resources as the operation documents its answer: each one limited to the
/// fields of the documented answer (a create may answer codes only).
fn summarized(example: &Value, items: Vec<Item>) -> Vec<Item> {
    let Some(documented) = elements(example).into_iter().next() else {
        return items;
    };
    items
        .into_iter()
        .map(|item| {
            documented
                .iter()
                .map(|(key, value)| (key.clone(), item.get(key).unwrap_or(value).clone()))
                .collect()
        })
        .collect()
}

/// The item with `updated_at` (and `created_at` when `created`) set to now, where the resource
/// has such fields (callers merge it over a template that has them).
fn stamped(mut item: Item, created: bool) -> Item {
    let now = chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.6fZ")
        .to_string();
    item.insert("updated_at".to_owned(), Value::String(now.clone()));
    if created {
        item.insert("created_at".to_owned(), Value::String(now));
    }
    item
}

/// The example with the request's path parameters echoed where the answer has a field of the
/// same name (`GET /afip/{cuit}` answers the CUIT asked for).
fn echoed(mut example: Value, request: &Checked<'_>) -> Value {
    let target = match example.get_mut("data") {
        Some(data) => data,
        None => &mut example,
    };
    if let Value::Object(map) = target {
        for (name, value) in request.path {
            if let Some(Value::String(held)) = map.get_mut(*name) {
                held.clone_from(value);
            }
        }
    }
    example
}
