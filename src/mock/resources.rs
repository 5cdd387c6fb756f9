//! What each operation does to the mock's state, derived from the operations table.
//!
//! The rule reads the path's shape and the method: `GET /refunds` with a paginated example lists
//! the `/refunds` collection, `POST /refunds` creates in it, `PUT /refunds` updates or creates by
//! code, `GET /refunds/{code}` reads one, `PATCH /refunds/{code}` merges into one; anything else
//! answers its documented example. Where the API is irregular, [`OVERRIDES`] says what an
//! operation does instead. **To add a mock behaviour**: an entry in [`OVERRIDES`], or a
//! [`Behaviour`] variant and its action in `actions.rs`.

use std::collections::HashMap;

use serde_json::Value;

use super::seeds::realistic;
use super::state::{Item, Store};
use super::table::{self, Method, Operation, ParameterLocation};

/// What an operation does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Behaviour {
    /// Lists a page of the collection (`page`, `per_page`), Laravel's `links`/`meta` around it.
    List { collection: &'static str },
    /// Stores each body item as a new resource with a fresh code and id.
    Create { collection: &'static str },
    /// Merges each body item into the resource with its `code`/`id`, or stores it when unknown.
    Upsert { collection: &'static str },
    /// Answers the resource whose code or id is the path parameter `key` (404 when unknown).
    Read {
        collection: &'static str,
        key: &'static str,
    },
    /// Merges the body into the resource of path parameter `key` and answers it (404 when unknown).
    Merge {
        collection: &'static str,
        key: &'static str,
    },
    /// Answers the documented example (lookups such as `validate_account`, `get_tenant_info`).
    Example,
}

/// Operations whose path does not say what they do.
const OVERRIDES: &[(&str, Behaviour)] = &[
    // `GET /users/{code}/{field_1}/{field_2}/{field_3}`: a user is read by code and business keys.
    (
        "get_user",
        Behaviour::Read {
            collection: "/users",
            key: "code",
        },
    ),
];

/// Everything the mock derives from the table, once.
#[derive(Debug)]
pub(crate) struct Resources {
    behaviours: HashMap<&'static str, Behaviour>,
    /// Per collection: the documented resource new items are built from.
    templates: HashMap<&'static str, Item>,
    /// Per collection: every field any documented answer about it shows, with a documented value
    /// (what a field's JSON type is, for merging requests into resources).
    references: HashMap<&'static str, Item>,
    /// Per operation: its 200 example, realistic.
    examples: HashMap<&'static str, Value>,
}

impl Resources {
    /// Classifies every operation of the table.
    pub(crate) fn new() -> Resources {
        let operations = table::all();
        let mut examples = HashMap::new();
        for op in operations {
            let mut example = example_of(op, "200").unwrap_or(Value::Null);
            realistic(&mut example);
            examples.insert(op.id, example);
        }
        let behaviours: HashMap<&'static str, Behaviour> = operations
            .iter()
            .map(|op| (op.id, behaviour_of(op, operations, &examples)))
            .collect();
        let mut resources = Resources {
            behaviours,
            templates: HashMap::new(),
            references: HashMap::new(),
            examples,
        };
        resources.templates = resources.build_templates();
        resources.references = resources.build_references();
        resources
    }

    /// What `operation` does.
    pub(crate) fn behaviour(&self, operation: &Operation) -> Behaviour {
        self.behaviours
            .get(operation.id)
            .copied()
            .unwrap_or(Behaviour::Example)
    }

    /// The operation's documented 200 answer, realistic.
    pub(crate) fn example(&self, operation: &Operation) -> &Value {
        self.examples.get(operation.id).unwrap_or(&Value::Null)
    }

    /// The resource new items of `collection` start from.
    pub(crate) fn template(&self, collection: &str) -> Item {
        self.templates.get(collection).cloned().unwrap_or_default()
    }

    /// Every field the documented answers about `collection` show, with a documented value.
    pub(crate) fn reference(&self, collection: &str) -> &Item {
        static EMPTY: std::sync::OnceLock<Item> = std::sync::OnceLock::new();
        self.references
            .get(collection)
            .unwrap_or_else(|| EMPTY.get_or_init(Item::new))
    }

    /// A store holding the documented examples of every collection: the items of its listing and
    /// of its read operation, and the read example under the code its path parameter documents
    /// (so that `get_transaction ef3c…`, the documented call, finds a transaction with that code).
    pub(crate) fn seeded_store(&self) -> Store {
        let mut store = Store::default();
        let mut seeded: Vec<(&'static str, Item)> = Vec::new();
        for op in table::all() {
            match self.behaviour(op) {
                Behaviour::List { collection } | Behaviour::Read { collection, .. } => {
                    for item in elements(self.example(op)) {
                        let template = self.template(collection);
                        let reference = self.reference(collection);
                        seeded.push((collection, merged(template, &item, reference)));
                    }
                }
                _ => {}
            }
            if let Behaviour::Read { collection, key } = self.behaviour(op) {
                let documented = op
                    .parameters
                    .iter()
                    .find(|p| p.name == key && p.location == ParameterLocation::Path)
                    .and_then(|p| p.example)
                    .and_then(documented_value);
                if let (Some(code), Some(item)) = (documented, elements(self.example(op)).first()) {
                    let mut item =
                        merged(self.template(collection), item, self.reference(collection));
                    let field = if item.contains_key("code") {
                        "code"
                    } else {
                        "id"
                    };
                    item.insert(field.to_owned(), id_value(field, &code));
                    seeded.push((collection, item));
                }
            }
        }
        for (collection, item) in seeded {
            let key = item
                .get("code")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .or_else(|| item.get("id").map(Value::to_string));
            match key.as_deref().and_then(|k| store.find_mut(collection, k)) {
                Some(existing) => merge_into(existing, &item, self.reference(collection)),
                None => store.seed(collection, item),
            }
        }
        store
    }

    fn build_templates(&self) -> HashMap<&'static str, Item> {
        let mut templates: HashMap<&'static str, Item> = HashMap::new();
        // Richest first: a read answers the whole resource, a listing most of it, a create a summary.
        for wanted in ["read", "list", "create"] {
            for op in table::all() {
                let collection = match (wanted, self.behaviour(op)) {
                    ("read", Behaviour::Read { collection, .. })
                    | ("list", Behaviour::List { collection })
                    | (
                        "create",
                        Behaviour::Create { collection } | Behaviour::Upsert { collection },
                    ) => collection,
                    _ => continue,
                };
                if templates.contains_key(collection) {
                    continue;
                }
                if let Some(first) = elements(self.example(op)).into_iter().next() {
                    templates.insert(collection, first);
                }
            }
        }
        templates
    }
}

impl Resources {
    fn build_references(&self) -> HashMap<&'static str, Item> {
        let mut references: HashMap<&'static str, Item> = HashMap::new();
        for op in table::all() {
            let collection = match self.behaviour(op) {
                Behaviour::List { collection }
                | Behaviour::Create { collection }
                | Behaviour::Upsert { collection }
                | Behaviour::Read { collection, .. }
                | Behaviour::Merge { collection, .. } => collection,
                Behaviour::Example => continue,
            };
            let reference = references.entry(collection).or_default();
            for element in elements(self.example(op)) {
                for (key, value) in element {
                    if !value.is_null() && reference.get(&key).is_none_or(Value::is_null) {
                        reference.insert(key, value);
                    }
                }
            }
        }
        references
    }
}

fn behaviour_of(
    op: &'static Operation,
    all: &'static [Operation],
    examples: &HashMap<&'static str, Value>,
) -> Behaviour {
    if let Some((_, behaviour)) = OVERRIDES.iter().find(|(id, _)| *id == op.id) {
        return *behaviour;
    }
    let is_collection = |path: &str| !path.contains('{');
    let writable = |path: &str| {
        all.iter()
            .any(|o| o.path == path && matches!(o.method, Method::Post | Method::Put))
    };
    if is_collection(op.path) {
        return match op.method {
            Method::Get if examples.get(op.id).is_some_and(|e| e.get("meta").is_some()) => {
                Behaviour::List {
                    collection: op.path,
                }
            }
            Method::Post => Behaviour::Create {
                collection: op.path,
            },
            Method::Put => Behaviour::Upsert {
                collection: op.path,
            },
            _ => Behaviour::Example,
        };
    }
    let Some((parent, last)) = op.path.rsplit_once('/') else {
        return Behaviour::Example;
    };
    let key = last.strip_prefix('{').and_then(|k| k.strip_suffix('}'));
    match (key, op.method) {
        (Some(key), Method::Get) if is_collection(parent) && writable(parent) => Behaviour::Read {
            collection: table_path(all, parent),
            key,
        },
        (Some(key), Method::Patch) if is_collection(parent) && writable(parent) => {
            Behaviour::Merge {
                collection: table_path(all, parent),
                key,
            }
        }
        _ => Behaviour::Example,
    }
}

/// The table's own `&'static str` for a collection path.
fn table_path(all: &'static [Operation], path: &str) -> &'static str {
    all.iter().find(|o| o.path == path).map_or("", |o| o.path)
}

/// The example of the operation's response `status`, as JSON.
pub(crate) fn example_of(op: &Operation, status: &str) -> Option<Value> {
    let response = op.responses.iter().find(|r| r.status == status)?;
    serde_json::from_str(response.example?).ok()
}

/// The resources an answer carries: the items of `data` (an array or one object) or of a bare
/// array, or the bare object itself.
pub(crate) fn elements(answer: &Value) -> Vec<Item> {
    let carried = match answer.get("data") {
        Some(data) if answer.is_object() => data,
        _ => answer,
    };
    match carried {
        Value::Array(items) => items
            .iter()
            .filter_map(|i| i.as_object().cloned())
            .collect(),
        Value::Object(item) => vec![item.clone()],
        _ => Vec::new(),
    }
}

/// `example` with its resources replaced by `items`, in the example's shape.
pub(crate) fn render(example: &Value, items: Vec<Item>) -> Value {
    let one_or_many = |carried: &Value, items: Vec<Item>| match carried {
        Value::Array(_) => Value::Array(items.into_iter().map(Value::Object).collect()),
        _ => items.into_iter().next().map_or(Value::Null, Value::Object),
    };
    match example {
        Value::Object(map) if map.contains_key("data") => {
            let mut answer = map.clone();
            let data = one_or_many(&map["data"], items);
            answer.insert("data".to_owned(), data);
            Value::Object(answer)
        }
        other => one_or_many(other, items),
    }
}

/// `base` with `update`'s fields over it (see [`merge_into`]).
pub(crate) fn merged(mut base: Item, update: &Item, reference: &Item) -> Item {
    merge_into(&mut base, update, reference);
    base
}

/// Writes `update`'s fields into `item` the way the API answers them, the JSON type of each field
/// being the one the resource holds or, failing that, the one `reference` (the documented answers)
/// shows: an amount sent as a number where the API answers a string is kept as the API's decimal
/// text (`5` → `"5.00"`); a field sent with another type than the API answers (a text
/// `process_id` where the API answers a number) is not stored; a `status_code` sets the code of
/// the resource's `status` object.
pub(crate) fn merge_into(item: &mut Item, update: &Item, reference: &Item) {
    for (key, value) in update {
        let known = item
            .get(key)
            .filter(|v| !v.is_null())
            .or_else(|| reference.get(key).filter(|v| !v.is_null()));
        let stored = match (known, value) {
            (Some(Value::String(held)), Value::Number(number)) => decimal_text(number, held),
            (Some(held), v) if !v.is_null() && kind(held) != kind(v) => continue,
            (_, v) => v.clone(),
        };
        item.insert(key.clone(), stored);
        if key == "status_code" {
            if let Some(Value::Object(status)) = item.get_mut("status") {
                status.insert("code".to_owned(), value.clone());
            }
        }
    }
}

/// The JSON type of a value.
fn kind(value: &Value) -> u8 {
    match value {
        Value::Null => 0,
        Value::Bool(_) => 1,
        Value::Number(_) => 2,
        Value::String(_) => 3,
        Value::Array(_) => 4,
        Value::Object(_) => 5,
    }
}

/// A JSON number where the resource holds text (`like`): as the API writes decimals, with as many
/// decimals as `like` has (`5` → `"5.00"`); a number no decimal text can hold exactly (`1e-45`,
/// `1.7e308`) stays a number, which the API's amounts also are; for non-numeric text, its digits.
fn decimal_text(number: &serde_json::Number, like: &str) -> Value {
    let text = number.to_string();
    if like.parse::<rust_decimal::Decimal>().is_err() {
        return Value::String(text);
    }
    let places = like
        .split_once('.')
        .map_or(0, |(_, frac)| frac.len())
        .min(10);
    let exact = text
        .parse::<rust_decimal::Decimal>()
        .ok()
        .filter(|decimal| decimal.to_string() == text || number.is_i64() || number.is_u64());
    match exact {
        Some(mut decimal) => {
            let places = u32::try_from(places).unwrap_or(0);
            if decimal.scale() < places {
                decimal.rescale(places);
            }
            Value::String(decimal.to_string())
        }
        None => Value::Number(number.clone()),
    }
}

/// A parameter's documented example (JSON text) as the text a path carries.
fn documented_value(example: &str) -> Option<String> {
    Some(match serde_json::from_str::<Value>(example).ok()? {
        Value::String(s) => s,
        other => other.to_string(),
    })
}

/// A path key as the resource holds it: ids are numbers when they read as one.
fn id_value(field: &str, key: &str) -> Value {
    match key.parse::<i64>() {
        Ok(n) if field == "id" => Value::from(n),
        _ => Value::String(key.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn behaviour(id: &str) -> Behaviour {
        Resources::new().behaviour(table::find(id).unwrap())
    }

    #[test]
    fn behaviours_follow_the_path_shape() {
        assert_eq!(
            behaviour("list_refunds"),
            Behaviour::List {
                collection: "/refunds"
            }
        );
        assert_eq!(
            behaviour("create_refunds"),
            Behaviour::Create {
                collection: "/refunds"
            }
        );
        assert_eq!(
            behaviour("update_refunds"),
            Behaviour::Upsert {
                collection: "/refunds"
            }
        );
        assert_eq!(
            behaviour("get_contract_extra"),
            Behaviour::Read {
                collection: "/contracts/extras",
                key: "id"
            }
        );
        assert_eq!(
            behaviour("update_user"),
            Behaviour::Merge {
                collection: "/users",
                key: "code"
            }
        );
        assert_eq!(behaviour("get_tenant_info"), Behaviour::Example);
        assert_eq!(behaviour("get_document_life_cycle"), Behaviour::Example);
        assert_eq!(
            behaviour("get_user"),
            Behaviour::Read {
                collection: "/users",
                key: "code"
            },
            "override"
        );
    }

    #[test]
    fn answers_keep_the_documented_shape() {
        let item = json!({"code": "a"}).as_object().cloned().unwrap();
        let enveloped = json!({"data": [{"code": "x"}], "message": "m"});
        assert_eq!(
            render(&enveloped, vec![item.clone(), item.clone()]),
            json!({"data": [{"code": "a"}, {"code": "a"}], "message": "m"})
        );
        assert_eq!(
            render(&json!({"id": 1}), vec![item.clone()]),
            json!({"code": "a"})
        );
        assert_eq!(
            elements(&json!([{"id": 1}, 2])),
            vec![json!({"id": 1}).as_object().cloned().unwrap()]
        );
    }

    #[test]
    fn merging_keeps_the_documented_types() {
        let mut item =
            json!({"amount": "1500.00", "status": {"code": 0, "label": "Pendiente"}, "n": 1})
                .as_object()
                .cloned()
                .unwrap();
        let update = json!({"amount": 5.0, "amount_2": 1.4e-45, "status": 3, "status_code": 2, "n": 2, "new": true,
                            "process_id": "Proc1", "other": "x"});
        let reference = json!({"process_id": 0}).as_object().cloned().unwrap();
        merge_into(&mut item, update.as_object().unwrap(), &reference);
        assert_eq!(
            Value::Object(item),
            json!({"amount": "5.00", "amount_2": 1.4e-45, "status": {"code": 2, "label": "Pendiente"}, "n": 2,
                   "status_code": 2, "new": true, "other": "x"})
        );
    }

    #[test]
    fn the_store_is_seeded_with_the_documented_codes() {
        let store = Resources::new().seeded_store();
        for (collection, code) in [
            ("/transactions", "ef3c3803fc2d32efa8a6d9d16b53430c"),
            ("/refunds", "ef3c3803fc2d32efa8a6d9d16b53430c"),
            ("/refunds", "03baaf390dcf97cfebcdb675a914acfc"),
            ("/subscriptions", "1cb1e2ccf5592c47c870a58a6d1027b6"),
            ("/contracts", "429ac324f63021c3e763c132483e60c7"),
            ("/contracts/extras", "33"),
        ] {
            let item = store.find(collection, code);
            assert!(item.is_some(), "{collection} {code}");
        }
    }
}
