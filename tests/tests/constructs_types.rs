//! The checked-in `constructs` fixture crate (tests/constructs, from
//! tests/fixtures/constructs.struct.json): string-encoded types, `null`, nullables and type
//! unions, used as a consumer would.

use constructs::ViolationCode;
use constructs::{
    Defaults, Positive, Shipment, ShipmentMode, ShipmentPalletsItem, Sku, Validate, Wire,
    WireEither, WireShape,
};
use serde_json::{json, Value};

const ID: &str = "123e4567-e89b-12d3-a456-426614174000";

#[path = "constructs_types/add_ins.rs"]
mod add_ins;
#[path = "constructs_types/composition.rs"]
mod composition;
#[path = "constructs_types/formats.rs"]
mod formats;

fn wire(mut members: Value) -> Value {
    let object = members.as_object_mut().unwrap();
    object.entry("id").or_insert(json!(ID));
    object.entry("cancelled").or_insert(Value::Null);
    members
}

fn round_trip(document: &Value) -> Value {
    let typed: Wire =
        serde_json::from_value(document.clone()).unwrap_or_else(|e| panic!("{e}: {document}"));
    serde_json::to_value(&typed).unwrap()
}

fn codes(document: &Value) -> Vec<ViolationCode> {
    match Wire::validate_json(document) {
        Ok(()) => Vec::new(),
        Err(errors) => errors.codes(),
    }
}

#[test]
fn every_string_encoded_type_round_trips_in_its_wire_form() {
    let document = wire(json!({
        "int64": "-9223372036854775808",
        "uint64": "18446744073709551615",
        "int128": "-170141183460469231731687303715884105728",
        "uint128": "340282366920938463463374607431768211455",
        "amount": "12345678901234567890123456789012345678.0001",
        "day": "2024-02-29",
        "at": "2023-11-13T02:30:00+05:30",
        "opens": "09:00:00",
        "lasts": "P1Y2M3DT4H5M6.5S",
        "link": "../relative/ref#frag",
        "pointer": "/a~1b/c~0d",
        "blob": "aGVsbG8=",
        "hex": "CAFE",
        "nothing": null,
        "closed": "2024-01-31",
        "cancelled": "2024-02-01T00:00:00Z",
        "sizes": ["1", "-2"],
        "ledger": {"a": "0.10", "b": "-5"},
        "either": 7,
        "shape": {"sku": "x-1"},
        "point": [1, "-2", "here"],
        "span": ["2024-01-01", "2024-12-31"],
        "undeclared": {"kept": true}
    }));
    assert_eq!(codes(&document), Vec::<&str>::new());
    assert_eq!(round_trip(&document), document);
    let typed: Wire = serde_json::from_value(document).unwrap();
    assert_eq!(typed.int64, Some(i64::MIN));
    assert_eq!(typed.uint128(), u128::MAX);
    assert_eq!(typed.blob.as_deref(), Some(&b"hello"[..]));
    assert_eq!(*typed.hex(), [0xCA, 0xFE]);
    assert_eq!(typed.day().to_string(), "2024-02-29");
    assert_eq!(typed.nothing, Some(()));
    assert_eq!(typed.either, Some(WireEither::Int32(7)));
    assert!(matches!(typed.shape, Some(WireShape::ShopItem(_))));
    let point = typed.point.unwrap();
    assert_eq!((point.0, point.1, point.2.as_str()), (1, -2, "here"));
}

#[test]
fn absent_and_null_stay_apart() {
    let with_null = wire(json!({"closed": null}));
    let absent = wire(json!({}));
    let a: Wire = serde_json::from_value(with_null.clone()).unwrap();
    let b: Wire = serde_json::from_value(absent.clone()).unwrap();
    assert_eq!(a.closed, Some(None));
    assert_eq!(b.closed, None);
    assert_eq!(round_trip(&with_null)["closed"], Value::Null);
    assert!(round_trip(&absent).get("closed").is_none());
    // A required nullable property is written even when null.
    assert_eq!(round_trip(&absent)["cancelled"], Value::Null);
}

#[test]
fn defaults_of_string_encoded_types_are_supplied_and_written_in_wire_form() {
    let typed: Wire = serde_json::from_value(wire(json!({}))).unwrap();
    assert_eq!(typed.int64(), -9_007_199_254_740_993);
    assert_eq!(typed.uint128(), u128::MAX);
    assert_eq!(typed.amount().to_string(), "0.0001");
    assert_eq!(typed.lasts().as_str(), "PT1H");
    assert_eq!(*typed.hex(), [0xCA, 0xFE]);
    let filled = serde_json::to_value(typed.with_defaults()).unwrap();
    assert_eq!(filled["int64"], "-9007199254740993");
    assert_eq!(filled["uint128"], "340282366920938463463374607431768211455");
    assert_eq!(filled["amount"], "0.0001");
    assert_eq!(filled["hex"], "CAFE");
}

