//! `src/defaults.rs`: the schema's `default`s. A defaulted property is an `Option` in the model
//! (so a document is written back exactly as it was read); per property the type gets the
//! default as a function and an accessor that supplies it when the key is absent, and the
//! runtime's `Defaults` trait fills every absent default in (nested values included, through
//! any container), as the CLI does before it prints a request.

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
    let mut structs = Vec::new();
    let mut written = Vec::new();
    let mut newtypes = Vec::new();
    for (_, t) in ir
        .types
        .iter()
        .enumerate()
        .filter(|(i, t)| has[*i] && t.replacement.is_none())
    {
        let name = ident(&t.name);
        match &t.kind {
            TypeKind::Struct(s) => match declared(ir, &name, &s.fields, &has) {
                Some(entry) => structs.push(entry),
                None => written.push(written_out(ir, &name, &s.fields, &has)),
            },
            TypeKind::Newtype(_) => newtypes.push(quote! {
                impl Defaults for #name {
                    fn fill_defaults(&mut self) {
                        self.0.fill_defaults();
                    }
                }
            }),
            // Aliases are their target type, which fills itself.
            _ => {}
        }
    }
    let structs =
        (!structs.is_empty()).then(|| quote!(jstruct_runtime::defaults! { #(#structs)* }));
    // `defaults!` names the trait by its path; the impls written out name it.
    let import = (!newtypes.is_empty() || !written.is_empty()).then(|| {
        quote!(
            use jstruct_runtime::Defaults;
        )
    });
    quote! {
        #import

        use crate::model::*;

        #structs

        #(#written)*

        #(#newtypes)*
    }
}

/// A struct's entry in `defaults!`, if every default it has is a literal (or a path, as an
/// enum value is) whose accessor returns it by value (`copy`) or as a `&str` (`str`): each
/// defaulted property, then each property whose type holds defaults. Other defaults are
/// expressions (parsing, collections, nested values), which read best written out as code.
fn declared(
    ir: &Ir,
    name: &proc_macro2::Ident,
    fields: &[Field],
    has: &[bool],
) -> Option<TokenStream> {
    let mut defaulted = Vec::new();
    let mut fills = Vec::new();
    for f in fields {
        let field = ident(&f.rust_name);
        if let Presence::Defaulted(value) = &f.presence {
            let fn_name = ident(&fn_name(f));
            let ty = rust_type(ir, &f.ty);
            let json = &f.json_name;
            let text = value.to_string();
            let (kind, default) = match (&f.ty, value.as_str()) {
                _ if is_copy(ir, &f.ty) => (quote!(copy), default_expr(ir, &f.ty, value)),
                (TypeRef::Scalar(Scalar::String), Some(literal)) => (quote!(str), quote!(#literal)),
                _ => return None,
            };
            if !is_literal(&default) {
                return None;
            }
            // The macro's docs name the field and show the default as Rust spells them,
            // unless told the JSON spelling.
            let json = (*json != f.rust_name).then(|| quote!((#json)));
            let text = (default.to_string() != text).then(|| quote!(, #text));
            defaulted.push(quote!(#kind #field #json: #ty = #default #text => #fn_name;));
        }
        if reaches(&f.ty, has) {
            fills.push(quote!(#field;));
        }
    }
    let defaulted = (!defaulted.is_empty()).then(|| quote!(default { #(#defaulted)* }));
    let fills = (!fills.is_empty()).then(|| quote!(fill { #(#fills)* }));
    Some(quote!(#name { #defaulted #fills }))
}

/// Whether `expr` is a literal, a negative one or a path: no call, group or method.
fn is_literal(expr: &TokenStream) -> bool {
    expr.clone().into_iter().all(|t| match t {
        proc_macro2::TokenTree::Ident(_) | proc_macro2::TokenTree::Literal(_) => true,
        proc_macro2::TokenTree::Punct(p) => matches!(p.as_char(), ':' | '-'),
        proc_macro2::TokenTree::Group(_) => false,
    })
}

/// A struct's default functions and accessors, and its `Defaults` impl: each defaulted
/// property set when absent, each property whose type holds defaults passed on.
fn written_out(ir: &Ir, name: &proc_macro2::Ident, fields: &[Field], has: &[bool]) -> TokenStream {
    let mut fns = Vec::new();
    let mut fills = Vec::new();
    for f in fields {
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
            // The accessor copies what is `Copy`, lends a string default as a `&str` literal,
            // and lends anything else, building the default only when it is absent.
            let accessor = match (&f.ty, value.as_str()) {
                _ if is_copy(ir, &f.ty) => quote! {
                    pub fn #field(&self) -> #ty {
                        self.#field.unwrap_or_else(Self::#fn_name)
                    }
                },
                (TypeRef::Scalar(Scalar::String), Some(text)) => quote! {
                    pub fn #field(&self) -> &str {
                        self.#field.as_deref().unwrap_or(#text)
                    }
                },
                (TypeRef::Vec(_) | TypeRef::Scalar(Scalar::Binary(_)), _) => {
                    let item = match &f.ty {
                        TypeRef::Vec(item) => rust_type(ir, item),
                        _ => quote!(u8),
                    };
                    quote! {
                        pub fn #field(&self) -> ::std::borrow::Cow<'_, [#item]> {
                            match &self.#field {
                                Some(items) => ::std::borrow::Cow::Borrowed(items.as_slice()),
                                None => ::std::borrow::Cow::Owned(Self::#fn_name()),
                            }
                        }
                    }
                }
                _ => quote! {
                    pub fn #field(&self) -> ::std::borrow::Cow<'_, #ty> {
                        match &self.#field {
                            Some(value) => ::std::borrow::Cow::Borrowed(value),
                            None => ::std::borrow::Cow::Owned(Self::#fn_name()),
                        }
                    }
                },
            };
            fns.push(quote! {
                #[doc = #doc]
                pub fn #fn_name() -> #ty {
                    #expr
                }

                #[doc = #accessor_doc]
                #accessor
            });
            fills.push(quote!(self.#field.get_or_insert_with(Self::#fn_name);));
        }
        if reaches(&f.ty, has) {
            fills.push(quote!(self.#field.fill_defaults();));
        }
    }
    let accessors = (!fns.is_empty()).then(|| {
        quote! {
            impl #name {
                #(#fns)*
            }
        }
    });
    quote! {
        #accessors

        impl Defaults for #name {
            fn fill_defaults(&mut self) {
                #(#fills)*
            }
        }
    }
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
