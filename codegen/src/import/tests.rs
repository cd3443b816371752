//! Imports across files of our own: the companion's examples, shadowing, and each way an
//! import can fail, with the diagnostics where the failure is.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::*;
use crate::{CrateOptions, Outcome};

const PEOPLE: &str = r##"{
  "$schema": "https://json-structure.org/meta/extended/v0/#",
  "$id": "https://example.com/people.json",
  "name": "Person",
  "type": "object",
  "properties": {
    "firstName": { "type": "string" },
    "address": { "type": { "$ref": "#/definitions/Address" } }
  },
  "definitions": {
    "Address": {
      "type": "object",
      "properties": { "street": { "type": "string" }, "city": { "type": "string" } }
    }
  }
}"##;

/// A scratch directory holding `files`; removed first, so each test starts clean.
fn scratch(test: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jstruct-import-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// Generates `main` of `dir`, shown as `schemas/<main>`, with `uris` mapped to files of `dir`.
fn generate(dir: &Path, main: &str, uris: &[(&str, &str)]) -> Outcome {
    let options = CrateOptions {
        package: "imports".into(),
        version: "0.1.0".into(),
        imports: Imports {
            uris: uris
                .iter()
                .map(|(uri, file)| {
                    let located = Located::new(dir.join(file), format!("schemas/{file}"));
                    ((*uri).to_owned(), located)
                })
                .collect::<BTreeMap<_, _>>(),
            base: Some(Located::new(dir, "schemas")),
        },
        ..Default::default()
    };
    let bytes = std::fs::read(dir.join(main)).unwrap();
    crate::generate(&format!("schemas/{main}"), &bytes, &options)
}

fn model(outcome: &Outcome) -> &str {
    let files = outcome
        .files
        .as_ref()
        .unwrap_or_else(|| panic!("{}", outcome.render()));
    &files
        .iter()
        .find(|f| f.path == "src/model.rs")
        .unwrap()
        .contents
}

fn codes(outcome: &Outcome) -> Vec<&'static str> {
    outcome.diagnostics.codes()
}

#[test]
fn a_namespace_import_brings_the_root_type_and_the_definitions_with_references_rewritten() {
    let dir = scratch(
        "namespace",
        &[
            ("people.json", PEOPLE),
            (
                "main.json",
                r##"{"$schema": "https://json-structure.org/meta/extended/v0/#", "$id": "https://example.com/main", "name": "Order",
                    "type": "object",
                    "properties": {"person": {"type": {"$ref": "#/definitions/People/Person"}},
                                   "shippingAddress": {"type": {"$ref": "#/definitions/People/Address"}}},
                    "definitions": {"People": {"$import": "https://example.com/people.json"}}}"##,
            ),
        ],
    );
    let outcome = generate(
        &dir,
        "main.json",
        &[("https://example.com/people.json", "people.json")],
    );
    let model = model(&outcome);
    assert!(model.contains("pub struct Person {"), "{model}");
    // The imported `Person` refers to the imported `Address`, through the rewritten reference.
    assert!(model.contains("pub address: Option<Address>"), "{model}");
    assert!(
        model.contains("pub shipping_address: Option<Address>"),
        "{model}"
    );
    assert!(codes(&outcome).is_empty(), "{}", outcome.render());
    assert_eq!(outcome.imported, ["schemas/people.json"]);
    // The imported file is an input of the generated code.
    assert!(outcome.files.unwrap()[0]
        .contents
        .contains("schemas/people.json"));
}

#[test]
fn a_root_import_by_relative_path_brings_everything_into_the_root_namespace() {
    let dir = scratch(
        "root",
        &[
            ("lib/people.json", PEOPLE),
            (
                "main.json",
                r##"{"$schema": "https://json-structure.org/meta/extended/v0/#", "$id": "https://example.com/main", "name": "Order",
                    "$import": "lib/people.json",
                    "type": "object",
                    "properties": {"person": {"type": {"$ref": "#/definitions/Person"}}}}"##,
            ),
        ],
    );
    let outcome = generate(&dir, "main.json", &[]);
    let model = model(&outcome);
    assert!(model.contains("pub person: Option<Person>"), "{model}");
    assert!(model.contains("pub struct Address {"), "{model}");
    assert_eq!(outcome.imported, ["schemas/lib/people.json"]);
}

