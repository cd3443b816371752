//! Stage 2, resolve/check: a loaded [`Document`] → the typed [`SchemaSet`] graph plus diagnostics.
//! Reads the document keywords and each schema's own keywords through the types generated from
//! the meta-schemas (`schema-document`, see `typed.rs`) and the rest from the spanned tree,
//! resolves `$ref`s to definitions, gates companion keywords on `$uses`, and repairs departures
//! from the spec that have exactly one plain meaning (each with a warning). Knows nothing of
//! Rust.

mod addins;
mod annotations;
mod applies;
mod constraints;
mod defaults;
mod document;
mod gating;
mod inherit;
mod keywords;
mod object;
mod overlap;
mod own;
pub mod pointer;
mod repairs;
mod rules;
#[cfg(test)]
mod tests;
mod typed;
mod types;

use std::collections::HashMap;

use crate::codes;
use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::load::{Document, Kind, Node};
use crate::schema::*;
use keywords::{Companion, JSON_SCHEMA_ONLY};
use schema_document::{SchemaDocument, Subschema};

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
    let document = r.document(root);
    let document = document.as_ref();
    r.extensions = r.extensions_of(root, document);
    r.enforce_validation = r.extensions.validation || opt_in;
    let mut set = SchemaSet {
        file: doc.file,
        name: document
            .and_then(|d| d.name.clone())
            .zip(root.get("name").map(|n| n.span)),
        id: document.and_then(|d| d.id.as_ref().map(|id| id.as_str().to_owned())),
        description: document.and_then(|d| d.description.clone()),
        definitions: Vec::new(),
        root: Root::Library,
        extensions: r.extensions,
        subschemas: Vec::new(),
        add_ins: Vec::new(),
    };

    // Two passes: index every definition first so references may point forward.
    let mut slots = Vec::new();
    if let Some(defs) = root.get("definitions") {
        r.collect_definitions(defs, &mut Vec::new(), &mut slots);
    }
    if let Some(offers) = document.and_then(|d| d.offers.as_ref()) {
        set.add_ins = r.offers(root, offers);
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
    set.root = r.root(root, document.is_some_and(|d| d.root.is_some()))?;
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

/// The longest property name, choice name, selector or string enum value (in UTF-8 bytes) a
/// crate is generated for. serde's derives match these as byte-string patterns, and rustc's
/// cost for such a pattern grows with the square of its length: one of 16 KiB takes over 4 GB
/// to compile, one of 1 KiB about 20 MB.
pub const MAX_WIRE_NAME_BYTES: usize = 1 << 10;

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

    /// Whether `text`, a name that appears on the wire, is within [`MAX_WIRE_NAME_BYTES`]; if not,
    /// an error says so at `span`.
    fn wire_name_fits(&mut self, text: &str, what: &str, span: Span, pointer: &str) -> bool {
        if text.len() <= MAX_WIRE_NAME_BYTES {
            return true;
        }
        let d = Diagnostic::error(
            codes::INPUT_LIMIT_EXCEEDED,
            format!(
                "this {what} is {} bytes long; generated code supports at most {MAX_WIRE_NAME_BYTES} bytes",
                text.len()
            ),
        )
        .at(self.file, span, Some(pointer));
        self.diags
            .push_mut(d)
            .notes
            .push("serde matches it as a byte-string pattern, which rustc compiles in time and memory growing with the square of its length".into());
        false
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

    /// The companions a document enables: all of them for the validation meta-schema, which
    /// `$uses` every one, and those its `$uses` names.
    fn extensions_of(&mut self, root: &Node, document: Option<&SchemaDocument>) -> Extensions {
        let mut ext = Extensions::default();
        let Some(document) = document else {
            return ext;
        };
        if document.schema.as_str().contains("/meta/validation/") {
            ext = Extensions {
                validation: true,
                composition: true,
                alternate_names: true,
                units: true,
                import: true,
            };
        }
        let (Some(uses), Some(items)) = (
            document.uses.as_ref(),
            root.get("$uses").and_then(Node::as_array),
        ) else {
            return ext;
        };
        for (name, item) in uses.iter().zip(items) {
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
            if crate::import::declares_type(&m.value) {
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
        self.reference_text(text, node)
    }

    /// Resolves the reference `text`, read at `node`.
    fn reference_text(&mut self, text: &str, node: &Node) -> Option<DefId> {
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

    /// The document's root: `$root` (when the document keywords read one), a root `type`, a
    /// root composition, or none (a library of definitions).
    fn root(&mut self, root: &Node, pointer_root: bool) -> Option<Root> {
        let pointer_root = root.get("$root").filter(|_| pointer_root);
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
        let own = self.own_keywords(node)?;
        let rules = self.rules(node)?;
        let mut union_enum = None;
        let mut ty = match (&own.type_, node.get("type"), node.get("$ref")) {
            (Some(ty), Some(at), _) => self.type_keyword(node, &own, ty, at, &mut union_enum)?,
            (_, _, Some(r)) => {
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
            (_, _, None) if rules.is_some() => Ty::Primitive(Primitive::Any),
            (_, _, None)
                if branch
                    && ["properties", "required"]
                        .iter()
                        .any(|k| node.get(k).is_some()) =>
            {
                Ty::Object(self.object(node, &own)?)
            }
            (_, _, None) if branch => Ty::Primitive(Primitive::Any),
            (_, _, None) => {
                self.error(
                    node,
                    codes::SCHEMA_MISSING_TYPE,
                    "schema declares no `type`".into(),
                );
                return None;
            }
        };
        let description = own.description.clone();
        let name = own.name.clone();
        let examples = own.examples.clone().unwrap_or_default();
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
        let (is_abstract, extends) = self.inheritance(node, &own, &ty);
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
        if let (Ty::Primitive(_), Some(values)) = (&ty, &own.enum_) {
            constraints.push(Constraint::Enum(values.clone()));
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

    /// A definition that is only an alias of itself (directly or through other aliases) has no
    /// meaning; recursion through properties or items is fine.
    /// Definitions that are other definitions under a new name, `{"type": {"$ref": ...}}` or a
    /// union of one reference (and `null`), must not come back to themselves: such a type
    /// has no values to be made of (`type T = Option<T>`).
    fn check_alias_cycles(&mut self, set: &SchemaSet) {
        for (start, def) in set.definitions.iter().enumerate() {
            let mut seen = vec![start];
            let mut ty = &def.schema.ty;
            while let Some(next) = alias_target(ty) {
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

fn describe(d: &Node) -> String {
    match &d.kind {
        Kind::Number(raw) => format!("`{raw}`"),
        Kind::String(s) => format!("\"{s}\""),
        _ => d.type_name().into(),
    }
}

/// The definition a type is an alias of: a reference, or a union of one reference with or
/// without `null` (lowered to that type or its `Option`).
fn alias_target(ty: &Ty) -> Option<DefId> {
    match ty {
        Ty::Ref(id) => Some(*id),
        Ty::Union(members) => {
            let mut others = members
                .iter()
                .filter(|m| !matches!(m.ty, Ty::Primitive(Primitive::Null)));
            match (others.next().map(|m| &m.ty), others.next()) {
                (Some(Ty::Ref(id)), None) => Some(*id),
                _ => None,
            }
        }
        _ => None,
    }
}