#[test]
fn numbers_are_not_string_encoded_integers() {
    let document = wire(json!({"int64": 5}));
    assert_eq!(codes(&document), ["INSTANCE_STRING_EXPECTED"]);
    assert!(serde_json::from_value::<Wire>(document).is_err());
}

#[test]
fn text_outside_each_types_form_is_a_violation_with_its_code() {
    let cases = [
        ("uint64", json!("-1"), "INSTANCE_INT_RANGE_INVALID"),
        ("int64", json!("1e3"), "INSTANCE_INTEGER_EXPECTED"),
        ("amount", json!("1.5e3"), "INSTANCE_DECIMAL_EXPECTED"),
        ("day", json!("2023-02-29"), "INSTANCE_DATE_FORMAT_INVALID"),
        (
            "at",
            json!("2023-11-13T02:30:00"),
            "INSTANCE_DATETIME_FORMAT_INVALID",
        ),
        ("opens", json!("25:00:00"), "INSTANCE_TIME_FORMAT_INVALID"),
        ("lasts", json!("P1H"), "INSTANCE_DURATION_FORMAT_INVALID"),
        ("id", json!("not-a-uuid"), "INSTANCE_UUID_FORMAT_INVALID"),
        ("link", json!("has space"), "INSTANCE_URI_FORMAT_INVALID"),
        (
            "pointer",
            json!("a/b"),
            "INSTANCE_JSONPOINTER_FORMAT_INVALID",
        ),
        (
            "blob",
            json!("not base64!"),
            "INSTANCE_BINARY_ENCODING_INVALID",
        ),
        ("hex", json!("XYZ"), "INSTANCE_BINARY_ENCODING_INVALID"),
        ("nothing", json!(0), "INSTANCE_NULL_EXPECTED"),
        ("bounded", json!("101"), "INSTANCE_NUMBER_MAXIMUM"),
        ("sizes", json!(["1", 2]), "INSTANCE_STRING_EXPECTED"),
        ("either", json!(1.5), "INSTANCE_TYPE_MISMATCH"),
        ("shape", json!({"value": "x"}), "INSTANCE_TYPE_MISMATCH"),
        ("point", json!([1, "2"]), "INSTANCE_TUPLE_LENGTH_MISMATCH"),
        ("point", json!([1, 2, "x"]), "INSTANCE_STRING_EXPECTED"),
        ("point", json!({"x": 1}), "INSTANCE_TUPLE_EXPECTED"),
    ];
    for (member, value, code) in cases {
        let document = wire(json!({ member: value }));
        assert_eq!(codes(&document), [code], "{member}: {value}");
        // The typed reader agrees: what the validator rejects does not deserialize, except
        // bounds, which only validators check.
        if code != "INSTANCE_NUMBER_MAXIMUM" {
            assert!(
                serde_json::from_value::<Wire>(document).is_err(),
                "{member}: {value}"
            );
        }
    }
}

#[test]
fn violations_point_at_the_value_with_line_and_column() {
    let text = format!("{{\"id\": \"{ID}\", \"cancelled\": null,\n  \"sizes\": [\"1\", \"x\"]}}");
    let errors = Wire::validate_str(&text).unwrap_err();
    let v = &errors.violations()[0];
    assert_eq!(
        (v.code.as_str(), v.pointer.as_str()),
        ("INSTANCE_INTEGER_EXPECTED", "/sizes/1")
    );
    assert_eq!((v.line, v.column), (Some(2), Some(18)));
}

#[test]
fn times_keep_their_text_and_values_built_in_code_are_canonical() {
    let document = wire(json!({"at": "2023-11-13t02:30:00.500+00:00", "opens": "09:00:00.250"}));
    let back = round_trip(&document);
    assert_eq!(
        (&back["at"], &back["opens"]),
        (&document["at"], &document["opens"])
    );
    let typed: Wire = serde_json::from_value(document).unwrap();
    let at = typed.at.unwrap();
    let built = constructs::wire::DateTime::from(at.value());
    assert_eq!(built.as_str(), "2023-11-13T02:30:00.5Z");
    assert_eq!(built, at, "equal instants are equal");
    let opens = constructs::wire::Time::from(typed.opens.unwrap().value());
    assert_eq!(opens.to_string(), "09:00:00.25");
    assert!("09:00:00+01:00".parse::<constructs::wire::Time>().is_err());
}

