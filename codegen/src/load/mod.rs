//! Stage 1, load: bytes of a schema file → a [`Document`] whose every node knows its span and
//! JSON pointer. Knows nothing of JSON Structure.

pub mod de;
pub mod json;

use crate::codes;
use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::source::{SourceFile, SourceMap};
use crate::unsafe_text;
pub use json::{Kind, Member, Node};

/// A parsed schema document and the id of its file in the [`SourceMap`].
#[derive(Debug, Clone)]
pub struct Document {
    pub file: usize,
    pub root: Node,
}

/// The largest input file (schema or page) the generator reads: far above any real schema,
/// and a bound on its work (generated code is several times the size of the text it quotes).
pub const MAX_INPUT_BYTES: usize = 16 << 20;

/// Whether `bytes` exceed [`MAX_INPUT_BYTES`]; if so, an error says so (at the file's start:
/// the text itself is not kept, so no diagnostic can print it).
pub fn too_large(
    sources: &mut SourceMap,
    name: &str,
    bytes: &[u8],
    diags: &mut Diagnostics,
) -> bool {
    if bytes.len() <= MAX_INPUT_BYTES {
        return false;
    }
    let file = sources.add(SourceFile::new(name, ""));
    diags.push(
        Diagnostic::error(
            codes::INPUT_LIMIT_EXCEEDED,
            format!(
                "the file is {} bytes long; inputs may be at most {MAX_INPUT_BYTES} bytes (16 MiB)",
                bytes.len()
            ),
        )
        .at(file, Span::new(0, 0), None),
    );
    true
}

