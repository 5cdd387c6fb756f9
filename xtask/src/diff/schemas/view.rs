//! The view of one schema node the comparisons read: single-schema `allOf` wrappers unwrapped,
//! and the two spellings of "X or `null`" read as one.

use std::collections::{BTreeMap, BTreeSet};

use apipagos_codegen::is_null_branch;
use serde_json::{Map, Value};

use crate::spec::child;

/// A schema with single-schema `allOf` wrappers unwrapped (the spec writes
/// `{description, allOf: [$ref]}` to describe a property), remembering where each key is.
///
/// Both spellings of "X or `null`" read as one: a `{enum: [null]}` branch of a `oneOf`/`anyOf`
/// is taken out of the list and read as `nullable: true` (what `nullable` beside `type` means),
/// and a `oneOf: [X, {enum: [null]}]` left with X alone is X made nullable. So
/// `{nullable: true, allOf: [$ref]}` and `{oneOf: [$ref, {enum: [null]}]}` compare equal, and
/// `$ref` → `oneOf: [$ref, {enum: [null]}]` is a schema that became nullable.
#[derive(Debug, Clone)]
pub(crate) struct View {
    pub(crate) map: Map<String, Value>,
    /// Keys of the wrapper (the rest come from the wrapped schema).
    pub(crate) wrapper_keys: BTreeSet<String>,
    pub(crate) pointer: String,
    pub(crate) inner_pointer: String,
    /// Keys whose pointer is neither in the wrapper nor in the wrapped schema: `nullable` read
    /// from a `{enum: [null]}` branch, the keys beside a `oneOf` unwrapped to its one branch.
    pub(crate) moved: BTreeMap<String, String>,
}

impl View {
    pub(crate) fn new(pointer: &str, value: &Value) -> View {
        let empty = Map::new();
        let map = value.as_object().unwrap_or(&empty);
        let single = map
            .get("allOf")
            .and_then(Value::as_array)
            .filter(|list| list.len() == 1);
        let structural = [
            "type",
            "properties",
            "items",
            "oneOf",
            "anyOf",
            "enum",
            "$ref",
        ];
        let (Some(list), false) = (single, structural.iter().any(|key| map.contains_key(*key)))
        else {
            return View {
                map: map.clone(),
                wrapper_keys: map.keys().cloned().collect(),
                pointer: pointer.to_owned(),
                inner_pointer: pointer.to_owned(),
                moved: BTreeMap::new(),
            }
            .without_null_branch();
        };
        let mut res = map.clone();
        res.remove("allOf");
        let wrapper_keys = res.keys().cloned().collect();
        if let Some(inner) = list[0].as_object() {
            for (key, value) in inner {
                res.entry(key.clone()).or_insert_with(|| value.clone());
            }
        }
        View {
            map: res,
            wrapper_keys,
            pointer: pointer.to_owned(),
            inner_pointer: child(&child(pointer, "allOf"), "0"),
            moved: BTreeMap::new(),
        }
        .without_null_branch()
    }

    /// The view with the `{enum: [null]}` branches of its `oneOf`/`anyOf` read as
    /// `nullable: true`, and a composition left with one branch unwrapped to it.
    fn without_null_branch(mut self) -> View {
        for key in ["oneOf", "anyOf"] {
            let Some(list) = self.map.get(key).and_then(Value::as_array) else {
                continue;
            };
            let Some(null_idx) = list.iter().position(is_null_branch) else {
                continue;
            };
            let list_pointer = self.at(key);
            let rest: Vec<(usize, Value)> = list
                .iter()
                .enumerate()
                .filter(|(_, it)| !is_null_branch(it))
                .map(|(idx, it)| (idx, it.clone()))
                .collect();
            if self.map.get("nullable") != Some(&Value::Bool(true)) {
                self.map.insert("nullable".to_owned(), Value::Bool(true));
                self.moved.insert(
                    "nullable".to_owned(),
                    child(&list_pointer, &null_idx.to_string()),
                );
            }
            let others = [
                "type",
                "properties",
                "items",
                "oneOf",
                "anyOf",
                "allOf",
                "enum",
                "$ref",
            ];
            let alone = others
                .iter()
                .all(|other| *other == key || !self.map.contains_key(*other));
            match (rest.as_slice(), alone) {
                ([(idx, Value::Object(branch))], true) => {
                    // X or `null`: X, nullable. The keys beside the composition keep their
                    // place, the branch's keys come from the branch.
                    self.map.remove(key);
                    let beside: Vec<String> = self.map.keys().cloned().collect();
                    for name in beside {
                        let at = self.at(&name);
                        self.moved.entry(name).or_insert(at);
                    }
                    for (name, value) in branch {
                        self.map
                            .entry(name.clone())
                            .or_insert_with(|| value.clone());
                    }
                    self.inner_pointer = child(&list_pointer, &idx.to_string());
                    self.wrapper_keys.clear();
                }
                _ => {
                    let rest = rest.into_iter().map(|(_, it)| it).collect();
                    self.map.insert(key.to_owned(), Value::Array(rest));
                }
            }
        }
        self
    }

    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        self.map.get(key)
    }

    /// The pointer of `key` (in the wrapper or in the wrapped schema).
    pub(crate) fn at(&self, key: &str) -> String {
        if let Some(pointer) = self.moved.get(key) {
            pointer.clone()
        } else if self.wrapper_keys.contains(key) {
            child(&self.pointer, key)
        } else {
            child(&self.inner_pointer, key)
        }
    }

    /// The pointer under which the wrapped schema's keywords live.
    pub(crate) fn inner(&self, key: &str) -> String {
        child(&self.inner_pointer, key)
    }

    pub(crate) fn str(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Value::as_str)
    }

    pub(crate) fn nullable(&self) -> bool {
        self.get("nullable")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    pub(crate) fn required(&self) -> BTreeSet<String> {
        self.get("required")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    }
}
