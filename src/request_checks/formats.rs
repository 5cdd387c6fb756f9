//! The string formats the request schemas use: `date` and `date-time` (RFC 3339) and `email`.
//! Integer formats (`int32`, `int64`, `uint64`) are known but not checked here: a format applies
//! to strings only, and the converter turns `int32`/`int64` into `minimum`/`maximum` bounds.

use chrono::NaiveDate;

/// A `format` the checker knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    /// RFC 3339 `full-date`: `2024-07-17`.
    Date,
    /// RFC 3339 `date-time`: `2024-07-17T21:59:51Z`, `…T21:59:51.5-03:00`.
    DateTime,
    /// An address `local@domain`.
    Email,
    /// A format of numbers (`int32`, `int64`, `uint64`): nothing to check on a string.
    Numeric,
}

impl Format {
    /// The format `name` names, if the checker knows it.
    pub(crate) fn named(name: &str) -> Option<Format> {
        Some(match name {
            "date" => Format::Date,
            "date-time" => Format::DateTime,
            "email" => Format::Email,
            "int32" | "int64" | "uint64" => Format::Numeric,
            _ => return None,
        })
    }

    /// Its name in a schema (`Numeric` stands for several).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Date => "date",
            Format::DateTime => "date-time",
            Format::Email => "email",
            Format::Numeric => "integer",
        }
    }

    /// Whether `text` is in this format.
    pub(crate) fn accepts(self, text: &str) -> bool {
        match self {
            Format::Date => is_date(text),
            Format::DateTime => is_date_time(text),
            Format::Email => is_email(text),
            Format::Numeric => true,
        }
    }
}

/// The number the ASCII digits of `bytes` spell, if they are all digits.
fn digits(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        bytes
            .iter()
            .fold(0, |acc, digit| acc * 10 + u32::from(digit - b'0')),
    )
}

/// `YYYY-MM-DD`, a day of the calendar.
fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) = (
        digits(&bytes[0..4]),
        digits(&bytes[5..7]),
        digits(&bytes[8..10]),
    ) else {
        return false;
    };
    i32::try_from(year)
        .ok()
        .and_then(|year| NaiveDate::from_ymd_opt(year, month, day))
        .is_some()
}

/// `<date>T<time>`: `HH:MM:SS`, optional fraction, then `Z` or `±HH:MM` (a leap second only at
/// 23:59:60 UTC).
fn is_date_time(text: &str) -> bool {
    let Some(split) = text.bytes().position(|b| b == b'T' || b == b't') else {
        return false;
    };
    is_date(&text[..split]) && is_time(&text[split + 1..])
}

fn is_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() < 9 || bytes[2] != b':' || bytes[5] != b':' {
        return false;
    }
    let (Some(hour), Some(minute), Some(second)) = (
        digits(&bytes[0..2]),
        digits(&bytes[3..5]),
        digits(&bytes[6..8]),
    ) else {
        return false;
    };
    if hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut rest = &bytes[8..];
    if let Some(fraction) = rest.strip_prefix(b".") {
        let count = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if count == 0 {
            return false;
        }
        rest = &fraction[count..];
    }
    let utc = |offset_minutes: i64| {
        let minutes = i64::from(hour * 60 + minute) - offset_minutes;
        minutes.rem_euclid(24 * 60)
    };
    let (sign, offset) = match rest {
        [b'Z' | b'z'] => return second != 60 || utc(0) == 23 * 60 + 59,
        [sign @ (b'+' | b'-'), offset @ ..] => (*sign, offset),
        _ => return false,
    };
    if offset.len() != 5 || offset[2] != b':' {
        return false;
    }
    let (Some(offset_hour), Some(offset_minute)) = (digits(&offset[0..2]), digits(&offset[3..5]))
    else {
        return false;
    };
    if offset_hour > 23 || offset_minute > 59 {
        return false;
    }
    let offset = i64::from(offset_hour * 60 + offset_minute);
    let offset = if sign == b'+' { offset } else { -offset };
    second != 60 || utc(offset) == 23 * 60 + 59
}

/// `local@domain`: a dot-atom (or quoted) local part of at most 64 characters, and a host name
/// (or an `[IPv4]`/`[IPv6:…]` literal).
fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    is_local_part(local) && is_domain(domain)
}

fn is_local_part(local: &str) -> bool {
    if local.is_empty() || local.len() > 64 {
        return false;
    }
    if let Some(quoted) = local
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
    {
        return quoted
            .bytes()
            .all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\');
    }
    const SPECIALS: &[u8] = b"!#$%&'*+-/=?^_`{|}~";
    local.split('.').all(|atom| {
        !atom.is_empty()
            && atom
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || SPECIALS.contains(&b))
    })
}

fn is_domain(domain: &str) -> bool {
    if let Some(literal) = domain
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
    {
        return match literal.get(..5) {
            Some(tag) if tag.eq_ignore_ascii_case("IPv6:") => {
                literal[5..].parse::<std::net::Ipv6Addr>().is_ok()
            }
            _ => literal.parse::<std::net::Ipv4Addr>().is_ok(),
        };
    }
    let domain = domain.strip_suffix('.').unwrap_or(domain);
    !domain.is_empty()
        && domain.len() <= 253
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_days_of_the_calendar() {
        assert!(is_date("2024-02-29"));
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-1-01",
            "2024/01/01",
            "",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    #[test]
    fn date_times_need_an_offset() {
        for good in [
            "2024-07-17T21:59:51Z",
            "2024-07-17t21:59:51.123-03:00",
            "2016-12-31T23:59:60Z",
            "2016-12-31T20:59:60-03:00",
        ] {
            assert!(is_date_time(good), "{good}");
        }
        for bad in [
            "2024-07-17T21:59:51",
            "2024-07-17 21:59:51Z",
            "2024-07-17T24:00:00Z",
            "2024-07-17T21:59:51.Z",
            "2024-07-17T21:59:60Z",
            "2024-07-17T21:59:51+3:00",
            "2024-02-30T21:59:51Z",
        ] {
            assert!(!is_date_time(bad), "{bad}");
        }
    }

    #[test]
    fn emails_have_a_local_part_and_a_host() {
        for good in ["juan@example.com", "a.b+c@sub.example.ar", "x@[127.0.0.1]"] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "juan",
            "@example.com",
            "juan@",
            "a..b@example.com",
            "juan@-x.com",
            "juan@ex ample.com",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
