//! Objects: properties, `required`, `additionalProperties`, alternate JSON names, and the
//! inheritance keywords (`abstract`, `$extends`).

use super::*;

impl<'a> Resolver<'a> {
    /// `abstract` and `$extends` (bare pointer strings, one or an array), on the types that
    /// may carry them: objects (merged by [`inherit`]) and choices (the inline form's base).
    pub(super) fn inheritance(&mut self, node: &Node, ty: &Ty) -> (bool, Vec<Extends>) {
        let is_abstract = match node.get("abstract") {
            None => false,
            Some(a) => match a.kind {
                Kind::Bool(b) => b,
                _ => {
                    self.wrong_keyword_type(a, "abstract", "a boolean");
                    false
                }
            },
        };
        let Some(ext) = node.get("$extends") else {
            return (is_abstract, Vec::new());
        };
        if !matches!(ty, Ty::Object(_) | Ty::Tuple(_) | Ty::Choice(_)) {
            self.unsupported(
                ext,
                "`$extends` on a type other than an object, a tuple or a choice",
            );
            return (is_abstract, Vec::new());
        }
        let targets: Vec<&Node> = match &ext.kind {
            Kind::String(_) => vec![ext],
            Kind::Array(items) if !items.is_empty() => items.iter().collect(),
            _ => {
                self.wrong_keyword_type(
                    ext,
                    "$extends",
                    "a JSON pointer string or a non-empty array of them",
                );
                return (is_abstract, Vec::new());
            }
        };
        let mut extends = Vec::new();
        for t in targets {
            if let Some(def) = self.reference(t) {
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

    pub(super) fn object(&mut self, node: &Node) -> Option<Object> {
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
        let mut required = Vec::new();
        // `required` as an array of arrays: alternative sets, exactly one of which must hold.
        let mut sets: Vec<Vec<String>> = Vec::new();
        if let Some(req) = node.get("required") {
            let Some(items) = req.as_array() else {
                self.error(
                    req,
                    codes::SCHEMA_REQUIRED_NOT_ARRAY,
                    format!("`required` must be an array, found {}", req.type_name()),
                );
                return None;
            };
            for item in items {
                match &item.kind {
                    Kind::String(name) => {
                        // With `$extends`, inherited properties count: checked once merged.
                        if properties.iter().any(|p| &p.name == name)
                            || node.get("$extends").is_some()
                        {
                            required.push(name.clone());
                        } else {
                            self.error(
                                item,
                                codes::SCHEMA_REQUIRED_PROPERTY_NOT_DEFINED,
                                format!(
                                    "required property `{name}` is not declared in `properties`"
                                ),
                            );
                        }
                    }
                    Kind::Array(set) => {
                        let mut names = Vec::new();
                        for name in set {
                            match name.as_str() {
                                Some(n)
                                    if properties.iter().any(|p| p.name == n)
                                        || node.get("$extends").is_some() =>
                                {
                                    names.push(n.to_owned())
                                }
                                Some(n) => {
                                    self.error(name, codes::SCHEMA_REQUIRED_PROPERTY_NOT_DEFINED, format!("required property `{n}` is not declared in `properties`"));
                                }
                                None => {
                                    self.error(
                                        name,
                                        codes::SCHEMA_REQUIRED_ITEM_NOT_STRING,
                                        format!(
                                            "a set of required properties lists names, found {}",
                                            name.type_name()
                                        ),
                                    );
                                }
                            }
                        }
                        sets.push(names);
                    }
                    _ => {
                        self.error(
                            item,
                            codes::SCHEMA_REQUIRED_ITEM_NOT_STRING,
                            format!(
                                "`required` entries must be property names, found {}",
                                item.type_name()
                            ),
                        );
                    }
                }
            }
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
        if !sets.is_empty() && !required.is_empty() {
            let req = node.get("required").expect("read above");
            self.error(
                req,
                codes::SCHEMA_REQUIRED_ITEM_NOT_STRING,
                "`required` lists either property names or sets of them, not both".into(),
            );
            return None;
        }
        Some(Object {
            properties,
            required,
            required_sets: sets,
            additional,
        })
    }
}
