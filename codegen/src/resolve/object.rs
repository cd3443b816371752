//! Objects: properties, `required`, `additionalProperties`, alternate JSON names, and the
//! inheritance keywords (`abstract`, `$extends`).

use schema_document::{PropertyExtends, PropertyRequired, Subschema};

use super::*;

impl<'a> Resolver<'a> {
    /// `abstract` and `$extends` (bare pointer strings, one or an array), on the types that
    /// may carry them: objects (merged by [`inherit`]) and choices (the inline form's base).
    pub(super) fn inheritance(
        &mut self,
        node: &Node,
        own: &Subschema,
        ty: &Ty,
    ) -> (bool, Vec<Extends>) {
        let is_abstract = own.abstract_.unwrap_or(false);
        let (Some(bases), Some(ext)) = (&own.extends, node.get("$extends")) else {
            return (is_abstract, Vec::new());
        };
        if !matches!(ty, Ty::Object(_) | Ty::Tuple(_) | Ty::Choice(_)) {
            self.unsupported(
                ext,
                "`$extends` on a type other than an object, a tuple or a choice",
            );
            return (is_abstract, Vec::new());
        }
        // The typed value is the pointers; the tree, where each is.
        let targets: Vec<(&str, &Node)> = match bases {
            PropertyExtends::Jsonpointer(p) => vec![(p.as_str(), ext)],
            PropertyExtends::JsonPointerArray(all) if !all.is_empty() => all
                .iter()
                .map(|p| p.as_str())
                .zip(ext.as_array().unwrap_or_default())
                .collect(),
            PropertyExtends::JsonPointerArray(_) => {
                self.wrong_keyword_type(
                    ext,
                    "$extends",
                    "a JSON pointer string or a non-empty array of them",
                );
                return (is_abstract, Vec::new());
            }
        };
        let mut extends = Vec::new();
        for (text, t) in targets {
            if let Some(def) = self.reference_text(text, t) {
                extends.push(Extends {
                    def,
                    span: t.span,
                    pointer: t.pointer.clone(),
                });
            }
        }
        (is_abstract, extends)
    }

    /// The `json` member of a property's `altnames` (Alternate Names companion): its key in
    /// JSON documents. Without the companion enabled, `gate_keywords` has said it is ignored.
    pub(super) fn json_altname(&mut self, node: &Node) -> Option<String> {
        let altnames = node.get("altnames")?;
        let Some(members) = altnames.as_object() else {
            if altnames.as_array().is_some() {
                // A list of names, repaired (and diagnosed) by `altnames_doc`.
                return None;
            }
            self.error(
                altnames,
                codes::SCHEMA_ALTNAMES_NOT_OBJECT,
                format!(
                    "`altnames` must be an object, found {}",
                    altnames.type_name()
                ),
            );
            return None;
        };
        let mut json = None;
        for m in members {
            match m.value.as_str() {
                Some(name) if m.key == "json" => {
                    if self.wire_name_fits(
                        name,
                        "alternate JSON name",
                        m.value.head(),
                        &m.value.pointer,
                    ) {
                        json = Some(name.to_owned());
                    }
                }
                Some(_) => {}
                None => {
                    self.error(
                        &m.value,
                        codes::SCHEMA_ALTNAMES_VALUE_NOT_STRING,
                        format!(
                            "`altnames` values must be strings, found {}",
                            m.value.type_name()
                        ),
                    );
                }
            }
        }
        json.filter(|_| self.extensions.alternate_names)
    }

    pub(super) fn object(&mut self, node: &Node, own: &Subschema) -> Option<Object> {
        let mut properties = Vec::new();
        if let Some(props) = node.get("properties") {
            let Some(members) = props.as_object() else {
                self.error(
                    props,
                    codes::SCHEMA_PROPERTIES_NOT_OBJECT,
                    format!(
                        "`properties` must be an object, found {}",
                        props.type_name()
                    ),
                );
                return None;
            };
            for m in members {
                if !self.wire_name_fits(&m.key, "property name", m.key_span, &m.value.pointer) {
                    return None;
                }
                properties.push(Property {
                    name: m.key.clone(),
                    wire_name: self.json_altname(&m.value),
                    key_span: m.key_span,
                    schema: self.schema(&m.value)?,
                    add_in: None,
                });
            }
        }
        // With `$extends`, inherited properties count: checked once merged.
        let declared = |name: &str| {
            own.extends.is_some() || properties.iter().any(|p: &Property| p.name == name)
        };
        let mut required = Vec::new();
        // `required` as an array of arrays: alternative sets, exactly one of which must hold.
        let mut sets: Vec<Vec<String>> = Vec::new();
        let entries = node
            .get("required")
            .and_then(Node::as_array)
            .unwrap_or_default();
        let mut undeclared = Vec::new();
        match &own.required {
            None => {}
            Some(PropertyRequired::PropertyNameArray(names)) => {
                for (name, at) in names.iter().zip(entries) {
                    if declared(name) {
                        required.push(name.clone());
                    } else {
                        undeclared.push((name, at));
                    }
                }
            }
            Some(PropertyRequired::ArrayOfPropertyNameArray(all)) => {
                for (set, at) in all.iter().zip(entries) {
                    let at = at.as_array().unwrap_or_default();
                    let mut names = Vec::new();
                    for (name, at) in set.iter().zip(at) {
                        if declared(name) {
                            names.push(name.clone());
                        } else {
                            undeclared.push((name, at));
                        }
                    }
                    sets.push(names);
                }
            }
        }
        for (name, at) in undeclared {
            self.error(
                at,
                codes::SCHEMA_REQUIRED_PROPERTY_NOT_DEFINED,
                format!("required property `{name}` is not declared in `properties`"),
            );
        }
        let additional = match node.get("additionalProperties") {
            None => Additional::Allowed { stated: false },
            Some(a) => match &a.kind {
                Kind::Bool(true) => Additional::Allowed { stated: true },
                Kind::Bool(false) => Additional::Denied,
                Kind::Object(_) => Additional::Schema(Box::new(self.schema(a)?)),
                _ => {
                    self.error(
                        a,
                        codes::SCHEMA_ADDITIONAL_PROPERTIES_INVALID,
                        format!(
                            "`additionalProperties` must be a boolean or a schema, found {}",
                            a.type_name()
                        ),
                    );
                    return None;
                }
            },
        };
        // A default on a required property can never apply: the key must be present anyway.
        for p in &properties {
            if p.schema.default.is_some() && required.contains(&p.name) {
                let default = node
                    .get("properties")
                    .and_then(|ps| ps.get(&p.name))
                    .and_then(|s| s.get("default"));
                if let Some(d) = default {
                    self.warn(
                        d,
                        codes::SCHEMA_DEFAULT_INVALID,
                        format!("`{}` is required, so its default never applies", p.name),
                    );
                }
            }
        }
        Some(Object {
            properties,
            required,
            required_sets: sets,
            additional,
        })
    }
}