/// Loads one document. Problems become diagnostics; `None` means the document could not be read
/// as JSON at all (an error diagnostic says why).
pub fn load(
    sources: &mut SourceMap,
    name: &str,
    bytes: &[u8],
    diags: &mut Diagnostics,
) -> Option<Document> {
    if too_large(sources, name, bytes, diags) {
        return None;
    }
    let (text, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    let text = match std::str::from_utf8(text) {
        Ok(text) => text.to_owned(),
        Err(e) => {
            let lossy = String::from_utf8_lossy(text).into_owned();
            let at = e.valid_up_to();
            let file = sources.add(SourceFile::new(name, lossy));
            diags.push(
                Diagnostic::error(codes::INPUT_NOT_UTF8, "input is not valid UTF-8")
                    .at(file, Span::new(at, at + 1), None)
                    .with_note("JSON text exchanged between systems must be UTF-8 (RFC 8259 §8.1)"),
            );
            return None;
        }
    };
    let file = sources.add(SourceFile::new(name, text));
    if bom {
        diags.push(
            Diagnostic::warning(
                codes::INPUT_BOM,
                "byte order mark at the start of the file ignored",
            )
            .at(file, Span::new(0, 0), None),
        );
    }
    let source = &sources.get(file).text;
    match json::parse(source, file) {
        Ok((root, findings)) => {
            findings.into_iter().for_each(|d| diags.push(d));
            warn_unsafe_text(&root, file, diags);
            Some(Document { file, root })
        }
        Err(error) => {
            let mut error = *error;
            if let Some(line) = embedded_json_line(source) {
                error = error.with_note(format!(
                    "a JSON object seems to start on line {line}; schema files must hold only the JSON document (copy it out of the page)"
                ));
            }
            diags.push(error);
            None
        }
    }
}

/// Strings (and keys) holding characters a doc comment cannot hold as themselves: they are
/// escaped wherever they reach the docs, and the author hears where they are.
fn warn_unsafe_text(node: &Node, file: usize, diags: &mut Diagnostics) {
    let mut warn = |text: &str, span: Span, pointer: &str, what: &str| {
        if let Some((_, c, count)) = unsafe_text::find(text) {
            let more = if count > 1 {
                format!(" (and {} more)", count - 1)
            } else {
                String::new()
            };
            diags.push(
                Diagnostic::warning(
                    codes::INPUT_UNSAFE_TEXT,
                    format!("this {what} holds {}{more}", unsafe_text::describe(c)),
                )
                .at(file, span, Some(pointer))
                .with_note("generated docs show such characters as escapes (`\\u{202e}`); values keep them"),
            );
        }
    };
    // Document order: a key, then its value.
    let mut stack = vec![(None, node)];
    while let Some((key, node)) = stack.pop() {
        if let Some(m) = key {
            let m: &Member = m;
            warn(&m.key, m.key_span, &m.value.pointer, "key");
        }
        match &node.kind {
            Kind::String(s) => warn(s, node.span, &node.pointer, "string"),
            Kind::Array(items) => stack.extend(items.iter().rev().map(|n| (None, n))),
            Kind::Object(members) => {
                stack.extend(members.iter().rev().map(|m| (Some(m), &m.value)))
            }
            _ => {}
        }
    }
}

/// For files that wrap the JSON in prose (a scraped page): the line where a `{` opens a line.
fn embedded_json_line(text: &str) -> Option<usize> {
    if text.trim_start().starts_with(['{', '[']) {
        return None;
    }
    text.lines()
        .position(|l| l.trim_end() == "{")
        .map(|i| i + 1)
}

/// `text`, a test's document, with the core `$schema` its author left out (the tests are about
/// other things than the warning a missing `$schema` draws).
#[cfg(test)]
pub(crate) fn with_meta_schema(text: &str) -> String {
    let Some(body) = text.trim_start().strip_prefix('{') else {
        return text.to_owned(); // not an object: no document keywords to add to
    };
    if text.contains("\"$schema\"") {
        return text.to_owned();
    }
    format!(r##"{{"$schema": "https://json-structure.org/meta/core/v0/#", {body}"##)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_utf8_is_a_diagnostic() {
        let mut sources = SourceMap::default();
        let mut diags = Diagnostics::default();
        assert!(load(&mut sources, "x.json", b"{\"a\": \"\xff\"}", &mut diags).is_none());
        assert_eq!(diags.codes(), [codes::INPUT_NOT_UTF8]);
        assert_eq!(
            diags
                .iter()
                .next()
                .unwrap()
                .location
                .as_ref()
                .unwrap()
                .span
                .start,
            7
        );
    }

    #[test]
    fn limits_are_diagnostics_naming_where() {
        let mut sources = SourceMap::default();
        let mut diags = Diagnostics::default();
        let long = "a".repeat(json::MAX_STRING_BYTES + 1);
        let schema = format!(r#"{{"enum": ["ok", "{long}"]}}"#);
        assert!(load(&mut sources, "x.json", schema.as_bytes(), &mut diags).is_none());
        let d = diags.iter().next().unwrap();
        assert_eq!(d.code, codes::INPUT_LIMIT_EXCEEDED);
        let at = d.location.as_ref().unwrap();
        assert_eq!(at.pointer.as_deref(), Some("/enum/1"));
        assert_eq!(at.span.start, schema.find(&long).unwrap() - 1);

        let mut diags = Diagnostics::default();
        let huge = format!(r#"{{"a": "{}"}}"#, " ".repeat(MAX_INPUT_BYTES));
        assert!(load(&mut sources, "big.json", huge.as_bytes(), &mut diags).is_none());
        assert_eq!(diags.codes(), [codes::INPUT_LIMIT_EXCEEDED]);
        // The file is not kept for rendering: a diagnostic cannot print megabytes of it.
        assert!(sources.files().last().unwrap().text.is_empty());
    }

    #[test]
    fn a_page_around_the_json_gets_a_hint() {
        let mut sources = SourceMap::default();
        let mut diags = Diagnostics::default();
        let page = b"Title\n\nRaw\n{\n  \"a\": 1\n}";
        assert!(load(&mut sources, "page.txt", page, &mut diags).is_none());
        let d = diags.iter().next().unwrap();
        assert_eq!(d.code, codes::JSON_SYNTAX);
        assert!(d.notes[0].contains("line 4"), "{:?}", d.notes);
    }

    #[test]
    fn text_docs_cannot_hold_is_named_where_it_is() {
        let mut sources = SourceMap::default();
        let mut diags = Diagnostics::default();
        let schema = br#"{"description": "safe \u202e text", "a\rb": ["ok", "x\u0007\u2066"]}"#;
        load(&mut sources, "x.json", schema, &mut diags).unwrap();
        let found: Vec<_> = diags
            .iter()
            .map(|d| {
                (
                    d.message.as_str(),
                    d.location.as_ref().unwrap().pointer.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    "this string holds U+202E (a text-direction control)",
                    Some("/description")
                ),
                (
                    "this key holds U+000D (a bare carriage return)",
                    Some("/a\rb")
                ),
                (
                    "this string holds U+0007 (a control character) (and 1 more)",
                    Some("/a\rb/1")
                ),
            ]
        );
    }

    #[test]
    fn bom_is_skipped_with_a_warning() {
        let mut sources = SourceMap::default();
        let mut diags = Diagnostics::default();
        let doc = load(&mut sources, "x.json", b"\xEF\xBB\xBF{}", &mut diags).unwrap();
        assert!(doc.root.as_object().unwrap().is_empty());
        assert_eq!(diags.codes(), [codes::INPUT_BOM]);
    }
}