#[test]
fn type_union_members_are_tried_in_order() {
    for (value, expected) in [
        (json!("x"), WireEither::String("x".into())),
        (json!(42), WireEither::Int32(42)),
        (Value::Null, WireEither::Null),
    ] {
        let typed: WireEither = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(typed, expected);
        assert_eq!(serde_json::to_value(&typed).unwrap(), value);
    }
}

/// The code and pointer of each violation a check found.
fn code_and_pointer(
    checked: Result<(), constructs::ValidationErrors>,
) -> Vec<(&'static str, String)> {
    match checked {
        Ok(()) => Vec::new(),
        Err(errors) => errors
            .violations()
            .iter()
            .map(|v| (v.code.as_str(), v.pointer.clone()))
            .collect(),
    }
}

fn zoo_codes(document: &Value) -> Vec<(&'static str, String)> {
    code_and_pointer(constructs::Zoo::validate_json(document))
}

#[test]
fn extending_types_carry_their_bases_properties_first() {
    let dog = constructs::Dog::builder()
        .name("Rex")
        .breed("collie")
        .legs(4)
        .build()
        .unwrap();
    assert_eq!(
        serde_json::to_value(&dog).unwrap(),
        json!({"name": "Rex", "legs": 4, "breed": "collie"})
    );
    let errors =
        constructs::Dog::validate_json(&json!({"breed": "collie", "legs": 3})).unwrap_err();
    assert_eq!(
        errors.codes(),
        [
            "INSTANCE_ENUM_MISMATCH",
            "INSTANCE_REQUIRED_PROPERTY_MISSING"
        ]
    );
}

#[test]
fn choices_round_trip_in_both_forms() {
    let document = json!({
        "pet": {"dog": {"name": "Rex", "breed": "collie"}},
        "resident": {"name": "Tom", "kind": "cat", "indoor": true}
    });
    assert_eq!(zoo_codes(&document), []);
    let zoo: constructs::Zoo = serde_json::from_value(document.clone()).unwrap();
    assert!(matches!(zoo.pet, Some(constructs::Pet::Dog(ref d)) if d.breed == "collie"));
    assert!(
        matches!(zoo.resident, Some(constructs::Resident::Cat(ref c)) if c.indoor == Some(true))
    );
    assert_eq!(serde_json::to_value(&zoo).unwrap(), document);
    let count: constructs::Pet = serde_json::from_value(json!({"count": "12"})).unwrap();
    assert_eq!(count, constructs::Pet::Count(12));
}

#[test]
fn choice_violations_name_what_is_wrong() {
    let cases = [
        (
            json!({"pet": {"fish": {}}}),
            ("INSTANCE_CHOICE_UNKNOWN", "/pet/fish"),
        ),
        (json!({"pet": {}}), ("INSTANCE_CHOICE_NO_MATCH", "/pet")),
        (
            json!({"pet": {"dog": {"name": "a", "breed": "b"}, "cat": {"name": "c"}}}),
            ("INSTANCE_CHOICE_MULTIPLE_MATCHES", "/pet"),
        ),
        (
            json!({"pet": {"dog": {"name": "a"}}}),
            ("INSTANCE_REQUIRED_PROPERTY_MISSING", "/pet/dog"),
        ),
        (json!({"pet": "dog"}), ("INSTANCE_CHOICE_EXPECTED", "/pet")),
        (
            json!({"resident": {"name": "Tom"}}),
            ("INSTANCE_CHOICE_SELECTOR_MISSING", "/resident"),
        ),
        (
            json!({"resident": {"name": "Tom", "kind": 1}}),
            ("INSTANCE_CHOICE_SELECTOR_NOT_STRING", "/resident"),
        ),
        (
            json!({"resident": {"name": "Tom", "kind": "fish"}}),
            ("INSTANCE_CHOICE_UNKNOWN", "/resident"),
        ),
        (
            json!({"resident": {"kind": "dog", "name": "Rex"}}),
            ("INSTANCE_REQUIRED_PROPERTY_MISSING", "/resident"),
        ),
        (
            json!({"resident": {"kind": "cat", "name": "Tom", "indoor": "yes"}}),
            ("INSTANCE_BOOLEAN_EXPECTED", "/resident/indoor"),
        ),
    ];
    for (document, (code, pointer)) in cases {
        assert_eq!(
            zoo_codes(&document),
            [(code, pointer.to_string())],
            "{document}"
        );
    }
}

