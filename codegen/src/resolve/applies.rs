//! Which type a keyword belongs to, seen through references: `minimum` beside a `$ref` to an
//! object is as misplaced as on `"type": "object"`, and `properties` on a string as `minimum` on
//! one. Core says `required`, `choices`, `selector` and `tuple` "MUST only be used in schemas of
//! type" theirs; `properties`, `additionalProperties`, `items` and `values` are defined for
//! theirs alone. A misplaced one has two readings (the keyword is a mistake, or the type is), so
//! it is an error, as the misplaced Validation keywords are.

use super::Resolver;
use crate::codes;
use crate::load::{Kind, Node};
use crate::schema::Ty;

/// Structural keywords and the types they belong to.
const STRUCTURAL: &[(&str, &[&str])] = &[
    ("properties", &["object", "tuple"]),
    ("required", &["object", "tuple"]),
    ("additionalProperties", &["object", "tuple"]),
    ("items", &["array", "set"]),
    ("values", &["map"]),
    ("tuple", &["tuple"]),
    ("choices", &["choice"]),
    ("selector", &["choice"]),
];

/// How far a chain of aliases (`{"type": {"$ref": ...}}` definitions) is followed.
const MAX_HOPS: usize = 64;

impl Resolver<'_> {
    /// The Core type names a value of `ty` can have: its own, a union's members', a
    /// reference's target's (through aliases). `None` when that cannot be told (a reference
    /// that does not resolve, an alias chain too long): keywords are then not checked against it.
    pub(super) fn type_names(&self, ty: &Ty) -> Option<Vec<String>> {
        match ty {
            Ty::Ref(id) => self.node_type_names(self.def_nodes[id.0], 0),
            Ty::Union(members) => {
                let mut names = Vec::new();
                for m in members {
                    names.extend(self.type_names(&m.ty)?);
                }
                Some(names)
            }
            other => Some(vec![own_name(other).to_owned()]),
        }
    }

    fn node_type_names(&self, node: &Node, hops: usize) -> Option<Vec<String>> {
        let member = |t: &Node| -> Option<Vec<String>> {
            match &t.kind {
                Kind::String(name) => Some(vec![name.clone()]),
                Kind::Object(_) if hops < MAX_HOPS => {
                    let target = self.target_of(t.get("$ref")?.as_str()?)?;
                    self.node_type_names(target, hops + 1)
                }
                _ => None,
            }
        };
        match &node.get("type")?.kind {
            Kind::Array(items) => {
                let mut names = Vec::new();
                for item in items {
                    names.extend(member(item)?);
                }
                Some(names)
            }
            _ => member(node.get("type")?),
        }
    }

    /// Errors for the structural keywords of `node` that its type `ty` has no use for. A
    /// schema without `type` (a composition branch, rules alone) is not checked: its type is
    /// what its keywords make it.
    pub(super) fn misplaced_structure(&mut self, node: &Node, ty: &Ty) {
        if node.get("type").is_none() {
            return;
        }
        let Some(names) = self.type_names(ty) else {
            return;
        };
        for &(keyword, owners) in STRUCTURAL {
            let Some(value) = node.get(keyword) else {
                continue;
            };
            if names.iter().any(|n| owners.contains(&n.as_str())) {
                continue;
            }
            let d = self.error(
                value,
                codes::SCHEMA_CONSTRAINT_INVALID_FOR_TYPE,
                format!(
                    "`{keyword}` belongs to {}, but this schema's type is {}",
                    owners.join(" and "),
                    described(ty, &names)
                ),
            );
            d.label = Some(format!("`{keyword}` on {}", names.join(" | ")));
            d.notes.push(format!(
                "either the keyword or the type is a mistake: remove `{keyword}`, or declare \
                 `\"type\": \"{}\"`",
                owners[0]
            ));
        }
    }
}

/// `ty`'s own Core type name (references and unions are named by [`Resolver::type_names`]).
pub(super) fn own_name(ty: &Ty) -> &str {
    match ty {
        Ty::Primitive(p) => p.json_name(),
        Ty::StringEnum(_) => "string",
        Ty::Object(_) => "object",
        Ty::Array(_) => "array",
        Ty::Set(_) => "set",
        Ty::Map(_) => "map",
        Ty::Tuple(_) => "tuple",
        Ty::Choice(_) => "choice",
        Ty::Ref(_) | Ty::Union(_) => "",
    }
}

/// `` `string` ``, `` `date` | `null` ``, or `` `object` (through its `$ref`) ``.
pub(super) fn described(ty: &Ty, names: &[String]) -> String {
    let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    let list = list.join(" | ");
    if matches!(ty, Ty::Ref(_)) {
        format!("{list} (through its `$ref`)")
    } else {
        list
    }
}
