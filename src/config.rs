//! Building an authenticated client: token, environment, timeouts, user agent.

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue, ACCEPT};
use url::Url;

use crate::{Client, ClientState, CompanyToken, Environment, RetryPolicy};

/// The environment variable holding the base URL, read by [`ClientConfig::from_env`].
pub const BASE_URL_VAR: &str = "APIPAGOS_BASE_URL";
/// The environment variable holding the token, read by [`ClientConfig::from_env`].
pub const TOKEN_VAR: &str = "APIPAGOS_COMPANY_TOKEN";

/// How to build an authenticated [`Client`].
///
/// ```
/// use std::time::Duration;
/// use apipagos::{Client, ClientConfig, ClientInfo, CompanyToken, Environment};
///
/// let config = ClientConfig::new(CompanyToken::new("my-token"))
///     .with_environment(Environment::Testing)
///     .with_timeout(Duration::from_secs(20));
/// let client = Client::from_config(&config).unwrap();
/// assert_eq!(client.baseurl(), "https://api.test.apipagos.com/api/v2/apipagos");
/// ```
#[derive(Clone, Debug)]
pub struct ClientConfig {
    token: CompanyToken,
    environment: Environment,
    connect_timeout: Duration,
    timeout: Duration,
    user_agent: String,
    allow_plain_http: bool,
    retry: RetryPolicy,
}

/// Why a client could not be built.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// An environment variable that [`ClientConfig::from_env`] needs is not set.
    #[error("${var} is not set: export it (see the README, \"Building a client\")")]
    MissingVar {
        /// The variable.
        var: &'static str,
    },
    /// The base URL does not parse.
    #[error("invalid base URL {url:?}: {reason}")]
    InvalidBaseUrl {
        /// The URL as given.
        url: String,
        /// Why it does not parse.
        reason: url::ParseError,
    },
    /// The token would travel unencrypted to a host that is not this machine.
    #[error(
        "refusing to send the Company-Token over plain http to {host}: use https, or call \
         ClientConfig::allow_plain_http() if this is really wanted"
    )]
    PlainHttp {
        /// The host.
        host: String,
    },
    /// The token is empty or blank: every request would be refused with 401.
    #[error("the Company-Token is empty: set $APIPAGOS_COMPANY_TOKEN to your company's token (see the README, \"Building a client\")")]
    EmptyToken,
    /// The token holds characters an HTTP header cannot carry (the token itself is not shown).
    #[error("the Company-Token holds characters an HTTP header cannot carry (control or non-ASCII characters)")]
    InvalidToken,
    /// The HTTP client could not be built (TLS initialisation).
    #[error("cannot build the HTTP client: {0}")]
    Http(#[from] reqwest::Error),
}

impl ClientConfig {
    /// A configuration for the testing environment, with a 10 s connect timeout, a 30 s total
    /// timeout per request and the default retry policy.
    pub fn new(token: CompanyToken) -> Self {
        ClientConfig {
            token,
            environment: Environment::Testing,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            user_agent: format!("{}/{}", env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION")),
            allow_plain_http: false,
            retry: RetryPolicy::default(),
        }
    }

    /// Reads `APIPAGOS_COMPANY_TOKEN` and, if set, `APIPAGOS_BASE_URL` (else the testing
    /// environment).
    pub fn from_env() -> Result<Self, ConfigError> {
        let token =
            std::env::var(TOKEN_VAR).map_err(|_| ConfigError::MissingVar { var: TOKEN_VAR })?;
        let mut config = ClientConfig::new(CompanyToken::new(token));
        if let Ok(url) = std::env::var(BASE_URL_VAR) {
            config = config.with_base_url(&url)?;
        }
        Ok(config)
    }

    /// Talks to `environment`.
    pub fn with_environment(mut self, environment: Environment) -> Self {
        self.environment = environment;
        self
    }

    /// Talks to the API at `url` (including its path stem).
    pub fn with_base_url(self, url: &str) -> Result<Self, ConfigError> {
        let parsed = Url::parse(url).map_err(|reason| ConfigError::InvalidBaseUrl {
            url: url.to_owned(),
            reason,
        })?;
        Ok(self.with_environment(Environment::Custom(parsed)))
    }

    /// Sets the time allowed to open a connection.
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sets the time allowed for a whole request, from connecting to the end of the body.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the `User-Agent` (default: `apipagos/<version>`).
    pub fn with_user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// The `User-Agent` a client built from this configuration sends.
    ///
    /// ```
    /// use apipagos::{ClientConfig, CompanyToken};
    ///
    /// let config = ClientConfig::new(CompanyToken::new("t"));
    /// assert!(config.user_agent().starts_with("apipagos/"));
    /// assert_eq!(config.with_user_agent("shop/1.0").user_agent(), "shop/1.0");
    /// ```
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }

    /// Sets how `GET` requests are retried (default: [`RetryPolicy::default`]; POST, PUT and
    /// PATCH are never retried). The policy belongs to the client built from this configuration;
    /// `Client::with_retry_policy` gives a copy with another one.
    pub fn with_retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Allows sending the token over plain `http://` to hosts other than loopback.
    pub fn allow_plain_http(mut self) -> Self {
        self.allow_plain_http = true;
        self
    }

    /// The environment this configuration talks to.
    pub fn environment(&self) -> &Environment {
        &self.environment
    }

    fn check_transport(&self) -> Result<(), ConfigError> {
        let Environment::Custom(url) = &self.environment else {
            return Ok(());
        };
        if url.scheme() != "http" || self.allow_plain_http {
            return Ok(());
        }
        let loopback = match url.host() {
            Some(url::Host::Domain(domain)) => domain == "localhost",
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        };
        if loopback {
            return Ok(());
        }
        Err(ConfigError::PlainHttp {
            host: url.host_str().unwrap_or_default().to_owned(),
        })
    }
}

impl Client {
    /// Builds a client that authenticates every request with the configured token.
    pub fn from_config(config: &ClientConfig) -> Result<Client, ConfigError> {
        config.check_transport()?;
        if config.token.expose().trim().is_empty() {
            return Err(ConfigError::EmptyToken);
        }
        let mut headers = HeaderMap::new();
        let token = config
            .token
            .header_value()
            .ok_or(ConfigError::InvalidToken)?;
        headers.insert("company-token", token);
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .user_agent(config.user_agent.as_str())
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            // A redirect would carry the Company-Token header to wherever it points (reqwest only
            // strips its own sensitive headers); the API has no documented redirects.
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        let base_url = config.environment.base_url();
        let state = ClientState::default().with_retry_policy(config.retry.clone());
        Ok(Client::new_with_client(&base_url, http, state))
    }

    /// Builds a client for `environment` with `token` and the default timeouts.
    pub fn with_token(
        token: CompanyToken,
        environment: Environment,
    ) -> Result<Client, ConfigError> {
        Client::from_config(&ClientConfig::new(token).with_environment(environment))
    }
}
