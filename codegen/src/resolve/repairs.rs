//! Departures from the spec that real schemas make often and that have exactly one plain
//! meaning: each is read as that meaning, with a warning that says which meaning was taken and
//! how to write it per the spec. (The README's "Sloppy input" section lists them all; codes.rs
//! records, per code, why the others stay errors.)

use super::{describe, Resolver};
use crate::codes;
use crate::load::{Kind, Node};
use crate::schema::*;

/// How many `$ref` hops [`Resolver::admits_null`] follows before giving up (alias chains
/// longer than this are cycles or absurd; `check_alias_cycles` reports the former).
const MAX_ALIAS_HOPS: usize = 64;

impl Resolver<'_> {
    /// `"default": null` where the type cannot be null. Feed schemas write it on optional
    /// properties to say "no default"; that is the only reading (null is not a value of the
    /// type), so the default is dropped. Returns whether `d` was such a default.
    pub(super) fn null_default(&mut self, d: &Node, ty: &Ty) -> bool {
        if !matches!(d.kind, Kind::Null) || self.admits_null(ty, 0) {
            return false;
        }
        self.warn(
            d,
            codes::SCHEMA_DEFAULT_INVALID,
            format!(
                "`default: null` on a type that cannot be null ({}): read as no default",
                self.type_label(ty)
            ),
        )
        .notes
        .push(
            "omit `default` (an absent optional property has no value), or make the type \
             nullable: `\"type\": [\"<type>\", \"null\"]`"
                .into(),
        );
        true
    }

    /// Whether `null` is a value of `ty`, following references to their definitions.
    fn admits_null(&self, ty: &Ty, hops: usize) -> bool {
        match ty {
            Ty::Primitive(Primitive::Null | Primitive::Any) => true,
            Ty::Union(members) => members.iter().any(|m| self.admits_null(&m.ty, hops)),
            Ty::Ref(id) => {
                hops < MAX_ALIAS_HOPS && self.node_admits_null(self.def_nodes[id.0], hops + 1)
            }
            _ => false,
        }
    }

    /// [`Self::admits_null`] for a definition that has not been resolved yet: its `type` says.
    fn node_admits_null(&self, node: &Node, hops: usize) -> bool {
        let member_admits = |t: &Node| match &t.kind {
            Kind::String(name) => name == "null" || name == "any",
            Kind::Object(_) => t
                .get("$ref")
                .and_then(Node::as_str)
                .and_then(|r| self.target_of(r))
                .is_some_and(|n| hops < MAX_ALIAS_HOPS && self.node_admits_null(n, hops + 1)),
            _ => false,
        };
        match node.get("type") {
            Some(Node {
                kind: Kind::Array(items),
                ..
            }) => items.iter().any(member_admits),
            Some(t) => member_admits(t),
            None => false,
        }
    }

    /// The definition node a `#/definitions/...` (or repaired `#/$defs/...`) reference names.
    pub(super) fn target_of(&self, reference: &str) -> Option<&Node> {
        let tokens = super::pointer::parse_fragment(reference).ok()?;
        let (head, rest) = tokens.split_first()?;
        if head != "definitions" && head != "$defs" {
            return None;
        }
        self.index.get(rest).map(|id| self.def_nodes[id.0])
    }

    /// `enum` beside a type union (Core allows `enum` only on a single type). With exactly one
    /// member besides `null`, and that member primitive, the values plainly belong to it:
    /// a string member becomes the string enum, any other keeps its type and the values become
    /// an enum constraint (returned, for the schema to enforce). A `null` listed among the
    /// values is the union's own `null`. Anything else has no single reading and stays an error.
    pub(super) fn enum_of_union(
        &mut self,
        node: &Node,
        e: &Node,
        members: &mut [Schema],
    ) -> Option<Option<Constraint>> {
        let is_null = |m: &Schema| matches!(m.ty, Ty::Primitive(Primitive::Null));
        let mut typed = members.iter_mut().filter(|m| !is_null(m));
        let (Some(member), None) = (typed.next(), typed.next()) else {
            self.error(
                node,
                codes::SCHEMA_CONSTRAINT_INVALID_FOR_TYPE,
                "`enum` cannot be combined with a type union of several types".into(),
            )
            .notes
        .push("the values could belong to more than one of the union's types: declare the enum as a definition and list it in the union as `{\"$ref\": ...}`".into());
            return None;
        };
        let Ty::Primitive(p) = member.ty else {
            self.error(
                node,
                codes::SCHEMA_CONSTRAINT_INVALID_FOR_TYPE,
                "`enum` cannot be combined with a type union whose type is a `$ref`".into(),
            )
            .notes
            .push("put the `enum` on the referenced definition".into());
            return None;
        };
        let listed = self.string_enum_shape(e)?;
        let values: Vec<&Node> = listed
            .iter()
            .filter(|v| !matches!(v.kind, Kind::Null))
            .collect();
        if values.is_empty() {
            self.error(
                e,
                codes::SCHEMA_ENUM_EMPTY,
                "`enum` lists no value besides `null`".into(),
            );
            return None;
        }
        for v in &values {
            if !p.admits(&v.to_value(), BinaryEncoding::default()) {
                self.error(
                    v,
                    codes::SCHEMA_CONSTRAINT_INVALID_FOR_TYPE,
                    format!(
                        "`enum` beside `{}` must list `{0}` values (or null), found {}",
                        p.json_name(),
                        describe(v)
                    ),
                );
                return None;
            }
        }
        let nullable = members.len() > 1;
        let meaning = if nullable {
            "one of the listed values, or null"
        } else {
            "one of the listed values"
        };
        self.warn(
            e,
            codes::SCHEMA_CONSTRAINT_INVALID_FOR_TYPE,
            format!(
                "`enum` beside the type union `{}`: read as {meaning}",
                union_label(members)
            ),
        )
        .notes
        .push("Core allows `enum` on a single type only: declare `{\"type\": \"<type>\", \"enum\": [...]}` as a definition and write the property's type as `[{\"$ref\": \"#/definitions/<Name>\"}, \"null\"]`".into());
        let member = members
            .iter_mut()
            .find(|m| !is_null(m))
            .expect("found above");
        if p == Primitive::String {
            let strings = values
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect();
            member.ty = Ty::StringEnum(strings);
            // The enum is declared by the property, not by the union's `"string"`.
            member.pointer.clone_from(&node.pointer);
            return Some(None);
        }
        Some(Some(Constraint::Enum(
            values.iter().map(|v| v.to_value()).collect(),
        )))
    }

    /// `altnames` written as an array of names instead of the companion's object keyed by
    /// purpose. Its one meaning: other names the property is known by, for no stated purpose.
    /// They are kept in the docs; they are not accepted as JSON keys, since the companion makes
    /// a name a key only under the `json` purpose. Returns the sentence for the docs.
    pub(super) fn altnames_list(&mut self, altnames: &Node, items: &[Node]) -> Option<String> {
        let mut names = Vec::new();
        for item in items {
            match item.as_str() {
                Some(name) => names.push(format!("`{name}`")),
                None => {
                    self.error(
                        item,
                        codes::SCHEMA_ALTNAMES_VALUE_NOT_STRING,
                        format!("`altnames` must list names, found {}", item.type_name()),
                    );
                    return None;
                }
            }
        }
        self.warn(
            altnames,
            codes::SCHEMA_ALTNAMES_NOT_OBJECT,
            "`altnames` is an array: read as other names with no stated purpose; they are kept in the docs, not accepted as JSON keys".into(),
        )
        .notes
        .push("the Alternate Names companion keys each name by its purpose: `{\"json\": \"<key in JSON>\"}` renames the JSON key, `{\"lang:en\": \"...\"}` gives a display name".into());
        (!names.is_empty()).then(|| format!("Also known as: {}.", names.join(", ")))
    }

    /// `unit` (Units companion) on a nullable numeric union: the unit of its numbers, which is
    /// the only reading (null has no unit). On a number it is simply documented. Returns the
    /// sentence for the docs.
    pub(super) fn unit(&mut self, node: &Node, ty: &Ty) -> Option<String> {
        let unit = node.get("unit")?;
        let Some(symbol) = unit.as_str() else {
            self.wrong_keyword_type(unit, "unit", "a string");
            return None;
        };
        let numeric = |t: &Ty| matches!(t, Ty::Primitive(p) if p.is_numeric());
        match ty {
            t if numeric(t) => {}
            Ty::Array(items) | Ty::Set(items) | Ty::Map(items) if numeric(&items.ty) => {}
            Ty::Union(members)
                if members.iter().any(|m| numeric(&m.ty))
                    && members.iter().all(|m| {
                        numeric(&m.ty) || matches!(m.ty, Ty::Primitive(Primitive::Null))
                    }) =>
            {
                self.warn(
                    unit,
                    codes::SCHEMA_CONSTRAINT_INVALID_FOR_TYPE,
                    format!(
                        "`unit` on the type union `{}`: read as the unit of its numbers",
                        union_label(members)
                    ),
                )
                .notes
        .push("the Units companion puts `unit` on numeric types; null values have no unit, so the reading is unambiguous".into());
            }
            _ => {
                self.warn(
                    unit,
                    codes::SCHEMA_CONSTRAINT_INVALID_FOR_TYPE,
                    "`unit` applies to numbers (and arrays or maps of them); it is kept in the docs only".into(),
                );
            }
        }
        Some(format!("Unit: `{symbol}`."))
    }
}

