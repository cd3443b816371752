//! `src/wire.rs` and `src/formats.rs`: how the string-encoded types are written in JSON. The model
//! holds plain Rust values (`i64`, `BigDecimal`, `NaiveDate`, `Vec<u8>`, ...); fields of those
//! types go through the adapters here (`#[serde_as(as = "crate::wire::Integer")]`), which write
//! exactly the text form Core specifies and read nothing else. `formats.rs` is the generator's
//! own text-form checker, copied verbatim, so schema values and instance values are judged alike.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{BinaryEncoding, Field, Ir, Presence, Scalar, TypeKind, TypeRef};

/// The source of `src/formats.rs`.
pub const FORMATS: &str = include_str!("../runtime/formats.rs");

/// The Rust type of a scalar carried as a JSON string.
pub fn rust_type(s: Scalar) -> TokenStream {
    match s {
        Scalar::I64 => quote!(i64),
        Scalar::U64 => quote!(u64),
        Scalar::I128 => quote!(i128),
        Scalar::U128 => quote!(u128),
        Scalar::Decimal => quote!(bigdecimal::BigDecimal),
        Scalar::Date => quote!(chrono::NaiveDate),
        Scalar::DateTime => quote!(crate::wire::DateTime),
        Scalar::Time => quote!(crate::wire::Time),
        Scalar::Uuid => quote!(uuid::Uuid),
        Scalar::Binary(_) => quote!(Vec<u8>),
        Scalar::Duration => quote!(crate::wire::Duration),
        Scalar::Uri => quote!(crate::wire::Uri),
        Scalar::JsonPointer => quote!(crate::wire::JsonPointer),
        other => unreachable!("{other:?} is not string-encoded"),
    }
}

/// The adapter (`serde_as` type) of a scalar whose Rust type is not serialized as its wire form
/// by itself. The newtypes (`Duration`, `Uri`, `JsonPointer`) serialize themselves.
fn adapter(s: Scalar) -> Option<&'static str> {
    Some(match s {
        Scalar::I64 | Scalar::U64 | Scalar::I128 | Scalar::U128 => "crate::wire::Integer",
        Scalar::Decimal => "crate::wire::Decimal",
        Scalar::Date => "crate::wire::Date",
        Scalar::Uuid => "crate::wire::Uuid",
        Scalar::Binary(e) => binary_adapter(e).1,
        _ => return None,
    })
}

fn binary_adapter(e: BinaryEncoding) -> (&'static str, &'static str, &'static str) {
    // (adapter name, path, data-encoding constant)
    match e {
        BinaryEncoding::Base64 => ("Base64", "crate::wire::Base64", "BASE64"),
        BinaryEncoding::Base64Url => ("Base64Url", "crate::wire::Base64Url", "BASE64URL"),
        BinaryEncoding::Base16 => ("Base16", "crate::wire::Base16", "HEXUPPER_PERMISSIVE"),
        BinaryEncoding::Base32 => ("Base32", "crate::wire::Base32", "BASE32"),
        BinaryEncoding::Base32Hex => ("Base32Hex", "crate::wire::Base32Hex", "BASE32HEX"),
    }
}

