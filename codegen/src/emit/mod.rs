//! Stage 4, emit: the [`Ir`] → Rust token streams, one emitter per concern, each producing one
//! file of the generated crate. Emitters read only the IR.

mod builders;
mod cli;
mod defaults;
mod depth;
mod example;
mod lib_rs;
mod manifest;
mod model;
pub mod module;
mod union;
mod validate;
mod wire;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use crate::ir::{Docs, Ir, Presence, Scalar, TypeDef, TypeKind, TypeRef};
use crate::pattern::Engine;

/// What the emitters need to know beyond the IR: the crate's identity and provenance.
#[derive(Debug, Clone, Default)]
pub struct CrateOptions {
    /// The Cargo package name (`neptune-ml`).
    pub package: String,
    pub version: String,
    /// Input files, as shown in headers (paths relative to the workspace root).
    pub inputs: Vec<String>,
    /// The command that regenerates the crate, shown in headers.
    pub command: String,
    /// Give the crate its own `[workspace]` so it builds outside this workspace.
    pub standalone: bool,
    /// Enforce Validation keywords even where the schema does not enable them with `$uses`
    /// (the configuration's `enforce_validation`).
    pub enforce_validation: bool,
    /// Objects that do not state `additionalProperties` are closed (the configuration's
    /// `strict`).
    pub strict: bool,
    /// Where the crate finds the runtime crate: a path from the crate's directory (see
    /// [`crate::runtime_path`]).
    pub runtime_path: String,
    /// The SigV4 signing name of the service the crate's commands call (the configuration's
    /// `signing_name`), for commands with an `http` binding.
    pub signing_name: Option<String>,
    /// Derives and attributes added to the generated types.
    pub customize: crate::customize::Customize,
    /// Where the documents of `$import` and `$importdefs` are found.
    pub imports: crate::import::Imports,
    /// Corrections applied to the schema after its imports (see [`crate::overlay`]).
    pub overlay: Option<crate::import::Located>,
    /// Warning codes acknowledged for this crate (the configuration's `allow`): counted in the
    /// summary, not shown. Errors are always shown.
    pub allow: Vec<String>,
}

/// One emitted file, before formatting: Rust code as tokens, or finished text (Cargo.toml).
pub enum Emitted {
    Rust(TokenStream),
    Text(String),
}

/// An emitter of one Rust file.
type RustEmitter = fn(&Ir, &Features, &CrateOptions) -> TokenStream;

/// One file of the crate, emitted when called: the caller formats each file before the next
/// is emitted, so only one file's tokens are held at a time (on large schemas the token
/// streams of all files at once were most of the generator's peak memory).
pub type LazyFile<'a> = Box<dyn FnOnce() -> Emitted + 'a>;

/// All files of the crate, paths relative to the crate directory, in a fixed order.
pub fn emit<'a>(ir: &'a Ir, options: &'a CrateOptions) -> Vec<(String, LazyFile<'a>)> {
    let features = Features::of(ir);
    let mut files: Vec<(String, LazyFile<'a>)> = vec![
        (
            "Cargo.toml".to_string(),
            Box::new(move || Emitted::Text(manifest::emit(ir, options, &features))),
        ),
        (
            "src/lib.rs".to_string(),
            Box::new(move || Emitted::Rust(lib_rs::emit(ir, options, &features))),
        ),
    ];
    for (name, emitter) in modules(&features) {
        files.push((
            format!("src/{name}.rs"),
            Box::new(move || Emitted::Rust(emitter(ir, &features, options))),
        ));
    }
    if features.cli {
        files.push((
            "src/cli.rs".into(),
            Box::new(move || {
                Emitted::Rust(cli::emit(
                    ir,
                    &options.package,
                    options.signing_name.as_deref(),
                ))
            }),
        ));
        files.push((
            "src/main.rs".into(),
            Box::new(move || Emitted::Rust(cli::emit_main(&options.package))),
        ));
    }
    files
}

