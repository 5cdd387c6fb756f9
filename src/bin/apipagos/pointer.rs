//! The JSON pointer of the value at a line and column of a JSON text: serde names where a typed
//! parse failed by position only, and a user with a 40-item array should not count columns.

/// One open container on the way to the position.
enum Frame {
    /// An array, at this item.
    Array(usize),
    /// An object, at this key (`None` between a `,` and the next key).
    Object(Option<String>),
}

/// The pointer (`/0/priority`) of the value at `line` and `column` (1-based, as serde_json
/// counts them) of the JSON `text`; empty for the whole document.
pub fn pointer_at(text: &[u8], line: usize, column: usize) -> String {
    let line_start = if line <= 1 {
        0
    } else {
        text.iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(line - 2)
            .map_or(text.len(), |(idx, _)| idx + 1)
    };
    let end = (line_start + column).min(text.len());
    let mut frames: Vec<Frame> = Vec::new();
    let mut idx = 0;
    while idx < end {
        match text[idx] {
            b'"' => {
                let start = idx + 1;
                idx = start;
                while idx < text.len() && text[idx] != b'"' {
                    idx += if text[idx] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object(key @ None)) = frames.last_mut() {
                    let raw = &text[start..idx.min(text.len())];
                    *key = Some(String::from_utf8_lossy(raw).into_owned());
                }
            }
            b'[' => frames.push(Frame::Array(0)),
            b'{' => frames.push(Frame::Object(None)),
            b']' | b'}' => {
                frames.pop();
            }
            b',' => match frames.last_mut() {
                Some(Frame::Array(item)) => *item += 1,
                Some(Frame::Object(key)) => *key = None,
                None => {}
            },
            _ => {}
        }
        idx += 1;
    }
    let mut pointer = String::new();
    for frame in &frames {
        match frame {
            Frame::Array(item) => pointer.push_str(&format!("/{item}")),
            Frame::Object(Some(key)) => {
                pointer.push('/');
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
            }
            Frame::Object(None) => {}
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::pointer_at;

    #[track_caller]
    fn check(text: &str, expected: &str) {
        let err = serde_json::from_str::<Vec<Item>>(text).unwrap_err();
        assert_eq!(
            pointer_at(text.as_bytes(), err.line(), err.column()),
            expected
        );
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Item {
        #[serde(default)]
        name: String,
        #[serde(default)]
        priority: i32,
    }

    #[test]
    fn the_pointer_names_the_item_and_key_of_a_bad_value() {
        check(r#"[{"priority": 3000000000}]"#, "/0/priority");
        check(
            "[{\"name\": \"a,}]\", \"priority\": 1},\n {\"name\": \"b\\\"\",\n  \"priority\": 1e99}]",
            "/1/priority",
        );
        check(r#"[{"priority": 1}, {"name": 7}]"#, "/1/name");
    }
}
