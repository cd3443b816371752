//! [`ViolationCode`]: what kind of violation a [`Violation`](super::Violation) is, as a value to match on.

use std::fmt;

/// Declares [`ViolationCode`] from one table: each variant, its text, and whether the SDK catalogue
/// (`sdk-error-messages.json`) defines it or this runtime adds it.
macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $text:literal, $origin:ident; )*) => {
        /// The kind of a violation: the JSON Structure SDK error catalogue's instance codes, and
        /// the few this runtime adds where the catalogue has none (see [`ViolationCode::in_catalogue`]).
        /// Written and read as its text (`"INSTANCE_REQUIRED_PROPERTY_MISSING"`); the variant
        /// docs are the catalogue's message templates.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ViolationCode {
            $( $(#[$doc])* $variant, )*
        }

        impl ViolationCode {
            /// Every code, catalogue order first, then this runtime's.
            pub const ALL: &'static [ViolationCode] = &[$(ViolationCode::$variant),*];

            /// The code's text, as the SDKs write it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(ViolationCode::$variant => $text,)*
                }
            }

            /// Whether the SDK catalogue defines this code (`false`: added by this runtime for a
            /// check the catalogue has no code for).
            pub const fn in_catalogue(self) -> bool {
                match self {
                    $(ViolationCode::$variant => codes!(@$origin),)*
                }
            }
        }
    };
    (@catalogue) => { true };
    (@ours) => { false };
}

