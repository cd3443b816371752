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
        lines.push(format!(
            "A document of this schema is a [`{}`].",
            ir.get(root).name
        ));
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
    // `validate` re-exports only its error types: its shapes are named after model types.
    let module = |on: bool, name: &str, public: &[&str]| {
        on.then(|| {
            let module = super::ident(name);
            let reexport = match public {
                [] => None,
                ["*"] => Some(quote!(pub use #module::*;)),
                names => {
                    let names = names.iter().map(|n| super::ident(n));
                    Some(quote!(pub use #module::{#(#names),*};))
                }
            };
            quote!(#[rustfmt::skip] mod #module; #reexport)
        })
    };
    let mods = [
        module(features.builders, "builders", &["*"]),
        module(features.defaults, "defaults", &[]),
        module(features.needs_errors(), "error", &["*"]),
        module(features.model, "model", &["*"]),
        module(features.unions, "union", &["*"]),
        module(
            features.validators,
            "validate",
            &["ValidationErrors", "Violation"],
        ),
    ];
    // Modules whose items public types mention (`crate::wire::Duration`), kept by name: their
    // adapters are only meant for `serde_as` paths. The crates behind the model's types are
    // re-exported, so users name the very versions the crate was built with.
    let wire = features.wire.wire.then(|| {
        let crates = [
            (features.wire.decimal, "bigdecimal"),
            (features.wire.chrono, "chrono"),
            (features.wire.uuid, "uuid"),
        ]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, name)| super::ident(name));
        let formats = features.wire.formats.then(|| {
            quote! {
                #[rustfmt::skip]
                pub mod formats;
            }
        });
        quote! {
            #formats
            #[rustfmt::skip]
            pub mod wire;
            #(pub use #crates;)*
        }
    });
    let cli = features.cli.then(|| {
        quote! {
            #[cfg(feature = "cli")]
            #[rustfmt::skip]
            pub mod cli;
        }
    });
    quote! {
        #(#docs)*
        #![forbid(unsafe_code)]
        #(#mods)*
        #wire
        #cli
    }
}
