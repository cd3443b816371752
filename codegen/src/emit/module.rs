//! One module file for build scripts (`codegen::build_script`): the crate's modules written
//! inline, their `crate::` paths made relative to wherever the file is `include!`d, and the
//! crate's re-exports. No inner attributes: an included file cannot carry them.

use proc_macro2::{Delimiter, Group, Ident, Literal, Spacing, TokenStream, TokenTree};
use quote::quote;

use super::{lib_rs, modules, CrateOptions, Features};
use crate::ir::Ir;

/// What a module file asks of the crate that includes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModuleNeeds {
    /// The runtime's cargo features the schema uses (and its commands: `cli`, or `client` when
    /// they send requests; the includer then also depends on `clap` with `derive`).
    pub runtime_features: Vec<&'static str>,
    /// The `#![recursion_limit]` the including crate needs, when deeper than rustc's default.
    pub recursion_limit: Option<usize>,
}

/// The module file of `ir` and what it needs.
pub fn emit(ir: &Ir, options: &CrateOptions) -> (TokenStream, ModuleNeeds) {
    let features = Features::of(ir);
    let replaced: Vec<&str> = ir
        .types
        .iter()
        .filter(|t| t.replacement.is_some())
        .map(|t| t.name.as_str())
        .collect();
    let mods = modules(&features).into_iter().map(|(name, emitter)| {
        let tokens = emitter(ir, &features, options);
        let module = super::ident(name);
        let body = relative_paths(tokens, &replaced);
        let reexport = lib_rs::reexported(name).then(|| quote!(pub use #module::*;));
        quote! {
            mod #module {
                #body
            }
            #reexport
        }
    });
    // The command line, when commands are bound: `cli::run` is what the includer's binary calls.
    let cli = features.cli.then(|| {
        let body = relative_paths(
            super::cli::emit(ir, &options.package, options.signing_name.as_deref()),
            &replaced,
        );
        quote! {
            pub mod cli {
                #body
            }
        }
    });
    let reexports = lib_rs::reexports(&features);
    let tokens = quote! {
        #(#mods)*
        #cli
        #(pub use #reexports;)*
    };
    let mut runtime_features = features.runtime_features();
    if features.cli {
        runtime_features.push(if super::cli::sends(ir) {
            "client"
        } else {
            "cli"
        });
    }
    let needs = ModuleNeeds {
        runtime_features,
        recursion_limit: super::depth::recursion_limit(super::depth::nesting_depth(ir)),
    };
    (tokens, needs)
}

/// `crate::x` becomes `super::x`: every generated module sits one level below the module that
/// includes the file, which plays the part of the crate root. Literals (docs, strings) are
/// left alone, and so is the consumer's path in the alias of a `replaced` type (`type Money =
/// crate::money::Money;` means the including crate's root).
fn relative_paths(tokens: TokenStream, replaced: &[&str]) -> TokenStream {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(trees.len());
    let mut verbatim_until_semicolon = false;
    for (i, tree) in trees.iter().enumerate() {
        if verbatim_until_semicolon {
            verbatim_until_semicolon = !matches!(tree, TokenTree::Punct(p) if p.as_char() == ';');
            out.push(tree.clone());
            continue;
        }
        if let (TokenTree::Ident(keyword), Some(TokenTree::Ident(name))) = (tree, trees.get(i + 1))
        {
            verbatim_until_semicolon = keyword == "type" && replaced.iter().any(|r| name == r);
        }
        match tree {
            TokenTree::Ident(ident) if ident == "crate" && is_path_separator(&trees[i + 1..]) => {
                out.push(TokenTree::Ident(Ident::new("super", ident.span())));
            }
            TokenTree::Group(group) if is_doc(group) => {
                let mut inner = Group::new(group.delimiter(), relative_doc_links(group.stream()));
                inner.set_span(group.span());
                out.push(TokenTree::Group(inner));
            }
            TokenTree::Group(group) => {
                let mut inner =
                    Group::new(group.delimiter(), relative_paths(group.stream(), replaced));
                inner.set_span(group.span());
                out.push(TokenTree::Group(inner));
            }
            other => out.push(other.clone()),
        }
    }
    out.into_iter().collect()
}

/// `[doc = "..."]`, the inside of a doc attribute.
fn is_doc(group: &Group) -> bool {
    group.delimiter() == Delimiter::Bracket
        && matches!(group.stream().into_iter().next(), Some(TokenTree::Ident(i)) if i == "doc")
}

/// Intra-doc links to `crate::x` in a doc attribute's text become `super::x`, like the paths.
fn relative_doc_links(tokens: TokenStream) -> TokenStream {
    tokens
        .into_iter()
        .map(|tree| match &tree {
            TokenTree::Literal(literal) => {
                match syn::parse2::<syn::LitStr>(TokenTree::Literal(literal.clone()).into()) {
                    Ok(text) if text.value().contains("](crate::") => {
                        let text = text.value().replace("](crate::", "](super::");
                        TokenTree::Literal(Literal::string(&text))
                    }
                    _ => tree,
                }
            }
            _ => tree,
        })
        .collect()
}

fn is_path_separator(rest: &[TokenTree]) -> bool {
    matches!(
        rest,
        [TokenTree::Punct(a), TokenTree::Punct(b), ..]
            if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_paths_become_relative_and_literals_stay() {
        let tokens = quote! {
            use crate::model::*;
            impl X { type Err = crate::UnknownEnumValue; }
            #[doc = "see crate::model"]
            fn f() { let _ = (crate::a::b(), my_crate::c); }
            #[doc = "A [`Y`](crate::Y)."]
            struct Y;
            pub type Money = crate::money::Money;
            pub type Other = crate::Other;
        };
        assert_eq!(
            relative_paths(tokens, &["Money"]).to_string(),
            "use super :: model :: * ; impl X { type Err = super :: UnknownEnumValue ; } # [doc = \"see crate::model\"] fn f () { let _ = (super :: a :: b () , my_crate :: c) ; } # [doc = \"A [`Y`](super::Y).\"] struct Y ; pub type Money = crate :: money :: Money ; pub type Other = super :: Other ;"
        );
    }
}
