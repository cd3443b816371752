//! Corrections to schemas the maintainers do not own (the official meta-schemas), kept in one
//! reviewable file instead of edits to them. Corrections belong to a document, named by its
//! `$id`, and are applied as that document is read, before its imports: the same correction
//! serves whether the document is the one generated or one imported. Each replaces, adds or
//! removes the member a JSON pointer names, and says why (`because`: the specification text it
//! follows). Nodes an overlay brings keep the overlay file's positions, so diagnostics about
//! them show its lines.
//!
//! ```json
//! {"documents": {"https://json-structure.org/meta/extended/v0/#": [
//!   {"op": "remove", "path": "/definitions/features/ImportAddIn/$extends",
//!    "because": "Core: \"The `$extends` keyword MUST only be used in schemas of type `object` and `tuple`.\""}
//! ]}}
//! ```

use crate::codes;
use crate::diag::{Diagnostic, Diagnostics};
use crate::import::{tree, Located};
use crate::load::{self, Document, Kind, Node};
use crate::source::SourceMap;

/// The corrections of an overlay file, by the `$id` of the document each belongs to: a
/// correction applies to its document whether that is the schema generated or one it imports.
#[derive(Debug, Clone)]
pub struct Overlay {
    documents: Vec<(String, Node)>,
}

impl Overlay {
    /// Reads the overlay file; problems with it are errors pointing into it.
    pub fn load(
        overlay: &Located,
        main_file: usize,
        sources: &mut SourceMap,
        diags: &mut Diagnostics,
    ) -> Option<Overlay> {
        let bytes = match std::fs::read(&overlay.disk) {
            Ok(bytes) => bytes,
            Err(e) => {
                diags.push(Diagnostic::error(
                    codes::INPUT_IO,
                    format!("cannot read the overlay {}: {e}", overlay.shown),
                ));
                return None;
            }
        };
        let Document { file, mut root } = load::load(sources, &overlay.shown, &bytes, diags)?;
        let Some(base) = sources.merge(file) else {
            diags.push(Diagnostic::error(
                codes::INPUT_LIMIT_EXCEEDED,
                format!(
                    "the overlay {} does not fit beside the imported documents",
                    overlay.shown
                ),
            ));
            return None;
        };
        // Its nodes join documents: they take offsets of their own, as imported ones do.
        tree::shift(&mut root, base);
        let Some(documents) = root.get("documents").and_then(Node::as_object) else {
            diags.push(
                Diagnostic::error(
                    codes::CONFIG_INVALID,
                    "an overlay is an object whose `documents` maps each document's `$id` to its corrections",
                )
                .at(main_file, root.head(), Some(&root.pointer)),
            );
            return None;
        };
        let documents = documents
            .iter()
            .map(|m| (without_empty_fragment(&m.key).to_owned(), m.value.clone()))
            .collect();
        Some(Overlay { documents })
    }

    /// Applies the corrections of the document `root` is (by its `$id`).
    pub fn apply(&self, root: &mut Node, main_file: usize, diags: &mut Diagnostics) {
        let Some(id) = root.get("$id").and_then(Node::as_str) else {
            return;
        };
        let id = without_empty_fragment(id).to_owned();
        for (_, corrections) in self.documents.iter().filter(|(d, _)| *d == id) {
            let Some(corrections) = corrections.as_array() else {
                diags.push(
                    Diagnostic::error(
                        codes::CONFIG_INVALID,
                        "a document's corrections are an array",
                    )
                    .at(
                        main_file,
                        corrections.head(),
                        Some(&corrections.pointer),
                    ),
                );
                continue;
            };
            for correction in corrections {
                if let Err(message) = apply_one(root, correction) {
                    diags.push(
                        Diagnostic::error(codes::CONFIG_INVALID, format!("{message} (in `{id}`)"))
                            .at(main_file, correction.head(), Some(&correction.pointer)),
                    );
                }
            }
        }
    }
}

fn without_empty_fragment(uri: &str) -> &str {
    uri.strip_suffix('#').unwrap_or(uri)
}

/// What a correction does.
enum Op {
    Add,
    Replace,
    Remove,
}

