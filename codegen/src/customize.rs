//! What a consumer adds to generated types (issue 17): derives on every type or on named ones,
//! outer attributes on named ones, and existing Rust types in place of generated ones
//! (`codegen.toml`'s `derives` and `[crate.types.<Name>]`, or `build_script::Config`). Checked
//! against the schema's types before anything is emitted.

use std::collections::BTreeMap;

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::quote;
use serde::Deserialize;

use crate::codes;
use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{Ir, TypeKind};

/// Additions to the generated types.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Customize {
    /// Derived by every generated struct, enum and union (`"PartialOrd"`, `"schemars::JsonSchema"`).
    #[serde(default)]
    pub derives: Vec<String>,
    /// Per generated type, by its Rust name.
    #[serde(default)]
    pub types: BTreeMap<String, TypeCustomization>,
}

/// Additions to one generated type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeCustomization {
    #[serde(default)]
    pub derives: Vec<String>,
    /// Outer attributes, written as in Rust (`"#[non_exhaustive]"`).
    #[serde(default)]
    pub attributes: Vec<String>,
    /// An existing type used instead of generating this one (`"shop_types::Money"`): the
    /// crate names it by an alias. It must have the type's JSON form and implement serde's
    /// traits, `Debug`, `Clone`, `PartialEq` and `jstruct_runtime::Validate` (another
    /// generated crate's types do): validating it is its own business.
    #[serde(default)]
    pub replace: Option<String>,
}

impl Customize {
    pub fn is_empty(&self) -> bool {
        self.derives.is_empty() && self.types.is_empty()
    }

    /// Errors for what cannot apply: a derive that is not a path, an attribute that is not one
    /// outer attribute, a type the schema does not generate (or generates as an alias), a
    /// replacement that is not a path or comes with derives or attributes (it is not generated,
    /// so it takes none).
    pub fn check(&self, ir: &Ir, diags: &mut Diagnostics) {
        let invalid = |message: String| Diagnostic::error(codes::CONFIG_INVALID, message);
        let derives = self
            .derives
            .iter()
            .chain(self.types.values().flat_map(|t| &t.derives));
        for derive in derives {
            if syn::parse_str::<syn::Path>(derive).is_err() {
                diags.push(invalid(format!(
                    "`{derive}` in `derives` is not a Rust path"
                )));
            }
        }
        for (name, custom) in &self.types {
            match ir.types.iter().find(|t| t.name == *name) {
                None => diags.push(invalid(format!(
                    "`[crate.types.{name}]`: the schema generates no type named `{name}`"
                ))),
                Some(t) if matches!(t.kind, TypeKind::Alias(_) | TypeKind::Abstract) => {
                    diags.push(invalid(format!(
                        "`[crate.types.{name}]`: `{name}` is a type alias, which takes no derives or attributes"
                    )))
                }
                Some(_) => {}
            }
            if let Some(path) = &custom.replace {
                if syn::parse_str::<syn::Path>(path).is_err() {
                    diags.push(invalid(format!(
                        "`[crate.types.{name}]`: `replace = \"{path}\"` is not a Rust path"
                    )));
                }
                if !(custom.derives.is_empty() && custom.attributes.is_empty()) {
                    diags.push(invalid(format!(
                        "`[crate.types.{name}]`: a replaced type is not generated, so it takes no derives or attributes"
                    )));
                }
            }
            for attribute in &custom.attributes {
                let parsed = syn::parse::Parser::parse_str(syn::Attribute::parse_outer, attribute);
                if !matches!(parsed, Ok(attrs) if attrs.len() == 1) {
                    diags.push(invalid(format!(
                        "`{attribute}` (on `{name}`) is not one outer attribute such as `#[non_exhaustive]`"
                    )));
                }
            }
        }
    }

    /// Records the replacements in the IR. After binding: a command's type is generated, as
    /// its options are built from it field by field (an error names such a type).
    pub fn replace_types(&self, ir: &mut Ir, diags: &mut Diagnostics) {
        for (name, path) in self
            .types
            .iter()
            .filter_map(|(name, c)| Some((name, c.replace.as_ref()?)))
        {
            let Some(index) = ir.types.iter().position(|t| t.name == *name) else {
                continue;
            };
            if ir
                .commands
                .iter()
                .any(|c| c.target.is_some_and(|id| id.0 == index))
            {
                diags.push(Diagnostic::error(
                    codes::CONFIG_INVALID,
                    format!("`[crate.types.{name}]`: `{name}` is a command's type, which cannot be replaced"),
                ));
                continue;
            }
            ir.types[index].replacement = Some(path.clone());
        }
    }