#[test]
fn altnames_give_the_json_name() {
    let typed: Wire =
        serde_json::from_value(wire(json!({"first_name": "Ada", "firstName": "kept"}))).unwrap();
    assert_eq!(typed.first_name.as_deref(), Some("Ada"));
    // The schema key is not the JSON name: that member is an undeclared property.
    assert_eq!(typed.additional_properties["firstName"], "kept");
    assert_eq!(
        codes(&wire(json!({"first_name": 1}))),
        ["INSTANCE_STRING_EXPECTED"]
    );
}

#[test]
fn required_alternative_sets_need_exactly_one() {
    let check = |habitat: Value| zoo_codes(&json!({ "habitat": habitat }));
    assert_eq!(check(json!({"water": "sea", "fins": 2})), []);
    assert_eq!(check(json!({"land": "field", "legs": 4, "fins": 0})), []);
    assert_eq!(
        check(json!({"water": "sea"})),
        [("INSTANCE_REQUIRED_PROPERTY_MISSING", "/habitat".to_string())]
    );
    assert_eq!(
        check(json!({"water": "sea", "fins": 2, "land": "shore", "legs": 4})),
        [("INSTANCE_ONE_OF_INVALID_COUNT", "/habitat".to_string())]
    );
    // Typed values are held to the same rule.
    let typed = constructs::Habitat {
        water: Some("sea".into()),
        ..Default::default()
    };
    assert_eq!(
        typed.validate().unwrap_err().codes(),
        ["INSTANCE_REQUIRED_PROPERTY_MISSING"]
    );
}

#[test]
fn a_constrained_definition_is_a_newtype_that_validates() {
    use constructs::Percent;
    assert_eq!(Percent::validate_json(&json!(100)), Ok(()));
    let errors = Percent::validate_str("101").unwrap_err();
    assert_eq!(errors.codes(), ["INSTANCE_NUMBER_MAXIMUM"]);
    assert_eq!(errors.violations()[0].pointer, "");
    assert_eq!(
        Percent::validate_str("\"ten\"").unwrap_err().codes(),
        ["INSTANCE_INTEGER_EXPECTED"]
    );
    // Transparent on the wire, checked where it is used and on typed values.
    let percent: Percent = serde_json::from_str("42").unwrap();
    assert_eq!(percent, Percent::from(42));
    assert_eq!(serde_json::to_string(&percent).unwrap(), "42");
    assert_eq!(
        zoo_codes(&json!({ "share": -1 })),
        [("INSTANCE_NUMBER_MINIMUM", "/share".to_string())]
    );
    assert_eq!(
        Percent(-1).validate().unwrap_err().codes(),
        ["INSTANCE_NUMBER_MINIMUM"]
    );
    let zoo = constructs::Zoo {
        share: Some(Percent(101)),
        ..Default::default()
    };
    assert_eq!(
        zoo.validate().unwrap_err().violations()[0].pointer,
        "/share"
    );
}

#[test]
fn contains_counts_the_matching_items() {
    let check = |scores: Value| zoo_codes(&json!({ "scores": scores }));
    assert_eq!(check(json!([10, 95])), []);
    assert_eq!(check(json!([90, 99, 5])), []);
    assert_eq!(
        check(json!([10, 20])),
        [("INSTANCE_MIN_CONTAINS", "/scores".to_string())]
    );
    assert_eq!(
        check(json!([90, 91, 92])),
        [("INSTANCE_MAX_CONTAINS", "/scores".to_string())]
    );
    // Items are still checked as items.
    assert_eq!(
        check(json!([95, "x"])),
        [("INSTANCE_INTEGER_EXPECTED", "/scores/1".to_string())]
    );
    let zoo = constructs::Zoo {
        scores: Some(vec![1, 2]),
        ..Default::default()
    };
    assert_eq!(
        zoo.validate().unwrap_err().codes(),
        ["INSTANCE_MIN_CONTAINS"]
    );
}

