//! The tree work of an import: finding namespaces, taking an imported document's definitions,
//! and moving them into the importing document (positions, pointers, references).

use crate::diag::Span;
use crate::load::json::escape_pointer_token;
use crate::load::{Kind, Member, Node};

/// Keywords that make a member of `definitions` (or of a namespace) a type rather than a
/// namespace. A definition with composition keywords and no type is a rule set (a non-schema
/// the companion extends), not a namespace: a type named `allOf` would need an array.
pub const TYPE_KEYWORDS: &[&str] = &["type", "$ref", "allOf", "anyOf", "oneOf", "not", "if"];

/// Whether a member of `definitions` or of a namespace declares a type.
pub fn declares_type(node: &Node) -> bool {
    TYPE_KEYWORDS.iter().any(|k| node.get(k).is_some())
}

/// The document-level keywords of a root, which its root type, imported as a definition,
/// leaves behind.
const DOCUMENT_KEYWORDS: &[&str] = &["$schema", "$id", "$root", "$uses", "$offers", "definitions"];

pub fn member_mut<'n>(node: &'n mut Node, key: &str) -> Option<&'n mut Node> {
    match &mut node.kind {
        Kind::Object(members) => members
            .iter_mut()
            .find(|m| m.key == key)
            .map(|m| &mut m.value),
        _ => None,
    }
}

pub fn has_member(node: &Node, key: &str) -> bool {
    node.get(key).is_some()
}

pub fn push_member(node: &mut Node, key: String, value: Node) {
    if let Kind::Object(members) = &mut node.kind {
        let key_span = value.key_span.unwrap_or(value.span);
        members.push(Member {
            key,
            key_span,
            value,
        });
    }
}

/// The object of a namespace of `root` (`definitions`, then the names in `namespace`), made
/// when missing: a root that imports may have no `definitions` of its own.
pub fn namespace_mut<'n>(root: &'n mut Node, namespace: &[String]) -> &'n mut Node {
    let mut node = root;
    let mut pointer = String::new();
    for name in std::iter::once("definitions").chain(namespace.iter().map(String::as_str)) {
        pointer = format!("{pointer}/{}", escape_pointer_token(name));
        if !has_member(node, name) {
            let empty = Node {
                span: Span::new(node.span.start, node.span.start + 1),
                key_span: None,
                pointer: pointer.clone(),
                kind: Kind::Object(Vec::new()),
            };
            push_member(node, name.to_owned(), empty);
        }
        node = member_mut(node, name).expect("present or just added");
    }
    node
}

/// What importing `document` brings: its definitions (types and namespaces, after its own
/// imports), preceded, for `$import`, by its root type under the root's `name`.
pub fn definitions_of(document: &Node, with_root: bool) -> Vec<(String, Node)> {
    let mut out = Vec::new();
    if with_root && declares_type(document) {
        if let Some(name) = document.get("name").and_then(Node::as_str) {
            let mut root_type = document.clone();
            if let Kind::Object(members) = &mut root_type.kind {
                members.retain(|m| !DOCUMENT_KEYWORDS.contains(&m.key.as_str()));
            }
            out.push((name.to_owned(), root_type));
        }
    }
    for m in document
        .get("definitions")
        .and_then(Node::as_object)
        .into_iter()
        .flatten()
    {
        out.push((m.key.clone(), m.value.clone()));
    }
    out
}

/// Moves an imported definition to `namespace/name` of the importing document: its pointers
/// are where it now stands, and its references into `#/definitions` point into `namespace`.
pub fn rebase(def: &mut Node, namespace: &[String], name: &str) {
    let tokens: String = namespace
        .iter()
        .map(|n| format!("/{}", escape_pointer_token(n)))
        .collect();
    move_to(
        def,
        &format!("/definitions{tokens}/{}", escape_pointer_token(name)),
    );
    if !tokens.is_empty() {
        rewrite_references(def, &tokens);
    }
}

/// Moves a node (and what it holds) to `pointer` of the document.
pub fn move_to(node: &mut Node, pointer: &str) {
    let old = node.pointer.clone();
    repoint(node, &old, pointer);
}

pub fn remove_member(node: &mut Node, key: &str) {
    if let Kind::Object(members) = &mut node.kind {
        members.retain(|m| m.key != key);
    }
}

fn repoint(node: &mut Node, old: &str, new: &str) {
    if let Some(rest) = node.pointer.strip_prefix(old) {
        node.pointer = format!("{new}{rest}");
    }
    for child in children_mut(node) {
        repoint(child, old, new);
    }
}

/// The keywords whose values are JSON pointers into the document (the Import companion: "any
/// `jsonpointer` instance (`$ref` or `$extends` or `$addins`)").
const POINTER_KEYWORDS: &[&str] = &["$ref", "$extends", "$addins"];

fn rewrite_references(node: &mut Node, tokens: &str) {
    if let Kind::Object(members) = &mut node.kind {
        for m in members.iter_mut() {
            if POINTER_KEYWORDS.contains(&m.key.as_str()) {
                match &mut m.value.kind {
                    Kind::String(s) => prefix(s, tokens),
                    Kind::Array(items) => {
                        for item in items {
                            if let Kind::String(s) = &mut item.kind {
                                prefix(s, tokens);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    for child in children_mut(node) {
        rewrite_references(child, tokens);
    }
}

fn prefix(reference: &mut String, tokens: &str) {
    if let Some(rest) = reference.strip_prefix("#/definitions/") {
        *reference = format!("#/definitions{tokens}/{rest}");
    }
}

/// Places a document's offsets in its merged range (see `SourceMap::merge`).
pub fn shift(node: &mut Node, base: usize) {
    let moved = |s: Span| Span::new(s.start + base, s.end + base);
    node.span = moved(node.span);
    node.key_span = node.key_span.map(moved);
    if let Kind::Object(members) = &mut node.kind {
        for m in members.iter_mut() {
            m.key_span = moved(m.key_span);
        }
    }
    for child in children_mut(node) {
        shift(child, base);
    }
}

fn children_mut(node: &mut Node) -> Box<dyn Iterator<Item = &mut Node> + '_> {
    match &mut node.kind {
        Kind::Object(members) => Box::new(members.iter_mut().map(|m| &mut m.value)),
        Kind::Array(items) => Box::new(items.iter_mut()),
        _ => Box::new(std::iter::empty()),
    }
}
