//! Stage 1b, import: `$import` and `$importdefs` (the JSON Structure Import companion), expanded
//! before anything else reads the document, as the companion requires. The definitions of each
//! imported document (and, for `$import`, its root type) are copied into the namespace that
//! imports them, with their references rewritten to point there (`tree`); a local definition of
//! the same name shadows an imported one. Documents are found without network access (`locate`):
//! through a map of URIs to files, or as a relative reference to a file beside the importing one.
//!
//! Imported nodes keep their own file's positions (see [`SourceMap::merge`]), so a diagnostic
//! about an imported definition shows that file's lines; their JSON pointers are where they now
//! stand in the importing document.

mod locate;
pub(crate) mod tree;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::codes;
use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::load::{self, Document, Kind, Member, Node};
use crate::overlay::Overlay;
use crate::source::SourceMap;
pub use locate::Located;
pub use tree::declares_type;

/// Where imported documents are found.
#[derive(Debug, Clone, Default)]
pub struct Imports {
    /// URI → file, from the configuration's `[crate.imports]` and `--import URI=FILE`. A URI
    /// matches with or without a trailing empty fragment (`#`).
    pub uris: BTreeMap<String, Located>,
    /// The directory relative references of the main document resolve against; `None`: the
    /// directory of its name.
    pub base: Option<Located>,
}

/// How deep imports may nest (a document importing one that imports ...), and how many
/// documents one run may import: bounds on the work hostile input can ask for (the companion
/// requires excessive chains to be detected).
const MAX_DEPTH: usize = 32;
const MAX_DOCUMENTS: usize = 256;

/// Expands every `$import` and `$importdefs` of `doc` (and of the documents it imports), each
/// document corrected by `overlay` as it is read; returns the names of the files read, for the
/// generated files' headers. Problems become
/// diagnostics; the document is left as far as it could be expanded.
pub fn expand(
    doc: &mut Document,
    name: &str,
    imports: &Imports,
    overlay: Option<&Overlay>,
    sources: &mut SourceMap,
    diags: &mut Diagnostics,
) -> Vec<String> {
    if let Some(overlay) = overlay {
        overlay.apply(&mut doc.root, doc.file, diags);
    }
    let mut x = Expander {
        main_file: doc.file,
        imports,
        overlay,
        sources,
        diags,
        stack: Vec::new(),
        cache: HashMap::new(),
        read: Vec::new(),
    };
    let dir = imports
        .base
        .clone()
        .unwrap_or_else(|| Located::parent_of(name));
    // The main document on the stack, so that importing it back is a cycle.
    let file_name = Path::new(name).file_name().unwrap_or_default();
    if let Ok(main) = std::fs::canonicalize(dir.disk.join(file_name)) {
        x.stack.push(main);
    }
    x.expand_document(&mut doc.root, &dir);
    x.read
}

struct Expander<'a> {
    /// The main document's file: imported nodes carry merged offsets, which name their own.
    main_file: usize,
    imports: &'a Imports,
    /// Corrections applied to each document as it is read.
    overlay: Option<&'a Overlay>,
    sources: &'a mut SourceMap,
    diags: &'a mut Diagnostics,
    /// The files being expanded, outermost first: one of them imported again is a cycle.
    stack: Vec<PathBuf>,
    /// Each file read, expanded, by its canonical path (`None`: it could not be read).
    cache: HashMap<PathBuf, Option<Node>>,
    read: Vec<String>,
}

/// One `$import` or `$importdefs`: the namespace it imports into (names under `definitions`;
/// empty for the root namespace), whether it takes the root type too, and its URI's node.
struct Site {
    namespace: Vec<String>,
    with_root: bool,
    uri: Node,
}

