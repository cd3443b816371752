//! Stage 2, resolve/check: a loaded [`Document`] → the typed [`SchemaSet`] graph plus diagnostics.
//! Resolves `$ref`s to definitions, gates companion keywords on `$uses`, and repairs departures from
//! the spec that have exactly one plain meaning (each with a warning). Knows nothing of Rust.

mod addins;
mod applies;
mod constraints;
mod inherit;
mod keywords;
mod overlap;
pub mod pointer;
mod repairs;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use crate::codes;
use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::load::{Document, Kind, Node};
use crate::schema::*;
use keywords::{Companion, JSON_SCHEMA_ONLY};

/// Resolves a document. Returns `None` only when errors leave nothing sensible to hand on.
pub fn resolve(doc: &Document, diags: &mut Diagnostics) -> Option<SchemaSet> {
    resolve_with(doc, false, diags)
}

/// Like [`resolve`]; `opt_in` enforces Validation keywords even when the document does not
/// enable them (the codegen configuration's `enforce_validation`).
pub fn resolve_with(doc: &Document, opt_in: bool, diags: &mut Diagnostics) -> Option<SchemaSet> {
    let root = &doc.root;
    let mut r = Resolver {
        file: doc.file,
        root,
        index: HashMap::new(),
        def_nodes: Vec::new(),
        extensions: Extensions::default(),
        opt_in,
        enforce_validation: false,
        subschemas: Vec::new(),
        diags,
    };
    if root.as_object().is_none() {
        r.error(
            root,
            codes::SCHEMA_INVALID_TYPE,
            format!(
                "a schema document must be a JSON object, found {}",
                root.type_name()
            ),
        );
        return None;
    }
    r.extensions = r.extensions_of(root);
    r.enforce_validation = r.extensions.validation || opt_in;
    let mut set = SchemaSet {
        file: doc.file,
        name: None,
        id: None,
        description: r.string_keyword(root, "description"),
        definitions: Vec::new(),
        root: Root::Library,
        extensions: r.extensions,
        subschemas: Vec::new(),
        add_ins: Vec::new(),
    };
    if let Some(name) = root.get("name") {
        match name.as_str() {
            Some(s) => set.name = Some((s.to_owned(), name.span)),
            None => r.wrong_keyword_type(name, "name", "a string"),
        }
    }
    set.id = r.string_keyword(root, "$id");

    // Two passes: index every definition first so references may point forward.
    let mut slots = Vec::new();
    if let Some(defs) = root.get("definitions") {
        r.collect_definitions(defs, &mut Vec::new(), &mut slots);
    }
    if let Some(offers) = root.get("$offers") {
        set.add_ins = r.offers(offers);
    }
    for m in root.as_object().into_iter().flatten() {
        if JSON_SCHEMA_ONLY.contains(&m.key.as_str()) {
            r.unknown_json_schema_keyword(m);
        }
    }
    for (name, namespace, key_span, node) in slots {
        let schema = r.schema(node)?;
        set.definitions.push(Definition {
            name,
            namespace,
            key_span,
            schema,
        });
    }
    r.check_alias_cycles(&set);
    inherit::inherit(&mut set, r.diags);
    addins::inject(&mut set, r.diags);
    set.root = r.root(root)?;
    set.subschemas = std::mem::take(&mut r.subschemas);
    inherit::inherit_inline(&mut set, r.diags);
    if let Root::Union(union) = &set.root {
        overlap::check(&set, union, r.diags);
    }
    Some(set)
}

/// Whether two members of a type union are the same type.
fn same_member(a: &Ty, b: &Ty) -> bool {
    match (a, b) {
        (Ty::Primitive(a), Ty::Primitive(b)) => a == b,
        (Ty::Ref(a), Ty::Ref(b)) => a == b,
        _ => false,
    }
}

/// The string-enum member of a union (made by [`Resolver::enum_of_union`]).
fn nullable_string_enum(ty: &mut Ty) -> Option<&mut Schema> {
    match ty {
        Ty::Union(members) => members
            .iter_mut()
            .find(|m| matches!(m.ty, Ty::StringEnum(_))),
        _ => None,
    }
}

/// A schema node that declares no type (`type` or a bare `$ref`).
fn is_typeless(node: &Node) -> bool {
    node.get("type").is_none() && node.get("$ref").is_none()
}

struct Resolver<'a> {
    file: usize,
    root: &'a Node,
    /// Pointer tokens below `definitions` → definition.
    index: HashMap<Vec<String>, DefId>,
    /// Each definition's node, by `DefId` (for looking ahead at definitions not resolved yet).
    def_nodes: Vec<&'a Node>,
    extensions: Extensions,
    /// The configuration asks to enforce Validation keywords the document does not enable.
    opt_in: bool,
    /// Validation keywords are enforced (enabled by the document, or opted in).
    enforce_validation: bool,
    /// The subschemas constraints carry, met so far (a `SubschemaId` indexes them).
    subschemas: Vec<Schema>,
    diags: &'a mut Diagnostics,
}

type Slot<'a> = (String, Vec<String>, Span, &'a Node);

