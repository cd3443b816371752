//! A small JSON parser that keeps what serde_json throws away and a compiler needs: the byte span
//! and JSON pointer of every node, object members in document order, and duplicate keys (reported,
//! not silently collapsed). Nesting is bounded so that hostile input cannot overflow the stack.

use std::collections::HashMap;

use crate::codes;
use crate::diag::{Diagnostic, Span};

/// How deep arrays and objects may nest. Real schemas stay far below; the bound only protects the
/// recursive descent (and every later recursive stage) from stack exhaustion.
pub const MAX_DEPTH: usize = 128;

/// The longest string (a key or a value) a document may hold. Every string can become a name,
/// a literal and a doc line several times over in generated code; far beyond any real schema's
/// text, this bounds the generator's work and the size of what it writes.
pub const MAX_STRING_BYTES: usize = 1 << 20;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Span,
    /// For a member's value: the span of its key. Diagnostics about a whole object point there
    /// (like rustc points at an item's name) instead of underlining many lines.
    pub key_span: Option<Span>,
    /// RFC 6901 pointer of this node within its document (`""` for the root).
    pub pointer: String,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    /// The number's source text, kept exactly (no float rounding of large integers).
    Number(String),
    String(String),
    Array(Vec<Node>),
    Object(Vec<Member>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

impl Node {
    /// The span a diagnostic about this node should underline: the key for objects and arrays
    /// that are member values, the opening bracket for other containers, the value otherwise.
    pub fn head(&self) -> Span {
        match (&self.kind, self.key_span) {
            (Kind::Object(_) | Kind::Array(_), Some(key)) => key,
            (Kind::Object(_) | Kind::Array(_), None) => {
                Span::new(self.span.start, self.span.start + 1)
            }
            _ => self.span,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.kind {
            Kind::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.kind {
            Kind::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.kind {
            Kind::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The member of an object by key.
    pub fn member(&self, key: &str) -> Option<&Member> {
        self.as_object()?.iter().find(|m| m.key == key)
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.member(key).map(|m| &m.value)
    }

    /// The node at `pointer` (RFC 6901, relative to this node), or the deepest one on its way
    /// that exists: where to point for a value a pointer names.
    pub fn find(&self, pointer: &str) -> &Node {
        let mut node = self;
        for token in pointer.split('/').skip(1) {
            let token = unescape_pointer_token(token);
            let next = match &node.kind {
                Kind::Object(_) => node.get(&token),
                Kind::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
                _ => None,
            };
            match next {
                Some(next) => node = next,
                None => break,
            }
        }
        node
    }

    /// A word for the JSON type, for messages ("expected a string, found an array").
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            Kind::Null => "null",
            Kind::Bool(_) => "a boolean",
            Kind::Number(_) => "a number",
            Kind::String(_) => "a string",
            Kind::Array(_) => "an array",
            Kind::Object(_) => "an object",
        }
    }

    /// The plain JSON value (for defaults, examples and `const`), order preserved.
    pub fn to_value(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.kind {
            Kind::Null => Value::Null,
            Kind::Bool(b) => Value::Bool(*b),
            Kind::Number(raw) => serde_json::from_str(raw).unwrap_or(Value::Null),
            Kind::String(s) => Value::String(s.clone()),
            Kind::Array(items) => Value::Array(items.iter().map(Node::to_value).collect()),
            Kind::Object(members) => Value::Object(
                members
                    .iter()
                    .map(|m| (m.key.clone(), m.value.to_value()))
                    .collect(),
            ),
        }
    }
}

/// Escapes one reference token for a JSON pointer (RFC 6901 §3).
pub fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The reference token an escaped one stands for (RFC 6901 §4: `~1` first, then `~0`).
pub fn unescape_pointer_token(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Parses `text` into a spanned tree. Syntax errors are fatal (one error diagnostic); duplicate
/// keys are reported as errors too (the document has no single meaning), but parsing goes on so
/// that all of them are reported at once.
pub fn parse(text: &str, file: usize) -> Result<(Node, Vec<Diagnostic>), Box<Diagnostic>> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        file,
        findings: Vec::new(),
        line_starts: None,
    };
    parser.skip_ws();
    let root = parser.value(String::new(), 0)?;
    parser.skip_ws();
    if parser.pos < parser.bytes.len() {
        return Err(parser.error_here("trailing characters after the JSON document"));
    }
    Ok((root, parser.findings))
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    file: usize,
    findings: Vec<Diagnostic>,
    /// Where each line starts, built when a finding first needs a line number.
    line_starts: Option<Vec<usize>>,
}

impl Parser<'_> {
    /// The 1-based line of a byte offset.
    fn line_of(&mut self, offset: usize) -> usize {
        let text = self.text;
        let starts = self.line_starts.get_or_insert_with(|| {
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        starts.partition_point(|&s| s <= offset)
    }

    fn error_at(&self, span: Span, message: impl Into<String>) -> Box<Diagnostic> {
        Box::new(Diagnostic::error(codes::JSON_SYNTAX, message).at(self.file, span, None))
    }

    fn error_here(&self, message: impl Into<String>) -> Box<Diagnostic> {
        let end = (self.pos + 1).min(self.bytes.len());
        self.error_at(Span::new(self.pos, end.max(self.pos)), message)
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn value(&mut self, pointer: String, depth: usize) -> Result<Node, Box<Diagnostic>> {
        let start = self.pos;
        let kind = match self.peek() {
            None => return Err(self.error_here("unexpected end of input: expected a JSON value")),
            Some(b'{') => self.object(&pointer, depth)?,
            Some(b'[') => self.array(&pointer, depth)?,
            Some(b'"') => Kind::String(self.string().map_err(|d| at_pointer(d, &pointer))?),
            Some(b'-' | b'0'..=b'9') => Kind::Number(self.number()?),
            Some(b't') => self.literal("true", Kind::Bool(true))?,
            Some(b'f') => self.literal("false", Kind::Bool(false))?,
            Some(b'n') => self.literal("null", Kind::Null)?,
            Some(_) => {
                let found = self.text[self.pos..].chars().next().unwrap_or(' ');
                return Err(self.error_here(format!("expected a JSON value, found `{found}`")));
            }
        };
        Ok(Node {
            span: Span::new(start, self.pos),
            key_span: None,
            pointer,
            kind,
        })
    }

    fn enter(&self, depth: usize) -> Result<(), Box<Diagnostic>> {
        if depth >= MAX_DEPTH {
            return Err(Box::new(
                Diagnostic::error(
                    codes::SCHEMA_MAX_DEPTH_EXCEEDED,
                    format!("JSON nesting deeper than {MAX_DEPTH} levels"),
                )
                .at(self.file, Span::new(self.pos, self.pos + 1), None),
            ));
        }
        Ok(())
    }

    fn object(&mut self, pointer: &str, depth: usize) -> Result<Kind, Box<Diagnostic>> {
        self.enter(depth)?;
        self.pos += 1; // `{`
        let mut members: Vec<Member> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Kind::Object(members));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error_here("expected a string key in object"));
            }
            let key_start = self.pos;
            let key = self.string().map_err(|d| at_pointer(d, pointer))?;
            let key_span = Span::new(key_start, self.pos);
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.error_here("expected `:` after object key"));
            }
            self.pos += 1;
            self.skip_ws();
            let child = format!("{pointer}/{}", escape_pointer_token(&key));
            let mut value = self.value(child, depth + 1)?;
            value.key_span = Some(key_span);
            // Keys are looked up by hash: an object with many members stays linear to read.
            if let Some(&first) = seen.get(key.as_str()) {
                let line = self.line_of(first);
                self.findings.push(
                    Diagnostic::error(
                        codes::JSON_DUPLICATE_KEY,
                        format!("duplicate key `{key}` in object"),
                    )
                    .at(self.file, key_span, Some(&value.pointer))
                    .with_label("second occurrence")
                    .with_note(format!(
                        "first defined on line {line}; JSON leaves the meaning of repeated keys open, so the document has no single reading"
                    )),
                );
            }
            seen.entry(key.clone()).or_insert(key_span.start);
            members.push(Member {
                key,
                key_span,
                value,
            });
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Kind::Object(members));
                }
                _ => return Err(self.error_here("expected `,` or `}` after object member")),
            }
        }
    }

    fn array(&mut self, pointer: &str, depth: usize) -> Result<Kind, Box<Diagnostic>> {
        self.enter(depth)?;
        self.pos += 1; // `[`
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Kind::Array(items));
        }
        loop {
            self.skip_ws();
            let child = format!("{pointer}/{}", items.len());
            items.push(self.value(child, depth + 1)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Kind::Array(items));
                }
                _ => return Err(self.error_here("expected `,` or `]` after array element")),
            }
        }
    }

    fn literal(&mut self, word: &str, kind: Kind) -> Result<Kind, Box<Diagnostic>> {
        if self.text[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(kind)
        } else {
            Err(self.error_here(format!("invalid literal: expected `{word}`")))
        }
    }

    fn number(&mut self) -> Result<String, Box<Diagnostic>> {
        let start = self.pos;
        let digits = |p: &mut Self| {
            let s = p.pos;
            while let Some(b'0'..=b'9') = p.peek() {
                p.pos += 1;
            }
            p.pos - s
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        let n = digits(self);
        if n == 0 {
            return Err(self.error_here("expected digits in number"));
        }
        if n > 1 && self.bytes[int_start] == b'0' {
            return Err(self.error_at(
                Span::new(int_start, self.pos),
                "numbers must not have leading zeros",
            ));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if digits(self) == 0 {
                return Err(self.error_here("expected digits after decimal point"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(self.error_here("expected digits in exponent"));
            }
        }
        Ok(self.text[start..self.pos].to_owned())
    }

    fn string(&mut self) -> Result<String, Box<Diagnostic>> {
        let start = self.pos;
        self.pos += 1; // opening quote
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.text[run_start..self.pos]);
            match self.peek() {
                None => {
                    return Err(self.error_at(Span::new(start, self.pos), "unterminated string"))
                }
                Some(b'"') => {
                    self.pos += 1;
                    if out.len() > MAX_STRING_BYTES {
                        return Err(Box::new(
                            Diagnostic::error(
                                codes::INPUT_LIMIT_EXCEEDED,
                                format!(
                                    "this string is {} bytes long; strings may be at most {MAX_STRING_BYTES} bytes (1 MiB)",
                                    out.len()
                                ),
                            )
                            .at(self.file, Span::new(start, start + 1), None),
                        ));
                    }
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let escape = self.peek();
                    self.pos += 1;
                    match escape {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => out.push(self.unicode_escape()?),
                        _ => {
                            self.pos -= 1;
                            return Err(self.error_here("invalid escape sequence in string"));
                        }
                    }
                }
                Some(_) => {
                    return Err(self.error_here("control character in string (must be escaped)"))
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, Box<Diagnostic>> {
        let hex = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.error_here("expected four hex digits after `\\u`"))?;
        self.pos += 4;
        Ok(u32::from_str_radix(hex, 16).expect("checked hex digits"))
    }

    fn unicode_escape(&mut self) -> Result<char, Box<Diagnostic>> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) && self.text[self.pos..].starts_with("\\u") {
            let save = self.pos;
            self.pos += 2;
            let second = self.hex4()?;
            if (0xDC00..0xE000).contains(&second) {
                let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                return Ok(char::from_u32(c).expect("valid surrogate pair"));
            }
            self.pos = save;
        }
        // A lone surrogate cannot be represented in a Rust string; keep the document readable
        // with the replacement character rather than rejecting it.
        Ok(char::from_u32(first).unwrap_or(char::REPLACEMENT_CHARACTER))
    }
}

/// `d` located at `pointer` where it names no pointer of its own.
fn at_pointer(mut d: Box<Diagnostic>, pointer: &str) -> Box<Diagnostic> {
    if let Some(location) = d.location.as_mut() {
        location.pointer.get_or_insert_with(|| pointer.to_owned());
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Node {
        let (node, findings) = parse(text, 0).expect("parses");
        assert!(findings.is_empty(), "{findings:?}");
        node
    }

    #[test]
    fn keeps_spans_pointers_and_order() {
        let text = r#"{"b": [1, {"a/b": true}], "a": "x"}"#;
        let root = ok(text);
        let members = root.as_object().unwrap();
        assert_eq!(members[0].key, "b");
        assert_eq!(members[1].key, "a");
        let inner = &members[0].value.as_array().unwrap()[1];
        assert_eq!(inner.pointer, "/b/1");
        let deep = inner.get("a/b").unwrap();
        assert_eq!(deep.pointer, "/b/1/a~1b");
        assert_eq!(&text[deep.span.start..deep.span.end], "true");
        assert_eq!(
            &text[members[1].key_span.start..members[1].key_span.end],
            "\"a\""
        );
    }

    #[test]
    fn numbers_keep_their_text() {
        let root = ok("[9223372036854775807, -0.5e10, 0]");
        let texts: Vec<_> = root
            .as_array()
            .unwrap()
            .iter()
            .map(|n| match &n.kind {
                Kind::Number(t) => t.clone(),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(texts, ["9223372036854775807", "-0.5e10", "0"]);
    }

    #[test]
    fn escapes_and_surrogates() {
        let root = ok(r#""a\n\"\u00e9\ud83d\ude00""#);
        assert_eq!(root.as_str(), Some("a\n\"é😀"));
    }

    #[test]
    fn syntax_errors_point_at_the_problem() {
        for (text, offset, needle) in [
            ("{\"a\" 1}", 5, "expected `:`"),
            ("[1,]", 3, "expected a JSON value"),
            ("{\"a\":1", 6, "expected `,` or `}`"),
            ("01", 0, "leading zeros"),
            ("\"abc", 0, "unterminated"),
            ("[1] x", 4, "trailing characters"),
            ("Raw\n{}", 0, "expected a JSON value, found `R`"),
        ] {
            let err = parse(text, 0).unwrap_err();
            assert_eq!(err.code, codes::JSON_SYNTAX);
            assert!(err.message.contains(needle), "{text}: {}", err.message);
            assert_eq!(err.location.unwrap().span.start, offset, "{text}");
        }
    }

    #[test]
    fn duplicate_keys_are_reported() {
        let (_, findings) = parse("{\"a\": 1,\n \"a\": 2}", 0).unwrap();
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, codes::JSON_DUPLICATE_KEY);
        assert!(findings[0].notes[0].contains("line 1"));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let text = "[".repeat(100_000);
        let err = parse(&text, 0).unwrap_err();
        assert_eq!(err.code, codes::SCHEMA_MAX_DEPTH_EXCEEDED);
    }
}