#[test]
fn map_keys_must_meet_key_names() {
    let check = |keepers: Value| zoo_codes(&json!({ "keepers": keepers }));
    assert_eq!(check(json!({"ann": "lions"})), []);
    assert_eq!(
        check(json!({"ann": "lions", "Bob": "bears", "c2": "owls"})),
        [
            ("INSTANCE_MAP_KEY_INVALID", "/keepers/Bob".to_string()),
            ("INSTANCE_MAP_KEY_INVALID", "/keepers/c2".to_string())
        ]
    );
    let zoo = constructs::Zoo {
        keepers: Some([("Bob".to_string(), "bears".to_string())].into()),
        ..Default::default()
    };
    let errors = zoo.validate().unwrap_err();
    assert_eq!(errors.codes(), ["INSTANCE_MAP_KEY_INVALID"]);
    assert_eq!(errors.violations()[0].pointer, "/keepers/Bob");
}

fn labels_codes(document: &Value) -> Vec<(&'static str, String)> {
    code_and_pointer(constructs::Labels::validate_json(document))
}

#[test]
fn object_members_are_checked_by_name_pattern_and_has() {
    use constructs::Labels;
    let at = |code: &'static str, pointer: &str| (code, pointer.to_string());
    assert_eq!(labels_codes(&json!({"title": "zoo", "xtra": "short"})), []);
    // propertyNames: every name, declared or not. (Members read into a tree come in the order
    // serde_json keeps, which depends on its `preserve_order` feature: sorted here.)
    let mut names = labels_codes(&json!({"title": "zoo", "Big": "bear", "9": "owls"}));
    names.sort();
    assert_eq!(
        names,
        [
            at("INSTANCE_PROPERTY_NAME_INVALID", "/9"),
            at("INSTANCE_PROPERTY_NAME_INVALID", "/Big")
        ]
    );
    // patternProperties: the values of names the pattern finds (a search, not a whole match).
    assert_eq!(
        labels_codes(&json!({"title": "zoo", "xylophone": "far too long"})),
        [at("INSTANCE_STRING_MAX_LENGTH", "/xylophone")]
    );
    assert_eq!(
        labels_codes(&json!({"title": "zoo", "boxes": "far too long"})),
        []
    );
    // has: no value of three characters or more.
    assert_eq!(
        labels_codes(&json!({"title": "z", "a": "b"})),
        [at("INSTANCE_HAS_NONE_MATCHED", "")]
    );
    // The object's own checks still run on the same pass.
    assert_eq!(
        labels_codes(&json!({"title": 3, "other": "fine"})),
        [at("INSTANCE_STRING_EXPECTED", "/title")]
    );
    // From text: located; and on typed values, through what they serialize to.
    let errors = Labels::validate_str("{\"title\": \"zoo\",\n \"xylophone\": \"far too long\"}")
        .unwrap_err();
    assert_eq!(
        (errors.violations()[0].line, errors.violations()[0].column),
        (Some(2), Some(15))
    );
    let labels = Labels {
        title: Some("z".into()),
        additional_properties: [("Big".to_string(), "b".to_string())].into(),
        ..Default::default()
    };
    assert_eq!(
        labels.validate().unwrap_err().codes(),
        [
            "INSTANCE_PROPERTY_NAME_INVALID",
            "INSTANCE_HAS_NONE_MATCHED"
        ]
    );
}

#[test]
fn map_values_are_checked_by_pattern_has_and_their_own_schema() {
    let check = |tags: Value| zoo_codes(&json!({ "tags": tags }));
    let at = |code: &'static str, pointer: &str| (code, pointer.to_string());
    assert_eq!(check(json!({"big": "lion", "n1": "42"})), []);
    assert_eq!(
        check(json!({"big": "lion", "n1": "forty-two", "long": "a lot more than ten"})),
        [
            at("INSTANCE_STRING_MAX_LENGTH", "/tags/long"),
            at("INSTANCE_STRING_PATTERN_MISMATCH", "/tags/n1")
        ]
    );
    assert_eq!(
        check(json!({"big": "tiger"})),
        [at("INSTANCE_HAS_NONE_MATCHED", "/tags")]
    );
    let zoo = constructs::Zoo {
        tags: Some([("n".to_string(), "x".to_string())].into()),
        ..Default::default()
    };
    let errors = zoo.validate().unwrap_err();
    assert_eq!(
        errors.codes(),
        [
            "INSTANCE_STRING_PATTERN_MISMATCH",
            "INSTANCE_HAS_NONE_MATCHED"
        ]
    );
    assert_eq!(errors.violations()[0].pointer, "/tags/n");
}

#[test]
fn tuple_elements_keep_their_constraints() {
    use constructs::Point;
    assert_eq!(
        Point::validate_json(&json!([1, "2", "a label far too long"]))
            .unwrap_err()
            .violations()[0]
            .pointer,
        "/2"
    );
    assert_eq!(
        Point(1, 2, "a label far too long".into())
            .validate()
            .unwrap_err()
            .codes(),
        ["INSTANCE_STRING_MAX_LENGTH"]
    );
}

