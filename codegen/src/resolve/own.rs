//! One schema's own keywords (those that are not schemas themselves), read through the
//! generated [`Subschema`], the meta-schema's most permissive schema object: `type`, the
//! annotations, the inheritance keywords, `required`, `tuple`, `selector` and `enum`. The schemas nested
//! in it (`properties`, `items`, ...) and the companions' keywords are read from the tree
//! (ARCHITECTURE.md, "Schema documents as types", says why).

use schema_document::Subschema;

use super::typed::Keyword;
use super::Resolver;
use crate::codes;
use crate::load::Node;

const OWN_KEYWORDS: &[Keyword] = &[
    Keyword::coded(
        "type",
        "a type name, a `{\"$ref\": \"#/definitions/...\"}` object, or an array of them",
        type_code,
    ),
    Keyword::new("description", "a string"),
    Keyword::new("name", "a string"),
    Keyword::new("examples", "an array"),
    Keyword::new("abstract", "a boolean"),
    Keyword::new("$extends", "a JSON pointer or a non-empty array of them"),
    Keyword::coded(
        "required",
        "an array of property names (or of sets of them)",
        |value| match value.as_array() {
            None => codes::SCHEMA_REQUIRED_NOT_ARRAY,
            Some(_) => codes::SCHEMA_REQUIRED_ITEM_NOT_STRING,
        },
    ),
    Keyword::coded("tuple", "an array of property names", |_| {
        codes::SCHEMA_TUPLE_ORDER_NOT_ARRAY
    }),
    Keyword::new("selector", "a string"),
    Keyword::coded("enum", "an array of values", |_| {
        codes::SCHEMA_ENUM_NOT_ARRAY
    }),
];

/// Keywords without which the schema would mean something else: reading on without one would
/// report what is only its absence (a missing `type`, an undeclared tuple order).
const SHAPING: &[&str] = &["type", "$extends", "tuple"];

/// A `type` holding a `$ref` that is not a JSON pointer refers to nothing (the SDKs' code);
/// any other misfit is of the wrong shape.
fn type_code(value: &Node) -> &'static str {
    let refs = |n: &Node| {
        n.get("$ref")
            .and_then(Node::as_str)
            .is_some_and(|r| !jstruct_runtime::formats::is_json_pointer(r))
    };
    let members = value.as_array().unwrap_or(std::slice::from_ref(value));
    if members.iter().any(refs) {
        codes::SCHEMA_REF_NOT_FOUND
    } else {
        codes::SCHEMA_KEYWORD_INVALID_TYPE
    }
}

impl<'a> Resolver<'a> {
    /// The own keywords of the schema `node`; `None` if one that shapes it does not fit (each
    /// value that does not is reported).
    pub(super) fn own_keywords(&mut self, node: &Node) -> Option<Subschema> {
        let typed = self.read_typed::<Subschema>(node, OWN_KEYWORDS, None);
        if typed.failed.iter().any(|k| SHAPING.contains(k)) {
            return None;
        }
        typed.value
    }
}
