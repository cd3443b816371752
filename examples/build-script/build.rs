//! Generates the types of `schemas/orders.struct.json` into `OUT_DIR/orders.rs`.

fn main() {
    let generated = codegen::build_script::Config::new()
        .compile("schemas/orders.struct.json")
        .unwrap_or_else(|e| panic!("{e}"));
    // This crate's jstruct-runtime dependency enables no features: a schema change that needs
    // one (a pattern, a date, ...) says so here instead of failing with unresolved paths.
    assert!(
        generated.runtime_features.is_empty(),
        "enable these jstruct-runtime features in Cargo.toml: {:?}",
        generated.runtime_features
    );
    assert_eq!(generated.recursion_limit, None);
}
