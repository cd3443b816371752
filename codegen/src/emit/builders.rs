//! `src/builders.rs`: a builder per struct. Setters take anything convertible into the field's
//! type; `build()` applies the schema's defaults and reports *every* missing required field.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, rust_type};
use crate::ir::{Field, Ir, Presence, Scalar, Struct, TypeDef, TypeRef};

pub fn emit(ir: &Ir) -> TokenStream {
    let items = ir.structs().map(|(t, s)| builder(ir, t, s));
    quote! {
        use crate::model::*;
        use crate::BuildError;
        #(#items)*
    }
}

fn builder(ir: &Ir, t: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&t.name);
    let builder = ident(&format!("{}Builder", t.name));
    let type_name = &t.name;
    let slots = s.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        let ty = rust_type(ir, &f.ty);
        quote!(#field: Option<#ty>,)
    });
    let setters = s.fields.iter().map(|f| setter(ir, f));
    let (additional_slot, additional_setter, additional_init) = match &s.additional {
        Some(a) => {
            let field = ident(&a.rust_name);
            let ty = rust_type(ir, &a.ty);
            (
                quote!(#field: ::std::collections::BTreeMap<String, #ty>,),
                quote! {
                    /// Adds a property the schema does not declare (`additionalProperties`).
                    pub fn additional_property(mut self, name: impl Into<String>, value: impl Into<#ty>) -> Self {
                        self.#field.insert(name.into(), value.into());
                        self
                    }
                },
                Some(quote!(#field: self.#field)),
            )
        }
        None => (quote!(), quote!(), None),
    };
    let required: Vec<&Field> = s.required().collect();
    let req_idents: Vec<_> = required.iter().map(|f| ident(&f.rust_name)).collect();
    let req_json: Vec<_> = required.iter().map(|f| f.json_name.as_str()).collect();
    let inits = s.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        match &f.presence {
            Presence::Required => quote!(#field),
            Presence::Optional | Presence::Defaulted(_) => quote!(#field: self.#field),
        }
    });
    let inits = inits.chain(additional_init);
    let doc = format!(" Builds a [`{type_name}`]; start with [`{type_name}::builder`].");
    let build_body = if required.is_empty() {
        quote!(Ok(#name { #(#inits),* }))
    } else if let [one] = &req_idents[..] {
        // One required field: a plain match (a one-element tuple would be `(x)`, a lint).
        let json = req_json[0];
        quote! {
            match self.#one {
                Some(#one) => Ok(#name { #(#inits),* }),
                None => Err(BuildError::new(#type_name, vec![#json])),
            }
        }
    } else {
        quote! {
            match (#(self.#req_idents),*) {
                (#(Some(#req_idents)),*) => Ok(#name { #(#inits),* }),
                (#(#req_idents),*) => {
                    let mut missing = Vec::new();
                    #( if #req_idents.is_none() { missing.push(#req_json); } )*
                    Err(BuildError::new(#type_name, missing))
                }
            }
        }
    };
    let build_doc = if required.is_empty() {
        " Builds the value (unset fields stay absent; their accessors supply schema defaults). Never fails: the type has no required field.".to_string()
    } else {
        let req: Vec<_> = req_json.iter().map(|r| format!("`{r}`")).collect();
        format!(" Builds the value (unset fields stay absent; their accessors supply schema defaults); fails naming every unset required field ({}).", req.join(", "))
    };
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Default)]
        #[must_use]
        pub struct #builder {
            #(#slots)*
            #additional_slot
        }

        impl #name {
            /// A builder with no field set.
            pub fn builder() -> #builder {
                #builder::default()
            }
        }

        impl #builder {
            #(#setters)*
            #additional_setter

            #[doc = #build_doc]
            pub fn build(self) -> Result<#name, BuildError> {
                #build_body
            }
        }
    }
}

fn setter(ir: &Ir, f: &Field) -> TokenStream {
    let field = ident(&f.rust_name);
    let doc = match f
        .docs
        .description
        .as_deref()
        .and_then(|d| super::doc_text(d).into_iter().next())
    {
        Some(first) => format!(" Sets `{}`: {first}", f.json_name),
        None => format!(" Sets `{}`.", f.json_name),
    };
    match &f.ty {
        // A `null` property carries no value: the setter only says it is present.
        TypeRef::Scalar(Scalar::Null) => quote! {
            #[doc = #doc]
            pub fn #field(mut self) -> Self {
                self.#field = Some(());
                self
            }
        },
        TypeRef::Vec(item) => {
            let item = rust_type(ir, item);
            quote! {
                #[doc = #doc]
                pub fn #field(mut self, values: impl IntoIterator<Item = impl Into<#item>>) -> Self {
                    self.#field = Some(values.into_iter().map(Into::into).collect());
                    self
                }
            }
        }
        ty => {
            let ty = rust_type(ir, ty);
            quote! {
                #[doc = #doc]
                pub fn #field(mut self, value: impl Into<#ty>) -> Self {
                    self.#field = Some(value.into());
                    self
                }
            }
        }
    }
}
