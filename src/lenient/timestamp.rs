//! [`Timestamp`]: a date-time in any of the formats the server uses.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc};
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
        if let Some(at) = parse_fixed_layout(text) {
            return Ok(at);
        }
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
            return Ok(Timestamp::from_naive(date.and_time(NaiveTime::MIN)));
        }
        Err(TimestampError {
            input: s.to_owned(),
        })
    }
}

/// The fast path of [`Timestamp::from_str`] for the layouts the server sends, read by position
/// instead of through chrono's format strings (about ten times faster: a listing of 1,000
/// transactions holds some 20,000 timestamps; see BENCHMARKS.md):
/// `YYYY-MM-DD`, `YYYY-MM-DD[ T]HH:MM:SS[.fraction][Z|±HH:MM]`.
///
/// `None` hands the text to the general parser, which decides; whatever this returns, the general
/// parser returns too (a property test checks it).
fn parse_fixed_layout(text: &str) -> Option<Timestamp> {
    /// The value of ASCII digits, `None` if any byte is not one.
    fn digits(bytes: &[u8]) -> Option<u32> {
        bytes.iter().try_fold(0u32, |acc, &d| {
            d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
        })
    }

    let b = text.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(&b[0..4])?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, digits(&b[5..7])?, digits(&b[8..10])?)?;
    if b.len() == 10 {
        return Some(Timestamp::from_naive(date.and_time(NaiveTime::MIN)));
    }
    if b.len() < 19 || !matches!(b[10], b' ' | b'T') || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (hour, minute, second) = (
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
    );
    let mut rest = &b[19..];
    let mut nanos = 0;
    if let [b'.', fraction @ ..] = rest {
        let len = fraction.iter().take_while(|d| d.is_ascii_digit()).count();
        if len == 0 || len > 9 {
            return None;
        }
        nanos = digits(&fraction[..len])? * 10u32.pow(9 - len as u32);
        rest = &fraction[len..];
    }
    // A leap second (`:60`) is not representable here and goes to the general parser.
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    let naive = NaiveDateTime::new(date, time);
    let offset_seconds = match rest {
        [] => return Some(Timestamp::from_naive(naive)),
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (hours, minutes) = (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let seconds = i32::try_from((hours * 60 + minutes) * 60).ok()?;
            if *sign == b'-' {
                -seconds
            } else {
                seconds
            }
        }
        _ => return None,
    };
    // With a four-digit year the instant is always in chrono's range: no conversion needed.
    Some(Timestamp {
        naive,
        offset: Some(FixedOffset::east_opt(offset_seconds)?),
    })
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// [`Timestamp::from_str`] without its fast path.
    fn general(text: &str) -> Option<Timestamp> {
        let text = text.trim();
        if let Ok(at) = DateTime::parse_from_rfc3339(text) {
            return Some(Timestamp::from_datetime(at));
        }
        if let Ok(at) = DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f%:z") {
            return Some(Timestamp::from_datetime(at));
        }
        NAIVE_FORMATS
            .iter()
            .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
            .map(Timestamp::from_naive)
            .or_else(|| {
                NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .ok()
                    .map(|date| Timestamp::from_naive(date.and_time(NaiveTime::MIN)))
            })
    }

    #[test]
    fn fast_path_reads_the_documented_layouts() {
        for text in [
            "2025-03-28 08:00:00",
            "2024-11-01T10:00:00.000000Z",
            "2025-04-01T06:05:33.034Z",
            "2024-05-10T08:00:00",
            "1985-06-15",
            "2025-03-28 08:00:00-03:00",
        ] {
            let fast = parse_fixed_layout(text);
            assert!(fast.is_some(), "{text} takes the fast path");
            assert_eq!(fast, general(text), "{text}");
        }
        // Out of the fast path's reach, still read by the general parser.
        assert_eq!(parse_fixed_layout("2016-12-31T23:59:60Z"), None);
        assert!(general("2016-12-31T23:59:60Z").is_some());
    }

    proptest! {
        // Cheap cases, and the edges (out-of-range minutes of an offset, say) are a small share.
        // At least 4096 cases; `PROPTEST_CASES` (read by `default()`) runs more.
        #![proptest_config(ProptestConfig::with_cases(ProptestConfig::default().cases.max(4096)))]

        /// Whatever the fast path reads, the general parser reads the same way.
        #[test]
        fn fast_path_agrees_with_the_general_parser(
            year in 0u32..10_000,
            month in 0u32..14,
            day in 0u32..33,
            separator in prop::sample::select(vec![' ', 'T', 't', '_']),
            hour in 0u32..26,
            minute in 0u32..62,
            second in 0u32..62,
            fraction in prop::option::of("[0-9]{0,11}"),
            zone in prop::option::of(prop_oneof![
                Just("Z".to_owned()),
                Just("z".to_owned()),
                (prop::sample::select(vec!['+', '-']), 0u32..30, 0u32..70)
                    .prop_map(|(sign, h, m)| format!("{sign}{h:02}:{m:02}")),
            ]),
            date_only in any::<bool>(),
        ) {
            let date = format!("{year:04}-{month:02}-{day:02}");
            let text = if date_only {
                date
            } else {
                let fraction = fraction.map(|f| format!(".{f}")).unwrap_or_default();
                let zone = zone.unwrap_or_default();
                format!("{date}{separator}{hour:02}:{minute:02}:{second:02}{fraction}{zone}")
            };
            if let Some(fast) = parse_fixed_layout(&text) {
                prop_assert_eq!(Some(fast), general(&text), "{}", text);
            }
        }
    }
}
