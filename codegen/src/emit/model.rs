//! `src/model.rs`: the data types — a struct per object, an enum per string `enum`, the root
//! union, aliases — with their serde attributes and docs.

use proc_macro2::TokenStream;
use quote::quote;

use super::{declares, doc_attrs, doc_lines, ident, rust_type, type_docs, wire};
use crate::customize::Customize;
use crate::ir::{
    Choice, Constrained, Element, Enum, Field, Ir, Member, Module, Presence, Scalar, Struct,
    TypeDef, TypeKind, TypeRef, Union,
};

pub fn emit(ir: &Ir, customize: &Customize) -> TokenStream {
    let comparable = eq_hash(ir);
    let items = ir.types.iter().zip(&comparable).map(|(t, &comparable)| {
        // `Eq` and `Hash` wherever every value the type holds has them: such values can be
        // map keys and set members.
        let eq = if comparable {
            quote!(Eq, Hash,)
        } else {
            quote!()
        };
        if let Some(path) = &t.replacement {
            return replaced_def(t, path);
        }
        let item = match &t.kind {
            TypeKind::Struct(s) => struct_def(ir, t, s, &eq),
            TypeKind::Enum(e) => enum_def(t, e),
            TypeKind::Union(u) => union_def(ir, t, u, &eq),
            TypeKind::Untagged(members) => untagged_def(ir, t, members, &eq),
            TypeKind::Tuple(elements) => tuple_def(ir, t, elements, &eq),
            TypeKind::Choice(c) => choice_def(ir, t, c, &eq),
            TypeKind::Newtype(n) => newtype_def(ir, t, n, &eq),
            TypeKind::Abstract => return quote!(),
            TypeKind::Alias(ty) => {
                let docs = type_docs(t);
                let name = ident(&t.name);
                let ty = rust_type(ir, ty);
                return quote!(#docs pub type #name = #ty;);
            }
        };
        if customize.is_empty() {
            item
        } else {
            customize.apply(&t.name, item)
        }
    });
    // Aliases alone derive nothing; an unused import would be a warning in the generated crate.
    let derives = ir
        .types
        .iter()
        .any(|t| !matches!(t.kind, TypeKind::Alias(_)) && t.replacement.is_none());
    let imports = derives.then(|| {
        quote!(
            use serde::{Deserialize, Serialize};
        )
    });
    let modules = ir.modules.iter().map(|m| module_def(ir, m, 1));
    quote! {
        #imports
        #(#items)*
        #(#modules)*
    }
}

/// A type the consumer replaced by an existing one: an alias, so the rest of the crate names it
/// as if it were generated.
fn replaced_def(t: &TypeDef, path: &str) -> TokenStream {
    let docs = type_docs(t);
    let name = ident(&t.name);
    let note = format!(
        " Replaced by [`{path}`] (the crate's configuration): it has this type's JSON form and validates itself (its `Validate`)."
    );
    let path: syn::Path = syn::parse_str(path).expect("checked by customize");
    quote! {
        #docs
        ///
        #[doc = #note]
        pub type #name = #path;
    }
}

/// Which types can derive `Eq` and `Hash`: those whose every field, item, member and variant
/// can (floats and untyped JSON values cannot). A recursive type can unless something on its
/// cycle cannot: assumed of every type, then withdrawn to a fixed point.
pub fn eq_hash(ir: &Ir) -> Vec<bool> {
    fn fits(ty: &TypeRef, ok: &[bool]) -> bool {
        match ty {
            TypeRef::Scalar(s) => !matches!(s, Scalar::F32 | Scalar::F64 | Scalar::Json),
            TypeRef::Named(id) => ok[id.0],
            TypeRef::Vec(t) | TypeRef::Map(t) | TypeRef::Boxed(t) | TypeRef::Nullable(t) => {
                fits(t, ok)
            }
        }
    }
    let mut ok = vec![true; ir.types.len()];
    loop {
        let mut changed = false;
        for (i, t) in ir.types.iter().enumerate() {
            let all_fit = match &t.kind {
                // What a replacement derives is not known here.
                _ if t.replacement.is_some() => false,
                // The root union's branches are types, not type references.
                TypeKind::Union(u) => u.branches.iter().all(|b| ok[b.ty.0]),
                kind => kind.type_refs().into_iter().all(|r| fits(r, &ok)),
            };
            if ok[i] && !all_fit {
                ok[i] = false;
                changed = true;
            }
        }
        if !changed {
            return ok;
        }
    }
}

/// A namespace: a module re-exporting its types under their schema names, and its nested
/// namespaces.
/// A namespace's module, `depth` levels below `model`. Its re-exports are relative (`super::`
/// once per level), so the crate's modules can also be included into any module of another
/// crate (`build_script`).
fn module_def(ir: &Ir, m: &Module, depth: usize) -> TokenStream {
    let up = vec![quote!(super::); depth];
    let name = ident(&m.name);
    let doc = format!(
        " The types of the `{}` namespace (`#{}`), by their names in the schema.",
        m.json_name, m.pointer
    );
    let uses = m.types.iter().map(|(alias, id)| {
        let flat = ident(&ir.get(*id).name);
        if *alias == ir.get(*id).name {
            quote!(pub use #(#up)* #flat;)
        } else {
            let alias = ident(alias);
            quote!(pub use #(#up)* #flat as #alias;)
        }
    });
    let nested = m.modules.iter().map(|n| module_def(ir, n, depth + 1));
    quote! {
        #[doc = #doc]
        pub mod #name {
            #(#uses)*
            #(#nested)*
        }
    }
}

fn struct_def(ir: &Ir, t: &TypeDef, s: &Struct, eq: &TokenStream) -> TokenStream {
    let docs = type_docs(t);
    let name = ident(&t.name);
    // A type without required fields has the derived `Default`: every key absent.
    let derive_default = (!s.has_required()).then(|| quote!(Default,));
    let deny = s
        .deny_unknown_fields
        .then(|| quote!(#[serde(deny_unknown_fields)]));
    let fields = s.fields.iter().map(|f| field(ir, f));
    let additional = s.additional.as_ref().map(|a| {
        let name = ident(&a.rust_name);
        let ty = rust_type(ir, &a.ty);
        let adapter = serde_as_attr(
            wire::serde_as(ir, &a.ty).map(|a| format!("::std::collections::BTreeMap<_, {a}>")),
        );
        let doc = if a.declared {
            " The properties the schema does not declare, by name, each checked against `additionalProperties`."
        } else {
            " The properties the schema does not declare, by name, kept as read so documents round-trip (the object is open: no `additionalProperties: false`)."
        };
        quote! {
            #[doc = #doc]
            #adapter
            #[serde(flatten)]
            pub #name: ::std::collections::BTreeMap<String, #ty>,
        }
    });
    let adapted = s.additional.as_ref().map(|a| &a.ty);
    let serde_as = (s
        .fields
        .iter()
        .any(|f| wire::field_serde_as(ir, f).is_some())
        || adapted.is_some_and(|ty| wire::serde_as(ir, ty).is_some()))
    .then(|| quote!(#[serde_with::serde_as]));
    quote! {
        #docs
        #serde_as
        #[derive(Debug, Clone, PartialEq, #eq #derive_default Serialize, Deserialize)]
        #deny
        pub struct #name {
            #(#fields)*
            #additional
        }
    }
}

fn field(ir: &Ir, f: &Field) -> TokenStream {
    let default = match &f.presence {
        Presence::Defaulted(v) => Some(v),
        _ => None,
    };
    let docs = doc_attrs(&doc_lines(&f.docs, default));
    let name = ident(&f.rust_name);
    let ty = rust_type(ir, &f.ty);
    let mut serde = Vec::new();
    if f.json_name != f.rust_name {
        let json = &f.json_name;
        serde.push(quote!(rename = #json));
    }
    let adapter = serde_as_attr(wire::field_serde_as(ir, f));
    let ty = match &f.presence {
        Presence::Required => ty,
        Presence::Optional => {
            serde.push(quote!(default, skip_serializing_if = "Option::is_none"));
            quote!(Option<#ty>)
        }
        Presence::Defaulted(_) => {
            serde.push(quote!(default, skip_serializing_if = "Option::is_none"));
            quote!(Option<#ty>)
        }
    };
    let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
    quote! {
        #docs
        #adapter
        #serde
        pub #name: #ty,
    }
}

/// A choice: an enum whose variants are the choices. Tagged choices are serde's default
/// (external) enum form, `{"<choice>": value}`; inline ones are internally tagged by the
/// selector, `{"<selector>": "<choice>", ...the object's members}`.
fn choice_def(ir: &Ir, t: &TypeDef, c: &Choice, eq: &TokenStream) -> TokenStream {
    let mut lines = doc_lines(&t.docs, None);
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(match &c.selector {
        None => "A tagged choice: a JSON object with one member, named for the choice.".into(),
        Some(s) => format!("An inline choice: the chosen object, with `{s}` naming the choice."),
    });
    lines.push(String::new());
    lines.push(format!("Schema: `#{}`.", t.pointer));
    let docs = doc_attrs(&lines);
    let name = ident(&t.name);
    if let Some(selector) = c.selector.as_ref().filter(|s| selector_shadows(ir, c, s)) {
        return shadowing_choice_def(ir, &name, docs, c, selector, eq);
    }
    let tag = c.selector.as_ref().map(|s| quote!(#[serde(tag = #s)]));
    let mut adapted = false;
    let variants: Vec<_> = c
        .variants
        .iter()
        .map(|v| {
            let variant = ident(&v.rust_name);
            let json = &v.json_name;
            let adapter = wire::serde_as(ir, &v.ty);
            adapted |= adapter.is_some();
            let adapter = serde_as_attr(adapter);
            let ty = rust_type(ir, &v.ty);
            let doc = format!(" `{json}`.");
            quote!(#[doc = #doc] #[serde(rename = #json)] #variant(#adapter #ty),)
        })
        .collect();
    let serde_as = adapted.then(|| quote!(#[serde_with::serde_as]));
    quote! {
        #docs
        #serde_as
        // Variants hold whatever the schema puts in them; boxing the large ones would cost
        // every value an allocation and every user a `Box`.
        #[allow(clippy::large_enum_variant)]
        #[derive(Debug, Clone, PartialEq, #eq Serialize, Deserialize)]
        #tag
        pub enum #name {
            #(#variants)*
        }
    }
}

/// Whether an inline choice's selector is also a property of some chosen type (Core's own
/// example declares it on the base): serde's internal tagging would consume it.
pub fn selector_shadows(ir: &Ir, c: &Choice, selector: &str) -> bool {
    c.variants.iter().any(|v| declares(ir, &v.ty, selector))
}

/// An inline choice whose selector shadows a property: read and written through the runtime's
/// `choice` module, so the chosen type sees its property and the selector is written once.
fn shadowing_choice_def(
    ir: &Ir,
    name: &proc_macro2::Ident,
    docs: TokenStream,
    c: &Choice,
    selector: &str,
    eq: &TokenStream,
) -> TokenStream {
    let variants: Vec<_> = c
        .variants
        .iter()
        .map(|v| {
            let variant = ident(&v.rust_name);
            let ty = rust_type(ir, &v.ty);
            let doc = format!(" `{}`.", v.json_name);
            quote!(#[doc = #doc] #variant(#ty),)
        })
        .collect();
    let writes = c.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let json = &v.json_name;
        quote!(Self::#variant(value) => jstruct_runtime::choice::write(serializer, #selector, #json, value),)
    });
    let reads = c.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let json = &v.json_name;
        let keeps = declares(ir, &v.ty, selector);
        quote!(#json => jstruct_runtime::choice::chosen::<_, D>(object, #selector, #keeps).map(Self::#variant),)
    });
    let names = c.variants.iter().map(|v| &v.json_name);
    let doc = format!(
        " The chosen object with `{selector}` naming the choice, written first and once (the variant decides it); the chosen type reads `{selector}` as its own property."
    );
    quote! {
        #docs
        #[allow(clippy::large_enum_variant)]
        #[derive(Debug, Clone, PartialEq, #eq)]
        pub enum #name {
            #(#variants)*
        }

        #[doc = #doc]
        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#writes)*
                }
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let (choice, object) = jstruct_runtime::choice::read(deserializer, #selector)?;
                match choice.as_str() {
                    #(#reads)*
                    other => Err(<D::Error as serde::de::Error>::unknown_variant(other, &[#(#names),*])),
                }
            }
        }
    }
}

/// A tuple: a tuple struct, which serde reads and writes as a JSON array in element order.
fn tuple_def(ir: &Ir, t: &TypeDef, elements: &[Element], eq: &TokenStream) -> TokenStream {
    let mut lines = doc_lines(&t.docs, None);
    if !lines.is_empty() {
        lines.push(String::new());
    }
    let order: Vec<_> = elements
        .iter()
        .map(|e| format!("`{}`", e.json_name))
        .collect();
    lines.push(format!(
        "A tuple: a JSON array of {}, in that order.",
        order.join(", ")
    ));
    lines.push(String::new());
    lines.push(format!("Schema: `#{}`.", t.pointer));
    let docs = doc_attrs(&lines);
    let name = ident(&t.name);
    let mut adapted = false;
    let fields: Vec<_> = elements
        .iter()
        .map(|e| {
            let adapter = wire::serde_as(ir, &e.ty);
            adapted |= adapter.is_some();
            let adapter = serde_as_attr(adapter);
            let mut doc = vec![format!("`{}`", e.json_name)];
            if let Some(d) = &e.docs.description {
                doc[0] = format!("`{}`: {}", e.json_name, super::doc_text(d).join(" "));
            }
            let doc = doc_attrs(&doc);
            let ty = rust_type(ir, &e.ty);
            quote!(#doc #adapter pub #ty,)
        })
        .collect();
    let serde_as = adapted.then(|| quote!(#[serde_with::serde_as]));
    quote! {
        #docs
        #serde_as
        #[derive(Debug, Clone, PartialEq, #eq Serialize, Deserialize)]
        pub struct #name(#(#fields)*);
    }
}

/// A constrained definition of another type: a transparent newtype (the JSON is the wrapped
/// value's), convertible from the value it wraps; `validate()` checks the constraints.
fn newtype_def(ir: &Ir, t: &TypeDef, n: &Constrained, eq: &TokenStream) -> TokenStream {
    let docs = type_docs(t);
    let name = ident(&t.name);
    let ty = rust_type(ir, &n.ty);
    let adapter = wire::serde_as(ir, &n.ty);
    let serde_as = adapter.is_some().then(|| quote!(#[serde_with::serde_as]));
    let adapter = serde_as_attr(adapter);
    quote! {
        #docs
        #serde_as
        #[derive(Debug, Clone, PartialEq, #eq Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct #name(#adapter pub #ty);

        impl From<#ty> for #name {
            fn from(value: #ty) -> Self {
                Self(value)
            }
        }
    }
}

/// A type union: an untagged enum whose variants keep the members' order, so serde tries them
/// in the order Core prescribes (the first that fits wins).
fn untagged_def(ir: &Ir, t: &TypeDef, members: &[Member], eq: &TokenStream) -> TokenStream {
    let mut lines = doc_lines(&t.docs, None);
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(match &t.rules {
        None => "A type union: the first member the value fits is the one it is.".into(),
        Some(r) if !r.one_of.is_empty() => "One of the schemas of a `oneOf`: read as the first variant the value fits (in order); the validators check that exactly one schema matches.".into(),
        Some(_) => "A value of the schemas of an `anyOf`: read as the first variant the value fits (in order); the validators check that at least one schema matches.".into(),
    });
    lines.push(String::new());
    lines.push(format!("Schema: `#{}`.", t.pointer));
    let docs = doc_attrs(&lines);
    let name = ident(&t.name);
    let mut adapted = false;
    let variants: Vec<_> = members
        .iter()
        .map(|m| {
            let variant = ident(&m.rust_name);
            match &m.ty {
                None => quote!(#[doc = " `null`."] #variant,),
                Some(ty) => {
                    let adapter = wire::serde_as(ir, ty);
                    adapted |= adapter.is_some();
                    let adapter = serde_as_attr(adapter);
                    let rust = rust_type(ir, ty);
                    quote!(#variant(#adapter #rust),)
                }
            }
        })
        .collect();
    let serde_as = adapted.then(|| quote!(#[serde_with::serde_as]));
    quote! {
        #docs
        #serde_as
        // Variants hold whatever the schema puts in them; boxing the large ones would cost
        // every value an allocation and every user a `Box`.
        #[allow(clippy::large_enum_variant)]
        #[derive(Debug, Clone, PartialEq, #eq Serialize, Deserialize)]
        #[serde(untagged)]
        pub enum #name {
            #(#variants)*
        }
    }
}

/// The field attribute naming the adapter type.
pub(super) fn serde_as_attr(adapter: Option<String>) -> Option<TokenStream> {
    adapter.map(|a| quote!(#[serde_as(as = #a)]))
}

fn enum_def(t: &TypeDef, e: &Enum) -> TokenStream {
    let docs = type_docs(t);
    let name = ident(&t.name);
    let context = &e.context;
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let values: Vec<_> = e.variants.iter().map(|v| v.json_value.as_str()).collect();
    let variant_docs = e.variants.iter().map(|v| {
        let mut doc = format!(" `{}`", v.json_value);
        if let Some(listed) = &v.listed {
            doc.push_str(&format!(" (`{listed}` in the schema's `enum`)"));
        }
        let symbols: Vec<_> = v
            .symbols
            .iter()
            .map(|(purpose, symbol)| format!("{purpose} `{symbol}`"))
            .collect();
        if !symbols.is_empty() {
            doc.push_str(&format!(". Also known as: {}.", symbols.join(", ")));
        }
        quote!(#[doc = #doc])
    });
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum #name {
            #( #variant_docs #[serde(rename = #values)] #variants, )*
        }

        impl #name {
            /// Every value, in schema order.
            pub const ALL: &[Self] = &[#(Self::#variants),*];

            /// The value as it appears in JSON.
            pub const fn as_str(self) -> &'static str {
                match self {
                    #(Self::#variants => #values,)*
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for #name {
            type Err = crate::UnknownEnumValue;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                match value {
                    #(#values => Ok(Self::#variants),)*
                    _ => Err(crate::UnknownEnumValue::new(#context, value, &[#(#values),*])),
                }
            }
        }
    }
}

fn union_def(ir: &Ir, t: &TypeDef, u: &Union, eq: &TokenStream) -> TokenStream {
    let name = ident(&t.name);
    let mut lines = doc_lines(&t.docs, None);
    if !lines.is_empty() {
        lines.push(String::new());
    }
    let branch_list: Vec<_> = u
        .branches
        .iter()
        .map(|b| format!("[`{}`]", ir.get(b.ty).name))
        .collect();
    lines.push(format!(
        "One of {} (the schema's root `{}`).",
        branch_list.join(", "),
        u.keyword
    ));
    lines.push(String::new());
    lines.extend(super::union::RULE_DOC.iter().map(|l| l.to_string()));
    lines.push(String::new());
    let overlaps = super::union::overlap_doc(ir, u);
    if !overlaps.is_empty() {
        lines.extend(overlaps);
        lines.push(String::new());
    }
    lines.push(format!("Schema: `#{}`.", t.pointer));
    let docs = doc_attrs(&lines);
    let variants = u.branches.iter().map(|b| {
        let variant = ident(&b.rust_name);
        let ty = rust_type(ir, &TypeRef::Named(b.ty));
        let doc = format!(" A [`{}`].", ir.get(b.ty).name);
        quote!(#[doc = #doc] #variant(#ty),)
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #eq Serialize)]
        #[serde(untagged)]
        pub enum #name {
            #(#variants)*
        }
    }
}
