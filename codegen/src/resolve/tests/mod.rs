//! Resolve/check on small schemas: what each kind of flaw produces.

use super::resolve;
use crate::diag::{Diagnostics, Severity};
use crate::load::{load, with_meta_schema};
use crate::schema::{Root, SchemaSet, Ty};
use crate::source::SourceMap;

/// Resolves `schema` (read as a core document when it has no `$schema`).
fn check(schema: &str) -> (Option<SchemaSet>, Diagnostics) {
    let mut sources = SourceMap::default();
    let mut diags = Diagnostics::default();
    let schema = with_meta_schema(schema);
    let doc =
        load(&mut sources, "t.json", schema.as_bytes(), &mut diags).expect("test schemas are JSON");
    (resolve(&doc, &mut diags), diags)
}

fn codes_of(schema: &str) -> Vec<(&'static str, Severity)> {
    check(schema)
        .1
        .iter()
        .map(|d| (d.code, d.severity))
        .collect()
}

/// A document with one definition `T` whose schema is `body`.
fn with_def(body: &str) -> String {
    format!(
        r##"{{"$schema": "https://json-structure.org/meta/core/v0/#", "$id": "x", "name": "X", "definitions": {{"T": {body}}}}}"##
    )
}

use Severity::{Error, Warning};

#[test]
fn a_clean_schema_has_no_diagnostics() {
    let (set, diags) = check(&with_def(
        r##"{"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": {"$ref": "#/definitions/T"}}}, "required": ["a"]}"##,
    ));
    assert!(diags.is_empty(), "{diags:?}");
    let set = set.unwrap();
    assert!(matches!(set.root, Root::Library));
    let Ty::Object(o) = &set.definitions[0].schema.ty else {
        panic!()
    };
    assert_eq!(o.required, ["a"]);
    assert!(matches!(o.properties[1].schema.ty, Ty::Ref(_)));
}

#[test]
fn dollar_defs_refs_are_remapped_with_a_warning() {
    let schema = r##"{"definitions": {"A": {"type": "object", "properties": {"x": {"type": "string"}}}},
        "oneOf": [{"$ref": "#/$defs/A"}]}"##;
    assert_eq!(
        codes_of(schema),
        [
            ("SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED", Warning),
            ("SCHEMA_REF_NOT_IN_TYPE", Warning),
            ("SCHEMA_REF_NOT_FOUND", Warning),
        ]
    );
    // With a real `$defs` block the pointer means that block, which is not a type namespace.
    let schema = r##"{"$defs": {"A": {"type": "string"}}, "definitions": {"A": {"type": "string"}},
        "$root": "#/$defs/A"}"##;
    assert_eq!(
        codes_of(schema),
        [
            ("SCHEMA_UNKNOWN_KEYWORD", Warning),
            ("SCHEMA_REF_NOT_FOUND", Error)
        ]
    );
}

