//! Layout of the declaration macros generated code calls (`jstruct_runtime::builder! { ... }`),
//! which prettyplease prints as one stream of tokens: one declaration per line, braces
//! indented, `#[doc]` attributes as `///` comments, types spaced as rustfmt spaces them.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

const INDENT: &str = "    ";

/// `path! { body }` laid out, without a trailing newline.
pub fn layout(path: &str, body: TokenStream) -> String {
    let mut w = Writer::default();
    w.out.push_str(path);
    w.out.push_str("! {");
    w.block(body, 1);
    w.newline(0);
    w.out.push('}');
    w.out.lines().map(wrap_long).collect::<Vec<_>>().join("\n")
}

/// The width past which a declaration breaks (rustfmt's default).
const WIDTH: usize = 100;

/// A declaration (a line ending in `;`) wider than [`WIDTH`] broken before its last ` => ` outside string
/// literals, the rest indented one step further (the defaults of long-named fields are the
/// usual case); other lines as they are.
fn wrap_long(line: &str) -> String {
    // A line opening a block stays whole: its contents are indented under it.
    if line.chars().count() <= WIDTH || !line.ends_with(';') {
        return line.to_owned();
    }
    let mut in_string = false;
    let mut escaped = false;
    let mut split = None;
    for (i, c) in line.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '=' if !in_string && line[i..].starts_with("=> ") && line[..i].ends_with(' ') => {
                split = Some(i - 1);
            }
            _ => {}
        }
    }
    match split {
        Some(at) => {
            let indent = &line[..line.len() - line.trim_start().len()];
            format!("{}\n{indent}{INDENT}{}", &line[..at], &line[at + 1..])
        }
        None => line.to_owned(),
    }
}

#[derive(Default)]
struct Writer {
    out: String,
    /// The last thing written, for spacing.
    last: Last,
}

#[derive(Default, Clone, Copy, PartialEq)]
enum Last {
    /// Start of a line (or nothing yet).
    #[default]
    LineStart,
    /// An identifier, literal, `>` or a closed group: a following word needs a space.
    Word,
    /// `<`, `::`, `(`, `&`: nothing follows with a space.
    Glue,
    /// `:`, `,`, `=`, `=>`: a space follows.
    Spaced,
}

impl Writer {
    fn newline(&mut self, depth: usize) {
        self.out.push('\n');
        self.out.push_str(&INDENT.repeat(depth));
        self.last = Last::LineStart;
    }

    /// A brace group's contents, one declaration per line at `depth`.
    fn block(&mut self, body: TokenStream, depth: usize) {
        let mut tokens = body.into_iter().peekable();
        let mut line_open = false;
        while let Some(token) = tokens.next() {
            if !line_open {
                self.newline(depth);
                line_open = true;
            }
            match token {
                TokenTree::Punct(p) if p.as_char() == '#' => {
                    if let Some(TokenTree::Group(g)) = tokens.next() {
                        match doc_text(&g.stream()) {
                            Some(text) => self.doc(&text, depth),
                            None => {
                                self.out.push('#');
                                self.inline_group(g.delimiter(), g.stream());
                            }
                        }
                        line_open = false;
                    }
                }
                TokenTree::Punct(p) if p.as_char() == ';' => {
                    self.out.push(';');
                    line_open = false;
                }
                TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => {
                    if g.stream().is_empty() {
                        self.space_before_word();
                        self.out.push_str("{}");
                    } else {
                        self.space_before_word();
                        self.out.push('{');
                        self.block(g.stream(), depth + 1);
                        self.newline(depth);
                        self.out.push('}');
                    }
                    self.last = Last::Word;
                    if !matches!(tokens.peek(), Some(TokenTree::Punct(p)) if p.as_char() == ';' || p.as_char() == ',')
                    {
                        line_open = false;
                    }
                }
                other => self.inline(other, &mut tokens),
            }
        }
    }

