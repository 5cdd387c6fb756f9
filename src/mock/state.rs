//! What the mock remembers: the resources created, read, updated and listed through it, one
//! collection per resource path (`/refunds`, `/users/addresses`), each item a JSON object with a
//! unique `code` and `id`. Owned by one [`super::ApiMock`] (fresh per start, emptied by `reset`).

use std::collections::HashMap;

use serde_json::{Map, Value};

/// One stored resource: a JSON object as the API answers it.
pub(crate) type Item = Map<String, Value>;

/// The stored resources of every collection.
#[derive(Debug, Default)]
pub(crate) struct Store {
    collections: HashMap<&'static str, Vec<Item>>,
    last_id: i64,
}

/// One page of a collection.
#[derive(Debug)]
pub(crate) struct PageOf<'a> {
    /// The items of the page (empty past the last page).
    pub(crate) items: &'a [Item],
    /// How many items the collection holds.
    pub(crate) total: usize,
}

impl Store {
    /// Stores `item` in `collection` with a fresh `id` and, when the item has a `code` field (the
    /// resources of this API that have one), a fresh `code` unless `keep_code` and its code is not
    /// taken; returns the stored item.
    pub(crate) fn insert(
        &mut self,
        collection: &'static str,
        mut item: Item,
        keep_code: bool,
    ) -> &Item {
        if item.contains_key("code") {
            let code = match item.get("code").and_then(Value::as_str) {
                Some(code) if keep_code && self.find(collection, code).is_none() => code.to_owned(),
                _ => self.fresh_code(collection),
            };
            item.insert("code".to_owned(), Value::String(code));
        }
        self.last_id += 1;
        item.insert("id".to_owned(), Value::from(self.last_id));
        let items = self.collections.entry(collection).or_default();
        items.push(item);
        &items[items.len() - 1]
    }

    /// Stores a seed as it is (its documented `code` and `id`), keeping ids fresh after it.
    pub(crate) fn seed(&mut self, collection: &'static str, item: Item) {
        if let Some(id) = item.get("id").and_then(Value::as_i64) {
            self.last_id = self.last_id.max(id);
        }
        self.collections.entry(collection).or_default().push(item);
    }

    /// The item whose `code` (or numeric `id`) is `key`.
    pub(crate) fn find(&self, collection: &str, key: &str) -> Option<&Item> {
        self.collections
            .get(collection)?
            .iter()
            .find(|item| identified_by(item, key))
    }

    /// The item whose `code` (or numeric `id`) is `key`, to update it.
    pub(crate) fn find_mut(&mut self, collection: &str, key: &str) -> Option<&mut Item> {
        self.collections
            .get_mut(collection)?
            .iter_mut()
            .find(|item| identified_by(item, key))
    }

    /// Page `page` (from 1) of `per_page` items of `collection`, in creation order.
    pub(crate) fn page(&self, collection: &str, page: u64, per_page: u64) -> PageOf<'_> {
        let items = self
            .collections
            .get(collection)
            .map_or(&[][..], Vec::as_slice);
        let start = usize::try_from(page.saturating_sub(1).saturating_mul(per_page))
            .unwrap_or(usize::MAX)
            .min(items.len());
        let end = usize::try_from(per_page)
            .unwrap_or(usize::MAX)
            .saturating_add(start)
            .min(items.len());
        PageOf {
            items: &items[start..end],
            total: items.len(),
        }
    }

    /// A 32-hex-digit code no item of `collection` has.
    fn fresh_code(&self, collection: &str) -> String {
        loop {
            let code = format!("{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..));
            if self.find(collection, &code).is_none() {
                return code;
            }
        }
    }
}

fn identified_by(item: &Item, key: &str) -> bool {
    match (item.get("code"), item.get("id")) {
        (Some(Value::String(code)), _) if code == key => true,
        (_, Some(Value::Number(id))) => id.to_string() == key,
        (_, Some(Value::String(id))) => id == key,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn item(value: Value) -> Item {
        value.as_object().cloned().unwrap()
    }

    #[test]
    fn inserted_items_get_fresh_unique_codes_and_ids() {
        let mut store = Store::default();
        store.seed("/refunds", item(json!({"code": "seeded", "id": 7543})));
        let first = store
            .insert("/refunds", item(json!({"code": "seeded"})), true)
            .clone();
        let second = store
            .insert("/refunds", item(json!({"code": null})), false)
            .clone();
        assert_ne!(first["code"], "seeded", "a taken code is not reused");
        assert_ne!(first["code"], second["code"]);
        assert_eq!(first["id"], 7544);
        assert_eq!(second["id"], 7545);
        assert_eq!(
            store.find("/refunds", "7545").unwrap()["code"],
            second["code"]
        );
        assert!(store.find("/refunds", "nope").is_none());
    }

    #[test]
    fn pages_cover_the_collection_without_overlap() {
        let mut store = Store::default();
        for _ in 0..5 {
            store.insert("/users", Item::new(), false);
        }
        assert!(
            store.find("/users", "1").unwrap().get("code").is_none(),
            "no code field, no code"
        );
        let pages: Vec<usize> = (1..=4)
            .map(|p| store.page("/users", p, 2).items.len())
            .collect();
        assert_eq!(pages, [2, 2, 1, 0]);
        assert_eq!(store.page("/users", 1, 2).total, 5);
        assert_eq!(store.page("/users", u64::MAX, u64::MAX).items.len(), 0);
        assert_eq!(store.page("/nothing", 1, 15).total, 0);
    }
}
