//! The `schema-document` crate: JSON Structure schema documents as typed values, generated from
//! the official meta-schemas with the project's corrections (`schemas/meta/`). Every schema of
//! this repository reads and writes back unchanged; structural mistakes are violations with
//! their pointer and position. (`cargo xtask conformance` does the same over the public suite.)

use schema_document::{SchemaDocument, Validate};
use serde_json::Value;

/// The schemas this repository holds: the fixtures, the seed and the meta-schemas.
fn schemas() -> Vec<std::path::PathBuf> {
    let root = tests::root();
    let mut found = Vec::new();
    for dir in ["tests/fixtures", "schemas", "schemas/meta"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".struct.json") || name.ends_with("-v0.json") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn every_schema_of_the_repository_reads_and_writes_back_unchanged() {
    let schemas = schemas();
    assert!(schemas.len() >= 7, "{schemas:?}");
    for path in schemas {
        let text = std::fs::read_to_string(&path).unwrap();
        let document = SchemaDocument::from_json_str(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let written = serde_json::to_value(&document).unwrap();
        let original: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(written, original, "{}", path.display());
    }
}

#[test]
fn the_types_say_what_a_schema_declares() {
    let text = r##"{"$schema": "https://json-structure.org/meta/validation/v0/#", "$id": "https://example.com/o",
        "name": "Order", "type": "object", "properties": {"id": {"type": "string", "maxLength": 8},
        "lines": {"type": "array", "items": {"type": {"$ref": "#/definitions/Line"}}}},
        "required": ["id"], "definitions": {"Line": {"type": "object", "properties": {"qty": {"type": ["int32", "null"]}}}}}"##;
    let document = SchemaDocument::from_json_str(text).unwrap();
    assert_eq!(document.name.as_deref(), Some("Order"));
    let properties = document.properties.as_ref().unwrap();
    assert_eq!(properties.len(), 2);
    let lines = &properties["lines"];
    let schema_document::SchemaOrRules::Property(lines) = lines else {
        panic!("{lines:?}")
    };
    let items = lines.items.as_deref().unwrap();
    let schema_document::SchemaOrRules::Property(items) = items else {
        panic!("{items:?}")
    };
    let reference = serde_json::to_value(&items.type_).unwrap();
    assert_eq!(reference, serde_json::json!({"$ref": "#/definitions/Line"}));
    // `maxLength` is one of the Validation keywords: kept as written.
    assert_eq!(
        serde_json::to_value(&properties["id"]).unwrap()["maxLength"],
        8
    );
}

#[test]
fn structural_mistakes_are_violations_with_their_place() {
    let cases = [
        (
            r#""properties": ["id"]"#,
            "/properties",
            "INSTANCE_MAP_EXPECTED",
        ),
        (r#""required": "id""#, "/required", "INSTANCE_TYPE_MISMATCH"),
        (
            r#""properties": {"id": {"description": "no type"}}"#,
            "/properties/id",
            "INSTANCE_TYPE_MISMATCH",
        ),
        (
            r#""properties": {"id": {"type": 5}}"#,
            "/properties/id",
            "INSTANCE_TYPE_MISMATCH",
        ),
        (
            r#""properties": {"id": {"type": "string", "maxLength": "8"}}"#,
            "/properties/id",
            "INSTANCE_TYPE_MISMATCH",
        ),
        (
            r#""definitions": []"#,
            "/definitions",
            "INSTANCE_MAP_EXPECTED",
        ),
        (
            r##""$extends": {"$ref": "#/definitions/A"}"##,
            "/$extends",
            "INSTANCE_TYPE_MISMATCH",
        ),
        (
            r#""allOf": {"type": "object"}"#,
            "/allOf",
            "INSTANCE_ARRAY_EXPECTED",
        ),
        // The Validation keywords are typed too (the validation meta-schema `$uses` them).
        (
            r#""minProperties": -1"#,
            "/minProperties",
            "INSTANCE_NUMBER_MINIMUM",
        ),
        // Inside a union (a property is a schema, a reference or a rule set), the union says
        // that no member fits, and what is wrong as the member the value came closest to.
        (
            r#""properties": {"n": {"type": "int32", "multipleOf": 0}}"#,
            "/properties/n",
            "INSTANCE_TYPE_MISMATCH",
        ),
    ];
    let closest = [
        (
            r#""properties": {"id": {"type": 5}}"#,
            "; as Property, /type: Value must be string or TypeReference or TypeUnion",
        ),
        (
            r#""properties": {"id": {"type": "string", "maxLength": "8"}}"#,
            "; as Property, /maxLength: Value must be an integer",
        ),
        (
            r#""properties": {"n": {"type": "int32", "multipleOf": 0}}"#,
            "; as Property, /multipleOf: Value must be PositiveInteger or PositiveNumber; as PositiveInteger: Value 0 must be greater than 0",
        ),
        (
            r#""properties": {"id": {"description": "no type"}}"#,
            "; as Property: Missing required property: type",
        ),
    ];
    for (member, pointer, code) in cases {
        let text = format!(
            "{{\"$schema\": \"https://json-structure.org/meta/core/v0/#\", \"$id\": \"https://example.com/x\",\n \"name\": \"X\", \"type\": \"object\",\n {member}}}"
        );
        let errors = SchemaDocument::validate_str(&text).expect_err(member);
        let v = errors
            .violations()
            .iter()
            .find(|v| v.pointer == pointer)
            .unwrap_or_else(|| panic!("{member}: {errors}"));
        assert_eq!(v.code.to_string(), code, "{member}: {errors}");
        if let Some((_, said)) = closest.iter().find(|(m, _)| *m == member) {
            assert!(v.message.ends_with(said), "{member}: {}", v.message);
        }
        assert_eq!(v.line, Some(3), "{member}: {errors}");
        assert!(v.column.is_some_and(|c| c > 1), "{member}: {errors}");
    }
}