#[test]
fn look_around_patterns_run_on_the_bounded_engine() {
    use constructs::Labels;
    let check = |code: &str| labels_codes(&json!({ "title": "zoo", "code": code }));
    assert_eq!(check("abc1"), []);
    assert_eq!(
        check("abcd"),
        [("INSTANCE_STRING_PATTERN_MISMATCH", "/code".to_string())]
    );
    // ECMA-262's `\d` is ASCII: an Arabic-Indic digit is none.
    assert_eq!(
        check("abc\u{663}"),
        [("INSTANCE_STRING_PATTERN_MISMATCH", "/code".to_string())]
    );
    // A short run decides; a long one exhausts the bound and is reported, not accepted.
    assert_eq!(labels_codes(&json!({"title": "zoo", "echo": "aaaa"})), []);
    let runaway = format!("{}!", "a".repeat(40));
    assert_eq!(
        labels_codes(&json!({ "title": "zoo", "echo": runaway })),
        [("INSTANCE_PATTERN_LIMIT_EXCEEDED", "/echo".to_string())]
    );
    let labels = Labels {
        title: Some("zoo".into()),
        code: Some("abcd".into()),
        ..Default::default()
    };
    assert_eq!(
        labels.validate().unwrap_err().codes(),
        ["INSTANCE_STRING_PATTERN_MISMATCH"]
    );
}

/// The codes and pointers of a `Shipment` document's violations, from text and from its value
/// (which must agree), sorted.
fn shipment_violations(json: serde_json::Value) -> Vec<(&'static str, String)> {
    let mut from_text = code_and_pointer(Shipment::validate_str(&json.to_string()));
    let mut from_value = code_and_pointer(Shipment::validate_json(&json));
    from_text.sort();
    from_value.sort();
    assert_eq!(from_text, from_value, "text and value disagree on {json}");
    from_text
}

#[test]
fn if_then_else_and_all_of_constrain_the_object() {
    let air = json!({"mode": "air", "flight": "LH400"});
    let sea = json!({"mode": "sea", "vessel": "Ever Given"});
    assert!(shipment_violations(air.clone()).is_empty());
    assert!(shipment_violations(sea).is_empty());
    // `if` holds (mode is "air"), so `then` applies: a flight is required.
    assert_eq!(
        shipment_violations(json!({"mode": "air", "vessel": "Ever Given"})),
        [("INSTANCE_REQUIRED_PROPERTY_MISSING", String::new())]
    );
    // `if` fails, so `else` applies; and `allOf` requires a mode.
    assert_eq!(
        shipment_violations(json!({"flight": "LH400"})),
        [
            ("INSTANCE_REQUIRED_PROPERTY_MISSING", String::new()),
            ("INSTANCE_REQUIRED_PROPERTY_MISSING", String::new())
        ]
    );
    // Typed values are checked by the same rules.
    let typed: Shipment = serde_json::from_value(air).unwrap();
    assert!(typed.validate().is_ok());
    let typed = Shipment {
        mode: Some(ShipmentMode::Air),
        ..Shipment::default()
    };
    assert_eq!(
        code_and_pointer(typed.validate()),
        [("INSTANCE_REQUIRED_PROPERTY_MISSING", String::new())]
    );
}

#[test]
fn not_one_of_and_any_of_on_properties_and_items() {
    let base = || json!({"mode": "sea", "vessel": "V"});
    let with = |key: &str, value: serde_json::Value| {
        let mut doc = base();
        doc[key] = value;
        shipment_violations(doc)
    };
    assert!(with("weight", json!(2.5)).is_empty());
    assert_eq!(
        with("weight", json!(0)),
        [("INSTANCE_NOT_MATCHED", "/weight".to_string())]
    );
    // `oneOf`: an order number or a tracking code, exactly one.
    assert!(with("reference", json!(42)).is_empty());
    assert!(with("reference", json!("AB123456")).is_empty());
    for none in [json!(0), json!("ab"), json!(true)] {
        assert_eq!(
            with("reference", none),
            [("INSTANCE_ONE_OF_INVALID_COUNT", "/reference".to_string())]
        );
    }
    // `anyOf` on each item: short, or starting with `#`.
    assert!(with("tags", json!(["ok", "#anything at all"])).is_empty());
    assert_eq!(
        with("tags", json!(["ok", "too long"])),
        [("INSTANCE_ANY_OF_NONE_MATCHED", "/tags/1".to_string())]
    );
    // The property's own type still comes first.
    assert_eq!(
        with("tags", json!([7])),
        [
            ("INSTANCE_ANY_OF_NONE_MATCHED", "/tags/0".to_string()),
            ("INSTANCE_STRING_EXPECTED", "/tags/0".to_string())
        ]
    );
}

