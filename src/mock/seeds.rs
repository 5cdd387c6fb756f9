//! Realistic data for what the mock answers: a few of the documentation's examples carry lorem
//! ipsum ("amet eiusmod tempor officia" as a refund code); the mock answers plausible values for
//! those fields instead (Spanish names and titles, digit strings for business keys, a valid CUIT).
//! To change what a field reads like, edit [`REPLACEMENTS`].

use serde_json::Value;

/// Field name → what the mock answers instead of lorem ipsum in it; the last entry is the default.
const REPLACEMENTS: &[(&str, &str)] = &[
    ("message", "Operación realizada correctamente"),
    ("title", "Cuota social marzo 2025"),
    ("name", "Cuenta sueldo Banco Nación"),
    ("description", "Cuota mensual del plan familiar"),
    ("concept", "Cuota 3 de 12"),
    ("first_name", "MARÍA"),
    ("last_name", "GONZÁLEZ"),
    ("field_1", "004382"),
    ("field_2", "0017"),
    ("field_3", "27304050603"),
    ("reference_1", "Socio 4911"),
    ("reference_2", "Plan familiar"),
    ("value", "Concesionaria Norte"),
    ("", "Dato de ejemplo"),
];

/// Latin words of the placeholder generators the documentation used.
const LOREM: &[&str] = &[
    "ad",
    "adipisci",
    "adipisicing",
    "aliqua",
    "aliquip",
    "amet",
    "anim",
    "aut",
    "aute",
    "cillum",
    "commodo",
    "consectetur",
    "consequat",
    "culpa",
    "cupidatat",
    "demonstro",
    "deserunt",
    "do",
    "dolor",
    "dolore",
    "duis",
    "eiusmod",
    "elit",
    "enim",
    "error",
    "esse",
    "est",
    "eu",
    "ex",
    "exercitation",
    "expedita",
    "fugiat",
    "in",
    "incididunt",
    "ipsum",
    "irure",
    "iste",
    "labore",
    "laboris",
    "laborum",
    "lorem",
    "magna",
    "minim",
    "mollit",
    "necessitatibus",
    "nihil",
    "nisi",
    "nostrud",
    "nostrum",
    "nulla",
    "occaecat",
    "officia",
    "pariatur",
    "perferendis",
    "proident",
    "qui",
    "quibusdam",
    "quis",
    "reprehenderit",
    "sed",
    "sint",
    "sit",
    "sunt",
    "tempor",
    "ullamco",
    "unde",
    "ut",
    "velit",
    "veniam",
    "vergo",
    "vitae",
    "voluptate",
];

/// Replaces every lorem-ipsum string in `value` (recursively) by a plausible value for its field.
/// `code` fields are left alone: the store gives every resource a fresh code.
pub(crate) fn realistic(value: &mut Value) {
    walk(value, "");
}

fn walk(value: &mut Value, field: &str) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                walk(child, key);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| walk(item, field)),
        Value::String(text) if field != "code" && is_lorem(text) => {
            let replacement = REPLACEMENTS
                .iter()
                .find(|(name, _)| *name == field)
                .or(REPLACEMENTS.last())
                .map_or("", |(_, text)| text);
            *text = replacement.to_owned();
        }
        _ => {}
    }
}

/// Two or more words, at least two thirds of them lorem ipsum.
fn is_lorem(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let latin = words.iter().filter(|w| LOREM.contains(&w.as_str())).count();
    words.len() >= 2 && latin * 3 >= words.len() * 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lorem_ipsum_becomes_plausible_data_and_real_data_stays() {
        let mut value = json!({
            "message": "At expedita perferendis error nihil. Adipisci dolor vitae nisi nisi unde necessitatibus aut.",
            "data": [{"code": "amet eiusmod tempor officia", "title": "quibusdam vitae fugiat",
                      "field_3": "eiusmod voluptate adipisicing", "settlement_prefix": "AD",
                      "name": "Reintegros Fondo Grupos", "other": "ex fugiat mollit dolor"}]
        });
        realistic(&mut value);
        assert_eq!(
            value,
            json!({
                "message": "Operación realizada correctamente",
                "data": [{"code": "amet eiusmod tempor officia", "title": "Cuota social marzo 2025",
                          "field_3": "27304050603", "settlement_prefix": "AD",
                          "name": "Reintegros Fondo Grupos", "other": "Dato de ejemplo"}]
            })
        );
    }

    #[test]
    fn the_replacement_cuit_has_a_valid_check_digit() {
        let cuit = REPLACEMENTS
            .iter()
            .find(|(f, _)| *f == "field_3")
            .unwrap()
            .1;
        assert!(crate::identifiers::Cuit::parse(cuit).is_ok());
    }
}
