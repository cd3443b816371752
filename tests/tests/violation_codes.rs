//! `ViolationCode` against the SDK error catalogue (`../shared/json-structure/
//! sdk-error-messages.json`): every instance code of the catalogue is a variant with the same
//! text, and the variants the catalogue lacks say so.

use neptune_ml::ViolationCode;
use serde_json::Value;

#[test]
fn the_code_enum_is_the_catalogue_plus_what_it_lacks() {
    let Some(shared) = tests::shared() else {
        return;
    };
    let text =
        std::fs::read_to_string(shared.join("json-structure/sdk-error-messages.json")).unwrap();
    let catalogue: Value = serde_json::from_str(&text).unwrap();
    let instance: Vec<&str> = catalogue["messages"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, m)| m["category"] == "instance")
        .map(|(code, _)| code.as_str())
        .collect();
    assert_eq!(instance.len(), 82);
    for code in &instance {
        let variant =
            ViolationCode::from_text(code).unwrap_or_else(|| panic!("{code}: no variant"));
        assert!(variant.in_catalogue(), "{code} is in the catalogue");
    }
    let ours: Vec<&str> = ViolationCode::ALL
        .iter()
        .filter(|c| !instance.contains(&c.as_str()))
        .map(|c| {
            assert!(!c.in_catalogue(), "{c} says it is in the catalogue");
            c.as_str()
        })
        .collect();
    assert_eq!(ours.len(), ViolationCode::ALL.len() - instance.len());
}
