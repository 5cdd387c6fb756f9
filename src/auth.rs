//! The `Company-Token` credential: a value that never prints.

use std::fmt;

use reqwest::header::HeaderValue;

/// The company's API token, sent in the `Company-Token` header of every request.
///
/// Its `Debug` and `Display` forms are redacted, and the header built from it is marked sensitive,
/// so the token appears in no log, `Debug` output or error message.
///
/// ```
/// use apipagos::CompanyToken;
///
/// let token = CompanyToken::new("s3cr3t-token");
/// assert_eq!(format!("{token:?}"), "CompanyToken(<redacted>)");
/// assert_eq!(token.to_string(), "<redacted>");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct CompanyToken(String);

impl CompanyToken {
    /// Wraps a token.
    pub fn new(token: impl Into<String>) -> Self {
        CompanyToken(token.into())
    }

    /// The token itself, for the rare caller that must pass it on.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The token as a sensitive header value, or `None` when it holds characters a header cannot
    /// carry (control characters, non-visible ASCII).
    pub(crate) fn header_value(&self) -> Option<HeaderValue> {
        let mut value = HeaderValue::from_str(self.0.trim()).ok()?;
        value.set_sensitive(true);
        Some(value)
    }
}

impl fmt::Debug for CompanyToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CompanyToken(<redacted>)")
    }
}

impl fmt::Display for CompanyToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl From<String> for CompanyToken {
    fn from(token: String) -> Self {
        CompanyToken(token)
    }
}

impl From<&str> for CompanyToken {
    fn from(token: &str) -> Self {
        CompanyToken(token.to_owned())
    }
}
