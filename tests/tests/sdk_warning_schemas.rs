//! The JSON Structure SDK's warning schemas (`../shared/json-structure/sdk-test-assets/schemas/
//! warnings/`, read from there): keywords of the Validation companion used without enabling it
//! must each be warned about, and the schema must still generate; with `$uses`, no warning.

#[test]
fn every_warning_schema_is_warned_about_and_still_generates() {
    let files = tests::sdk_assets("schemas/warnings");
    assert_eq!(files.len(), 24);
    let options = tests::scratch_options("warned");
    for path in files {
        let name = path
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .trim_end_matches(".struct.json");
        let outcome = codegen::generate(name, &std::fs::read(&path).unwrap(), &options);
        let warnings = outcome.diagnostics.iter().filter(|d| !d.is_error()).count();
        if name.ends_with("-with-uses") {
            assert_eq!(warnings, 0, "{name}:\n{}", outcome.render());
        } else {
            assert!(warnings > 0, "{name} was not warned about");
        }
        assert!(outcome.files.is_some(), "{name}:\n{}", outcome.render());
    }
}

#[test]
fn the_all_keywords_schema_warns_once_per_keyword() {
    let path = tests::root().join("../shared/json-structure/sdk-test-assets/schemas/warnings/all-extension-keywords-without-uses.struct.json");
    let options = tests::scratch_options("warned");
    let outcome = codegen::generate("all", &std::fs::read(path).unwrap(), &options);
    // The file has 12 Validation keywords (its README says 13; the SDKs report 12 and 14).
    assert_eq!(
        outcome.diagnostics.codes(),
        ["SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED"; 12]
    );
}
