//! `$offers`: add-ins. An add-in is a name for one or more abstract object types, each of which
//! `$extends` the type it adds properties to; a document switches it on with `"$uses": [name]`.
//!
//! A generated type has one shape, so the add-ins' properties are injected into the types they
//! extend and into every type that inherits from those (after `$extends` is merged, so an
//! injected property is compared with inherited ones too), each marked with its add-in: optional in the Rust type, checked against the document's
//! `$uses` by the validator. What is done where an input departs from Core:
//! - an add-in type that is not abstract is used all the same, with a warning;
//! - an add-in property the extended type already declares is not injected (the type's own
//!   definition is the one its Rust field can have), with a warning;
//! - an add-in type's constraints other than `properties`/`required` are not applied (warned).

use std::collections::BTreeMap;

use schema_document::SchemaDocumentOffersValue;

use crate::codes;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{Kind, Node};
use crate::schema::{AddIn, AddInMember, Additional, DefId, SchemaSet, Ty};

use super::Resolver;

/// More add-ins than this cannot be told apart by the generated validator (one bit each).
pub const MAX_ADD_INS: usize = 64;

impl Resolver<'_> {
    /// The add-ins of a root `$offers` as the document keywords read them (a map from name to
    /// a pointer, or an array of pointers, at definitions), in the order the document gives.
    pub(super) fn offers(
        &mut self,
        root: &Node,
        offers: &BTreeMap<String, SchemaDocumentOffersValue>,
    ) -> Vec<AddIn> {
        let Some(offers_node) = root.get("$offers") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for m in offers_node.as_object().into_iter().flatten() {
            // The typed value says which form the entry has; the node, where each pointer is.
            let targets: Vec<&Node> = match (offers.get(&m.key), &m.value.kind) {
                (Some(SchemaDocumentOffersValue::Jsonpointer(_)), _) => vec![&m.value],
                (Some(SchemaDocumentOffersValue::JsonPointerArray(all)), Kind::Array(items))
                    if !all.is_empty() =>
                {
                    items.iter().collect()
                }
                _ => {
                    self.wrong_keyword_type(
                        &m.value,
                        "an `$offers` entry",
                        "a JSON pointer string or a non-empty array of them",
                    );
                    continue;
                }
            };
            let types = targets
                .into_iter()
                .filter_map(|t| self.reference(t))
                .collect();
            out.push(AddIn {
                name: m.key.clone(),
                key_span: m.key_span,
                types,
            });
        }
        if out.len() > MAX_ADD_INS {
            self.error(
                offers_node,
                codes::CODEGEN_UNSUPPORTED,
                format!(
                    "`$offers` names {} add-ins; this generator handles at most {MAX_ADD_INS}",
                    out.len()
                ),
            );
            out.truncate(MAX_ADD_INS);
        }
        out
    }
}

/// Whether `heir` is `base` or inherits from it, through any chain of `$extends`.
fn inherits(set: &SchemaSet, heir: DefId, base: DefId, seen: &mut Vec<DefId>) -> bool {
    if heir == base {
        return true;
    }
    if seen.contains(&heir) {
        return false; // a cycle, reported by `inherit`
    }
    seen.push(heir);
    set.definitions[heir.0]
        .schema
        .extends
        .iter()
        .any(|e| inherits(set, e.def, base, seen))
}