/// The emitters of the crate's modules other than `lib.rs` and the CLI, by module name, in a
/// fixed order.
pub(crate) fn modules(features: &Features) -> Vec<(&'static str, RustEmitter)> {
    let emitters: [(bool, &str, RustEmitter); 5] = [
        (features.model, "model", |ir, _, o| {
            model::emit(ir, &o.customize)
        }),
        (features.defaults, "defaults", |ir, _, _| defaults::emit(ir)),
        (features.builders, "builders", |ir, _, _| builders::emit(ir)),
        (features.unions, "union", |ir, _, _| union::emit(ir)),
        (features.validators, "validate", |ir, _, _| {
            validate::emit(ir)
        }),
    ];
    emitters
        .into_iter()
        .filter(|(wanted, _, _)| *wanted)
        .map(|(_, name, emit)| (name, emit))
        .collect()
}

/// Which optional parts the crate needs, so it carries no dead code or unused dependency.
#[derive(Debug, Clone, Copy, Default)]
pub struct Features {
    /// Any type at all (an empty schema yields a crate with docs only).
    pub model: bool,
    /// A type derives serde's traits (anything but aliases).
    pub derives: bool,
    pub defaults: bool,
    pub builders: bool,
    /// Some struct has a required field (a builder can fail).
    pub required_fields: bool,
    pub enums: bool,
    pub unions: bool,
    pub json_values: bool,
    /// Commands are bound: a `cli` feature and a binary.
    pub cli: bool,
    /// Structs get validators.
    pub validators: bool,
    /// Some enforced pattern runs on the linear engine (the runtime's `regex`).
    pub regex: bool,
    /// Some needs the bounded backtracking engine (the runtime's `fancy-regex`).
    pub fancy_regex: bool,
    /// A `format: regex` is enforced: the runtime's `regress`, an ECMA-262 engine.
    pub regress: bool,
    /// An inline choice's selector is a property of a chosen type (the runtime's `choice`).
    pub shadowing_choice: bool,

    /// String-encoded types and the crates that hold them.
    pub wire: wire::Needs,
}

impl Features {
    fn of(ir: &Ir) -> Self {
        let engines = validate::regex_engines(ir);
        let (format_module, regress) = validate::format_support(ir);
        let mut wire = wire::Needs::of(ir);
        wire.formats |= format_module;
        let mut f = Features {
            model: !ir.types.is_empty(),
            derives: ir.types.iter().any(|t| {
                !matches!(t.kind, TypeKind::Alias(_) | TypeKind::Abstract)
                    && t.replacement.is_none()
            }),
            cli: cli::wanted(ir),
            validators: validate::wanted(ir),
            regex: engines.contains(&Engine::Linear),
            fancy_regex: engines.contains(&Engine::Backtracking),
            regress,
            wire,
            ..Features::default()
        };
        for t in ir.types.iter().filter(|t| t.replacement.is_none()) {
            match &t.kind {
                TypeKind::Struct(s) => {
                    f.builders = true;
                    f.required_fields |= s.has_required();
                    for field in &s.fields {
                        f.defaults |= matches!(field.presence, Presence::Defaulted(_));
                        f.json_values |= mentions_json(&field.ty);
                    }
                    f.json_values |= s.additional.as_ref().is_some_and(|a| mentions_json(&a.ty));
                }
                TypeKind::Enum(_) => f.enums = true,
                TypeKind::Union(_) => f.unions = true,
                TypeKind::Choice(c) => {
                    f.json_values |= c.variants.iter().any(|v| mentions_json(&v.ty));
                    f.shadowing_choice |= c
                        .selector
                        .as_ref()
                        .is_some_and(|s| model::selector_shadows(ir, c, s));
                }
                TypeKind::Abstract => {}
                TypeKind::Tuple(elements) => {
                    f.json_values |= elements.iter().any(|e| mentions_json(&e.ty));
                }
                TypeKind::Untagged(members) => {
                    f.json_values |= members
                        .iter()
                        .filter_map(|m| m.ty.as_ref())
                        .any(mentions_json);
                }
                TypeKind::Alias(ty) => f.json_values |= mentions_json(ty),
                TypeKind::Newtype(n) => f.json_values |= mentions_json(&n.ty),
            }
        }
        f
    }

