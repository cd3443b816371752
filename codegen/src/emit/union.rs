//! `src/union.rs`: how a union of object types (a root `oneOf`/`anyOf`) tells its branches apart,
//! and its `Deserialize`. Under the spec's `oneOf` a document must match exactly one branch, but
//! open objects make branches overlap (the generator warns); so the generated type decides by the
//! rule in [`RULE_DOC`], which is deterministic, explainable, and errs rather than guesses.

use proc_macro2::TokenStream;
use quote::quote;

use super::{a, ident};
use crate::ir::{Ir, TypeKind, Union};

/// The rule, as documented on every generated union.
pub const RULE_DOC: &[&str] = &[
    "# Telling the branches apart",
    "",
    "A JSON object is read as the branch whose required properties are all present. When",
    "several branches qualify, the one whose declared properties include every key of the",
    "object wins. A document that fits no branch, or several equally, is rejected with a",
    "[`UnionMatchError`](crate::UnionMatchError) that names the branches; the spec's `oneOf`",
    "would also reject many documents this rule accepts (its branches overlap).",
];

pub fn emit(ir: &Ir) -> TokenStream {
    let unions = ir.types.iter().filter_map(|t| match &t.kind {
        TypeKind::Union(u) => Some(union_impl(ir, &t.name, u)),
        _ => None,
    });
    quote! {
        use serde::Deserialize;
        use serde_json::{Map, Value};

        use crate::model::*;
        use crate::UnionMatchError;

        /// A branch as the rule sees it: its name, required and declared properties.
        struct Branch {
            name: &'static str,
            required: &'static [&'static str],
            declared: &'static [&'static str],
        }

        /// The index of the branch `document` belongs to (see the rule on each union).
        fn classify(union: &'static str, branches: &[Branch], document: &Map<String, Value>) -> Result<usize, UnionMatchError> {
            let candidates: Vec<usize> = (0..branches.len())
                .filter(|&i| branches[i].required.iter().all(|r| document.contains_key(*r)))
                .collect();
            if let [only] = candidates[..] {
                return Ok(only);
            }
            if candidates.is_empty() {
                let missing = branches
                    .iter()
                    .map(|b| (b.name, b.required.iter().copied().filter(|r| !document.contains_key(*r)).collect()))
                    .collect();
                return Err(UnionMatchError::NoBranch { union, missing });
            }
            let covering: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(|&i| document.keys().all(|k| branches[i].declared.contains(&k.as_str())))
                .collect();
            if let [only] = covering[..] {
                return Ok(only);
            }
            let tied = if covering.is_empty() { candidates } else { covering };
            Err(UnionMatchError::Ambiguous { union, branches: tied.iter().map(|&i| branches[i].name).collect() })
        }

        #(#unions)*
    }
}

fn union_impl(ir: &Ir, name: &str, u: &Union) -> TokenStream {
    let ty = ident(name);
    let kind = ident(&format!("{name}Kind"));
    let variants: Vec<_> = u.branches.iter().map(|b| ident(&b.rust_name)).collect();
    let branch_names: Vec<_> = u
        .branches
        .iter()
        .map(|b| ir.get(b.ty).name.clone())
        .collect();
    let tables = u.branches.iter().map(|b| {
        let TypeKind::Struct(s) = &ir.get(b.ty).kind else {
            unreachable!("lowering admits only struct branches")
        };
        let required = s.required().map(|f| f.json_name.as_str());
        let declared = s.fields.iter().map(|f| f.json_name.as_str());
        let branch = &ir.get(b.ty).name;
        quote!(Branch { name: #branch, required: &[#(#required),*], declared: &[#(#declared),*] })
    });
    let variant_docs = branch_names.iter().map(|b| format!(" [`{b}`]"));
    let kind_doc = format!(" Which branch of [`{name}`] a value or document is.");
    let from_docs = branch_names
        .iter()
        .map(|b| format!(" Wraps {} [`{b}`] as {} [`{name}`].", a(b), a(name)));
    let branch_tys: Vec<_> = branch_names.iter().map(|b| ident(b)).collect();
    quote! {
        #[doc = #kind_doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum #kind {
            #( #[doc = #variant_docs] #variants, )*
        }

        impl #kind {
            /// Every branch, in schema order.
            pub const ALL: &[Self] = &[#(Self::#variants),*];

            const BRANCHES: &[Branch] = &[#(#tables),*];

            /// The branch's type name.
            pub const fn name(self) -> &'static str {
                match self {
                    #(Self::#variants => #branch_names,)*
                }
            }
        }

        impl #ty {
            /// The branch this value holds.
            pub const fn kind(&self) -> #kind {
                match self {
                    #(Self::#variants(_) => #kind::#variants,)*
                }
            }

            /// Which branch a JSON object belongs to, by the rule in the type's docs.
            pub fn classify(document: &Map<String, Value>) -> Result<#kind, UnionMatchError> {
                let index = classify(#name, #kind::BRANCHES, document)?;
                Ok(#kind::ALL[index])
            }

            /// Reads a document: classifies it, then deserializes it as that branch.
            pub fn from_value(value: Value) -> Result<Self, UnionMatchError> {
                let Value::Object(document) = value else {
                    return Err(UnionMatchError::NotAnObject { union: #name });
                };
                let kind = Self::classify(&document)?;
                let document = Value::Object(document);
                let invalid = |e: serde_json::Error| UnionMatchError::Invalid {
                    union: #name,
                    branch: kind.name(),
                    message: e.to_string(),
                };
                Ok(match kind {
                    #(#kind::#variants => Self::#variants(serde_json::from_value(document).map_err(invalid)?),)*
                })
            }
        }

        impl<'de> Deserialize<'de> for #ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = Value::deserialize(deserializer)?;
                Self::from_value(value).map_err(serde::de::Error::custom)
            }
        }

        #(
            impl From<#branch_tys> for #ty {
                #[doc = #from_docs]
                fn from(value: #branch_tys) -> Self {
                    Self::#variants(value)
                }
            }
        )*
    }
}
