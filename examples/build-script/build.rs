//! Generates the types of `schemas/orders.struct.json` into `OUT_DIR/orders.rs`, and the same
//! schema as a strict crate would have it into `OUT_DIR/strict_orders.rs`.

fn main() {
    let generated = codegen::build_script::Config::new()
        // A consumer's own type in place of a generated one, and a derive the schema cannot ask for.
        .replace_type("Customer", "crate::customer::Customer")
        .type_derive("OrderStatus", "PartialOrd")
        .type_derive("OrderStatus", "Ord")
        // A command line: `create-order` builds an Order from its options (src/main.rs).
        .command("pages/create-order.txt", Some("Order"), None)
        .compile("schemas/orders.struct.json")
        .unwrap_or_else(|e| panic!("{e}"));
    // Objects that do not state `additionalProperties` reject undeclared members here.
    codegen::build_script::Config::new()
        .strict(true)
        .module_name("strict_orders")
        .compile("schemas/orders.struct.json")
        .unwrap_or_else(|e| panic!("{e}"));
    // This crate's jstruct-runtime dependency enables `cli` (for the command) and nothing else:
    // a schema change that needs more (a pattern, a date, ...) says so here instead of failing
    // with unresolved paths.
    assert!(
        generated.runtime_features == ["cli"],
        "enable these jstruct-runtime features in Cargo.toml: {:?}",
        generated.runtime_features
    );
    assert_eq!(generated.recursion_limit, None);
}
