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
    // The runtime, with the features the schema needs (so nothing else of it is compiled); a
    // crate that needs it only for its command line depends on it only with `cli`.
    let runtime_for_types = features.needs_runtime();
    if runtime_for_types || features.cli {
        let wanted = features.runtime_features();
        let list = if wanted.is_empty() {
            String::new()
        } else {
            format!(
                ", features = [{}]",
                wanted
                    .iter()
                    .map(|f| toml_string(f))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let optional = if runtime_for_types {
            ""
        } else {
            ", optional = true"
        };
        out.push_str(&format!(
            "jstruct-runtime = {{ path = {}{list}{optional} }}\n",
            toml_string(&options.runtime_path)
        ));
    }
    // The crates of the model's own types, only those the schema uses (the adapters that write
    // them are the runtime's): serde_with composes the adapters through `Option`, `Vec` and
    // maps; bigdecimal keeps all 34+ digits of a decimal; chrono holds dates and times; uuid and
    // data-encoding (which decodes `binary` defaults) are the standard choices.
    let wire = &features.wire;
    for (on, line) in [
        (wire.wire, "serde_with = { version = \"3\", default-features = false, features = [\"macros\", \"std\"] }\n"),
        (wire.decimal, "bigdecimal = { version = \"0.4\", default-features = false, features = [\"std\"] }\n"),
        (wire.chrono, "chrono = { version = \"0.4\", default-features = false, features = [\"std\"] }\n"),
        (wire.uuid, "uuid = { version = \"1\", default-features = false, features = [\"std\"] }\n"),
        (wire.binary, "data-encoding = \"2\"\n"),
    ] {
        if on {
            out.push_str(line);
        }
    }
    if features.cli {
        // The CLI's dependencies stay out of builds that only want the types; its runtime is
        // the runtime crate's `cli` feature. clap is a direct dependency because its derive
        // expands to paths into `clap`.
        if !features.needs_serde_json() {
            out.push_str("serde_json = { version = \"1\", optional = true }\n");
        }
        out.push_str("clap = { version = \"4\", features = [\"derive\"], optional = true }\n");
        let json = if features.needs_serde_json() {
            ""
        } else {
            "\"dep:serde_json\", "
        };
        // Commands that send their requests need the runtime's client (credentials, signing,
        // HTTP); a crate whose commands only build requests does not pay for it.
        let runtime = if super::cli::sends(ir) {
            "client"
        } else {
            "cli"
        };
        out.push_str(&format!(
            "\n[features]\n# The command-line bindings (`cli` module) and the `{bin}` binary.\ncli = [{json}\"jstruct-runtime/{runtime}\", \"dep:clap\"]\n\n[[bin]]\nname = {}\npath = \"src/main.rs\"\nrequired-features = [\"cli\"]\n",
            toml_string(&options.package),
            bin = options.package,
        ));
    }
    if !features.needs_serde_json() {
        out.push_str(
            "\n# The crate-level example (a doctest) reads and writes JSON.\n[dev-dependencies]\nserde_json = \"1\"\n",
        );
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