impl<'a> Resolver<'a> {
    fn diag(
        &mut self,
        node: &Node,
        severity_error: bool,
        code: &'static str,
        msg: String,
    ) -> &mut Diagnostic {
        let d = if severity_error {
            Diagnostic::error(code, msg)
        } else {
            Diagnostic::warning(code, msg)
        };
        self.diags
            .push_mut(d.at(self.file, node.head(), Some(&node.pointer)))
    }

    fn error(&mut self, node: &Node, code: &'static str, msg: String) -> &mut Diagnostic {
        self.diag(node, true, code, msg)
    }

    fn warn(&mut self, node: &Node, code: &'static str, msg: String) -> &mut Diagnostic {
        self.diag(node, false, code, msg)
    }

    fn wrong_keyword_type(&mut self, node: &Node, keyword: &str, expected: &str) {
        self.error(
            node,
            codes::SCHEMA_KEYWORD_INVALID_TYPE,
            format!("`{keyword}` must be {expected}, found {}", node.type_name()),
        );
    }

    fn unsupported(&mut self, node: &Node, what: &str) {
        self.error(
            node,
            codes::CODEGEN_UNSUPPORTED,
            format!("{what} cannot be generated yet"),
        )
        .notes
        .push("see the README's \"Not done yet\" list".into());
    }

    fn string_keyword(&mut self, node: &Node, keyword: &str) -> Option<String> {
        let value = node.get(keyword)?;
        match value.as_str() {
            Some(s) => Some(s.to_owned()),
            None => {
                self.wrong_keyword_type(value, keyword, "a string");
                None
            }
        }
    }

    fn unknown_json_schema_keyword(&mut self, m: &crate::load::Member) {
        let note = if m.key == "$defs" {
            "JSON Structure declares types under `definitions`; this block is ignored"
        } else {
            "JSON Structure ignores this keyword"
        };
        self.warn(
            &m.value,
            codes::SCHEMA_UNKNOWN_KEYWORD,
            format!(
                "`{}` is a JSON Schema keyword, not a JSON Structure one",
                m.key
            ),
        )
        .notes
        .push(note.into());
    }

    fn extensions_of(&mut self, root: &Node) -> Extensions {
        let mut ext = Extensions::default();
        if let Some(schema) = root.get("$schema").and_then(Node::as_str) {
            if schema.contains("/meta/validation/") {
                // The validation meta-schema `$uses` every companion.
                ext = Extensions {
                    validation: true,
                    composition: true,
                    alternate_names: true,
                    units: true,
                    import: true,
                };
            }
        }
        let Some(uses) = root.get("$uses") else {
            return ext;
        };
        let Some(items) = uses.as_array() else {
            self.wrong_keyword_type(uses, "$uses", "an array of extension names");
            return ext;
        };
        for item in items {
            let Some(name) = item.as_str() else {
                self.wrong_keyword_type(item, "$uses entry", "a string");
                continue;
            };
            match keywords::extension_from_uses(name) {
                Some((companion, typo)) => {
                    match companion {
                        Some(Companion::Validation) => ext.validation = true,
                        Some(Companion::Composition) => ext.composition = true,
                        Some(Companion::AlternateNames) => ext.alternate_names = true,
                        Some(Companion::Units) => ext.units = true,
                        None => ext.import = true,
                    }
                    if typo {
                        let fixed = name.replacen("JSONSchema", "JSONStructure", 1);
                        self.warn(
                            item,
                            codes::SCHEMA_USES_UNKNOWN_EXTENSION,
                            format!("`{name}` is the drafts' misspelling of `{fixed}`; treated as `{fixed}`"),
                        );
                    }
                }
                None => {
                    self.warn(
                        item,
                        codes::SCHEMA_USES_UNKNOWN_EXTENSION,
                        format!("unknown extension `{name}` in $uses is ignored"),
                    );
                }
            }
        }
        ext
    }

    /// Walks the `definitions` tree: an object with `type` (or a bare `$ref`) is a type, any other
    /// object a namespace.
    fn collect_definitions(
        &mut self,
        node: &'a Node,
        path: &mut Vec<String>,
        out: &mut Vec<Slot<'a>>,
    ) {
        let Some(members) = node.as_object() else {
            let what = if path.is_empty() {
                "`definitions`"
            } else {
                "a namespace"
            };
            self.error(
                node,
                codes::SCHEMA_KEYWORD_INVALID_TYPE,
                format!("{what} must be an object, found {}", node.type_name()),
            );
            return;
        };
        for m in members {
            // A definition with composition keywords and no type is a rule set (a non-schema the
            // companion extends), not a namespace: a type named `allOf` would need an array.
            let is_type = ["type", "$ref", "allOf", "anyOf", "oneOf", "not", "if"]
                .iter()
                .any(|k| m.value.get(k).is_some());
            if is_type {
                path.push(m.key.clone());
                self.index.insert(path.clone(), DefId(out.len()));
                self.def_nodes.push(&m.value);
                path.pop();
                out.push((m.key.clone(), path.clone(), m.key_span, &m.value));
            } else if m.value.as_object().is_some() {
                path.push(m.key.clone());
                self.collect_definitions(&m.value, path, out);
                path.pop();
            } else {
                self.error(
                    &m.value,
                    codes::SCHEMA_INVALID_TYPE,
                    format!(
                        "definition `{}` must be a type (an object with `type`) or a namespace (an object), found {}",
                        m.key,
                        m.value.type_name()
                    ),
                );
            }
        }
    }

