//! The `type` keyword: a type name, a `$ref`, or a union of them; string enums, choices and
//! tuples.

use schema_document::{TypeExpression, TypeUnionItem};

use super::*;

impl<'a> Resolver<'a> {
    /// The type `type` declares, as the generated `TypeExpression` read it (`at` is where it
    /// is). `union_enum` receives the enum constraint of a union's non-string member when
    /// `enum` sits beside the union (see [`Self::enum_of_union`]).
    pub(super) fn type_keyword(
        &mut self,
        node: &Node,
        own: &Subschema,
        ty: &TypeExpression,
        at: &Node,
        union_enum: &mut Option<Constraint>,
    ) -> Option<Ty> {
        match ty {
            TypeExpression::String(name) => self.named_type(node, own, at, name),
            TypeExpression::TypeReference(r) => {
                let place = at.get("$ref").unwrap_or(at);
                self.reference_text(r.ref_.as_str(), place).map(Ty::Ref)
            }
            TypeExpression::TypeUnion(items) if items.is_empty() => {
                self.error(
                    at,
                    codes::SCHEMA_TYPE_ARRAY_EMPTY,
                    "a type union must list at least one type".into(),
                );
                None
            }
            TypeExpression::TypeUnion(items) => {
                let nodes = at.as_array().unwrap_or_default();
                let mut members = Vec::new();
                for (member, item) in items.iter().zip(nodes) {
                    let ty = match member {
                        TypeUnionItem::String(name) => match Primitive::from_json_name(name) {
                            Some(p) => Ty::Primitive(p),
                            None => {
                                self.error(
                                    item,
                                    codes::SCHEMA_TYPE_INVALID,
                                    format!("a type union member must be a primitive type or a $ref, found `{name}`"),
                                );
                                return None;
                            }
                        },
                        TypeUnionItem::TypeReference(r) => {
                            let place = item.get("$ref").unwrap_or(item);
                            Ty::Ref(self.reference_text(r.ref_.as_str(), place)?)
                        }
                    };
                    if let Some(first) = members.iter().find(|m: &&Schema| same_member(&m.ty, &ty))
                    {
                        // `["string", "string"]` can only mean `["string"]`: a second member
                        // of the same type could never be the one that fits.
                        let d = self.warn(
                            item,
                            codes::SCHEMA_TYPE_UNION_DUPLICATE,
                            "the type union lists this type twice; read once".into(),
                        );
                        d.notes.push(format!("first listed at `{}`", first.pointer));
                        continue;
                    }
                    members.push(Schema {
                        pointer: item.pointer.clone(),
                        span: item.span,
                        name: None,
                        description: None,
                        examples: Vec::new(),
                        default: None,
                        ty,
                        constraints: Vec::new(),
                        encoding: BinaryEncoding::default(),
                        is_abstract: false,
                        extends: Vec::new(),
                        annotations: Vec::new(),
                        alt_enums: Vec::new(),
                    });
                }
                if let (Some(_), Some(e)) = (&own.enum_, node.get("enum")) {
                    *union_enum = self.enum_of_union(node, e, &mut members)?;
                }
                Some(Ty::Union(members))
            }
        }
    }

    pub(super) fn named_type(
        &mut self,
        node: &Node,
        own: &Subschema,
        ty: &Node,
        name: &str,
    ) -> Option<Ty> {
        if let Some(p) = Primitive::from_json_name(name) {
            return match (p, node.get("enum").filter(|_| own.enum_.is_some())) {
                (_, None) => Some(Ty::Primitive(p)),
                (Primitive::String, Some(e)) => self.string_enum(e).map(Ty::StringEnum),
                (_, Some(e)) => {
                    // The values must be of the type; the model keeps the type and validators
                    // check membership (`Constraint::Enum`, added by `schema`).
                    for item in self.string_enum_shape(e)? {
                        if !p.admits(&item.to_value(), BinaryEncoding::default()) {
                            self.error(
                                item,
                                codes::SCHEMA_CONSTRAINT_INVALID_FOR_TYPE,
                                format!(
                                    "`enum` of `{name}` must list `{name}` values, found {}",
                                    describe(item)
                                ),
                            );
                            return None;
                        }
                    }
                    Some(Ty::Primitive(p))
                }
            };
        }
        match name {
            "object" => self.object(node, own).map(Ty::Object),
            "array" | "set" => {
                let Some(items) = node.get("items") else {
                    self.error(
                        node,
                        codes::SCHEMA_ARRAY_MISSING_ITEMS,
                        format!("`{name}` requires `items`"),
                    );
                    return None;
                };
                let items = Box::new(self.schema(items)?);
                Some(if name == "set" {
                    Ty::Set(items)
                } else {
                    Ty::Array(items)
                })
            }
            "map" => {
                let Some(values) = node.get("values") else {
                    self.error(
                        node,
                        codes::SCHEMA_MAP_MISSING_VALUES,
                        "`map` requires `values`".into(),
                    );
                    return None;
                };
                Some(Ty::Map(Box::new(self.schema(values)?)))
            }
            "tuple" if node.get("properties").is_none() || own.tuple.is_none() => {
                self.error(
                    node,
                    codes::SCHEMA_TUPLE_MISSING_DEFINITION,
                    "`tuple` requires `properties` and a `tuple` order".into(),
                );
                None
            }
            "tuple" => self.tuple(node, own),
            "choice" => self.choice(node, own),
            _ => {
                let d = self.error(
                    ty,
                    codes::SCHEMA_TYPE_INVALID,
                    format!("unknown type `{name}`"),
                );
                if let Some(close) = closest_type_name(name) {
                    d.notes.push(format!("did you mean `{close}`?"));
                }
                None
            }
        }
    }

