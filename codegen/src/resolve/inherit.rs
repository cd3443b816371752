//! `$extends`: merges the properties and `required` of base objects into the objects that
//! extend them, once every definition is resolved (bases may be declared after their heirs).
//! Definitions are merged first ([`inherit`]; bases are always definitions), then inline
//! objects that extend one ([`inherit_inline`], e.g. a property's
//! `{"type": "object", "name": "Inner", "$extends": ...}`).
//!
//! Core's rules, and what is done where an input departs from them:
//! - bases are merged in `$extends` order, and on a clash the first base wins;
//! - an extending type must not redefine an inherited property: where it does, its own
//!   definition wins (the one plain meaning), with a warning;
//! - bases must be abstract: a concrete base is still merged (the primer's multiple-inheritance
//!   sample does this), with a warning;
//! - bases must be of the heir's kind (objects extend objects, tuples tuples), and inheritance
//!   must not be circular: errors.
//!
//! A tuple's `tuple` order places every element, its own and inherited ones: an inherited
//! element it leaves out has no position (an error), as does an entry no base declares.

use crate::codes;
use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::schema::{DefId, Extends, Object, Property, Root, Schema, SchemaSet, Tuple, Ty};

#[derive(Clone, Copy, PartialEq)]
enum State {
    Todo,
    Merging,
    Done,
}

/// What an heir needs of a base definition.
struct Base<'a> {
    name: &'a str,
    ty: &'a Ty,
    is_abstract: bool,
}

impl<'a> Base<'a> {
    fn of(set: &'a SchemaSet, id: DefId) -> Self {
        let def = set.def(id);
        Base {
            name: &def.name,
            ty: &def.schema.ty,
            is_abstract: def.schema.is_abstract,
        }
    }
}

/// Merges the bases named by `extends` into the heir `ty` (an object or a tuple).
fn merge_into<'a>(
    ty: &mut Ty,
    name: &str,
    at: (Span, &str),
    base: &dyn Fn(DefId) -> Base<'a>,
    extends: &[Extends],
    file: usize,
    diags: &mut Diagnostics,
) {
    match ty {
        Ty::Object(object) => {
            let (inherited, required) = inherited(base, extends, file, diags);
            apply(object, name, at, inherited, required, file, diags);
        }
        Ty::Tuple(tuple) => merge_tuple(tuple, name, at, base, extends, file, diags),
        _ => {}
    }
}

/// Merges the bases of every definition into it.
pub fn inherit(set: &mut SchemaSet, diags: &mut Diagnostics) {
    let mut state = vec![State::Todo; set.definitions.len()];
    // An add-in type's `$extends` names what it adds to (see `addins`), not what it inherits.
    for add_in in &set.add_ins {
        for id in &add_in.types {
            state[id.0] = State::Done;
        }
    }
    for i in 0..set.definitions.len() {
        merge(set, DefId(i), &mut state, diags);
    }
}

/// Merges the bases of every inline object (below a definition, the root type or a subschema)
/// into it; run once the definitions are merged and the root and subschemas are resolved.
pub fn inherit_inline(set: &mut SchemaSet, diags: &mut Diagnostics) {
    break_inline_cycles(set, diags);
    let file = set.file;
    // A snapshot of the (merged) definitions, read while their nested schemas change.
    let definitions: Vec<_> = set
        .definitions
        .iter()
        .map(|d| (d.name.clone(), d.schema.ty.clone(), d.schema.is_abstract))
        .collect();
    let base = |id: DefId| {
        let (name, ty, is_abstract) = &definitions[id.0];
        Base {
            name,
            ty,
            is_abstract: *is_abstract,
        }
    };
    let mut heir = |schema: &mut Schema| {
        // A choice's `$extends` names the base of an inline union: lowering's business.
        if schema.extends.is_empty() || matches!(schema.ty, Ty::Choice(_)) {
            return;
        }
        let name = schema.name.clone().unwrap_or_else(|| "this type".into());
        let at = (schema.span, schema.pointer.clone());
        let extends = schema.extends.clone();
        merge_into(
            &mut schema.ty,
            &name,
            (at.0, &at.1),
            &base,
            &extends,
            file,
            diags,
        );
    };
    for def in &mut set.definitions {
        def.schema.visit_nested_mut(&mut heir);
    }
    for schema in &mut set.subschemas {
        heir(schema);
        schema.visit_nested_mut(&mut heir);
    }
    if let Root::Type(schema) = &mut set.root {
        heir(schema);
        schema.visit_nested_mut(&mut heir);
    }
}