fn apply_one(root: &mut Node, correction: &Node) -> Result<(), String> {
    let text = |key: &str| correction.get(key).and_then(Node::as_str);
    let op = match text("op") {
        Some("add") => Op::Add,
        Some("replace") => Op::Replace,
        Some("remove") => Op::Remove,
        _ => return Err("a correction's `op` is `add`, `replace` or `remove`".into()),
    };
    if text("because").is_none_or(|b| b.trim().is_empty()) {
        return Err(
            "a correction says why in `because` (the specification text it follows)".into(),
        );
    }
    let path = text("path")
        .filter(|p| p.starts_with('/'))
        .ok_or("a correction's `path` is a JSON pointer into the document (`/definitions/...`)")?;
    let value = correction.get("value");
    let tokens: Vec<String> = path[1..]
        .split('/')
        .map(crate::load::json::unescape_pointer_token)
        .collect();
    let (last, parents) = tokens.split_last().expect("a pointer past `/` has a token");
    let mut parent = &mut *root;
    for token in parents {
        parent = tree::member_mut(parent, token).ok_or_else(|| {
            format!("`{path}` does not apply: the document has no `{token}` there")
        })?;
    }
    if !matches!(parent.kind, Kind::Object(_)) {
        return Err(format!(
            "`{path}` does not apply: its parent is not an object"
        ));
    }
    let exists = tree::has_member(parent, last);
    match (op, value) {
        (Op::Add, Some(_)) if exists => Err(format!(
            "`{path}` is there already: a correction that changes it says `replace`"
        )),
        (Op::Replace | Op::Remove, _) if !exists => Err(format!(
            "`{path}` does not apply: the document has no such member (has the schema changed?)"
        )),
        (Op::Add | Op::Replace, None) => Err("`add` and `replace` give the `value`".into()),
        (Op::Remove, _) => {
            tree::remove_member(parent, last);
            Ok(())
        }
        (Op::Add | Op::Replace, Some(value)) => {
            let mut value = value.clone();
            tree::move_to(&mut value, path);
            match tree::member_mut(parent, last) {
                Some(slot) => *slot = value,
                None => tree::push_member(parent, last.clone(), value),
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn run(document: &str, corrections: &str) -> (Document, Diagnostics, SourceMap) {
        static RUNS: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!("jstruct-overlay-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{}.json", RUNS.fetch_add(1, Ordering::Relaxed)));
        let overlay = format!(r#"{{"documents": {{"https://example.com/doc#": {corrections}}}}}"#);
        std::fs::write(&path, overlay).unwrap();
        let mut sources = SourceMap::default();
        let mut diags = Diagnostics::default();
        let mut doc =
            load::load(&mut sources, "doc.json", document.as_bytes(), &mut diags).unwrap();
        let overlay = Overlay::load(
            &Located::new(&path, "overlay.json"),
            doc.file,
            &mut sources,
            &mut diags,
        )
        .unwrap();
        overlay.apply(&mut doc.root, doc.file, &mut diags);
        diags.relocate(&sources);
        (doc, diags, sources)
    }

    #[test]
    fn corrections_replace_add_and_remove_and_keep_the_overlay_positions() {
        let (doc, diags, sources) = run(
            r#"{"$id": "https://example.com/doc", "definitions": {"A": {"type": "string"}, "B": {"type": "int32"}}}"#,
            r#"[{"op": "replace", "path": "/definitions/A/type", "value": "double", "because": "x"},
                {"op": "add", "path": "/definitions/C", "value": {"type": "boolean"}, "because": "y"},
                {"op": "remove", "path": "/definitions/B", "because": "z"}]"#,
        );
        assert!(diags.is_empty(), "{diags:?}");
        let defs = doc.root.get("definitions").unwrap();
        assert_eq!(
            defs.get("A").unwrap().get("type").unwrap().as_str(),
            Some("double")
        );
        assert!(defs.get("B").is_none());
        let c = defs.get("C").unwrap();
        assert_eq!(c.pointer, "/definitions/C");
        assert_eq!(c.get("type").unwrap().pointer, "/definitions/C/type");
        // The added node stands where the overlay wrote it.
        let (file, span) = sources.relocate(doc.file, c.span);
        assert_eq!(sources.get(file).name, "overlay.json");
        assert_eq!(
            &sources.get(file).text[span.start..span.end],
            r#"{"type": "boolean"}"#
        );
    }

    #[test]
    fn a_correction_that_does_not_apply_or_says_no_reason_is_an_error_in_the_overlay() {
        let cases = [
            (
                r#"{"op": "replace", "path": "/definitions/Z", "value": 1, "because": "x"}"#,
                "has the schema changed?",
            ),
            (
                r#"{"op": "add", "path": "/definitions/A", "value": 1, "because": "x"}"#,
                "says `replace`",
            ),
            (
                r#"{"op": "replace", "path": "/definitions/A", "value": 1}"#,
                "`because`",
            ),
            (
                r#"{"op": "move", "path": "/definitions/A", "because": "x"}"#,
                "`op`",
            ),
            (
                r#"{"op": "add", "path": "/nowhere/A", "value": 1, "because": "x"}"#,
                "no `nowhere`",
            ),
        ];
        for (correction, expected) in cases {
            let (_, diags, sources) = run(
                r#"{"$id": "https://example.com/doc", "definitions": {"A": {"type": "string"}}}"#,
                &format!("[{correction}]"),
            );
            let d = diags
                .iter()
                .next()
                .unwrap_or_else(|| panic!("{correction}"));
            assert!(d.message.contains(expected), "{correction}: {}", d.message);
            let location = d.location.as_ref().unwrap();
            assert_eq!(sources.get(location.file).name, "overlay.json");
        }
    }
}
