//! The `feeds` fixture crate (tests/feeds, from tests/fixtures/feeds.struct.json): a schema in
//! the style of public data feeds, with the flaws such schemas carry. Each flaw is read as its
//! one plain meaning (with a warning, checked below), and the crate reads realistic documents,
//! full of nulls, as that meaning says.

use feeds::{
    Observation, ObservationTrend, Quality, Station, StationCountry, StationWaterBody, Validate,
};
use serde_json::{json, Value};

/// One upstream row as a feed publishes it: every optional value present, most of them null.
fn observation() -> Value {
    json!({
        "station": {
            "stationNumber": "25.05",
            "name": "Skjern Å, Ahlergaarde",
            "country": null,
            "waterBody": null,
            "elevation": null,
            "priority": null,
            "contact": {"agency": "Miljøstyrelsen", "email": null}
        },
        "observedAt": "2026-11-30T06:00:00Z",
        "waterLevel": null,
        "discharge": null,
        "trend": null,
        "sensorCount": null
    })
}

/// `document` with the member at `pointer` set (added or replaced) to `value`.
fn with(mut document: Value, pointer: &str, value: Value) -> Value {
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
    let object = document.pointer_mut(parent).and_then(Value::as_object_mut);
    object
        .unwrap_or_else(|| panic!("{parent}"))
        .insert(key.to_owned(), value);
    document
}

fn violations(document: &Value) -> Vec<(&'static str, String)> {
    let text = document.to_string();
    match Observation::validate_str(&text) {
        Ok(()) => Vec::new(),
        Err(errors) => errors
            .violations()
            .iter()
            .map(|v| (v.code.as_str(), v.pointer.clone()))
            .collect(),
    }
}

#[test]
fn a_row_full_of_nulls_reads_validates_and_round_trips() {
    let document = observation();
    assert_eq!(violations(&document), []);
    let typed = Observation::from_json_str(&document.to_string()).unwrap();
    // An optional nullable member given `null` is present-and-null, not absent.
    assert_eq!(typed.station.country, Some(None));
    assert_eq!(typed.trend, Some(None));
    assert_eq!(typed.station.contact.as_ref().unwrap().email, Some(None));
    assert_eq!(serde_json::to_value(&typed).unwrap(), document);
}

#[test]
fn enums_beside_nullable_unions_are_real_enums_or_null() {
    let document = with(observation(), "/station/country", json!("GRL"));
    let document = with(document, "/trend", json!("rising"));
    let typed = Observation::from_json_str(&document.to_string()).unwrap();
    assert_eq!(typed.station.country, Some(Some(StationCountry::Grl)));
    assert_eq!(typed.trend, Some(Some(ObservationTrend::Rising)));

    assert_eq!(
        violations(&with(observation(), "/station/country", json!("SWE"))),
        [("INSTANCE_ENUM_MISMATCH", "/station/country".to_owned())]
    );
    assert_eq!(
        violations(&with(observation(), "/trend", json!(3))),
        [("INSTANCE_STRING_EXPECTED", "/trend".to_owned())]
    );
}

#[test]
fn altenums_of_a_nullable_enum_rename_its_wire_values() {
    // The schema lists `tidal` with `null`, and renames it `TIDAL_REACH` on the wire.
    let document = with(observation(), "/station/waterBody", json!("TIDAL_REACH"));
    let typed = Observation::from_json_str(&document.to_string()).unwrap();
    assert_eq!(
        typed.station.water_body,
        Some(Some(StationWaterBody::Tidal))
    );
    assert_eq!(StationWaterBody::Tidal.as_str(), "TIDAL_REACH");
    assert_eq!(
        violations(&with(observation(), "/station/waterBody", json!("tidal"))),
        [("INSTANCE_ENUM_MISMATCH", "/station/waterBody".to_owned())]
    );
}

#[test]
fn a_numeric_enum_beside_a_nullable_union_checks_the_number() {
    for (priority, ok) in [(json!(null), true), (json!(2), true), (json!(4), false)] {
        let found = violations(&with(observation(), "/station/priority", priority.clone()));
        assert_eq!(found.is_empty(), ok, "{priority}: {found:?}");
        if !ok {
            assert_eq!(
                found,
                [("INSTANCE_ENUM_MISMATCH", "/station/priority".to_owned())]
            );
        }
    }
    // Values built in code are checked the same way.
    let mut typed = Observation::from_json_str(&observation().to_string()).unwrap();
    typed.station.priority = Some(Some(7));
    let errors = typed.validate().unwrap_err();
    assert_eq!(errors.codes(), ["INSTANCE_ENUM_MISMATCH"]);
}

#[test]
fn default_null_on_a_type_without_null_means_no_default() {
    // `phone`, `active`, `contact`, `tags` and `quality` say `"default": null`: absent stays
    // absent, and `null` is still not a value of their types.
    let typed = Observation::from_json_str(&observation().to_string()).unwrap();
    assert_eq!(typed.quality, None::<Quality>);
    assert_eq!(typed.station.active, None);
    assert_eq!(typed.station.tags, None);
    assert_eq!(
        violations(&with(observation(), "/station/name", json!("x")))
            .into_iter()
            .chain(violations(&with(observation(), "/quality", Value::Null)))
            .chain(violations(&with(
                observation(),
                "/station/contact/agency",
                json!("y")
            )))
            .collect::<Vec<_>>(),
        [("INSTANCE_STRING_EXPECTED", "/quality".to_owned())]
    );
    let station: Station =
        serde_json::from_value(json!({"stationNumber": "1", "name": "n"})).unwrap();
    assert_eq!(station.contact, None);
}

#[test]
fn units_on_nullable_numbers_keep_validation_of_the_numbers() {
    assert_eq!(
        violations(&with(observation(), "/discharge", json!(-0.5))),
        [("INSTANCE_NUMBER_MINIMUM", "/discharge".to_owned())]
    );
    assert_eq!(
        violations(&with(observation(), "/discharge", json!(12.5))),
        []
    );
    assert_eq!(
        violations(&with(observation(), "/sensorCount", json!(0))),
        [("INSTANCE_NUMBER_MINIMUM", "/sensorCount".to_owned())]
    );
}

#[test]
fn altnames_lists_document_the_names_but_are_not_json_keys() {
    // The upstream name is not accepted in place of the property's own key.
    let document = with(
        observation(),
        "/station",
        json!({"STATION_NUMBER": "25.05", "name": "n"}),
    );
    assert_eq!(
        violations(&document),
        [("INSTANCE_REQUIRED_PROPERTY_MISSING", "/station".to_owned())]
    );
    let model = std::fs::read_to_string(tests::root().join("tests/feeds/src/model.rs")).unwrap();
    assert!(model.contains("/// Also known as: `STATION_NUMBER`, `stnr`."));
    assert!(model.contains("/// Also known as: `GAUGE`, `MEASURING_STATION`."));
    assert!(model.contains("/// Unit: `m3/s`."));
}

#[test]
fn every_flaw_is_one_warning_with_its_code_and_pointer() {
    let mut job = tests::configured_jobs()
        .into_iter()
        .find(|job| job.options.package == "feeds")
        .expect("schemas/codegen.toml configures the feeds fixture");
    // codegen.toml allows the fixture's warnings so the seed's stand out; here they are the
    // subject.
    job.options.allow.clear();
    let outcome = job.generate();
    assert!(!outcome.diagnostics.has_errors(), "{}", outcome.render());
    insta::assert_snapshot!("feeds__diagnostics", outcome.render());
}