#[test]
fn definitions_made_of_rules_alone_or_with_a_type() {
    assert!(Sku::validate_json(&json!("SKU-123")).is_ok());
    assert!(Sku::validate_json(&json!("abc")).is_ok());
    assert_eq!(
        code_and_pointer(Sku::validate_json(&json!("too long"))),
        [("INSTANCE_ANY_OF_NONE_MATCHED", String::new())]
    );
    assert_eq!(
        code_and_pointer(Sku("too long".into()).validate()),
        [("INSTANCE_ANY_OF_NONE_MATCHED", String::new())]
    );
    // No type, only rules: the value is any JSON, and the rules decide.
    assert!(Positive::validate_json(&json!(3)).is_ok());
    assert_eq!(
        code_and_pointer(Positive::validate_json(&json!(-1))),
        [("INSTANCE_NOT_MATCHED", String::new())]
    );
    assert_eq!(
        code_and_pointer(Positive::validate_json(&json!("3"))),
        [("INSTANCE_NUMBER_EXPECTED", String::new())]
    );
    assert_eq!(
        code_and_pointer(Positive(json!(0)).validate()),
        [("INSTANCE_NOT_MATCHED", String::new())]
    );
    // Nested in a document, at their pointers.
    assert_eq!(
        shipment_violations(json!({"mode": "sea", "vessel": "V", "sku": "nope!", "volume": 0})),
        [
            ("INSTANCE_ANY_OF_NONE_MATCHED", "/sku".to_string()),
            ("INSTANCE_NOT_MATCHED", "/volume".to_string())
        ]
    );
}

#[test]
fn subschemas_of_contains_pattern_keys_and_has_may_be_any_schema() {
    let with = |key: &str, value: Value| {
        let mut doc = json!({"mode": "sea", "vessel": "V"});
        doc[key] = value;
        shipment_violations(doc)
    };
    // `contains` with an object subschema: one fragile parcel, no more.
    assert!(with(
        "parcels",
        json!([{"kg": 1.0}, {"kg": 2.0, "fragile": true}])
    )
    .is_empty());
    assert_eq!(
        with("parcels", json!([{"kg": 1.0}])),
        [("INSTANCE_MIN_CONTAINS", "/parcels".to_string())]
    );
    assert_eq!(
        with(
            "parcels",
            json!([{"kg": 1.0, "fragile": true}, {"kg": 2.0, "fragile": true}])
        ),
        [("INSTANCE_MAX_CONTAINS", "/parcels".to_string())]
    );
    // `patternKeys` with an array subschema, `has` with a reference to a definition.
    assert!(with(
        "legs",
        json!({"air1": ["FRA", "JFK"], "sea": ["a", "b", "c"]})
    )
    .is_empty());
    assert_eq!(
        with("legs", json!({"air1": ["FRA", "KEF", "JFK"]})),
        [("INSTANCE_MAX_ITEMS", "/legs/air1".to_string())]
    );
    assert_eq!(
        with("legs", json!({"sea": []})),
        [("INSTANCE_HAS_NONE_MATCHED", "/legs".to_string())]
    );
    // Values built in code are checked the same way.
    let mut typed: Shipment = serde_json::from_value(
        json!({"mode": "sea", "vessel": "V", "legs": {"air": ["a", "b", "c"]}}),
    )
    .unwrap();
    assert_eq!(
        code_and_pointer(typed.validate()),
        [("INSTANCE_MAX_ITEMS", "/legs/air".to_string())]
    );
    typed.legs = Some([("sea".to_string(), Vec::new())].into());
    assert_eq!(
        code_and_pointer(typed.validate()),
        [("INSTANCE_HAS_NONE_MATCHED", "/legs".to_string())]
    );
}

