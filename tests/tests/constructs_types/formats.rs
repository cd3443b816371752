//! Formats and awkward property names.

use super::*;

#[test]
fn every_format_is_checked_with_its_code() {
    use constructs::Formats;
    let cases = [
        (
            "ipv4",
            "10.0.0.1",
            "10.0.0.256",
            "INSTANCE_FORMAT_IPV4_INVALID",
        ),
        ("ipv6", "::1", "1::2::3", "INSTANCE_FORMAT_IPV6_INVALID"),
        (
            "email",
            "a@example.com",
            "a@b",
            "INSTANCE_FORMAT_EMAIL_INVALID",
        ),
        (
            "idnEmail",
            "jörg@münchen.de",
            "jörg",
            "INSTANCE_FORMAT_IDN_EMAIL_INVALID",
        ),
        (
            "hostname",
            "example.com",
            "-bad-.com",
            "INSTANCE_FORMAT_HOSTNAME_INVALID",
        ),
        (
            "idnHostname",
            "münchen.de",
            "mün chen.de",
            "INSTANCE_FORMAT_IDN_HOSTNAME_INVALID",
        ),
        (
            "iri",
            "https://例え.jp/",
            "/relative",
            "INSTANCE_FORMAT_IRI_INVALID",
        ),
        (
            "iriReference",
            "../résumé",
            "a b",
            "INSTANCE_FORMAT_IRI_REFERENCE_INVALID",
        ),
        (
            "uriTemplate",
            "/users/{id}{?q}",
            "/users/{id",
            "INSTANCE_FORMAT_URI_TEMPLATE_INVALID",
        ),
        (
            "relativeJsonPointer",
            "1/a",
            "/a",
            "INSTANCE_FORMAT_RELATIVE_JSON_POINTER_INVALID",
        ),
        (
            "regex",
            "^(?<year>\\d{4})$",
            "(unclosed",
            "INSTANCE_FORMAT_REGEX_INVALID",
        ),
        (
            "uri",
            "urn:isbn:0451450523",
            "no/scheme",
            "INSTANCE_FORMAT_URI_INVALID",
        ),
        (
            "uriReference",
            "no/scheme",
            "a%2",
            "INSTANCE_FORMAT_URI_REFERENCE_INVALID",
        ),
        (
            "date",
            "2024-02-29",
            "2023-02-29",
            "INSTANCE_FORMAT_DATE_INVALID",
        ),
        (
            "time",
            "23:59:59.5",
            "24:00:00",
            "INSTANCE_FORMAT_TIME_INVALID",
        ),
        (
            "dateTime",
            "2024-02-29T12:00:00+01:00",
            "2024-02-29 12:00",
            "INSTANCE_FORMAT_DATETIME_INVALID",
        ),
        (
            "uuid",
            "123e4567-e89b-12d3-a456-426614174000",
            "123e4567",
            "INSTANCE_FORMAT_UUID_INVALID",
        ),
    ];
    for (member, good, bad, code) in cases {
        assert!(
            Formats::validate_json(&json!({member: good})).is_ok(),
            "{member}: {good}"
        );
        assert_eq!(
            code_and_pointer(Formats::validate_json(&json!({member: bad}))),
            [(code, format!("/{member}"))],
            "{member}: {bad}"
        );
        let typed: Formats = serde_json::from_value(json!({member: bad})).unwrap();
        assert_eq!(code_and_pointer(typed.validate()).len(), 1, "{member}");
    }
    // A format the spec does not define is an annotation.
    assert!(Formats::validate_json(&json!({"vendor": "anything"})).is_ok());
}

#[test]
fn awkward_property_names_round_trip_under_rust_names() {
    use constructs::Spelling;
    let document = json!({"2fa": true, "Name": "upper", "name": "lower", "e-mail": "a@b.c", "größe": 42, "self": "me"});
    let typed: Spelling = serde_json::from_value(document.clone()).unwrap();
    assert_eq!(typed._2fa, Some(true));
    assert_eq!(
        (typed.name.as_deref(), typed.name_2.as_deref()),
        (Some("upper"), Some("lower"))
    );
    assert_eq!(
        (
            typed.e_mail.as_deref(),
            typed.grosse,
            typed.self_.as_deref()
        ),
        (Some("a@b.c"), Some(42), Some("me"))
    );
    assert!(typed.additional_properties.is_empty());
    assert_eq!(serde_json::to_value(&typed).unwrap(), document);
}
