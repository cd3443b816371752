//! Keywords on types they do not belong to, seen through references and unions.

use super::*;

#[test]
fn structural_keywords_on_a_type_without_them_are_errors() {
    use crate::codes::SCHEMA_CONSTRAINT_INVALID_FOR_TYPE as MISPLACED;
    for body in [
        r#"{"type": "string", "properties": {"a": {"type": "string"}}}"#,
        r#"{"type": "string", "required": ["a"]}"#,
        r#"{"type": "string", "items": {"type": "string"}}"#,
        r#"{"type": ["date"], "required": ["a"]}"#,
        r#"{"type": ["date", "null"], "properties": {"a": {"type": "string"}}}"#,
        r#"{"type": "array", "items": {"type": "string"}, "values": {"type": "string"}}"#,
        r#"{"type": "object", "properties": {}, "choices": {}}"#,
    ] {
        let (_, diags) = check(&with_def(body));
        let found: Vec<_> = diags.iter().map(|d| (d.code, d.severity)).collect();
        assert_eq!(found, [(MISPLACED, Error)], "{body}");
    }
    // Where they belong, and where no `type` says otherwise, they are fine.
    for body in [
        r#"{"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}"#,
        r#"{"type": "set", "items": {"type": "string"}}"#,
        r#"{"type": "map", "values": {"type": "string"}}"#,
    ] {
        assert_eq!(codes_of(&with_def(body)), [], "{body}");
    }
}

#[test]
fn validation_keywords_beside_a_ref_are_checked_against_its_target() {
    use crate::codes::SCHEMA_CONSTRAINT_INVALID_FOR_TYPE as MISPLACED;
    let schema = |keyword: &str| {
        format!(
            r##"{{"$schema": "https://json-structure.org/meta/extended/v0/#", "$uses": ["JSONStructureValidation"], "$id": "x", "name": "X",
            "definitions": {{"O": {{"type": "object", "properties": {{"a": {{"type": "string"}}}}}},
                            "Alias": {{"type": {{"$ref": "#/definitions/S"}}}},
                            "S": {{"type": "string"}},
                            "T": {{"type": "object", "properties": {{
                                "o": {{"type": {{"$ref": "#/definitions/O"}}, {keyword}}},
                                "s": {{"type": {{"$ref": "#/definitions/Alias"}}, "maxLength": 3}}}}}}}}}}"##
        )
    };
    for keyword in [r#""minimum": 1"#, r#""maxLength": 3"#, r#""minLength": 1"#] {
        let (_, diags) = check(&schema(keyword));
        let found: Vec<_> = diags.iter().map(|d| (d.code, d.severity)).collect();
        assert_eq!(found, [(MISPLACED, Error)], "{keyword}");
        let message = &diags.iter().next().unwrap().message;
        assert!(
            message.contains("`object` (through its `$ref`)"),
            "{message}"
        );
    }
    // On an object reference, the object's own keywords are in place.
    assert_eq!(codes_of(&schema(r#""minProperties": 1"#)), []);
}
