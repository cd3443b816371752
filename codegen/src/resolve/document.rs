//! The document's own keywords (`$schema`, `$id`, `$uses`, `$offers`, `$root`, and the root's
//! `name` and `description`), read through the generated [`SchemaDocument`]: the meta-schema
//! decides their shapes, the spanned tree where each came from. The schema keywords below the
//! root are still read from the tree (ARCHITECTURE.md, "Schema documents as types", says why).

use schema_document::SchemaDocument;

use super::Resolver;
use crate::codes;
use crate::diag::Diagnostic;
use crate::load::de::from_node;
use crate::load::{Kind, Member, Node};

/// The keywords read here, with what each must be (for messages that speak JSON, not serde).
const DOCUMENT_KEYWORDS: &[(&str, &str)] = &[
    ("$schema", "a meta-schema URI"),
    ("$id", "a URI"),
    ("$uses", "an array of extension names"),
    (
        "$offers",
        "a map from add-in names to JSON pointers (one, or an array of them)",
    ),
    ("$root", "a JSON pointer"),
    ("name", "a string"),
    ("description", "a string"),
];

/// What a document without `$schema` is read as: its keywords (and `$uses`) say the rest.
const CORE_META_SCHEMA: &str = "https://json-structure.org/meta/core/v0/#";

impl<'a> Resolver<'a> {
    /// Reads the document keywords of `root`. One that does not fit the meta-schema is reported
    /// at its innermost wrong value and left out; the others are read all the same. `None` only
    /// if the generated types cannot read even that (a defect of the meta-schema's corrections,
    /// reported as such).
    pub(super) fn document(&mut self, root: &Node) -> Option<SchemaDocument> {
        // In document order, so what does not fit is reported in reading order.
        let mut members: Vec<Member> = root
            .as_object()
            .unwrap_or_default()
            .iter()
            .filter(|m| DOCUMENT_KEYWORDS.iter().any(|(k, _)| *k == m.key))
            .cloned()
            .collect();
        if root.get("$schema").is_none() {
            self.warn(
                root,
                codes::SCHEMA_META_URI_MISSING,
                "the document has no `$schema`; read as a core document".into(),
            )
            .notes
            .push(format!("Core makes `$schema` REQUIRED at the root: `\"$schema\": \"{CORE_META_SCHEMA}\"` (or the extended or validation meta-schema's URI)"));
            members.insert(0, core_schema_member(root));
        }
        // Each round that fails leaves one keyword out (an unreadable `$schema` becomes core's).
        for _ in 0..=DOCUMENT_KEYWORDS.len() {
            let view = Node {
                span: root.span,
                key_span: None,
                pointer: String::new(),
                kind: Kind::Object(members.clone()),
            };
            let error = match from_node::<SchemaDocument>(&view) {
                Ok(document) => return Some(document),
                Err(error) => error,
            };
            // Where the value that did not fit is, and under which keyword.
            let (pointer, span) = error
                .at
                .clone()
                .unwrap_or_else(|| (String::new(), root.head()));
            let keyword = pointer.split('/').nth(1).unwrap_or_default().to_owned();
            let Some((keyword, expected)) = DOCUMENT_KEYWORDS
                .iter()
                .find(|(k, _)| k.replace('~', "~0").replace('/', "~1") == keyword)
            else {
                // No keyword to leave out: the types themselves do not take a document.
                self.error(
                    root,
                    codes::SCHEMA_KEYWORD_INVALID_TYPE,
                    format!("the document keywords do not fit the schema-document types: {error}"),
                );
                return None;
            };
            let d = Diagnostic::error(
                codes::SCHEMA_KEYWORD_INVALID_TYPE,
                format!("`{keyword}` must be {expected}"),
            )
            .at(self.file, span, Some(&pointer))
            .with_note(format!(
                "as the meta-schema reads it: {}",
                serde_words(&error.message)
            ));
            self.diags.push(d);
            members.retain(|m| m.key != *keyword);
            if *keyword == "$schema" {
                members.insert(0, core_schema_member(root));
            }
        }
        self.error(
            root,
            codes::SCHEMA_KEYWORD_INVALID_TYPE,
            "the schema-document types read no document keywords, not even core's `$schema`".into(),
        );
        None
    }
}

/// `"$schema": <core>` where the document gives none (or none that can be read), placed at the
/// root for any diagnostic that would point at it.
fn core_schema_member(root: &Node) -> Member {
    Member {
        key: "$schema".into(),
        key_span: root.head(),
        value: Node {
            span: root.head(),
            key_span: None,
            pointer: "/$schema".into(),
            kind: Kind::String(CORE_META_SCHEMA.into()),
        },
    }
}

/// serde's words for JSON's types, in JSON's.
fn serde_words(message: &str) -> String {
    [
        ("invalid type: sequence", "invalid type: an array"),
        ("invalid type: map", "invalid type: an object"),
        ("invalid type: unit value", "invalid type: null"),
        ("expected a sequence", "expected an array"),
        ("expected a map", "expected an object"),
        (
            "data did not match any variant of untagged enum ",
            "the value fits none of the forms of ",
        ),
    ]
    .iter()
    .fold(message.to_owned(), |m, (from, to)| m.replace(from, to))
}