    /// The values of `e`, an `enum` the typed read found to be an array (where each one is),
    /// if they are a set of at least one value a generated crate can hold.
    pub(super) fn string_enum_shape<'n>(&mut self, e: &'n Node) -> Option<&'n [Node]> {
        let items = e.as_array().unwrap_or_default();
        if items.is_empty() {
            self.error(
                e,
                codes::SCHEMA_ENUM_EMPTY,
                "`enum` must list at least one value".into(),
            );
            return None;
        }
        for item in items {
            if let Some(value) = item.as_str() {
                if !self.wire_name_fits(value, "enum value", item.head(), &item.pointer) {
                    return None;
                }
            }
        }
        for (i, item) in items.iter().enumerate() {
            if items[..i]
                .iter()
                .any(|prev| prev.to_value() == item.to_value())
            {
                self.error(
                    item,
                    codes::SCHEMA_ENUM_DUPLICATES,
                    "`enum` lists this value twice".into(),
                );
                return None;
            }
        }
        Some(items)
    }

    pub(super) fn string_enum(&mut self, e: &Node) -> Option<Vec<String>> {
        let items = self.string_enum_shape(e)?;
        let mut values = Vec::new();
        for item in items {
            match item.as_str() {
                Some(s) => values.push(s.to_owned()),
                None => {
                    self.error(
                        item,
                        codes::SCHEMA_CONSTRAINT_INVALID_FOR_TYPE,
                        format!(
                            "`enum` of a string must list strings, found {}",
                            item.type_name()
                        ),
                    );
                    return None;
                }
            }
        }
        Some(values)
    }

    pub(super) fn choice(&mut self, node: &Node, own: &Subschema) -> Option<Ty> {
        let Some(choices) = node.get("choices") else {
            self.error(
                node,
                codes::SCHEMA_CHOICE_MISSING_CHOICES,
                "`choice` requires `choices`".into(),
            );
            return None;
        };
        let Some(members) = choices.as_object() else {
            self.error(
                choices,
                codes::SCHEMA_CHOICES_NOT_OBJECT,
                format!("`choices` must be an object, found {}", choices.type_name()),
            );
            return None;
        };
        let mut out = Vec::new();
        for m in members {
            if !self.wire_name_fits(&m.key, "choice name", m.key_span, &m.value.pointer) {
                return None;
            }
            out.push(Property {
                name: m.key.clone(),
                wire_name: None,
                key_span: m.key_span,
                schema: self.schema(&m.value)?,
                add_in: None,
            });
        }
        if out.is_empty() {
            self.error(
                choices,
                codes::SCHEMA_CHOICE_MISSING_CHOICES,
                "`choices` must name at least one choice".into(),
            );
            return None;
        }
        let selector = own.selector.clone();
        if let (Some(name), Some(at)) = (&selector, node.get("selector")) {
            if !self.wire_name_fits(name, "selector", at.head(), &at.pointer) {
                return None;
            }
        }
        Some(Ty::Choice(Choice {
            choices: out,
            selector,
        }))
    }

    /// A tuple: its `properties`, in the order `tuple` lists them. Every property must be listed
    /// exactly once (a property left out could never be written).
    pub(super) fn tuple(&mut self, node: &Node, own: &Subschema) -> Option<Ty> {
        let object = self.object(node, own)?;
        let order = node.get("tuple").expect("checked by the caller");
        let names = own.tuple.as_deref().unwrap_or_default();
        let items = order.as_array().unwrap_or_default();
        // With `$extends`, an entry may name an element only a base declares (merged later).
        let extends = own.extends.is_some();
        let mut properties = Vec::new();
        let mut inherited = Vec::new();
        for (position, (name, item)) in names.iter().zip(items).enumerate() {
            if names[..position].contains(name) {
                self.error(
                    item,
                    codes::SCHEMA_TUPLE_ORDER_NOT_ARRAY,
                    format!("`tuple` lists \"{name}\" twice"),
                );
                return None;
            }
            match object.properties.iter().find(|p| &p.name == name) {
                Some(p) => properties.push(p.clone()),
                None if extends => inherited.push(InheritedElement {
                    position,
                    name: name.clone(),
                    span: item.span,
                    pointer: item.pointer.clone(),
                }),
                None => {
                    self.error(
                        item,
                        codes::SCHEMA_TUPLE_ORDER_NOT_ARRAY,
                        format!("`tuple` entries must name declared properties, found \"{name}\""),
                    );
                    return None;
                }
            }
        }
        if let Some(left_out) = object
            .properties
            .iter()
            .find(|p| !properties.iter().any(|q| q.name == p.name))
        {
            let at = node
                .get("properties")
                .and_then(|ps| ps.get(&left_out.name))
                .unwrap_or(order);
            self.error(
                at,
                codes::SCHEMA_TUPLE_MISSING_DEFINITION,
                format!(
                    "property `{}` is not in the `tuple` order, so it has no position",
                    left_out.name
                ),
            );
            return None;
        }
        Some(Ty::Tuple(Tuple {
            elements: properties,
            inherited,
        }))
    }
}

/// The known type name nearest to a misspelt one (edit distance ≤ 2).
pub(super) fn closest_type_name(name: &str) -> Option<&'static str> {
    Primitive::ALL
        .iter()
        .map(|p| p.json_name())
        .chain(COMPOUND_TYPES.iter().copied())
        .map(|candidate| (edit_distance(name, candidate), candidate))
        .filter(|&(d, _)| d <= 2)
        .min()
        .map(|(_, c)| c)
}

pub(super) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push(
                (prev[j] + usize::from(ca != *cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1),
            );
        }
        prev = cur;
    }
    prev[b.len()]
}
