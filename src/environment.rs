//! Where the API lives.

use url::Url;

/// The Apipagos environment a client talks to.
///
/// The documentation shows one environment, `Testing`; any other deployment (production, a local
/// mock) is a [`Environment::Custom`] base URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Environment {
    /// `https://api.test.apipagos.com/api/v2/apipagos`, the documented testing environment.
    Testing,
    /// Any other base URL, including the path stem (for instance `…/api/v2/apipagos`).
    Custom(Url),
}

impl Environment {
    /// The testing environment's base URL.
    pub const TESTING_BASE_URL: &'static str = "https://api.test.apipagos.com/api/v2/apipagos";

    /// The base URL, without a trailing slash.
    pub fn base_url(&self) -> String {
        match self {
            Environment::Testing => Self::TESTING_BASE_URL.to_owned(),
            Environment::Custom(url) => url.as_str().trim_end_matches('/').to_owned(),
        }
    }
}