    /// Whether any error type is returned by the generated API.
    pub fn needs_errors(&self) -> bool {
        self.builders || self.enums || self.unions
    }

    /// Whether generated code uses the runtime crate at all.
    pub fn needs_runtime(&self) -> bool {
        self.needs_errors() || self.validators || self.wire.wire || self.shadowing_choice
    }

    /// The runtime's features the crate turns on: the wire forms and engines its schema uses.
    pub fn runtime_features(&self) -> Vec<&'static str> {
        let w = &self.wire;
        [
            (w.wire, "wire"),
            (w.decimal, "decimal"),
            (w.chrono, "chrono"),
            (w.uuid, "uuid"),
            (w.binary, "binary"),
            (self.regex, "regex"),
            (self.fancy_regex, "backtracking"),
            (self.regress, "format-regex"),
            (self.shadowing_choice, "inline-choice"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect()
    }

    /// serde is a dependency of the generated crate when it has anything to derive.
    pub fn needs_serde(&self) -> bool {
        self.derives || self.validators || self.needs_errors()
    }

    /// serde_json is a dependency of the generated crate only when its types need it.
    pub fn needs_serde_json(&self) -> bool {
        self.unions || self.json_values || self.validators || self.shadowing_choice
    }
}

fn mentions_json(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Scalar(s) => *s == Scalar::Json,
        TypeRef::Named(_) => false,
        TypeRef::Vec(t) | TypeRef::Map(t) | TypeRef::Boxed(t) | TypeRef::Nullable(t) => {
            mentions_json(t)
        }
    }
}

/// Whether `ty` is a struct declaring the property `json_name` (an inline choice's selector
/// that is also a property of the chosen type).
pub(crate) fn declares(ir: &Ir, ty: &TypeRef, json_name: &str) -> bool {
    match ty {
        TypeRef::Named(id) => match &ir.get(*id).kind {
            TypeKind::Struct(s) => s.fields.iter().any(|f| f.json_name == json_name),
            _ => false,
        },
        _ => false,
    }
}

/// "a" or "an" before `word` in generated prose.
pub(crate) fn a(word: &str) -> &'static str {
    jstruct_runtime::prose::indefinite_article(word)
}

