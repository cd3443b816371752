//! `src/builders.rs`: a builder per struct, declared through the runtime's `builder!` (setters
//! take anything convertible into the field's type; `build()` reports *every* missing required
//! field). Only the fields and their docs depend on the schema.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, rust_type};
use crate::ir::{Field, Ir, Presence, Scalar, Struct, TypeDef, TypeRef};

pub fn emit(ir: &Ir) -> TokenStream {
    let items: Vec<_> = ir.structs().map(|(t, s)| builder(ir, t, s)).collect();
    let builders = (!items.is_empty()).then(|| quote!(jstruct_runtime::builder! { #(#items)* }));
    quote! {
        use crate::model::*;
        #builders
    }
}

/// One struct's entry in `jstruct_runtime::builder!`: the fields, their kinds, JSON names and
/// docs.
fn builder(ir: &Ir, t: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&t.name);
    let builder = ident(&format!("{}Builder", t.name));
    let doc = format!(
        " Builds {} [`{1}`]; start with [`{1}::builder`].",
        super::a(&t.name),
        t.name
    );
    let required = s.required().map(|f| {
        let json = &f.json_name;
        let field = field(ir, f);
        quote!(#field = #json;)
    });
    let optional = s
        .fields
        .iter()
        .filter(|f| f.presence != Presence::Required)
        .map(|f| {
            let json = &f.json_name;
            let field = field(ir, f);
            quote!(#field = #json;)
        });
    let additional = s.additional.as_ref().map(|a| {
        let field = ident(&a.rust_name);
        let ty = rust_type(ir, &a.ty);
        quote!(additional #field: #ty;)
    });
    quote! {
        #[doc = #doc]
        #name => #builder {
            required { #(#required)* }
            optional { #(#optional)* }
            #additional
        }
    }
}

/// `/// doc` `kind name: Type`, as `builder!` takes a field.
fn field(ir: &Ir, f: &Field) -> TokenStream {
    let field = ident(&f.rust_name);
    // `builder!` writes "Sets `json`."; the description's first paragraph follows it.
    let doc = f
        .docs
        .description
        .as_deref()
        .and_then(|d| super::doc_text(d).into_iter().next())
        .map(|first| {
            let first = format!(" {first}");
            quote!(#[doc = #first])
        });
    let (kind, ty) = match &f.ty {
        // A `null` property carries no value: the setter only says it is present.
        TypeRef::Scalar(Scalar::Null) => (quote!(unit), quote!(())),
        TypeRef::Vec(item) => (quote!(list), rust_type(ir, item)),
        ty => (quote!(value), rust_type(ir, ty)),
    };
    quote!(#doc #kind #field: #ty)
}
