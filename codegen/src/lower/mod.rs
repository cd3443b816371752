//! Stage 3, lower: the resolved [`SchemaSet`] → the Rust-ready [`Ir`]. Decides the Rust shape of
//! every schema (struct, enum, union, alias; `Option`, `Vec`, `Box`), synthesizes names for inline
//! types and asks [`crate::naming`] for every identifier.

use std::collections::{BTreeMap, HashMap};

use crate::codes;
use crate::diag::{Diagnostic, Diagnostics, Location, Span};
use crate::fit;
use crate::ir::{self, *};
use crate::naming::{is_identifier, Renamed, Scope, RESERVED_MODULE_NAMES, RESERVED_TYPE_NAMES};
use crate::schema::{self as s, Constraint, DefId, Primitive, Root, SchemaSet, Ty};

mod objects;
mod recursion;
mod types;

use recursion::*;
use types::*;

/// Lowers a resolved schema set. Returns `None` when something could not be lowered (an error
/// diagnostic says what).
pub fn lower(set: &SchemaSet, diags: &mut Diagnostics) -> Option<Ir> {
    lower_with(set, false, diags)
}

/// Like [`lower`]; a `strict` crate closes the objects that do not state
/// `additionalProperties` (they reject undeclared members when read, as with `false`).
pub fn lower_with(set: &SchemaSet, strict: bool, diags: &mut Diagnostics) -> Option<Ir> {
    let mut l = Lowerer {
        set,
        strict,
        diags,
        types: Vec::new(),
        defs: Vec::new(),
        scope: Scope::with_reserved(RESERVED_TYPE_NAMES),
        named_defaults: Vec::new(),
        subschemas: BTreeMap::new(),
        lowering_subschemas: Default::default(),
        inline: HashMap::new(),
        failed: false,
    };
    // The root union first (it is what a document *is*), then definitions, then inline types in
    // the order they are met. Definitions claim their names before the root and inline types do,
    // because they are the names schema authors chose.
    let root_slot = matches!(set.root, Root::Union(_) | Root::Type(_)).then(|| l.reserve());
    let dup_names = duplicate_definition_names(set);
    for def in &set.definitions {
        let id = l.reserve();
        let name = if dup_names.contains_key(def.name.as_str()) && !def.namespace.is_empty() {
            // The same name in several namespaces: qualify it with its namespace path.
            let qualified = format!("{} {}", def.namespace.join(" "), def.name);
            let (name, _) = l.scope.type_name(&qualified, "Type");
            let why = if is_identifier(&def.name) {
                Renamed::Collision
            } else {
                Renamed::NotAnIdentifier
            };
            l.rename_warning(
                &def.name,
                &name,
                why,
                "type name",
                def.key_span,
                &def.schema.pointer,
            );
            name
        } else {
            l.type_name(&def.name, "Type", def.key_span, &def.schema.pointer)
        };
        l.types[id.0].name = name;
        l.types[id.0].pointer = def.schema.pointer.clone();
        l.defs.push(id);
    }
    let root = match &set.root {
        Root::Library => None,
        Root::Pointer(def) => {
            if set.def(*def).schema.is_abstract {
                let d = set.def(*def);
                l.error(
                    d.key_span,
                    &d.schema.pointer,
                    codes::SCHEMA_ABSTRACT_REFERENCED,
                    format!(
                        "`$root` names the abstract type `{}`, which no document can be",
                        d.name
                    ),
                );
            }
            Some(l.defs[def.0])
        }
        Root::Type(schema) => {
            let slot = root_slot.expect("reserved for a root type");
            l.root_name(slot);
            let kind = l.definition_kind(schema, slot);
            l.fill(slot, schema, kind);
            Some(slot)
        }
        Root::Union(union) => {
            let slot = root_slot.expect("reserved for a root union");
            l.root_name(slot);
            l.types[slot.0].docs.description = set.description.clone();
            l.types[slot.0].pointer = union.pointer.clone();
            match l.union(union) {
                Some(kind) => l.types[slot.0].kind = kind,
                None => l.failed = true,
            }
            Some(slot)
        }
    };
    for (def, &id) in set.definitions.iter().zip(&l.defs.clone()) {
        let kind = if def.schema.is_abstract {
            // Merged into the types that extend it (resolve did that); nothing of its own.
            Some(TypeKind::Abstract)
        } else {
            l.definition_kind(&def.schema, id)
        };
        l.fill(id, &def.schema, kind);
    }
    l.check_named_defaults();
    for (def, &id) in set.definitions.iter().zip(&l.defs.clone()) {
        if rules_refer_back(&l.types, &l.subschemas, id) {
            let name = &def.name;
            l.error(
                def.schema.span,
                &def.schema.pointer,
                codes::CODEGEN_UNSUPPORTED,
                format!("the composition rules of `{name}` refer back to `{name}`: validators for such rules cannot be generated yet"),
            );
        }
    }
    if l.failed {
        return None;
    }
    let add_ins = l.add_ins(root);
    if let Some(root) = root {
        l.admit_instance_keywords(root, add_ins.as_ref());
    }
    let modules = l.modules();
    let mut types = l.types;
    box_recursive_fields(&mut types);
    Some(Ir {
        title: set.name.as_ref().map(|(n, _)| n.clone()),
        description: set.description.clone(),
        root,
        types,
        commands: Vec::new(),
        globals: Vec::new(),
        subschemas: l.subschemas,
        modules,
        add_ins,
    })
}