#[test]
fn structural_errors_have_catalogue_codes() {
    for (body, code) in [
        (r##"{"type": "strng"}"##, "SCHEMA_TYPE_INVALID"),
        (r##"{"type": "array"}"##, "SCHEMA_ARRAY_MISSING_ITEMS"),
        (r##"{"type": "set"}"##, "SCHEMA_ARRAY_MISSING_ITEMS"),
        (r##"{"type": "map"}"##, "SCHEMA_MAP_MISSING_VALUES"),
        (r##"{"type": "string", "enum": []}"##, "SCHEMA_ENUM_EMPTY"),
        (
            r##"{"type": "string", "enum": ["a", "a"]}"##,
            "SCHEMA_ENUM_DUPLICATES",
        ),
        (
            r##"{"type": "string", "enum": "a"}"##,
            "SCHEMA_ENUM_NOT_ARRAY",
        ),
        (
            r##"{"type": "string", "enum": [1]}"##,
            "SCHEMA_CONSTRAINT_INVALID_FOR_TYPE",
        ),
        (
            r##"{"type": "object", "properties": []}"##,
            "SCHEMA_PROPERTIES_NOT_OBJECT",
        ),
        (
            r##"{"type": "object", "properties": {"a": {"type": "string"}}, "required": "a"}"##,
            "SCHEMA_REQUIRED_NOT_ARRAY",
        ),
        (
            r##"{"type": "object", "properties": {"a": {"type": "string"}}, "required": ["b"]}"##,
            "SCHEMA_REQUIRED_PROPERTY_NOT_DEFINED",
        ),
        (
            r##"{"type": "object", "properties": {"a": {"type": "string"}}, "required": [1]}"##,
            "SCHEMA_REQUIRED_ITEM_NOT_STRING",
        ),
        (
            r##"{"type": "object", "properties": {"a": 5}}"##,
            "SCHEMA_INVALID_TYPE",
        ),
        (
            r##"{"type": "object", "properties": {"a": {"description": "no type"}}}"##,
            "SCHEMA_MISSING_TYPE",
        ),
        (
            r##"{"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": 1}"##,
            "SCHEMA_ADDITIONAL_PROPERTIES_INVALID",
        ),
        (
            r##"{"type": "string", "description": 5}"##,
            "SCHEMA_KEYWORD_INVALID_TYPE",
        ),
        (r##"{"type": []}"##, "SCHEMA_TYPE_ARRAY_EMPTY"),
        (
            r##"{"type": {"$ref": "#/definitions/Nope"}}"##,
            "SCHEMA_REF_NOT_FOUND",
        ),
        (
            r##"{"type": {"$ref": "definitions/T"}}"##,
            "SCHEMA_REF_NOT_FOUND",
        ),
        (
            r##"{"type": {"$ref": "#/definitions/T"}}"##,
            "SCHEMA_REF_CIRCULAR",
        ),
        (
            r##"{"type": "tuple", "properties": {"a": {"type": "string"}}, "tuple": "a"}"##,
            "SCHEMA_TUPLE_ORDER_NOT_ARRAY",
        ),
        (
            r##"{"type": "tuple", "properties": {"a": {"type": "string"}}, "tuple": ["a", "b"]}"##,
            "SCHEMA_TUPLE_ORDER_NOT_ARRAY",
        ),
        (
            r##"{"type": "tuple", "properties": {"a": {"type": "string"}}, "tuple": ["a", "a"]}"##,
            "SCHEMA_TUPLE_ORDER_NOT_ARRAY",
        ),
        (
            r##"{"type": "tuple", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}, "tuple": ["a"]}"##,
            "SCHEMA_TUPLE_MISSING_DEFINITION",
        ),
        (
            r##"{"type": "choice", "choices": {}}"##,
            "SCHEMA_CHOICE_MISSING_CHOICES",
        ),
        (r##"{"type": "choice"}"##, "SCHEMA_CHOICE_MISSING_CHOICES"),
        (
            r##"{"type": "choice", "choices": []}"##,
            "SCHEMA_CHOICES_NOT_OBJECT",
        ),
        (r##"{"type": "string", "not": 5}"##, "SCHEMA_INVALID_TYPE"),
        (
            r##"{"type": "string", "anyOf": []}"##,
            "SCHEMA_COMPOSITION_EMPTY",
        ),
    ] {
        let (set, diags) = check(&with_def(body));
        let errors: Vec<_> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.code)
            .collect();
        assert_eq!(errors, [code], "{body}");
        assert!(set.is_none() || diags.has_errors());
        let d = diags.iter().find(|d| d.is_error()).unwrap();
        assert!(
            d.location
                .as_ref()
                .unwrap()
                .pointer
                .as_deref()
                .unwrap()
                .starts_with("/definitions/T"),
            "{body}"
        );
    }
}

#[test]
fn misspelt_types_get_a_suggestion() {
    let (_, diags) = check(&with_def(r##"{"type": "strng"}"##));
    assert_eq!(
        diags.iter().next().unwrap().notes,
        ["did you mean `string`?"]
    );
}

#[test]
fn defaults_must_fit_their_type() {
    for (body, ok) in [
        (r##"{"type": "int32", "default": 1}"##, true),
        (r##"{"type": "int32", "default": 3000000000}"##, false),
        (r##"{"type": "uint8", "default": -1}"##, false),
        (r##"{"type": "int32", "default": "1"}"##, false),
        (
            r##"{"type": "int64", "default": "9223372036854775807"}"##,
            true,
        ),
        (
            r##"{"type": "string", "enum": ["a", "b"], "default": "c"}"##,
            false,
        ),
        (
            r##"{"type": "array", "items": {"type": "boolean"}, "default": [true, 1]}"##,
            false,
        ),
        (r##"{"type": "double", "default": 1.5}"##, true),
    ] {
        let (_, diags) = check(&with_def(body));
        let invalid = diags
            .iter()
            .any(|d| d.code == "SCHEMA_DEFAULT_INVALID" && d.is_error());
        assert_eq!(!invalid, ok, "{body}: {diags:?}");
    }
}

#[test]
fn companion_keywords_warn_unless_enabled() {
    let body = r##"{"type": "object", "properties": {"n": {"type": "int32", "minimum": 1, "default": 2}}}"##;
    let warned: Vec<_> = check(&with_def(body))
        .1
        .iter()
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(warned.len(), 2);
    assert!(warned[0].contains("`minimum`") && warned[0].ends_with("it is not enforced"));
    assert!(warned[1].contains("`default`") && warned[1].contains("still applies it"));

    let enabled = with_def(body).replacen('{', r##"{"$uses": ["JSONStructureValidation"], "##, 1);
    assert!(check(&enabled).1.is_empty());
    let by_meta = with_def(body).replace("/meta/core/", "/meta/validation/");
    assert!(check(&by_meta).1.is_empty());
    let typo =
        with_def(body).replacen('{', r##"{"$uses": ["JSONSchemaValidation", "Bogus"], "##, 1);
    assert_eq!(
        codes_of(&typo),
        [
            ("SCHEMA_USES_UNKNOWN_EXTENSION", Warning),
            ("SCHEMA_USES_UNKNOWN_EXTENSION", Warning)
        ]
    );
}

#[test]
fn a_default_on_a_required_property_is_flagged() {
    let body = r##"{"type": "object", "properties": {"n": {"type": "int32", "default": 2}}, "required": ["n"],
        "$comment": "x"}"##;
    let schema = with_def(body).replacen('{', r##"{"$uses": ["JSONStructureValidation"], "##, 1);
    assert_eq!(codes_of(&schema), [("SCHEMA_DEFAULT_INVALID", Warning)]);
}

#[test]
fn closed_objects_with_disjoint_required_sets_do_not_overlap() {
    let schema = r##"{"$uses": ["JSONStructureConditionalComposition"], "definitions": {
        "A": {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"], "additionalProperties": false},
        "B": {"type": "object", "properties": {"b": {"type": "string"}}, "required": ["b"], "additionalProperties": false}},
        "oneOf": [{"type": {"$ref": "#/definitions/A"}}, {"type": {"$ref": "#/definitions/B"}}]}"##;
    assert!(check(schema).1.is_empty());
    let open = schema.replace(r##", "additionalProperties": false"##, "");
    let diags = check(&open).1;
    assert_eq!(diags.codes(), ["SCHEMA_ONE_OF_OVERLAP"]);
    assert!(
        diags.iter().next().unwrap().notes[0].contains("both match a document with only `a`, `b`")
    );
}

#[test]
fn the_same_property_required_with_different_kinds_prevents_overlap() {
    let schema = r##"{"$uses": ["JSONStructureConditionalComposition"], "definitions": {
        "A": {"type": "object", "properties": {"k": {"type": "string"}}, "required": ["k"]},
        "B": {"type": "object", "properties": {"k": {"type": "int32"}}, "required": ["k"]}},
        "oneOf": [{"type": {"$ref": "#/definitions/A"}}, {"type": {"$ref": "#/definitions/B"}}]}"##;
    assert!(check(schema).1.is_empty());
}

#[test]
fn wrong_json_types_for_document_keywords_are_errors_not_panics() {
    for schema in [
        "[]",
        "42",
        r##"{"definitions": []}"##,
        r##"{"definitions": {"A": 1}}"##,
        r##"{"$uses": "JSONStructureValidation"}"##,
        r##"{"name": 5}"##,
        r##"{"oneOf": {}}"##,
        r##"{"oneOf": []}"##,
        r##"{"$root": 5}"##,
        r##"{"$offers": {"A": 5}, "type": "string"}"##,
    ] {
        let (_, diags) = check(schema);
        assert!(diags.has_errors(), "{schema}");
    }
}

/// The document keywords are read through the generated `SchemaDocument`: one that does not
/// fit is an error at its innermost wrong value, and the others still count.
#[test]
fn document_keywords_are_read_through_the_schema_document_types() {
    let schema = r##"{"$schema": "https://json-structure.org/meta/extended/v0/#", "$id": "https://example.com/x",
        "$uses": ["JSONStructureValidation"], "name": ["X"], "description": "Things",
        "$offers": {"A": "#/definitions/T", "B": ["#/definitions/T", 3]},
        "definitions": {"T": {"type": "string", "minLength": 2}}}"##;
    let (set, diags) = check(schema);
    let found: Vec<_> = diags
        .iter()
        .map(|d| {
            let at = d.location.as_ref().unwrap();
            let pointer = at.pointer.clone().unwrap_or_default();
            (
                d.code,
                pointer,
                &schema[at.span.start..at.span.end],
                d.notes.join(" "),
            )
        })
        .collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        (found[0].0, found[0].1.as_str(), found[0].2),
        ("SCHEMA_KEYWORD_INVALID_TYPE", "/name", "\"name\"")
    );
    // The note is the generated validator's: the closest form of a union, and where it fails.
    assert!(found[0].3.ends_with("Value must be a string"), "{found:?}");
    assert!(
        found[1]
            .3
            .ends_with("as JsonPointerArray, /1: JSON Pointer must be a string"),
        "{found:?}"
    );
    // The rest was read: `$uses` enabled Validation (so `minLength` draws no warning), and the
    // description and `$id` are the set's.
    let set = set.unwrap();
    assert!(set.extensions.validation);
    assert_eq!(set.description.as_deref(), Some("Things"));
    assert_eq!(set.id.as_deref(), Some("https://example.com/x"));
    assert_eq!(set.name, None);
    assert!(set.add_ins.is_empty());
}

#[test]
fn a_schema_or_id_that_is_not_a_uri_is_left_out_with_a_warning() {
    let (set, diags) = check(
        r#"{"$schema": 7, "$id": "not a uri", "$uses": ["JSONStructureValidation"], "name": "X", "type": "string"}"#,
    );
    let found: Vec<_> = diags
        .iter()
        .map(|d| (d.code, d.severity, d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "SCHEMA_KEYWORD_INVALID_TYPE",
                Warning,
                "`$schema` must be a meta-schema URI; read as a core document"
            ),
            (
                "SCHEMA_KEYWORD_INVALID_TYPE",
                Warning,
                "`$id` must be a URI; ignored (nothing generated depends on it)"
            ),
        ]
    );
    let set = set.unwrap();
    assert_eq!(set.id, None);
    assert!(set.extensions.validation);
}

#[test]
fn a_document_without_schema_is_read_as_core_with_a_warning() {
    let mut sources = SourceMap::default();
    let mut diags = Diagnostics::default();
    let schema =
        r#"{"$uses": ["JSONStructureValidation"], "name": "X", "type": "string", "minLength": 1}"#;
    let doc = load(&mut sources, "t.json", schema.as_bytes(), &mut diags).unwrap();
    let set = resolve(&doc, &mut diags).unwrap();
    assert_eq!(diags.codes(), ["SCHEMA_META_URI_MISSING"]);
    assert!(
        set.extensions.validation,
        "`$uses` still enables its companions"
    );
    assert_eq!(set.name.map(|(n, _)| n).as_deref(), Some("X"));
}

#[test]
fn validation_keywords_become_constraints_only_when_enforced() {
    use crate::schema::Constraint;
    let body = r##"{"type": "object", "properties": {
        "n": {"type": "int32", "minimum": 1, "exclusiveMaximum": 10, "multipleOf": 2},
        "s": {"type": "string", "minLength": 1, "maxLength": 5, "pattern": "^[a-z]+$", "format": "email"},
        "l": {"type": "array", "items": {"type": "string"}, "minItems": 1, "uniqueItems": true},
        "m": {"type": "map", "values": {"type": "string"}, "maxEntries": 3}},
        "dependentRequired": {"n": ["s"]}, "maxProperties": 4}"##;
    let constraints = |schema: &str, opt_in: bool| {
        let mut sources = SourceMap::default();
        let mut diags = Diagnostics::default();
        let doc = load(&mut sources, "t.json", schema.as_bytes(), &mut diags).unwrap();
        let set = super::resolve_with(&doc, opt_in, &mut diags).unwrap();
        assert!(!diags.has_errors(), "{diags:?}");
        let def = &set.definitions[0].schema;
        let Ty::Object(o) = &def.ty else { panic!() };
        let mut all = def.constraints.clone();
        for p in &o.properties {
            all.extend(p.schema.constraints.clone());
        }
        all
    };
    // Not enabled: only the core `maxLength`.
    assert_eq!(
        constraints(&with_def(body), false),
        [Constraint::MaxLength(5)]
    );
    let enforced = [
        Constraint::MaxProperties(4),
        Constraint::DependentRequired(vec![("n".into(), vec!["s".into()])]),
        Constraint::Minimum(1.0),
        Constraint::ExclusiveMaximum(10.0),
        Constraint::MultipleOf(2.0),
        Constraint::MinLength(1),
        Constraint::MaxLength(5),
        Constraint::Pattern(crate::pattern::compile("^[a-z]+$").unwrap()),
        Constraint::Format("email".into()),
        Constraint::MinItems(1),
        Constraint::UniqueItems,
        Constraint::MaxEntries(3),
    ];
    assert_eq!(constraints(&with_def(body), true), enforced);
    let enabled = with_def(body).replacen('{', r#"{"$uses": ["JSONStructureValidation"], "#, 1);
    assert_eq!(constraints(&enabled, false), enforced);
}

#[test]
fn patterns_outside_the_linear_engine_are_enforced_with_a_warning() {
    let lookahead = with_def(r##"{"type": "string", "pattern": "^(?=a)a+$"}"##).replacen(
        '{',
        r#"{"$uses": ["JSONStructureValidation"], "#,
        1,
    );
    assert_eq!(
        codes_of(&lookahead),
        [("CODEGEN_PATTERN_BACKTRACKING", Warning)]
    );
    // Not enforced: valid ECMA-262, so no finding beyond the usual warning.
    let plain = with_def(r##"{"type": "string", "pattern": "^(?=a)a+$"}"##);
    assert_eq!(
        codes_of(&plain),
        [("SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED", Warning)]
    );
    let broken = with_def(r##"{"type": "string", "pattern": "[unclosed"}"##);
    assert!(codes_of(&broken).contains(&("SCHEMA_PATTERN_INVALID", Error)));
}

#[test]
fn const_is_core_checked_and_always_enforced() {
    use crate::schema::Constraint;
    let (set, diags) = check(&with_def(r##"{"type": "string", "const": "v1"}"##));
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(
        set.unwrap().definitions[0].schema.constraints,
        [Constraint::Const(serde_json::json!("v1"))]
    );
    for bad in [
        r##"{"type": "int32", "const": "1"}"##,
        r##"{"type": "string", "const": ["a"]}"##,
        r##"{"type": "object", "properties": {"a": {"type": "string"}}, "const": {}}"##,
    ] {
        let (_, diags) = check(&with_def(bad));
        assert_eq!(
            diags.codes(),
            ["SCHEMA_CONSTRAINT_INVALID_FOR_TYPE"],
            "{bad}"
        );
    }
}

fn property_names(set: &SchemaSet, def: &str) -> Vec<String> {
    let d = set.definitions.iter().find(|d| d.name == def).unwrap();
    match &d.schema.ty {
        Ty::Object(o) => o.properties.iter().map(|p| p.name.clone()).collect(),
        other => panic!("{def} is {other:?}"),
    }
}

#[test]
fn extends_merges_bases_in_order_the_first_winning() {
    let (set, diags) = check(
        r##"{"definitions": {
            "A": {"type": "object", "abstract": true, "properties": {"a": {"type": "string"}, "x": {"type": "string"}}, "required": ["a"]},
            "B": {"type": "object", "abstract": true, "properties": {"x": {"type": "int32"}, "b": {"type": "string"}}},
            "C": {"type": "object", "$extends": ["#/definitions/A", "#/definitions/B"], "properties": {"c": {"type": "string"}}, "required": ["c", "b"]}}}"##,
    );
    assert!(diags.is_empty(), "{diags:?}");
    let set = set.unwrap();
    assert_eq!(property_names(&set, "C"), ["a", "x", "b", "c"]);
    let c = set.definitions.iter().find(|d| d.name == "C").unwrap();
    let Ty::Object(o) = &c.schema.ty else {
        unreachable!()
    };
    assert_eq!(o.required, ["a", "c", "b"]);
    // `x` comes from A, the first base: a string.
    assert!(matches!(
        o.properties[1].schema.ty,
        Ty::Primitive(crate::schema::Primitive::String)
    ));
}

#[test]
fn extends_departures_are_warned_and_errors_are_reported() {
    let concrete_and_redefined = codes_of(
        r##"{"definitions": {
            "A": {"type": "object", "properties": {"a": {"type": "string"}}},
            "C": {"type": "object", "$extends": "#/definitions/A", "properties": {"a": {"type": "int32"}}}}}"##,
    );
    assert_eq!(
        concrete_and_redefined,
        [
            ("SCHEMA_EXTENDS_NOT_ABSTRACT", Warning),
            ("SCHEMA_EXTENDS_REDEFINES", Warning)
        ]
    );
    let circular = codes_of(
        r##"{"definitions": {
            "A": {"type": "object", "abstract": true, "$extends": "#/definitions/B", "properties": {"a": {"type": "string"}}},
            "B": {"type": "object", "abstract": true, "$extends": "#/definitions/A", "properties": {"b": {"type": "string"}}}}}"##,
    );
    assert_eq!(circular, [("SCHEMA_EXTENDS_CIRCULAR", Error)]);
    let not_object = codes_of(
        r##"{"definitions": {"A": {"type": "string"}, "C": {"type": "object", "$extends": "#/definitions/A", "properties": {"c": {"type": "string"}}}}}"##,
    );
    assert_eq!(not_object, [("SCHEMA_EXTENDS_NOT_OBJECT", Error)]);
    let missing = codes_of(
        r##"{"definitions": {"A": {"type": "object", "abstract": true, "properties": {"a": {"type": "string"}}},
            "C": {"type": "object", "$extends": "#/definitions/A", "properties": {"c": {"type": "string"}}, "required": ["z"]}}}"##,
    );
    assert_eq!(missing, [("SCHEMA_REQUIRED_PROPERTY_NOT_DEFINED", Error)]);
}

/// Found by `cargo xtask fuzz` (a hang, then a stack overflow): an inline type extending the
/// definition that holds it inherits itself at every level. Reported once, at its `$extends`,
/// also where another definition inherits the inline type, and directly or through another
/// definition's inline type.
#[test]
fn inline_types_extending_what_holds_them_are_errors_not_hangs() {
    let direct = codes_of(
        r##"{"definitions": {
            "J": {"type": "object", "abstract": true, "properties": {"a": {"type": "string"},
                "again": {"type": "object", "$extends": "#/definitions/J", "properties": {"b": {"type": "string"}}}}},
            "M": {"type": "object", "$extends": "#/definitions/J", "properties": {"m": {"type": "string"}}}}}"##,
    );
    assert_eq!(direct, [("CODEGEN_UNSUPPORTED", Error)]);
    let through_another = codes_of(
        r##"{"definitions": {
            "A": {"type": "object", "abstract": true, "properties": {"b": {"type": "object", "$extends": "#/definitions/B"}}},
            "B": {"type": "object", "abstract": true, "properties": {"a": {"type": "object", "$extends": "#/definitions/A"}}}}}"##,
    );
    assert_eq!(
        through_another,
        [
            ("CODEGEN_UNSUPPORTED", Error),
            ("CODEGEN_UNSUPPORTED", Error)
        ]
    );
    // An inline type extending an unrelated definition is inheritance, not a cycle.
    let plain = codes_of(
        r##"{"definitions": {
            "A": {"type": "object", "abstract": true, "properties": {"a": {"type": "string"}}},
            "B": {"type": "object", "properties": {"x": {"type": "object", "$extends": "#/definitions/A"}}}}}"##,
    );
    assert_eq!(plain, []);
}

