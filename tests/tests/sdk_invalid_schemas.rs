//! The JSON Structure SDK's invalid schemas (`../shared/json-structure/sdk-test-assets/schemas/
//! invalid/`, read from there): each must be rejected, with the catalogue code that fits.

/// The code each asset must produce; the file names say what is wrong with them.
const EXPECTED: &[(&str, &str)] = &[
    ("allof-not-array", "SCHEMA_COMPOSITION_NOT_ARRAY"),
    ("array-missing-items", "SCHEMA_ARRAY_MISSING_ITEMS"),
    ("circular-ref-direct", "SCHEMA_REF_CIRCULAR"),
    (
        "constraint-type-mismatch-minimum",
        "SCHEMA_CONSTRAINT_INVALID_FOR_TYPE",
    ),
    (
        "constraint-type-mismatch-minlength",
        "SCHEMA_CONSTRAINT_INVALID_FOR_TYPE",
    ),
    ("defs-not-object", "SCHEMA_KEYWORD_INVALID_TYPE"),
    ("enum-duplicates", "SCHEMA_ENUM_DUPLICATES"),
    ("enum-empty", "SCHEMA_ENUM_EMPTY"),
    ("enum-not-array", "SCHEMA_ENUM_NOT_ARRAY"),
    ("invalid-regex-pattern", "SCHEMA_PATTERN_INVALID"),
    ("map-missing-values", "SCHEMA_MAP_MISSING_VALUES"),
    ("minimum-exceeds-maximum", "SCHEMA_MIN_GREATER_THAN_MAX"),
    ("minitems-exceeds-maxitems", "SCHEMA_MIN_GREATER_THAN_MAX"),
    ("minitems-negative", "SCHEMA_INTEGER_CONSTRAINT_INVALID"),
    ("minlength-exceeds-maxlength", "SCHEMA_MIN_GREATER_THAN_MAX"),
    ("minlength-negative", "SCHEMA_INTEGER_CONSTRAINT_INVALID"),
    ("missing-type", "SCHEMA_ROOT_MISSING_TYPE"),
    (
        "multipleof-negative",
        "SCHEMA_POSITIVE_NUMBER_CONSTRAINT_INVALID",
    ),
    (
        "multipleof-zero",
        "SCHEMA_POSITIVE_NUMBER_CONSTRAINT_INVALID",
    ),
    ("properties-not-object", "SCHEMA_PROPERTIES_NOT_OBJECT"),
    ("ref-undefined", "SCHEMA_REF_NOT_FOUND"),
    (
        "required-missing-property",
        "SCHEMA_REQUIRED_PROPERTY_NOT_DEFINED",
    ),
    ("required-not-array", "SCHEMA_REQUIRED_NOT_ARRAY"),
    (
        "tuple-missing-definition",
        "SCHEMA_TUPLE_MISSING_DEFINITION",
    ),
    (
        "tuple-missing-prefixitems",
        "SCHEMA_TUPLE_MISSING_DEFINITION",
    ),
    ("unknown-type", "SCHEMA_TYPE_INVALID"),
];

#[test]
fn every_invalid_sdk_schema_is_rejected_with_the_fitting_code() {
    let files = tests::sdk_assets("schemas/invalid");
    assert_eq!(
        files.len(),
        EXPECTED.len(),
        "a new asset needs an expected code"
    );
    let options = tests::scratch_options("invalid");
    for path in files {
        let name = path
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .trim_end_matches(".struct.json");
        let expected = EXPECTED
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("no expectation for {name}"))
            .1;
        let outcome = codegen::generate(name, &std::fs::read(&path).unwrap(), &options);
        assert!(outcome.files.is_none(), "{name} was accepted");
        let errors: Vec<_> = outcome
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.code)
            .collect();
        assert_eq!(
            errors.first(),
            Some(&expected),
            "{name}: {errors:?}\n{}",
            outcome.render()
        );
    }
}
