//! `$extends`: merges the properties and `required` of base objects into the objects that
//! extend them, once every definition is resolved (bases may be declared after their heirs).
//!
//! Core's rules, and what is done where an input departs from them:
//! - bases are merged in `$extends` order, and on a clash the first base wins;
//! - an extending type must not redefine an inherited property: where it does, its own
//!   definition wins (the one plain meaning), with a warning;
//! - bases must be abstract: a concrete base is still merged (the primer's multiple-inheritance
//!   sample does this), with a warning;
//! - bases must be objects, and inheritance must not be circular: errors.

use crate::codes;
use crate::diag::{Diagnostic, Diagnostics};
use crate::schema::{DefId, Property, SchemaSet, Ty};

#[derive(Clone, Copy, PartialEq)]
enum State {
    Todo,
    Merging,
    Done,
}

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

fn merge(set: &mut SchemaSet, id: DefId, state: &mut [State], diags: &mut Diagnostics) {
    match state[id.0] {
        State::Done => return,
        State::Merging => return, // reported by the caller that found the cycle
        State::Todo => {}
    }
    state[id.0] = State::Merging;
    let file = set.file;
    let extends = set.definitions[id.0].schema.extends.clone();
    let mut inherited: Vec<Property> = Vec::new();
    let mut required: Vec<String> = Vec::new();
    for base in &extends {
        if state[base.def.0] == State::Merging {
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
            continue;
        }
        merge(set, base.def, state, diags);
        let target = &set.definitions[base.def.0];
        let Ty::Object(object) = &target.schema.ty else {
            diags.push(
                Diagnostic::error(
                    codes::SCHEMA_EXTENDS_NOT_OBJECT,
                    format!(
                        "`$extends` must name an object type; `{}` is not one",
                        target.name
                    ),
                )
                .at(file, base.span, Some(&base.pointer)),
            );
            continue;
        };
        if !target.schema.is_abstract {
            diags.push(
                Diagnostic::warning(
                    codes::SCHEMA_EXTENDS_NOT_ABSTRACT,
                    format!("`{}` is not abstract; its properties are inherited all the same", target.name),
                )
                .at(file, base.span, Some(&base.pointer))
                .with_note("JSON Structure Core requires `$extends` to name abstract types (`\"abstract\": true`)"),
            );
        }
        for p in &object.properties {
            // The first base to declare a property wins.
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
    let def = &mut set.definitions[id.0];
    if let Ty::Object(object) = &mut def.schema.ty {
        if !extends.is_empty() {
            for own in &object.properties {
                if inherited.iter().any(|q| q.name == own.name) {
                    diags.push(
                        Diagnostic::warning(
                            codes::SCHEMA_EXTENDS_REDEFINES,
                            format!("`{}` redefines the inherited property `{}`; its own definition is used", def.name, own.name),
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
                            format!("required property `{r}` is declared neither by `{}` nor by a type it extends", def.name),
                        )
                        .at(file, def.schema.span, Some(&def.schema.pointer)),
                    );
                }
            }
        }
    }
    state[id.0] = State::Done;
}
