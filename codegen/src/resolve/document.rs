//! The document's own keywords (`$schema`, `$id`, `$uses`, `$offers`, `$root`, and the root's
//! `name` and `description`), read through the generated [`SchemaDocument`]: the meta-schema
//! decides their shapes, the spanned tree where each came from.

use schema_document::SchemaDocument;

use super::typed::Keyword;
use super::Resolver;
use crate::codes;
use crate::load::{Kind, Member, Node};

const DOCUMENT_KEYWORDS: &[Keyword] = &[
    Keyword::ignorable("$schema", "a meta-schema URI", "read as a core document"),
    Keyword::ignorable("$id", "a URI", "ignored (nothing generated depends on it)"),
    Keyword::new("$uses", "an array of extension names"),
    Keyword::new(
        "$offers",
        "a map from add-in names to JSON pointers (one, or an array of them)",
    ),
    Keyword::new("$root", "a JSON pointer"),
    Keyword::new("name", "a string"),
    Keyword::new("description", "a string"),
];

/// What a document without `$schema` is read as: its keywords (and `$uses`) say the rest.
const CORE_META_SCHEMA: &str = "https://json-structure.org/meta/core/v0/#";

impl<'a> Resolver<'a> {
    /// Reads the document keywords of `root`. One that does not fit the meta-schema is reported
    /// where it is wrong and left out; the others are read all the same. `None` only if the
    /// generated types cannot read even that (reported).
    pub(super) fn document(&mut self, root: &Node) -> Option<SchemaDocument> {
        if root.get("$schema").is_none() {
            self.warn(
                root,
                codes::SCHEMA_META_URI_MISSING,
                "the document has no `$schema`; read as a core document".into(),
            )
            .notes
            .push(format!("Core makes `$schema` REQUIRED at the root: `\"$schema\": \"{CORE_META_SCHEMA}\"` (or the extended or validation meta-schema's URI)"));
        }
        self.read_typed(root, DOCUMENT_KEYWORDS, Some(core_schema_member(root)))
            .value
    }
}

/// `"$schema": <core>`, for a document that gives none (or none that can be read), placed at
/// the root for any diagnostic that would point at it.
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