#[test]
fn importdefs_leaves_the_root_type_behind() {
    let dir = scratch(
        "importdefs",
        &[
            ("people.json", PEOPLE),
            (
                "main.json",
                r##"{"$schema": "https://json-structure.org/meta/extended/v0/#", "$id": "https://example.com/main", "name": "Order",
                    "type": "object",
                    "properties": {"home": {"type": {"$ref": "#/definitions/People/Address"}},
                                   "person": {"type": {"$ref": "#/definitions/People/Person"}}},
                    "definitions": {"People": {"$importdefs": "people.json"}}}"##,
            ),
        ],
    );
    let outcome = generate(&dir, "main.json", &[]);
    assert_eq!(
        codes(&outcome),
        ["SCHEMA_REF_NOT_FOUND"],
        "{}",
        outcome.render()
    );
    assert!(outcome.render().contains("#/definitions/People/Person"));
}

#[test]
fn a_local_definition_shadows_the_imported_one_entirely() {
    let dir = scratch(
        "shadow",
        &[
            ("people.json", PEOPLE),
            (
                "main.json",
                r##"{"$schema": "https://json-structure.org/meta/extended/v0/#", "$id": "https://example.com/main", "name": "Order",
                    "type": "object",
                    "properties": {"person": {"type": {"$ref": "#/definitions/People/Person"}}},
                    "definitions": {"People": {"$import": "people.json",
                        "Address": {"type": "object", "properties": {"postalCode": {"type": "string"}}}}}}"##,
            ),
        ],
    );
    let outcome = generate(&dir, "main.json", &[]);
    let model = model(&outcome);
    assert!(model.contains("pub postal_code: Option<String>"), "{model}");
    assert!(!model.contains("pub street:"), "{model}");
    // The imported `Person` now refers to the local `Address`.
    assert!(model.contains("pub address: Option<Address>"), "{model}");
}

#[test]
fn a_cycle_is_an_error_at_the_import_that_closes_it_in_that_file() {
    let dir = scratch(
        "cycle",
        &[
            (
                "a.json",
                r##"{"$schema": "https://json-structure.org/meta/extended/v0/#", "$id": "https://example.com/a", "name": "A",
                    "type": "object", "properties": {"b": {"type": {"$ref": "#/definitions/B"}}},
                    "definitions": {"$import": "b.json"}}"##,
            ),
            (
                "b.json",
                "{\"$schema\": \"https://json-structure.org/meta/extended/v0/#\",\n \"name\": \"B\", \"type\": \"object\",\n \"$import\": \"a.json\"}",
            ),
        ],
    );
    let outcome = generate(&dir, "a.json", &[]);
    assert_eq!(codes(&outcome), ["SCHEMA_IMPORT_CIRCULAR"]);
    let rendered = outcome.render();
    assert!(rendered.contains("schemas/b.json:3:13"), "{rendered}");
    assert!(rendered.contains("\"$import\": \"a.json\""), "{rendered}");
}

#[test]
fn a_missing_or_unmapped_document_is_an_error_at_the_import() {
    let dir = scratch(
        "missing",
        &[(
            "main.json",
            "{\"$schema\": \"https://json-structure.org/meta/extended/v0/#\", \"name\": \"M\", \"type\": \"object\",\n \"definitions\": {\"A\": {\"$import\": \"nowhere.json\"},\n  \"B\": {\"$import\": \"https://example.com/b.json\"}}}",
        )],
    );
    let outcome = generate(&dir, "main.json", &[]);
    assert_eq!(
        codes(&outcome),
        ["SCHEMA_IMPORT_NOT_FOUND", "SCHEMA_IMPORT_NOT_FOUND"]
    );
    let rendered = outcome.render();
    assert!(rendered.contains("schemas/main.json:2:35"), "{rendered}");
    assert!(
        rendered.contains("no file is mapped to `https://example.com/b.json`"),
        "{rendered}"
    );
    assert!(rendered.contains("[crate.imports]"), "{rendered}");
}

#[test]
fn two_imports_of_one_name_into_one_namespace_conflict_unless_it_is_the_same_definition() {
    let other = r##"{"$schema": "https://json-structure.org/meta/extended/v0/#", "name": "Other", "type": "object",
        "definitions": {"Address": {"type": "object", "properties": {"line": {"type": "string"}}}}}"##;
    let dir = scratch(
        "conflict",
        &[
            ("people.json", PEOPLE),
            ("other.json", other),
            // Imported twice, through another document: the same definition, no conflict.
            (
                "again.json",
                r##"{"$schema": "https://json-structure.org/meta/extended/v0/#", "name": "Again", "type": "object",
                    "$importdefs": "people.json"}"##,
            ),
            (
                "main.json",
                r##"{"$schema": "https://json-structure.org/meta/extended/v0/#", "name": "M", "type": "object",
                    "definitions": {"$importdefs": "people.json", "Lib": {"$importdefs": "people.json"},
                                    "Ns": {"$importdefs": "people.json", "$import": "again.json"}}}"##,
            ),
        ],
    );
    // (The namespaces' copies of `Address` are renamed apart, with warnings, as any clash.)
    let outcome = generate(&dir, "main.json", &[]);
    assert!(!outcome.diagnostics.has_errors(), "{}", outcome.render());
    let main = r##"{"$schema": "https://json-structure.org/meta/extended/v0/#", "name": "M", "type": "object",
        "definitions": {"$importdefs": "people.json", "$import": "other.json"}}"##;
    std::fs::write(dir.join("main.json"), main).unwrap();
    let outcome = generate(&dir, "main.json", &[]);
    assert_eq!(codes(&outcome), ["SCHEMA_IMPORT_CONFLICT"]);
    assert!(outcome
        .render()
        .contains("`other.json` imports `Address` into the root namespace, which `people.json` imports already"));
}

