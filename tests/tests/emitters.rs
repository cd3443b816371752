//! Each construct on its own: a tiny schema per construct, the code every emitter writes for it
//! as one small snapshot (reviewable when an emitter changes), and all of those crates linted
//! with `clippy -D warnings` in one scratch workspace. The fixture crates cover the constructs
//! together; these show what each one alone becomes.

use std::fs;
use std::path::Path;
use std::process::Command;

const HEAD: &str = r#""$schema": "https://json-structure.org/meta/extended/v0/#", "$id": "https://example.com/c", "$uses": ["JSONStructureValidation", "JSONStructureConditionalComposition"]"#;

/// `(name, the rest of a root object)`: one construct each.
const CONSTRUCTS: &[(&str, &str)] = &[
    (
        "object",
        r##""name": "Point", "type": "object", "description": "A point.",
            "properties": {"x": {"type": "int32", "description": "Across."}, "label": {"type": "string", "maxLength": 8}},
            "required": ["x"]"##,
    ),
    (
        "defaults",
        r##""name": "Options", "type": "object",
            "properties": {"retries": {"type": "int32", "default": 3}, "verbose": {"type": "boolean", "default": false}}"##,
    ),
    (
        "string_enum",
        r##""name": "Holder", "type": "object",
            "properties": {"size": {"type": "string", "enum": ["small", "large"]}}"##,
    ),
    (
        "nullable",
        r##""name": "Reading", "type": "object",
            "properties": {"level": {"type": ["double", "null"]}}, "required": ["level"]"##,
    ),
    (
        "wire_types",
        r##""name": "Record", "type": "object",
            "properties": {"id": {"type": "uuid"}, "big": {"type": "int64"}, "on": {"type": "date"}, "amount": {"type": "decimal"}}"##,
    ),
    (
        "collections",
        r##""name": "Bag", "type": "object",
            "properties": {"tags": {"type": "set", "items": {"type": "string"}, "maxItems": 3},
                           "counts": {"type": "map", "values": {"type": "int32", "minimum": 0}},
                           "rows": {"type": "array", "items": {"type": "array", "items": {"type": "string", "maxLength": 2}}}}"##,
    ),
    (
        "tuple",
        r##""name": "Pair", "type": "tuple", "properties": {"a": {"type": "string"}, "b": {"type": "int32"}}, "tuple": ["a", "b"]"##,
    ),
    (
        "tagged_choice",
        r##""name": "Shape", "type": "choice",
            "choices": {"circle": {"type": {"$ref": "#/definitions/Circle"}}, "square": {"type": {"$ref": "#/definitions/Square"}}},
            "definitions": {"Circle": {"type": "object", "properties": {"r": {"type": "double"}}, "required": ["r"]},
                            "Square": {"type": "object", "properties": {"side": {"type": "double"}}, "required": ["side"]}}"##,
    ),
    (
        "inline_choice",
        r##""name": "Address", "type": "choice", "$extends": "#/definitions/Base", "selector": "addressType",
            "choices": {"Street": {"type": {"$ref": "#/definitions/Street"}}, "Box": {"type": {"$ref": "#/definitions/Box"}}},
            "definitions": {"Base": {"type": "object", "abstract": true, "properties": {"addressType": {"type": "string"}, "city": {"type": "string"}}, "required": ["addressType"]},
                            "Street": {"type": "object", "$extends": "#/definitions/Base", "properties": {"street": {"type": "string"}}},
                            "Box": {"type": "object", "$extends": "#/definitions/Base", "properties": {"box": {"type": "string"}}}}"##,
    ),
    (
        "inheritance",
        r##""name": "Dog", "type": "object", "$extends": "#/definitions/Animal", "properties": {"barks": {"type": "boolean"}},
            "definitions": {"Animal": {"type": "object", "abstract": true, "properties": {"name": {"type": "string"}}, "required": ["name"]}}"##,
    ),
    (
        "union_root",
        r##""name": "Either", "$root": "#/definitions/Either",
            "definitions": {"Either": {"type": ["string", {"$ref": "#/definitions/Box"}]},
                            "Box": {"type": "object", "properties": {"v": {"type": "string"}}, "required": ["v"]}}"##,
    ),
    (
        "composition",
        r##""name": "Contact", "type": "object",
            "properties": {"email": {"type": "string"}, "phone": {"type": "string"}},
            "anyOf": [{"properties": {"email": {"type": "string"}}, "required": ["email"]},
                      {"properties": {"phone": {"type": "string"}}, "required": ["phone"]}]"##,
    ),
    (
        "patterns",
        r##""name": "Code", "type": "object",
            "properties": {"sku": {"type": "string", "pattern": "^[A-Z]{3}-\\d+$"}, "email": {"type": "string", "format": "email"}}"##,
    ),
];

fn generate(name: &str, body: &str) -> Vec<codegen::GeneratedFile> {
    let schema = format!("{{{HEAD}, {body}}}");
    let options = tests::scratch_options(&format!("construct-{}", name.replace('_', "-")));
    let outcome = codegen::generate(name, schema.as_bytes(), &options);
    let rendered = outcome.render();
    assert!(!outcome.diagnostics.has_errors(), "{name}:\n{rendered}");
    outcome
        .files
        .unwrap_or_else(|| panic!("{name}:\n{rendered}"))
}

#[test]
fn each_construct_emits_reviewed_code() {
    for (name, body) in CONSTRUCTS {
        let files = generate(name, body);
        // The emitters' output for this construct; the manifest and lib.rs are the same shape
        // for every crate and are reviewed through the seed crate's snapshots.
        let text: String = files
            .iter()
            .filter(|f| f.path.starts_with("src/") && f.path != "src/lib.rs")
            .map(|f| format!("==> {} <==\n{}\n", f.path, f.contents))
            .collect();
        insta::assert_snapshot!(*name, text);
    }
}

#[test]
fn each_construct_crate_passes_clippy() {
    let scratch = tests::root().join("target/emitter-constructs");
    let _ = fs::remove_dir_all(scratch.join("crates"));
    let mut members = Vec::new();
    for (name, body) in CONSTRUCTS {
        let files = generate(name, body);
        let dir = scratch.join("crates").join(name);
        codegen::write::write_atomic(&dir, &files).unwrap();
        // Standalone crates declare their own workspace; here they share one.
        let manifest = dir.join("Cargo.toml");
        let text = fs::read_to_string(&manifest).unwrap();
        let text = text.replace("[workspace]\n", "");
        fs::write(&manifest, text).unwrap();
        members.push(format!("\"crates/{name}\""));
    }
    fs::write(
        scratch.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )
    .unwrap();
    fs::copy(tests::root().join("Cargo.lock"), scratch.join("Cargo.lock")).unwrap();
    let out = Command::new(env!("CARGO"))
        .args([
            "clippy",
            "--offline",
            "--quiet",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", Path::new(&scratch).join("target"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
