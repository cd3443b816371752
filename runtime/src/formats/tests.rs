use super::*;

fn check(f: fn(&str) -> bool, valid: &[&str], invalid: &[&str]) {
    for v in valid {
        assert!(f(v), "{v:?} should be accepted");
    }
    for v in invalid {
        assert!(!f(v), "{v:?} should be rejected");
    }
}

#[test]
fn integers_are_optionally_negative_digits() {
    check(
        is_integer_text,
        &["0", "-42", "18446744073709551615", "007"],
        &["", "-", "+1", "1.0", "1e3", " 1", "0x10"],
    );
}

#[test]
fn decimals_have_no_exponent() {
    check(
        is_decimal_text,
        &["150.00", "-0.0875", "42", "0.0"],
        &["", ".5", "5.", "1e3", "+1", "1.2.3", "-"],
    );
    assert_eq!(decimal_digits("150.00"), (5, 2));
    assert_eq!(decimal_digits("-0.0875"), (3, 4));
    assert_eq!(decimal_digits("0"), (1, 0));
}

#[test]
fn dates_must_exist() {
    check(
        is_date,
        &["2024-02-29", "2000-02-29", "1999-12-31", "0001-01-01"],
        &[
            "2023-02-29",
            "1900-02-29",
            "2024-13-01",
            "2024-04-31",
            "2024-1-01",
            "2024-01-00",
            "24-01-01",
        ],
    );
}

#[test]
fn times_are_partial_times() {
    check(
        is_time,
        &[
            "09:00:00",
            "23:59:60",
            "00:00:00.5",
            "12:30:15.123456789123",
        ],
        &[
            "24:00:00",
            "12:60:00",
            "12:00",
            "12:00:00.",
            "12:00:00Z",
            "9:00:00",
        ],
    );
}

#[test]
fn datetimes_need_an_offset() {
    check(
        is_datetime,
        &[
            "2023-11-13T02:00:00Z",
            "2023-11-13t02:00:00.25+05:30",
            "2023-11-13T02:00:00-00:00",
        ],
        &[
            "2023-11-13T02:00:00",
            "2024-02-30T25:61:99Z",
            "2023-11-13 02:00:00Z",
            "2023-11-13T02:00:00+5:30",
            "2023-11-13T02:00:00+24:00",
        ],
    );
}

#[test]
fn durations_follow_rfc_3339_appendix_a() {
    check(
        is_duration,
        &["P1Y2M3DT4H5M6S", "PT0.5S", "P2W", "P1D", "PT36H", "P0D"],
        &[
            "P", "PT", "P1S", "P1H", "PT1D", "P1M1Y", "P1.5D", "P1W2D", "1D", "PT.5S", "PT1.S",
        ],
    );
}

#[test]
fn uuids_are_hyphenated_hex() {
    check(
        is_uuid,
        &[
            "123e4567-e89b-12d3-a456-426614174000",
            "123E4567-E89B-12D3-A456-426614174000",
        ],
        &[
            "123e4567e89b12d3a456426614174000",
            "{123e4567-e89b-12d3-a456-426614174000}",
            "123e4567-e89b-12d3-a456-42661417400g",
        ],
    );
}

#[test]
fn uri_references_may_be_relative() {
    check(
        is_uri_reference,
        &[
            "https://example.com/a?b=c#d",
            "urn:isbn:0451450523",
            "mailto:a@b.c",
            "../x.json#/a",
            "not-a-valid-uri",
            "",
            "a%20b",
        ],
        &["has space", "1http://x", "a%2", "http://x/\u{e9}", "<x>"],
    );
}

#[test]
fn json_pointers_escape_tilde() {
    check(
        is_json_pointer,
        &["", "/a/b", "/a~0b/c~1d", "#/definitions/A", "#", "/"],
        &["a/b", "/a~2", "/a~", "#a"],
    );
}

#[test]
fn uris_and_iris_absolute_and_relative() {
    assert!(is_uri("https://example.com/a?b#c") && is_uri("urn:isbn:0451450523"));
    assert!(!is_uri("/relative/path") && !is_uri("no scheme"));
    assert!(is_uri_reference("/relative/path") && is_uri_reference("a%20b"));
    assert!(!is_uri_reference("a%2") && !is_uri_reference("a b"));
    // Non-ASCII is an IRI's, not a URI's; controls and non-characters are neither.
    assert!(is_iri("https://例え.jp/パス") && !is_uri("https://例え.jp/パス"));
    assert!(is_iri_reference("../résumé") && !is_iri("../résumé"));
    assert!(!is_iri_reference("a\u{0085}b") && !is_iri_reference("a\u{FFFE}"));
}

#[test]
fn uri_templates_follow_rfc_6570_expressions() {
    for ok in [
        "http://example.com/{user}",
        "{+path}/here",
        "{?q,lang}",
        "{var:30}",
        "{list*}",
        "plain",
        "{a.b}",
        "{%20x}",
        "{.a}",
    ] {
        assert!(is_uri_template(ok), "{ok}");
    }
    for bad in [
        "{unclosed",
        "closed}",
        "{}",
        "{a b}",
        "{x:0}",
        "{x:10000}",
        "{..a}",
        "a<b",
        "{a..b}",
    ] {
        assert!(!is_uri_template(bad), "{bad}");
    }
}

#[test]
fn relative_json_pointers_are_a_count_then_hash_or_pointer() {
    for ok in ["0", "1/a/b", "2#", "10/~0~1"] {
        assert!(is_relative_json_pointer(ok), "{ok}");
    }
    for bad in ["", "/a", "01/a", "1#/a", "1a", "-1/a", "1/~2"] {
        assert!(!is_relative_json_pointer(bad), "{bad}");
    }
}

#[test]
fn internationalized_host_names_and_emails() {
    assert!(
        is_idn_hostname("例え.テスト") && is_idn_hostname("münchen.de") && is_idn_hostname("a-b.c")
    );
    assert!(!is_idn_hostname("-a.b") && !is_idn_hostname("a..b") && !is_idn_hostname("a_b.c"));
    assert!(!is_idn_hostname(&"x".repeat(64)));
    assert!(is_idn_email("用户@例子.广告") && is_idn_email("jörg@münchen.de"));
    assert!(
        !is_idn_email("no-at.example") && !is_idn_email("a b@c.d") && !is_idn_email("a@localhost")
    );
}
