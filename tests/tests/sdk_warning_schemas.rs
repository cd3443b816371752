//! The JSON Structure SDK's warning schemas (`../shared/json-structure/sdk-test-assets/schemas/
//! warnings/`, read from there): keywords of the Validation companion used without enabling it
//! must each be warned about, and the schema must still generate; with `$uses`, no warning.

#[test]
fn every_warning_schema_is_warned_about_and_still_generates() {
    if tests::shared().is_none() {
        return;
    }
    let rows = xtask::conformance::warning_schemas(&tests::suite()).unwrap();
    assert_eq!(rows.len(), 24);
    let failures: Vec<_> = rows.iter().filter(|r| !r.passed).collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn the_all_keywords_schema_warns_once_per_keyword() {
    if tests::shared().is_none() {
        return;
    }
    let path = tests::root().join("../shared/json-structure/sdk-test-assets/schemas/warnings/all-extension-keywords-without-uses.struct.json");
    let options = tests::scratch_options("warned");
    let outcome = codegen::generate("all", &std::fs::read(path).unwrap(), &options);
    // The file has 12 Validation keywords (its README says 13; the SDKs report 12 and 14).
    assert_eq!(
        outcome.diagnostics.codes(),
        ["SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED"; 12]
    );
}
