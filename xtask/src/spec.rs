//! Loading the spec: YAML text → JSON value, keeping the line and column of every node.
//!
//! `serde_yaml` forgets positions and keeps the last of two equal keys. This loader builds the
//! JSON value from saphyr's marked events instead, so that every finding can map its JSON pointer
//! to `line:column`, and records every repeated key (the value kept is the last one, as any YAML
//! loader would do silently). Plain scalars are resolved with the YAML 1.2 core schema, as
//! `serde_yaml` does.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span, SpannedEventReceiver, Tag};
use serde_json::{Map, Number, Value};

/// A parsed spec: its JSON value, the position of every node and the repeated keys.
#[derive(Debug)]
pub(crate) struct Document {
    /// The document as JSON (for a repeated key, the last value).
    pub(crate) value: Value,
    /// JSON pointer → position.
    pub(crate) index: Index,
    /// Every key that repeats an earlier key of the same mapping.
    pub(crate) duplicate_keys: Vec<DuplicateKey>,
}

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Position {
    pub(crate) line: usize,
    pub(crate) column: usize,
}

/// The positions of the nodes of a document, by JSON pointer.
#[derive(Debug, Default)]
pub(crate) struct Index {
    nodes: HashMap<String, NodePosition>,
}

/// A key that appears a second (or third…) time in one mapping.
#[derive(Debug)]
pub(crate) struct DuplicateKey {
    /// The pointer of the entry (mapping pointer + key).
    pub(crate) pointer: String,
    /// Where the repeated key is.
    pub(crate) at: Position,
    /// Where the key first appears.
    pub(crate) first: Position,
}

/// A YAML syntax error.
#[derive(Debug)]
pub(crate) struct SyntaxError {
    pub(crate) at: Position,
    pub(crate) message: String,
}

#[derive(Debug, Clone, Copy)]
struct NodePosition {
    /// The position of the key, for a mapping entry.
    key: Option<Position>,
    /// The position of the value.
    value: Position,
}

impl Index {
    /// Where the node at `pointer` is: the position of its key for a mapping entry, else of its
    /// value. A pointer that names no node (a missing key) gets the position of its nearest
    /// existing ancestor.
    pub(crate) fn position(&self, pointer: &str) -> Position {
        let mut pointer = pointer;
        loop {
            if let Some(node) = self.nodes.get(pointer) {
                return node.key.unwrap_or(node.value);
            }
            match pointer.rfind('/') {
                Some(idx) => pointer = &pointer[..idx],
                None => return Position { line: 1, column: 1 },
            }
        }
    }

    /// The line of the node at `pointer` (see [`Index::position`]).
    pub(crate) fn line(&self, pointer: &str) -> usize {
        self.position(pointer).line
    }
}

/// Parses YAML `text` (the first document of the stream).
pub(crate) fn parse(text: &str) -> Result<Document, SyntaxError> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    if let Err(err) = parser.load(&mut builder, false) {
        let marker = err.marker();
        return Err(SyntaxError {
            at: Position {
                line: marker.line(),
                column: marker.col() + 1,
            },
            message: err.info().to_owned(),
        });
    }
    if let Some(err) = builder.error {
        return Err(err);
    }
    Ok(Document {
        value: builder.root.unwrap_or(Value::Null),
        index: Index {
            nodes: builder.nodes,
        },
        duplicate_keys: builder.duplicate_keys,
    })
}

/// `pointer` + `/segment`, with `~` and `/` escaped as JSON pointers require.
pub(crate) fn child(pointer: &str, segment: &str) -> String {
    let mut res = String::with_capacity(pointer.len() + segment.len() + 1);
    res.push_str(pointer);
    res.push('/');
    for ch in segment.chars() {
        match ch {
            '~' => res.push_str("~0"),
            '/' => res.push_str("~1"),
            _ => res.push(ch),
        }
    }
    res
}

