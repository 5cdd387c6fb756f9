//! Automatic retries of idempotent requests.
//!
//! Only `GET` is retried: a payment API must never repeat a `POST`, `PUT` or `PATCH` by itself,
//! since the first attempt may have gone through. A `GET` is retried on connection errors and on
//! 429, 502, 503 and 504, with exponential backoff and full jitter, honouring `Retry-After`, within
//! a bounded number of attempts and a bounded total time.

use std::time::Duration;

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::StatusCode;

/// When and how often a `GET` is tried again.
///
/// The default: 3 attempts in all, backoff from 200 ms doubling up to 5 s (each delay drawn at
/// random up to that bound), at most 30 s from the first attempt, `Retry-After` honoured within
/// those bounds.
///
/// ```
/// use std::time::Duration;
/// use apipagos::{ClientConfig, CompanyToken, RetryPolicy};
///
/// let patient = RetryPolicy::default().with_max_attempts(5).with_max_elapsed(Duration::from_secs(60));
/// let config = ClientConfig::new(CompanyToken::new("t")).with_retry_policy(patient);
/// let no_retries = ClientConfig::new(CompanyToken::new("t")).with_retry_policy(RetryPolicy::never());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_elapsed: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            max_elapsed: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// No retries: every request is sent once.
    pub fn never() -> Self {
        RetryPolicy::default().with_max_attempts(1)
    }

    /// Sets the number of attempts in all, the first included (1 disables retries).
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Sets the bound of the first backoff; each further one doubles, up to the maximum backoff.
    pub fn with_initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// Sets the longest wait between two attempts (a longer `Retry-After` stops retrying).
    pub fn with_max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// Sets the longest time from the first attempt after which no new attempt starts.
    pub fn with_max_elapsed(mut self, elapsed: Duration) -> Self {
        self.max_elapsed = elapsed;
        self
    }

    /// The number of attempts in all.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The longest time from the first attempt after which no new attempt starts.
    pub fn max_elapsed(&self) -> Duration {
        self.max_elapsed
    }

    /// The wait before attempt `attempt + 1`, or `None` when the server asks for longer than the
    /// maximum backoff.
    pub(crate) fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Option<Duration> {
        if let Some(asked) = retry_after {
            return (asked <= self.max_backoff).then_some(asked);
        }
        let doubling = 2u32.saturating_pow(attempt.saturating_sub(1));
        let bound = self
            .initial_backoff
            .saturating_mul(doubling)
            .min(self.max_backoff);
        // Full jitter: clients retrying together spread out instead of returning in step.
        let millis = u64::try_from(bound.as_millis()).unwrap_or(u64::MAX);
        Some(Duration::from_millis(fastrand::u64(0..=millis)))
    }
}

/// Whether a response status is worth another `GET`.
pub(crate) fn is_retryable(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 502 | 503 | 504)
}

/// The wait a `Retry-After` header asks for: seconds, or an HTTP date.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let wait = at.signed_duration_since(chrono::Utc::now());
    Some(wait.to_std().unwrap_or(Duration::ZERO))
}
