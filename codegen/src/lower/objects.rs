//! Objects: their fields (names, presence, defaults, docs), inline object types, the add-ins
//! of `$offers`, and the instance keywords (`$schema`, `$uses`) a root admits.

use super::*;

impl Lowerer<'_> {
    pub(super) fn object(
        &mut self,
        schema: &s::Schema,
        object: &s::Object,
        owner: &str,
    ) -> Option<Struct> {
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
                        unstated: false,
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
            // A strict crate closes the objects that do not say they are open.
            s::Additional::Allowed { stated: false } if self.strict => None,
            // Undeclared properties of an open object are kept, so documents round-trip.
            s::Additional::Allowed { stated } => Some(AdditionalProperties {
                declared: false,
                unstated: !stated,
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
            deny_unknown_fields: additional.is_none(),
            constraints,
            additional,
        })
    }

    /// Resolve checked defaults against the schema without following references; here the ones
    /// whose type involves a generated type are checked against it, all the way down (emit
    /// writes them as Rust values of that type).
    pub(super) fn check_named_defaults(&mut self) {
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

    /// A struct type for an inline object, named `name`.
    pub(super) fn object_type(
        &mut self,
        schema: &s::Schema,
        object: &s::Object,
        name: String,
    ) -> TypeId {
        let id = self.reserve();
        self.types[id.0].name = name.clone();
        let kind = self.object(schema, object, &name).map(TypeKind::Struct);
        self.fill(id, schema, kind);
        id
    }

    /// A property's docs; an add-in's say when the property belongs to the type.
    pub(super) fn field_docs(&self, p: &s::Property) -> Docs {
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
    pub(super) fn add_ins(&mut self, root: Option<TypeId>) -> Option<AddIns> {
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
            replacement: None,
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
    pub(super) fn admit_instance_keywords(&mut self, root: TypeId, add_ins: Option<&AddIns>) {
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
        // (Strict validation of an open root skips them by itself: see the runtime's
        // `Checker::undeclared`.)
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
}