/// The unescaped last segment of a JSON pointer.
pub(crate) fn last_segment(pointer: &str) -> String {
    let segment = pointer.rsplit('/').next().unwrap_or_default();
    segment.replace("~1", "/").replace("~0", "~")
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    root: Option<Value>,
    anchors: HashMap<usize, Value>,
    nodes: HashMap<String, NodePosition>,
    duplicate_keys: Vec<DuplicateKey>,
    error: Option<SyntaxError>,
}

enum Frame {
    Seq {
        pointer: String,
        anchor: usize,
        items: Vec<Value>,
    },
    Map {
        pointer: String,
        anchor: usize,
        map: Map<String, Value>,
        /// The key read, waiting for its value.
        key: Option<(String, Position)>,
        seen: HashMap<String, Position>,
    },
}

/// What a node event is, relative to the innermost open collection.
enum Slot {
    Key,
    Value {
        pointer: String,
        key: Option<Position>,
    },
}

impl<'input> SpannedEventReceiver<'input> for Builder {
    fn on_event(&mut self, ev: Event<'input>, span: Span) {
        if self.error.is_some() {
            return;
        }
        let at = Position {
            line: span.start.line(),
            column: span.start.col() + 1,
        };
        match ev {
            Event::Scalar(text, style, anchor, tag) => match self.slot() {
                Slot::Key => self.key(text.into_owned(), at),
                Slot::Value { pointer, key } => {
                    let value = scalar(&text, style, tag.as_deref());
                    if anchor > 0 {
                        self.anchors.insert(anchor, value.clone());
                    }
                    self.nodes.insert(pointer, NodePosition { key, value: at });
                    self.attach(value);
                }
            },
            Event::Alias(anchor) => match self.slot() {
                Slot::Key => self.fail(at, "an alias cannot be a mapping key here"),
                Slot::Value { pointer, key } => {
                    let Some(value) = self.anchors.get(&anchor).cloned() else {
                        return self.fail(at, "alias to an unknown anchor");
                    };
                    self.nodes.insert(pointer, NodePosition { key, value: at });
                    self.attach(value);
                }
            },
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                let Slot::Value { pointer, key } = self.slot() else {
                    return self.fail(at, "mapping keys must be scalars: quote the key");
                };
                self.nodes
                    .insert(pointer.clone(), NodePosition { key, value: at });
                let frame = if matches!(ev, Event::SequenceStart(..)) {
                    Frame::Seq {
                        pointer,
                        anchor,
                        items: Vec::new(),
                    }
                } else {
                    Frame::Map {
                        pointer,
                        anchor,
                        map: Map::new(),
                        key: None,
                        seen: HashMap::new(),
                    }
                };
                self.stack.push(frame);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (anchor, value) = match self.stack.pop() {
                    Some(Frame::Seq { anchor, items, .. }) => (anchor, Value::Array(items)),
                    Some(Frame::Map { anchor, map, .. }) => (anchor, Value::Object(map)),
                    None => return,
                };
                if anchor > 0 {
                    self.anchors.insert(anchor, value.clone());
                }
                self.attach(value);
            }
            Event::Nothing
            | Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart(_)
            | Event::DocumentEnd => {}
        }
    }
}

impl Builder {
    fn slot(&self) -> Slot {
        match self.stack.last() {
            None => Slot::Value {
                pointer: String::new(),
                key: None,
            },
            Some(Frame::Seq { pointer, items, .. }) => Slot::Value {
                pointer: child(pointer, &items.len().to_string()),
                key: None,
            },
            Some(Frame::Map { key: None, .. }) => Slot::Key,
            Some(Frame::Map {
                pointer,
                key: Some((key, at)),
                ..
            }) => Slot::Value {
                pointer: child(pointer, key),
                key: Some(*at),
            },
        }
    }

    fn key(&mut self, text: String, at: Position) {
        let Some(Frame::Map {
            pointer, key, seen, ..
        }) = self.stack.last_mut()
        else {
            return;
        };
        if let Some(first) = seen.get(&text) {
            self.duplicate_keys.push(DuplicateKey {
                pointer: child(pointer, &text),
                at,
                first: *first,
            });
        } else {
            seen.insert(text.clone(), at);
        }
        *key = Some((text, at));
    }