codes! {
    /// Unable to resolve $root reference: `{refPath}`
    RootUnresolved = "INSTANCE_ROOT_UNRESOLVED", catalogue;
    /// Maximum validation depth (`{maxDepth}`) exceeded
    MaxDepthExceeded = "INSTANCE_MAX_DEPTH_EXCEEDED", catalogue;
    /// Schema 'false' rejects all values
    SchemaFalse = "INSTANCE_SCHEMA_FALSE", catalogue;
    /// Unable to resolve reference: `{refPath}`
    RefUnresolved = "INSTANCE_REF_UNRESOLVED", catalogue;
    /// Value must equal const value
    ConstMismatch = "INSTANCE_CONST_MISMATCH", catalogue;
    /// Value must be one of the enum values
    EnumMismatch = "INSTANCE_ENUM_MISMATCH", catalogue;
    /// Value must match at least one schema in anyOf
    AnyOfNoneMatched = "INSTANCE_ANY_OF_NONE_MATCHED", catalogue;
    /// Value must match exactly one schema in oneOf (matched `{matchCount}`)
    OneOfInvalidCount = "INSTANCE_ONE_OF_INVALID_COUNT", catalogue;
    /// Value must not match the schema in 'not'
    NotMatched = "INSTANCE_NOT_MATCHED", catalogue;
    /// Unknown type: `{typeName}`
    TypeUnknown = "INSTANCE_TYPE_UNKNOWN", catalogue;
    /// Value must be `{expectedType}`
    TypeMismatch = "INSTANCE_TYPE_MISMATCH", catalogue;
    /// Value must be null
    NullExpected = "INSTANCE_NULL_EXPECTED", catalogue;
    /// Value must be a boolean
    BooleanExpected = "INSTANCE_BOOLEAN_EXPECTED", catalogue;
    /// Value must be a string
    StringExpected = "INSTANCE_STRING_EXPECTED", catalogue;
    /// String length `{actualLength}` is less than minimum `{minLength}`
    StringMinLength = "INSTANCE_STRING_MIN_LENGTH", catalogue;
    /// String length `{actualLength}` exceeds maximum `{maxLength}`
    StringMaxLength = "INSTANCE_STRING_MAX_LENGTH", catalogue;
    /// String does not match pattern: `{pattern}`
    StringPatternMismatch = "INSTANCE_STRING_PATTERN_MISMATCH", catalogue;
    /// Invalid regex pattern: `{pattern}`
    PatternInvalid = "INSTANCE_PATTERN_INVALID", catalogue;
    /// String is not a valid email address
    FormatEmailInvalid = "INSTANCE_FORMAT_EMAIL_INVALID", catalogue;
    /// String is not a valid URI
    FormatUriInvalid = "INSTANCE_FORMAT_URI_INVALID", catalogue;
    /// String is not a valid URI reference
    FormatUriReferenceInvalid = "INSTANCE_FORMAT_URI_REFERENCE_INVALID", catalogue;
    /// String is not a valid date
    FormatDateInvalid = "INSTANCE_FORMAT_DATE_INVALID", catalogue;
    /// String is not a valid time
    FormatTimeInvalid = "INSTANCE_FORMAT_TIME_INVALID", catalogue;
    /// String is not a valid date-time
    FormatDatetimeInvalid = "INSTANCE_FORMAT_DATETIME_INVALID", catalogue;
    /// String is not a valid UUID
    FormatUuidInvalid = "INSTANCE_FORMAT_UUID_INVALID", catalogue;
    /// String is not a valid IPv4 address
    FormatIpv4Invalid = "INSTANCE_FORMAT_IPV4_INVALID", catalogue;
    /// String is not a valid IPv6 address
    FormatIpv6Invalid = "INSTANCE_FORMAT_IPV6_INVALID", catalogue;
    /// String is not a valid hostname
    FormatHostnameInvalid = "INSTANCE_FORMAT_HOSTNAME_INVALID", catalogue;
    /// Value must be a number
    NumberExpected = "INSTANCE_NUMBER_EXPECTED", catalogue;
    /// Value must be an integer
    IntegerExpected = "INSTANCE_INTEGER_EXPECTED", catalogue;
    /// Value `{value}` is not a valid `{typeName}`
    IntRangeInvalid = "INSTANCE_INT_RANGE_INVALID", catalogue;
    /// Value `{value}` is less than minimum `{minimum}`
    NumberMinimum = "INSTANCE_NUMBER_MINIMUM", catalogue;
    /// Value `{value}` exceeds maximum `{maximum}`
    NumberMaximum = "INSTANCE_NUMBER_MAXIMUM", catalogue;
    /// Value `{value}` must be greater than `{exclusiveMinimum}`
    NumberExclusiveMinimum = "INSTANCE_NUMBER_EXCLUSIVE_MINIMUM", catalogue;
    /// Value `{value}` must be less than `{exclusiveMaximum}`
    NumberExclusiveMaximum = "INSTANCE_NUMBER_EXCLUSIVE_MAXIMUM", catalogue;
    /// Value `{value}` is not a multiple of `{multipleOf}`
    NumberMultipleOf = "INSTANCE_NUMBER_MULTIPLE_OF", catalogue;
    /// Value must be an object
    ObjectExpected = "INSTANCE_OBJECT_EXPECTED", catalogue;
    /// Missing required property: `{propertyName}`
    RequiredPropertyMissing = "INSTANCE_REQUIRED_PROPERTY_MISSING", catalogue;
    /// Additional property not allowed: `{propertyName}`
    AdditionalPropertyNotAllowed = "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED", catalogue;
    /// Object has `{actualCount}` properties, minimum is `{minProperties}`
    MinProperties = "INSTANCE_MIN_PROPERTIES", catalogue;
    /// Object has `{actualCount}` properties, maximum is `{maxProperties}`
    MaxProperties = "INSTANCE_MAX_PROPERTIES", catalogue;
    /// Property '`{sourceProperty}`' requires property '`{requiredProperty}`'
    DependentRequired = "INSTANCE_DEPENDENT_REQUIRED", catalogue;
    /// Value must be an array
    ArrayExpected = "INSTANCE_ARRAY_EXPECTED", catalogue;
    /// Array has `{actualCount}` items, minimum is `{minItems}`
    MinItems = "INSTANCE_MIN_ITEMS", catalogue;
    /// Array has `{actualCount}` items, maximum is `{maxItems}`
    MaxItems = "INSTANCE_MAX_ITEMS", catalogue;
    /// Array must contain at least `{minContains}` matching items (found `{actualCount}`)
    MinContains = "INSTANCE_MIN_CONTAINS", catalogue;
    /// Array must contain at most `{maxContains}` matching items (found `{actualCount}`)
    MaxContains = "INSTANCE_MAX_CONTAINS", catalogue;
    /// Value must be an array (set)
    SetExpected = "INSTANCE_SET_EXPECTED", catalogue;
    /// Set contains duplicate value at index `{index}`
    SetDuplicate = "INSTANCE_SET_DUPLICATE", catalogue;
    /// Value must be an object (map)
    MapExpected = "INSTANCE_MAP_EXPECTED", catalogue;
    /// Map has `{actualCount}` entries, minimum is `{minProperties}`
    MapMinEntries = "INSTANCE_MAP_MIN_ENTRIES", catalogue;
    /// Map has `{actualCount}` entries, maximum is `{maxProperties}`
    MapMaxEntries = "INSTANCE_MAP_MAX_ENTRIES", catalogue;
    /// Value must be an array (tuple)
    TupleExpected = "INSTANCE_TUPLE_EXPECTED", catalogue;
    /// Tuple has `{actualCount}` items but schema defines `{expectedCount}`
    TupleLengthMismatch = "INSTANCE_TUPLE_LENGTH_MISMATCH", catalogue;
    /// Tuple has `{actualCount}` items but only `{expectedCount}` are defined
    TupleAdditionalItems = "INSTANCE_TUPLE_ADDITIONAL_ITEMS", catalogue;
    /// Value must be an object (choice)
    ChoiceExpected = "INSTANCE_CHOICE_EXPECTED", catalogue;
    /// Choice schema must have 'choices'
    ChoiceMissingChoices = "INSTANCE_CHOICE_MISSING_CHOICES", catalogue;
    /// Choice requires selector property: `{selector}`
    ChoiceSelectorMissing = "INSTANCE_CHOICE_SELECTOR_MISSING", catalogue;
    /// Selector value must be a string
    ChoiceSelectorNotString = "INSTANCE_CHOICE_SELECTOR_NOT_STRING", catalogue;
    /// Unknown choice: `{choiceName}`
    ChoiceUnknown = "INSTANCE_CHOICE_UNKNOWN", catalogue;
    /// Value does not match any choice option
    ChoiceNoMatch = "INSTANCE_CHOICE_NO_MATCH", catalogue;
    /// Value matches `{matchCount}` choices (should match exactly one)
    ChoiceMultipleMatches = "INSTANCE_CHOICE_MULTIPLE_MATCHES", catalogue;
    /// Date must be a string
    DateExpected = "INSTANCE_DATE_EXPECTED", catalogue;
    /// Invalid date format: `{value}`
    DateFormatInvalid = "INSTANCE_DATE_FORMAT_INVALID", catalogue;
    /// Time must be a string
    TimeExpected = "INSTANCE_TIME_EXPECTED", catalogue;
    /// Invalid time format: `{value}`
    TimeFormatInvalid = "INSTANCE_TIME_FORMAT_INVALID", catalogue;
    /// DateTime must be a string
    DatetimeExpected = "INSTANCE_DATETIME_EXPECTED", catalogue;
    /// Invalid datetime format: `{value}`
    DatetimeFormatInvalid = "INSTANCE_DATETIME_FORMAT_INVALID", catalogue;
    /// Duration must be a string
    DurationExpected = "INSTANCE_DURATION_EXPECTED", catalogue;
    /// Invalid duration format: `{value}`
    DurationFormatInvalid = "INSTANCE_DURATION_FORMAT_INVALID", catalogue;
    /// UUID must be a string
    UuidExpected = "INSTANCE_UUID_EXPECTED", catalogue;
    /// Invalid UUID format: `{value}`
    UuidFormatInvalid = "INSTANCE_UUID_FORMAT_INVALID", catalogue;
    /// URI must be a string
    UriExpected = "INSTANCE_URI_EXPECTED", catalogue;
    /// Invalid URI format: `{value}`
    UriFormatInvalid = "INSTANCE_URI_FORMAT_INVALID", catalogue;
    /// URI must have a scheme: `{value}`
    UriMissingScheme = "INSTANCE_URI_MISSING_SCHEME", catalogue;
    /// Binary must be a base64 string
    BinaryExpected = "INSTANCE_BINARY_EXPECTED", catalogue;
    /// Invalid base64 encoding
    BinaryEncodingInvalid = "INSTANCE_BINARY_ENCODING_INVALID", catalogue;
    /// JSON Pointer must be a string
    JsonpointerExpected = "INSTANCE_JSONPOINTER_EXPECTED", catalogue;
    /// Invalid JSON Pointer format: `{value}`
    JsonpointerFormatInvalid = "INSTANCE_JSONPOINTER_FORMAT_INVALID", catalogue;
    /// Value must be a valid `{typeName}`
    DecimalExpected = "INSTANCE_DECIMAL_EXPECTED", catalogue;
    /// String value not expected for type `{typeName}`
    StringNotExpected = "INSTANCE_STRING_NOT_EXPECTED", catalogue;
    /// Custom type reference not yet supported: `{typeName}`
    CustomTypeNotSupported = "INSTANCE_CUSTOM_TYPE_NOT_SUPPORTED", catalogue;
    /// The text is not JSON (or not UTF-8).
    JsonInvalid = "INSTANCE_JSON_INVALID", ours;
    /// A member name appears twice in one object.
    DuplicateProperty = "INSTANCE_DUPLICATE_PROPERTY", ours;
    /// A member name fails the object's `propertyNames`.
    PropertyNameInvalid = "INSTANCE_PROPERTY_NAME_INVALID", ours;
    /// A map key fails the map's `keyNames` or `propertyNames`.
    MapKeyInvalid = "INSTANCE_MAP_KEY_INVALID", ours;
    /// No member value of the object matches `has`.
    HasNoneMatched = "INSTANCE_HAS_NONE_MATCHED", ours;
    /// A `pattern` needed more backtracking than the bounded engine allows.
    PatternLimitExceeded = "INSTANCE_PATTERN_LIMIT_EXCEEDED", ours;
    /// String is not a valid internationalized email address.
    FormatIdnEmailInvalid = "INSTANCE_FORMAT_IDN_EMAIL_INVALID", ours;
    /// String is not a valid internationalized hostname.
    FormatIdnHostnameInvalid = "INSTANCE_FORMAT_IDN_HOSTNAME_INVALID", ours;
    /// String is not a valid IRI.
    FormatIriInvalid = "INSTANCE_FORMAT_IRI_INVALID", ours;
    /// String is not a valid IRI reference.
    FormatIriReferenceInvalid = "INSTANCE_FORMAT_IRI_REFERENCE_INVALID", ours;
    /// String is not a valid ECMA-262 regular expression.
    FormatRegexInvalid = "INSTANCE_FORMAT_REGEX_INVALID", ours;
    /// String is not a valid relative JSON pointer.
    FormatRelativeJsonPointerInvalid = "INSTANCE_FORMAT_RELATIVE_JSON_POINTER_INVALID", ours;
    /// String is not a valid URI template.
    FormatUriTemplateInvalid = "INSTANCE_FORMAT_URI_TEMPLATE_INVALID", ours;
}