    /// Resolves a `$ref` string found at `node`.
    fn reference(&mut self, node: &Node) -> Option<DefId> {
        let Some(text) = node.as_str() else {
            self.wrong_keyword_type(node, "$ref", "a JSON pointer string");
            return None;
        };
        let tokens = match pointer::parse_fragment(text) {
            Ok(tokens) => tokens,
            Err(why) => {
                self.error(
                    node,
                    codes::SCHEMA_REF_NOT_FOUND,
                    format!("invalid reference `{text}`"),
                )
                .notes
                .push(why);
                return None;
            }
        };
        if tokens[0] == "definitions" {
            if let Some(&id) = self.index.get(&tokens[1..]) {
                return Some(id);
            }
        }
        // `#/$defs/X` in a document that keeps its types under `definitions` has exactly one
        // meaning: the JSON Schema habit `$defs` for JSON Structure's `definitions`.
        if tokens[0] == "$defs" && self.root.get("$defs").is_none() {
            if let Some(&id) = self.index.get(&tokens[1..]) {
                let mut fixed = vec!["definitions".to_string()];
                fixed.extend_from_slice(&tokens[1..]);
                let fixed = pointer::to_fragment(&fixed);
                let d = self.warn(
                    node,
                    codes::SCHEMA_REF_NOT_FOUND,
                    format!(
                        "`{text}` does not resolve: this document has no `$defs`; using `{fixed}`"
                    ),
                );
                d.label = Some(format!("resolved to {fixed}"));
                d.notes.push("JSON Structure declares types under `definitions` (`$defs` is JSON Schema's keyword)".into());
                return Some(id);
            }
        }
        let d = self.error(
            node,
            codes::SCHEMA_REF_NOT_FOUND,
            format!("`{text}` does not resolve to a type"),
        );
        d.label = Some("no such definition".into());
        if tokens[0] != "definitions" {
            d.notes
                .push("references must point into `#/definitions/...`".into());
        }
        None
    }

    fn root(&mut self, root: &Node) -> Option<Root> {
        let pointer_root = root.get("$root");
        let type_root = root.get("type");
        let union = [Composition::OneOf, Composition::AnyOf]
            .into_iter()
            .find_map(|c| root.get(c.keyword()).map(|n| (c, n)));
        if let (Some(p), Some(_)) = (pointer_root, type_root) {
            self.error(
                p,
                codes::SCHEMA_KEYWORD_INVALID_TYPE,
                "`$root` and a root `type` exclude each other".into(),
            );
            return None;
        }
        if let Some(p) = pointer_root {
            return self.reference(p).map(Root::Pointer);
        }
        if type_root.is_some() {
            return self.schema(root).map(|s| Root::Type(Box::new(s)));
        }
        // `allOf`, `not` or `if` at a root without a type: the document is a rule set over any
        // value; only a pure `oneOf`/`anyOf` makes the root a union of its branches.
        if ["allOf", "not", "if"].iter().any(|k| root.get(k).is_some()) {
            return self.schema(root).map(|s| Root::Type(Box::new(s)));
        }
        self.gate_keywords(root);
        let Some((keyword, node)) = union else {
            if root.get("definitions").is_none() {
                self.error(
                    root,
                    codes::SCHEMA_ROOT_MISSING_TYPE,
                    "the document declares no `type`, `$root`, `definitions` or root composition: it defines nothing".into(),
                );
                return None;
            }
            return Some(Root::Library);
        };
        let items = self.composition_items(node, keyword.keyword())?;
        let mut branches = Vec::new();
        for item in items {
            branches.push(self.schema(item)?);
        }
        Some(Root::Union(Union {
            keyword,
            pointer: node.pointer.clone(),
            span: node.head(),
            branches,
        }))
    }

