//! Defaults of compound values, inheritance, recursion, tuples, sets, selectors and configured derives.

use super::*;

/// The `default` the fixture schema gives at `pointer` (a property's schema).
fn schema_default(pointer: &str) -> Value {
    let path = tests::root().join("tests/fixtures/constructs.struct.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    schema
        .pointer(&format!("{pointer}/default"))
        .unwrap_or_else(|| panic!("no default at {pointer}"))
        .clone()
}

#[test]
fn defaults_of_objects_tuples_and_choices_are_the_schemas_values() {
    use constructs::Zoo;
    let at_wire = "/definitions/Wire/properties";
    let zoo = "/definitions/Zoo/properties";
    let written = [
        (
            format!("{at_wire}/home"),
            serde_json::to_value(Wire::default_home()),
        ),
        (
            format!("{at_wire}/origin"),
            serde_json::to_value(Wire::default_origin()),
        ),
        (
            format!("{at_wire}/stops"),
            serde_json::to_value(Wire::default_stops()),
        ),
        (
            format!("{zoo}/pet"),
            serde_json::to_value(Zoo::default_pet()),
        ),
        (
            format!("{zoo}/resident"),
            serde_json::to_value(Zoo::default_resident()),
        ),
    ];
    for (pointer, value) in written {
        assert_eq!(value.unwrap(), schema_default(&pointer), "{pointer}");
    }
    // Absent, the accessor gives the default; the document itself stays as it was.
    let document = wire(json!({}));
    let typed: Wire = serde_json::from_value(document.clone()).unwrap();
    assert_eq!(typed.home().additional_properties["note"], json!("kept"));
    assert_eq!(round_trip(&document), document);
}

#[test]
fn multiple_bases_merge_in_order_and_the_first_wins_a_clash() {
    use constructs::Guide;
    let guide = json!({"name": "Rexford", "legs": 4, "skills": ["sit"], "handler": "ann"});
    // `Animal` comes first, so its `name` (no `maxLength`) is the one inherited.
    assert_eq!(code_and_pointer(Guide::validate_json(&guide)), []);
    let typed: Guide = serde_json::from_value(guide.clone()).unwrap();
    assert_eq!(serde_json::to_value(&typed).unwrap(), guide);
    // Both bases' `required` hold.
    assert_eq!(
        code_and_pointer(Guide::validate_json(&json!({"legs": 4}))),
        [
            ("INSTANCE_REQUIRED_PROPERTY_MISSING", String::new()),
            ("INSTANCE_REQUIRED_PROPERTY_MISSING", String::new())
        ]
    );
}

#[test]
fn an_inline_object_extends_a_definition() {
    use constructs::Keeper;
    let keeper = json!({"name": "Kim", "legs": 2, "since": "2020-01-01", "badge": 7});
    let typed: Keeper = serde_json::from_value(keeper.clone()).unwrap();
    assert_eq!(typed.name, "Kim");
    assert_eq!(typed.additional_properties["badge"], json!(7));
    assert_eq!(serde_json::to_value(&typed).unwrap(), keeper);
    assert_eq!(
        zoo_codes(&json!({"keeper": {"since": "2020-01-01"}})),
        [("INSTANCE_REQUIRED_PROPERTY_MISSING", "/keeper".to_string())]
    );
}

#[test]
fn mutually_recursive_types_nest_by_value() {
    use constructs::{Note, Section};
    let document = json!({"title": "a", "note": {"text": "b", "section": {"title": "c", "note": {"text": "d"}}}});
    let section: Section = serde_json::from_value(document.clone()).unwrap();
    let note: &Note = section.note.as_deref().unwrap();
    let inner = note.section.as_ref().unwrap();
    assert_eq!(inner.note.as_ref().unwrap().text.as_deref(), Some("d"));
    assert_eq!(serde_json::to_value(&section).unwrap(), document);
    assert_eq!(code_and_pointer(Section::validate_json(&document)), []);
    assert_eq!(
        code_and_pointer(Section::validate_json(
            &json!({"note": {"section": {"title": 1}}})
        )),
        [(
            "INSTANCE_STRING_EXPECTED",
            "/note/section/title".to_string()
        )]
    );
}

#[test]
fn float8_is_held_in_an_f32() {
    let document = wire(json!({"small": 1.25}));
    let typed: Wire = serde_json::from_value(document.clone()).unwrap();
    assert_eq!(typed.small, Some(1.25f32));
    assert_eq!(round_trip(&document), document);
}

#[test]
fn a_tuple_extending_a_tuple_places_inherited_elements_by_its_order() {
    use constructs::Waypoint;
    let waypoint = Waypoint("dock".into(), 1.5, -2.0);
    assert_eq!(
        serde_json::to_value(&waypoint).unwrap(),
        json!(["dock", 1.5, -2.0])
    );
    assert_eq!(
        Wire::default_waypoint(),
        Waypoint("home".into(), 52.5, 13.4)
    );
    assert_eq!(
        code_and_pointer(Waypoint::validate_json(&json!(["dock", "north", 2]))),
        [("INSTANCE_NUMBER_EXPECTED", "/1".to_string())]
    );
}

/// Types whose every value is comparable (no floats, no untyped JSON) derive `Eq` and `Hash`:
/// they can be set members and map keys. Open objects keep untyped members, so they do not.
#[test]
fn comparable_types_can_be_set_members() {
    use std::collections::HashSet;
    let a: constructs::Point = serde_json::from_value(json!([1, "2", "here"])).unwrap();
    let b: constructs::Point = serde_json::from_value(json!([1, "2", "here"])).unwrap();
    let c: constructs::Point = serde_json::from_value(json!([3, "4", "there"])).unwrap();
    let set: HashSet<constructs::Point> = [a, b, c].into_iter().collect();
    assert_eq!(set.len(), 2);
    let intervals: HashSet<constructs::Interval> =
        [constructs::Interval(1, 2), constructs::Interval(1, 2)].into();
    assert_eq!(intervals.len(), 1);
}

/// Core's inline union: the selector (`addressType`) is a property of the base, so the chosen
/// type has it as a field. Reading gives the field its value; writing names the choice once.
#[test]
fn a_selector_that_is_a_base_property_is_read_by_the_choice_and_written_once() {
    use constructs::{Memo, PostalAddress, Zoo, ZooNote};
    let doc = json!({"addressType": "StreetAddress", "street": "123 Main St", "city": "Seattle"});
    let typed: PostalAddress = serde_json::from_value(doc.clone()).unwrap();
    let PostalAddress::StreetAddress(street) = &typed else {
        panic!("{typed:?}")
    };
    assert_eq!(street.address_type, "StreetAddress");
    let text = serde_json::to_string(&typed).unwrap();
    assert_eq!(text.matches("addressType").count(), 1, "{text}");
    assert!(
        text.starts_with(r#"{"addressType":"StreetAddress""#),
        "{text}"
    );
    assert_eq!(serde_json::to_value(&typed).unwrap(), doc);
    // The selector stays required by the base: missing, it is named.
    let missing = serde_json::from_value::<PostalAddress>(json!({"street": "x"})).unwrap_err();
    assert!(missing.to_string().contains("addressType"), "{missing}");
    let unknown = serde_json::from_value::<PostalAddress>(json!({"addressType": "Moon"}));
    assert!(unknown.unwrap_err().to_string().contains("StreetAddress"));

    // An optional selector property: present after reading, and the variant decides it on output.
    let memo: ZooNote = serde_json::from_value(json!({"noteKind": "memo", "to": "all"})).unwrap();
    let ZooNote::Memo(inner) = &memo else {
        panic!("{memo:?}")
    };
    assert_eq!(inner.note_kind.as_deref(), Some("memo"));
    let built = ZooNote::Memo(Memo {
        to: Some("all".into()),
        ..Memo::default()
    });
    assert_eq!(
        serde_json::to_value(&built).unwrap(),
        json!({"noteKind": "memo", "to": "all"})
    );

    // Inside a document, and through the validators.
    let zoo = json!({"address": doc, "note": {"noteKind": "reminder", "at": "09:30:00"}});
    assert_eq!(
        Zoo::validate_str(&zoo.to_string()).map_err(|e| e.codes()),
        Ok(())
    );
    let zoo_typed: Zoo = serde_json::from_value(zoo.clone()).unwrap();
    assert_eq!(serde_json::to_value(&zoo_typed).unwrap(), zoo);
}

/// The consumer's additions in `codegen.toml` (`[crate.types.Interval]`): derives the generator
/// does not add itself, and an attribute.
#[test]
fn configured_derives_and_attributes_are_on_the_type() {
    use constructs::Interval;
    let a = Interval(1, 2);
    let b = a; // Copy
    assert_eq!(a, b);
    assert!(Interval(1, 2) < Interval(1, 3)); // PartialOrd
    assert_eq!(
        [Interval(2, 3), Interval(1, 9)].iter().max(),
        Some(&Interval(2, 3))
    ); // Ord
}
