//! The diff fixtures: `xtask/fixtures/diff/kinds/<kind>.yaml` patches `base.yaml` (JSON pointer →
//! value, `null` removing the node) into the two revisions it compares.

use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use super::fixtures_dir;
use crate::diff::Revision;
use crate::test_support::xtask_dir;

/// A fixture: the patches that make its two revisions, and the entries they must produce.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Fixture {
    #[serde(default)]
    pub(super) base: serde_yaml::Mapping,
    #[serde(default)]
    pub(super) head: serde_yaml::Mapping,
    pub(super) expected: Vec<String>,
}

/// The two revisions of fixture `kind` (`xtask/fixtures/diff/kinds/<kind>.yaml`).
pub(super) fn fixture(kind: &str) -> (Revision, Revision) {
    let path = fixtures_dir().join("kinds").join(format!("{kind}.yaml"));
    let fixture = read_fixture(&path).unwrap_or_else(|err| panic!("{err}"));
    (
        patched(&path, "base", &fixture.base).unwrap_or_else(|err| panic!("{err}")),
        patched(&path, "head", &fixture.head).unwrap_or_else(|err| panic!("{err}")),
    )
}

pub(super) fn read_fixture(path: &Path) -> Result<Fixture, String> {
    let text = std::fs::read_to_string(path).map_err(|err| format!("{}: {err}", path.display()))?;
    serde_yaml::from_str(&text).map_err(|err| format!("{}: {err}", path.display()))
}

/// The common base, as is.
pub(super) fn base() -> Revision {
    patched(
        &fixtures_dir().join("base.yaml"),
        "base",
        &serde_yaml::Mapping::new(),
    )
    .unwrap_or_else(|err| panic!("{err}"))
}

/// `xtask/fixtures/diff/base.yaml` with `patch` applied, as JSON text (JSON is YAML; both
/// revisions are written the same way, so key order and line numbers compare alike).
pub(super) fn patched(
    fixture: &Path,
    side: &str,
    patch: &serde_yaml::Mapping,
) -> Result<Revision, String> {
    let base = fixtures_dir().join("base.yaml");
    let text =
        std::fs::read_to_string(&base).map_err(|err| format!("{}: {err}", base.display()))?;
    let mut doc: Value =
        serde_yaml::from_str(&text).map_err(|err| format!("{}: {err}", base.display()))?;
    for (pointer, value) in patch {
        let Some(pointer) = pointer.as_str() else {
            return Err(format!(
                "{}: {side}: a key is not a JSON pointer",
                fixture.display()
            ));
        };
        let value = serde_json::to_value(value).map_err(|err| format!("{pointer}: {err}"))?;
        set(&mut doc, pointer, value)
            .map_err(|err| format!("{}: {side}: {pointer}: {err}", fixture.display()))?;
    }
    let shown = fixture
        .strip_prefix(xtask_dir().parent().unwrap())
        .unwrap_or(fixture);
    Ok(Revision {
        label: format!("{} ({side})", shown.display()),
        text: serde_json::to_string_pretty(&doc).map_err(|err| err.to_string())?,
        version: Some("0.1.0".to_owned()),
    })
}

/// Sets the node at `pointer` to `value` (`null` removes it), creating missing parents.
fn set(doc: &mut Value, pointer: &str, value: Value) -> Result<(), String> {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return Err("not a JSON pointer".to_owned());
    };
    let last = last.replace("~1", "/").replace("~0", "~");
    let mut node = doc;
    for segment in parent.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        node = match node {
            Value::Object(map) => map
                .entry(segment)
                .or_insert_with(|| Value::Object(serde_json::Map::new())),
            Value::Array(list) => {
                let idx: usize = segment
                    .parse()
                    .map_err(|_| format!("`{segment}` is no index"))?;
                list.get_mut(idx).ok_or(format!("no item {idx}"))?
            }
            _ => return Err(format!("`{segment}` is under a scalar")),
        };
    }
    match (node, value) {
        (Value::Object(map), Value::Null) => {
            map.remove(&last).ok_or(format!("no `{last}` to remove"))?;
        }
        (Value::Object(map), value) => {
            map.insert(last, value);
        }
        (Value::Array(list), value) => {
            let idx: usize = last.parse().map_err(|_| format!("`{last}` is no index"))?;
            if idx >= list.len() {
                return Err(format!("no item {idx}"));
            }
            match value {
                Value::Null => {
                    list.remove(idx);
                }
                value => list[idx] = value,
            }
        }
        _ => return Err("the parent is a scalar".to_owned()),
    }
    Ok(())
}