    /// `item` (a generated type named `name`) with the configured attributes before it and the
    /// configured derives it does not derive already.
    pub fn apply(&self, name: &str, item: TokenStream) -> TokenStream {
        let own = self.types.get(name);
        let wanted = self
            .derives
            .iter()
            .chain(own.into_iter().flat_map(|t| &t.derives));
        let present = derived(&item);
        let mut derives: Vec<TokenStream> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        for d in wanted {
            let last = d.rsplit("::").next().unwrap_or(d).trim().to_owned();
            if present.contains(&last) || seen.contains(&last) {
                continue;
            }
            if let Ok(path) = syn::parse_str::<syn::Path>(d) {
                derives.push(quote!(#path));
                seen.push(last);
            }
        }
        let attributes = own
            .into_iter()
            .flat_map(|t| &t.attributes)
            .filter_map(|a| a.parse::<TokenStream>().ok());
        let derive = (!derives.is_empty()).then(|| quote!(#[derive(#(#derives),*)]));
        quote!(#(#attributes)* #derive #item)
    }
}

/// The names (last path segments) in the top-level `#[derive(...)]` attributes of `item`.
fn derived(item: &TokenStream) -> Vec<String> {
    let mut names = Vec::new();
    for tree in item.clone() {
        let TokenTree::Group(attr) = tree else {
            continue;
        };
        if attr.delimiter() != Delimiter::Bracket {
            continue;
        }
        let mut inner = attr.stream().into_iter();
        let (Some(TokenTree::Ident(derive)), Some(TokenTree::Group(list))) =
            (inner.next(), inner.next())
        else {
            continue;
        };
        if derive != "derive" {
            continue;
        }
        let mut last = None;
        for t in list.stream() {
            match t {
                TokenTree::Ident(i) => last = Some(i.to_string()),
                TokenTree::Punct(p) if p.as_char() == ',' => names.extend(last.take()),
                _ => {}
            }
        }
        names.extend(last);
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CrateOptions, PageInput};

    fn generate(customize: Customize) -> crate::Outcome {
        let schema = r#"{"$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://example.com/t", "name": "T", "type": "object", "properties": {"a": {"type": "string"}}}"#;
        let options = CrateOptions {
            package: "t".into(),
            customize,
            ..CrateOptions::default()
        };
        let pages: &[PageInput] = &[];
        crate::generate_with_commands("t.json", schema.as_bytes(), pages, &options)
    }

    #[test]
    fn what_cannot_apply_is_an_error() {
        let bad = customize(
            "derives = [\"Not A Path\"]\n[types.Nope]\nattributes = [\"derive(Debug)\"]\n",
        );
        let outcome = generate(bad);
        assert!(outcome.files.is_none());
        let messages: Vec<&str> = outcome
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("`Not A Path` in `derives` is not a Rust path"));
        assert!(messages[1].contains("generates no type named `Nope`"));
        assert!(messages[2].contains("is not one outer attribute"));
        let good = generate(customize(
            "derives = [\"PartialOrd\"]\n[types.T]\nattributes = [\"#[must_use]\"]\n",
        ));
        let model = good
            .files
            .unwrap()
            .into_iter()
            .find(|f| f.path == "src/model.rs")
            .unwrap();
        assert!(
            model
                .contents
                .contains("#[must_use]\n#[derive(PartialOrd)]\n"),
            "{}",
            model.contents
        );
    }

    fn customize(toml: &str) -> Customize {
        toml::from_str(toml).unwrap()
    }

    #[test]
    fn a_replaced_type_is_an_alias_and_nothing_else() {
        let bad = generate(customize(
            "[types.T]\nreplace = \"not a path\"\nderives = [\"Eq\"]\n",
        ));
        let messages: Vec<&str> = bad.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("`replace = \"not a path\"` is not a Rust path"));
        assert!(messages[1].contains("a replaced type is not generated, so it takes no derives"));
        let good = generate(customize("[types.T]\nreplace = \"my_types::Thing\"\n"));
        let files = good.files.unwrap();
        let text = |path: &str| {
            files
                .iter()
                .find(|f| f.path == path)
                .map(|f| f.contents.clone())
                .unwrap_or_default()
        };
        assert!(text("src/model.rs").contains("pub type T = my_types::Thing;"));
        assert!(!text("src/model.rs").contains("struct T"));
        assert!(!text("src/builders.rs").contains("TBuilder"));
        // Its shape is the replacement's, under the name other shapes use.
        assert!(text("src/validate.rs").contains("pub struct TShape;"));
        assert!(!text("src/validate.rs").contains("impl Validate for crate::T"));
    }

    #[test]
    fn derives_are_added_once_and_attributes_go_first() {
        let c = customize(
            "derives = [\"PartialOrd\", \"Hash\"]\n[types.Order]\nderives = [\"Ord\", \"PartialOrd\"]\nattributes = [\"#[non_exhaustive]\"]\n",
        );
        let item = quote!(
            #[doc = " An order."]
            #[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
            pub struct Order {}
        );
        let out = c.apply("Order", item).to_string();
        assert_eq!(
            out,
            "# [non_exhaustive] # [derive (PartialOrd , Ord)] # [doc = \" An order.\"] # [derive (Debug , Clone , PartialEq , Eq , Hash , serde :: Serialize)] pub struct Order { }"
        );
        let other = c
            .apply(
                "Line",
                quote!(
                    pub struct Line;
                ),
            )
            .to_string();
        assert_eq!(other, "# [derive (PartialOrd , Hash)] pub struct Line ;");
    }
}