#[test]
fn constraints_two_levels_down_are_checked_through_an_item_newtype() {
    let with = |pallets: Value| {
        shipment_violations(json!({"mode": "sea", "vessel": "V", "pallets": pallets}))
    };
    assert!(with(json!([["A1", "B2"], ["C3"]])).is_empty());
    assert_eq!(
        with(json!([["A1"], [], ["LONGER"], ["D"]])),
        [
            ("INSTANCE_MAX_ITEMS", "/pallets".to_string()),
            ("INSTANCE_MIN_ITEMS", "/pallets/1".to_string()),
            ("INSTANCE_STRING_MAX_LENGTH", "/pallets/2/0".to_string())
        ]
    );
    let typed = Shipment {
        mode: Some(ShipmentMode::Sea),
        vessel: Some("V".into()),
        pallets: Some(vec![ShipmentPalletsItem(vec!["TOOLONG".into()])]),
        ..Shipment::default()
    };
    assert_eq!(
        code_and_pointer(typed.validate()),
        [("INSTANCE_STRING_MAX_LENGTH", "/pallets/0/0".to_string())]
    );
}

#[test]
fn member_values_are_located_where_the_parse_saw_them_and_escaped_names_by_search() {
    for name in ["bounded", "b\\u006funded"] {
        let text = format!("{{\"id\": \"{ID}\", \"cancelled\": null,\n  \"{name}\" :  \"5000\"}}");
        let errors = Wire::validate_str(&text).unwrap_err();
        let v = &errors.violations()[0];
        assert_eq!(
            (v.code.as_str(), v.pointer.as_str()),
            ("INSTANCE_NUMBER_MAXIMUM", "/bounded")
        );
        // Two spaces, the quoted name, ` :  `, then the value.
        let column = 2 + name.len() + 2 + 4 + 1;
        assert_eq!((v.line, v.column), (Some(2), Some(column)), "{name}");
    }
}

#[test]
fn namespaces_are_modules_with_the_schemas_names() {
    use constructs::{shop, warehouse};
    let order = shop::orders::Order {
        item: shop::Item {
            sku: "A1".into(),
            price: Some(2.5),
            additional_properties: Default::default(),
        },
        count: Some(3),
        additional_properties: Default::default(),
    };
    assert_eq!(
        serde_json::to_value(&order).unwrap(),
        json!({"item": {"sku": "A1", "price": 2.5}, "count": 3})
    );
    // The module names and the crate-unique root names are the same types.
    let at_root: constructs::ShopItem = order.item;
    let stock: warehouse::Item = serde_json::from_value(json!({"sku": "A1"})).unwrap();
    let _: constructs::WarehouseItem = stock;
    assert_eq!(at_root.sku, "A1");
}

#[test]
fn composition_on_tuple_and_enum_definitions() {
    use constructs::{Interval, Signal};
    // The tuple's own entry points, from a value and typed.
    assert!(Interval::validate_json(&json!([-5, 5])).is_ok());
    assert_eq!(
        code_and_pointer(Interval::validate_json(&json!([-5, 0]))),
        [("INSTANCE_NOT_MATCHED", String::new())]
    );
    assert_eq!(
        code_and_pointer(Interval(-5, -1).validate()),
        [("INSTANCE_NOT_MATCHED", String::new())]
    );
    // Where the types are used, from text, from a value and typed.
    let doc = json!({"mode": "sea", "vessel": "V", "window": [1, 0], "signal": "amber"});
    assert_eq!(
        shipment_violations(doc),
        [
            ("INSTANCE_NOT_MATCHED", "/signal".to_string()),
            ("INSTANCE_NOT_MATCHED", "/window".to_string())
        ]
    );
    let typed = Shipment {
        mode: Some(ShipmentMode::Sea),
        vessel: Some("V".into()),
        window: Some(Interval(1, 2)),
        signal: Some(Signal::Amber),
        ..Shipment::default()
    };
    assert_eq!(
        code_and_pointer(typed.validate()),
        [("INSTANCE_NOT_MATCHED", "/signal".to_string())]
    );
}

#[test]
fn a_typeless_one_of_is_an_enum_of_its_branches() {
    use constructs::ShipmentReference;
    let read = |reference: Value| -> Shipment {
        serde_json::from_value(json!({"mode": "sea", "vessel": "V", "reference": reference}))
            .unwrap()
    };
    assert_eq!(
        read(json!(42)).reference,
        Some(ShipmentReference::Int32(42))
    );
    assert_eq!(
        read(json!("AB123456")).reference,
        Some(ShipmentReference::String("AB123456".into()))
    );
    // The enum reads the value; the rules still decide whether it is valid.
    let zero = read(json!(0));
    assert_eq!(
        code_and_pointer(zero.validate()),
        [("INSTANCE_ONE_OF_INVALID_COUNT", "/reference".to_string())]
    );
}