/// An inline type that extends a definition whose inline types extend it back (the definition
/// holding it, or itself) would inherit a copy of itself at every level, without end. Such
/// `$extends` are errors, and dropped so that the merge terminates.
fn break_inline_cycles(set: &mut SchemaSet, diags: &mut Diagnostics) {
    let inline_bases = |schema: &Schema| -> Vec<DefId> {
        if matches!(schema.ty, Ty::Choice(_)) {
            Vec::new()
        } else {
            schema.extends.iter().map(|e| e.def).collect()
        }
    };
    // For each definition, the definitions its inline types extend.
    let mut bases: Vec<Vec<DefId>> = Vec::with_capacity(set.definitions.len());
    for def in &mut set.definitions {
        let mut found = Vec::new();
        def.schema
            .visit_nested_mut(&mut |schema| found.extend(inline_bases(schema)));
        bases.push(found);
    }
    // Whether `to` is reached from `from` through one or more such edges.
    let reaches = |from: DefId, to: DefId| {
        let mut seen = vec![false; bases.len()];
        let mut next = bases[from.0].clone();
        while let Some(id) = next.pop() {
            if id == to {
                return true;
            }
            if !std::mem::replace(&mut seen[id.0], true) {
                next.extend(&bases[id.0]);
            }
        }
        false
    };
    let file = set.file;
    let names: Vec<String> = set.definitions.iter().map(|d| d.name.clone()).collect();
    let mut reported = std::collections::HashSet::new();
    for (i, def) in set.definitions.iter_mut().enumerate() {
        def.schema.visit_nested_mut(&mut |schema| {
            if matches!(schema.ty, Ty::Choice(_)) {
                return;
            }
            schema.extends.retain(|e| {
                let cyclic = e.def.0 == i || reaches(e.def, DefId(i)) || reaches(e.def, e.def);
                if cyclic && reported.insert(e.pointer.clone()) {
                    diags.push(
                        Diagnostic::error(
                            codes::CODEGEN_UNSUPPORTED,
                            format!(
                                "this inline type extends `{}`, which holds it: it would inherit a copy of itself at every level, without end",
                                names[e.def.0]
                            ),
                        )
                        .at(file, e.span, Some(&e.pointer))
                        .with_note("declare the inline type as a definition of its own and refer to it with `$ref`"),
                    );
                }
                !cyclic
            });
        });
    }
}

fn merge(set: &mut SchemaSet, id: DefId, state: &mut [State], diags: &mut Diagnostics) {
    match state[id.0] {
        State::Done => return,
        State::Merging => return, // reported by the caller that found the cycle
        State::Todo => {}
    }
    state[id.0] = State::Merging;
    let file = set.file;
    let mut extends = set.definitions[id.0].schema.extends.clone();
    extends.retain(|base| {
        if state[base.def.0] != State::Merging {
            return true;
        }
        diags.push(
            Diagnostic::error(
                codes::SCHEMA_EXTENDS_CIRCULAR,
                format!(
                    "`{}` extends itself through `{}`",
                    set.definitions[id.0].name, set.definitions[base.def.0].name
                ),
            )
            .at(file, base.span, Some(&base.pointer)),
        );
        false
    });
    for base in &extends {
        merge(set, base.def, state, diags);
    }
    if !extends.is_empty() {
        // The heir is taken out while its bases are read.
        let mut ty = std::mem::replace(
            &mut set.definitions[id.0].schema.ty,
            Ty::Primitive(crate::schema::Primitive::Any),
        );
        let def = &set.definitions[id.0];
        let at = (def.schema.span, def.schema.pointer.as_str());
        merge_into(
            &mut ty,
            &def.name,
            at,
            &|b| Base::of(set, b),
            &extends,
            file,
            diags,
        );
        set.definitions[id.0].schema.ty = ty;
    }
    state[id.0] = State::Done;
}

/// The properties and `required` names the bases give, in `$extends` order (the first base
/// to declare a property wins), reporting bases that are not objects or not abstract.
fn inherited<'a>(
    base: &dyn Fn(DefId) -> Base<'a>,
    extends: &[Extends],
    file: usize,
    diags: &mut Diagnostics,
) -> (Vec<Property>, Vec<String>) {
    let mut inherited: Vec<Property> = Vec::new();
    let mut required: Vec<String> = Vec::new();
    for e in extends {
        let target = base(e.def);
        let Ty::Object(object) = target.ty else {
            not_of_kind(&target, e, "an object", file, diags);
            continue;
        };
        check_abstract(&target, e, file, diags);
        for p in &object.properties {
            if !inherited.iter().any(|q| q.name == p.name) {
                inherited.push(p.clone());
            }
        }
        for r in &object.required {
            if !required.contains(r) {
                required.push(r.clone());
            }
        }
    }
    (inherited, required)
}

