//! `src/defaults.rs`: the schema's `default`s. A defaulted property is an `Option` in the model
//! (so a document is written back exactly as it was read); per property the type gets the
//! default as a function and an accessor that supplies it when the key is absent, and
//! `with_defaults` fills every absent default in (nested values included), as the CLI does
//! before it prints a request.

use proc_macro2::TokenStream;
use quote::quote;

use super::{default_expr, ident, rust_type};
use crate::ir::{Field, Ir, Presence, Scalar, TypeKind, TypeRef};

/// The name of the function returning a field's default.
pub fn fn_name(f: &Field) -> String {
    format!("default_{}", f.rust_name.trim_end_matches('_'))
}

/// Which types have a default somewhere inside them (so they get `with_defaults`).
pub fn with_defaults(ir: &Ir) -> Vec<bool> {
    let mut has: Vec<bool> = ir
        .types
        .iter()
        .map(|t| match &t.kind {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .any(|f| matches!(f.presence, Presence::Defaulted(_))),
            _ => false,
        })
        .collect();
    // To a fixed point: a struct holding one that has defaults has them too.
    loop {
        let mut changed = false;
        for (i, t) in ir.types.iter().enumerate() {
            let holds = match &t.kind {
                TypeKind::Struct(s) => s.fields.iter().any(|f| reaches(&f.ty, &has)),
                TypeKind::Newtype(n) => reaches(&n.ty, &has),
                _ => false,
            };
            if holds && !has[i] {
                has[i] = true;
                changed = true;
            }
        }
        if !changed {
            return has;
        }
    }
}

fn reaches(ty: &TypeRef, has: &[bool]) -> bool {
    match ty {
        TypeRef::Named(id) => has[id.0],
        TypeRef::Vec(t) | TypeRef::Map(t) | TypeRef::Boxed(t) | TypeRef::Nullable(t) => {
            reaches(t, has)
        }
        TypeRef::Scalar(_) => false,
    }
}

pub fn emit(ir: &Ir) -> TokenStream {
    let has = with_defaults(ir);
    let items = ir
        .types
        .iter()
        .enumerate()
        .filter(|(i, _)| has[*i])
        .filter_map(|(_, t)| {
            let TypeKind::Struct(s) = &t.kind else {
                return None;
            };
            let name = ident(&t.name);
            let mut fns = Vec::new();
            let mut fills = Vec::new();
            for f in &s.fields {
                let field = ident(&f.rust_name);
                if let Presence::Defaulted(value) = &f.presence {
                    let fn_name = ident(&fn_name(f));
                    let ty = rust_type(ir, &f.ty);
                    let expr = default_expr(ir, &f.ty, value);
                    let doc = format!(" The schema's default for `{}`: `{value}`.", f.json_name);
                    let accessor_doc = format!(
                        " `{}`, or the schema's default (`{value}`) when it is absent.",
                        f.json_name
                    );
                    let read = if is_copy(ir, &f.ty) {
                        quote!(self.#field.unwrap_or_else(Self::#fn_name))
                    } else {
                        quote!(self.#field.clone().unwrap_or_else(Self::#fn_name))
                    };
                    fns.push(quote! {
                        #[doc = #doc]
                        pub fn #fn_name() -> #ty {
                            #expr
                        }

                        #[doc = #accessor_doc]
                        pub fn #field(&self) -> #ty {
                            #read
                        }
                    });
                    fills.push(quote! {
                        if self.#field.is_none() {
                            self.#field = Some(Self::#fn_name());
                        }
                    });
                }
                let place = quote!(self.#field);
                let nested = match f.presence {
                    Presence::Required => fill_nested(ir, &f.ty, &has, quote!((&mut #place))),
                    _ => fill_nested(ir, &f.ty, &has, quote!(value)).map(|inner| {
                        quote! {
                            if let Some(value) = &mut #place {
                                #inner
                            }
                        }
                    }),
                };
                fills.extend(nested);
            }
            Some(quote! {
                impl #name {
                    #(#fns)*

                    /// The value with every absent property that has a schema default set to it,
                    /// in nested values too.
                    pub fn with_defaults(mut self) -> Self {
                        self.fill_defaults();
                        self
                    }

                    pub(crate) fn fill_defaults(&mut self) {
                        #(#fills)*
                    }
                }
            })
        });
    quote! {
        use crate::model::*;
        #(#items)*
    }
}

/// Fills defaults inside a value at `place` (an expression of type `&mut T`), when its type
/// holds structs with defaults.
fn fill_nested(ir: &Ir, ty: &TypeRef, has: &[bool], place: TokenStream) -> Option<TokenStream> {
    if !reaches(ty, has) {
        return None;
    }
    Some(match ty {
        TypeRef::Named(id) => match &ir.get(*id).kind {
            TypeKind::Alias(inner) => return fill_nested(ir, inner, has, place),
            TypeKind::Newtype(n) => return fill_nested(ir, &n.ty, has, quote!((&mut #place.0))),
            _ => quote!(#place.fill_defaults();),
        },
        TypeRef::Boxed(inner) => fill_nested(ir, inner, has, quote!((&mut **#place)))?,
        TypeRef::Nullable(inner) => {
            let inner = fill_nested(ir, inner, has, quote!(value))?;
            quote!(if let Some(value) = #place { #inner })
        }
        TypeRef::Vec(inner) => {
            let inner = fill_nested(ir, inner, has, quote!(value))?;
            quote!(for value in #place.iter_mut() { #inner })
        }
        TypeRef::Map(inner) => {
            let inner = fill_nested(ir, inner, has, quote!(value))?;
            quote!(for value in #place.values_mut() { #inner })
        }
        TypeRef::Scalar(_) => return None,
    })
}

/// Whether the Rust type is `Copy` (the accessor then returns it without cloning).
fn is_copy(ir: &Ir, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Scalar(s) => matches!(
            s,
            Scalar::Bool
                | Scalar::I8
                | Scalar::I16
                | Scalar::I32
                | Scalar::U8
                | Scalar::U16
                | Scalar::U32
                | Scalar::F32
                | Scalar::F64
                | Scalar::Null
                | Scalar::I64
                | Scalar::U64
                | Scalar::I128
                | Scalar::U128
                | Scalar::Date
                | Scalar::Uuid
        ),
        TypeRef::Named(id) => match &ir.get(*id).kind {
            TypeKind::Enum(_) => true,
            TypeKind::Alias(inner) => is_copy(ir, inner),
            _ => false,
        },
        TypeRef::Nullable(inner) => is_copy(ir, inner),
        _ => false,
    }
}
