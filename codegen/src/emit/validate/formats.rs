//! The `format`s validators check, and which runtime features they need.

use heck::ToUpperCamelCase;

use super::*;

/// How the validators check a `format`.
#[derive(Clone, Copy)]
pub(crate) enum FormatCheck {
    /// A function of the generated `formats` module (the generator's `runtime::formats`).
    Runtime(&'static str),
    /// An ECMA-262 regular expression, as `regress` (an ECMA-262 engine) reads it.
    Regex,
}

/// The formats the validators check: the Validation spec's list, and the date, time, URI and
/// UUID formats the SDK catalogue has codes for (whose codes are the catalogue's; the others'
/// are this generator's). Any other `format` is an annotation.
pub(crate) const FORMATS: &[(&str, &str, &str, FormatCheck)] = &[
    (
        "ipv4",
        "INSTANCE_FORMAT_IPV4_INVALID",
        "String is not a valid IPv4 address",
        FormatCheck::Runtime("is_ipv4"),
    ),
    (
        "ipv6",
        "INSTANCE_FORMAT_IPV6_INVALID",
        "String is not a valid IPv6 address",
        FormatCheck::Runtime("is_ipv6"),
    ),
    (
        "email",
        "INSTANCE_FORMAT_EMAIL_INVALID",
        "String is not a valid email address",
        FormatCheck::Runtime("is_email"),
    ),
    (
        "idn-email",
        "INSTANCE_FORMAT_IDN_EMAIL_INVALID",
        "String is not a valid internationalized email address",
        FormatCheck::Runtime("is_idn_email"),
    ),
    (
        "hostname",
        "INSTANCE_FORMAT_HOSTNAME_INVALID",
        "String is not a valid hostname",
        FormatCheck::Runtime("is_hostname"),
    ),
    (
        "idn-hostname",
        "INSTANCE_FORMAT_IDN_HOSTNAME_INVALID",
        "String is not a valid internationalized hostname",
        FormatCheck::Runtime("is_idn_hostname"),
    ),
    (
        "iri",
        "INSTANCE_FORMAT_IRI_INVALID",
        "String is not a valid IRI",
        FormatCheck::Runtime("is_iri"),
    ),
    (
        "iri-reference",
        "INSTANCE_FORMAT_IRI_REFERENCE_INVALID",
        "String is not a valid IRI reference",
        FormatCheck::Runtime("is_iri_reference"),
    ),
    (
        "uri-template",
        "INSTANCE_FORMAT_URI_TEMPLATE_INVALID",
        "String is not a valid URI template",
        FormatCheck::Runtime("is_uri_template"),
    ),
    (
        "relative-json-pointer",
        "INSTANCE_FORMAT_RELATIVE_JSON_POINTER_INVALID",
        "String is not a valid relative JSON pointer",
        FormatCheck::Runtime("is_relative_json_pointer"),
    ),
    (
        "regex",
        "INSTANCE_FORMAT_REGEX_INVALID",
        "String is not a valid regular expression",
        FormatCheck::Regex,
    ),
    (
        "uri",
        "INSTANCE_FORMAT_URI_INVALID",
        "String is not a valid URI",
        FormatCheck::Runtime("is_uri"),
    ),
    (
        "uri-reference",
        "INSTANCE_FORMAT_URI_REFERENCE_INVALID",
        "String is not a valid URI reference",
        FormatCheck::Runtime("is_uri_reference"),
    ),
    (
        "date",
        "INSTANCE_FORMAT_DATE_INVALID",
        "String is not a valid date",
        FormatCheck::Runtime("is_date"),
    ),
    (
        "time",
        "INSTANCE_FORMAT_TIME_INVALID",
        "String is not a valid time",
        FormatCheck::Runtime("is_time"),
    ),
    (
        "date-time",
        "INSTANCE_FORMAT_DATETIME_INVALID",
        "String is not a valid date-time",
        FormatCheck::Runtime("is_datetime"),
    ),
    (
        "datetime",
        "INSTANCE_FORMAT_DATETIME_INVALID",
        "String is not a valid date-time",
        FormatCheck::Runtime("is_datetime"),
    ),
    (
        "uuid",
        "INSTANCE_FORMAT_UUID_INVALID",
        "String is not a valid UUID",
        FormatCheck::Runtime("is_uuid"),
    ),
];

/// What the enforced formats need from the crate: the `formats` module, and `regress`.
pub fn format_support(ir: &Ir) -> (bool, bool) {
    let (mut runtime, mut regress) = (false, false);
    each_constraint(ir, &mut |c| {
        if let Constraint::Format(f) = c {
            match FORMATS.iter().find(|(name, ..)| name == f) {
                Some((.., FormatCheck::Runtime(_))) => runtime = true,
                Some((.., FormatCheck::Regex)) => regress = true,
                None => {}
            }
        }
    });
    (runtime, regress)
}

/// The runtime's `ViolationCode` variant for a code's catalogue text (`INSTANCE_FORMAT_IPV4_INVALID` is
/// `ViolationCode::FormatIpv4Invalid`): the tables here keep the text maintainers look up.
pub(super) fn code_variant(text: &str) -> TokenStream {
    let variant = ident(&text.trim_start_matches("INSTANCE_").to_upper_camel_case());
    quote!(ViolationCode::#variant)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_name_the_runtime_variant() {
        assert_eq!(
            code_variant("INSTANCE_FORMAT_IPV4_INVALID").to_string(),
            "ViolationCode :: FormatIpv4Invalid"
        );
        for (format, code, ..) in FORMATS {
            let known = jstruct_runtime::validate::ViolationCode::from_text(code)
                .unwrap_or_else(|| panic!("{format}: {code} is no runtime code"));
            assert_eq!(
                code_variant(code).to_string(),
                format!("ViolationCode :: {known:?}")
            );
        }
    }
}
