//! Add-ins offered and used, and alternate enum symbols.

use super::*;

/// The violations of a catalog document, as text (streaming), as a `Value` and as a typed value
/// (when it deserializes): the three must agree.
fn catalog_violations(document: &Value) -> Vec<(&'static str, String)> {
    let text = document.to_string();
    let streamed = code_and_pointer(constructs::Catalog::validate_str(&text));
    assert_eq!(
        code_and_pointer(constructs::Catalog::validate_json(document)),
        streamed
    );
    if let Ok(typed) = serde_json::from_value::<constructs::Catalog>(document.clone()) {
        assert_eq!(code_and_pointer(typed.validate()), streamed, "{document}");
    }
    streamed
}

#[test]
fn add_in_properties_belong_to_documents_that_enable_them() {
    let audited = json!({"id": "c1", "items": [], "auditedBy": "ann", "auditedOn": "2024-05-01"});
    // The catalog is closed: without `$uses`, an add-in's member is an undeclared property.
    assert_eq!(
        catalog_violations(&audited),
        [
            (
                "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED",
                "/auditedBy".to_string()
            ),
            (
                "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED",
                "/auditedOn".to_string()
            )
        ]
    );
    // `$uses` may come after the members it enables.
    let mut enabled = audited.clone();
    enabled["$uses"] = json!(["Audit"]);
    assert_eq!(catalog_violations(&enabled), []);
    let text = r#"{"id": "c1", "items": [], "auditedBy": "ann", "$uses": ["Audit"]}"#;
    let catalog = constructs::Catalog::from_json_str(text).unwrap();
    assert_eq!(catalog.uses, Some(vec![constructs::AddIn::Audit]));
    assert_eq!(catalog.audited_by.as_deref(), Some("ann"));
    assert_eq!(
        serde_json::to_value(&catalog).unwrap(),
        serde_json::from_str::<Value>(text).unwrap()
    );
    // Enabled, the add-in's required members are required.
    assert_eq!(
        catalog_violations(&json!({"id": "c1", "items": [], "$uses": ["Audit"]})),
        [("INSTANCE_REQUIRED_PROPERTY_MISSING", String::new())]
    );
    // Enabling another add-in does not enable this one.
    let mut other = audited.clone();
    other["$uses"] = json!(["Tracking"]);
    assert_eq!(catalog_violations(&other).len(), 2);
}

#[test]
fn uses_names_offered_add_ins_once() {
    assert_eq!(
        catalog_violations(
            &json!({"id": "c1", "items": [], "auditedBy": "a", "$uses": ["Audit", "Nope"]})
        ),
        [("INSTANCE_ENUM_MISMATCH", "/$uses/1".to_string())]
    );
    let twice = json!({"id": "c1", "items": [], "auditedBy": "a", "$uses": ["Audit", "Audit"]});
    let found = catalog_violations(&twice);
    assert_eq!(found, [("INSTANCE_SET_DUPLICATE", "/$uses/1".to_string())]);
}

#[test]
fn add_ins_of_open_objects_are_checked_when_present() {
    let stock = |tracking: &str| {
        json!({"id": "c1", "items": [], "owner": {"name": "o"},
               "stock": {"s1": {"sku": "A1", "trackingId": tracking}}})
    };
    // Warehouse items are open: the member is allowed either way, and checked as declared.
    assert_eq!(catalog_violations(&stock("T-1")), []);
    assert_eq!(
        catalog_violations(&stock("T-123456789")),
        [(
            "INSTANCE_STRING_MAX_LENGTH",
            "/stock/s1/trackingId".to_string()
        )]
    );
}

#[test]
fn values_built_in_code_enable_add_ins_through_uses() {
    let mut catalog: constructs::Catalog =
        serde_json::from_value(json!({"id": "c1", "items": []})).unwrap();
    catalog.audited_by = Some("ann".into());
    assert_eq!(
        code_and_pointer(catalog.validate()),
        [(
            "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED",
            "/auditedBy".to_string()
        )]
    );
    catalog.uses = Some(vec![constructs::AddIn::Audit]);
    assert_eq!(code_and_pointer(catalog.validate()), []);
}

#[test]
fn altenums_json_symbols_are_the_values_on_the_wire() {
    use constructs::Hue;
    let document = wire(json!({"hue": "#0000FF"}));
    assert_eq!(codes(&document), Vec::<&str>::new());
    let typed: Wire = serde_json::from_value(document.clone()).unwrap();
    assert_eq!(typed.hue, Some(Hue::Blue));
    assert_eq!(round_trip(&document), document);
    // The default is a wire symbol too; the names `enum` lists are not JSON values.
    assert_eq!(wire_default_hue(), Hue::Green);
    assert_eq!(Hue::Green.as_str(), "#00FF00");
    assert_eq!(
        codes(&wire(json!({"hue": "RED"}))),
        ["INSTANCE_ENUM_MISMATCH"]
    );
}

fn wire_default_hue() -> constructs::Hue {
    let typed: Wire = serde_json::from_value(wire(json!({}))).unwrap();
    typed.hue()
}
