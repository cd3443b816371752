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
    "",
    "`matched` says which branch a document was read as and which of its members that branch",
    "does not declare (a typo in a required member can make a document fit a branch that",
    "requires nothing); `from_value_strict` refuses such documents, naming the members.",
];

/// The overlaps of a union's branches, for its docs: pairs of branches a document can fit at
/// once (judged by property names: both have the other's required properties declared, or are
/// open to them), with the smallest such document.
pub fn overlap_doc(ir: &Ir, u: &Union) -> Vec<String> {
    let branches: Vec<_> = u
        .branches
        .iter()
        .filter_map(|b| match &ir.get(b.ty).kind {
            TypeKind::Struct(s) => Some((ir.get(b.ty).name.as_str(), s)),
            _ => None,
        })
        .collect();
    let mut lines = Vec::new();
    for (i, (x, xs)) in branches.iter().enumerate() {
        for (y, ys) in &branches[i + 1..] {
            let mut witness: Vec<&str> = xs.required().map(|f| f.json_name.as_str()).collect();
            for f in ys.required() {
                if !witness.contains(&f.json_name.as_str()) {
                    witness.push(&f.json_name);
                }
            }
            let admits = |s: &crate::ir::Struct| {
                !s.deny_unknown_fields
                    || witness
                        .iter()
                        .all(|w| s.fields.iter().any(|f| f.json_name == *w))
            };
            if admits(xs) && admits(ys) {
                let only = if witness.is_empty() {
                    "an empty object".to_owned()
                } else {
                    let names: Vec<String> = witness.iter().map(|w| format!("`{w}`")).collect();
                    format!("a document with only {}", names.join(", "))
                };
                lines.push(format!("- [`{x}`] and [`{y}`] both fit {only}."));
            }
        }
    }
    if !lines.is_empty() {
        lines.insert(
            0,
            "Branches the generator found overlapping (by property names):".into(),
        );
        lines.insert(1, String::new());
    }
    lines
}

pub fn emit(ir: &Ir) -> TokenStream {
    let unions = ir.types.iter().filter_map(|t| match &t.kind {
        TypeKind::Union(u) if t.replacement.is_none() => Some(union_impl(ir, &t.name, u)),
        _ => None,
    });
    quote! {
        use jstruct_runtime::union::{self, Branch, UnionMatch};
        use serde::Deserialize;
        use serde_json::{Map, Value};

        use crate::model::*;
        use crate::UnionMatchError;

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
                Ok(Self::matched(document)?.kind)
            }

            /// Which branch a JSON object belongs to, and which of its members that branch does
            /// not declare.
            pub fn matched(document: &Map<String, Value>) -> Result<UnionMatch<#kind>, UnionMatchError> {
                Ok(union::classify(#name, #kind::BRANCHES, document)?.map(|i| #kind::ALL[i]))
            }

            /// Reads a document: classifies it, then deserializes it as that branch.
            pub fn from_value(value: Value) -> Result<Self, UnionMatchError> {
                Self::read(value, union::classify)
            }

            /// Reads a document as [`from_value`](Self::from_value) does, but refuses one with
            /// members the branch it fits does not declare ([`UnionMatchError::Undeclared`]).
            pub fn from_value_strict(value: Value) -> Result<Self, UnionMatchError> {
                Self::read(value, union::classify_strict)
            }

            fn read(value: Value, classify: union::Classifier) -> Result<Self, UnionMatchError> {
                let Value::Object(document) = value else {
                    return Err(UnionMatchError::NotAnObject { union: #name });
                };
                let kind = #kind::ALL[classify(#name, #kind::BRANCHES, &document)?.kind];
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