impl Expander<'_> {
    /// Expands the imports of one document, whose relative references resolve in `dir`.
    fn expand_document(&mut self, root: &mut Node, dir: &Located) {
        let mut sites = Vec::new();
        take_sites(root, &[], &mut sites);
        if let Some(definitions) = tree::member_mut(root, "definitions") {
            collect_namespace_sites(definitions, &mut Vec::new(), &mut sites);
        }
        if sites.is_empty() {
            return;
        }
        self.gate(root, &sites[0].uri);
        // Names each namespace got from an import, with where the definition is written and
        // the URI that brought it: the same name from a different definition is a conflict.
        let mut imported: HashMap<Vec<String>, HashMap<String, (Span, String)>> = HashMap::new();
        for site in sites {
            let Some(text) = site.uri.as_str().map(str::to_owned) else {
                self.error(
                    &site.uri,
                    codes::SCHEMA_KEYWORD_INVALID_TYPE,
                    format!(
                        "`{}` must be a string (a URI), found {}",
                        keyword(site.with_root),
                        site.uri.type_name()
                    ),
                );
                continue;
            };
            let Some(document) = self.document(&text, &site.uri, dir) else {
                continue;
            };
            self.check_root_name(&document, site.with_root, &text);
            let definitions = tree::definitions_of(&document, site.with_root);
            let target = tree::namespace_mut(root, &site.namespace);
            let taken = imported.entry(site.namespace.clone()).or_default();
            for (def_name, mut def) in definitions {
                if let Some((first, from)) = taken.get(&def_name) {
                    if *first != def.span {
                        let d = self.error(
                            &site.uri,
                            codes::SCHEMA_IMPORT_CONFLICT,
                            format!(
                                "`{text}` imports `{def_name}` into {}, which `{from}` imports already",
                                namespace_label(&site.namespace)
                            ),
                        );
                        d.notes
                            .push("a local definition of that name would shadow both".into());
                    }
                    continue;
                }
                if tree::has_member(target, &def_name) {
                    // Shadowed: the local definition replaces the imported one entirely.
                    continue;
                }
                taken.insert(def_name.clone(), (def.span, text.clone()));
                tree::rebase(&mut def, &site.namespace, &def_name);
                tree::push_member(target, def_name, def);
            }
        }
    }

    /// The expanded document `uri` names, read once per run.
    fn document(&mut self, uri: &str, at: &Node, dir: &Located) -> Option<Node> {
        let file = match locate::locate(uri, dir, &self.imports.uris) {
            Ok(file) => file,
            Err(message) => {
                let d = self.error(at, codes::SCHEMA_IMPORT_NOT_FOUND, message);
                d.notes.push("imports are read from files: map the URI in codegen.toml (`[crate.imports]`, \"URI\" = \"file\") or with `--import URI=FILE`, or refer to the file by a relative path".into());
                return None;
            }
        };
        let canonical = std::fs::canonicalize(&file.disk).unwrap_or_else(|_| file.disk.clone());
        if let Some(i) = self.stack.iter().position(|p| *p == canonical) {
            let depth = self.stack.len() - i;
            let d = self.error(
                at,
                codes::SCHEMA_IMPORT_CIRCULAR,
                format!(
                    "`{uri}` imports {}, which imports this document (a cycle)",
                    file.shown
                ),
            );
            d.notes.push(format!(
                "the cycle is {depth} import{} long",
                if depth == 1 { "" } else { "s" }
            ));
            return None;
        }
        if let Some(done) = self.cache.get(&canonical) {
            return done.clone();
        }
        if self.stack.len() >= MAX_DEPTH || self.cache.len() >= MAX_DOCUMENTS {
            self.error(
                at,
                codes::SCHEMA_MAX_DEPTH_EXCEEDED,
                format!("`{uri}` is past the generator's limits on imports ({MAX_DEPTH} nested, {MAX_DOCUMENTS} documents)"),
            );
            return None;
        }
        let bytes = match std::fs::read(&file.disk) {
            Ok(bytes) => bytes,
            Err(e) => {
                self.error(
                    at,
                    codes::SCHEMA_IMPORT_NOT_FOUND,
                    format!("`{uri}` names {}, which cannot be read: {e}", file.shown),
                );
                self.cache.insert(canonical, None);
                return None;
            }
        };
        let Some(Document { file: id, mut root }) =
            load::load(self.sources, &file.shown, &bytes, self.diags)
        else {
            self.cache.insert(canonical, None);
            return None;
        };
        self.read.push(file.shown.clone());
        let Some(base) = self.sources.merge(id) else {
            self.error(
                at,
                codes::INPUT_LIMIT_EXCEEDED,
                format!("`{uri}`: the imported documents together are too large"),
            );
            return None;
        };
        tree::shift(&mut root, base);
        if let Some(overlay) = self.overlay {
            overlay.apply(&mut root, self.main_file, self.diags);
        }
        if root.as_object().is_none() {
            self.error(
                &root,
                codes::SCHEMA_INVALID_TYPE,
                format!(
                    "an imported document must be a schema (a JSON object), found {}",
                    root.type_name()
                ),
            );
            self.cache.insert(canonical, None);
            return None;
        }
        self.stack.push(canonical.clone());
        self.expand_document(&mut root, &file.dir());
        self.stack.pop();
        self.check_definitions(&root);
        self.cache.insert(canonical, Some(root.clone()));
        Some(root)
    }

    /// An imported document's `definitions` must be a map: the resolver never sees an imported
    /// document's own (checked once per document, as it is read).
    fn check_definitions(&mut self, document: &Node) {
        if let Some(definitions) = document.get("definitions") {
            if definitions.as_object().is_none() {
                let found = definitions.type_name();
                self.error(
                    definitions,
                    codes::SCHEMA_INVALID_TYPE,
                    format!("`definitions` must be a map of types and namespaces, found {found}"),
                );
            }
        }
    }

    /// `$import` brings a root type under its `name`: one without is said so (at each such
    /// import).
    fn check_root_name(&mut self, document: &Node, with_root: bool, uri: &str) {
        let unnamed = document.get("name").and_then(Node::as_str).is_none();
        if with_root && tree::declares_type(document) && unnamed {
            let d = self.push(
                Diagnostic::warning(
                    codes::SCHEMA_IMPORT_ROOT_UNNAMED,
                    format!("`{uri}` declares a root type without a `name`: `$import` brings its definitions only"),
                ),
                document,
            );
            d.notes.push("Core: the root's `name` is REQUIRED and, when the root defines a type, is that type's name".into());
        }
    }

    /// The Import companion is on by default under the extended and validation meta-schemas, or
    /// through `$uses`; a core document that imports is warned and imported all the same (its
    /// references into the import have no other meaning).
    fn gate(&mut self, root: &Node, first: &Node) {
        let schema = root.get("$schema").and_then(Node::as_str).unwrap_or("");
        let by_schema = ["/meta/extended/", "/meta/validation/"]
            .iter()
            .any(|m| schema.contains(m));
        let by_uses = root
            .get("$uses")
            .and_then(Node::as_array)
            .is_some_and(|uses| {
                uses.iter()
                    .any(|u| u.as_str() == Some("JSONStructureImport"))
            });
        if by_schema || by_uses {
            return;
        }
        let d = self.push(
            Diagnostic::warning(
                codes::SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED,
                "the document imports, but enables neither the Import companion (`$uses`) nor the extended meta-schema that enables it; the generator imports all the same",
            ),
            first,
        );
        d.notes.push(
            "add \"$uses\": [\"JSONStructureImport\"] to the document root to enable it".into(),
        );
    }

    fn error(&mut self, at: &Node, code: &'static str, message: String) -> &mut Diagnostic {
        self.push(Diagnostic::error(code, message), at)
    }

    fn push(&mut self, d: Diagnostic, at: &Node) -> &mut Diagnostic {
        // Merged nodes carry their own file's offsets; `Diagnostics::relocate` finds the file.
        self.diags
            .push_mut(d.at(self.main_file, at.head(), Some(&at.pointer)))
    }
}

