//! `src/defaults.rs`: the schema's `default`s as functions (serde's `default = "..."` and the
//! builders call them), and `Default` for types whose fields are all optional and have defaults.

use proc_macro2::TokenStream;
use quote::quote;

use super::{default_expr, ident, rust_type};
use crate::ir::{Field, Ir, Presence, Struct, TypeDef};

/// The name of the function returning a field's default.
pub fn fn_name(f: &Field) -> String {
    format!("default_{}", f.rust_name.trim_end_matches('_'))
}

pub fn emit(ir: &Ir) -> TokenStream {
    let items = ir.structs().map(|(t, s)| defaults_of(ir, t, s));
    quote! {
        use crate::model::*;
        #(#items)*
    }
}

fn defaults_of(ir: &Ir, t: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&t.name);
    let fns: Vec<_> = s
        .fields
        .iter()
        .filter_map(|f| match &f.presence {
            Presence::Defaulted(value) => {
                let fn_name = ident(&fn_name(f));
                let ty = rust_type(ir, &f.ty);
                let expr = default_expr(ir, &f.ty, value);
                let doc = format!(" The schema's default for `{}`: `{value}`.", f.json_name);
                Some(quote! {
                    #[doc = #doc]
                    pub fn #fn_name() -> #ty {
                        #expr
                    }
                })
            }
            _ => None,
        })
        .collect();
    if fns.is_empty() {
        return TokenStream::new();
    }
    let default_impl = (!s.has_required()).then(|| {
        let inits = s.fields.iter().map(|f| {
            let field = ident(&f.rust_name);
            match &f.presence {
                Presence::Defaulted(_) => {
                    let fn_name = ident(&fn_name(f));
                    quote!(#field: Self::#fn_name())
                }
                _ => quote!(#field: None),
            }
        });
        let additional = s.additional.as_ref().map(|a| {
            let field = ident(&a.rust_name);
            quote!(, #field: Default::default())
        });
        quote! {
            impl Default for #name {
                /// Every field absent: schema defaults where the schema has them, `None` elsewhere.
                fn default() -> Self {
                    Self { #(#inits),* #additional }
                }
            }
        }
    });
    quote! {
        impl #name {
            #(#fns)*
        }
        #default_impl
    }
}