    /// The Conditional Composition keywords of a schema node. Their shape is checked always;
    /// they take effect (and their subschemas are resolved) when the document enables the
    /// companion, the configuration opts in, or they are all the node declares. `None` inside
    /// means the node has no rules in effect; `None` outside, that an error was reported.
    fn rules(&mut self, node: &Node) -> Option<Option<Rules>> {
        let mut lists = Vec::new();
        for keyword in ["allOf", "anyOf", "oneOf"] {
            match node.get(keyword) {
                None => lists.push(&[][..]),
                Some(k) => lists.push(self.composition_items(k, keyword)?),
            }
        }
        let single = |keyword| node.get(keyword);
        let (not, condition, then, otherwise) =
            (single("not"), single("if"), single("then"), single("else"));
        if condition.is_none() {
            for (keyword, stray) in [("then", then), ("else", otherwise)] {
                let Some(stray) = stray else { continue };
                self.warn(
                    stray,
                    codes::SCHEMA_CONDITIONAL_INCOMPLETE,
                    format!("`{keyword}` without `if` has no effect; it is ignored"),
                )
                .notes
                .push("`then` and `else` apply only together with an `if`".into());
            }
        }
        for subschema in [not, condition, then, otherwise].into_iter().flatten() {
            if subschema.as_object().is_none() {
                self.error(
                    subschema,
                    codes::SCHEMA_INVALID_TYPE,
                    format!(
                        "a subschema must be a JSON object, found {}",
                        subschema.type_name()
                    ),
                );
                return None;
            }
        }
        let declared = lists.iter().any(|l| !l.is_empty()) || not.is_some() || condition.is_some();
        let enforced = self.extensions.composition || self.opt_in || is_typeless(node);
        if !declared || !enforced {
            return Some(None);
        }
        let resolve_list = |r: &mut Self, items: &[Node]| -> Option<Vec<SubschemaId>> {
            items.iter().map(|item| r.branch(item)).collect()
        };
        let all_of = resolve_list(self, lists[0])?;
        let any_of = resolve_list(self, lists[1])?;
        let one_of = resolve_list(self, lists[2])?;
        let not = match not {
            Some(n) => Some(self.branch(n)?),
            None => None,
        };
        let conditional = match condition {
            None => None,
            Some(c) => {
                if then.is_none() && otherwise.is_none() {
                    self.warn(
                        c,
                        codes::SCHEMA_CONDITIONAL_INCOMPLETE,
                        "`if` without `then` or `else` has no effect".into(),
                    );
                }
                Some(Conditional {
                    condition: self.branch(c)?,
                    then: match then {
                        Some(t) => Some(self.branch(t)?),
                        None => None,
                    },
                    otherwise: match otherwise {
                        Some(e) => Some(self.branch(e)?),
                        None => None,
                    },
                })
            }
        };
        Some(Some(Rules {
            all_of,
            any_of,
            one_of,
            not,
            conditional,
        }))
    }

    /// Resolves a subschema a constraint carries into the table.
    fn subschema(&mut self, node: &Node) -> Option<SubschemaId> {
        let schema = self.schema(node)?;
        self.subschemas.push(schema);
        Some(SubschemaId(self.subschemas.len() - 1))
    }