fn keyword(with_root: bool) -> &'static str {
    if with_root {
        "$import"
    } else {
        "$importdefs"
    }
}

fn namespace_label(namespace: &[String]) -> String {
    if namespace.is_empty() {
        "the root namespace".into()
    } else {
        format!("namespace `{}`", namespace.join("/"))
    }
}

/// Takes the `$import`/`$importdefs` members out of `node` (the root, `definitions` or a
/// namespace), recording them as sites of `namespace`.
fn take_sites(node: &mut Node, namespace: &[String], sites: &mut Vec<Site>) {
    let Kind::Object(members) = &mut node.kind else {
        return;
    };
    let mut kept = Vec::with_capacity(members.len());
    for m in members.drain(..) {
        match m.key.as_str() {
            "$import" | "$importdefs" => sites.push(Site {
                namespace: namespace.to_vec(),
                with_root: m.key == "$import",
                uri: m.value,
            }),
            _ => kept.push(m),
        }
    }
    *members = kept;
}

/// The sites of `definitions` (the root namespace) and of the namespaces within it: members
/// that are objects declaring no type.
fn collect_namespace_sites(node: &mut Node, path: &mut Vec<String>, sites: &mut Vec<Site>) {
    take_sites(node, path, sites);
    let Kind::Object(members) = &mut node.kind else {
        return;
    };
    for Member { key, value, .. } in members {
        if value.as_object().is_some() && !tree::declares_type(value) {
            path.push(key.clone());
            collect_namespace_sites(value, path, sites);
            path.pop();
        }
    }
}

#[cfg(test)]
mod tests;
