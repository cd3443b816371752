//! Type references: primitives to Rust scalars, inline enums, arrays, sets, maps, unions,
//! choices and tuples, and newtypes for constrained items and composition rules.

use super::*;

impl Lowerer<'_> {
    /// An enum of the string `values` (as written in JSON). With `altenums` (`alt`, one per
    /// value), variants are named after the values `enum` lists and document their symbols.
    pub(super) fn string_enum(
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
    pub(super) fn type_ref(
        &mut self,
        schema: &s::Schema,
        owner: &str,
        prop: &str,
    ) -> Option<TypeRef> {
        if let Some(&id) = self.inline.get(&schema.pointer) {
            return Some(TypeRef::Named(id));
        }
        let ty = self.new_type_ref(schema, owner, prop)?;
        if let TypeRef::Named(id) = ty {
            self.inline.insert(schema.pointer.clone(), id);
        }
        Some(ty)
    }

    pub(super) fn new_type_ref(
        &mut self,
        schema: &s::Schema,
        owner: &str,
        prop: &str,
    ) -> Option<TypeRef> {
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
                replacement: None,
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
                    replacement: None,
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

    /// Lowers the subschemas a schema's constraints carry. Object subschemas are named after
    /// the owner, the property and the keyword (`OrderIf`, `OrderStatusAnyOf2`, `ZooTagsHas`)
    /// without the missing-name warning: a subschema is a rule, not a type declaration.
    pub(super) fn subschemas_of(
        &mut self,
        schema: &s::Schema,
        owner: &str,
        prop: &str,
    ) -> Option<()> {
        let set = self.set;
        for (keyword, index, id) in schema.constraints.iter().flat_map(Constraint::subschemas) {
            if self.subschemas.contains_key(&id) {
                continue;
            }
            let subschema = &set.subschemas[id.0];
            // A subschema that holds itself (an inline type in it inherits, through `$extends`,
            // the property that carries it) would be lowered without end.
            if !self.lowering_subschemas.insert(id) {
                self.error(
                    subschema.span,
                    &subschema.pointer,
                    codes::CODEGEN_UNSUPPORTED,
                    format!("this `{keyword}` subschema contains itself (through `$extends`): its types would nest without end"),
                );
                return None;
            }
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
            self.lowering_subschemas.remove(&id);
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
    pub(super) fn composed_members(&mut self, rules: &s::Rules) -> Vec<Member> {
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

    pub(super) fn choice(&mut self, choice: &s::Choice, owner: &str) -> Option<ir::Choice> {
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

    pub(super) fn tuple(&mut self, elements: &[s::Property], owner: &str) -> Option<Vec<Element>> {
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
    pub(super) fn type_union(
        &mut self,
        schema: &s::Schema,
        members: &[s::Schema],
        owner: &str,
        prop: &str,
    ) -> Option<TypeRef> {
        if Self::is_optional_union(members) {
            let only = members
                .iter()
                .find(|m| !is_null(m))
                .expect("one member is not null");
            let inner = self.type_ref(only, owner, prop)?;
            return Some(TypeRef::Nullable(Box::new(inner)));
        }
        let name = self.scope.type_name(&format!("{owner} {prop}"), "Union").0;
        let out = self.union_members(members, owner, prop)?;
        Some(TypeRef::Named(self.push(TypeDef {
            name,
            pointer: schema.pointer.clone(),
            docs: docs(schema),
            kind: TypeKind::Untagged(out),
            rules: None,
            replacement: None,
        })))
    }

    /// Whether a type union is one type and `null`: an `Option<T>`, not an enum.
    pub(super) fn is_optional_union(members: &[s::Schema]) -> bool {
        let non_null = members.iter().filter(|m| !is_null(m)).count();
        non_null == 1 && members.len() > 1
    }

    /// The variants of a type union, in its members' order.
    pub(super) fn union_members(
        &mut self,
        members: &[s::Schema],
        owner: &str,
        prop: &str,
    ) -> Option<Vec<Member>> {
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
        Some(out)
    }

    /// The type of an array item or map value. Its constraints travel as its owner's item
    /// constraints, one level down; when it is itself an array or map with constrained items
    /// (a second level), it becomes a newtype that carries both levels, so any depth is checked.
    pub(super) fn item_type(
        &mut self,
        items: &s::Schema,
        owner: &str,
        label: &str,
    ) -> Option<TypeRef> {
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
            replacement: None,
        })))
    }

    pub(super) fn union(&mut self, union: &s::Union) -> Option<TypeKind> {
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
pub(super) fn value_constraints(schema: &s::Schema) -> (Vec<Constraint>, Vec<Constraint>) {
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
pub(super) fn composed_union(schema: &s::Schema) -> Option<&s::Rules> {
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
pub(super) fn own_constraints(schema: &s::Schema) -> Vec<Constraint> {
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
pub(super) fn has_constrained_items(schema: &s::Schema) -> bool {
    match &schema.ty {
        Ty::Set(_) => true,
        Ty::Array(i) | Ty::Map(i) => !i.constraints.is_empty(),
        _ => false,
    }
}

fn is_null(m: &s::Schema) -> bool {
    matches!(m.ty, Ty::Primitive(Primitive::Null))
}
