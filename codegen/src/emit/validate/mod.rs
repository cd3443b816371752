//! `src/validate.rs`: validators generated from the schema. Two entry points per type, both
//! reporting *every* violation with the SDK catalogue's instance code, a message and the JSON
//! pointer of the offending value: `validate_json`/`validate_str`/`from_json_str` on raw JSON
//! (JSON types, required properties, enum values, integer ranges, closed objects, constraints;
//! `line:col` from text), and `validate()` on typed values (the constraints the Rust types cannot
//! express). Constraint checks are generated inline; small helpers cover the JSON type checks.

use std::collections::BTreeSet;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{a, ident};
use crate::ir::{
    Choice, Constrained, Constraint, Element, Field, Ir, Member, Presence, Scalar, Struct, TypeDef,
    TypeId, TypeKind, TypeRef,
};
use crate::pattern::{Engine, Pattern, BACKTRACK_LIMIT};
use crate::schema::{Contains, SubschemaId};

mod checks;
mod compounds;
mod formats;
mod members;
mod objects;
mod shapes;

use checks::*;
use compounds::*;
pub use formats::format_support;
pub(crate) use formats::FORMATS;
use formats::*;
use members::*;
use objects::*;
use shapes::*;

/// `checks` as one call expression, when it is one call statement (so a closure reads
/// `|c, s| c.max_length(s, 64)`).
fn single_call(checks: &TokenStream) -> Option<TokenStream> {
    let block = syn::parse2::<syn::Block>(quote!({ #checks })).ok()?;
    match block.stmts.as_slice() {
        [syn::Stmt::Expr(call @ (syn::Expr::MethodCall(_) | syn::Expr::Call(_)), Some(_))] => {
            Some(quote!(#call))
        }
        _ => None,
    }
}

/// The body of a closure that runs `checks`: the call alone when it is one, a block otherwise.
fn closure_body(checks: TokenStream) -> TokenStream {
    single_call(&checks).unwrap_or_else(|| quote!({ #checks }))
}

/// `checks` run inside member `name` (an expression of a `&str`): one `c.at` line for a single
/// call; a block of several stays flat between `enter` and `leave`.
fn inside_member(name: TokenStream, checks: TokenStream) -> TokenStream {
    match single_call(&checks) {
        Some(call) => quote!(c.at(#name, |c| #call);),
        None => quote!(c.enter(#name); #checks c.leave();),
    }
}

/// Whether the crate gets validators: it has a type that is more than an alias or enum.
pub fn wanted(ir: &Ir) -> bool {
    ir.types.iter().any(|t| {
        !matches!(
            t.kind,
            TypeKind::Alias(_) | TypeKind::Enum(_) | TypeKind::Abstract
        )
    })
}

/// The engines the enforced patterns run on (the crate depends on `regex` for the linear one,
/// on `fancy-regex` for the bounded backtracking one).
pub fn regex_engines(ir: &Ir) -> BTreeSet<Engine> {
    let mut engines = BTreeSet::new();
    each_constraint(ir, &mut |c| match c {
        Constraint::Pattern(p) => {
            engines.insert(p.engine);
        }
        Constraint::PatternValues(patterns) => {
            engines.extend(patterns.iter().map(|(p, _)| p.engine))
        }
        _ => {}
    });
    engines
}

/// Calls `f` on every constraint the validators enforce, the key names' ones included.
fn each_constraint(ir: &Ir, f: &mut dyn FnMut(&Constraint)) {
    fn visit(constraints: &[Constraint], f: &mut dyn FnMut(&Constraint)) {
        for c in constraints {
            f(c);
            if let Constraint::KeyNames(names) = c {
                visit(names, f);
            }
        }
    }
    // Subschemas (of `contains`, `has`, composition, ...) are in a table of their own.
    for subschema in ir.subschemas.values() {
        visit(&subschema.constraints, f);
        visit(&subschema.item_constraints, f);
    }
    for t in &ir.types {
        let lists: Vec<&[Constraint]> = match &t.kind {
            TypeKind::Struct(s) => std::iter::once(s.constraints.as_slice())
                .chain(
                    s.fields
                        .iter()
                        .flat_map(|f| [f.constraints.as_slice(), &f.item_constraints]),
                )
                .chain(s.additional.iter().map(|a| a.constraints.as_slice()))
                .collect(),
            TypeKind::Newtype(n) => vec![&n.constraints, &n.item_constraints],
            TypeKind::Tuple(elements) => elements
                .iter()
                .flat_map(|e| [e.constraints.as_slice(), &e.item_constraints])
                .collect(),
            _ => Vec::new(),
        };
        for list in lists {
            visit(list, f);
        }
    }
}

/// What the generated checks use, so nothing unused is emitted.
#[derive(Default)]
struct Needs {
    /// Some check depends on the add-ins a document enables (`$uses`).
    add_ins: bool,
    /// Regular expressions as compiled, for the linear engine and for the bounded one:
    /// anchored for `pattern`, as written for member names.
    patterns: Vec<String>,
    /// The bounded engine's, with the pattern as the schema wrote it (for messages).
    backtracking: Vec<(String, String)>,
}

impl Needs {
    /// The index of `p` as compiled, the whole string or (`whole` false) a search, in the
    /// generated table of its engine (`PATTERNS` or `BACKTRACKING_PATTERNS`).
    fn regex_index(&mut self, p: &Pattern, whole: bool) -> usize {
        let compiled = if whole {
            format!("^(?:{})$", p.source)
        } else {
            p.source.clone()
        };
        match p.engine {
            Engine::Linear => position_or_push(&mut self.patterns, compiled),
            Engine::Backtracking => {
                position_or_push(&mut self.backtracking, (p.ecma.clone(), compiled))
            }
        }
    }

    /// A search for `p` in `key` (a `&str`), as a `bool`. A name the bounded engine cannot
    /// decide counts as matching, so its value is checked.
    fn name_test(&mut self, p: &Pattern, key: TokenStream) -> TokenStream {
        let index = self.regex_index(p, false);
        match p.engine {
            Engine::Linear => quote!(PATTERNS.get(#index).is_match(#key)),
            Engine::Backtracking => quote!(BACKTRACKING_PATTERNS.find_in(#index, #key)),
        }
    }

    /// The whole-string check of `s` (a `&str`) against `p`.
    fn pattern_check(&mut self, p: &Pattern, s: TokenStream) -> TokenStream {
        let index = self.regex_index(p, true);
        match p.engine {
            Engine::Linear => {
                let message = format!("String does not match pattern: {}", p.ecma);
                quote! {
                    if !PATTERNS.get(#index).is_match(#s) {
                        c.report(ViolationCode::StringPatternMismatch, #message.into());
                    }
                }
            }
            Engine::Backtracking => quote!(BACKTRACKING_PATTERNS.check_match(c, #index, #s);),
        }
    }
}

/// The index of `item` in `table`, added at the end when it is not there yet.
fn position_or_push<T: PartialEq>(table: &mut Vec<T>, item: T) -> usize {
    match table.iter().position(|t| *t == item) {
        Some(index) => index,
        None => {
            table.push(item);
            table.len() - 1
        }
    }
}

/// The shape of a type the consumer replaced: its replacement's own, under the name the other
/// shapes use (the replacement validates itself; this crate only hands over).
fn replaced_shape(t: &TypeDef) -> TokenStream {
    let name = ident(&t.name);
    let shape = ident(&format!("{}Shape", t.name));
    let doc = format!(
        " How a [`{0}`](crate::{0}) is checked as it is read: as its replacement checks itself.",
        t.name
    );
    quote! {
        #[doc = #doc]
        #[derive(Clone, Copy, Default)]
        pub struct #shape;

        jstruct_runtime::forward_shape!(
            #shape => <crate::#name as Validate>::Shape::default(),
            <<crate::#name as Validate>::Shape as Shape>::EXPECTED
        );
    }
}

pub fn emit(ir: &Ir) -> TokenStream {
    let mut needs = Needs::default();
    let mut impls = Vec::new();
    for (index, t) in ir.types.iter().enumerate() {
        let id = TypeId(index);
        if t.replacement.is_some() {
            impls.push(replaced_shape(t));
            continue;
        }
        match &t.kind {
            TypeKind::Struct(s) => impls.push(struct_impl(ir, id, s, &mut needs)),
            TypeKind::Union(u) => impls.push(union_impl(ir, id, u, &mut needs)),
            TypeKind::Untagged(members) => impls.push(untagged_impl(ir, id, members, &mut needs)),
            TypeKind::Tuple(elements) => impls.push(tuple_impl(ir, id, elements, &mut needs)),
            TypeKind::Choice(choice) => impls.push(choice_impl(ir, id, choice, &mut needs)),
            TypeKind::Newtype(n) => impls.push(newtype_impl(ir, id, n, &mut needs)),
            _ => {}
        }
    }
    let patterns = (!needs.patterns.is_empty()).then(|| {
        let sources = &needs.patterns;
        quote! {
            /// The schema's patterns: anchored where a string must match as a whole (`pattern`,
            /// as the Validation spec says), searched in member names (`patternProperties`).
            static PATTERNS: Patterns = Patterns::new(&[#(#sources),*]);
        }
    });
    let backtracking = (!needs.backtracking.is_empty()).then(|| {
        let entries = needs
            .backtracking
            .iter()
            .map(|(ecma, compiled)| quote!((#ecma, #compiled)));
        let limit = Literal::usize_unsuffixed(BACKTRACK_LIMIT);
        quote! {
            /// The patterns that need look-around or back-references: as the schema wrote them,
            /// and as compiled (see `PATTERNS`), with the backtracking steps one match may take.
            static BACKTRACKING_PATTERNS: BoundedPatterns = BoundedPatterns::new(&[#(#entries),*], #limit);
        }
    });
    let add_ins = ir.add_ins.as_ref().filter(|_| needs.add_ins).map(|a| {
        let names = &a.names;
        quote! {
            /// The add-ins the schema offers, by the names `$uses` gives them: the checker keeps
            /// one bit per entry for those the document enables.
            const ADD_INS: &[&str] = &[#(#names),*];
        }
    });
    quote! {
        use jstruct_runtime::validate::prelude::*;

        #add_ins

        #patterns

        #backtracking

        #(#impls)*
    }
}

/// What every validated named type gets: its `Validate` impl (whose provided methods are the
/// entry points) with the typed `check` the caller supplies, any other methods of the caller's
/// on the type, and the declaration of its unit shape struct, `<Type>Shape`, whose `impl
/// Shape` the caller writes. A type that carries composition rules is checked by them too
/// (`with_type_rules`): its documents through `<Type>Checked`, its typed values by `validate`.
fn validator_frame(
    ir: &Ir,
    id: TypeId,
    check: TokenStream,
    methods: TokenStream,
    needs: &mut Needs,
) -> TokenStream {
    let t = ir.get(id);
    let name = ident(&t.name);
    let shape = ident(&format!("{}Shape", t.name));
    let shape_doc = format!(
        " How {} [`{1}`](crate::{1}) is checked as it is read.",
        a(&t.name),
        t.name
    );
    let (document_shape, with_rules) = match &t.rules {
        Some(_) => {
            let named = TypeRef::Named(id);
            let full = json_shape(ir, &named, &[], &[], needs);
            let typed = typed_value_check(ir, &named, &[], &[], quote!(self), needs);
            let checked = ident(&format!("{}Checked", t.name));
            let doc = format!(
                " How {} [`{1}`](crate::{1}) document is checked: its own shape, then the composition rules.",
                a(&t.name),
                t.name
            );
            let validate = quote! {
                fn validate(&self) -> Result<(), ValidationErrors> {
                    let mut c = Checker::default();
                    {
                        let c = &mut c;
                        #typed
                    }
                    c.finish()
                }
            };
            let decl = quote! {
                #[doc = #doc]
                #[derive(Clone, Copy, Default)]
                pub struct #checked;

                jstruct_runtime::forward_shape!(#checked => #full, <#shape as Shape>::EXPECTED);
            };
            (checked, Some((validate, decl)))
        }
        None => (shape.clone(), None),
    };
    let (validate, checked_decl) = with_rules.unzip();
    let inherent = (!methods.is_empty()).then(|| {
        quote! {
            impl crate::#name {
                #methods
            }
        }
    });
    quote! {
        impl Validate for crate::#name {
            type Shape = #document_shape;

            #check

            #validate
        }

        #inherent

        #[doc = #shape_doc]
        #[derive(Clone, Copy, Default)]
        pub struct #shape;

        #checked_decl
    }
}

/// `impl Shape for <shape>` whose every method is `target`'s (an expression of a shape).
fn forwarding_shape(
    shape: &TokenStream,
    expected: TokenStream,
    target: TokenStream,
) -> TokenStream {
    quote!(jstruct_runtime::forward_shape!(#shape => #target, #expected);)
}