#[test]
fn numeric_enums_must_list_values_of_their_type() {
    assert_eq!(
        codes_of(&with_def(r##"{"type": "uint8", "enum": [1, 2]}"##)),
        []
    );
    assert_eq!(
        codes_of(&with_def(r##"{"type": "uint8", "enum": [1, 300]}"##)),
        [("SCHEMA_CONSTRAINT_INVALID_FOR_TYPE", Error)]
    );
}

#[test]
fn member_keywords_take_subschemas_and_valid_patterns() {
    let enabled =
        |body: &str| with_def(body).replacen('{', r#"{"$uses": ["JSONStructureValidation"], "#, 1);
    let object = |keywords: &str| {
        enabled(&format!(
            r#"{{"type": "object", "properties": {{"a": {{"type": "string"}}}}, {keywords}}}"#
        ))
    };
    for fine in [
        r#""patternProperties": {"^x": {"type": "string", "maxLength": 3}}"#,
        r#""propertyNames": {"type": "string", "pattern": "[a-z]+"}"#,
        r#""has": {"type": "int32", "minimum": 1}"#,
    ] {
        assert_eq!(codes_of(&object(fine)), [], "{fine}");
    }
    let map = enabled(
        r#"{"type": "map", "values": {"type": "string"}, "patternKeys": {"^n": {"type": "string"}}, "has": {"type": "string"}}"#,
    );
    assert_eq!(codes_of(&map), []);
    // Subschemas are schemas like any other: references, objects, arrays.
    for any in [
        r##""has": {"type": {"$ref": "#/definitions/T"}}"##,
        r##""patternProperties": {"^x": {"type": "array", "items": {"type": "string"}, "maxItems": 2}}"##,
    ] {
        assert_eq!(codes_of(&object(any)), [], "{any}");
    }
    // A broken subschema is the schema's error.
    assert_eq!(
        codes_of(&object(r##""has": {"type": "strng"}"##)),
        [("SCHEMA_TYPE_INVALID", Error)]
    );
    // Broken patterns and misplaced keywords are the schema's errors.
    assert!(codes_of(&object(
        r#""patternProperties": {"[x": {"type": "string"}}"#
    ))
    .contains(&("SCHEMA_PATTERN_INVALID", Error)));
    assert_eq!(
        codes_of(&enabled(
            r#"{"type": "array", "items": {"type": "string"}, "has": {"type": "string"}}"#
        )),
        [("SCHEMA_CONSTRAINT_INVALID_FOR_TYPE", Error)]
    );
    assert_eq!(
        codes_of(&object(r#""patternProperties": ["^x"]"#)),
        [("SCHEMA_KEYWORD_INVALID_TYPE", Error)]
    );
}

#[test]
fn composition_rules_take_effect_when_enabled_opted_in_or_alone() {
    use crate::schema::Primitive;
    // With a type and without the companion, the rules are ignored, with a warning.
    let typed = with_def(r##"{"type": "string", "not": {"type": "string", "maxLength": 1}}"##);
    let (set, diags) = check(&typed);
    assert_eq!(diags.codes(), ["SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED"]);
    let set = set.unwrap();
    assert!(rules_of(&set.definitions[0].schema).is_empty() && set.subschemas.is_empty());
    // Enabled, they are kept.
    let enabled = typed.replacen(
        '{',
        r##"{"$uses": ["JSONStructureConditionalComposition"], "##,
        1,
    );
    let (set, diags) = check(&enabled);
    assert!(diags.is_empty(), "{diags:?}");
    let set = set.unwrap();
    let rules = &rules_of(&set.definitions[0].schema)[0];
    assert!(rules.not.is_some());
    // Without a type they are all the schema says: kept (with the warning), the value is `any`.
    // Branches may omit `type`: with `properties`/`required` they are open objects, else `any`.
    let alone = with_def(
        r##"{"anyOf": [{"properties": {"a": {"type": "string"}}, "required": ["a"]}, {"description": "anything"}]}"##,
    );
    let (set, diags) = check(&alone);
    assert_eq!(diags.codes(), ["SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED"]);
    assert!(diags
        .iter()
        .next()
        .unwrap()
        .message
        .contains("still honours it"));
    let set = set.unwrap();
    assert!(matches!(
        set.definitions[0].schema.ty,
        Ty::Primitive(Primitive::Any)
    ));
    let branches = &rules_of(&set.definitions[0].schema)[0].any_of;
    let branch = |i: usize| &set.subschemas[branches[i].0].ty;
    assert!(matches!(branch(0), Ty::Object(o) if o.required == ["a"]));
    assert!(matches!(branch(1), Ty::Primitive(Primitive::Any)));
    // Outside a composition, a schema without a type is still an error.
    let (_, diags) = check(&with_def(
        r##"{"type": "array", "items": {"properties": {}}}"##,
    ));
    assert_eq!(diags.codes(), ["SCHEMA_MISSING_TYPE"]);
}

#[test]
fn then_or_else_without_if_is_flagged_and_ignored() {
    let schema = with_def(r##"{"type": "string", "then": {"type": "string"}}"##).replacen(
        '{',
        r##"{"$uses": ["JSONStructureConditionalComposition"], "##,
        1,
    );
    let (set, diags) = check(&schema);
    assert_eq!(diags.codes(), ["SCHEMA_CONDITIONAL_INCOMPLETE"]);
    assert!(set.unwrap().subschemas.is_empty());
}

#[test]
fn a_root_of_rules_alone_is_a_root_type() {
    let (set, diags) = check(
        r##"{"$uses": ["JSONStructureConditionalComposition"], "name": "R", "allOf": [{"type": "string"}], "not": {"type": "string", "maxLength": 0}}"##,
    );
    assert!(diags.is_empty(), "{diags:?}");
    let set = set.unwrap();
    let Root::Type(root) = &set.root else {
        panic!("{:?}", set.root)
    };
    let rules = &rules_of(root)[0];
    assert_eq!((rules.all_of.len(), rules.not.is_some()), (1, true));
}

/// The composition rules among a schema's constraints.
fn rules_of(schema: &crate::schema::Schema) -> Vec<&crate::schema::Rules> {
    schema.rules().into_iter().collect()
}

mod add_ins;
mod applies;
mod repairs;

#[test]
fn names_on_the_wire_longer_than_the_limit_are_errors_at_the_name() {
    use super::MAX_WIRE_NAME_BYTES;
    // Two-byte characters: the limit counts UTF-8 bytes, not characters.
    let name = |bytes: usize| "é".repeat(bytes / 2);
    let cases = |n: &str| {
        [
            (
                format!(r##"{{"type": "object", "properties": {{"{n}": {{"type": "string"}}}}}}"##),
                format!("/definitions/T/properties/{n}"),
            ),
            (
                format!(r##"{{"type": "string", "enum": ["a", "{n}"]}}"##),
                "/definitions/T/enum/1".to_owned(),
            ),
            (
                format!(r##"{{"type": "choice", "choices": {{"{n}": {{"type": "string"}}}}}}"##),
                format!("/definitions/T/choices/{n}"),
            ),
            (
                format!(
                    r##"{{"type": "choice", "selector": "{n}", "choices": {{"a": {{"type": "string"}}}}}}"##
                ),
                "/definitions/T/selector".to_owned(),
            ),
            (
                format!(
                    r##"{{"type": "object", "properties": {{"a": {{"type": "string", "altnames": {{"json": "{n}"}}}}}}}}"##
                ),
                "/definitions/T/properties/a/altnames/json".to_owned(),
            ),
        ]
    };
    for (body, pointer) in cases(&name(MAX_WIRE_NAME_BYTES + 2)) {
        let (_, diags) = check(&with_def(&body));
        let limit: Vec<_> = diags
            .iter()
            .filter(|d| d.code == "INPUT_LIMIT_EXCEEDED")
            .collect();
        assert_eq!(limit.len(), 1, "{body:.80}: {diags:?}");
        assert_eq!(limit[0].severity, Error);
        let at = limit[0]
            .location
            .as_ref()
            .and_then(|l| l.pointer.as_deref());
        assert_eq!(at, Some(pointer.as_str()));
        assert!(
            limit[0].message.contains("1026 bytes long"),
            "{}",
            limit[0].message
        );
    }
    for (body, _) in cases(&name(MAX_WIRE_NAME_BYTES)) {
        let (_, diags) = check(&with_def(&body));
        assert!(
            diags.iter().all(|d| d.code != "INPUT_LIMIT_EXCEEDED"),
            "{body:.80}: {diags:?}"
        );
    }
}

/// A schema's own keywords are read through the generated `Subschema`: each value that does
/// not fit is an error where it is, with the catalogue's code for its keyword and the
/// generated validator's reason.
#[test]
fn own_keywords_are_read_through_the_generated_subschema() {
    let cases = [
        (
            r#"{"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a", 5]}"#,
            vec![(
                "SCHEMA_REQUIRED_ITEM_NOT_STRING",
                "/definitions/T/required",
                "as PropertyNameArray, /1: Value must be a string",
            )],
        ),
        (
            r#"{"type": ["string", 5]}"#,
            vec![(
                "SCHEMA_KEYWORD_INVALID_TYPE",
                "/definitions/T/type",
                "as TypeUnion, /1: Value must be string or TypeReference",
            )],
        ),
        (
            r#"{"type": "tuple", "properties": {"a": {"type": "string"}}, "tuple": ["a", true]}"#,
            vec![(
                "SCHEMA_TUPLE_ORDER_NOT_ARRAY",
                "/definitions/T/tuple/1",
                "Value must be a string",
            )],
        ),
        (
            r#"{"type": "int32", "enum": {"one": 1}}"#,
            vec![(
                "SCHEMA_ENUM_NOT_ARRAY",
                "/definitions/T/enum",
                "Value must be an array",
            )],
        ),
        // `required` that does not fit is left out and the properties are read on.
        (
            r#"{"type": "object", "properties": {"a": {"type": 5}}, "required": 7}"#,
            vec![
                (
                    "SCHEMA_REQUIRED_NOT_ARRAY",
                    "/definitions/T/required",
                    "Value must be PropertyNameArray or ArrayOfPropertyNameArray",
                ),
                (
                    "SCHEMA_KEYWORD_INVALID_TYPE",
                    "/definitions/T/properties/a/type",
                    "Value must be string or TypeReference or TypeUnion",
                ),
            ],
        ),
        // Annotations that do not fit are left out, and the rest is read on: both are found.
        (
            r#"{"type": "string", "abstract": "yes", "description": 5}"#,
            vec![
                (
                    "SCHEMA_KEYWORD_INVALID_TYPE",
                    "/definitions/T/abstract",
                    "Value must be a boolean",
                ),
                (
                    "SCHEMA_KEYWORD_INVALID_TYPE",
                    "/definitions/T/description",
                    "Value must be a string",
                ),
            ],
        ),
    ];
    for (body, expected) in cases {
        let (_, diags) = check(&with_def(body));
        let found: Vec<_> = diags
            .iter()
            .map(|d| {
                let at = d.location.as_ref().unwrap();
                (
                    d.code,
                    at.pointer.clone().unwrap_or_default(),
                    d.notes.join(" "),
                )
            })
            .collect();
        assert_eq!(found.len(), expected.len(), "{body}: {found:#?}");
        for ((code, pointer, note), (want_code, want_pointer, want_note)) in
            found.iter().zip(&expected)
        {
            assert_eq!(
                (*code, pointer.as_str()),
                (*want_code, *want_pointer),
                "{body}"
            );
            assert!(note.ends_with(want_note), "{body}: {note}");
        }
    }
}
