//! Hostile and broken schemas end in diagnostics, never in a panic: every node of the project's
//! schemas is replaced in turn by values of every other JSON kind, and the whole pipeline runs.

use codegen::CrateOptions;
use serde_json::{json, Value};

fn options() -> CrateOptions {
    tests::scratch_options("mutant")
}

fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                pointers(
                    v,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

#[test]
fn every_single_node_mutation_is_diagnosed_without_panicking() {
    let replacements = [
        json!(null),
        json!(true),
        json!(-1),
        json!("x"),
        json!([]),
        json!({}),
        json!({"$ref": "#/definitions/x"}),
    ];
    for schema in [
        "schemas/neptune-ml-job.struct.json",
        "tests/fixtures/constructs.struct.json",
    ] {
        let original: Value =
            serde_json::from_str(&std::fs::read_to_string(tests::root().join(schema)).unwrap())
                .unwrap();
        let mut all = Vec::new();
        pointers(&original, String::new(), &mut all);
        let mut runs = 0;
        for pointer in all.iter().filter(|p| !p.is_empty()) {
            for replacement in &replacements {
                let mut mutant = original.clone();
                *mutant.pointer_mut(pointer).unwrap() = replacement.clone();
                let text = serde_json::to_string_pretty(&mutant).unwrap();
                let outcome = codegen::generate("mutant.json", text.as_bytes(), &options());
                // Whatever happened is explained: a crate, or at least one error.
                assert!(
                    outcome.files.is_some() || outcome.diagnostics.has_errors(),
                    "{schema} {pointer} = {replacement}"
                );
                let _ = outcome.render();
                runs += 1;
            }
        }
        assert!(runs > 500, "{schema}: only {runs} mutants");
    }
}

#[test]
fn malformed_and_extreme_inputs_are_diagnosed() {
    let deep = format!("{}{}", "{\"a\":".repeat(10_000), "1");
    let wide = format!(
        "{{\"definitions\": {{\"T\": {{\"type\": \"object\", \"properties\": {{{}}}}}}}}}",
        (0..5_000)
            .map(|i| format!("\"p{i}\": {{\"type\": \"string\"}}"))
            .collect::<Vec<_>>()
            .join(",")
    );
    for (input, expect_files) in [
        (b"".to_vec(), false),
        (b"\xff\xfe".to_vec(), false),
        (b"{\"a\": 1, \"a\": 2}".to_vec(), false),
        (deep.into_bytes(), false),
        (wide.into_bytes(), true),
        (b"{}".to_vec(), false),
        (b"{\"definitions\": {}}".to_vec(), true),
    ] {
        let outcome = codegen::generate("x.json", &input, &options());
        assert_eq!(
            outcome.files.is_some(),
            expect_files,
            "{}",
            outcome.render()
        );
    }
}