pub(crate) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The Rust type of a type reference.
pub(crate) fn rust_type(ir: &Ir, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Scalar(s) => match s {
            Scalar::String => quote!(String),
            Scalar::Bool => quote!(bool),
            Scalar::I8 => quote!(i8),
            Scalar::I16 => quote!(i16),
            Scalar::I32 => quote!(i32),
            Scalar::U8 => quote!(u8),
            Scalar::U16 => quote!(u16),
            Scalar::U32 => quote!(u32),
            Scalar::F32 => quote!(f32),
            Scalar::F64 => quote!(f64),
            Scalar::Json => quote!(serde_json::Value),
            Scalar::Null => quote!(()),
            encoded => wire::rust_type(*encoded),
        },
        TypeRef::Named(id) => {
            let name = ident(&ir.get(*id).name);
            quote!(#name)
        }
        TypeRef::Vec(item) => {
            let item = rust_type(ir, item);
            quote!(Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = rust_type(ir, value);
            quote!(::std::collections::BTreeMap<String, #value>)
        }
        TypeRef::Boxed(inner) => {
            let inner = rust_type(ir, inner);
            quote!(Box<#inner>)
        }
        TypeRef::Nullable(inner) => {
            let inner = rust_type(ir, inner);
            quote!(Option<#inner>)
        }
    }
}

/// A Rust expression for a JSON default value of the given type. Lowering guarantees that the
/// value fits the type.
pub(crate) fn default_expr(ir: &Ir, ty: &TypeRef, value: &serde_json::Value) -> TokenStream {
    use serde_json::Value;
    match (ty, value) {
        (TypeRef::Scalar(Scalar::String), Value::String(s)) => quote!(#s.to_owned()),
        (TypeRef::Scalar(Scalar::Bool), Value::Bool(b)) => quote!(#b),
        (TypeRef::Scalar(Scalar::F32 | Scalar::F64), Value::Number(n)) => {
            let lit = Literal::f64_unsuffixed(n.as_f64().unwrap_or_default());
            quote!(#lit)
        }
        (
            TypeRef::Scalar(Scalar::I64 | Scalar::U64 | Scalar::I128 | Scalar::U128),
            Value::String(s),
        ) => {
            // Resolve checked the text; `u128` values may exceed `i128`.
            let lit = match s.parse::<u128>() {
                Ok(v) => Literal::u128_unsuffixed(v),
                Err(_) => Literal::i128_unsuffixed(s.parse().unwrap_or_default()),
            };
            quote!(#lit)
        }
        (TypeRef::Scalar(Scalar::Binary(e)), Value::String(s)) => wire::binary_literal(*e, s),
        (TypeRef::Scalar(scalar), Value::String(s)) if scalar.is_string_encoded() => {
            quote!(#s.parse().expect("the generator checked this default"))
        }
        (TypeRef::Scalar(Scalar::Null), _) => quote!(()),
        (TypeRef::Scalar(Scalar::Json), v) => {
            let text = v.to_string();
            let tokens: TokenStream = text.parse().unwrap_or_else(|_| quote!(null));
            quote!(serde_json::json!(#tokens))
        }
        (TypeRef::Scalar(_), Value::Number(n)) => {
            let lit = Literal::i128_unsuffixed(
                n.as_i64()
                    .map(i128::from)
                    .or(n.as_u64().map(i128::from))
                    .unwrap_or_default(),
            );
            quote!(#lit)
        }
        (TypeRef::Named(id), v) => named_default(ir, *id, v),
        (TypeRef::Vec(item), Value::Array(items)) => {
            let items = items.iter().map(|v| default_expr(ir, item, v));
            quote!(vec![#(#items),*])
        }
        (TypeRef::Map(value_ty), Value::Object(entries)) => {
            let entries = entries.iter().map(|(k, v)| {
                let v = default_expr(ir, value_ty, v);
                quote!((#k.to_owned(), #v))
            });
            quote!(::std::collections::BTreeMap::from([#(#entries),*]))
        }
        (TypeRef::Boxed(inner), v) => {
            let inner = default_expr(ir, inner, v);
            quote!(Box::new(#inner))
        }
        (TypeRef::Nullable(_), Value::Null) => quote!(None),
        (TypeRef::Nullable(inner), v) => {
            let inner = default_expr(ir, inner, v);
            quote!(Some(#inner))
        }
        _ => quote!(Default::default()),
    }
}

/// [`default_expr`] for a generated type. Lowering checked the value against the type
/// (`fit`), so each member, element and choice is there to be written.
fn named_default(ir: &Ir, id: crate::ir::TypeId, value: &serde_json::Value) -> TokenStream {
    use serde_json::Value;
    let def = ir.get(id);
    let name = ident(&def.name);
    if def.replacement.is_some() {
        // Built from its JSON form, which the replacement shares (the generator checked the
        // default against the schema's type).
        let json = value.to_string();
        return quote!(serde_json::from_str::<#name>(#json).expect("the schema's default has the replaced type's JSON form"));
    }
    match (&def.kind, value) {
        (TypeKind::Alias(inner), v) => default_expr(ir, inner, v),
        (TypeKind::Newtype(n), v) => {
            let inner = default_expr(ir, &n.ty, v);
            quote!(#name(#inner))
        }
        (TypeKind::Enum(e), Value::String(s)) => {
            let variant = e
                .variants
                .iter()
                .find(|v| &v.json_value == s)
                .map(|v| ident(&v.rust_name));
            quote!(#name::#variant)
        }
        (TypeKind::Struct(st), Value::Object(members)) => {
            let fields = st.fields.iter().map(|f| {
                let field = ident(&f.rust_name);
                match members.get(&f.json_name) {
                    None => quote!(#field: None),
                    Some(v) => {
                        let v = default_expr(ir, &f.ty, v);
                        if f.is_optional() {
                            quote!(#field: Some(#v))
                        } else {
                            quote!(#field: #v)
                        }
                    }
                }
            });
            let additional = st.additional.as_ref().map(|a| {
                let field = ident(&a.rust_name);
                let entries: Vec<_> = members
                    .iter()
                    .filter(|(k, _)| !st.fields.iter().any(|f| &f.json_name == *k))
                    .map(|(k, v)| {
                        let v = default_expr(ir, &a.ty, v);
                        quote!((#k.to_owned(), #v))
                    })
                    .collect();
                if entries.is_empty() {
                    quote!(#field: ::std::collections::BTreeMap::new())
                } else {
                    quote!(#field: ::std::collections::BTreeMap::from([#(#entries),*]))
                }
            });
            let fields = fields.chain(additional);
            quote!(#name { #(#fields),* })
        }
        (TypeKind::Tuple(elements), Value::Array(items)) => {
            let items = items
                .iter()
                .zip(elements)
                .map(|(v, e)| default_expr(ir, &e.ty, v));
            quote!(#name(#(#items),*))
        }
        (TypeKind::Choice(choice), Value::Object(members)) => {
            let chosen = match &choice.selector {
                None => members.iter().next().and_then(|(tag, v)| {
                    let c = choice.variants.iter().find(|c| &c.json_name == tag)?;
                    Some((c, v.clone()))
                }),
                Some(selector) => {
                    let tag = members.get(selector).and_then(Value::as_str);
                    let c = choice
                        .variants
                        .iter()
                        .find(|c| Some(c.json_name.as_str()) == tag);
                    c.map(|c| (c, crate::fit::without(members, selector)))
                }
            };
            match chosen {
                Some((c, v)) => {
                    let variant = ident(&c.rust_name);
                    let v = default_expr(ir, &c.ty, &v);
                    quote!(#name::#variant(#v))
                }
                None => quote!(Default::default()),
            }
        }
        (TypeKind::Untagged(members), v) => {
            let member = members.iter().find(|m| match &m.ty {
                None => v.is_null(),
                Some(ty) => crate::fit::fits(&ir.types, ty, v),
            });
            match member {
                Some(m) => {
                    let variant = ident(&m.rust_name);
                    match &m.ty {
                        None => quote!(#name::#variant),
                        Some(ty) => {
                            let v = default_expr(ir, ty, v);
                            quote!(#name::#variant(#v))
                        }
                    }
                }
                None => quote!(Default::default()),
            }
        }
        _ => quote!(Default::default()),
    }
}

/// `#[doc]` attributes, one per line, so prettyplease prints them as `///` comments.
pub(crate) fn doc_attrs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #line])
    });
    quote!(#(#attrs)*)
}

/// Text from a schema made safe for rustdoc: brackets and angle brackets would otherwise be
/// read as intra-doc links and HTML.
pub(crate) fn doc_text(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| {
            l.trim_end()
                .replace('[', "\\[")
                .replace(']', "\\]")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        })
        .collect()
}

/// The doc lines of a schema node: description, then default and examples.
pub(crate) fn doc_lines(docs: &Docs, default: Option<&serde_json::Value>) -> Vec<String> {
    let mut lines = docs
        .description
        .as_deref()
        .map(doc_text)
        .unwrap_or_default();
    let mut facts = docs.facts.clone();
    if let Some(d) = default {
        facts.push(format!("Default: `{d}`."));
    }
    if !docs.examples.is_empty() {
        let examples: Vec<_> = docs.examples.iter().map(|e| format!("`{e}`")).collect();
        facts.push(format!("Examples: {}.", examples.join(", ")));
    }
    if !facts.is_empty() && !lines.is_empty() {
        lines.push(String::new());
    }
    lines.extend(facts);
    lines
}

/// Docs of a generated type: its description and where the schema declares it.
pub(crate) fn type_docs(t: &TypeDef) -> TokenStream {
    let mut lines = doc_lines(&t.docs, None);
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(format!("Schema: `#{}`.", t.pointer));
    doc_attrs(&lines)
}