    fn doc(&mut self, text: &str, depth: usize) {
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.newline(depth);
            }
            self.out.push_str("///");
            self.out.push_str(line.trim_end());
        }
    }

    fn space_before_word(&mut self) {
        if self.last == Last::Word || self.last == Last::Spaced {
            self.out.push(' ');
        }
    }

    /// One token of a declaration, spaced as rustfmt spaces types and paths.
    fn inline(
        &mut self,
        token: TokenTree,
        rest: &mut std::iter::Peekable<proc_macro2::token_stream::IntoIter>,
    ) {
        match token {
            TokenTree::Ident(i) => {
                self.space_before_word();
                self.out.push_str(&i.to_string());
                self.last = Last::Word;
            }
            TokenTree::Literal(l) => {
                self.space_before_word();
                self.out.push_str(&l.to_string());
                self.last = Last::Word;
            }
            TokenTree::Group(g) => {
                if g.delimiter() != Delimiter::Parenthesis || self.last != Last::Word {
                    self.space_before_word();
                }
                self.inline_group(g.delimiter(), g.stream());
            }
            TokenTree::Punct(p) => {
                let c = p.as_char();
                let joint_next = p.spacing() == Spacing::Joint;
                match c {
                    ':' if joint_next => {
                        rest.next();
                        if self.last == Last::Spaced {
                            self.out.push(' ');
                        }
                        self.out.push_str("::");
                        self.last = Last::Glue;
                    }
                    ':' | ',' => {
                        self.out.push(c);
                        self.last = Last::Spaced;
                    }
                    '=' if joint_next => {
                        let next = rest.next().map(|t| t.to_string()).unwrap_or_default();
                        self.out.push_str(&format!(" ={next}"));
                        self.last = Last::Spaced;
                    }
                    // `..=` of a range: the `=` belongs to it.
                    '=' if self.out.ends_with('.') => {
                        self.out.push('=');
                        self.last = Last::Glue;
                    }
                    '=' => {
                        self.out.push_str(" =");
                        self.last = Last::Spaced;
                    }
                    // A range's dots close up on their bounds (`1..`, `0..=1`), as rustfmt writes
                    // them.
                    '.' => {
                        self.out.push('.');
                        self.last = Last::Glue;
                    }
                    '<' => {
                        self.out.push('<');
                        self.last = Last::Glue;
                    }
                    '>' => {
                        self.out.push('>');
                        self.last = Last::Word;
                    }
                    _ => {
                        self.space_before_word();
                        self.out.push(c);
                        self.last = Last::Glue;
                    }
                }
            }
        }
    }

    /// A group on one line: `(A, B)`, `[u8]`, `{ a }`.
    fn inline_group(&mut self, delimiter: Delimiter, body: TokenStream) {
        let (open, close) = match delimiter {
            Delimiter::Parenthesis => ("(", ")"),
            Delimiter::Bracket => ("[", "]"),
            Delimiter::Brace => ("{ ", " }"),
            Delimiter::None => ("", ""),
        };
        self.out.push_str(open);
        self.last = Last::Glue;
        let mut tokens = body.into_iter().peekable();
        while let Some(token) = tokens.next() {
            self.inline(token, &mut tokens);
        }
        self.out.push_str(close);
        self.last = Last::Word;
    }
}

/// The text of `doc = "..."`, the inside of a `#[doc]` attribute.
fn doc_text(attribute: &TokenStream) -> Option<String> {
    let tokens: Vec<TokenTree> = attribute.clone().into_iter().collect();
    match &tokens[..] {
        [TokenTree::Ident(doc), TokenTree::Punct(eq), TokenTree::Literal(text)]
            if doc == "doc" && eq.as_char() == '=' =>
        {
            syn::parse2::<syn::LitStr>(TokenTree::Literal(text.clone()).into())
                .ok()
                .map(|s| s.value())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn declarations_are_one_per_line_with_docs_as_comments() {
        let body = quote! {
            #[doc = " Builds a [`Job`]."]
            Job => JobBuilder {
                required {
                    #[doc = " Sets `name`:\n more."]
                    value name: ::std::string::String = "name";
                }
                optional {
                    list tags: Option<Vec<(i32, String)>>;
                    unit gift: ();
                }
                additional extra: BTreeMap<String, serde_json::Value>;
            }
        };
        let expected = "m::builder! {
    /// Builds a [`Job`].
    Job => JobBuilder {
        required {
            /// Sets `name`:
            /// more.
            value name: ::std::string::String = \"name\";
        }
        optional {
            list tags: Option<Vec<(i32, String)>>;
            unit gift: ();
        }
        additional extra: BTreeMap<String, serde_json::Value>;
    }
}";
        assert_eq!(layout("m::builder", body), expected);
    }

    #[test]
    fn declarations_too_wide_break_before_their_last_arrow() {
        let body = quote!(T {
            default {
                copy a_rather_long_field_name("aRatherLongFieldName"): i32 = 86400 => default_a_rather_long_field_name;
                str short: String = "a => b" => default_short;
            }
        });
        let expected = "d! {
    T {
        default {
            copy a_rather_long_field_name(\"aRatherLongFieldName\"): i32 = 86400
                => default_a_rather_long_field_name;
            str short: String = \"a => b\" => default_short;
        }
    }
}";
        assert_eq!(layout("d", body), expected);
        let literal = format!("    str s: String = \"{} => x\";", "y".repeat(100));
        assert_eq!(wrap_long(&literal), literal);
        let opening = format!("    {} => B {{", "A".repeat(100));
        assert_eq!(wrap_long(&opening), opening);
    }

    #[test]
    fn empty_groups_stay_on_their_line() {
        let body = quote!(T => B { required {} optional { value a: i32; } });
        assert_eq!(
            layout("b", body),
            "b! {\n    T => B {\n        required {}\n        optional {\n            value a: i32;\n        }\n    }\n}"
        );
    }

    #[test]
    fn ranges_close_up_on_their_bounds() {
        let body = quote!(C { options { a: Vec<String> = "a" as Text, "a", num_args = 1.., x = 0..=1, y = 2..3; } });
        assert_eq!(
            layout("c", body),
            "c! {\n    C {\n        options {\n            a: Vec<String> = \"a\" as Text, \"a\", num_args = 1.., x = 0..=1, y = 2..3;\n        }\n    }\n}"
        );
    }
}
