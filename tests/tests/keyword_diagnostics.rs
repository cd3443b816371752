//! What an author sees when a schema's keywords do not fit the meta-schema: the generator reads
//! them through the `schema-document` types, and each value that does not fit is shown where
//! it is (file:line:col and pointer), with the keyword's code and the generated validator's
//! reason. Nothing is written.

#[test]
fn keywords_that_do_not_fit_the_meta_schema_are_shown_where_they_are() {
    let schema = r##"{
  "$schema": "https://json-structure.org/meta/extended/v0/#",
  "$id": "https://example.com/orders",
  "$uses": ["JSONStructureValidation"],
  "name": "Order",
  "type": "object",
  "properties": {
    "id": {"type": "string", "description": 42},
    "kind": {"type": "string", "enum": "retail"},
    "lines": {"type": "array", "items": {"type": ["string", {"$ref": "Line"}]}}
  },
  "required": ["id", 7]
}"##;
    let outcome = codegen::generate(
        "orders.struct.json",
        schema.as_bytes(),
        &tests::scratch_options("orders"),
    );
    assert!(outcome.files.is_none());
    let codes: Vec<_> = outcome.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [
            "SCHEMA_REQUIRED_ITEM_NOT_STRING",
            "SCHEMA_KEYWORD_INVALID_TYPE",
            "SCHEMA_ENUM_NOT_ARRAY",
            "SCHEMA_REF_NOT_FOUND",
        ]
    );
    insta::assert_snapshot!(outcome.render());
}
