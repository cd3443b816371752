//! `src/lib.rs`: crate docs, module declarations and re-exports.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_text, CrateOptions, Features};
use crate::ir::Ir;

pub fn emit(ir: &Ir, options: &CrateOptions, features: &Features) -> TokenStream {
    let mut lines = vec![
        format!("# {}", ir.title.as_deref().unwrap_or(&options.package)),
        String::new(),
    ];
    if let Some(d) = &ir.description {
        lines.extend(doc_text(d));
        lines.push(String::new());
    }
    if let Some(root) = ir.root {
        let root = &ir.get(root).name;
        lines.push(format!(
            "A document of this schema is {} [`{root}`].",
            super::a(root)
        ));
        lines.push(String::new());
    }
    if let Some(example) = super::example::lines(ir, &options.package) {
        lines.push("# Example".into());
        lines.push(String::new());
        lines.push("```".into());
        lines.extend(example);
        lines.push("```".into());
        lines.push(String::new());
    }
    lines.push(format!(
        "Generated from {} by `{}`; do not edit by hand.",
        options
            .inputs
            .iter()
            .map(|i| format!("`{i}`"))
            .collect::<Vec<_>>()
            .join(", "),
        options.command
    ));
    let docs = lines.iter().map(|l| {
        let l = if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        };
        quote!(#![doc = #l])
    });
    // prettyplease's layout is not rustfmt's: keep `cargo fmt` away from generated modules so
    // the checked-in files stay byte-identical to what the generator writes.
    let module = |on: bool, name: &str, reexport: bool| {
        on.then(|| {
            let module = super::ident(name);
            let reexport = reexport.then(|| quote!(pub use #module::*;));
            quote!(#[rustfmt::skip] mod #module; #reexport)
        })
    };
    let mods = [
        module(features.builders, "builders", reexported("builders")),
        module(features.defaults, "defaults", reexported("defaults")),
        module(features.model, "model", reexported("model")),
        module(features.unions, "union", reexported("union")),
        module(features.validators, "validate", reexported("validate")),
    ];
    let reexports = reexports(features);
    let cli = features.cli.then(|| {
        quote! {
            #[cfg(feature = "cli")]
            #[rustfmt::skip]
            pub mod cli;
        }
    });
    // Deep chains of `$ref`s need more of rustc than its default recursion limit.
    let limit = super::depth::recursion_limit(super::depth::nesting_depth(ir)).map(|limit| {
        let limit = limit.to_string();
        quote!(#![recursion_limit = #limit])
    });
    quote! {
        #(#docs)*
        #![forbid(unsafe_code)]
        #limit
        #(#mods)*
        #(pub use #reexports;)*
        #cli
    }
}

/// The runtime's items (and the type crates) the crate re-exports, as `use` paths.
pub(super) fn reexports(features: &Features) -> Vec<TokenStream> {
    // Re-exports: the runtime's items the crate's API returns or implements, under the crate's
    // own name; the wire types public fields mention (`wire::Duration`); the crates behind the
    // model's types, so users name the very versions the crate was built with. One path per
    // `use`, sorted as rustfmt sorts a group, so `cargo fmt` leaves the file as is.
    let mut reexports: Vec<&str> = [
        (features.builders, "jstruct_runtime::BuildError"),
        (features.defaults, "jstruct_runtime::Defaults"),
        (features.enums, "jstruct_runtime::UnknownEnumValue"),
        (features.unions, "jstruct_runtime::UnionMatchError"),
        (features.unions, "jstruct_runtime::union::UnionMatch"),
        (features.validators, "jstruct_runtime::Validate"),
        (features.validators, "jstruct_runtime::ValidationErrors"),
        (features.validators, "jstruct_runtime::Violation"),
        (features.validators, "jstruct_runtime::ViolationCode"),
        (features.validators, "jstruct_runtime::Strict"),
        (features.wire.wire, "jstruct_runtime::formats"),
        (features.wire.wire, "jstruct_runtime::wire"),
        (features.wire.decimal, "bigdecimal"),
        (features.wire.chrono, "chrono"),
        (features.wire.uuid, "uuid"),
    ]
    .into_iter()
    .filter_map(|(on, path)| on.then_some(path))
    .collect();
    // rustfmt puts a segment in lower case (a module) before one in upper case (a type).
    reexports.sort_by_key(|path| {
        path.split("::")
            .map(|segment| (segment.starts_with(char::is_uppercase), segment))
            .collect::<Vec<_>>()
    });
    reexports
        .iter()
        .map(|p| p.parse::<TokenStream>().expect("a use path"))
        .collect()
}

/// Whether the crate re-exports a module's items at its root. Shapes are named after model
/// types and defaults are methods; the crate's API there is the `Validate` and accessor impls.
pub(super) fn reexported(module: &str) -> bool {
    matches!(module, "builders" | "model" | "union")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A schema type of a re-exported name would be shadowed at the crate root (an explicit
    /// `use` wins over the model's glob): the namer must keep schema types off those names.
    #[test]
    fn reexported_names_are_reserved_type_names() {
        let everything = Features {
            builders: true,
            defaults: true,
            enums: true,
            unions: true,
            validators: true,
            wire: crate::emit::wire::Needs {
                wire: true,
                decimal: true,
                chrono: true,
                uuid: true,
                ..Default::default()
            },
            ..Features::default()
        };
        for path in reexports(&everything) {
            let path = path.to_string();
            let name = path.rsplit(' ').next().unwrap();
            if name.starts_with(char::is_uppercase) {
                assert!(
                    crate::naming::RESERVED_TYPE_NAMES.contains(&name),
                    "{name} is re-exported but not reserved"
                );
            } else {
                assert!(
                    crate::naming::RESERVED_MODULE_NAMES.contains(&name),
                    "{name} is re-exported but not reserved"
                );
            }
        }
    }
}
