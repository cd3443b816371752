//! Real-world departures with one plain meaning: read that way, with a warning; the rest errors.

use super::*;

/// A document enabling the companions feed schemas use, with definitions `T` (`body`) and
/// `N` (a nullable string) and `S` (a plain string) to refer to.
fn feed_with(body: &str) -> String {
    format!(
        r##"{{"$uses": ["JSONStructureAlternateNames", "JSONStructureUnits", "JSONStructureValidation"], "name": "X", "definitions": {{
            "N": {{"type": ["string", "null"]}}, "S": {{"type": "string"}},
            "A": {{"type": {{"$ref": "#/definitions/N"}}}}, "T": {body}}}}}"##
    )
}

#[test]
fn default_null_is_no_default_unless_null_is_a_value() {
    for (property, repaired) in [
        (r##"{"type": "string", "default": null}"##, true),
        (
            r##"{"type": "array", "items": {"type": "int32"}, "default": null}"##,
            true,
        ),
        (
            r##"{"type": {"$ref": "#/definitions/S"}, "default": null}"##,
            true,
        ),
        (r##"{"type": ["string", "null"], "default": null}"##, false),
        (
            r##"{"type": {"$ref": "#/definitions/N"}, "default": null}"##,
            false,
        ),
        // Through an alias of a nullable type.
        (
            r##"{"type": {"$ref": "#/definitions/A"}, "default": null}"##,
            false,
        ),
        (r##"{"type": "any", "default": null}"##, false),
    ] {
        let body = format!(r##"{{"type": "object", "properties": {{"p": {property}}}}}"##);
        let (set, diags) = check(&feed_with(&body));
        let codes: Vec<_> = diags.iter().map(|d| (d.code, d.severity)).collect();
        let expected: &[_] = if repaired {
            &[("SCHEMA_DEFAULT_INVALID", Warning)]
        } else {
            &[]
        };
        assert_eq!(codes, expected, "{property}");
        let set = set.unwrap();
        let Ty::Object(o) = &set.definitions[3].schema.ty else {
            panic!()
        };
        assert_eq!(
            o.properties[0].schema.default.is_none(),
            repaired,
            "{property}"
        );
    }
    // A non-null default that does not fit stays an error.
    assert_eq!(
        codes_of(&feed_with(r##"{"type": "string", "default": 1}"##)),
        [("SCHEMA_DEFAULT_INVALID", Error)]
    );
}

#[test]
fn enum_beside_a_nullable_union_is_an_enum_of_its_one_type() {
    let (set, diags) = check(&feed_with(
        r##"{"type": ["null", "string"], "enum": ["a", null, "b"], "altenums": {"json": {"a": "A"}}}"##,
    ));
    let codes: Vec<_> = diags.iter().map(|d| (d.code, d.severity)).collect();
    assert_eq!(codes, [("SCHEMA_CONSTRAINT_INVALID_FOR_TYPE", Warning)]);
    assert!(diags.iter().next().unwrap().message.contains("or null"));
    let set = set.unwrap();
    let Ty::Union(members) = &set.definitions[3].schema.ty else {
        panic!()
    };
    let Ty::StringEnum(values) = &members[1].ty else {
        panic!("{:?}", members[1].ty)
    };
    // `altenums` renamed `a` on the wire and stayed with the member.
    assert_eq!(values, &["A", "b"]);
    assert_eq!(members[1].alt_enums[0].listed, "a");

    // A numeric member keeps its type; the values become the schema's enum constraint.
    let (set, _) = check(&feed_with(
        r##"{"type": ["int32", "null"], "enum": [1, 2]}"##,
    ));
    let schema = &set.unwrap().definitions[3].schema;
    assert!(schema
        .constraints
        .iter()
        .any(|c| matches!(c, crate::schema::Constraint::Enum(v) if v.len() == 2)));
}

#[test]
fn enum_beside_a_union_without_one_plain_meaning_stays_an_error() {
    for body in [
        // The values could be strings or numbers.
        r##"{"type": ["string", "int32", "null"], "enum": ["1"]}"##,
        // The member is a reference: the enum belongs on its definition.
        r##"{"type": [{"$ref": "#/definitions/S"}, "null"], "enum": ["a"]}"##,
        // A value that is not of the one type.
        r##"{"type": ["int32", "null"], "enum": [1, "two"]}"##,
        // Nothing besides null.
        r##"{"type": ["string", "null"], "enum": [null]}"##,
    ] {
        let (set, diags) = check(&feed_with(body));
        assert!(set.is_none() && diags.has_errors(), "{body}: {diags:?}");
    }
}

#[test]
fn altnames_lists_are_documented_names() {
    let (set, diags) = check(&feed_with(
        r##"{"type": "object", "altnames": ["OBS"], "properties": {"p": {"type": "string", "altnames": ["P_1", "p1"]}}}"##,
    ));
    let codes: Vec<_> = diags.iter().map(|d| (d.code, d.severity)).collect();
    assert_eq!(
        codes,
        [
            ("SCHEMA_ALTNAMES_NOT_OBJECT", Warning),
            ("SCHEMA_ALTNAMES_NOT_OBJECT", Warning)
        ]
    );
    let set = set.unwrap();
    let t = &set.definitions[3];
    assert_eq!(t.schema.annotations, ["Also known as: `OBS`."]);
    let Ty::Object(o) = &t.schema.ty else {
        panic!()
    };
    assert_eq!(
        o.properties[0].schema.annotations,
        ["Also known as: `P_1`, `p1`."]
    );
    // Not a JSON key: the property keeps its own.
    assert_eq!(o.properties[0].wire_name, None);

    assert_eq!(
        codes_of(&feed_with(r##"{"type": "string", "altnames": ["a", 1]}"##)),
        [("SCHEMA_ALTNAMES_VALUE_NOT_STRING", Error)]
    );
}

#[test]
fn units_are_documented_and_read_on_nullable_numbers() {
    let unit_of = |ty: &str| {
        let (set, diags) = check(&feed_with(&format!(r##"{{"type": {ty}, "unit": "m/s"}}"##)));
        let codes: Vec<_> = diags.iter().map(|d| (d.code, d.severity)).collect();
        (
            set.unwrap().definitions[3].schema.annotations.clone(),
            codes,
        )
    };
    let documented = vec!["Unit: `m/s`.".to_owned()];
    assert_eq!(unit_of(r#""double""#), (documented.clone(), vec![]));
    assert_eq!(
        unit_of(r#"["double", "null"]"#),
        (
            documented.clone(),
            vec![("SCHEMA_CONSTRAINT_INVALID_FOR_TYPE", Warning)]
        )
    );
    assert_eq!(
        unit_of(r#""string""#),
        (
            documented,
            vec![("SCHEMA_CONSTRAINT_INVALID_FOR_TYPE", Warning)]
        )
    );
}

#[test]
fn a_type_listed_twice_in_a_union_is_read_once() {
    let (set, diags) = check(&with_def(r##"{"type": ["string", "null", "string"]}"##));
    let codes: Vec<_> = diags.iter().map(|d| (d.code, d.severity)).collect();
    assert_eq!(codes, [("SCHEMA_TYPE_UNION_DUPLICATE", Warning)]);
    assert_eq!(
        diags
            .iter()
            .next()
            .unwrap()
            .location
            .as_ref()
            .unwrap()
            .pointer
            .as_deref(),
        Some("/definitions/T/type/2")
    );
    let Ty::Union(members) = &set.unwrap().definitions[0].schema.ty else {
        panic!()
    };
    assert_eq!(members.len(), 2);
}