#[test]
fn problems_inside_an_imported_document_are_shown_in_its_own_lines() {
    let dir = scratch(
        "inside",
        &[
            (
                "lib.json",
                "{\"$schema\": \"https://json-structure.org/meta/extended/v0/#\", \"name\": \"Lib\", \"type\": \"object\",\n \"definitions\": {\n  \"Bad\": {\"type\": \"strng\"}}}",
            ),
            (
                "main.json",
                r##"{"$schema": "https://json-structure.org/meta/extended/v0/#", "name": "M", "type": "object",
                    "properties": {"bad": {"type": {"$ref": "#/definitions/Lib/Bad"}}},
                    "definitions": {"Lib": {"$importdefs": "lib.json"}}}"##,
            ),
        ],
    );
    let outcome = generate(&dir, "main.json", &[]);
    assert_eq!(
        codes(&outcome),
        ["SCHEMA_TYPE_INVALID"],
        "{}",
        outcome.render()
    );
    let rendered = outcome.render();
    assert!(rendered.contains("schemas/lib.json:3:19"), "{rendered}");
    assert!(
        rendered.contains("\"Bad\": {\"type\": \"strng\"}"),
        "{rendered}"
    );
    // The pointer is where the definition stands in the importing document.
    assert!(rendered.contains("/definitions/Lib/Bad/type"), "{rendered}");
}

#[test]
fn a_core_document_that_imports_is_warned_and_imported() {
    let dir = scratch(
        "gate",
        &[
            ("people.json", PEOPLE),
            (
                "main.json",
                r##"{"$schema": "https://json-structure.org/meta/core/v0/#", "name": "M", "type": "object",
                    "properties": {"p": {"type": {"$ref": "#/definitions/Person"}}},
                    "$import": "people.json"}"##,
            ),
        ],
    );
    let outcome = generate(&dir, "main.json", &[]);
    assert_eq!(codes(&outcome), ["SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED"]);
    assert!(model(&outcome).contains("pub p: Option<Person>"));
    let uses = r##"{"$schema": "https://json-structure.org/meta/core/v0/#", "$uses": ["JSONStructureImport"], "name": "M", "type": "object",
        "properties": {"p": {"type": {"$ref": "#/definitions/Person"}}}, "$import": "people.json"}"##;
    std::fs::write(dir.join("main.json"), uses).unwrap();
    assert!(codes(&generate(&dir, "main.json", &[])).is_empty());
}

#[test]
fn an_import_that_is_not_a_string_is_an_error() {
    let dir = scratch(
        "not-a-string",
        &[(
            "main.json",
            r##"{"$schema": "https://json-structure.org/meta/extended/v0/#", "name": "M", "type": "object", "$import": 5}"##,
        )],
    );
    assert_eq!(
        codes(&generate(&dir, "main.json", &[])),
        ["SCHEMA_KEYWORD_INVALID_TYPE"]
    );
}

#[test]
fn an_imported_document_must_hold_a_map_of_definitions_and_name_its_root_type() {
    let dir = scratch(
        "shape",
        &[
            (
                "bad.json",
                "{\"$schema\": \"https://json-structure.org/meta/extended/v0/#\", \"type\": \"string\",\n \"definitions\": [1]}",
            ),
            (
                "main.json",
                r##"{"$schema": "https://json-structure.org/meta/extended/v0/#", "name": "M", "type": "object", "$import": "bad.json"}"##,
            ),
        ],
    );
    let outcome = generate(&dir, "main.json", &[]);
    assert_eq!(
        codes(&outcome),
        ["SCHEMA_INVALID_TYPE", "SCHEMA_IMPORT_ROOT_UNNAMED"]
    );
    let rendered = outcome.render();
    assert!(rendered.contains("schemas/bad.json:2:2"), "{rendered}");
    assert!(rendered.contains("schemas/bad.json:1:1"), "{rendered}");
}