/// A `Vec<u8>` expression for a `binary` default written in `encoding` (checked by resolve).
pub fn binary_literal(encoding: BinaryEncoding, text: &str) -> TokenStream {
    let constant = super::ident(binary_adapter(encoding).2);
    let bytes = proc_macro2::Literal::byte_string(text.as_bytes());
    quote!(data_encoding::#constant.decode(#bytes).expect("the generator checked this default"))
}

/// An optional property of a nullable type: `Option<Option<T>>`, absent being the outer `None`
/// and `null` the inner one.
pub fn is_double_option(f: &Field) -> bool {
    f.is_optional() && matches!(f.ty, TypeRef::Nullable(_))
}

/// An optional property of type `null`: `Option<()>`, present (`null`) being `Some(())`.
fn is_present_null(f: &Field) -> bool {
    f.is_optional() && f.ty == TypeRef::Scalar(Scalar::Null)
}

/// The `serde_as` type of a field, given the adapter of its type.
pub fn field_serde_as(ir: &Ir, f: &Field) -> Option<String> {
    let adapter = serde_as(ir, &f.ty);
    if is_present_null(f) {
        return Some("crate::wire::PresentNull".into());
    }
    if is_double_option(f) {
        let TypeRef::Nullable(inner) = &f.ty else {
            unreachable!("checked by is_double_option")
        };
        let inner = serde_as(ir, inner).unwrap_or_else(|| "_".into());
        return Some(format!("crate::wire::DoubleOption<{inner}>"));
    }
    match f.presence {
        Presence::Required => adapter,
        _ => adapter.map(|a| format!("Option<{a}>")),
    }
}

/// The `serde_as` type for a field of type `ty`, when some part of it needs an adapter
/// (`Option<Vec<crate::wire::Integer>>`); `None` when serde's own impls write the wire form.
pub fn serde_as(ir: &Ir, ty: &TypeRef) -> Option<String> {
    match ty {
        TypeRef::Scalar(s) => adapter(*s).map(str::to_owned),
        TypeRef::Vec(inner) => serde_as(ir, inner).map(|a| format!("Vec<{a}>")),
        TypeRef::Map(inner) => {
            serde_as(ir, inner).map(|a| format!("::std::collections::BTreeMap<_, {a}>"))
        }
        TypeRef::Boxed(inner) => serde_as(ir, inner).map(|a| format!("Box<{a}>")),
        TypeRef::Nullable(inner) => serde_as(ir, inner).map(|a| format!("Option<{a}>")),
        // An alias is the same Rust type, so its fields need the same adapter.
        TypeRef::Named(id) => match &ir.get(*id).kind {
            TypeKind::Alias(inner) => serde_as(ir, inner),
            _ => None,
        },
    }
}

/// What the crate needs from the string-encoded types.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    /// The `wire` module and `serde_with`: a string-encoded type or an optional nullable field.
    pub wire: bool,
    /// A string-encoded type: the `formats` module.
    pub formats: bool,
    /// An optional property whose type is nullable: absent and `null` differ.
    pub double_option: bool,
    pub decimal: bool,
    pub chrono: bool,
    pub uuid: bool,
    pub binary: bool,
}

impl Needs {
    pub fn of(ir: &Ir) -> Self {
        let scalars = ir.scalars();
        let has = |f: fn(&Scalar) -> bool| scalars.iter().any(f);
        let double_option = ir.structs().any(|(_, s)| {
            s.fields
                .iter()
                .any(|f| is_double_option(f) || is_present_null(f))
        });
        Needs {
            wire: double_option || has(|s| s.is_string_encoded()),
            formats: has(|s| s.is_string_encoded()),
            double_option,
            decimal: has(|s| *s == Scalar::Decimal),
            chrono: has(|s| matches!(s, Scalar::Date | Scalar::DateTime | Scalar::Time)),
            uuid: has(|s| *s == Scalar::Uuid),
            binary: has(|s| matches!(s, Scalar::Binary(_))),
        }
    }
}

