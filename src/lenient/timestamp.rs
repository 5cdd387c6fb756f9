//! [`Timestamp`]: a date-time in any of the formats the server uses.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A date and time as the server sends it, with its UTC offset when the server gives one.
///
/// Accepted (all seen in the docs' examples):
/// - RFC 3339: `2024-11-01T10:00:00.000000Z` (Laravel's microseconds), `2025-04-01T06:05:33.034Z`;
/// - Laravel's database format `2025-03-28 08:00:00`, with no zone;
/// - ISO 8601 without a zone: `2024-05-10T08:00:00`;
/// - a bare date: `1985-06-15` (midnight).
///
/// Times without a zone stay without one ([`Timestamp::offset`] is `None`): the docs do not say
/// which zone the server means, so this type does not guess. Serializes back in the same style:
/// RFC 3339 with an offset, `YYYY-MM-DD HH:MM:SS` without one.
///
/// ```
/// use apipagos::lenient::Timestamp;
///
/// let laravel: Timestamp = serde_json::from_str(r#""2025-03-28 08:00:00""#).unwrap();
/// assert_eq!(laravel.offset(), None);
/// assert_eq!(laravel.to_string(), "2025-03-28 08:00:00");
/// let utc: Timestamp = serde_json::from_str(r#""2024-11-01T10:00:00.000000Z""#).unwrap();
/// assert_eq!(utc.to_string(), "2024-11-01T10:00:00+00:00");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Timestamp {
    naive: NaiveDateTime,
    offset: Option<FixedOffset>,
}

/// Why a text is not a timestamp.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid timestamp {input:?}: expected RFC 3339, `YYYY-MM-DD HH:MM:SS`, `YYYY-MM-DDTHH:MM:SS` or `YYYY-MM-DD`"
)]
pub struct TimestampError {
    input: String,
}

const NAIVE_FORMATS: [&str; 2] = ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"];

impl Timestamp {
    /// A timestamp with a known offset.
    pub fn from_datetime(value: DateTime<FixedOffset>) -> Self {
        Timestamp {
            naive: value.naive_local(),
            offset: Some(*value.offset()),
        }
    }

    /// A timestamp without a zone.
    pub fn from_naive(naive: NaiveDateTime) -> Self {
        Timestamp {
            naive,
            offset: None,
        }
    }

    /// The wall-clock date and time as sent (local to [`Timestamp::offset`] when there is one).
    pub fn naive(&self) -> NaiveDateTime {
        self.naive
    }

    /// The UTC offset the server sent, if it sent one.
    pub fn offset(&self) -> Option<FixedOffset> {
        self.offset
    }

    /// The instant, if the server sent an offset.
    pub fn to_datetime(&self) -> Option<DateTime<FixedOffset>> {
        let offset = self.offset?;
        self.naive.and_local_timezone(offset).single()
    }

    /// The instant in UTC, reading a time without a zone as local to `assumed` (for instance
    /// Argentina's `-03:00`).
    pub fn to_utc_assuming(&self, assumed: FixedOffset) -> Option<DateTime<Utc>> {
        let offset = self.offset.unwrap_or(assumed);
        self.naive
            .and_local_timezone(offset)
            .single()
            .map(|at| at.with_timezone(&Utc))
    }
}

impl From<DateTime<Utc>> for Timestamp {
    fn from(value: DateTime<Utc>) -> Self {
        Timestamp::from_datetime(value.fixed_offset())
    }
}

impl FromStr for Timestamp {
    type Err = TimestampError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        if let Ok(at) = DateTime::parse_from_rfc3339(text) {
            return Ok(Timestamp::from_datetime(at));
        }
        if let Ok(at) = DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f%:z") {
            return Ok(Timestamp::from_datetime(at));
        }
        for format in NAIVE_FORMATS {
            if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
                return Ok(Timestamp::from_naive(naive));
            }
        }
        if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Ok(Timestamp::from_naive(date.and_time(chrono::NaiveTime::MIN)));
        }
        Err(TimestampError {
            input: s.to_owned(),
        })
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to_datetime() {
            Some(at) => f.write_str(&at.to_rfc3339()),
            None => write!(f, "{}", self.naive.format("%Y-%m-%d %H:%M:%S%.f")),
        }
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TimestampVisitor;

        impl Visitor<'_> for TimestampVisitor {
            type Value = Timestamp;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date-time string (RFC 3339, `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DD`)")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Timestamp, E> {
                Timestamp::from_str(v).map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }

        deserializer.deserialize_str(TimestampVisitor)
    }
}
