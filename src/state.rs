//! What each client carries of its own beyond progenitor's base URL and connection pool: the retry
//! policy and an optional per-request timeout. It is progenitor's inner type (`Client::inner`),
//! read by the hooks of every request, so two clients of the same server never share a policy.
//!
//! A copy of a client with other settings shares the connection pool (a `reqwest::Client` is a
//! reference-counted handle): `client.with_timeout(..)` and `client.with_retry_policy(..)` are
//! cheap, for one call or a group of calls.

use std::time::Duration;

use crate::{Client, RetryPolicy};

/// The settings of one [`Client`], given to `Client::new` and `Client::new_with_client` (use
/// `ClientState::default()` for the defaults); [`Client::from_config`] fills it from a
/// [`crate::ClientConfig`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientState {
    retry: RetryPolicy,
    timeout: Option<Duration>,
}

impl ClientState {
    /// The defaults, with `policy` for retries.
    pub fn with_retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The defaults, with a total time per request (from connecting to the end of the body) that
    /// overrides the connection pool's.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How `GET`s are retried.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// The per-request timeout, when one overrides the connection pool's.
    pub fn timeout(&self) -> Option<Duration> {
        self.timeout
    }
}

impl Client {
    /// A copy of this client (same connection pool, token and base URL) that retries `GET`s with
    /// `policy`; this client keeps its own.
    ///
    /// ```
    /// use apipagos::{Client, ClientState, RetryPolicy};
    ///
    /// let client = Client::new("http://127.0.0.1:9", ClientState::default());
    /// let once = client.with_retry_policy(RetryPolicy::never());
    /// assert_eq!(once.state().retry_policy().max_attempts(), 1);
    /// assert_eq!(client.state().retry_policy().max_attempts(), 3);
    /// ```
    pub fn with_retry_policy(&self, policy: RetryPolicy) -> Client {
        let mut copy = self.clone();
        copy.inner.retry = policy;
        copy
    }

    /// A copy of this client (same connection pool, token and base URL) whose requests may take
    /// `timeout` in all, from connecting to the end of the body; this client keeps its own.
    ///
    /// ```
    /// use std::time::Duration;
    /// use apipagos::{Client, ClientState};
    ///
    /// let client = Client::new("http://127.0.0.1:9", ClientState::default());
    /// let patient = client.with_timeout(Duration::from_secs(120));
    /// assert_eq!(patient.state().timeout(), Some(Duration::from_secs(120)));
    /// assert_eq!(client.state().timeout(), None);
    /// ```
    pub fn with_timeout(&self, timeout: Duration) -> Client {
        let mut copy = self.clone();
        copy.inner.timeout = Some(timeout);
        copy
    }

    /// This client's settings.
    pub fn state(&self) -> &ClientState {
        &self.inner
    }
}
