//! The shapes of the string-encoded types: a JSON string in the type's text form (checked by
//! the same [`formats`](crate::formats) functions, or decoder, the wire adapters use), then the
//! schema's checks of the text.

use super::checker::Checker;
use super::shape::{Expected, Shape};
use super::violation_code::ViolationCode;
use crate::formats;

/// One shape per string-encoded type: its name, what a value of another JSON type is told,
/// and the check of the text (`Ok` or the code and message of the violation).
macro_rules! text_shapes {
    ($($(#[$doc:meta])* $shape:ident, $expected:expr, $check:expr;)*) => {
        $(
            $(#[$doc])*
            #[derive(Clone, Copy)]
            pub struct $shape(pub fn(&mut Checker, &str));

            impl Shape for $shape {
                const EXPECTED: Expected = $expected;

                fn on_str(self, c: &mut Checker, value: &str) {
                    let check: fn(&str) -> Result<(), (ViolationCode, String)> = $check;
                    match check(value) {
                        Ok(()) => (self.0)(c, value),
                        Err((code, message)) => c.report(code, message),
                    }
                }
            }
        )*
    };
}

/// An integer written as a string, in the range of `T` (named `name`).
fn integer<T: std::str::FromStr>(value: &str, name: &str) -> Result<(), (ViolationCode, String)> {
    if !formats::is_integer_text(value) {
        Err((
            ViolationCode::IntegerExpected,
            format!("Value must be an integer written as a string, found {value:?}"),
        ))
    } else if value.parse::<T>().is_err() {
        Err((
            ViolationCode::IntRangeInvalid,
            format!("Value {value} is not a valid {name}"),
        ))
    } else {
        Ok(())
    }
}

/// `Ok` when `valid`, else the violation `code` with `message`.
fn form(
    valid: bool,
    code: ViolationCode,
    message: impl FnOnce() -> String,
) -> Result<(), (ViolationCode, String)> {
    if valid {
        Ok(())
    } else {
        Err((code, message()))
    }
}

text_shapes! {
    /// An `int64` value and its checks.
    IsI64, (ViolationCode::StringExpected, "Value must be a string (int64 is written as a JSON string)"),
        |v| integer::<i64>(v, "int64");
    /// A `uint64` value and its checks.
    IsU64, (ViolationCode::StringExpected, "Value must be a string (uint64 is written as a JSON string)"),
        |v| integer::<u64>(v, "uint64");
    /// An `int128` value and its checks.
    IsI128, (ViolationCode::StringExpected, "Value must be a string (int128 is written as a JSON string)"),
        |v| integer::<i128>(v, "int128");
    /// A `uint128` value and its checks.
    IsU128, (ViolationCode::StringExpected, "Value must be a string (uint128 is written as a JSON string)"),
        |v| integer::<u128>(v, "uint128");
    /// A `decimal` value and its checks.
    IsDecimal, (ViolationCode::StringExpected, "Value must be a string (decimal is written as a JSON string)"),
        |v| form(formats::is_decimal_text(v), ViolationCode::DecimalExpected, || format!("Value must be a valid decimal, found {v:?}"));
    /// A `date` value and its checks.
    IsDate, (ViolationCode::DateExpected, "Date must be a string"),
        |v| form(formats::is_date(v), ViolationCode::DateFormatInvalid, || format!("Invalid date format: {v}"));
    /// A `datetime` value and its checks.
    IsDateTime, (ViolationCode::DatetimeExpected, "DateTime must be a string"),
        |v| form(formats::is_datetime(v), ViolationCode::DatetimeFormatInvalid, || format!("Invalid datetime format: {v}"));
    /// A `time` value and its checks.
    IsTime, (ViolationCode::TimeExpected, "Time must be a string"),
        |v| form(formats::is_time(v), ViolationCode::TimeFormatInvalid, || format!("Invalid time format: {v}"));
    /// A `duration` value and its checks.
    IsDuration, (ViolationCode::DurationExpected, "Duration must be a string"),
        |v| form(formats::is_duration(v), ViolationCode::DurationFormatInvalid, || format!("Invalid duration format: {v}"));
    /// A `uuid` value and its checks.
    IsUuid, (ViolationCode::UuidExpected, "UUID must be a string"),
        |v| form(formats::is_uuid(v), ViolationCode::UuidFormatInvalid, || format!("Invalid UUID format: {v}"));
    /// A `uri` value and its checks.
    IsUri, (ViolationCode::UriExpected, "URI must be a string"),
        |v| form(formats::is_uri_reference(v), ViolationCode::UriFormatInvalid, || format!("Invalid URI format: {v}"));
    /// A `jsonpointer` value and its checks.
    IsJsonPointer, (ViolationCode::JsonpointerExpected, "JSON Pointer must be a string"),
        |v| form(formats::is_json_pointer(v), ViolationCode::JsonpointerFormatInvalid, || format!("Invalid JSON Pointer format: {v}"));
}

#[cfg(feature = "binary")]
text_shapes! {
    /// A `binary` value in base64 and its checks.
    IsBase64, (ViolationCode::BinaryExpected, "Binary must be a string"),
        |v| form(data_encoding::BASE64.decode(v.as_bytes()).is_ok(), ViolationCode::BinaryEncodingInvalid, || "Invalid base64 encoding".into());
    /// A `binary` value in base64url and its checks.
    IsBase64Url, (ViolationCode::BinaryExpected, "Binary must be a string"),
        |v| form(data_encoding::BASE64URL.decode(v.as_bytes()).is_ok(), ViolationCode::BinaryEncodingInvalid, || "Invalid base64url encoding".into());
    /// A `binary` value in base16 and its checks.
    IsBase16, (ViolationCode::BinaryExpected, "Binary must be a string"),
        |v| form(data_encoding::HEXUPPER_PERMISSIVE.decode(v.as_bytes()).is_ok(), ViolationCode::BinaryEncodingInvalid, || "Invalid base16 encoding".into());
    /// A `binary` value in base32 and its checks.
    IsBase32, (ViolationCode::BinaryExpected, "Binary must be a string"),
        |v| form(data_encoding::BASE32.decode(v.as_bytes()).is_ok(), ViolationCode::BinaryEncodingInvalid, || "Invalid base32 encoding".into());
    /// A `binary` value in base32hex and its checks.
    IsBase32Hex, (ViolationCode::BinaryExpected, "Binary must be a string"),
        |v| form(data_encoding::BASE32HEX.decode(v.as_bytes()).is_ok(), ViolationCode::BinaryEncodingInvalid, || "Invalid base32hex encoding".into());
}
