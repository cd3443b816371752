use serde::{Deserialize, Serialize};
use serde_with::serde_as;

#[serde_as]
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Wire {
    #[serde_as(as = "super::Integer")]
    big: i64,
    #[serde_as(as = "Option<Vec<super::Integer>>")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    list: Option<Vec<u128>>,
    #[serde_as(as = "super::DoubleOption<_>")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    maybe: Option<Option<String>>,
    #[serde_as(as = "super::PresentNull")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    nothing: Option<()>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    link: Option<super::Uri>,
}

fn round_trip(text: &str) -> Wire {
    let value: Wire = serde_json::from_str(text).unwrap();
    assert_eq!(serde_json::to_string(&value).unwrap(), text);
    value
}

#[test]
fn string_encoded_integers_are_strings_both_ways() {
    let w = round_trip(r#"{"big":"-42","list":["340282366920938463463374607431768211455"]}"#);
    assert_eq!(w.big, -42);
    assert!(serde_json::from_str::<Wire>(r#"{"big":-42}"#).is_err());
    let err = serde_json::from_str::<Wire>(r#"{"big":"9223372036854775808"}"#).unwrap_err();
    assert!(err.to_string().contains("integer out of range"), "{err}");
}

#[test]
fn absent_null_and_present_differ() {
    assert_eq!(round_trip(r#"{"big":"1","maybe":null}"#).maybe, Some(None));
    assert_eq!(
        round_trip(r#"{"big":"1","maybe":"x"}"#).maybe,
        Some(Some("x".into()))
    );
    assert_eq!(round_trip(r#"{"big":"1"}"#).maybe, None);
    assert_eq!(
        round_trip(r#"{"big":"1","nothing":null}"#).nothing,
        Some(())
    );
}

#[test]
fn checked_text_rejects_other_forms() {
    assert_eq!(
        round_trip(r#"{"big":"1","link":"../a?b#c"}"#)
            .link
            .unwrap()
            .as_str(),
        "../a?b#c"
    );
    assert!(serde_json::from_str::<Wire>(r#"{"big":"1","link":"a b"}"#).is_err());
    assert_eq!("P1D".parse::<super::Duration>().unwrap().to_string(), "P1D");
    assert_eq!(
        "1D".parse::<super::Duration>().unwrap_err().to_string(),
        "invalid duration: \"1D\""
    );
}

#[cfg(feature = "chrono")]
#[test]
fn times_keep_their_text_and_compare_as_instants() {
    let a: super::DateTime = "2024-01-15T10:30:00.500+00:00".parse().unwrap();
    let b: super::DateTime = "2024-01-15T10:30:00.5Z".parse().unwrap();
    assert_eq!(a, b);
    // Equal instants hash alike, whatever their text: one set member.
    let set: std::collections::HashSet<super::DateTime> = [a.clone(), b].into();
    assert_eq!(set.len(), 1);
    assert_eq!(a.as_str(), "2024-01-15T10:30:00.500+00:00");
    assert_eq!(
        super::DateTime::from(a.value()).as_str(),
        "2024-01-15T10:30:00.5Z"
    );
    let leap: super::Time = "23:59:60".parse().unwrap();
    assert_eq!(super::Time::from(leap.value()).as_str(), "23:59:60");
    assert!("2024-13-01T00:00:00Z".parse::<super::DateTime>().is_err());
}

#[cfg(feature = "binary")]
#[test]
fn binary_in_each_encoding() {
    #[serde_as]
    #[derive(Serialize, Deserialize)]
    struct Bytes(#[serde_as(as = "super::Base16")] Vec<u8>);
    let b: Bytes = serde_json::from_str(r#""c0ffee""#).unwrap();
    assert_eq!(b.0, [0xc0, 0xff, 0xee]);
    assert_eq!(serde_json::to_string(&b).unwrap(), r#""C0FFEE""#);
    assert!(serde_json::from_str::<Bytes>(r#""xyz""#).is_err());
}
