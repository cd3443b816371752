//! Doc comments that always compile. Schema and page text reaches `#[doc]` attributes in many
//! places (descriptions, names, enum values, page help); rustc rejects a doc comment holding a
//! bare carriage return or a code point that changes the visible direction of text. This pass
//! runs over every token stream before it is printed, macro bodies included, so no emitter has
//! to remember it. (The loaders warn about such text where it is written; see `unsafe_text`.)

use std::borrow::Cow;

use proc_macro2::{Group, Literal, TokenStream, TokenTree};

use crate::unsafe_text;

/// `tokens` with the text of every `doc = "..."` cleaned, at any depth.
pub fn sanitize(tokens: TokenStream) -> TokenStream {
    let mut out = Vec::new();
    // The last two trees, to recognise `doc =` before a literal.
    let mut after_doc_eq = false;
    let mut after_doc = false;
    for tree in tokens {
        let tree = match tree {
            TokenTree::Group(g) => {
                let mut clean = Group::new(g.delimiter(), sanitize(g.stream()));
                clean.set_span(g.span());
                TokenTree::Group(clean)
            }
            TokenTree::Literal(lit) if after_doc_eq => TokenTree::Literal(clean_literal(lit)),
            other => other,
        };
        after_doc_eq = after_doc && matches!(&tree, TokenTree::Punct(p) if p.as_char() == '=');
        after_doc = matches!(&tree, TokenTree::Ident(i) if i == "doc");
        out.push(tree);
    }
    out.into_iter().collect()
}

fn clean_literal(lit: Literal) -> Literal {
    let Ok(s) = syn::parse2::<syn::LitStr>(TokenTree::Literal(lit.clone()).into()) else {
        return lit;
    };
    let value = s.value();
    match unsafe_text::escape(&value) {
        Cow::Borrowed(_) => lit,
        Cow::Owned(cleaned) => Literal::string(&cleaned),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn every_doc_attribute_is_sanitized_at_any_depth() {
        let bad = "x \u{2066} y\rz";
        let tokens = quote! {
            #[doc = #bad]
            struct A;
            m! { #[doc = #bad] field: T; }
            const S: &str = #bad;
        };
        let out = sanitize(tokens).to_string();
        assert_eq!(out.matches("x \\\\u{2066} y\\\\u{d}z").count(), 2, "{out}");
        // A string that is not a doc keeps its value (its literal is escaped by Rust itself).
        assert!(out.contains("const S"));
        assert_eq!(out.matches("\\u{2066}").count(), 3, "{out}");
    }
}
