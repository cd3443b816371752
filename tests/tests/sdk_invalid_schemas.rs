//! The JSON Structure SDK's invalid schemas (`../shared/json-structure/sdk-test-assets/schemas/
//! invalid/`, read from there): each must be rejected, its first error carrying the catalogue
//! code that fits. The expectations live with `cargo xtask conformance`, which CI also runs.

#[test]
fn every_invalid_sdk_schema_is_rejected_with_the_fitting_code() {
    if tests::shared().is_none() {
        return;
    }
    let rows = xtask::conformance::invalid_schemas(&tests::suite()).unwrap();
    assert_eq!(
        rows.len(),
        xtask::conformance::INVALID_EXPECTED.len(),
        "a new asset needs an expected code"
    );
    let failures: Vec<_> = rows.iter().filter(|r| !r.passed).collect();
    assert!(failures.is_empty(), "{failures:#?}");
}
