//! Stage 5, format: token streams → source text with prettyplease (deterministic, no rustfmt
//! installation needed), behind a header naming the inputs and the regenerating command.

pub mod docs;
mod macro_body;

use proc_macro2::TokenStream;

/// Formats one generated Rust file. Fails only if an emitter produced invalid Rust, which is a
/// generator bug: the message carries the parser's complaint.
///
/// Item-level `path! { ... }` declarations (at the top level, or inside inline modules, as a
/// build script's module file has them) are laid out by `macro_body` (prettyplease cannot see
/// into macro bodies): each stands in as a placeholder item while prettyplease prints the file,
/// and its text, indented as the placeholder was, replaces the placeholder's line.
pub fn rust(tokens: TokenStream) -> Result<String, String> {
    // Item by item: a file's syntax tree and prettyplease's buffers are many times the size of
    // its text, so a large file formatted whole set the generator's peak memory.
    let mut text = String::new();
    for item in items(tokens) {
        text.push_str(&item_text(item)?);
    }
    Ok(space_items(&text))
}

/// One top-level item (with its attributes; the first also takes the file's inner
/// attributes), formatted.
fn item_text(tokens: TokenStream) -> Result<String, String> {
    let mut file: syn::File = syn::parse2(docs::sanitize(tokens))
        .map_err(|e| format!("emitted code does not parse: {e}"))?;
    let mut declarations = Vec::new();
    stand_in(&mut file.items, &mut declarations);
    let mut text = prettyplease::unparse(&file);
    for (placeholder, layout) in declarations {
        let Some(at) = text.find(&placeholder) else {
            continue;
        };
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let indent = text[line_start..at].to_owned();
        let indented = layout.replace('\n', &format!("\n{indent}"));
        text.replace_range(at..at + placeholder.len(), &indented);
    }
    Ok(text)
}

/// The top-level items of a file's tokens: an item ends at a `;` or at a brace group that no
/// `;` follows (`const X: T = T { .. };` ends at its `;`, `impl T { .. }` at its brace).
/// Tokens that do not split this way stay together, which only costs memory.
fn items(tokens: TokenStream) -> Vec<TokenStream> {
    use proc_macro2::{Delimiter, TokenTree};
    let mut items = Vec::new();
    let mut current = Vec::new();
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        let ends = match &token {
            TokenTree::Punct(p) => p.as_char() == ';',
            TokenTree::Group(g) => {
                g.delimiter() == Delimiter::Brace
                    && !matches!(tokens.peek(), Some(TokenTree::Punct(p)) if p.as_char() == ';')
            }
            _ => false,
        };
        current.push(token);
        if ends {
            items.push(current.drain(..).collect());
        }
    }
    if !current.is_empty() {
        items.push(current.into_iter().collect());
    }
    items
}

/// Replaces the declaration macros among `items` (and in inline modules) by placeholders,
/// recording each placeholder with its laid-out text.
fn stand_in(items: &mut [syn::Item], declarations: &mut Vec<(String, String)>) {
    for item in items {
        if let syn::Item::Mod(syn::ItemMod {
            content: Some((_, inner)),
            ..
        }) = item
        {
            stand_in(inner, declarations);
            continue;
        }
        let syn::Item::Macro(m) = item else { continue };
        if !m.attrs.is_empty()
            || m.ident.is_some()
            || !matches!(m.mac.delimiter, syn::MacroDelimiter::Brace(_))
        {
            continue;
        }
        let path = quote::ToTokens::to_token_stream(&m.mac.path)
            .to_string()
            .replace(' ', "");
        let placeholder = format!("__jstruct_declaration_{}", declarations.len());
        declarations.push((
            format!("const {placeholder}: () = ();"),
            macro_body::layout(&path, m.mac.tokens.clone()),
        ));
        let name = syn::Ident::new(&placeholder, proc_macro2::Span::call_site());
        *item = syn::parse_quote!(const #name: () = (););
    }
}

/// prettyplease puts items back to back; a blank line between items (and after the imports)
/// is how people write Rust, and makes the generated files easier to read and diff.
fn space_items(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        out.push('\n');
        if lines
            .get(i + 1)
            .is_some_and(|next| blank_between(line, next))
        {
            out.push('\n');
        }
    }
    out
}