/// Puts the inherited properties first, keeps the heir's own definition of any it redefines
/// (warned), and checks that `required` names only declared properties.
fn apply(
    object: &mut Object,
    name: &str,
    (span, pointer): (Span, &str),
    mut inherited: Vec<Property>,
    mut required: Vec<String>,
    file: usize,
    diags: &mut Diagnostics,
) {
    for own in &object.properties {
        if inherited.iter().any(|q| q.name == own.name) {
            diags.push(
                Diagnostic::warning(
                    codes::SCHEMA_EXTENDS_REDEFINES,
                    format!("`{name}` redefines the inherited property `{}`; its own definition is used", own.name),
                )
                .at(file, own.key_span, Some(&own.schema.pointer))
                .with_note("JSON Structure Core forbids redefining inherited properties"),
            );
        }
    }
    inherited.retain(|q| !object.properties.iter().any(|own| own.name == q.name));
    inherited.append(&mut object.properties);
    object.properties = inherited;
    for r in std::mem::take(&mut object.required) {
        if !required.contains(&r) {
            required.push(r);
        }
    }
    object.required = required;
    for r in &object.required {
        if !object.properties.iter().any(|p| &p.name == r) {
            diags.push(
                Diagnostic::error(
                    codes::SCHEMA_REQUIRED_PROPERTY_NOT_DEFINED,
                    format!("required property `{r}` is declared neither by `{name}` nor by a type it extends"),
                )
                .at(file, span, Some(pointer)),
            );
        }
    }
}

fn not_of_kind(target: &Base, e: &Extends, kind: &str, file: usize, diags: &mut Diagnostics) {
    diags.push(
        Diagnostic::error(
            codes::SCHEMA_EXTENDS_NOT_OBJECT,
            format!(
                "`$extends` must name {kind} type, like the type extending it; `{}` is not one",
                target.name
            ),
        )
        .at(file, e.span, Some(&e.pointer)),
    );
}

fn check_abstract(target: &Base, e: &Extends, file: usize, diags: &mut Diagnostics) {
    if !target.is_abstract {
        diags.push(
            Diagnostic::warning(
                codes::SCHEMA_EXTENDS_NOT_ABSTRACT,
                format!("`{}` is not abstract; its properties are inherited all the same", target.name),
            )
            .at(file, e.span, Some(&e.pointer))
            .with_note("JSON Structure Core requires `$extends` to name abstract types (`\"abstract\": true`)"),
        );
    }
}

/// Places the base tuples' elements where the heir's `tuple` order names them (the first base
/// to declare an element wins); the heir's own elements win over inherited ones (warned).
fn merge_tuple<'a>(
    tuple: &mut Tuple,
    name: &str,
    (span, pointer): (Span, &str),
    base: &dyn Fn(DefId) -> Base<'a>,
    extends: &[Extends],
    file: usize,
    diags: &mut Diagnostics,
) {
    let mut offered: Vec<(Property, &str)> = Vec::new();
    let bases: Vec<_> = extends.iter().map(|e| (e, base(e.def))).collect();
    for (e, target) in &bases {
        let Ty::Tuple(base_tuple) = target.ty else {
            not_of_kind(target, e, "a tuple", file, diags);
            continue;
        };
        check_abstract(target, e, file, diags);
        for p in &base_tuple.elements {
            if !offered.iter().any(|(q, _)| q.name == p.name) {
                offered.push((p.clone(), target.name));
            }
        }
    }
    for own in &tuple.elements {
        if offered.iter().any(|(q, _)| q.name == own.name) {
            diags.push(
                Diagnostic::warning(
                    codes::SCHEMA_EXTENDS_REDEFINES,
                    format!(
                        "`{name}` redefines the inherited element `{}`; its own definition is used",
                        own.name
                    ),
                )
                .at(file, own.key_span, Some(&own.schema.pointer))
                .with_note("JSON Structure Core forbids redefining inherited properties"),
            );
        }
    }
    for slot in std::mem::take(&mut tuple.inherited) {
        match offered.iter().find(|(q, _)| q.name == slot.name) {
            Some((p, _)) => {
                let at = slot.position.min(tuple.elements.len());
                tuple.elements.insert(at, p.clone());
            }
            None => diags.push(
                Diagnostic::error(
                    codes::SCHEMA_TUPLE_ORDER_NOT_ARRAY,
                    format!("`tuple` names `{}`, which neither `{name}` nor a tuple it extends declares", slot.name),
                )
                .at(file, slot.span, Some(&slot.pointer)),
            ),
        }
    }
    for (p, from) in &offered {
        if !tuple.elements.iter().any(|q| q.name == p.name) {
            diags.push(
                Diagnostic::error(
                    codes::SCHEMA_TUPLE_MISSING_DEFINITION,
                    format!("`{name}` inherits the element `{}` from `{from}`, but its `tuple` order leaves it out, so it has no position", p.name),
                )
                .at(file, span, Some(pointer)),
            );
        }
    }
}