/// Injects every add-in's own properties into the types its add-in types extend and their heirs.
pub fn inject(set: &mut SchemaSet, diags: &mut Diagnostics) {
    let file = set.file;
    // Add-in types are never targets, even of each other.
    let add_in_types: Vec<DefId> = set.add_ins.iter().flat_map(|a| a.types.clone()).collect();
    let mut offered: Vec<DefId> = Vec::new();
    for index in 0..set.add_ins.len() {
        let add_in = set.add_ins[index].clone();
        for &id in &add_in.types {
            let def = &set.definitions[id.0];
            let at = |d: Diagnostic| d.at(file, def.schema.span, Some(&def.schema.pointer));
            if offered.contains(&id) {
                diags.push(at(Diagnostic::warning(
                    codes::SCHEMA_ADD_IN_INVALID,
                    format!(
                        "`{}` is offered more than once; its first add-in is the one generated",
                        def.name
                    ),
                )));
                continue;
            }
            offered.push(id);
            let Ty::Object(object) = &def.schema.ty else {
                diags.push(at(Diagnostic::error(
                    codes::SCHEMA_ADD_IN_INVALID,
                    format!(
                        "add-in `{}` offers `{}`, which is not an object type",
                        add_in.name, def.name
                    ),
                )));
                continue;
            };
            if def.schema.extends.is_empty() {
                diags.push(
                    at(Diagnostic::error(
                        codes::SCHEMA_ADD_IN_INVALID,
                        format!(
                            "add-in `{}` offers `{}`, which extends no type to add to",
                            add_in.name, def.name
                        ),
                    ))
                    .with_note(
                        "an add-in type names the type it adds properties to with `$extends`",
                    ),
                );
                continue;
            }
            if !def.schema.is_abstract {
                diags.push(at(Diagnostic::warning(
                    codes::SCHEMA_ADD_IN_INVALID,
                    format!("add-in type `{}` is not abstract; it is used as an add-in all the same", def.name),
                ))
                .with_note("JSON Structure Core declares add-in types `\"abstract\": true`"));
            }
            if !def.schema.constraints.is_empty()
                || !object.required_sets.is_empty()
                || !matches!(object.additional, Additional::Allowed { .. })
            {
                diags.push(at(Diagnostic::warning(
                    codes::CODEGEN_UNSUPPORTED,
                    format!(
                        "add-in type `{}`: only its `properties` and `required` are applied",
                        def.name
                    ),
                )));
            }
            let own: Vec<_> = object
                .properties
                .iter()
                .map(|p| {
                    let mut p = p.clone();
                    p.add_in = Some(AddInMember {
                        add_in: index,
                        required: object.is_required(&p.name),
                    });
                    p
                })
                .collect();
            let (add_in_name, type_name) = (add_in.name.clone(), def.name.clone());
            let mut targets = Vec::new();
            for base in def.schema.extends.clone() {
                let target = &set.definitions[base.def.0];
                if !matches!(target.schema.ty, Ty::Object(_)) {
                    diags.push(
                        Diagnostic::error(
                            codes::SCHEMA_EXTENDS_NOT_OBJECT,
                            format!("add-in type `{type_name}` extends `{}`, which is not an object type", target.name),
                        )
                        .at(file, base.span, Some(&base.pointer)),
                    );
                    continue;
                }
                for heir in (0..set.definitions.len()).map(DefId) {
                    if !add_in_types.contains(&heir)
                        && !targets.contains(&heir)
                        && inherits(set, heir, base.def, &mut Vec::new())
                    {
                        targets.push(heir);
                    }
                }
            }
            for target in targets {
                let target = &mut set.definitions[target.0];
                let Ty::Object(target_object) = &mut target.schema.ty else {
                    continue;
                };
                for p in &own {
                    if let Some(existing) =
                        target_object.properties.iter().find(|q| q.name == p.name)
                    {
                        let whose = match existing.add_in {
                            Some(m) => format!("add-in `{}`", set.add_ins[m.add_in].name),
                            None => format!("`{}`", target.name),
                        };
                        diags.push(
                            Diagnostic::warning(
                                codes::SCHEMA_EXTENDS_REDEFINES,
                                format!(
                                    "add-in `{add_in_name}` redefines `{}`'s property `{}`; the definition of {whose} is kept",
                                    target.name, p.name
                                ),
                            )
                            .at(file, p.key_span, Some(&p.schema.pointer))
                            .with_note("a Rust field has one type whether or not the document enables the add-in"),
                        );
                        continue;
                    }
                    target_object.properties.push(p.clone());
                }
            }
        }
    }
}