/// `["string", "null"]`, as the document wrote the union.
fn union_label(members: &[Schema]) -> String {
    let names: Vec<String> = members
        .iter()
        .map(|m| match &m.ty {
            Ty::Primitive(p) => format!("\"{}\"", p.json_name()),
            _ => "{\"$ref\": ...}".to_owned(),
        })
        .collect();
    format!("[{}]", names.join(", "))
}

impl Resolver<'_> {
    fn type_label(&self, ty: &Ty) -> String {
        let Ty::Ref(id) = ty else {
            return plain_type_label(ty);
        };
        match self.index.iter().find(|(_, target)| *target == id) {
            Some((path, _)) => format!("`{}`", path.join("/")),
            None => "a referenced type".into(),
        }
    }
}

fn plain_type_label(ty: &Ty) -> String {
    match ty {
        Ty::Primitive(p) => format!("`{}`", p.json_name()),
        Ty::StringEnum(_) => "a string enum".into(),
        Ty::Object(_) => "an object".into(),
        Ty::Array(_) => "an array".into(),
        Ty::Set(_) => "a set".into(),
        Ty::Map(_) => "a map".into(),
        Ty::Tuple(_) => "a tuple".into(),
        Ty::Choice(_) => "a choice".into(),
        Ty::Union(members) => format!("`{}`", union_label(members)),
        Ty::Ref(_) => "a referenced type".into(),
    }
}
