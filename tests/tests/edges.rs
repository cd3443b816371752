//! The `edges` fixture crate (tests/edges, from tests/fixtures/edges.struct.json): hostile but
//! accepted input. Text with direction controls and bare carriage returns, objects without
//! properties, a null-only property and a root whose undeclared members must match a schema.
//! That the crate compiles at all, and passes clippy with `-D warnings` (CI lints the workspace),
//! is the first test; these are the rest.

use edges::{Edges, EdgesLabel, Marker, Sealed, Validate};
use serde_json::{json, Value};

fn violations(document: &Value) -> Vec<(&'static str, String)> {
    match Edges::validate_str(&document.to_string()) {
        Ok(()) => Vec::new(),
        Err(errors) => errors
            .violations()
            .iter()
            .map(|v| (v.code.as_str(), v.pointer.clone()))
            .collect(),
    }
}

#[test]
fn schema_and_uses_at_the_root_are_not_additional_properties() {
    let document = json!({
        "$schema": "https://example.com/schemas/edges",
        "$uses": [],
        "label": "plain",
        "station": {"value": "x"}
    });
    assert_eq!(violations(&document), []);
    let typed: Edges = serde_json::from_value(document.clone()).unwrap();
    assert_eq!(
        typed.schema.as_deref(),
        Some("https://example.com/schemas/edges")
    );
    assert_eq!(typed.additional_properties.len(), 1);
    assert_eq!(serde_json::to_value(&typed).unwrap(), document);
    // Every other undeclared member is still checked against `additionalProperties`.
    let wrong = json!({"$schema": "x", "label": "plain", "station": 3, "other": {}});
    assert_eq!(
        violations(&wrong),
        [
            ("INSTANCE_OBJECT_EXPECTED", "/station".to_owned()),
            ("INSTANCE_REQUIRED_PROPERTY_MISSING", "/other".to_owned()),
        ]
    );
}

#[test]
fn values_with_direction_controls_are_kept_exactly() {
    let document = json!({"label": "right\u{202e}left", "note\u{202e}": "n"});
    assert_eq!(violations(&document), []);
    let typed: Edges = serde_json::from_value(document.clone()).unwrap();
    assert_eq!(typed.label, EdgesLabel::Rightleft);
    assert_eq!(typed.label.as_str(), "right\u{202e}left");
    assert_eq!(typed.note.as_deref(), Some("n"));
    assert_eq!(serde_json::to_value(&typed).unwrap(), document);
    // The lookalike without the control character is not the value.
    assert_eq!(
        violations(&json!({"label": "rightleft"})),
        [("INSTANCE_ENUM_MISMATCH", "/label".to_owned())]
    );
}

#[test]
fn the_docs_show_such_text_escaped() {
    let model = std::fs::read_to_string(tests::root().join("tests/edges/src/model.rs")).unwrap();
    assert!(model.contains(
        "/// Text a schema may carry: a right-to-left override \\u{202e} here, a bare carriage return\\u{d}there, a bell \\u{7}, and Windows line breaks\n/// all in one description."
    ));
    assert!(model.contains("/// Upstream field \\u{2066}LABEL\\u{2069}."));
    for c in ['\u{202e}', '\u{2066}', '\r', '\u{7}'] {
        assert!(!model.contains(c), "{c:?} appears as itself");
    }
}

#[test]
fn objects_without_properties_read_and_validate() {
    let open = json!({"label": "plain", "marker": {"any": 1}, "sealed": {}});
    assert_eq!(violations(&open), []);
    let typed: Edges = serde_json::from_value(open).unwrap();
    assert_eq!(typed.marker.unwrap().additional_properties["any"], json!(1));
    assert_eq!(typed.sealed, Some(Sealed {}));
    assert_eq!(
        violations(&json!({"label": "plain", "sealed": {"x": 1}})),
        [(
            "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED",
            "/sealed/x".to_owned()
        )]
    );
    assert_eq!(Marker::validate_str("{}").map_err(|e| e.codes()), Ok(()));
}

#[test]
fn a_null_only_property_is_present_or_absent() {
    let present: Edges =
        serde_json::from_value(json!({"label": "plain", "nothing": null})).unwrap();
    assert_eq!(present.nothing, Some(()));
    let absent: Edges = serde_json::from_value(json!({"label": "plain"})).unwrap();
    assert_eq!(absent.nothing, None);
    assert_eq!(
        violations(&json!({"label": "plain", "nothing": 0})),
        [("INSTANCE_NULL_EXPECTED", "/nothing".to_owned())]
    );
}

#[test]
fn every_hostile_text_is_one_warning_with_its_pointer() {
    let mut job = tests::configured_jobs()
        .into_iter()
        .find(|job| job.options.package == "edges")
        .expect("schemas/codegen.toml configures the edges fixture");
    // codegen.toml allows the fixture's warnings so the seed's stand out; here they are the
    // subject.
    job.options.allow.clear();
    let outcome = job.generate();
    assert!(!outcome.diagnostics.has_errors(), "{}", outcome.render());
    let rendered = outcome.render();
    for c in ['\u{202e}', '\u{2066}', '\u{7}'] {
        assert!(
            !rendered.contains(c),
            "{c:?} reaches the terminal as itself"
        );
    }
    insta::assert_snapshot!("edges__diagnostics", rendered);
}
