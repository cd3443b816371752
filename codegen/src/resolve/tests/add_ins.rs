//! Add-ins (`$offers`, `$uses`), alternate enum symbols and tuples extending tuples.

use super::*;

/// A document with the add-in types `add_ins` (definitions) offered as `offers`, beside the
/// abstract `Shared` and the root `Base` that extends it.
fn with_add_ins(add_ins: &str, offers: &str) -> String {
    format!(
        r##"{{"name": "X", "$root": "#/definitions/Base", "$offers": {offers}, "definitions": {{
        "Shared": {{"abstract": true, "type": "object", "properties": {{"a": {{"type": "string"}}}}}},
        "Base": {{"type": "object", "$extends": "#/definitions/Shared", "properties": {{"h": {{"type": "string"}}}}}},
        {add_ins}}}}}"##
    )
}

/// The properties of definition `name`, with their add-in markers.
fn properties_of(set: &SchemaSet, name: &str) -> Vec<(String, Option<(usize, bool)>)> {
    let def = set.definitions.iter().find(|d| d.name == name).unwrap();
    let Ty::Object(object) = &def.schema.ty else {
        panic!("{name} is not an object")
    };
    object
        .properties
        .iter()
        .map(|p| (p.name.clone(), p.add_in.map(|m| (m.add_in, m.required))))
        .collect()
}

#[test]
fn add_ins_inject_their_properties_into_the_types_they_extend() {
    let schema = with_add_ins(
        r##""Extra": {"abstract": true, "type": "object", "$extends": "#/definitions/Shared",
              "properties": {"b": {"type": "string"}, "c": {"type": "int32"}}, "required": ["c"]},
            "Note": {"abstract": true, "type": "object", "$extends": "#/definitions/Shared",
              "properties": {"n": {"type": "string"}}}"##,
        r##"{"Extra": "#/definitions/Extra", "Notes": ["#/definitions/Note"]}"##,
    );
    let (set, diags) = check(&schema);
    assert!(diags.is_empty(), "{diags:?}");
    let set = set.unwrap();
    let names: Vec<_> = set.add_ins.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Extra", "Notes"]);
    let shared = properties_of(&set, "Shared");
    let expected = [
        ("a".to_string(), None),
        ("b".to_string(), Some((0, false))),
        ("c".to_string(), Some((0, true))),
        ("n".to_string(), Some((1, false))),
    ];
    assert_eq!(shared, expected);
    // A type extending the add-ins' target gets the add-in members too.
    let base = properties_of(&set, "Base");
    assert_eq!(base[..2], [expected[0].clone(), ("h".to_string(), None)]);
    assert_eq!(base[2..], expected[1..]);
    // Add-in types are not themselves merged with what they extend.
    assert_eq!(properties_of(&set, "Extra").len(), 2);
}

#[test]
fn add_in_flaws_are_reported() {
    let concrete = with_add_ins(
        r##""Extra": {"type": "object", "$extends": "#/definitions/Base", "properties": {"a": {"type": "int32"}, "b": {"type": "string"}}}"##,
        r##"{"Extra": "#/definitions/Extra"}"##,
    );
    let (set, diags) = check(&concrete);
    let found: Vec<_> = diags.iter().map(|d| (d.code, d.severity)).collect();
    assert_eq!(
        found,
        [
            ("SCHEMA_ADD_IN_INVALID", Warning),
            ("SCHEMA_EXTENDS_REDEFINES", Warning)
        ]
    );
    // The redefined (inherited) `a` keeps its definition; `b` is added.
    let base = properties_of(&set.unwrap(), "Base");
    assert_eq!(
        base.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(),
        ["a", "h", "b"]
    );
    assert_eq!((base[1].1, base[2].1), (None, Some((0, false))));

    let extends_nothing = with_add_ins(
        r##""Extra": {"abstract": true, "type": "object", "properties": {"b": {"type": "string"}}}"##,
        r##"{"Extra": "#/definitions/Extra"}"##,
    );
    assert!(codes_of(&extends_nothing).contains(&("SCHEMA_ADD_IN_INVALID", Error)));
    let not_a_map = with_add_ins(
        r##""Extra": {"type": "string"}"##,
        r##"["#/definitions/Extra"]"##,
    );
    assert!(codes_of(&not_a_map).contains(&("SCHEMA_KEYWORD_INVALID_TYPE", Error)));
    let dangling = with_add_ins(
        r##""Extra": {"type": "string"}"##,
        r##"{"E": "#/definitions/Nope"}"##,
    );
    assert!(codes_of(&dangling).contains(&("SCHEMA_REF_NOT_FOUND", Error)));
}