impl ViolationCode {
    /// The code whose text is `text`, if there is one.
    pub fn from_text(text: &str) -> Option<ViolationCode> {
        ViolationCode::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == text)
    }
}

impl fmt::Display for ViolationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text is not a code this runtime knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCode(pub String);

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown violation code {:?}", self.0)
    }
}

impl std::error::Error for UnknownCode {}

impl std::str::FromStr for ViolationCode {
    type Err = UnknownCode;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        ViolationCode::from_text(text).ok_or_else(|| UnknownCode(text.to_owned()))
    }
}

impl PartialEq<str> for ViolationCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ViolationCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl serde::Serialize for ViolationCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for ViolationCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        ViolationCode::from_text(&text)
            .ok_or_else(|| serde::de::Error::custom(UnknownCode(text.into_owned())))
    }
}

#[cfg(test)]
mod tests {
    use super::ViolationCode;

    #[test]
    fn text_round_trips_through_every_form() {
        for &code in ViolationCode::ALL {
            assert!(code.as_str().starts_with("INSTANCE_"), "{code:?}");
            assert_eq!(code.as_str().parse::<ViolationCode>(), Ok(code));
            assert_eq!(code.to_string(), code.as_str());
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<ViolationCode>(&json).unwrap(), code);
        }
    }

    #[test]
    fn texts_are_distinct() {
        let mut texts: Vec<&str> = ViolationCode::ALL.iter().map(|c| c.as_str()).collect();
        texts.sort_unstable();
        texts.dedup();
        assert_eq!(texts.len(), ViolationCode::ALL.len());
    }

    #[test]
    fn unknown_text_is_an_error_naming_it() {
        let e = "INSTANCE_NOPE".parse::<ViolationCode>().unwrap_err();
        assert_eq!(e.to_string(), "unknown violation code \"INSTANCE_NOPE\"");
        let e = serde_json::from_str::<ViolationCode>("\"INSTANCE_NOPE\"").unwrap_err();
        assert!(e.to_string().contains("INSTANCE_NOPE"), "{e}");
        assert_eq!(
            ViolationCode::RequiredPropertyMissing,
            "INSTANCE_REQUIRED_PROPERTY_MISSING"
        );
        assert!(ViolationCode::RequiredPropertyMissing.in_catalogue());
        assert!(!ViolationCode::JsonInvalid.in_catalogue());
    }
}