    fn composition_items<'n>(&mut self, node: &'n Node, keyword: &str) -> Option<&'n [Node]> {
        match node.as_array() {
            Some([]) => {
                self.error(
                    node,
                    codes::SCHEMA_COMPOSITION_EMPTY,
                    format!("`{keyword}` must list at least one schema"),
                );
                None
            }
            Some(items) => Some(items),
            None => {
                self.error(
                    node,
                    codes::SCHEMA_COMPOSITION_NOT_ARRAY,
                    format!(
                        "`{keyword}` must be an array of schemas, found {}",
                        node.type_name()
                    ),
                );
                None
            }
        }
    }

    /// Warns once per companion keyword whose companion is not enabled.
    fn gate_keywords(&mut self, node: &Node) {
        for m in node.as_object().into_iter().flatten() {
            let Some(companion) = keywords::companion_of(&m.key) else {
                continue;
            };
            if companion.enabled_in(&self.extensions) {
                continue;
            }
            let consequence = match (companion, m.key.as_str()) {
                (Companion::Validation, "default") => {
                    "the generator still applies it as the value of an absent field"
                }
                (Companion::Composition, _) if node.pointer.is_empty() && is_typeless(node) => {
                    "the generator still honours it: it is the only thing the document root declares"
                }
                (Companion::Composition, _) if is_typeless(node) => {
                    "the generator still honours it: the schema declares no type, so its rules are all it says"
                }
                (Companion::Composition, _) if self.opt_in => "it is enforced anyway: the codegen configuration opts in",
                (Companion::Validation, _) if self.opt_in => "it is enforced anyway: the codegen configuration opts in",
                (Companion::Validation, _) => "it is not enforced",
                _ => "it is ignored",
            };
            let uses = companion.uses_name();
            let d = self.warn(
                &m.value,
                codes::SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED,
                format!(
                    "`{}` is a {} keyword, but the document does not enable {uses}; {consequence}",
                    m.key,
                    companion_label(companion)
                ),
            );
            d.label = Some(format!("`{}` used here", m.key));
            d.notes.push(format!(
                "add \"$uses\": [\"{uses}\"] to the document root to enable it"
            ));
        }
    }

    /// Converts one schema node.
    fn schema(&mut self, node: &Node) -> Option<Schema> {
        self.schema_in(node, false)
    }

    /// Resolves a subschema of a composition keyword into the table. Unlike other schemas it
    /// may omit `type` (the companion's own `if` examples do): with `properties` or `required`
    /// it is an open object, with neither it admits any value.
    fn branch(&mut self, node: &Node) -> Option<SubschemaId> {
        let schema = self.schema_in(node, true)?;
        self.subschemas.push(schema);
        Some(SubschemaId(self.subschemas.len() - 1))
    }

    fn schema_in(&mut self, node: &Node, branch: bool) -> Option<Schema> {
        if node.as_object().is_none() {
            self.error(
                node,
                codes::SCHEMA_INVALID_TYPE,
                format!("a schema must be a JSON object, found {}", node.type_name()),
            );
            return None;
        }
        self.gate_keywords(node);
        let rules = self.rules(node)?;
        let mut union_enum = None;
        let mut ty = match (node.get("type"), node.get("$ref")) {
            (Some(ty), _) => self.type_keyword(node, ty, &mut union_enum)?,
            (None, Some(r)) => {
                // A bare `{"$ref": ...}` where a schema belongs: its one meaning is
                // `{"type": {"$ref": ...}}`.
                let d = self.warn(
                    node,
                    codes::SCHEMA_REF_NOT_IN_TYPE,
                    "`$ref` must appear inside `type`; read as `{\"type\": {\"$ref\": ...}}`"
                        .into(),
                );
                d.label = Some("bare $ref".into());
                Ty::Ref(self.reference(r)?)
            }
            // The rules are all such a schema says; its values are whatever they admit.
            (None, None) if rules.is_some() => Ty::Primitive(Primitive::Any),
            (None, None)
                if branch
                    && ["properties", "required"]
                        .iter()
                        .any(|k| node.get(k).is_some()) =>
            {
                Ty::Object(self.object(node)?)
            }
            (None, None) if branch => Ty::Primitive(Primitive::Any),
            (None, None) => {
                self.error(
                    node,
                    codes::SCHEMA_MISSING_TYPE,
                    "schema declares no `type`".into(),
                );
                return None;
            }
        };
        let description = self.string_keyword(node, "description");
        let name = self.string_keyword(node, "name");
        let examples = match node.get("examples") {
            None => Vec::new(),
            Some(e) => match e.as_array() {
                Some(items) => items.iter().map(Node::to_value).collect(),
                None => {
                    self.wrong_keyword_type(e, "examples", "an array");
                    Vec::new()
                }
            },
        };
        let alt_enums = match nullable_string_enum(&mut ty) {
            // `enum` beside a nullable union made the member the enum: its symbols go there,
            // and its type's docs are the property's.
            Some(member) => {
                member.alt_enums = self.alt_enums(node, &mut member.ty)?;
                member.description.clone_from(&description);
                Vec::new()
            }
            None => self.alt_enums(node, &mut ty)?,
        };
        let encoding = self.encoding(node, &ty);
        let (is_abstract, extends) = self.inheritance(node, &ty);
        let mut annotations = self.annotations(node);
        if self.extensions.units {
            annotations.extend(self.unit(node, &ty));
        }
        if let Some(rules) = &rules {
            annotations.push(rules.summary());
        }
        let default = node
            .get("default")
            .filter(|d| !self.null_default(d, &ty))
            .and_then(|d| self.check_default(d, &ty, encoding));
        self.misplaced_structure(node, &ty);
        let mut constraints = self.constraints(node, &ty);
        if let (Ty::Primitive(_), Some(values)) = (&ty, node.get("enum").and_then(Node::as_array)) {
            constraints.push(Constraint::Enum(
                values.iter().map(Node::to_value).collect(),
            ));
        }
        constraints.extend(union_enum);
        constraints.extend(rules.map(|r| Constraint::Rules(Box::new(r))));
        Some(Schema {
            pointer: node.pointer.clone(),
            span: node.head(),
            name,
            description,
            examples,
            default,
            ty,
            constraints,
            encoding,
            is_abstract,
            extends,
            annotations,
            alt_enums,
        })
    }

    /// `altenums` (Alternate Names companion) of a string enum: when the document enables the
    /// companion, the `json` symbols become the values on the wire (in `ty`), and every symbol
    /// is kept per value for the docs. Its shape is checked either way.
    fn alt_enums(&mut self, node: &Node, ty: &mut Ty) -> Option<Vec<AltEnum>> {
        let Some(alt) = node.get("altenums") else {
            return Some(Vec::new());
        };
        let Some(purposes) = alt.as_object() else {
            self.error(
                alt,
                codes::SCHEMA_ALTNAMES_NOT_OBJECT,
                format!("`altenums` must be an object, found {}", alt.type_name()),
            );
            return None;
        };
        let Ty::StringEnum(values) = ty else {
            self.warn(
                alt,
                codes::SCHEMA_CONSTRAINT_INVALID_FOR_TYPE,
                "`altenums` gives symbols to the values of a string `enum`, which this schema is not; it is ignored".into(),
            );
            return Some(Vec::new());
        };
        let mut out: Vec<AltEnum> = values
            .iter()
            .map(|v| AltEnum {
                listed: v.clone(),
                symbols: Vec::new(),
            })
            .collect();
        let mut ok = true;
        for purpose in purposes {
            let Some(symbols) = purpose.value.as_object() else {
                self.error(
                    &purpose.value,
                    codes::SCHEMA_ALTNAMES_NOT_OBJECT,
                    format!(
                        "`altenums` maps a purpose to an object of symbols, found {}",
                        purpose.value.type_name()
                    ),
                );
                ok = false;
                continue;
            };
            for m in symbols {
                let Some(symbol) = m.value.as_str() else {
                    self.error(
                        &m.value,
                        codes::SCHEMA_ALTNAMES_VALUE_NOT_STRING,
                        format!(
                            "`altenums` symbols must be strings, found {}",
                            m.value.type_name()
                        ),
                    );
                    ok = false;
                    continue;
                };
                match values.iter().position(|v| *v == m.key) {
                    Some(i) => out[i]
                        .symbols
                        .push((purpose.key.clone(), symbol.to_owned())),
                    None => {
                        self.warn(
                            &m.value,
                            codes::SCHEMA_ALTENUMS_UNKNOWN_VALUE,
                            format!("`altenums` gives a symbol to `{}`, which `enum` does not list; it is ignored", m.key),
                        );
                    }
                }
            }
        }
        if !ok {
            return None;
        }
        if !self.extensions.alternate_names {
            // Warned about as a keyword of a companion the document does not enable.
            return Some(Vec::new());
        }
        let wire: Vec<String> = out
            .iter()
            .map(|a| {
                a.symbols
                    .iter()
                    .find(|(purpose, _)| purpose == "json")
                    .map_or_else(|| a.listed.clone(), |(_, symbol)| symbol.clone())
            })
            .collect();
        for (i, w) in wire.iter().enumerate() {
            if let Some(j) = wire[..i].iter().position(|prev| prev == w) {
                self.error(
                    alt,
                    codes::SCHEMA_ENUM_DUPLICATES,
                    format!(
                        "`{}` and `{}` are both written `{w}` in JSON: documents could not tell them apart",
                        out[j].listed, out[i].listed
                    ),
                );
                return None;
            }
        }
        *values = wire;
        Some(out)
    }

    /// Core annotations that change no wire form: `precision` and `scale` (counts of digits)
    /// and the content annotations of `binary`, kept for the docs.
    fn annotations(&mut self, node: &Node) -> Vec<String> {
        let mut out = Vec::new();
        for (keyword, label) in [("precision", "Precision"), ("scale", "Scale")] {
            if let Some(v) = node.get(keyword) {
                match &v.kind {
                    Kind::Number(raw) if raw.parse::<u32>().is_ok() => {
                        out.push(format!("{label}: {raw} digits."));
                    }
                    _ => self.wrong_keyword_type(v, keyword, "a non-negative integer"),
                }
            }
        }
        for (keyword, label) in [
            ("contentMediaType", "Media type"),
            ("contentCompression", "Compression"),
        ] {
            if let Some(v) = node.get(keyword).and_then(Node::as_str) {
                out.push(format!("{label}: `{v}`."));
            }
        }
        out.extend(self.altnames_doc(node));
        out
    }

    /// The docs' sentence for `altnames` other than `json` (which renames the key instead).
    fn altnames_doc(&mut self, node: &Node) -> Option<String> {
        let altnames = node.get("altnames")?;
        if let Some(items) = altnames.as_array() {
            return self.altnames_list(altnames, items);
        }
        let names: Vec<String> = altnames
            .as_object()?
            .iter()
            .filter(|m| m.key != "json")
            .filter_map(|m| Some(format!("{} `{}`", m.key, m.value.as_str()?)))
            .collect();
        (!names.is_empty()).then(|| format!("Also known as: {}.", names.join(", ")))
    }

    /// `abstract` and `$extends` (bare pointer strings, one or an array), on the types that
    /// may carry them: objects (merged by [`inherit`]) and choices (the inline form's base).
    fn inheritance(&mut self, node: &Node, ty: &Ty) -> (bool, Vec<Extends>) {
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

    /// The `contentEncoding` of a `binary` schema; other types ignore it (constraints.rs warns).
    fn encoding(&mut self, node: &Node, ty: &Ty) -> BinaryEncoding {
        let Some(value) = node.get("contentEncoding") else {
            return BinaryEncoding::default();
        };
        if !matches!(ty, Ty::Primitive(Primitive::Binary)) {
            return BinaryEncoding::default();
        }
        match value.as_str().and_then(BinaryEncoding::from_name) {
            Some(encoding) => encoding,
            None => {
                let names: Vec<_> = BinaryEncoding::ALL.iter().map(|(_, n)| *n).collect();
                self.error(
                    value,
                    codes::SCHEMA_KEYWORD_INVALID_TYPE,
                    format!("`contentEncoding` must be one of {}", names.join(", ")),
                );
                BinaryEncoding::default()
            }
        }
    }

    /// The type `type` declares. `union_enum` receives the enum constraint of a union's
    /// non-string member when `enum` sits beside the union (see [`Self::enum_of_union`]).
    fn type_keyword(
        &mut self,
        node: &Node,
        ty: &Node,
        union_enum: &mut Option<Constraint>,
    ) -> Option<Ty> {
        match &ty.kind {
            Kind::String(name) => self.named_type(node, ty, name),
            Kind::Object(_) => match ty.get("$ref") {
                Some(r) => self.reference(r).map(Ty::Ref),
                None => {
                    self.error(
                        ty,
                        codes::SCHEMA_KEYWORD_INVALID_TYPE,
                        "a `type` object must be `{\"$ref\": ...}`".into(),
                    );
                    None
                }
            },
            Kind::Array(items) if items.is_empty() => {
                self.error(
                    ty,
                    codes::SCHEMA_TYPE_ARRAY_EMPTY,
                    "a type union must list at least one type".into(),
                );
                None
            }
            Kind::Array(items) => {
                let mut members = Vec::new();
                for item in items {
                    let ty = match &item.kind {
                        Kind::String(name) => match Primitive::from_json_name(name) {
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
                        Kind::Object(_) => match item.get("$ref") {
                            Some(r) => Ty::Ref(self.reference(r)?),
                            None => {
                                self.error(
                                    item,
                                    codes::SCHEMA_KEYWORD_INVALID_TYPE,
                                    "an object in a type union must be `{\"$ref\": ...}`".into(),
                                );
                                return None;
                            }
                        },
                        _ => {
                            self.wrong_keyword_type(
                                item,
                                "type union member",
                                "a type name or a $ref object",
                            );
                            return None;
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
                if let Some(e) = node.get("enum") {
                    *union_enum = self.enum_of_union(node, e, &mut members)?;
                }
                Some(Ty::Union(members))
            }
            _ => {
                self.wrong_keyword_type(
                    ty,
                    "type",
                    "a type name, a $ref object or an array of them",
                );
                None
            }
        }
    }

    fn named_type(&mut self, node: &Node, ty: &Node, name: &str) -> Option<Ty> {
        if let Some(p) = Primitive::from_json_name(name) {
            return match (p, node.get("enum")) {
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
            "object" => self.object(node).map(Ty::Object),
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
            "tuple" if node.get("properties").is_none() || node.get("tuple").is_none() => {
                self.error(
                    node,
                    codes::SCHEMA_TUPLE_MISSING_DEFINITION,
                    "`tuple` requires `properties` and a `tuple` order".into(),
                );
                None
            }
            "tuple" => self.tuple(node),
            "choice" => self.choice(node),
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

    fn string_enum_shape<'n>(&mut self, e: &'n Node) -> Option<&'n [Node]> {
        match e.as_array() {
            None => {
                self.error(
                    e,
                    codes::SCHEMA_ENUM_NOT_ARRAY,
                    format!("`enum` must be an array, found {}", e.type_name()),
                );
                None
            }
            Some([]) => {
                self.error(
                    e,
                    codes::SCHEMA_ENUM_EMPTY,
                    "`enum` must list at least one value".into(),
                );
                None
            }
            Some(items) => {
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
        }
    }

    fn string_enum(&mut self, e: &Node) -> Option<Vec<String>> {
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

    fn choice(&mut self, node: &Node) -> Option<Ty> {
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
        let selector = self.string_keyword(node, "selector");
        Some(Ty::Choice(Choice {
            choices: out,
            selector,
        }))
    }

    /// The `json` member of a property's `altnames` (Alternate Names companion): its key in
    /// JSON documents. Without the companion enabled, `gate_keywords` has said it is ignored.
    fn json_altname(&mut self, node: &Node) -> Option<String> {
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
                Some(name) if m.key == "json" => json = Some(name.to_owned()),
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

    /// A tuple: its `properties`, in the order `tuple` lists them. Every property must be listed
    /// exactly once (a property left out could never be written).
    fn tuple(&mut self, node: &Node) -> Option<Ty> {
        let object = self.object(node)?;
        let order = node.get("tuple").expect("checked by the caller");
        let Some(names) = order.as_array() else {
            self.error(
                order,
                codes::SCHEMA_TUPLE_ORDER_NOT_ARRAY,
                format!(
                    "`tuple` must be an array of property names, found {}",
                    order.type_name()
                ),
            );
            return None;
        };
        // With `$extends`, an entry may name an element only a base declares (merged later).
        let extends = node.get("$extends").is_some();
        let mut properties = Vec::new();
        let mut inherited = Vec::new();
        for (position, item) in names.iter().enumerate() {
            let name = item.as_str();
            if name.is_some() && names[..position].iter().any(|prev| prev.as_str() == name) {
                self.error(
                    item,
                    codes::SCHEMA_TUPLE_ORDER_NOT_ARRAY,
                    format!("`tuple` lists {} twice", describe(item)),
                );
                return None;
            }
            let found = name.and_then(|name| object.properties.iter().find(|p| p.name == name));
            match (found, name) {
                (Some(p), _) => properties.push(p.clone()),
                (None, Some(name)) if extends => inherited.push(InheritedElement {
                    position,
                    name: name.to_owned(),
                    span: item.span,
                    pointer: item.pointer.clone(),
                }),
                (None, _) => {
                    self.error(
                        item,
                        codes::SCHEMA_TUPLE_ORDER_NOT_ARRAY,
                        format!(
                            "`tuple` entries must name declared properties, found {}",
                            describe(item)
                        ),
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

    fn object(&mut self, node: &Node) -> Option<Object> {
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
            None => Additional::Allowed,
            Some(a) => match &a.kind {
                Kind::Bool(true) => Additional::Allowed,
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

    /// A default must be a value of its schema's type; returns it as a plain JSON value.
    fn check_default(
        &mut self,
        d: &Node,
        ty: &Ty,
        encoding: BinaryEncoding,
    ) -> Option<serde_json::Value> {
        match default_mismatch(d, ty, encoding) {
            None => Some(d.to_value()),
            Some(expected) => {
                self.error(
                    d,
                    codes::SCHEMA_DEFAULT_INVALID,
                    format!("`default` must be {expected}, found {}", describe(d)),
                );
                None
            }
        }
    }

    /// A definition that is only an alias of itself (directly or through other aliases) has no
    /// meaning; recursion through properties or items is fine.
    fn check_alias_cycles(&mut self, set: &SchemaSet) {
        for (start, def) in set.definitions.iter().enumerate() {
            let mut seen = vec![start];
            let mut ty = &def.schema.ty;
            while let Ty::Ref(next) = ty {
                if seen.contains(&next.0) {
                    if next.0 == start {
                        let names: Vec<_> = seen
                            .iter()
                            .map(|&i| set.definitions[i].name.as_str())
                            .collect();
                        self.diags.push(
                            Diagnostic::error(
                                codes::SCHEMA_REF_CIRCULAR,
                                format!(
                                    "definition `{}` is an alias of itself ({} → {})",
                                    def.name,
                                    names.join(" → "),
                                    def.name
                                ),
                            )
                            .at(
                                self.file,
                                def.schema.span,
                                Some(&def.schema.pointer),
                            ),
                        );
                    }
                    break;
                }
                seen.push(next.0);
                ty = &set.definitions[next.0].schema.ty;
            }
        }
    }
}

fn companion_label(c: Companion) -> &'static str {
    match c {
        Companion::Validation => "Validation",
        Companion::Composition => "Conditional Composition",
        Companion::AlternateNames => "Alternate Names",
        Companion::Units => "Units",
    }
}

/// What a default should have been, or `None` when it fits. References are not followed here
/// (their targets may not be converted yet); such defaults are checked when they are lowered.
fn default_mismatch(d: &Node, ty: &Ty, encoding: BinaryEncoding) -> Option<String> {
    let fits = match ty {
        Ty::Primitive(p) => p.admits(&d.to_value(), encoding),
        Ty::StringEnum(values) => {
            return match d.as_str() {
                Some(s) if values.iter().any(|v| v == s) => None,
                _ => Some(format!("one of the enum values ({})", values.join(", "))),
            }
        }
        Ty::Array(items) | Ty::Set(items) => match d.as_array() {
            Some(elements) => {
                return elements
                    .iter()
                    .find_map(|e| default_mismatch(e, &items.ty, items.encoding))
                    .map(|m| format!("an array whose items are {m}"))
            }
            None => false,
        },
        Ty::Object(_) | Ty::Map(_) | Ty::Choice(_) => d.as_object().is_some(),
        // Inherited elements are not known yet: lowering checks such a default (`fit`).
        Ty::Tuple(tuple) if !tuple.inherited.is_empty() => true,
        Ty::Tuple(Tuple { elements, .. }) => match d.as_array() {
            Some(items) if items.len() == elements.len() => {
                return items
                    .iter()
                    .zip(elements)
                    .find_map(|(item, e)| default_mismatch(item, &e.schema.ty, e.schema.encoding))
                    .map(|m| format!("a tuple whose elements are {m}"))
            }
            _ => false,
        },
        Ty::Union(members) => members
            .iter()
            .any(|m| default_mismatch(d, &m.ty, m.encoding).is_none()),
        Ty::Ref(_) => true,
    };
    (!fits).then(|| expected_for(ty))
}

fn expected_for(ty: &Ty) -> String {
    match ty {
        Ty::Primitive(p) => match p.integer_range() {
            Some((lo, hi)) => format!("an integer in {lo}..={hi} (`{}`)", p.json_name()),
            None => format!("a `{}` value", p.json_name()),
        },
        Ty::Object(_) => "an object".into(),
        Ty::Map(_) => "an object (map)".into(),
        Ty::Union(_) => "a value of one of the union's types".into(),
        _ => "a value of the declared type".into(),
    }
}

fn describe(d: &Node) -> String {
    match &d.kind {
        Kind::Number(raw) => format!("`{raw}`"),
        Kind::String(s) => format!("\"{s}\""),
        _ => d.type_name().into(),
    }
}

/// The known type name nearest to a misspelt one (edit distance ≤ 2).
fn closest_type_name(name: &str) -> Option<&'static str> {
    Primitive::ALL
        .iter()
        .map(|p| p.json_name())
        .chain(COMPOUND_TYPES.iter().copied())
        .map(|candidate| (edit_distance(name, candidate), candidate))
        .filter(|&(d, _)| d <= 2)
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
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
