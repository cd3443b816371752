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

/// Lowers a resolved schema set. Returns `None` when something could not be lowered (an error
/// diagnostic says what).
pub fn lower(set: &SchemaSet, diags: &mut Diagnostics) -> Option<Ir> {
    let mut l = Lowerer {
        set,
        diags,
        types: Vec::new(),
        defs: Vec::new(),
        scope: Scope::with_reserved(RESERVED_TYPE_NAMES),
        named_defaults: Vec::new(),
        subschemas: BTreeMap::new(),
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
                let ty = self.type_ref(schema, &name, "")?;
                let (constraints, item_constraints) = value_constraints(schema);
                Some(if constraints.is_empty() && item_constraints.is_empty() {
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

    fn object(&mut self, schema: &s::Schema, object: &s::Object, owner: &str) -> Option<Struct> {
        self.subschemas_of(schema, owner, "")?;
        let mut fields = Vec::new();
        let mut scope = Scope::default();
        let mut ok = true;
        for p in &object.properties {
            let (rust_name, why) = scope.field_name(&p.name, "field");
            if let Some(why) = why {
                self.rename_warning(
                    &p.name,
                    &rust_name,
                    why,
                    "property",
                    p.key_span,
                    &p.schema.pointer,
                );
            }
            let Some(ty) = self.type_ref(&p.schema, owner, &p.name) else {
                ok = false;
                continue;
            };
            let presence = match (&p.schema.default, object.is_required(&p.name)) {
                (_, true) => Presence::Required,
                (None, false) => Presence::Optional,
                (Some(value), false) => {
                    if mentions_named(&ty) {
                        // The types may not be lowered yet; check once every type is.
                        self.named_defaults.push((
                            ty.clone(),
                            value.clone(),
                            p.schema.span,
                            p.schema.pointer.clone(),
                        ));
                    }
                    Presence::Defaulted(value.clone())
                }
            };
            let (constraints, item_constraints) = value_constraints(&p.schema);
            fields.push(Field {
                json_name: p.json_name().to_owned(),
                rust_name,
                ty,
                presence,
                add_in: p.add_in,
                docs: self.field_docs(p),
                constraints,
                item_constraints,
                origin: Location {
                    file: self.set.file,
                    span: p.key_span,
                    pointer: Some(p.schema.pointer.clone()),
                },
            });
        }
        let additional = match &object.additional {
            s::Additional::Schema(schema) => {
                let (rust_name, _) = scope.field_name("additionalProperties", "additional");
                match self.type_ref(schema, owner, "additional") {
                    Some(ty) => Some(AdditionalProperties {
                        declared: true,
                        rust_name,
                        ty,
                        constraints: schema.constraints.clone(),
                    }),
                    None => {
                        ok = false;
                        None
                    }
                }
            }
            // Undeclared properties of an open object are kept, so documents round-trip.
            s::Additional::Allowed => Some(AdditionalProperties {
                declared: false,
                rust_name: scope.field_name("additionalProperties", "additional").0,
                ty: TypeRef::Scalar(Scalar::Json),
                constraints: Vec::new(),
            }),
            s::Additional::Denied => None,
        };
        // Object constraints name properties by their schema keys; documents use JSON names.
        let wire = |name: &String| {
            object
                .properties
                .iter()
                .find(|p| &p.name == name)
                .map_or_else(|| name.clone(), |p| p.json_name().to_owned())
        };
        let sets = (!object.required_sets.is_empty()).then(|| {
            Constraint::RequiredSets(
                object
                    .required_sets
                    .iter()
                    .map(|set| set.iter().map(wire).collect())
                    .collect(),
            )
        });
        let constraints = schema
            .constraints
            .iter()
            .chain(&sets)
            .map(|c| match c {
                Constraint::DependentRequired(deps) => Constraint::DependentRequired(
                    deps.iter()
                        .map(|(k, vs)| (wire(k), vs.iter().map(wire).collect()))
                        .collect(),
                ),
                other => other.clone(),
            })
            .collect();
        ok.then_some(Struct {
            fields,
            deny_unknown_fields: !object.additional.admits_undeclared(),
            constraints,
            additional,
        })
    }

    /// Resolve checked defaults against the schema without following references; here the ones
    /// whose type involves a generated type are checked against it, all the way down (emit
    /// writes them as Rust values of that type).
    fn check_named_defaults(&mut self) {
        for (ty, value, span, pointer) in std::mem::take(&mut self.named_defaults) {
            let Some((at, expected)) = fit::mismatch(&self.types, &ty, &value) else {
                continue;
            };
            let found = value.pointer(&at).unwrap_or(&value);
            let message = if at.is_empty() {
                format!("`default` must be {expected}, found {found}")
            } else {
                format!(
                    "`default` does not fit its type at `{at}`: expected {expected}, found {found}"
                )
            };
            let pointer = format!("{pointer}/default{at}");
            self.error(span, &pointer, codes::SCHEMA_DEFAULT_INVALID, message);
        }
    }

    /// An enum of the string `values` (as written in JSON). With `altenums` (`alt`, one per
    /// value), variants are named after the values `enum` lists and document their symbols.
    fn string_enum(
        &mut self,
        values: &[String],
        alt: &[s::AltEnum],
        context: &str,
        pointer: &str,
        span: Span,
    ) -> Enum {
        let mut scope = Scope::default();
        let variants = values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let listed = alt.get(i).map_or(v, |a| &a.listed);
                let (rust_name, why) = scope.variant_name(listed, "Empty");
                if let Some(why) = why {
                    self.rename_warning(listed, &rust_name, why, "enum value", span, pointer);
                }
                Variant {
                    json_value: v.clone(),
                    rust_name,
                    listed: (listed != v).then(|| listed.clone()),
                    symbols: alt
                        .get(i)
                        .map(|a| {
                            a.symbols
                                .iter()
                                .filter(|(p, _)| p != "json")
                                .cloned()
                                .collect()
                        })
                        .unwrap_or_default(),
                }
            })
            .collect();
        Enum {
            variants,
            context: context.to_owned(),
        }
    }

    /// The type of a property (`prop` non-empty), item or alias target. Inline objects and enums
    /// become new named types called `<Owner><Prop>`, once per schema node: `$extends` and
    /// add-ins copy properties into several types, and the copies share the type.
    fn type_ref(&mut self, schema: &s::Schema, owner: &str, prop: &str) -> Option<TypeRef> {
        if let Some(&id) = self.inline.get(&schema.pointer) {
            return Some(TypeRef::Named(id));
        }
        let ty = self.new_type_ref(schema, owner, prop)?;
        if let TypeRef::Named(id) = ty {
            self.inline.insert(schema.pointer.clone(), id);
        }
        Some(ty)
    }

    fn new_type_ref(&mut self, schema: &s::Schema, owner: &str, prop: &str) -> Option<TypeRef> {
        if !matches!(schema.ty, Ty::Object(_)) {
            // An object's constraints are its struct's (`object` lowers their subschemas).
            self.subschemas_of(schema, owner, prop)?;
        }
        if let Some(rules) = composed_union(schema) {
            let name = self.scope.type_name(&format!("{owner} {prop}"), "Union").0;
            let members = self.composed_members(rules);
            return Some(TypeRef::Named(self.push(TypeDef {
                name,
                pointer: schema.pointer.clone(),
                docs: docs(schema),
                kind: TypeKind::Untagged(members),
                rules: Some(rules.clone()),
            })));
        }
        match &schema.ty {
            Ty::Primitive(p) => Some(TypeRef::Scalar(Scalar::of(*p, schema.encoding))),
            Ty::Ref(def) => {
                let target = self.set.def(*def);
                if target.schema.is_abstract {
                    let message = format!(
                        "`{}` is abstract: it can only be extended, not used as a type",
                        target.name
                    );
                    self.error(
                        schema.span,
                        &schema.pointer,
                        codes::SCHEMA_ABSTRACT_REFERENCED,
                        message,
                    );
                    return None;
                }
                Some(TypeRef::Named(self.def(*def)))
            }
            Ty::Choice(choice) => {
                let name = match &schema.name {
                    Some(n) => self.type_name(n, "Choice", schema.span, &schema.pointer),
                    None => self.scope.type_name(&format!("{owner} {prop}"), "Choice").0,
                };
                let id = self.reserve();
                self.types[id.0].name = name.clone();
                let kind = self.choice(choice, &name).map(TypeKind::Choice);
                self.fill(id, schema, kind);
                Some(TypeRef::Named(id))
            }
            Ty::StringEnum(values) => {
                let name = self.scope.type_name(&format!("{owner} {prop}"), "Enum").0;
                let context = if prop.is_empty() {
                    owner.to_owned()
                } else {
                    format!("{owner}.{prop}")
                };
                let e = self.string_enum(
                    values,
                    &schema.alt_enums,
                    &context,
                    &schema.pointer,
                    schema.span,
                );
                Some(TypeRef::Named(self.push(TypeDef {
                    name,
                    pointer: schema.pointer.clone(),
                    docs: docs(schema),
                    kind: TypeKind::Enum(e),
                    rules: None,
                })))
            }
            Ty::Object(object) => {
                let name = match &schema.name {
                    Some(n) => self.type_name(n, "Object", schema.span, &schema.pointer),
                    None => {
                        let synthesized =
                            self.scope.type_name(&format!("{owner} {prop}"), "Object").0;
                        self.diags.push(
                            Diagnostic::warning(
                                codes::SCHEMA_OBJECT_MISSING_NAME,
                                format!("inline object has no `name`; generated as `{synthesized}`"),
                            )
                            .at(self.set.file, schema.span, Some(&schema.pointer))
                            .with_note("JSON Structure Core requires `name` on object types; the name is synthesized from the owner and the property"),
                        );
                        synthesized
                    }
                };
                Some(TypeRef::Named(self.object_type(schema, object, name)))
            }
            Ty::Array(items) | Ty::Set(items) => {
                let item = self.item_type(items, owner, &format!("{prop} item"))?;
                Some(TypeRef::Vec(Box::new(item)))
            }
            Ty::Map(values) => {
                let value = self.item_type(values, owner, &format!("{prop} value"))?;
                Some(TypeRef::Map(Box::new(value)))
            }
            Ty::Union(members) => self.type_union(schema, members, owner, prop),
            Ty::Tuple(tuple) => {
                let name = match &schema.name {
                    Some(n) => self.type_name(n, "Tuple", schema.span, &schema.pointer),
                    None => self.scope.type_name(&format!("{owner} {prop}"), "Tuple").0,
                };
                let id = self.reserve();
                self.types[id.0].name = name.clone();
                let kind = self.tuple(&tuple.elements, &name).map(TypeKind::Tuple);
                self.fill(id, schema, kind);
                Some(TypeRef::Named(id))
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

    /// Lowers the subschemas a schema's constraints carry. Object subschemas are named after
    /// the owner, the property and the keyword (`OrderIf`, `OrderStatusAnyOf2`, `ZooTagsHas`)
    /// without the missing-name warning: a subschema is a rule, not a type declaration.
    fn subschemas_of(&mut self, schema: &s::Schema, owner: &str, prop: &str) -> Option<()> {
        let set = self.set;
        for (keyword, index, id) in schema.constraints.iter().flat_map(Constraint::subschemas) {
            if self.subschemas.contains_key(&id) {
                continue;
            }
            let subschema = &set.subschemas[id.0];
            let label = match keyword {
                "allOf" | "anyOf" | "oneOf" | "pattern" => {
                    format!("{prop} {keyword} {}", index + 1)
                }
                _ => format!("{prop} {keyword}"),
            };
            let ty = match (&subschema.ty, &subschema.name) {
                (Ty::Object(object), None) => {
                    let name = self
                        .scope
                        .type_name(&format!("{owner} {label}"), "Subschema")
                        .0;
                    let id = self.object_type(subschema, object, name);
                    let of = if prop.is_empty() {
                        owner.to_owned()
                    } else {
                        format!("{owner}.{prop}")
                    };
                    self.types[id.0].docs.description.get_or_insert_with(|| {
                        format!("The `{keyword}` subschema of `{of}`: what the validators try a value against.")
                    });
                    TypeRef::Named(id)
                }
                _ => self.type_ref(subschema, owner, &label)?,
            };
            let (constraints, item_constraints) = value_constraints(subschema);
            self.subschemas.insert(
                id,
                Constrained {
                    ty,
                    constraints,
                    item_constraints,
                },
            );
        }
        Some(())
    }

    /// The variants of a type-less `anyOf`/`oneOf`'s enum: one per branch (already lowered), in
    /// order, named after the branch's type.
    fn composed_members(&mut self, rules: &s::Rules) -> Vec<Member> {
        let mut scope = Scope::default();
        let branches = if rules.one_of.is_empty() {
            &rules.any_of
        } else {
            &rules.one_of
        };
        branches
            .iter()
            .map(|id| {
                let branch = &self.subschemas[id];
                let (label, ty) = match &branch.ty {
                    TypeRef::Scalar(Scalar::Null) => ("null".to_string(), None),
                    TypeRef::Named(t) => (self.types[t.0].name.clone(), Some(branch.ty.clone())),
                    _ => match &self.set.subschemas[id.0].ty {
                        Ty::Primitive(p) => (p.json_name().to_string(), Some(branch.ty.clone())),
                        _ => ("value".to_string(), Some(branch.ty.clone())),
                    },
                };
                Member {
                    rust_name: scope.variant_name(&label, "Member").0,
                    ty,
                }
            })
            .collect()
    }

    /// A struct type for an inline object, named `name`.
    fn object_type(&mut self, schema: &s::Schema, object: &s::Object, name: String) -> TypeId {
        let id = self.reserve();
        self.types[id.0].name = name.clone();
        let kind = self.object(schema, object, &name).map(TypeKind::Struct);
        self.fill(id, schema, kind);
        id
    }

    fn choice(&mut self, choice: &s::Choice, owner: &str) -> Option<ir::Choice> {
        let mut scope = Scope::default();
        let mut variants = Vec::new();
        for c in &choice.choices {
            let (rust_name, why) = scope.variant_name(&c.name, "Choice");
            if let Some(why) = why {
                self.rename_warning(
                    &c.name,
                    &rust_name,
                    why,
                    "choice",
                    c.key_span,
                    &c.schema.pointer,
                );
            }
            let ty = self.type_ref(&c.schema, owner, &c.name)?;
            // An inline choice's value is the chosen object with the selector added: only
            // objects can be.
            if let Some(selector) = &choice.selector {
                let is_object = match &c.schema.ty {
                    Ty::Ref(def) => matches!(self.set.def(*def).schema.ty, Ty::Object(_)),
                    ty => matches!(ty, Ty::Object(_)),
                };
                if !is_object {
                    self.error(c.schema.span, &c.schema.pointer, codes::SCHEMA_CHOICE_SELECTOR_INVALID, format!("choice `{}` of an inline choice (selector `{selector}`) must be an object type", c.name));
                    return None;
                }
            }
            variants.push(ChoiceVariant {
                json_name: c.name.clone(),
                rust_name,
                ty,
            });
        }
        Some(ir::Choice {
            variants,
            selector: choice.selector.clone(),
        })
    }

    fn tuple(&mut self, elements: &[s::Property], owner: &str) -> Option<Vec<Element>> {
        let mut out = Vec::new();
        for p in elements {
            let (constraints, item_constraints) = value_constraints(&p.schema);
            out.push(Element {
                json_name: p.name.clone(),
                ty: self.type_ref(&p.schema, owner, &p.name)?,
                docs: docs(&p.schema),
                constraints,
                item_constraints,
            });
        }
        Some(out)
    }

    /// `["T", "null"]` is `Option<T>`; any other union an untagged enum `<Owner><Prop>` whose
    /// variants keep the members' order (the first that fits wins, as Core says).
    fn type_union(
        &mut self,
        schema: &s::Schema,
        members: &[s::Schema],
        owner: &str,
        prop: &str,
    ) -> Option<TypeRef> {
        let is_null = |m: &s::Schema| matches!(m.ty, Ty::Primitive(Primitive::Null));
        let non_null: Vec<_> = members.iter().filter(|m| !is_null(m)).collect();
        if let [only] = non_null[..] {
            if non_null.len() < members.len() {
                let inner = self.type_ref(only, owner, prop)?;
                return Some(TypeRef::Nullable(Box::new(inner)));
            }
        }
        let name = self.scope.type_name(&format!("{owner} {prop}"), "Union").0;
        let mut variants = Scope::default();
        let mut out = Vec::new();
        for m in members {
            let (label, ty) = match &m.ty {
                Ty::Primitive(Primitive::Null) => ("null".to_string(), None),
                Ty::Primitive(p) => (
                    p.json_name().to_string(),
                    Some(self.type_ref(m, owner, prop)?),
                ),
                // Named after the Rust type: definition names repeat across namespaces.
                Ty::Ref(def) => {
                    let id = self.def(*def);
                    (self.types[id.0].name.clone(), Some(TypeRef::Named(id)))
                }
                _ => unreachable!("resolve admits only primitives and references in a type union"),
            };
            let rust_name = variants.variant_name(&label, "Member").0;
            out.push(Member { rust_name, ty });
        }
        Some(TypeRef::Named(self.push(TypeDef {
            name,
            pointer: schema.pointer.clone(),
            docs: docs(schema),
            kind: TypeKind::Untagged(out),
            rules: None,
        })))
    }

    /// The type of an array item or map value. Its constraints travel as its owner's item
    /// constraints, one level down; when it is itself an array or map with constrained items
    /// (a second level), it becomes a newtype that carries both levels, so any depth is checked.
    fn item_type(&mut self, items: &s::Schema, owner: &str, label: &str) -> Option<TypeRef> {
        let ty = self.type_ref(items, owner, label)?;
        if !has_constrained_items(items) {
            return Some(ty);
        }
        let (constraints, item_constraints) = value_constraints(items);
        let name = self.scope.type_name(&format!("{owner} {label}"), "Item").0;
        let mut docs = docs(items);
        if docs.description.is_none() {
            docs.description = Some(format!(
                "An item of `{owner}`'s `{}`, with the constraints of its own items.",
                label.trim_end_matches(" item").trim_end_matches(" value")
            ));
        }
        Some(TypeRef::Named(self.push(TypeDef {
            name,
            pointer: items.pointer.clone(),
            docs,
            kind: TypeKind::Newtype(Constrained {
                ty,
                constraints,
                item_constraints,
            }),
            rules: None,
        })))
    }

    /// A property's docs; an add-in's say when the property belongs to the type.
    fn field_docs(&self, p: &s::Property) -> Docs {
        let mut d = docs(&p.schema);
        if let Some(m) = p.add_in {
            let name = &self.set.add_ins[m.add_in].name;
            d.facts.push(if m.required {
                format!("From add-in `{name}`: part of the type in documents whose `$uses` names it, and required there.")
            } else {
                format!("From add-in `{name}`: part of the type in documents whose `$uses` names it.")
            });
        }
        d
    }

    /// The enum of the add-ins `$offers` advertises (what a document's `$uses` may name), when
    /// there are any. Documents of a root that is not an object cannot name them: warned.
    fn add_ins(&mut self, root: Option<TypeId>) -> Option<AddIns> {
        let set = self.set;
        let first = set.add_ins.first()?;
        let names: Vec<String> = set.add_ins.iter().map(|a| a.name.clone()).collect();
        let lines: Vec<String> = set
            .add_ins
            .iter()
            .map(|a| {
                let types: Vec<String> = a
                    .types
                    .iter()
                    .map(|&d| format!("`{}`", set.def(d).name))
                    .collect();
                format!("- `{}`: {}", a.name, types.join(", "))
            })
            .collect();
        let e = self.string_enum(&names, &[], "$uses", "/$offers", first.key_span);
        let name = self.scope.type_name("AddIn", "AddIn").0;
        let ty = self.push(TypeDef {
            name,
            pointer: "/$offers".into(),
            docs: Docs {
                description: Some(format!(
                    "The add-ins this schema offers (`$offers`), as a document's `$uses` names them. Each adds the properties of its add-in types to the types those extend:\n\n{}",
                    lines.join("\n")
                )),
                ..Docs::default()
            },
            kind: TypeKind::Enum(e),
            rules: None,
        });
        if !root.is_some_and(|r| matches!(self.types[r.0].kind, TypeKind::Struct(_))) {
            let d = Diagnostic::warning(
                codes::CODEGEN_UNSUPPORTED,
                "the document root is not an object, so documents cannot enable add-ins with `$uses`: add-in properties are accepted without it",
            )
            .at(set.file, first.key_span, Some("/$offers"));
            self.diags.push(d);
        }
        Some(AddIns { names, ty })
    }

    /// Instance documents may name their schema (`$schema`) and add-ins (`$uses`) at the root:
    /// a closed root struct, or one whose other members must match a schema, declares both so
    /// such documents are not rejected (and round-trip), and a root whose schema offers add-ins declares `$uses` as a set of them.
    fn admit_instance_keywords(&mut self, root: TypeId, add_ins: Option<&AddIns>) {
        let file = self.set.file;
        let TypeKind::Struct(s) = &mut self.types[root.0].kind else {
            return;
        };
        let mut scope = Scope::default();
        for f in &s.fields {
            scope.field_name(&f.rust_name, "field");
        }
        let uses = match add_ins {
            Some(a) => (TypeRef::Vec(Box::new(TypeRef::Named(a.ty))), vec![Constraint::UniqueItems], "The add-ins this document enables (`$uses`): their properties are part of the types they extend."),
            None => (TypeRef::Vec(Box::new(TypeRef::Scalar(Scalar::String))), Vec::new(), "The add-ins this document enables (`$uses`), allowed at the root of every instance."),
        };
        // A typed `additionalProperties` would check `$schema` against its schema: it is no
        // additional property either.
        let closed = s.deny_unknown_fields || s.additional.as_ref().is_some_and(|a| a.declared);
        for (json, ty, constraints, doc) in [
            ("$schema", TypeRef::Scalar(Scalar::String), Vec::new(), "The schema this document names (`$schema`), allowed at the root of every instance."),
            ("$uses", uses.0, uses.1, uses.2),
        ] {
            let typed_uses = json == "$uses" && add_ins.is_some();
            if !(closed || typed_uses) || s.fields.iter().any(|f| f.json_name == json) {
                continue;
            }
            let rust_name = scope.field_name(json.trim_start_matches('$'), "field").0;
            s.fields.push(Field {
                json_name: json.into(),
                rust_name,
                ty,
                presence: Presence::Optional,
                add_in: None,
                docs: Docs { description: Some(doc.into()), ..Docs::default() },
                constraints,
                item_constraints: Vec::new(),
                origin: Location { file, span: Span::default(), pointer: None },
            });
        }
    }

    fn def(&self, def: DefId) -> TypeId {
        self.defs[def.0]
    }

    fn union(&mut self, union: &s::Union) -> Option<TypeKind> {
        let mut branches = Vec::new();
        let mut scope = Scope::default();
        for b in &union.branches {
            let Ty::Ref(def) = b.ty else {
                self.error(
                    b.span,
                    &b.pointer,
                    codes::CODEGEN_UNSUPPORTED,
                    format!(
                        "a root `{}` branch must reference an object definition to be generated",
                        union.keyword.keyword()
                    ),
                );
                continue;
            };
            let target = self.set.def(def);
            if !matches!(target.schema.ty, Ty::Object(_)) {
                self.error(b.span, &b.pointer, codes::CODEGEN_UNSUPPORTED, format!("root `{}` branch `{}` is not an object type; only object branches can be generated yet", union.keyword.keyword(), target.name));
                continue;
            }
            let ty = self.def(def);
            let rust_name = scope
                .variant_name(&self.types[ty.0].name.clone(), "Branch")
                .0;
            branches.push(Branch { rust_name, ty });
        }
        Some(TypeKind::Union(ir::Union {
            keyword: union.keyword.keyword(),
            branches,
        }))
    }
}

/// The constraints on a value of `schema` and, for arrays and sets, on each item, for maps
/// on each value.
fn value_constraints(schema: &s::Schema) -> (Vec<Constraint>, Vec<Constraint>) {
    let items = match &schema.ty {
        // Items with constrained items of their own are a newtype that carries them all.
        Ty::Array(items) | Ty::Set(items) | Ty::Map(items) if !has_constrained_items(items) => {
            own_constraints(items)
        }
        _ => Vec::new(),
    };
    let mut constraints = own_constraints(schema);
    if matches!(schema.ty, Ty::Set(_)) && !constraints.contains(&Constraint::UniqueItems) {
        // A set's items are unique by definition.
        constraints.push(Constraint::UniqueItems);
    }
    (constraints, items)
}

/// A type-less schema that is only an `anyOf` or only a `oneOf`: its values are one of the
/// branches, so it is modelled as an enum of them (which carries the rules).
fn composed_union(schema: &s::Schema) -> Option<&s::Rules> {
    if !matches!(schema.ty, Ty::Primitive(Primitive::Any)) {
        return None;
    }
    schema.rules().filter(|r| {
        r.all_of.is_empty()
            && r.not.is_none()
            && r.conditional.is_none()
            && r.any_of.is_empty() != r.one_of.is_empty()
    })
}

/// A schema's constraints, less the rules a composed union's enum carries itself.
fn own_constraints(schema: &s::Schema) -> Vec<Constraint> {
    let carried = composed_union(schema).is_some();
    schema
        .constraints
        .iter()
        .filter(|c| !(carried && matches!(c, Constraint::Rules(_))))
        .cloned()
        .collect()
}

/// An array or map whose items (or values) have constraints, or a set (whose items must be
/// unique): as the item of another, more than the owner's fields can carry.
fn has_constrained_items(schema: &s::Schema) -> bool {
    match &schema.ty {
        Ty::Set(_) => true,
        Ty::Array(i) | Ty::Map(i) => !i.constraints.is_empty(),
        _ => false,
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

/// Types that contain themselves by value (directly or through other structs) have infinite
/// size; box the fields that close such a cycle. `Vec` and maps already indirect.
fn box_recursive_fields(types: &mut [TypeDef]) {
    fn direct(ty: &TypeRef) -> Option<TypeId> {
        match ty {
            TypeRef::Named(id) => Some(*id),
            _ => None,
        }
    }
    let edges: Vec<Vec<TypeId>> = types
        .iter()
        .map(|t| match &t.kind {
            TypeKind::Struct(s) => s.fields.iter().filter_map(|f| direct(&f.ty)).collect(),
            TypeKind::Alias(ty) | TypeKind::Newtype(Constrained { ty, .. }) => {
                direct(ty).into_iter().collect()
            }
            TypeKind::Union(u) => u.branches.iter().map(|b| b.ty).collect(),
            TypeKind::Untagged(members) => members
                .iter()
                .filter_map(|m| m.ty.as_ref().and_then(direct))
                .collect(),
            TypeKind::Tuple(elements) => elements.iter().filter_map(|e| direct(&e.ty)).collect(),
            TypeKind::Choice(c) => c.variants.iter().filter_map(|v| direct(&v.ty)).collect(),
            TypeKind::Abstract => Vec::new(),
            TypeKind::Enum(_) => Vec::new(),
        })
        .collect();
    let reaches = |from: TypeId, to: TypeId, edges: &[Vec<TypeId>]| {
        let mut stack = vec![from];
        let mut seen = vec![false; edges.len()];
        while let Some(t) = stack.pop() {
            if t == to {
                return true;
            }
            if !std::mem::replace(&mut seen[t.0], true) {
                stack.extend(edges[t.0].iter().copied());
            }
        }
        false
    };
    let mut edges = edges;
    for owner in 0..types.len() {
        let TypeKind::Struct(s) = &mut types[owner].kind else {
            continue;
        };
        for f in &mut s.fields {
            if let Some(target) = direct(&f.ty) {
                if reaches(target, TypeId(owner), &edges) {
                    f.ty = TypeRef::Boxed(Box::new(f.ty.clone()));
                    edges[owner].retain(|&t| t != target);
                }
            }
        }
    }
}

/// Whether a type is or contains a generated type (a default of it needs checking by `fit`).
fn mentions_named(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Named(_) => true,
        TypeRef::Scalar(_) => false,
        TypeRef::Vec(inner)
        | TypeRef::Map(inner)
        | TypeRef::Boxed(inner)
        | TypeRef::Nullable(inner) => mentions_named(inner),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load;
    use crate::resolve::resolve;
    use crate::source::SourceMap;

    fn lowered(schema: &str) -> (Option<Ir>, Diagnostics) {
        let mut sources = SourceMap::default();
        let mut diags = Diagnostics::default();
        let doc = load(&mut sources, "t.json", schema.as_bytes(), &mut diags).unwrap();
        let set = resolve(&doc, &mut diags).expect("resolves");
        (lower(&set, &mut diags), diags)
    }

    fn find<'a>(ir: &'a Ir, name: &str) -> &'a TypeDef {
        ir.types
            .iter()
            .find(|t| t.name == name)
            .unwrap_or_else(|| panic!("no type {name}"))
    }

    fn fields(t: &TypeDef) -> &[Field] {
        match &t.kind {
            TypeKind::Struct(s) => &s.fields,
            other => panic!("{} is {other:?}", t.name),
        }
    }

    /// The code and pointer of every diagnostic `schema` yields.
    fn diagnosed(schema: &str) -> Vec<(&'static str, String)> {
        lowered(schema)
            .1
            .iter()
            .map(|d| {
                let pointer = d.location.as_ref().and_then(|l| l.pointer.clone());
                (d.code, pointer.unwrap_or_default())
            })
            .collect()
    }

    #[test]
    fn defaults_of_generated_types_are_checked_all_the_way_down() {
        let schema = |default: &str| {
            format!(
                r##"{{"$schema": "https://json-structure.org/meta/extended/v0/#", "$uses": ["JSONStructureValidation"],
                "definitions": {{
                "P": {{"type": "object", "additionalProperties": false, "required": ["n"],
                       "properties": {{"n": {{"type": "uint8"}}, "at": {{"type": "date"}},
                                       "pair": {{"type": "tuple", "name": "Pair", "properties": {{"a": {{"type": "string"}}, "b": {{"type": "int64"}}}}, "tuple": ["a", "b"]}}}}}},
                "Q": {{"type": "object", "properties": {{"ps": {{"type": "array", "items": {{"type": {{"$ref": "#/definitions/P"}}}}, "default": {default}}}}}}}}}}}"##
            )
        };
        assert_eq!(
            diagnosed(&schema(
                r#"[{"n": 1, "at": "2024-01-02", "pair": ["x", "-3"]}]"#
            )),
            []
        );
        let default_at = |at: &str| format!("/definitions/Q/properties/ps/default{at}");
        for (default, at) in [
            (r#"[{"n": 300}]"#, "/0/n"),
            (r#"[{"n": 1}, {"at": "2024-01-02"}]"#, "/1"),
            (r#"[{"n": 1, "extra": true}]"#, "/0/extra"),
            (r#"[{"n": 1, "at": "yesterday"}]"#, "/0/at"),
            (r#"[{"n": 1, "pair": ["x", 3]}]"#, "/0/pair/1"),
            (r#"[{"n": 1, "pair": ["x"]}]"#, "/0/pair"),
            (r#"{"n": 1}"#, ""),
        ] {
            assert_eq!(
                diagnosed(&schema(default)),
                [("SCHEMA_DEFAULT_INVALID", default_at(at))],
                "{default}"
            );
        }
    }

    #[test]
    fn an_inline_type_inherited_by_several_heirs_is_one_type() {
        let (ir, diags) = lowered(
            r##"{"definitions": {
                "B": {"type": "object", "abstract": true, "properties": {
                    "inner": {"type": "object", "name": "Inner", "properties": {"n": {"type": "string"}}},
                    "mode": {"type": "string", "enum": ["a", "b"]}}},
                "H1": {"type": "object", "$extends": "#/definitions/B"},
                "H2": {"type": "object", "$extends": "#/definitions/B"}}}"##,
        );
        assert!(diags.is_empty(), "{diags:?}");
        let ir = ir.unwrap();
        let (h1, h2) = (fields(find(&ir, "H1")), fields(find(&ir, "H2")));
        assert_eq!(h1[0].ty, h2[0].ty);
        assert_eq!(h1[1].ty, h2[1].ty);
        assert!(!ir.types.iter().any(|t| t.name == "Inner2"));
    }

    #[test]
    fn self_reference_by_value_is_boxed_but_not_through_vec() {
        let (ir, diags) = lowered(
            r##"{"definitions": {"Node": {"type": "object", "properties": {
                "next": {"type": {"$ref": "#/definitions/Node"}},
                "children": {"type": "array", "items": {"type": {"$ref": "#/definitions/Node"}}}}}}}"##,
        );
        assert!(diags.is_empty(), "{diags:?}");
        let ir = ir.unwrap();
        let node = find(&ir, "Node");
        assert!(matches!(fields(node)[0].ty, TypeRef::Boxed(_)));
        assert!(matches!(fields(node)[1].ty, TypeRef::Vec(_)));
    }

    #[test]
    fn mutual_recursion_boxes_one_edge_of_the_cycle() {
        let (ir, _) = lowered(
            r##"{"definitions": {
                "A": {"type": "object", "properties": {"b": {"type": {"$ref": "#/definitions/B"}}}},
                "B": {"type": "object", "properties": {"a": {"type": {"$ref": "#/definitions/A"}}}}}}"##,
        );
        let ir = ir.unwrap();
        let boxed = [find(&ir, "A"), find(&ir, "B")]
            .iter()
            .filter(|t| matches!(fields(t)[0].ty, TypeRef::Boxed(_)))
            .count();
        assert_eq!(boxed, 1);
    }

    #[test]
    fn names_are_made_rust_and_unique_with_warnings() {
        let (ir, diags) = lowered(
            r##"{"definitions": {
                "String": {"type": "object", "properties": {"type": {"type": "string"}, "a.b": {"type": "string"}}},
                "Ns1": {"Item": {"type": "object", "properties": {"x": {"type": "string"}}}},
                "Ns2": {"Item": {"type": "object", "properties": {"x": {"type": "string"}}}}}}"##,
        );
        let ir = ir.unwrap();
        let string = find(&ir, "StringType");
        let names: Vec<_> = fields(string)
            .iter()
            .map(|f| (f.json_name.as_str(), f.rust_name.as_str()))
            .collect();
        assert_eq!(names, [("type", "type_"), ("a.b", "a_b")]);
        find(&ir, "Ns1Item");
        find(&ir, "Ns2Item");
        assert_eq!(
            diags.codes(),
            [
                "CODEGEN_NAME_CHANGED",
                "CODEGEN_NAME_CHANGED",
                "CODEGEN_NAME_CHANGED",
                "CODEGEN_NAME_CHANGED",
                "SCHEMA_NAME_INVALID"
            ]
        );
    }

    #[test]
    fn inline_types_are_named_after_owner_and_property() {
        let (ir, diags) = lowered(
            r##"{"$uses": ["JSONStructureValidation"], "definitions": {"Order": {"type": "object", "properties": {
                "lines": {"type": "array", "items": {"type": "object", "name": "OrderLine", "properties": {"sku": {"type": "string"}}}},
                "tags": {"type": "set", "items": {"type": "string", "enum": ["a", "b"]}},
                "status": {"type": "string", "enum": ["open", "closed"], "default": "open"}}}}}"##,
        );
        assert!(diags.is_empty(), "{diags:?}");
        let ir = ir.unwrap();
        find(&ir, "OrderLine");
        find(&ir, "OrderTagsItem");
        let order = find(&ir, "Order");
        assert_eq!(
            fields(order)[2].presence,
            Presence::Defaulted(serde_json::json!("open"))
        );
    }

    #[test]
    fn a_typeless_any_of_is_an_enum_that_carries_its_rules() {
        let (ir, diags) = lowered(
            r##"{"$uses": ["JSONStructureConditionalComposition"], "definitions": {
                "Code": {"anyOf": [{"type": "int32"}, {"type": {"$ref": "#/definitions/Name"}}, {"type": "null"}]},
                "Name": {"type": "string"},
                "Holder": {"type": "object", "properties": {"code": {"oneOf": [{"type": "string"}, {"type": "boolean"}]}}}}}"##,
        );
        assert!(diags.is_empty(), "{diags:?}");
        let ir = ir.unwrap();
        let code = find(&ir, "Code");
        let TypeKind::Untagged(members) = &code.kind else {
            panic!("{:?}", code.kind)
        };
        let names: Vec<_> = members.iter().map(|m| m.rust_name.as_str()).collect();
        assert_eq!(names, ["Int32", "Name", "Null"]);
        assert_eq!(code.rules.as_ref().map(|r| r.any_of.len()), Some(3));
        // A property's enum carries the rules; the field does not repeat them.
        let holder = find(&ir, "Holder");
        assert!(fields(holder)[0].constraints.is_empty());
        assert!(find(&ir, "HolderCode").rules.is_some());
    }

    #[test]
    fn namespaces_become_modules_named_safely() {
        let (ir, diags) = lowered(
            r##"{"definitions": {
                "Model": {"Item": {"type": "string"}},
                "type": {"Deep": {"Item": {"type": "int32"}, "Abstract": {"type": "object", "abstract": true}}},
                "Top": {"type": "string"}}}"##,
        );
        let ir = ir.unwrap();
        let names: Vec<_> = ir.modules.iter().map(|m| m.name.as_str()).collect();
        // `model` is the crate's own module; `type` is a keyword.
        assert_eq!(names, ["model_2", "type_"]);
        let deep = &ir.modules[1].modules[0];
        assert_eq!(
            (deep.name.as_str(), deep.pointer.as_str()),
            ("deep", "/definitions/type/Deep")
        );
        // Types keep crate-unique names at the root; the module uses the schema's name.
        let [(alias, id)] = &deep.types[..] else {
            panic!("{:?}", deep.types)
        };
        assert_eq!(
            (alias.as_str(), ir.get(*id).name.as_str()),
            ("Item", "TypeDeepItem")
        );
        let renamed: Vec<_> = diags
            .iter()
            .filter(|d| d.message.starts_with("namespace"))
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            renamed,
            [
                "namespace `Model` is generated as `model_2`",
                "namespace `type` is generated as `type_`"
            ]
        );
    }

    #[test]
    fn items_with_constrained_items_become_newtypes_at_any_depth() {
        let (ir, diags) = lowered(
            r##"{"$uses": ["JSONStructureValidation"], "definitions": {"Grid": {"type": "object", "properties": {
                "cells": {"type": "array", "items": {"type": "array", "maxItems": 2,
                    "items": {"type": "array", "items": {"type": "int32", "minimum": 0}}}},
                "groups": {"type": "array", "items": {"type": "set", "items": {"type": "string"}}},
                "plain": {"type": "array", "items": {"type": "array", "items": {"type": "string"}}}}}}}"##,
        );
        assert!(diags.is_empty(), "{diags:?}");
        let ir = ir.unwrap();
        let newtype = |name: &str| match &find(&ir, name).kind {
            TypeKind::Newtype(n) => n.clone(),
            other => panic!("{name}: {other:?}"),
        };
        // Level 1 carries its own `maxItems`; its items (level 2) carry level 3's `minimum`.
        // Level 1's own `maxItems` is one level down from the field: the field carries it. Level
        // 2's items are constrained (level 3's `minimum`), two levels down: level 2 is a newtype.
        let grid = find(&ir, "Grid");
        assert_eq!(fields(grid)[0].item_constraints, [Constraint::MaxItems(2)]);
        let level2 = newtype("GridCellsItemItem");
        assert_eq!(level2.item_constraints, [Constraint::Minimum(0.0)]);
        // An item that is a set keeps its uniqueness the same way.
        assert_eq!(
            newtype("GridGroupsItem").constraints,
            [Constraint::UniqueItems]
        );
        assert!(fields(grid)[1].item_constraints.is_empty());
        // Unconstrained nesting stays plain `Vec<Vec<_>>`.
        assert_eq!(
            fields(grid)[2].ty,
            TypeRef::Vec(Box::new(TypeRef::Vec(Box::new(TypeRef::Scalar(
                Scalar::String
            )))))
        );
    }

    #[test]
    fn string_encoded_types_nullables_and_unions_lower_to_their_rust_shapes() {
        let (ir, diags) = lowered(
            r##"{"definitions": {"A": {"type": "object", "properties": {
                "n": {"type": "int64"},
                "b": {"type": "binary", "contentEncoding": "base32"},
                "d": {"type": ["date", "null"]},
                "u": {"type": ["string", "int32", "null"]}}}}}"##,
        );
        assert!(diags.is_empty(), "{diags:?}");
        let ir = ir.unwrap();
        let a = fields(find(&ir, "A"));
        assert_eq!(a[0].ty, TypeRef::Scalar(Scalar::I64));
        assert_eq!(
            a[1].ty,
            TypeRef::Scalar(Scalar::Binary(BinaryEncoding::Base32))
        );
        assert_eq!(
            a[2].ty,
            TypeRef::Nullable(Box::new(TypeRef::Scalar(Scalar::Date)))
        );
        let TypeKind::Untagged(members) = &find(&ir, "AU").kind else {
            panic!("a union of three members is an untagged enum");
        };
        let names: Vec<_> = members.iter().map(|m| m.rust_name.as_str()).collect();
        assert_eq!(names, ["String", "Int32", "Null"]);
        assert!(members[2].ty.is_none());
    }

    #[test]
    fn abstract_types_generate_nothing_and_cannot_be_used() {
        let (ir, diags) = lowered(
            r##"{"definitions": {
                "Base": {"type": "object", "abstract": true, "properties": {"id": {"type": "string"}}},
                "Item": {"type": "object", "$extends": "#/definitions/Base", "properties": {"n": {"type": "int32"}}}}}"##,
        );
        assert!(diags.is_empty(), "{diags:?}");
        let ir = ir.unwrap();
        assert!(matches!(find(&ir, "Base").kind, TypeKind::Abstract));
        let names: Vec<_> = fields(find(&ir, "Item"))
            .iter()
            .map(|f| f.json_name.as_str())
            .collect();
        assert_eq!(names, ["id", "n"]);
        let (ir, diags) = lowered(
            r##"{"definitions": {
                "Base": {"type": "object", "abstract": true, "properties": {"id": {"type": "string"}}},
                "Holder": {"type": "object", "properties": {"b": {"type": {"$ref": "#/definitions/Base"}}}}}}"##,
        );
        assert!(ir.is_none());
        assert_eq!(diags.codes(), ["SCHEMA_ABSTRACT_REFERENCED"]);
    }
}
