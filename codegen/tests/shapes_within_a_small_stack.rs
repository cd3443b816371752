//! Deep and self-referring shapes, each generated on a thread with std's default 2 MiB stack
//! (a build script or a library user's worker, not the 8 MiB main thread): none may overflow
//! it, each is generated or rejected with a diagnostic. Found by `cargo xtask fuzz`: a union
//! of a type with itself, and rules that refer back to their own type, overflowed the stack.

use serde_json::{json, Value};

fn document(root: Value, definitions: Value) -> Vec<u8> {
    let mut doc = json!({
        "$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://example.com/s", "name": "S",
        "$uses": ["JSONStructureValidation", "JSONStructureConditionalComposition"],
        "type": "object", "properties": {"a": root}
    });
    doc["definitions"] = definitions;
    serde_json::to_vec(&doc).unwrap()
}

fn nested(levels: usize, wrap: impl Fn(Value) -> Value) -> Value {
    (0..levels).fold(json!({"type": "string"}), |v, _| wrap(v))
}

fn cases() -> Vec<(&'static str, Vec<u8>, bool)> {
    let t = json!({"type": {"$ref": "#/definitions/T"}});
    let chain: serde_json::Map<String, Value> = (0..2000)
        .map(|i| (format!("T{i}"), json!({"type": "object", "properties": {"n": {"type": {"$ref": format!("#/definitions/T{}", i + 1)}}}})))
        .chain([("T2000".to_owned(), json!({"type": "string"}))])
        .collect();
    vec![
        (
            "arrays 60 deep",
            document(
                nested(60, |v| json!({"type": "array", "items": v})),
                json!({}),
            ),
            true,
        ),
        (
            "objects 60 deep",
            document(
                nested(60, |v| json!({"type": "object", "properties": {"p": v}})),
                json!({}),
            ),
            true,
        ),
        (
            "maps 60 deep",
            document(
                nested(60, |v| json!({"type": "map", "values": v})),
                json!({}),
            ),
            true,
        ),
        (
            "not 120 deep",
            document(
                json!({"type": "string", "allOf": [nested(120, |v| json!({"not": v}))]}),
                json!({}),
            ),
            true,
        ),
        (
            "a chain of 2,000 definitions",
            document(
                json!({"type": {"$ref": "#/definitions/T0"}}),
                Value::Object(chain),
            ),
            true,
        ),
        (
            "a union of a type with itself",
            document(
                t.clone(),
                json!({"T": {"type": ["null", {"$ref": "#/definitions/T"}]}}),
            ),
            false,
        ),
        (
            "rules that refer back to their type",
            document(
                t.clone(),
                json!({"T": {"oneOf": [t.clone(), {"type": "string"}]}}),
            ),
            false,
        ),
        (
            "a tuple of itself",
            document(
                t.clone(),
                json!({"T": {"type": "tuple", "properties": {"a": t.clone()}, "tuple": ["a"]}}),
            ),
            true,
        ),
    ]
}

#[test]
fn deep_and_self_referring_shapes_fit_a_two_mebibyte_stack() {
    for (what, bytes, generates) in cases() {
        eprintln!("{what}");
        let outcome = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || {
                let options = codegen::CrateOptions {
                    package: "s".into(),
                    version: "0.1.0".into(),
                    inputs: vec![],
                    command: "test".into(),
                    standalone: true,
                    ..Default::default()
                };
                let outcome = codegen::generate("s.json", &bytes, &options);
                (outcome.files.is_some(), outcome.render())
            })
            .unwrap()
            .join()
            .unwrap_or_else(|_| panic!("{what}: panicked"));
        assert_eq!(outcome.0, generates, "{what}:\n{}", outcome.1);
    }
}
