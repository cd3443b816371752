//! `Cargo.toml` of the generated crate: only the dependencies its code uses.

use super::{CrateOptions, Features};
use crate::ir::Ir;

pub fn emit(ir: &Ir, options: &CrateOptions, features: &Features) -> String {
    let description = ir
        .title
        .as_deref()
        .map(|t| format!("Rust types for the \"{t}\" JSON Structure schema"))
        .unwrap_or_else(|| "Rust types generated from a JSON Structure schema".into());
    let mut out = format!(
        "[package]\nname = {}\nversion = {}\nedition = \"2021\"\ndescription = {}\npublish = false\n\n[dependencies]\n",
        toml_string(&options.package),
        toml_string(&options.version),
        toml_string(&description),
    );
    if features.needs_serde() {
        out.push_str("serde = { version = \"1\", features = [\"derive\"] }\n");
    }
    if features.needs_serde_json() {
        out.push_str("serde_json = \"1\"\n");
    }
    if options.standalone {
        out.push_str("\n# Not part of any enclosing workspace.\n[workspace]\n");
    }
    out
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialize")
}