#[test]
fn altenums_json_symbols_replace_the_wire_values() {
    let alt = r##"{"type": "string", "enum": ["A", "B"], "altenums": {
        "json": {"A": "a-1", "B": "b-1"}, "lang:en": {"A": "Ay"}}}"##;
    let with_companion = |body: &str| {
        format!(
            r##"{{"$schema": "https://json-structure.org/meta/extended/v0/#", "$uses": ["JSONStructureAlternateNames"], "name": "X", "definitions": {{"T": {body}}}}}"##
        )
    };
    let (set, diags) = check(&with_companion(alt));
    assert!(diags.is_empty(), "{diags:?}");
    let t = &set.unwrap().definitions[0].schema;
    let Ty::StringEnum(values) = &t.ty else {
        panic!("not an enum")
    };
    assert_eq!(values, &["a-1", "b-1"]);
    assert_eq!(t.alt_enums[0].listed, "A");
    assert_eq!(t.alt_enums[0].symbols[1], ("lang:en".into(), "Ay".into()));
    // Without the companion the keyword is warned about and the values stay as listed.
    let (set, diags) = check(&with_def(alt));
    assert!(diags
        .iter()
        .any(|d| d.code == "SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED"));
    let Ty::StringEnum(values) = &set.unwrap().definitions[0].schema.ty else {
        panic!("not an enum")
    };
    assert_eq!(values, &["A", "B"]);

    let clash = r##"{"type": "string", "enum": ["A", "B"], "altenums": {"json": {"A": "B"}}}"##;
    assert!(codes_of(&with_companion(clash)).contains(&("SCHEMA_ENUM_DUPLICATES", Error)));
    let unknown = r##"{"type": "string", "enum": ["A"], "altenums": {"json": {"Z": "z"}}}"##;
    assert_eq!(
        codes_of(&with_companion(unknown)),
        [("SCHEMA_ALTENUMS_UNKNOWN_VALUE", Warning)]
    );
    let not_enum = r##"{"type": "string", "altenums": {"json": {"A": "a"}}}"##;
    assert_eq!(
        codes_of(&with_companion(not_enum)),
        [("SCHEMA_CONSTRAINT_INVALID_FOR_TYPE", Warning)]
    );
    let not_strings = r##"{"type": "string", "enum": ["A"], "altenums": {"json": {"A": 1}}}"##;
    assert!(codes_of(&with_companion(not_strings))
        .contains(&("SCHEMA_ALTNAMES_VALUE_NOT_STRING", Error)));
}

#[test]
fn tuples_extend_tuples_in_their_own_order() {
    let schema = |heir_order: &str, base: &str| {
        format!(
            r##"{{"name": "X", "definitions": {{
            "Base": {base},
            "Heir": {{"type": "tuple", "$extends": "#/definitions/Base", "properties": {{"y": {{"type": "string"}}}}, "tuple": {heir_order}}}}}}}"##
        )
    };
    let base = r#"{"type": "tuple", "abstract": true, "properties": {"x": {"type": "int32"}, "z": {"type": "int32"}}, "tuple": ["x", "z"]}"#;
    let (set, diags) = check(&schema(r#"["z", "y", "x"]"#, base));
    assert!(diags.is_empty(), "{diags:?}");
    let set = set.unwrap();
    let Ty::Tuple(heir) = &set.definitions[1].schema.ty else {
        panic!("not a tuple")
    };
    let names: Vec<_> = heir.elements.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["z", "y", "x"]);
    assert!(heir.inherited.is_empty());

    assert_eq!(
        codes_of(&schema(r#"["x", "y"]"#, base)),
        [("SCHEMA_TUPLE_MISSING_DEFINITION", Error)]
    );
    assert_eq!(
        codes_of(&schema(r#"["x", "y", "z", "w"]"#, base)),
        [("SCHEMA_TUPLE_ORDER_NOT_ARRAY", Error)]
    );
    let object_base =
        r#"{"type": "object", "abstract": true, "properties": {"x": {"type": "int32"}}}"#;
    assert_eq!(
        codes_of(&schema(r#"["y"]"#, object_base)),
        [("SCHEMA_EXTENDS_NOT_OBJECT", Error)]
    );
}