struct Lowerer<'a> {
    set: &'a SchemaSet,
    /// Close the objects that do not state `additionalProperties` (the crate's `strict`).
    strict: bool,
    diags: &'a mut Diagnostics,
    types: Vec<TypeDef>,
    /// `DefId` → the type generated for it.
    defs: Vec<TypeId>,
    scope: Scope,
    /// Defaults of properties whose type involves a generated type, checked once all types are
    /// lowered.
    named_defaults: Vec<(TypeRef, serde_json::Value, Span, String)>,
    /// The subschemas lowered so far (each once, however many types inherit it).
    subschemas: BTreeMap<SubschemaId, Constrained>,
    /// The subschemas being lowered: met again inside themselves, they are a cycle.
    lowering_subschemas: std::collections::HashSet<SubschemaId>,
    /// The named type lowered for each schema node (by pointer) met as a property, item or
    /// alias target.
    inline: HashMap<String, TypeId>,
    failed: bool,
}

impl Lowerer<'_> {
    fn reserve(&mut self) -> TypeId {
        self.types.push(TypeDef {
            name: String::new(),
            pointer: String::new(),
            docs: Docs::default(),
            kind: TypeKind::Alias(TypeRef::Scalar(Scalar::Json)),
            rules: None,
            replacement: None,
        });
        TypeId(self.types.len() - 1)
    }

    fn fill(&mut self, id: TypeId, schema: &s::Schema, kind: Option<TypeKind>) {
        let t = &mut self.types[id.0];
        t.pointer = schema.pointer.clone();
        t.docs = docs(schema);
        match kind {
            Some(kind) => t.kind = kind,
            None => self.failed = true,
        }
    }

    fn error(&mut self, span: Span, pointer: &str, code: &'static str, message: String) {
        self.failed = true;
        self.diags
            .push(Diagnostic::error(code, message).at(self.set.file, span, Some(pointer)));
    }

    fn rename_warning(
        &mut self,
        json: &str,
        rust: &str,
        why: Renamed,
        what: &str,
        span: Span,
        pointer: &str,
    ) {
        let code = if why == Renamed::NotAnIdentifier {
            codes::SCHEMA_NAME_INVALID
        } else {
            codes::CODEGEN_NAME_CHANGED
        };
        self.diags.push(
            Diagnostic::warning(code, format!("{what} `{json}` is generated as `{rust}`"))
                .at(self.set.file, span, Some(pointer))
                .with_note(format!(
                    "renamed because {}; the JSON name is kept on the wire",
                    why.explain()
                )),
        );
    }

    fn type_name(&mut self, json: &str, fallback: &str, span: Span, pointer: &str) -> String {
        let (name, why) = self.scope.type_name(json, fallback);
        if let Some(why) = why {
            self.rename_warning(json, &name, why, "type name", span, pointer);
        }
        name
    }

    fn root_name(&mut self, slot: TypeId) {
        let (json, span) = match &self.set.name {
            Some((name, span)) => (name.clone(), *span),
            None => ("Root".to_string(), Span::default()),
        };
        self.types[slot.0].name = self.type_name(&json, "Root", span, "/name");
    }

    fn push(&mut self, def: TypeDef) -> TypeId {
        self.types.push(def);
        TypeId(self.types.len() - 1)
    }

    /// A definition (or root type): objects become structs, string enums enums, anything else
    /// an alias of the type it denotes.
    fn definition_kind(&mut self, schema: &s::Schema, id: TypeId) -> Option<TypeKind> {
        let name = self.types[id.0].name.clone();
        if let Some(rules) = composed_union(schema) {
            self.subschemas_of(schema, &name, "")?;
            self.types[id.0].rules = Some(rules.clone());
            return Some(TypeKind::Untagged(self.composed_members(rules)));
        }
        // Tuples, choices and enums have no constraints of their own: their composition rules
        // go on the type (the validators apply them wherever it is checked).
        if matches!(schema.ty, Ty::Tuple(_) | Ty::Choice(_) | Ty::StringEnum(_)) {
            self.subschemas_of(schema, &name, "")?;
            self.types[id.0].rules = schema.rules().cloned();
        }
        match &schema.ty {
            Ty::Object(object) => self.object(schema, object, &name).map(TypeKind::Struct),
            Ty::Tuple(tuple) => self.tuple(&tuple.elements, &name).map(TypeKind::Tuple),
            Ty::Choice(choice) => self.choice(choice, &name).map(TypeKind::Choice),
            Ty::StringEnum(values) => Some(TypeKind::Enum(self.string_enum(
                values,
                &schema.alt_enums,
                &name,
                &schema.pointer,
                schema.span,
            ))),
            _ => {
                let (constraints, item_constraints) = value_constraints(schema);
                let unconstrained = constraints.is_empty() && item_constraints.is_empty();
                // A union definition is the union: its enum takes the definition's name (not an
                // alias of an enum named after it).
                if let Ty::Union(members) = &schema.ty {
                    if unconstrained && !Self::is_optional_union(members) {
                        return self
                            .union_members(members, &name, "")
                            .map(TypeKind::Untagged);
                    }
                }
                let ty = self.type_ref(schema, &name, "")?;
                Some(if unconstrained {
                    TypeKind::Alias(ty)
                } else {
                    TypeKind::Newtype(Constrained {
                        ty,
                        constraints,
                        item_constraints,
                    })
                })
            }
        }
    }

    /// The namespaces as a tree of modules, in document order, each listing its types (abstract
    /// ones generate nothing, so they are not listed) under their schema names.
    fn modules(&mut self) -> Vec<Module> {
        let mut roots: Vec<Module> = Vec::new();
        // Per namespace path: the names of its child modules, and of its types.
        let mut scopes: HashMap<Vec<String>, (Scope, Scope)> = HashMap::new();
        let fresh = || {
            (
                Scope::with_reserved(RESERVED_MODULE_NAMES),
                Scope::with_reserved(RESERVED_TYPE_NAMES),
            )
        };
        let set = self.set;
        for (def, id) in set.definitions.iter().zip(self.defs.clone()) {
            if def.namespace.is_empty() || def.schema.is_abstract {
                continue;
            }
            let mut level = &mut roots;
            for depth in 0..def.namespace.len() {
                let path = &def.namespace[..=depth];
                let key = &path[depth];
                let position = match level.iter().position(|m| &m.json_name == key) {
                    Some(p) => p,
                    None => {
                        let (modules, _) =
                            scopes.entry(path[..depth].to_vec()).or_insert_with(fresh);
                        let (name, why) = modules.field_name(key, "namespace");
                        // The definition's pointer (tokens already escaped), cut after this namespace.
                        let pointer = def
                            .schema
                            .pointer
                            .split('/')
                            .take(depth + 3)
                            .collect::<Vec<_>>()
                            .join("/");
                        if let Some(why) = why {
                            self.rename_warning(
                                key,
                                &name,
                                why,
                                "namespace",
                                def.key_span,
                                &pointer,
                            );
                        }
                        level.push(Module {
                            name,
                            json_name: key.clone(),
                            pointer,
                            types: Vec::new(),
                            modules: Vec::new(),
                        });
                        level.len() - 1
                    }
                };
                if depth + 1 == def.namespace.len() {
                    let (_, types) = scopes.entry(def.namespace.clone()).or_insert_with(fresh);
                    let (name, _) = types.type_name(&def.name, "Type");
                    level[position].types.push((name, id));
                }
                level = &mut level[position].modules;
            }
        }
        roots
    }

    fn def(&self, def: DefId) -> TypeId {
        self.defs[def.0]
    }
}

fn docs(schema: &s::Schema) -> Docs {
    Docs {
        description: schema.description.clone(),
        examples: schema.examples.clone(),
        facts: schema.annotations.clone(),
    }
}

fn duplicate_definition_names(set: &SchemaSet) -> HashMap<&str, usize> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for d in &set.definitions {
        *counts.entry(d.name.as_str()).or_default() += 1;
    }
    counts.retain(|_, n| *n > 1);
    counts
}

#[cfg(test)]
mod tests;
