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
    let module = |on: bool, name: &str, public: bool| {
        on.then(|| {
            let name = super::ident(name);
            let reexport = public.then(|| quote!(pub use #name::*;));
            quote!(#[rustfmt::skip] mod #name; #reexport)
        })
    };
    let mods = [
        module(features.builders, "builders", true),
        module(features.defaults, "defaults", false),
        module(features.needs_errors(), "error", true),
        module(features.model, "model", true),
        module(features.unions, "union", true),
        module(features.validators, "validate", true),
    ];
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
        #cli
    }
}