    fn attach(&mut self, value: Value) {
        match self.stack.last_mut() {
            None => self.root = Some(value),
            Some(Frame::Seq { items, .. }) => items.push(value),
            Some(Frame::Map { map, key, .. }) => {
                if let Some((key, _)) = key.take() {
                    map.insert(key, value);
                }
            }
        }
    }

    fn fail(&mut self, at: Position, message: &str) {
        self.error = Some(SyntaxError {
            at,
            message: message.to_owned(),
        });
    }
}

/// Resolves a scalar with the YAML 1.2 core schema (quoted and block scalars are strings).
fn scalar(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Value {
    if let Some(tag) = tag {
        if tag.is_yaml_core_schema() {
            match tag.suffix.as_str() {
                "str" => return Value::String(text.to_owned()),
                "null" => return Value::Null,
                "bool" | "int" | "float" => return plain_scalar(text),
                _ => {}
            }
        }
        return Value::String(text.to_owned());
    }
    if style != ScalarStyle::Plain {
        return Value::String(text.to_owned());
    }
    plain_scalar(text)
}

fn plain_scalar(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Some(number) = integer(text) {
        return Value::Number(number);
    }
    if is_float(text) {
        if let Some(number) = text.parse::<f64>().ok().and_then(Number::from_f64) {
            return Value::Number(number);
        }
    }
    Value::String(text.to_owned())
}

/// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`.
fn integer(text: &str) -> Option<Number> {
    if let Some(octal) = text.strip_prefix("0o") {
        return u64::from_str_radix(octal, 8).ok().map(Number::from);
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return u64::from_str_radix(hex, 16).ok().map(Number::from);
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let text = text.strip_prefix('+').unwrap_or(text);
    if let Ok(n) = text.parse::<i64>() {
        return Some(Number::from(n));
    }
    if let Ok(n) = text.parse::<u64>() {
        return Some(Number::from(n));
    }
    text.parse::<f64>().ok().and_then(Number::from_f64)
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
fn is_float(text: &str) -> bool {
    let text = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(idx) => (&text[..idx], Some(&text[idx + 1..])),
        None => (text, None),
    };
    let (whole, fraction) = match mantissa.find('.') {
        Some(idx) => (&mantissa[..idx], Some(&mantissa[idx + 1..])),
        None => (mantissa, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match fraction {
        None => !whole.is_empty() && digits(whole),
        Some(fraction) => {
            digits(whole) && digits(fraction) && !(whole.is_empty() && fraction.is_empty())
        }
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_and_duplicates() {
        let doc = parse("a:\n  b: 1\n  c: [x, 'y']\n  b: 2\nd:\n  - e: 1.5\n    f: ~\n").unwrap();
        assert_eq!(
            doc.value,
            serde_json::json!({"a": {"b": 2, "c": ["x", "y"]}, "d": [{"e": 1.5, "f": null}]})
        );
        assert_eq!(
            doc.index.position("/a/c/1"),
            Position {
                line: 3,
                column: 10
            }
        );
        assert_eq!(
            doc.index.position("/d/0/f"),
            Position { line: 7, column: 5 }
        );
        assert_eq!(
            doc.index.position("/d/0/missing"),
            Position { line: 6, column: 5 }
        );
        assert_eq!(doc.duplicate_keys.len(), 1);
        assert_eq!(doc.duplicate_keys[0].pointer, "/a/b");
        assert_eq!(doc.duplicate_keys[0].at, Position { line: 4, column: 3 });
        assert_eq!(doc.duplicate_keys[0].first.line, 2);
    }

    #[test]
    fn core_schema_scalars() {
        let doc = parse("[3.0.3, '1', 1, -2, 0x1f, 1e3, .5, yes, true, ~, '', \"x\"]").unwrap();
        assert_eq!(
            doc.value,
            serde_json::json!(["3.0.3", "1", 1, -2, 31, 1000.0, 0.5, "yes", true, null, "", "x"])
        );
    }

    #[test]
    fn syntax_error_has_a_position() {
        let err = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(err.at.line >= 1, "{err:?}");
    }
}
