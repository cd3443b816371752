//! `date`, `time` and `datetime` through chrono. Times and date-times keep the text they were
//! read from: `Z` and `+00:00`, `.5` and `.500` are the same instant but not the same
//! document, and a round trip must not change a document. Values built in code are written in
//! the canonical form.

use std::fmt;
use std::str::FromStr;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_with::{DeserializeAs, SerializeAs};

use super::{read, InvalidText};
use crate::formats;

/// `date`: RFC 3339 `full-date` (`"2024-02-29"`).
pub struct Date;

impl SerializeAs<chrono::NaiveDate> for Date {
    fn serialize_as<S: Serializer>(
        value: &chrono::NaiveDate,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&value.format("%Y-%m-%d"))
    }
}

impl<'de> DeserializeAs<'de, chrono::NaiveDate> for Date {
    fn deserialize_as<D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<chrono::NaiveDate, D::Error> {
        read(deserializer, "date", formats::is_date, |text| {
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
        })
    }
}

/// A time of day from text [`formats::is_time`] accepts (a leap second as chrono represents
/// it: second 59 plus a whole second of nanoseconds).
fn parse_time(text: &str) -> Option<chrono::NaiveTime> {
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<u32>().ok();
    let (hour, minute, second) = (number(0..2)?, number(3..5)?, number(6..8)?);
    let digits = text.get(9..).unwrap_or("");
    // Nanoseconds from the first nine fraction digits; finer digits cannot be held.
    let nanos = digits
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(9)
        .try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })?;
    if second == 60 {
        chrono::NaiveTime::from_hms_nano_opt(hour, minute, 59, 1_000_000_000 + nanos)
    } else {
        chrono::NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)
    }
}

/// `HH:MM:SS` and the fraction without trailing zeros (none when it is zero).
fn write_time(time: &chrono::NaiveTime, out: &mut String) {
    use chrono::Timelike;
    let (second, nanos) = match time.nanosecond() {
        n if n >= 1_000_000_000 => (60, n - 1_000_000_000),
        n => (time.second(), n),
    };
    out.push_str(&format!(
        "{:02}:{:02}:{second:02}",
        time.hour(),
        time.minute()
    ));
    if nanos > 0 {
        out.push_str(format!(".{nanos:09}").trim_end_matches('0'));
    }
}

fn parse_datetime(text: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let date = chrono::NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()?;
    let rest = text.get(11..)?;
    let split = rest.find(['Z', 'z', '+', '-'])?;
    let time = parse_time(&rest[..split])?;
    let offset = match &rest[split..] {
        "Z" | "z" => 0,
        sign_hh_mm => {
            let hours: i32 = sign_hh_mm.get(1..3)?.parse().ok()?;
            let minutes: i32 = sign_hh_mm.get(4..6)?.parse().ok()?;
            let seconds = (hours * 60 + minutes) * 60;
            if sign_hh_mm.starts_with('-') {
                -seconds
            } else {
                seconds
            }
        }
    };
    let offset = chrono::FixedOffset::east_opt(offset)?;
    date.and_time(time).and_local_timezone(offset).single()
}

fn write_datetime(value: &chrono::DateTime<chrono::FixedOffset>, text: &mut String) {
    let local = value.naive_local();
    text.push_str(&local.date().format("%Y-%m-%dT").to_string());
    write_time(&local.time(), text);
    match value.offset().local_minus_utc() {
        0 => text.push('Z'),
        seconds => {
            let sign = if seconds < 0 { '-' } else { '+' };
            let minutes = seconds.abs() / 60;
            text.push_str(&format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60));
        }
    }
}

/// Time types that keep their text: the chrono value and the text it was read from.
macro_rules! kept_text {
    ($($(#[$doc:meta])* $ty:ident($value:ty), $what:literal, $check:path, $parse:path, $write:path;)*) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone)]
            pub struct $ty {
                value: $value,
                text: String,
            }

            impl $ty {
                /// The value.
                pub fn value(&self) -> $value {
                    self.value
                }

                /// The text, as written in JSON.
                pub fn as_str(&self) -> &str {
                    &self.text
                }
            }

            impl From<$value> for $ty {
                fn from(value: $value) -> Self {
                    let mut text = String::new();
                    $write(&value, &mut text);
                    Self { value, text }
                }
            }

            impl PartialEq for $ty {
                fn eq(&self, other: &Self) -> bool {
                    self.value == other.value
                }
            }

            impl Eq for $ty {}

            /// Hashes the value, as equality compares it (not the text it was written as).
            impl std::hash::Hash for $ty {
                fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                    self.value.hash(state);
                }
            }

            impl FromStr for $ty {
                type Err = InvalidText;

                fn from_str(text: &str) -> Result<Self, InvalidText> {
                    let invalid = || InvalidText::new($what, text);
                    if !$check(text) {
                        return Err(invalid());
                    }
                    let value = $parse(text).ok_or_else(invalid)?;
                    Ok(Self { value, text: text.to_owned() })
                }
            }

            impl fmt::Display for $ty {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str(&self.text)
                }
            }

            impl Serialize for $ty {
                fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(&self.text)
                }
            }

            impl<'de> Deserialize<'de> for $ty {
                fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    String::deserialize(deserializer)?.parse().map_err(D::Error::custom)
                }
            }
        )*
    };
}

kept_text! {
    /// `time`: `HH:MM:SS[.fraction]` without an offset (`"09:00:00"`). Keeps the text it was
    /// read from; built from a `NaiveTime` it is written with the fraction's trailing zeros
    /// dropped.
    Time(chrono::NaiveTime), "time", formats::is_time, parse_time, write_time;
    /// `datetime`: an RFC 3339 date-time with its offset (`"2024-01-15T10:30:00Z"`). Keeps the
    /// text it was read from; built from a chrono value it is written with `Z` for a zero
    /// offset and the fraction's trailing zeros dropped. Equality is chrono's: the same instant.
    DateTime(chrono::DateTime<chrono::FixedOffset>), "date-time", formats::is_datetime, parse_datetime, write_datetime;
}
