//! How the string-encoded types are written in JSON. The model holds plain Rust values (`i64`,
//! `BigDecimal`, `NaiveDate`, `Vec<u8>`, ...); fields of those types go through the adapters
//! here (`#[serde_as(as = "jstruct_runtime::wire::Integer")]`), which write exactly the text
//! form Core specifies and read nothing else. Text is judged by [`formats`], as in validators.

use std::fmt;
use std::str::FromStr;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_with::{DeserializeAs, SerializeAs};

use crate::formats;

/// A JSON string in the given text form that parses to a value.
fn read<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    what: &str,
    form: fn(&str) -> bool,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Result<T, D::Error> {
    let text = String::deserialize(deserializer)?;
    if !form(&text) {
        return Err(D::Error::custom(format_args!("invalid {what}: {text:?}")));
    }
    parse(&text).ok_or_else(|| D::Error::custom(format_args!("{what} out of range: {text:?}")))
}

/// `int64`, `uint64`, `int128`, `uint128`: decimal digits in a JSON string (`"-42"`). A JSON
/// number is rejected, as Core specifies the string form.
pub struct Integer;

impl<T: fmt::Display> SerializeAs<T> for Integer {
    fn serialize_as<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }
}

impl<'de, T: FromStr> DeserializeAs<'de, T> for Integer {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        read(deserializer, "integer", formats::is_integer_text, |text| {
            text.parse().ok()
        })
    }
}

/// `decimal`: `[-]digits[.digits]` in a JSON string, every digit kept (`"150.00"` stays
/// `"150.00"`); never in exponent notation.
#[cfg(feature = "decimal")]
pub struct Decimal;

#[cfg(feature = "decimal")]
impl SerializeAs<bigdecimal::BigDecimal> for Decimal {
    fn serialize_as<S: Serializer>(
        value: &bigdecimal::BigDecimal,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&value.to_plain_string())
    }
}

#[cfg(feature = "decimal")]
impl<'de> DeserializeAs<'de, bigdecimal::BigDecimal> for Decimal {
    fn deserialize_as<D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<bigdecimal::BigDecimal, D::Error> {
        read(deserializer, "decimal", formats::is_decimal_text, |text| {
            text.parse().ok()
        })
    }
}

/// `uuid`: the RFC 9562 hyphenated form; written in lower case.
#[cfg(feature = "uuid")]
pub struct Uuid;

#[cfg(feature = "uuid")]
impl SerializeAs<uuid::Uuid> for Uuid {
    fn serialize_as<S: Serializer>(value: &uuid::Uuid, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&value.hyphenated())
    }
}

#[cfg(feature = "uuid")]
impl<'de> DeserializeAs<'de, uuid::Uuid> for Uuid {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<uuid::Uuid, D::Error> {
        read(deserializer, "UUID", formats::is_uuid, |text| {
            uuid::Uuid::parse_str(text).ok()
        })
    }
}

#[cfg(feature = "chrono")]
mod times;
#[cfg(feature = "chrono")]
pub use times::{Date, DateTime, Time};

#[cfg(feature = "binary")]
mod binary;
#[cfg(feature = "binary")]
pub use binary::{Base16, Base32, Base32Hex, Base64, Base64Url};

/// Text that is not in the form its type requires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidText {
    what: &'static str,
    text: String,
}

impl InvalidText {
    fn new(what: &'static str, text: &str) -> Self {
        InvalidText {
            what,
            text: text.to_owned(),
        }
    }
}

impl fmt::Display for InvalidText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}: {:?}", self.what, self.text)
    }
}

impl std::error::Error for InvalidText {}

/// Checked text types: kept as the text they were read from, which is in their form.
macro_rules! checked_text {
    ($($(#[$doc:meta])* $ty:ident, $what:literal, $check:path;)*) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
            pub struct $ty(String);

            impl $ty {
                /// The text, as written in JSON.
                pub fn as_str(&self) -> &str {
                    &self.0
                }
            }

            impl FromStr for $ty {
                type Err = InvalidText;

                fn from_str(text: &str) -> Result<Self, InvalidText> {
                    if $check(text) {
                        Ok(Self(text.to_owned()))
                    } else {
                        Err(InvalidText::new($what, text))
                    }
                }
            }

            impl fmt::Display for $ty {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str(&self.0)
                }
            }

            impl Serialize for $ty {
                fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(&self.0)
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

checked_text! {
    /// `duration`: an ISO 8601 duration as RFC 3339 writes it (`"P1DT2H"`, `"PT0.5S"`, `"P2W"`).
    /// Kept as text: calendar units have no fixed length.
    Duration, "duration", formats::is_duration;
    /// `uri`: an RFC 3986 URI reference (absolute or relative), checked for its syntax.
    Uri, "uri", formats::is_uri_reference;
    /// `jsonpointer`: an RFC 6901 JSON Pointer (or its `#` fragment form).
    JsonPointer, "jsonpointer", formats::is_json_pointer;
}

/// An optional, nullable property: absent is `None`, `null` is `Some(None)`, so both survive a
/// round trip. (Plain `Option<Option<T>>` would read `null` as absent.)
pub struct DoubleOption<S>(std::marker::PhantomData<S>);

impl<T, S: SerializeAs<T>> SerializeAs<Option<Option<T>>> for DoubleOption<S> {
    fn serialize_as<Ser: Serializer>(
        value: &Option<Option<T>>,
        serializer: Ser,
    ) -> Result<Ser::Ok, Ser::Error> {
        match value {
            Some(Some(inner)) => {
                serializer.serialize_some(&serde_with::ser::SerializeAsWrap::<T, S>::new(inner))
            }
            _ => serializer.serialize_none(),
        }
    }
}

impl<'de, T, S: DeserializeAs<'de, T>> DeserializeAs<'de, Option<Option<T>>> for DoubleOption<S> {
    fn deserialize_as<D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        <Option<S> as DeserializeAs<'de, Option<T>>>::deserialize_as(deserializer).map(Some)
    }
}

/// An optional property of type `null`: absent is `None`, `null` is `Some(())`.
pub struct PresentNull;

impl SerializeAs<Option<()>> for PresentNull {
    fn serialize_as<S: Serializer>(_: &Option<()>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit()
    }
}

impl<'de> DeserializeAs<'de, Option<()>> for PresentNull {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Option<()>, D::Error> {
        <()>::deserialize(deserializer).map(Some)
    }
}

#[cfg(test)]
mod tests;