pub fn emit(ir: &Ir) -> TokenStream {
    let scalars = ir.scalars();
    let has = |s: Scalar| scalars.contains(&s);
    let integers = [Scalar::I64, Scalar::U64, Scalar::I128, Scalar::U128]
        .into_iter()
        .any(has)
        .then(|| {
            quote! {
                /// `int64`, `uint64`, `int128`, `uint128`: decimal digits in a JSON string (`"-42"`).
                /// A JSON number is rejected, as Core specifies the string form.
                pub struct Integer;

                impl<T: std::fmt::Display> SerializeAs<T> for Integer {
                    fn serialize_as<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
                        serializer.collect_str(value)
                    }
                }

                impl<'de, T: std::str::FromStr> DeserializeAs<'de, T> for Integer {
                    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
                        read(deserializer, "integer", formats::is_integer_text, |text| text.parse().ok())
                    }
                }
            }
        });
    let decimal = has(Scalar::Decimal).then(|| {
        quote! {
            /// `decimal`: `[-]digits[.digits]` in a JSON string, every digit kept (`"150.00"`
            /// stays `"150.00"`); never in exponent notation.
            pub struct Decimal;

            impl SerializeAs<bigdecimal::BigDecimal> for Decimal {
                fn serialize_as<S: Serializer>(value: &bigdecimal::BigDecimal, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(&value.to_plain_string())
                }
            }

            impl<'de> DeserializeAs<'de, bigdecimal::BigDecimal> for Decimal {
                fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<bigdecimal::BigDecimal, D::Error> {
                    read(deserializer, "decimal", formats::is_decimal_text, |text| text.parse().ok())
                }
            }
        }
    });
    let time_parts = (has(Scalar::Time) || has(Scalar::DateTime)).then(|| {
        quote! {
            /// A time of day from text [`formats::is_time`] accepts (a leap second as chrono
            /// represents it: second 59 plus a whole second of nanoseconds).
            fn parse_time(text: &str) -> Option<chrono::NaiveTime> {
                let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<u32>().ok();
                let (hour, minute, second) = (number(0..2)?, number(3..5)?, number(6..8)?);
                let digits = text.get(9..).unwrap_or("");
                // Nanoseconds from the first nine fraction digits; finer digits cannot be held.
                let nanos = digits.bytes().chain(std::iter::repeat(b'0')).take(9).try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))?;
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
                out.push_str(&format!("{:02}:{:02}:{second:02}", time.hour(), time.minute()));
                if nanos > 0 {
                    out.push_str(format!(".{nanos:09}").trim_end_matches('0'));
                }
            }
        }
    });
    let date = has(Scalar::Date).then(|| {
        quote! {
            /// `date`: RFC 3339 `full-date` (`"2024-02-29"`).
            pub struct Date;

            impl SerializeAs<chrono::NaiveDate> for Date {
                fn serialize_as<S: Serializer>(value: &chrono::NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.collect_str(&value.format("%Y-%m-%d"))
                }
            }

            impl<'de> DeserializeAs<'de, chrono::NaiveDate> for Date {
                fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<chrono::NaiveDate, D::Error> {
                    read(deserializer, "date", formats::is_date, |text| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
                }
            }
        }
    });
    // Times and date-times keep the text they were read from: `Z` and `+00:00`, `.5` and
    // `.500` are the same instant but not the same document, and a round trip must not change
    // a document. Values built in code are written in the canonical form.
    let kept = [
        (Scalar::Time, "Time", "chrono::NaiveTime", "time", "is_time", "parse_time", "write_time", " `time`: `HH:MM:SS[.fraction]` without an offset (`\"09:00:00\"`). Keeps the text it was read from; built from a `NaiveTime` it is written with the fraction's trailing zeros dropped."),
        (Scalar::DateTime, "DateTime", "chrono::DateTime<chrono::FixedOffset>", "date-time", "is_datetime", "parse_datetime", "write_datetime", " `datetime`: an RFC 3339 date-time with its offset (`\"2024-01-15T10:30:00Z\"`). Keeps the text it was read from; built from a chrono value it is written with `Z` for a zero offset and the fraction's trailing zeros dropped. Equality is chrono's: the same instant."),
    ]
    .into_iter()
    .filter(|(s, ..)| has(*s))
    .map(|(_, name, value_ty, what, check, parse, write, doc)| {
        let ty = super::ident(name);
        let value_ty: TokenStream = value_ty.parse().expect("a Rust type");
        let (check, parse, write) = (super::ident(check), super::ident(parse), super::ident(write));
        quote! {
            #[doc = #doc]
            #[derive(Debug, Clone)]
            pub struct #ty {
                value: #value_ty,
                text: String,
            }

            impl #ty {
                /// The value.
                pub fn value(&self) -> #value_ty {
                    self.value
                }

                /// The text, as written in JSON.
                pub fn as_str(&self) -> &str {
                    &self.text
                }
            }

            impl From<#value_ty> for #ty {
                fn from(value: #value_ty) -> Self {
                    let mut text = String::new();
                    #write(&value, &mut text);
                    Self { value, text }
                }
            }

            impl PartialEq for #ty {
                fn eq(&self, other: &Self) -> bool {
                    self.value == other.value
                }
            }

            impl std::str::FromStr for #ty {
                type Err = InvalidText;

                fn from_str(text: &str) -> Result<Self, InvalidText> {
                    let invalid = || InvalidText { what: #what, text: text.to_owned() };
                    if !formats::#check(text) {
                        return Err(invalid());
                    }
                    let value = #parse(text).ok_or_else(invalid)?;
                    Ok(Self { value, text: text.to_owned() })
                }
            }

            impl std::fmt::Display for #ty {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(&self.text)
                }
            }

            impl serde::Serialize for #ty {
                fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(&self.text)
                }
            }

            impl<'de> serde::Deserialize<'de> for #ty {
                fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let text = <String as serde::Deserialize>::deserialize(deserializer)?;
                    text.parse().map_err(D::Error::custom)
                }
            }
        }
    });
    let kept: Vec<_> = kept.collect();
    let datetime_parts = has(Scalar::DateTime).then(|| {
        quote! {
            fn parse_datetime(text: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
                let date = chrono::NaiveDate::parse_from_str(&text[..10], "%Y-%m-%d").ok()?;
                let rest = &text[11..];
                let split = rest.find(['Z', 'z', '+', '-'])?;
                let time = parse_time(&rest[..split])?;
                let offset = match &rest[split..] {
                    "Z" | "z" => 0,
                    sign_hh_mm => {
                        let hours: i32 = sign_hh_mm[1..3].parse().ok()?;
                        let minutes: i32 = sign_hh_mm[4..6].parse().ok()?;
                        let seconds = (hours * 60 + minutes) * 60;
                        if sign_hh_mm.starts_with('-') { -seconds } else { seconds }
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
        }
    });
    let uuid = has(Scalar::Uuid).then(|| {
        quote! {
            /// `uuid`: the RFC 9562 hyphenated form; written in lower case.
            pub struct Uuid;

            impl SerializeAs<uuid::Uuid> for Uuid {
                fn serialize_as<S: Serializer>(value: &uuid::Uuid, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.collect_str(&value.hyphenated())
                }
            }

            impl<'de> DeserializeAs<'de, uuid::Uuid> for Uuid {
                fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<uuid::Uuid, D::Error> {
                    read(deserializer, "UUID", formats::is_uuid, |text| uuid::Uuid::parse_str(text).ok())
                }
            }
        }
    });
    let binaries = BinaryEncoding::ALL.iter().filter(|(e, _)| has(Scalar::Binary(*e))).map(|(e, name)| {
        let (adapter, _, constant) = binary_adapter(*e);
        let adapter = super::ident(adapter);
        let constant = super::ident(constant);
        let doc = format!(" `binary` with `contentEncoding` `{name}`.");
        let message = format!("invalid {name} value: {{e}}");
        quote! {
            #[doc = #doc]
            pub struct #adapter;

            impl SerializeAs<Vec<u8>> for #adapter {
                fn serialize_as<S: Serializer>(value: &Vec<u8>, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(&data_encoding::#constant.encode(value))
                }
            }

            impl<'de> DeserializeAs<'de, Vec<u8>> for #adapter {
                fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
                    let text = <String as serde::Deserialize>::deserialize(deserializer)?;
                    data_encoding::#constant.decode(text.as_bytes()).map_err(|e| D::Error::custom(format_args!(#message)))
                }
            }
        }
    });
    let binaries: Vec<_> = binaries.collect();
    let newtypes = [
        (Scalar::Duration, "Duration", "is_duration", " `duration`: an ISO 8601 duration as RFC 3339 writes it (`\"P1DT2H\"`, `\"PT0.5S\"`, `\"P2W\"`). Kept as text: calendar units have no fixed length."),
        (Scalar::Uri, "Uri", "is_uri_reference", " `uri`: an RFC 3986 URI reference (absolute or relative), checked for its syntax."),
        (Scalar::JsonPointer, "JsonPointer", "is_json_pointer", " `jsonpointer`: an RFC 6901 JSON Pointer (or its `#` fragment form)."),
    ]
    .into_iter()
    .filter(|(s, ..)| has(*s))
    .map(|(_, name, check, doc)| {
        let ty = super::ident(name);
        let check = super::ident(check);
        let what = name.to_lowercase();
        quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
            pub struct #ty(String);

            impl #ty {
                /// The text, as written in JSON.
                pub fn as_str(&self) -> &str {
                    &self.0
                }
            }

            impl std::str::FromStr for #ty {
                type Err = InvalidText;

                fn from_str(text: &str) -> Result<Self, InvalidText> {
                    if formats::#check(text) {
                        Ok(Self(text.to_owned()))
                    } else {
                        Err(InvalidText { what: #what, text: text.to_owned() })
                    }
                }
            }

            impl std::fmt::Display for #ty {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(&self.0)
                }
            }

            impl serde::Serialize for #ty {
                fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(&self.0)
                }
            }

            impl<'de> serde::Deserialize<'de> for #ty {
                fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let text = <String as serde::Deserialize>::deserialize(deserializer)?;
                    text.parse().map_err(D::Error::custom)
                }
            }
        }
    });
    let newtypes: Vec<_> = newtypes.collect();
    let invalid_text = (!newtypes.is_empty() || !kept.is_empty()).then(|| {
        quote! {
            /// Text that is not in the form its type requires.
            #[derive(Debug, Clone, PartialEq, Eq)]
            pub struct InvalidText {
                what: &'static str,
                text: String,
            }

            impl std::fmt::Display for InvalidText {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    write!(f, "invalid {}: {:?}", self.what, self.text)
                }
            }

            impl std::error::Error for InvalidText {}
        }
    });
    let adapters = integers.is_some() || decimal.is_some() || date.is_some() || uuid.is_some();
    let read = adapters.then(|| {
        quote! {
            /// A JSON string in the given text form that parses to a value.
            fn read<'de, D: Deserializer<'de>, T>(deserializer: D, what: &str, form: fn(&str) -> bool, parse: impl FnOnce(&str) -> Option<T>) -> Result<T, D::Error> {
                let text = <String as serde::Deserialize>::deserialize(deserializer)?;
                if !form(&text) {
                    return Err(D::Error::custom(format_args!("invalid {what}: {text:?}")));
                }
                parse(&text).ok_or_else(|| D::Error::custom(format_args!("{what} out of range: {text:?}")))
            }
        }
    });
    let double_option = Needs::of(ir).double_option.then(|| {
        quote! {
            /// An optional, nullable property: absent is `None`, `null` is `Some(None)`, so both
            /// survive a round trip. (Plain `Option<Option<T>>` would read `null` as absent.)
            pub struct DoubleOption<S>(std::marker::PhantomData<S>);

            impl<T, S: SerializeAs<T>> SerializeAs<Option<Option<T>>> for DoubleOption<S> {
                fn serialize_as<Ser: Serializer>(value: &Option<Option<T>>, serializer: Ser) -> Result<Ser::Ok, Ser::Error> {
                    match value {
                        Some(Some(inner)) => serializer.serialize_some(&serde_with::ser::SerializeAsWrap::<T, S>::new(inner)),
                        _ => serializer.serialize_none(),
                    }
                }
            }

            impl<'de, T, S: DeserializeAs<'de, T>> DeserializeAs<'de, Option<Option<T>>> for DoubleOption<S> {
                fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Option<Option<T>>, D::Error> {
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
                    <() as serde::Deserialize>::deserialize(deserializer).map(Some)
                }
            }
        }
    });
    let uses_adapters = (adapters || !binaries.is_empty() || double_option.is_some()).then(|| {
        quote!(
            use serde_with::{DeserializeAs, SerializeAs};
        )
    });
    let uses_formats = (adapters || !newtypes.is_empty() || !kept.is_empty()).then(|| {
        quote!(
            use crate::formats;
        )
    });
    quote! {
        use serde::de::Error as _;
        use serde::{Deserializer, Serializer};
        #uses_adapters

        #uses_formats

        #read
        #integers
        #decimal
        #time_parts
        #date
        #datetime_parts
        #(#kept)*
        #uuid
        #(#binaries)*
        #invalid_text
        #(#newtypes)*
        #double_option
    }
}