fn blank_between(line: &str, next: &str) -> bool {
    let indent = |l: &str| l.len() - l.trim_start().len();
    if indent(line) != indent(next) || next.trim().is_empty() {
        return false;
    }
    // Inside bodies a macro call is a statement; at the top level it is an item.
    let top_level = indent(line) == 0;
    let (line_is_macro, next_is_macro) = (
        top_level && is_macro_call(line),
        top_level && is_macro_call(next),
    );
    let (line, next) = (line.trim(), next.trim());
    if line.starts_with("//!") {
        return !next.starts_with("//!");
    }
    let grouped =
        |l: &str| l.starts_with("use ") || l.starts_with("pub use ") || l.starts_with("mod ");
    if grouped(line) && grouped(next) {
        return false;
    }
    let ends_item = line == "}"
        || line == "};"
        || line == ");"
        || line.ends_with(" {}")
        || line.ends_with(';') && (indent_is_item_level(line) || line_is_macro)
        || line.starts_with("#![");
    let starts_item = [
        "///",
        "#[",
        "pub ",
        "pub(crate) ",
        "fn ",
        "impl",
        "const ",
        "struct ",
        "enum ",
        "type ",
        "mod ",
        "use ",
    ]
    .iter()
    .any(|p| next.starts_with(p))
        || next_is_macro;
    ends_item && starts_item
}

/// `path::to::name!(` or `name! {`: a macro invocation.
fn is_macro_call(line: &str) -> bool {
    line.split_once('!').is_some_and(|(path, rest)| {
        !path.is_empty()
            && path
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
            && rest.trim_start().starts_with(['(', '{', '['])
    })
}

/// A `;`-terminated line that ends an item (`use`, `type`, `mod`, `const`), not a statement.
fn indent_is_item_level(line: &str) -> bool {
    [
        "use ",
        "pub use ",
        "mod ",
        "pub type ",
        "type ",
        "pub const ",
        "const ",
        "pub struct ",
        "pub(crate) struct ",
        "struct ",
    ]
    .iter()
    .any(|p| line.starts_with(p))
}

/// The header every generated file starts with, in the file's comment syntax.
pub fn header(comment: &str, inputs: &[String], command: &str) -> String {
    let from = if inputs.is_empty() {
        String::new()
    } else {
        format!(" from {}", inputs.join(", "))
    };
    format!(
        "{comment} @generated by `{command}`{from}.\n{comment} Do not edit: change the inputs and regenerate.\n\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn items_are_separated_by_blank_lines() {
        let text = rust(quote! {
            use a::b;
            use c::d;
            pub struct A { x: i32 }
            pub struct E {}
            impl A {
                fn f(&self) -> i32 { if self.x > 0 { 1 } else { 2 } }
                fn g() {}
            }
            mod m;
            pub use m::*;
            pub type T = A;
            other::make!(A);
            fn h() { println!("x"); println!("y"); }
        })
        .unwrap();
        let expected = "use a::b;\nuse c::d;\n\npub struct A {\n    x: i32,\n}\n\npub struct E {}\n\nimpl A {\n    fn f(&self) -> i32 {\n        if self.x > 0 { 1 } else { 2 }\n    }\n\n    fn g() {}\n}\n\nmod m;\npub use m::*;\n\npub type T = A;\n\nother::make!(A);\n\nfn h() {\n    println!(\"x\");\n    println!(\"y\");\n}\n";
        assert_eq!(text, expected);
    }

    #[test]
    fn files_split_into_items_at_semicolons_and_closing_braces() {
        let tokens = quote::quote! {
            #![allow(dead_code)]
            use a::{b, c};
            const X: T = T { a: 1 };
            /// Doc.
            impl T { fn f() {} }
            m::declare! { A }
            struct U(u8);
        };
        let items: Vec<String> = items(tokens).iter().map(|t| t.to_string()).collect();
        assert_eq!(
            items,
            [
                "# ! [allow (dead_code)] use a :: { b , c } ;",
                "const X : T = T { a : 1 } ;",
                "# [doc = r\" Doc.\"] impl T { fn f () { } }",
                "m :: declare ! { A }",
                "struct U (u8) ;",
            ]
        );
    }

    #[test]
    fn declarations_in_inline_modules_are_laid_out_at_their_depth() {
        let tokens = quote::quote! {
            mod builders {
                jstruct_runtime::builder! { Order, OrderBuilder; id: String = "id"; }
            }
        };
        let text = rust(tokens).unwrap();
        assert_eq!(
            text,
            "mod builders {\n    jstruct_runtime::builder! {\n        Order, OrderBuilder;\n        id: String = \"id\";\n    }\n}\n"
        );
    }
}
