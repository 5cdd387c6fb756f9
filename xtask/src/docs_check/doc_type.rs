//! The type of a field as the docs print it (`string <date-time> | null`, `enum<integer> <int32>`,
//! `array [object {13}]`, `object (User)`), and the kinds of JSON value it admits.

use std::collections::BTreeSet;
use std::fmt;

/// A kind of JSON value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Kind {
    String,
    Number,
    Integer,
    Boolean,
    Object,
    Array,
    Null,
}

impl Kind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Kind::String => "string",
            Kind::Number => "number",
            Kind::Integer => "integer",
            Kind::Boolean => "boolean",
            Kind::Object => "object",
            Kind::Array => "array",
            Kind::Null => "null",
        }
    }

    fn parse(word: &str) -> Option<Kind> {
        Some(match word {
            "string" => Kind::String,
            "number" => Kind::Number,
            "integer" => Kind::Integer,
            "boolean" => Kind::Boolean,
            "object" => Kind::Object,
            "array" => Kind::Array,
            "null" => Kind::Null,
            _ => return None,
        })
    }
}

/// A type: the kinds of value admitted (`null` included when nullable), the format, the kinds of
/// the items of an array. Both sides of the comparison are described this way.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct DocsType {
    pub(crate) kinds: BTreeSet<Kind>,
    pub(crate) format: Option<String>,
    /// For an array: its items' type, when known.
    pub(crate) items: Option<Box<DocsType>>,
    /// `enum<…>`: the page lists allowed values.
    pub(crate) is_enum: bool,
}

impl DocsType {
    /// Reads a type line; `None` when the line is not a type (a field documented without one).
    pub(crate) fn parse(line: &str) -> Option<DocsType> {
        let mut res = DocsType::default();
        for part in line.split(" | ") {
            let part = part.trim();
            let (word, rest) = part
                .find(|c: char| c == ' ' || c == '[' || (c == '<' && !part.starts_with("enum<")))
                .map_or((part, ""), |idx| (&part[..idx], part[idx..].trim()));
            let word = match word.strip_prefix("enum<") {
                Some(base) => {
                    res.is_enum = true;
                    base.strip_suffix('>')?
                }
                None => word,
            };
            let kind = Kind::parse(word)?;
            res.kinds.insert(kind);
            if let Some(format) = rest.strip_prefix('<').and_then(|it| it.split('>').next()) {
                res.format = Some(format.trim().to_owned());
            }
            if kind == Kind::Array {
                let inner = rest.trim_start_matches('[').trim_end_matches(']').trim();
                // `object {13}`, `object (Refund) {21}`, `string`.
                let inner = inner.split([' ', '(', '{']).next().unwrap_or("");
                res.items = Kind::parse(inner).map(|kind| {
                    Box::new(DocsType {
                        kinds: BTreeSet::from([kind]),
                        ..DocsType::default()
                    })
                });
            }
        }
        Some(res)
    }

    /// Every value of `self` is a value of `other` (`integer` is a `number`; a type without format
    /// admits every format; unknown items admit any items).
    pub(crate) fn admitted_by(&self, other: &DocsType) -> bool {
        let kinds = self.kinds.iter().all(|kind| {
            other.kinds.contains(kind)
                || *kind == Kind::Integer && other.kinds.contains(&Kind::Number)
        });
        let format = other.format.is_none() || other.format == self.format;
        let items = match (&self.items, &other.items) {
            (Some(mine), Some(theirs)) => mine.admitted_by(theirs),
            _ => true,
        };
        kinds && format && items
    }

    /// The same type, ignoring what one side does not say about array items.
    pub(crate) fn same_as(&self, other: &DocsType) -> bool {
        let items = match (&self.items, &other.items) {
            (Some(mine), Some(theirs)) => mine.same_as(theirs),
            _ => true,
        };
        self.kinds == other.kinds && self.format == other.format && items
    }
}

impl fmt::Display for DocsType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.kinds.is_empty() {
            return f.write_str("any");
        }
        let mut first = true;
        for kind in self.kinds.iter().filter(|it| **it != Kind::Null) {
            if !first {
                f.write_str(" | ")?;
            }
            first = false;
            f.write_str(kind.as_str())?;
            if *kind == Kind::Array {
                if let Some(items) = &self.items {
                    write!(f, "[{items}]")?;
                }
            }
        }
        if let Some(format) = &self.format {
            write!(f, " <{format}>")?;
        }
        if self.kinds.contains(&Kind::Null) {
            f.write_str(if first { "null" } else { " | null" })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::DocsType;

    #[test]
    fn reads_every_documented_form() {
        for (line, shown) in [
            ("string", "string"),
            ("string <date-time> | null", "string <date-time> | null"),
            ("enum<integer> <int32>", "integer <int32>"),
            ("array [object {13}]", "array[object]"),
            ("array[object (Refund) {21}]", "array[object]"),
            ("array[string]", "array[string]"),
            ("object (System Status)", "object"),
            ("null", "null"),
            ("integer <uint64>", "integer <uint64>"),
        ] {
            let ty = DocsType::parse(line).unwrap_or_else(|| panic!("{line} is a type"));
            assert_eq!(ty.to_string(), shown, "{line}");
        }
        assert_eq!(DocsType::parse("user_destiny"), None);
    }
}
