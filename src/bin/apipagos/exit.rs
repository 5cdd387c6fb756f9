//! How a run ends: the exit codes, and the one paragraph on stderr (plus the server's body on
//! stdout) that reports a failure.

use std::io::Write;
use std::process::ExitCode;

/// The exit codes, as `--help` lists them.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  success
  2  usage or configuration error (bad flags or flag values, no token, unreadable body file)
  3  request refused before sending: the JSON body breaks the spec (every fault is listed)
  4  the API answered with an error (HTTP 4xx); its body is printed on stdout
  5  server error (HTTP 5xx), connection failure, or a response that could not be read";

/// Why a run failed, which decides the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKind {
    /// Bad flags or configuration: exit 2 (clap exits 2 on its own usage errors too).
    Usage,
    /// The request breaks the spec and was not sent: exit 3.
    Refused,
    /// The API answered 4xx: exit 4.
    Api,
    /// A 5xx, a connection failure, or a response that could not be read: exit 5.
    Server,
}

impl FailureKind {
    fn code(self) -> u8 {
        match self {
            FailureKind::Usage => 2,
            FailureKind::Refused => 3,
            FailureKind::Api => 4,
            FailureKind::Server => 5,
        }
    }
}

/// A failed run: one paragraph for stderr and, when the server sent one, its body for stdout.
#[derive(Debug)]
pub struct Failure {
    /// What kind of failure (the exit code).
    pub kind: FailureKind,
    /// The paragraph, without the leading `error: `; lines are joined with `\n`.
    pub paragraph: String,
    /// The response body as the server sent it, if any.
    pub body: Option<Vec<u8>>,
}

impl Failure {
    /// A failure without a response body.
    pub fn new(kind: FailureKind, paragraph: impl Into<String>) -> Self {
        Failure {
            kind,
            paragraph: paragraph.into(),
            body: None,
        }
    }

    /// Prints the body on stdout (pretty JSON when it is JSON, else the bytes as sent) and the
    /// paragraph on stderr; returns the exit code.
    pub fn report(self) -> ExitCode {
        if let Some(body) = &self.body {
            print_body(body);
        }
        eprintln!("error: {}", self.paragraph);
        ExitCode::from(self.kind.code())
    }
}

/// A body on stdout as it was sent: indented when it is JSON.
pub fn print_body(body: &[u8]) {
    let mut stdout = std::io::stdout().lock();
    let pretty = serde_json::from_slice::<serde::de::IgnoredAny>(body)
        .is_ok()
        .then(|| indent_json(body));
    let res = match pretty {
        Some(text) => stdout.write_all(&text).and_then(|()| writeln!(stdout)),
        None if body.is_empty() => Ok(()),
        None => stdout.write_all(body).and_then(|()| match body.last() {
            Some(b'\n') => Ok(()),
            _ => writeln!(stdout),
        }),
    };
    if let Err(err) = res.and_then(|()| stdout.flush()) {
        eprintln!("error: cannot print the response body: {err}");
    }
}

/// Valid JSON `text` with two-space indentation: only whitespace outside strings changes, so the
/// keys keep the server's order and the numbers its digits.
fn indent_json(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let newline = |out: &mut Vec<u8>, depth: usize| {
        out.push(b'\n');
        out.extend(std::iter::repeat_n(b' ', depth * 2));
    };
    let mut iter = text.iter().copied().peekable();
    while let Some(byte) = iter.next() {
        if in_string {
            out.push(byte);
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b' ' | b'\t' | b'\n' | b'\r' => {}
            b'"' => {
                in_string = true;
                out.push(byte);
            }
            b'{' | b'[' => {
                out.push(byte);
                while iter.next_if(|b| b.is_ascii_whitespace()).is_some() {}
                if matches!(iter.peek(), Some(b'}' | b']')) {
                    out.push(iter.next().unwrap_or_default());
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(byte);
            }
            b',' => {
                out.push(byte);
                newline(&mut out, depth);
            }
            b':' => out.extend_from_slice(b": "),
            _ => out.push(byte),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::indent_json;

    #[test]
    fn json_is_indented_in_the_server_s_key_order() {
        let text = br#"{"z": 1, "a": [1.50, {}], "s": "x, \"y\": [z]", "e": []}"#;
        let expected = "{\n  \"z\": 1,\n  \"a\": [\n    1.50,\n    {}\n  ],\n  \"s\": \"x, \\\"y\\\": [z]\",\n  \"e\": []\n}";
        assert_eq!(String::from_utf8_lossy(&indent_json(text)), expected);
    }
}
