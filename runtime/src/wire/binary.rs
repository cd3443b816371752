//! `binary` in each `contentEncoding`.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serializer};
use serde_with::{DeserializeAs, SerializeAs};

macro_rules! encodings {
    ($($(#[$doc:meta])* $adapter:ident, $encoding:path, $name:literal;)*) => {
        $(
            $(#[$doc])*
            pub struct $adapter;

            impl SerializeAs<Vec<u8>> for $adapter {
                fn serialize_as<S: Serializer>(value: &Vec<u8>, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(&$encoding.encode(value))
                }
            }

            impl<'de> DeserializeAs<'de, Vec<u8>> for $adapter {
                fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
                    let text = String::deserialize(deserializer)?;
                    $encoding
                        .decode(text.as_bytes())
                        .map_err(|e| D::Error::custom(format_args!(concat!("invalid ", $name, " value: {}"), e)))
                }
            }
        )*
    };
}

encodings! {
    /// `binary` with `contentEncoding` `base64` (the default).
    Base64, data_encoding::BASE64, "base64";
    /// `binary` with `contentEncoding` `base64url`.
    Base64Url, data_encoding::BASE64URL, "base64url";
    /// `binary` with `contentEncoding` `base16` (read in either case, written in upper case).
    Base16, data_encoding::HEXUPPER_PERMISSIVE, "base16";
    /// `binary` with `contentEncoding` `base32`.
    Base32, data_encoding::BASE32, "base32";
    /// `binary` with `contentEncoding` `base32hex`.
    Base32Hex, data_encoding::BASE32HEX, "base32hex";
}
