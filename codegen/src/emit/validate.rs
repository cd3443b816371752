//! `src/validate.rs`: validators generated from the schema. Two entry points per type, both
//! reporting *every* violation with the SDK catalogue's instance code, a message and the JSON
//! pointer of the offending value: `validate_json`/`validate_str`/`from_json_str` on raw JSON
//! (JSON types, required properties, enum values, integer ranges, closed objects, constraints;
//! `line:col` from text), and `validate()` on typed values (the constraints the Rust types cannot
//! express). Constraint checks are generated inline; small helpers cover the JSON type checks.

use std::collections::BTreeSet;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::ident;
use crate::ir::{
    Choice, Constrained, Constraint, Element, Field, Ir, Member, Presence, Scalar, Struct, TypeId,
    TypeKind, TypeRef,
};
use crate::pattern::{Engine, Pattern, BACKTRACK_LIMIT};
use crate::schema::{Contains, SubschemaId};

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

/// How the validators check a `format`.
#[derive(Clone, Copy)]
enum FormatCheck {
    /// A function of the generated `formats` module (the generator's `runtime::formats`).
    Runtime(&'static str),
    /// An ECMA-262 regular expression, as `regress` (an ECMA-262 engine) reads it.
    Regex,
}

/// The formats the validators check: the Validation spec's list, and the date, time, URI and
/// UUID formats the SDK catalogue has codes for (whose codes are the catalogue's; the others'
/// are this generator's). Any other `format` is an annotation.
const FORMATS: &[(&str, &str, &str, FormatCheck)] = &[
    (
        "ipv4",
        "INSTANCE_FORMAT_IPV4_INVALID",
        "String is not a valid IPv4 address",
        FormatCheck::Runtime("is_ipv4"),
    ),
    (
        "ipv6",
        "INSTANCE_FORMAT_IPV6_INVALID",
        "String is not a valid IPv6 address",
        FormatCheck::Runtime("is_ipv6"),
    ),
    (
        "email",
        "INSTANCE_FORMAT_EMAIL_INVALID",
        "String is not a valid email address",
        FormatCheck::Runtime("is_email"),
    ),
    (
        "idn-email",
        "INSTANCE_FORMAT_IDN_EMAIL_INVALID",
        "String is not a valid internationalized email address",
        FormatCheck::Runtime("is_idn_email"),
    ),
    (
        "hostname",
        "INSTANCE_FORMAT_HOSTNAME_INVALID",
        "String is not a valid hostname",
        FormatCheck::Runtime("is_hostname"),
    ),
    (
        "idn-hostname",
        "INSTANCE_FORMAT_IDN_HOSTNAME_INVALID",
        "String is not a valid internationalized hostname",
        FormatCheck::Runtime("is_idn_hostname"),
    ),
    (
        "iri",
        "INSTANCE_FORMAT_IRI_INVALID",
        "String is not a valid IRI",
        FormatCheck::Runtime("is_iri"),
    ),
    (
        "iri-reference",
        "INSTANCE_FORMAT_IRI_REFERENCE_INVALID",
        "String is not a valid IRI reference",
        FormatCheck::Runtime("is_iri_reference"),
    ),
    (
        "uri-template",
        "INSTANCE_FORMAT_URI_TEMPLATE_INVALID",
        "String is not a valid URI template",
        FormatCheck::Runtime("is_uri_template"),
    ),
    (
        "relative-json-pointer",
        "INSTANCE_FORMAT_RELATIVE_JSON_POINTER_INVALID",
        "String is not a valid relative JSON pointer",
        FormatCheck::Runtime("is_relative_json_pointer"),
    ),
    (
        "regex",
        "INSTANCE_FORMAT_REGEX_INVALID",
        "String is not a valid regular expression",
        FormatCheck::Regex,
    ),
    (
        "uri",
        "INSTANCE_FORMAT_URI_INVALID",
        "String is not a valid URI",
        FormatCheck::Runtime("is_uri"),
    ),
    (
        "uri-reference",
        "INSTANCE_FORMAT_URI_REFERENCE_INVALID",
        "String is not a valid URI reference",
        FormatCheck::Runtime("is_uri_reference"),
    ),
    (
        "date",
        "INSTANCE_FORMAT_DATE_INVALID",
        "String is not a valid date",
        FormatCheck::Runtime("is_date"),
    ),
    (
        "time",
        "INSTANCE_FORMAT_TIME_INVALID",
        "String is not a valid time",
        FormatCheck::Runtime("is_time"),
    ),
    (
        "date-time",
        "INSTANCE_FORMAT_DATETIME_INVALID",
        "String is not a valid date-time",
        FormatCheck::Runtime("is_datetime"),
    ),
    (
        "datetime",
        "INSTANCE_FORMAT_DATETIME_INVALID",
        "String is not a valid date-time",
        FormatCheck::Runtime("is_datetime"),
    ),
    (
        "uuid",
        "INSTANCE_FORMAT_UUID_INVALID",
        "String is not a valid UUID",
        FormatCheck::Runtime("is_uuid"),
    ),
];

/// What the enforced formats need from the crate: the `formats` module, and `regress`.
pub fn format_support(ir: &Ir) -> (bool, bool) {
    let (mut runtime, mut regress) = (false, false);
    each_constraint(ir, &mut |c| {
        if let Constraint::Format(f) = c {
            match FORMATS.iter().find(|(name, ..)| name == f) {
                Some((.., FormatCheck::Runtime(_))) => runtime = true,
                Some((.., FormatCheck::Regex)) => regress = true,
                None => {}
            }
        }
    });
    (runtime, regress)
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
                        c.report("INSTANCE_STRING_PATTERN_MISMATCH", #message.into());
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

pub fn emit(ir: &Ir) -> TokenStream {
    let mut needs = Needs::default();
    let mut impls = Vec::new();
    for (index, t) in ir.types.iter().enumerate() {
        let id = TypeId(index);
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

/// The root union: a document is classified (see the type's docs), then checked as that branch;
/// a document no branch fits is one violation.
fn union_impl(ir: &Ir, id: TypeId, u: &crate::ir::Union, needs: &mut Needs) -> TokenStream {
    let t = ir.get(id);
    let name = ident(&t.name);
    let shape = ident(&format!("{}Shape", t.name));
    let kind = ident(&format!("{}Kind", t.name));
    let variants: Vec<_> = u.branches.iter().map(|b| ident(&b.rust_name)).collect();
    let shapes: Vec<_> = u
        .branches
        .iter()
        .map(|b| ident(&format!("{}Shape", ir.get(b.ty).name)))
        .collect();
    let frame = validator_frame(
        ir,
        id,
        quote! {
            fn check(&self, c: &mut Checker) {
                match self {
                    #(Self::#variants(value) => value.check(c),)*
                }
            }
        },
        quote!(),
        needs,
    );
    quote! {
        #frame

        impl #shape {
            // Classifying needs the whole document, so the shape reads a tree.
            fn check(c: &mut Checker, value: &Value) {
                match value.as_object().map(crate::#name::classify) {
                    None => c.report("INSTANCE_OBJECT_EXPECTED", "Value must be an object".into()),
                    Some(Err(e)) => c.report("INSTANCE_ONE_OF_INVALID_COUNT", e.to_string()),
                    #(Some(Ok(crate::#kind::#variants)) => {
                        let _ = Seed(&mut *c, #shapes).deserialize(value);
                    })*
                }
            }
        }

        jstruct_runtime::forward_shape!(#shape => AsTree(Self::check), ("INSTANCE_OBJECT_EXPECTED", "Value must be an object"));
    }
}

// Model types are named through `crate::` here: a shape is called `<Type>Shape`, which may also
// be the name of a model type (a property `shape` of `Type`), and the local name would win.
fn struct_impl(ir: &Ir, id: TypeId, s: &Struct, needs: &mut Needs) -> TokenStream {
    let t = ir.get(id);
    let shape = ident(&format!("{}Shape", t.name));
    let field_count = Literal::usize_unsuffixed(s.fields.len());
    let arms: Vec<_> = s
        .fields
        .iter()
        .enumerate()
        .map(|(index, f)| {
            let json = &f.json_name;
            let index = Literal::usize_unsuffixed(index);
            let field_shape = json_shape(ir, &f.ty, &f.constraints, &f.item_constraints, needs);
            let add_in = add_in_presence(ir, s, f, needs);
            quote! {
                #json => {
                    c.mark_present(&mut present, #index, #json);
                    map.next_value_seed(Seed(&mut *c, #field_shape))?;
                    #add_in
                }
            }
        })
        .collect();
    // What a member that is no field does: read by the additional-properties shape, reported,
    // or skipped.
    let unknown = if let Some(a) = s.additional.as_ref().filter(|a| a.declared) {
        let value_shape = json_shape(ir, &a.ty, &a.constraints, &[], needs);
        quote!({
            map.next_value_seed(Seed(&mut *c, #value_shape))?;
        })
    } else if s.deny_unknown_fields {
        quote!({
            c.report(
                "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED",
                format!("Additional property not allowed: {key}"),
            );
            map.next_value::<IgnoredAny>()?;
        })
    } else {
        quote!({
            map.next_value::<IgnoredAny>()?;
        })
    };
    // Without fields there is nothing to match or to mark present (code a linter would flag).
    let (present_decl, dispatch) = if arms.is_empty() {
        (quote!(), unknown)
    } else {
        (
            quote!(let mut present = [false; #field_count];),
            quote! {
                match key.as_ref() {
                    #(#arms)*
                    _ => #unknown
                }
            },
        )
    };
    let required = s.fields.iter().enumerate().filter(|(_, f)| f.presence == Presence::Required).map(|(index, f)| {
        let json = &f.json_name;
        let index = Literal::usize_unsuffixed(index);
        quote! {
            if !present[#index] {
                c.report("INSTANCE_REQUIRED_PROPERTY_MISSING", format!("Missing required property: {}", #json));
            }
        }
    });
    let add_in_required: Vec<_> = s
        .fields
        .iter()
        .enumerate()
        .filter_map(|(index, f)| {
            let check = add_in_required(ir, f, needs)?;
            let index = Literal::usize_unsuffixed(index);
            Some(quote!(if !present[#index] { #check }))
        })
        .collect();
    let index_of = |name: &str| s.fields.iter().position(|f| f.json_name == name);
    let object_checks = object_checks(&s.constraints, quote!(count), &|name| {
        let i = Literal::usize_unsuffixed(index_of(name)?);
        Some((quote!(present[#i]), quote!(!present[#i])))
    });
    let counts = s.constraints.iter().any(|c| {
        matches!(
            c,
            Constraint::MinProperties(_) | Constraint::MaxProperties(_)
        )
    });
    let (count_decl, count_step) = if counts {
        (quote!(let mut count = 0usize;), quote!(count += 1;))
    } else {
        (quote!(), quote!())
    };
    let mut typed_fields: Vec<_> = s.fields.iter().map(|f| typed_check(ir, f, needs)).collect();
    typed_fields.extend(
        s.fields
            .iter()
            .map(|f| typed_add_in_checks(ir, s, f, needs)),
    );
    if let Some(a) = &s.additional {
        let field = ident(&a.rust_name);
        let check = typed_value_check(ir, &a.ty, &a.constraints, &[], quote!(value), needs);
        if !check.is_empty() {
            typed_fields.push(quote! {
                for (key, value) in &self.#field {
                    c.enter(key);
                    #check
                    c.leave();
                }
            });
        }
    }
    let typed_object = object_checks_typed(s);
    let members = member_checks(ir, &s.constraints, Owner::Object, needs);
    let typed_members = members
        .is_some()
        .then(|| typed_member_checks(&quote!(self), quote!(Self::check_members(c, members);)));
    let rules = rules_checks(ir, &s.constraints, needs);
    let typed_rules = rules.is_some().then(|| {
        quote! {
            if let Ok(json) = serde_json::to_value(self) {
                Self::check_rules(c, &json);
            }
        }
    });
    let checker = if typed_fields.iter().all(TokenStream::is_empty)
        && typed_object.is_empty()
        && typed_members.is_none()
        && typed_rules.is_none()
    {
        quote!(_: &mut Checker)
    } else {
        quote!(c: &mut Checker)
    };
    let name = ident(&t.name);
    let check_members = members.as_ref().map(|checks| {
        quote! {
            /// The checks of the members as a whole.
            fn check_members(c: &mut Checker, members: &serde_json::Map<String, Value>) {
                #checks
            }
        }
    });
    let check_rules = rules.as_ref().map(|checks| {
        quote! {
            /// The composition rules, on the object as JSON.
            fn check_rules(c: &mut Checker, json: &Value) {
                #checks
            }
        }
    });
    // With checks of the object as a whole, the shape reads it into a tree (`WithMembers`,
    // `AsTree`) and its members are read from that by a shape of their own.
    let (reader, wrap) = if members.is_none() && rules.is_none() {
        (shape.clone(), None)
    } else {
        let reader = ident(&format!("{}Members", t.name));
        let reader_doc = format!(
            " The members of a [`{0}`](crate::{0}), read one by one.",
            t.name
        );
        let mut outer = quote!(#reader);
        if members.is_some() {
            outer = quote!(WithMembers(#outer, crate::#name::check_members));
        }
        if rules.is_some() {
            outer = quote! {
                AsTree(|c: &mut Checker, json: &Value| {
                    let _ = Seed(&mut *c, #outer).deserialize(json);
                    crate::#name::check_rules(c, json);
                })
            };
        }
        let wrap = quote! {
            impl Shape for #shape {
                const EXPECTED: Expected = #reader::EXPECTED;

                fn on_map<'de, A: MapAccess<'de>>(self, c: &mut Checker, map: A) -> Result<(), A::Error> {
                    #outer.on_map(c, map)
                }
            }

            #[doc = #reader_doc]
            #[derive(Clone, Copy)]
            pub(crate) struct #reader;
        };
        (reader, Some(wrap))
    };
    let frame = validator_frame(
        ir,
        id,
        quote! {
            fn check(&self, #checker) {
                #(#typed_fields)*
                #typed_object
                #typed_members
                #typed_rules
            }
        },
        quote!(#check_members #check_rules),
        needs,
    );
    quote! {
        #frame

        #wrap

        impl Shape for #reader {
            const EXPECTED: Expected = ("INSTANCE_OBJECT_EXPECTED", "Value must be an object");

            fn on_map<'de, A: MapAccess<'de>>(self, c: &mut Checker, mut map: A) -> Result<(), A::Error> {
                #present_decl
                #count_decl
                while let Some(Key(key)) = map.next_key()? {
                    #count_step
                    c.enter(&key);
                    #dispatch
                    c.leave();
                }
                #(#required)*
                #(#add_in_required)*
                #object_checks
                Ok(())
            }
        }
    }
}

/// Whether `id` is the enum of the schema's add-ins (what `$uses` lists): reading one enables it.
fn is_add_in_enum(ir: &Ir, id: TypeId) -> bool {
    ir.add_ins.as_ref().is_some_and(|a| a.ty == id)
}

/// For an add-in's field of a closed object, read: a violation unless the document enables the
/// add-in (in an open object the member is an undeclared property when it does not).
fn add_in_presence(ir: &Ir, s: &Struct, f: &Field, needs: &mut Needs) -> Option<TokenStream> {
    let m = f.add_in?;
    if !s.deny_unknown_fields || s.additional.is_some() {
        return None;
    }
    let name = &ir.add_ins.as_ref()?.names[m.add_in];
    let message = format!(
        "Additional property not allowed: {} (it belongs to add-in '{name}', which the document's $uses does not name)",
        f.json_name
    );
    Some(report_on_add_in(
        m.add_in,
        false,
        "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED",
        &message,
        needs,
    ))
}

/// For a field an add-in requires, missing: a violation if the document enables the add-in.
fn add_in_required(ir: &Ir, f: &Field, needs: &mut Needs) -> Option<TokenStream> {
    let m = f.add_in.filter(|m| m.required)?;
    let name = &ir.add_ins.as_ref()?.names[m.add_in];
    let message = format!(
        "Missing required property: {} (add-in '{name}' requires it)",
        f.json_name
    );
    Some(report_on_add_in(
        m.add_in,
        true,
        "INSTANCE_REQUIRED_PROPERTY_MISSING",
        &message,
        needs,
    ))
}

/// A violation that holds only if the document enables add-in `add_in` (`enabled`) or only if
/// it does not: the checker settles it once `$uses` has been read.
fn report_on_add_in(
    add_in: usize,
    enabled: bool,
    code: &str,
    message: &str,
    needs: &mut Needs,
) -> TokenStream {
    needs.add_ins = true;
    let index = Literal::usize_unsuffixed(add_in);
    quote! {
        c.report_on_add_in(#index, #enabled, #code, #message.into());
    }
}

/// [`add_in_presence`] and [`add_in_required`] on a typed value.
fn typed_add_in_checks(ir: &Ir, s: &Struct, f: &Field, needs: &mut Needs) -> TokenStream {
    let name = ident(&f.rust_name);
    let json = &f.json_name;
    let present = add_in_presence(ir, s, f, needs).map(|check| {
        quote! {
            if self.#name.is_some() {
                c.enter(#json);
                #check
                c.leave();
            }
        }
    });
    let required = add_in_required(ir, f, needs).map(|check| {
        quote! {
            if self.#name.is_none() {
                #check
            }
        }
    });
    quote!(#present #required)
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
        " How a [`{0}`](crate::{0}) is checked as it is read.",
        t.name
    );
    let (document_shape, with_rules) = match &t.rules {
        Some(_) => {
            let named = TypeRef::Named(id);
            let full = json_shape(ir, &named, &[], &[], needs);
            let typed = typed_value_check(ir, &named, &[], &[], quote!(self), needs);
            let checked = ident(&format!("{}Checked", t.name));
            let doc = format!(
                " How a [`{0}`](crate::{0}) document is checked: its own shape, then the composition rules.",
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

/// A newtype's shape: the wrapped type's, with the definition's constraints. It is a named
/// unit struct that builds the inner shape on each call, so a newtype that holds itself (in
/// an array, say) has a finite shape type.
fn newtype_impl(ir: &Ir, id: TypeId, n: &Constrained, needs: &mut Needs) -> TokenStream {
    let t = ir.get(id);
    let shape = ident(&format!("{}Shape", t.name));
    let inner = json_shape(ir, &n.ty, &n.constraints, &n.item_constraints, needs);
    let check = typed_value_check(
        ir,
        &n.ty,
        &n.constraints,
        &n.item_constraints,
        quote!(value),
        needs,
    );
    let check = if check.is_empty() {
        quote!(
            fn check(&self, _: &mut Checker) {}
        )
    } else {
        quote! {
            fn check(&self, c: &mut Checker) {
                let value = &self.0;
                #check
            }
        }
    };
    let message = format!("Value must be {}", describe_type(ir, &n.ty));
    let forwarding = forwarding_shape(
        &quote!(#shape),
        quote!(("INSTANCE_TYPE_MISMATCH", #message)),
        quote!(Self::inner()),
    );
    let frame = validator_frame(ir, id, check, quote!(), needs);
    quote! {
        #frame

        impl #shape {
            fn inner() -> impl Shape {
                #inner
            }
        }

        #forwarding
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

/// The shape (an expression of a type implementing `Shape`) a JSON value of type `ty` is
/// checked against, with its constraints.
fn json_shape(
    ir: &Ir,
    ty: &TypeRef,
    constraints: &[Constraint],
    items: &[Constraint],
    needs: &mut Needs,
) -> TokenStream {
    let constraints = &with_type_rules(ir, ty, constraints);
    if let Some(rules) = rules_checks(ir, constraints, needs) {
        // The value as its type says, then the rules, both on one tree.
        let others = without_rules(constraints);
        // A value of any type with no other constraints has nothing to check but the rules.
        let inner =
            (!matches!(ty, TypeRef::Scalar(Scalar::Json)) || !others.is_empty()).then(|| {
                let inner = plain_shape(ir, ty, &others, items, needs);
                quote!(let _ = Seed(&mut *c, #inner).deserialize(json);)
            });
        return quote! {
            AsTree(|c: &mut Checker, json: &Value| {
                #inner
                #rules
            })
        };
    }
    plain_shape(ir, ty, constraints, items, needs)
}

/// [`json_shape`] without the composition rules (its caller wraps them around this).
fn plain_shape(
    ir: &Ir,
    ty: &TypeRef,
    constraints: &[Constraint],
    items: &[Constraint],
    needs: &mut Needs,
) -> TokenStream {
    let closure = |param: TokenStream, checks: TokenStream| {
        if checks.is_empty() {
            quote!(|_, _| {})
        } else {
            quote!(|c, #param| { #checks })
        }
    };
    match ty {
        TypeRef::Scalar(Scalar::Json) => {
            quote!(IsAny)
        }
        TypeRef::Scalar(Scalar::Bool) => match bool_const(constraints) {
            Some(b) => quote!(IsBool(Some(#b))),
            None => quote!(IsBool(None)),
        },
        TypeRef::Scalar(Scalar::String) => {
            let checks = closure(quote!(s), string_checks(constraints, quote!(s), needs));
            quote!(IsStr(#checks))
        }
        TypeRef::Scalar(Scalar::F32 | Scalar::F64) => {
            let checks = closure(quote!(n), number_checks(constraints, quote!(n)));
            quote!(IsNum(#checks))
        }
        TypeRef::Scalar(Scalar::Null) => {
            quote!(IsNull)
        }
        TypeRef::Scalar(text) if text.is_string_encoded() => {
            // Numeric text compares enum values as numbers (below), not as text.
            let as_text: Vec<Constraint> = constraints
                .iter()
                .filter(|c| !(is_numeric_text(*text) && matches!(c, Constraint::Enum(_))))
                .cloned()
                .collect();
            let mut checks = string_checks(&as_text, quote!(s), needs);
            if is_numeric_text(*text) {
                let bounds = number_checks(constraints, quote!(n));
                if !bounds.is_empty() {
                    checks.extend(quote!(if let Ok(n) = s.parse::<f64>() { #bounds }));
                }
            }
            let shape = ident(&text_shape_name(*text));
            let checks = closure(quote!(s), checks);
            quote!(#shape(#checks))
        }
        TypeRef::Scalar(int) => {
            let (type_name, lo, hi) = integer(*int);
            let (lo, hi) = (Literal::i64_unsuffixed(lo), Literal::i64_unsuffixed(hi));
            let checks = closure(quote!(n), number_checks(constraints, quote!(n)));
            quote!(IsInt(#type_name, #lo, #hi, #checks))
        }
        TypeRef::Boxed(inner) => json_shape(ir, inner, constraints, items, needs),
        TypeRef::Nullable(inner) => {
            let inner = json_shape(ir, inner, constraints, items, needs);
            quote!(IsNullable(#inner))
        }
        TypeRef::Named(id) if is_add_in_enum(ir, *id) => {
            needs.add_ins = true;
            quote!(IsEnum(ADD_INS, |c, name| c.enable_add_in(ADD_INS, name)))
        }
        TypeRef::Named(id) => match &ir.get(*id).kind {
            TypeKind::Enum(e) => {
                let values = e.variants.iter().map(|v| v.json_value.as_str());
                let checks = closure(quote!(s), string_checks(constraints, quote!(s), needs));
                quote!(IsEnum(&[#(#values),*], #checks))
            }
            TypeKind::Alias(inner) => json_shape(ir, inner, constraints, items, needs),
            _ => {
                let shape = ident(&format!("{}Shape", ir.get(*id).name));
                quote!(#shape)
            }
        },
        TypeRef::Vec(item) => {
            let item_shape = json_shape(ir, item, items, &[], needs);
            let counts = count_checks(constraints, quote!(len), Counted::Items);
            let counts = closure(quote!(len), counts);
            let unique = constraints.contains(&Constraint::UniqueItems);
            let array = quote!(IsArray(#item_shape, #counts, #unique));
            match contains(constraints) {
                Some(contains) => {
                    let shape = subschema_shape(ir, contains.schema, needs);
                    let (min, max) = contains_bounds(contains);
                    quote!(WithContains(#array, #shape, #min, #max))
                }
                None => array,
            }
        }
        TypeRef::Map(inner) => {
            let keys = closure(
                quote!(key),
                key_checks(constraints, Owner::Map, quote!(key), needs),
            );
            let value_shape = json_shape(ir, inner, items, &[], needs);
            let counts = count_checks(constraints, quote!(len), Counted::Entries);
            let counts = closure(quote!(len), counts);
            let map = quote!(IsMap(#value_shape, #counts, #keys));
            match member_checks(ir, constraints, Owner::Map, needs) {
                Some(checks) => {
                    let checks = member_checks_fn(checks);
                    quote!(WithMembers(#map, #checks))
                }
                None => map,
            }
        }
    }
}

/// The `const` of a boolean schema.
fn bool_const(constraints: &[Constraint]) -> Option<bool> {
    constraints.iter().find_map(|c| match c {
        Constraint::Const(serde_json::Value::Bool(b)) => Some(*b),
        _ => None,
    })
}

/// A choice's shape. Tagged: one member, named for a choice, checked as that choice. Inline: the
/// selector decides, wherever it is among the members, so the object is read once into a tree;
/// the rest of it is then checked as the chosen object.
fn choice_impl(ir: &Ir, id: TypeId, choice: &Choice, needs: &mut Needs) -> TokenStream {
    let t = ir.get(id);
    let shape = ident(&format!("{}Shape", t.name));
    let mut arms = Vec::new();
    let mut forwards = Vec::new();
    for v in &choice.variants {
        let json = &v.json_name;
        let variant = ident(&v.rust_name);
        let variant_shape = json_shape(ir, &v.ty, &[], &[], needs);
        arms.push(match &choice.selector {
            None => quote!(#json => map.next_value_seed(Seed(&mut *c, #variant_shape))?,),
            Some(_) => quote!(#json => {
                let _ = Seed(&mut *c, #variant_shape).deserialize(&value);
            }),
        });
        let check = typed_value_check(ir, &v.ty, &[], &[], quote!(value), needs);
        if !check.is_empty() {
            forwards.push((
                quote!(Self::#variant(value)),
                match &choice.selector {
                    None => quote!(c.enter(#json); #check c.leave();),
                    Some(_) => check,
                },
            ));
        }
    }
    let check = forwarding_check(&forwards, choice.variants.len());
    let on_map = match &choice.selector {
        None => quote! {
            fn on_map<'de, A: MapAccess<'de>>(self, c: &mut Checker, mut map: A) -> Result<(), A::Error> {
                let mut count = 0usize;
                while let Some(Key(key)) = map.next_key()? {
                    count += 1;
                    c.enter(&key);
                    match key.as_ref() {
                        #(#arms)*
                        _ => {
                            c.report("INSTANCE_CHOICE_UNKNOWN", format!("Unknown choice: {key}"));
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                    c.leave();
                }
                match count {
                    0 => c.report("INSTANCE_CHOICE_NO_MATCH", "Value does not match any choice option".into()),
                    1 => {}
                    n => c.report("INSTANCE_CHOICE_MULTIPLE_MATCHES", format!("Value matches {n} choices (should match exactly one)")),
                }
                Ok(())
            }
        },
        Some(selector) => quote! {
            fn on_map<'de, A: MapAccess<'de>>(self, c: &mut Checker, map: A) -> Result<(), A::Error> {
                let mut value = <Value as serde::Deserialize>::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                let chosen = value.as_object_mut().and_then(|members| members.remove(#selector));
                match chosen {
                    None => c.report("INSTANCE_CHOICE_SELECTOR_MISSING", format!("Choice requires selector property: {}", #selector)),
                    Some(Value::String(choice)) => match choice.as_str() {
                        #(#arms)*
                        _ => c.report("INSTANCE_CHOICE_UNKNOWN", format!("Unknown choice: {choice}")),
                    },
                    Some(_) => c.report("INSTANCE_CHOICE_SELECTOR_NOT_STRING", "Selector value must be a string".into()),
                }
                Ok(())
            }
        },
    };
    let frame = validator_frame(ir, id, check, quote!(), needs);
    quote! {
        #frame

        impl Shape for #shape {
            const EXPECTED: Expected = ("INSTANCE_CHOICE_EXPECTED", "Value must be an object (choice)");

            #on_map
        }
    }
}

/// The typed `check` of an enum: each variant whose value has checks forwards to them.
fn forwarding_check(forwards: &[(TokenStream, TokenStream)], variants: usize) -> TokenStream {
    match forwards {
        [] => quote!(
            fn check(&self, _: &mut Checker) {}
        ),
        [(pattern, body)] if variants > 1 => quote! {
            fn check(&self, c: &mut Checker) {
                if let #pattern = self {
                    #body
                }
            }
        },
        _ => {
            let arms = forwards
                .iter()
                .map(|(pattern, body)| quote!(#pattern => { #body }));
            let rest = (forwards.len() < variants).then(|| quote!(_ => {}));
            quote! {
                fn check(&self, c: &mut Checker) {
                    match self {
                        #(#arms)*
                        #rest
                    }
                }
            }
        }
    }
}

/// A tuple's shape: each element read with its own shape, the length checked at the end.
fn tuple_impl(ir: &Ir, id: TypeId, elements: &[Element], needs: &mut Needs) -> TokenStream {
    let t = ir.get(id);
    let shape = ident(&format!("{}Shape", t.name));
    let count = Literal::usize_unsuffixed(elements.len());
    let mut arms = Vec::new();
    let mut checks = Vec::new();
    for (i, e) in elements.iter().enumerate() {
        let index = Literal::usize_unsuffixed(i);
        let element_shape = json_shape(ir, &e.ty, &e.constraints, &e.item_constraints, needs);
        arms.push(
            quote!(#index => seq.next_element_seed(Seed(&mut *c, #element_shape))?.is_some(),),
        );
        let check = typed_value_check(
            ir,
            &e.ty,
            &e.constraints,
            &e.item_constraints,
            quote!(value),
            needs,
        );
        if !check.is_empty() {
            checks.push(quote! {
                let value = &self.#index;
                c.enter_index(#index);
                #check
                c.leave();
            });
        }
    }
    let checker = if checks.is_empty() {
        quote!(_: &mut Checker)
    } else {
        quote!(c: &mut Checker)
    };
    let frame = validator_frame(
        ir,
        id,
        quote! {
            fn check(&self, #checker) {
                #(#checks)*
            }
        },
        quote!(),
        needs,
    );
    quote! {
        #frame

        impl Shape for #shape {
            const EXPECTED: Expected = ("INSTANCE_TUPLE_EXPECTED", "Value must be an array (tuple)");

            fn on_seq<'de, A: SeqAccess<'de>>(self, c: &mut Checker, mut seq: A) -> Result<(), A::Error> {
                let mut len = 0usize;
                loop {
                    c.enter_index(len);
                    let more = match len {
                        #(#arms)*
                        _ => seq.next_element::<IgnoredAny>()?.is_some(),
                    };
                    c.leave();
                    if !more {
                        break;
                    }
                    len += 1;
                }
                if len != #count {
                    c.report("INSTANCE_TUPLE_LENGTH_MISMATCH", format!("Tuple has {len} items but schema defines {}", #count));
                }
                Ok(())
            }
        }
    }
}

/// A type union's shape: the value is read once into a tree, then each member's shape is tried
/// in order; the first without violations is the member. No member fitting is one violation.
fn untagged_impl(ir: &Ir, id: TypeId, members: &[Member], needs: &mut Needs) -> TokenStream {
    let t = ir.get(id);
    let shape = ident(&format!("{}Shape", t.name));
    if t.rules.is_some() {
        // The model of a type-less `anyOf`/`oneOf`: its rules (`with_type_rules`) try the
        // branches and say what is wrong; the shape itself admits any value.
        let frame = validator_frame(
            ir,
            id,
            quote!(
                fn check(&self, _: &mut Checker) {}
            ),
            quote!(),
            needs,
        );
        let forwarding = forwarding_shape(&quote!(#shape), quote!(("", "")), quote!(IsAny));
        return quote!(#frame #forwarding);
    }
    let tries = members
        .iter()
        .map(|m| {
            let member_shape = match &m.ty {
                None => {
                    quote!(IsNull)
                }
                Some(ty) => json_shape(ir, ty, &[], &[], needs),
            };
            quote! {
                if fits(value, #member_shape) {
                    return;
                }
            }
        })
        .collect::<Vec<_>>();
    let labels: Vec<_> = members
        .iter()
        .map(|m| match &m.ty {
            None => "null".to_string(),
            Some(ty) => describe_type(ir, ty),
        })
        .collect();
    let message = format!("Value must be {}", labels.join(" or "));
    let forwards: Vec<_> = members
        .iter()
        .filter_map(|m| {
            let ty = m.ty.as_ref()?;
            let check = typed_value_check(ir, ty, &[], &[], quote!(value), needs);
            if check.is_empty() {
                return None;
            }
            let variant = ident(&m.rust_name);
            Some((quote!(Self::#variant(value)), check))
        })
        .collect();
    let check = forwarding_check(&forwards, members.len());
    let forwarding = forwarding_shape(
        &quote!(#shape),
        quote!(("INSTANCE_TYPE_MISMATCH", #message)),
        quote!(AsTree(Self::check)),
    );
    let frame = validator_frame(ir, id, check, quote!(), needs);
    quote! {
        #frame

        impl #shape {
            /// The members' shapes, tried in order on the value read into a tree.
            fn check(c: &mut Checker, value: &Value) {
                #(#tries)*
                c.report("INSTANCE_TYPE_MISMATCH", #message.into());
            }
        }

        #forwarding
    }
}

/// A type as a message names it (`string`, `a TextContent`).
fn describe_type(ir: &Ir, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Scalar(s) => s.json_name().to_string(),
        TypeRef::Named(id) => ir.get(*id).name.clone(),
        TypeRef::Vec(_) => "array".into(),
        TypeRef::Map(_) => "map".into(),
        TypeRef::Boxed(inner) => describe_type(ir, inner),
        TypeRef::Nullable(inner) => format!("{} or null", describe_type(ir, inner)),
    }
}

/// The string-encoded types whose text is a number (their bounds are numeric).
fn is_numeric_text(s: Scalar) -> bool {
    matches!(
        s,
        Scalar::I64 | Scalar::U64 | Scalar::I128 | Scalar::U128 | Scalar::Decimal
    )
}

/// Helper shapes are named `Is*`, `With*` or `AsTree`, never `*Shape` or `*Members` like the
/// shapes of the schema's own types, so no type name can clash with one.
fn text_shape_name(s: Scalar) -> String {
    match s {
        Scalar::Binary(e) => format!("Is{}", heck::AsUpperCamelCase(e.name())),
        other => format!("Is{other:?}"),
    }
}

fn integer(s: Scalar) -> (&'static str, i64, i64) {
    match s {
        Scalar::I8 => ("int8", i8::MIN.into(), i8::MAX.into()),
        Scalar::I16 => ("int16", i16::MIN.into(), i16::MAX.into()),
        Scalar::U8 => ("uint8", 0, u8::MAX.into()),
        Scalar::U16 => ("uint16", 0, u16::MAX.into()),
        Scalar::U32 => ("uint32", 0, u32::MAX.into()),
        _ => ("int32", i32::MIN.into(), i32::MAX.into()),
    }
}

/// Checks of a string `s` (an expression of type `&str`).
fn string_checks(constraints: &[Constraint], s: TokenStream, needs: &mut Needs) -> TokenStream {
    let checks = constraints.iter().filter_map(|constraint| {
        Some(match constraint {
            Constraint::MinLength(n) => quote!(c.min_length(#s, #n);),
            Constraint::MaxLength(n) => quote!(c.max_length(#s, #n);),
            Constraint::Enum(values) => {
                let values = values.iter().filter_map(|v| v.as_str());
                quote!(c.string_enum(#s, &[#(#values),*]);)
            }
            Constraint::Const(serde_json::Value::String(expected)) => {
                quote!(c.string_const(#s, #expected);)
            }
            Constraint::Pattern(p) => needs.pattern_check(p, s.clone()),
            Constraint::Format(f) => {
                // Formats without a check here are annotations.
                let (_, code, message, check) = FORMATS.iter().find(|(name, ..)| name == f)?;
                let invalid = match check {
                    // `Features` includes the module (see `format_support`).
                    FormatCheck::Runtime(function) => {
                        let function = ident(function);
                        quote!(!formats::#function(#s))
                    }
                    FormatCheck::Regex => quote!(!formats::is_ecma_regex(#s)),
                };
                quote! {
                    if #invalid {
                        c.report(#code, #message.into());
                    }
                }
            }
            _ => return None,
        })
    });
    quote!(#(#checks)*)
}

/// Checks of a number `n` (an expression of type `f64`).
fn number_checks(constraints: &[Constraint], n: TokenStream) -> TokenStream {
    let lit = |m: f64| Literal::f64_unsuffixed(m);
    let checks = constraints.iter().filter_map(|constraint| {
        Some(match constraint {
            Constraint::Enum(values) => {
                // Numbers, or the text of string-encoded numbers.
                let values = values
                    .iter()
                    .filter_map(|v| v.as_f64().or_else(|| v.as_str()?.parse().ok()))
                    .map(lit);
                quote!(c.number_enum(#n, &[#(#values),*]);)
            }
            Constraint::Const(serde_json::Value::Number(expected)) => {
                let expected = lit(expected.as_f64().unwrap_or_default());
                quote!(c.number_const(#n, #expected);)
            }
            Constraint::Minimum(m) => {
                let m = lit(*m);
                quote!(c.minimum(#n, #m);)
            }
            Constraint::Maximum(m) => {
                let m = lit(*m);
                quote!(c.maximum(#n, #m);)
            }
            Constraint::ExclusiveMinimum(m) => {
                let m = lit(*m);
                quote!(c.exclusive_minimum(#n, #m);)
            }
            Constraint::ExclusiveMaximum(m) => {
                let m = lit(*m);
                quote!(c.exclusive_maximum(#n, #m);)
            }
            Constraint::MultipleOf(m) => {
                let m = lit(*m);
                quote!(c.multiple_of(#n, #m);)
            }
            _ => return None,
        })
    });
    quote!(#(#checks)*)
}

/// Minimum/maximum count checks of a collection whose length is `len` (a `usize` expression).
fn count_checks(constraints: &[Constraint], len: TokenStream, counted: Counted) -> TokenStream {
    let counted = match counted {
        Counted::Items => quote!(Counted::Items),
        Counted::Entries => quote!(Counted::Entries),
    };
    let checks = constraints
        .iter()
        .filter_map(|constraint| match constraint {
            Constraint::MinItems(n) | Constraint::MinEntries(n) => {
                Some(quote!(c.min_count(#counted, #len, #n);))
            }
            Constraint::MaxItems(n) | Constraint::MaxEntries(n) => {
                Some(quote!(c.max_count(#counted, #len, #n);))
            }
            _ => None,
        });
    quote!(#(#checks)*)
}

/// What a count bound counts (the runtime's `Counted`).
#[derive(Clone, Copy)]
enum Counted {
    Items,
    Entries,
}

/// Object-level checks: property counts and `dependentRequired`, given the number of present
/// properties and, for a property, how to ask whether it is present and whether it is absent
/// (`None`: always present, as required and defaulted fields of typed values are).
fn object_checks(
    constraints: &[Constraint],
    count: TokenStream,
    present: &dyn Fn(&str) -> Option<(TokenStream, TokenStream)>,
) -> TokenStream {
    let checks = constraints.iter().filter_map(|constraint| {
        Some(match constraint {
            Constraint::MinProperties(n) => quote! {
                if #count < #n as usize {
                    c.report("INSTANCE_MIN_PROPERTIES", format!("Object has {} properties, minimum is {}", #count, #n));
                }
            },
            Constraint::MaxProperties(n) => quote! {
                if #count > #n as usize {
                    c.report("INSTANCE_MAX_PROPERTIES", format!("Object has {} properties, maximum is {}", #count, #n));
                }
            },
            Constraint::DependentRequired(deps) => {
                let each = deps.iter().flat_map(|(source, targets)| {
                    targets
                        .iter()
                        .filter_map(|target| {
                            // A target that is always there satisfies the dependency.
                            let (_, target_absent) = present(target)?;
                            let condition = match present(source) {
                                Some((source_present, _)) => quote!(#source_present && #target_absent),
                                None => target_absent,
                            };
                            Some(quote! {
                                if #condition {
                                    c.report("INSTANCE_DEPENDENT_REQUIRED", format!("Property '{}' requires property '{}'", #source, #target));
                                }
                            })
                        })
                        .collect::<Vec<_>>()
                });
                quote!(#(#each)*)
            }
            Constraint::RequiredSets(sets) => {
                let satisfied = sets.iter().map(|set| {
                    let all: Vec<_> = set.iter().filter_map(|name| present(name).map(|(p, _)| p)).collect();
                    if all.is_empty() {
                        quote!(true)
                    } else {
                        quote!(#(#all)&&*)
                    }
                });
                let listed: Vec<String> = sets.iter().map(|set| format!("[{}]", set.join(", "))).collect();
                let listed = listed.join(" or ");
                quote! {
                    match [#(#satisfied),*].iter().filter(|s| **s).count() {
                        0 => c.report("INSTANCE_REQUIRED_PROPERTY_MISSING", format!("Missing required properties: one of {}", #listed)),
                        1 => {}
                        n => c.report("INSTANCE_ONE_OF_INVALID_COUNT", format!("Value must have exactly one set of required properties ({}), has {n}", #listed)),
                    }
                }
            }
            _ => return None,
        })
    });
    quote!(#(#checks)*)
}

/// Object-level checks on a typed value: a field is present when it is required, defaulted
/// (always serialized) or a `Some`.
fn object_checks_typed(s: &Struct) -> TokenStream {
    if s.constraints.is_empty() {
        return quote!();
    }
    let present = |f: &Field| {
        let name = ident(&f.rust_name);
        f.is_optional()
            .then(|| (quote!(self.#name.is_some()), quote!(self.#name.is_none())))
    };
    let counted = s.fields.iter().map(|f| match present(f) {
        Some((p, _)) => quote!(usize::from(#p)),
        None => quote!(1),
    });
    // Every name in `dependentRequired` is a declared property (the resolver checked).
    let by_name = |json: &str| {
        s.fields
            .iter()
            .find(|f| f.json_name == json)
            .and_then(present)
    };
    let checks = object_checks(&s.constraints, quote!(count), &by_name);
    let counts = s.constraints.iter().any(|c| {
        matches!(
            c,
            Constraint::MinProperties(_) | Constraint::MaxProperties(_)
        )
    });
    let counted: Vec<_> = counted.collect();
    let count = counts.then(|| {
        if counted.is_empty() {
            quote!(let count = 0usize;)
        } else {
            quote!(let count = #(#counted)+*;)
        }
    });
    quote! {
        #count
        #checks
    }
}

/// The typed check of one field: its constraints, and recursion into nested structs.
fn typed_check(ir: &Ir, f: &Field, needs: &mut Needs) -> TokenStream {
    let name = ident(&f.rust_name);
    let json = &f.json_name;
    let body = typed_value_check(
        ir,
        &f.ty,
        &f.constraints,
        &f.item_constraints,
        quote!(value),
        needs,
    );
    if body.is_empty() {
        return quote!();
    }
    let bind = match f.presence {
        Presence::Required => quote!(let value = &self.#name;),
        _ => quote!(if let Some(value) = &self.#name),
    };
    match f.presence {
        Presence::Optional | Presence::Defaulted(_) => quote! {
            #bind {
                c.enter(#json);
                #body
                c.leave();
            }
        },
        _ => quote! {
            #bind
            c.enter(#json);
            #body
            c.leave();
        },
    }
}

/// Checks of a typed value `value` (a reference); empty when there is nothing to check.
fn typed_value_check(
    ir: &Ir,
    ty: &TypeRef,
    constraints: &[Constraint],
    items: &[Constraint],
    value: TokenStream,
    needs: &mut Needs,
) -> TokenStream {
    let constraints = &with_type_rules(ir, ty, constraints);
    if let Some(rules) = rules_checks(ir, constraints, needs) {
        let others = without_rules(constraints);
        let check = plain_typed_check(ir, ty, &others, items, value.clone(), needs);
        return quote! {
            #check
            if let Ok(json) = serde_json::to_value(#value) {
                let json = &json;
                #rules
            }
        };
    }
    plain_typed_check(ir, ty, constraints, items, value, needs)
}

/// [`typed_value_check`] without the composition rules.
fn plain_typed_check(
    ir: &Ir,
    ty: &TypeRef,
    constraints: &[Constraint],
    items: &[Constraint],
    value: TokenStream,
    needs: &mut Needs,
) -> TokenStream {
    match ty {
        TypeRef::Scalar(Scalar::String) => {
            string_checks(constraints, quote!(#value.as_str()), needs)
        }
        TypeRef::Scalar(Scalar::Bool) => match bool_const(constraints) {
            Some(b) => {
                let differs = if b { quote!(!*#value) } else { quote!(*#value) };
                quote! {
                    if #differs {
                        c.report("INSTANCE_CONST_MISMATCH", format!("Value must equal const value {}", #b));
                    }
                }
            }
            None => quote!(),
        },
        TypeRef::Scalar(Scalar::Json | Scalar::Null) => quote!(),
        TypeRef::Scalar(text) if text.is_string_encoded() => {
            // The text form was checked when the value was read; bounds of the numeric ones
            // are checked here too, for values built in code.
            let checks = number_checks(constraints, quote!(n));
            if checks.is_empty() || !is_numeric_text(*text) {
                quote!()
            } else if *text == Scalar::Decimal {
                quote!(if let Ok(n) = #value.to_plain_string().parse::<f64>() { #checks })
            } else {
                quote!(let n = *#value as f64; #checks)
            }
        }
        TypeRef::Scalar(scalar) => {
            let checks = number_checks(constraints, quote!(n));
            let n = if *scalar == Scalar::F64 {
                quote!(*#value)
            } else {
                quote!(f64::from(*#value))
            };
            if checks.is_empty() {
                checks
            } else {
                quote!(let n = #n; #checks)
            }
        }
        TypeRef::Boxed(inner) => {
            typed_value_check(ir, inner, constraints, items, quote!((**#value)), needs)
        }
        TypeRef::Nullable(inner) => {
            let check = typed_value_check(ir, inner, constraints, items, quote!(value), needs);
            if check.is_empty() {
                check
            } else {
                quote!(if let Some(value) = (#value).as_ref() { #check })
            }
        }
        TypeRef::Named(id) if is_add_in_enum(ir, *id) => {
            needs.add_ins = true;
            quote!(c.enable_add_in(ADD_INS, #value.as_str());)
        }
        TypeRef::Named(id) => match &ir.get(*id).kind {
            TypeKind::Enum(_) => string_checks(constraints, quote!(#value.as_str()), needs),
            TypeKind::Alias(inner) => {
                typed_value_check(ir, inner, constraints, items, value, needs)
            }
            TypeKind::Struct(_)
            | TypeKind::Union(_)
            | TypeKind::Untagged(_)
            | TypeKind::Tuple(_)
            | TypeKind::Choice(_)
            | TypeKind::Newtype(_) => quote!(#value.check(c);),
            TypeKind::Abstract => quote!(),
        },
        TypeRef::Vec(item) => {
            let item_check = typed_value_check(ir, item, items, &[], quote!(item), needs);
            let per_item = (!item_check.is_empty()).then(|| {
                quote! {
                    for (index, item) in #value.iter().enumerate() {
                        c.enter_index(index);
                        #item_check
                        c.leave();
                    }
                }
            });
            let counts = count_checks(constraints, quote!(#value.len()), Counted::Items);
            let unique = constraints.contains(&Constraint::UniqueItems).then(|| {
                quote! {
                    for (index, item) in #value.iter().enumerate() {
                        if #value[..index].contains(item) {
                            c.enter_index(index);
                            c.report("INSTANCE_SET_DUPLICATE", format!("Set contains duplicate value at index {index}"));
                            c.leave();
                        }
                    }
                }
            });
            let contains = contains(constraints).map(|contains| {
                let shape = subschema_shape(ir, contains.schema, needs);
                let (min, max) = contains_bounds(contains);
                quote! {
                    let matched = #value
                        .iter()
                        .filter(|item| serde_json::to_value(item).is_ok_and(|item| fits(&item, #shape)))
                        .count();
                    check_contains(c, matched, #min, #max);
                }
            });
            quote!(#per_item #counts #unique #contains)
        }
        TypeRef::Map(inner) => {
            let key_check = key_checks(constraints, Owner::Map, quote!(key.as_str()), needs);
            let entry_check = typed_value_check(ir, inner, items, &[], quote!(entry), needs);
            let entries = if entry_check.is_empty() {
                quote!(for key in #value.keys())
            } else {
                quote!(for (key, entry) in #value)
            };
            let per_entry = (!entry_check.is_empty() || !key_check.is_empty()).then(|| {
                quote! {
                    #entries {
                        c.enter(key);
                        #key_check
                        #entry_check
                        c.leave();
                    }
                }
            });
            let counts = count_checks(constraints, quote!(#value.len()), Counted::Entries);
            let members = member_checks(ir, constraints, Owner::Map, needs)
                .map(|checks| typed_member_checks(&value, checks));
            quote!(#per_entry #counts #members)
        }
    }
}

/// Runs member checks (see [`member_checks`]) on a typed value, as the JSON it serializes to.
fn typed_member_checks(value: &TokenStream, checks: TokenStream) -> TokenStream {
    quote! {
        if let Ok(Value::Object(members)) = serde_json::to_value(#value) {
            let members = &members;
            #checks
        }
    }
}

/// The `contains` constraint among `constraints`.
fn contains(constraints: &[Constraint]) -> Option<&Contains> {
    constraints.iter().find_map(|c| match c {
        Constraint::Contains(contains) => Some(contains),
        _ => None,
    })
}

/// The shape of a subschema a constraint carries.
fn subschema_shape(ir: &Ir, id: SubschemaId, needs: &mut Needs) -> TokenStream {
    let s = ir.subschema(id);
    json_shape(ir, &s.ty, &s.constraints, &s.item_constraints, needs)
}

/// `minContains` and `maxContains` as literals (`usize`, `Option<usize>`).
fn contains_bounds(contains: &Contains) -> (TokenStream, TokenStream) {
    let min = Literal::usize_unsuffixed(contains.min as usize);
    let max = match contains.max {
        Some(max) => {
            let max = Literal::usize_unsuffixed(max as usize);
            quote!(Some(#max))
        }
        None => quote!(None),
    };
    (quote!(#min), max)
}

/// What has the members: how a broken key is reported.
#[derive(Clone, Copy)]
enum Owner {
    Object,
    Map,
}

impl Owner {
    fn invalid_key(self) -> (&'static str, &'static str) {
        match self {
            Owner::Object => ("INSTANCE_PROPERTY_NAME_INVALID", "property name"),
            Owner::Map => ("INSTANCE_MAP_KEY_INVALID", "map key"),
        }
    }
}

/// Checks of a key (`key`, a `&str`) against `keyNames`/`propertyNames`: the key's string
/// checks run on a checker of their own, and any violation is one violation at the member.
fn key_checks(
    constraints: &[Constraint],
    owner: Owner,
    key: TokenStream,
    needs: &mut Needs,
) -> TokenStream {
    let Some(names) = constraints.iter().find_map(|c| match c {
        Constraint::KeyNames(names) => Some(names),
        _ => None,
    }) else {
        return quote!();
    };
    let checks = string_checks(names, key.clone(), needs);
    if checks.is_empty() {
        return checks;
    }
    let (code, what) = owner.invalid_key();
    quote! {
        let mut names = Checker::default();
        {
            let c = &mut names;
            #checks
        }
        key_invalid(c, #code, #what, #key, names);
    }
}

/// Whether `constraints` hold checks of the members as a whole (`patternProperties`/
/// `patternKeys`, `has`, an object's `propertyNames`), which read the members into a tree.
fn has_member_checks(constraints: &[Constraint], owner: Owner) -> bool {
    constraints.iter().any(|c| match c {
        Constraint::PatternValues(_) | Constraint::Has(_) => true,
        Constraint::KeyNames(_) => matches!(owner, Owner::Object),
        _ => false,
    })
}

/// The checks of the composition rules among `constraints`: statements on `c` and `json` (the
/// value as a `&Value`), each branch tried as a shape of its own; `None` when there are none.
/// `allOf`, `then` and `else` report their branches' own violations; `anyOf`, `oneOf` and `not`
/// only count matches (every `oneOf` branch is tried, as the companion requires).
fn rules_checks(ir: &Ir, constraints: &[Constraint], needs: &mut Needs) -> Option<TokenStream> {
    let mut out = TokenStream::new();
    for c in constraints {
        let Constraint::Rules(rules) = c else {
            continue;
        };
        let mut shape = |id: &SubschemaId| subschema_shape(ir, *id, needs);
        let must_match =
            |shape: TokenStream| quote!(let _ = Seed(&mut *c, #shape).deserialize(json););
        for b in &rules.all_of {
            out.extend(must_match(shape(b)));
        }
        if !rules.any_of.is_empty() {
            let shapes = rules.any_of.iter().map(&mut shape).collect::<Vec<_>>();
            out.extend(quote! {
                if !(#(fits(json, #shapes))||*) {
                    c.report("INSTANCE_ANY_OF_NONE_MATCHED", "Value must match at least one schema in anyOf".into());
                }
            });
        }
        if !rules.one_of.is_empty() {
            let shapes = rules.one_of.iter().map(&mut shape).collect::<Vec<_>>();
            out.extend(quote! {
                let matched = [#(fits(json, #shapes)),*].into_iter().filter(|fits| *fits).count();
                if matched != 1 {
                    c.report("INSTANCE_ONE_OF_INVALID_COUNT", format!("Value must match exactly one schema in oneOf (matched {matched})"));
                }
            });
        }
        if let Some(b) = &rules.not {
            let not = shape(b);
            out.extend(quote! {
                if fits(json, #not) {
                    c.report("INSTANCE_NOT_MATCHED", "Value must not match the schema in 'not'".into());
                }
            });
        }
        if let Some(cond) = &rules.conditional {
            let condition = shape(&cond.condition);
            let then = cond.then.as_ref().map(|b| must_match(shape(b)));
            let otherwise = cond.otherwise.as_ref().map(|b| must_match(shape(b)));
            out.extend(match (then, otherwise) {
                (Some(then), Some(otherwise)) => quote! {
                    if fits(json, #condition) {
                        #then
                    } else {
                        #otherwise
                    }
                },
                (Some(then), None) => quote!(if fits(json, #condition) { #then }),
                (None, Some(otherwise)) => quote!(if !fits(json, #condition) { #otherwise }),
                // Resolve warned: an `if` alone constrains nothing.
                (None, None) => quote!(),
            });
        }
        if !rules.any_of.is_empty()
            || !rules.one_of.is_empty()
            || rules.not.is_some()
            || rules.conditional.is_some()
        {}
    }
    (!out.is_empty()).then_some(out)
}

/// `constraints` and, for a reference to a type that carries composition rules itself (a tuple,
/// choice or enum definition, or the enum of a type-less `oneOf`/`anyOf`), those rules.
fn with_type_rules(ir: &Ir, ty: &TypeRef, constraints: &[Constraint]) -> Vec<Constraint> {
    let mut all = constraints.to_vec();
    if let TypeRef::Named(id) = ty {
        all.extend(
            ir.get(*id)
                .rules
                .iter()
                .map(|r| Constraint::Rules(Box::new(r.clone()))),
        );
    }
    all
}

/// `constraints` without the composition rules (checked around the others).
fn without_rules(constraints: &[Constraint]) -> Vec<Constraint> {
    constraints
        .iter()
        .filter(|c| !matches!(c, Constraint::Rules(_)))
        .cloned()
        .collect()
}

/// The checks of an object's or map's members as a whole (`patternProperties`/`patternKeys`,
/// `has`, and an object's `propertyNames`): statements on `c` and `members` (a
/// `&serde_json::Map`); `None` when there are none. Map keys are checked as they are read (in
/// `IsMap`), so not here.
fn member_checks(
    ir: &Ir,
    constraints: &[Constraint],
    owner: Owner,
    needs: &mut Needs,
) -> Option<TokenStream> {
    if !has_member_checks(constraints, owner) {
        return None;
    }
    let keys = match owner {
        Owner::Object => key_checks(constraints, owner, quote!(key.as_str()), needs),
        Owner::Map => quote!(),
    };
    let mut by_pattern = Vec::new();
    let mut has = None;
    for constraint in constraints {
        match constraint {
            Constraint::PatternValues(patterns) => {
                for (p, schema) in patterns {
                    let test = needs.name_test(p, quote!(key));
                    let shape = subschema_shape(ir, *schema, needs);
                    by_pattern.push(quote! {
                        if #test {
                            let _ = Seed(&mut *c, #shape).deserialize(value);
                        }
                    });
                }
            }
            Constraint::Has(schema) => {
                let shape = subschema_shape(ir, *schema, needs);
                let message = match owner {
                    Owner::Object => {
                        "Object must have at least one property value matching the 'has' schema"
                    }
                    Owner::Map => "Map must have at least one value matching the 'has' schema",
                };
                has = Some(quote! {
                    if !members.values().any(|value| fits(value, #shape)) {
                        c.report("INSTANCE_HAS_NONE_MATCHED", #message.into());
                    }
                });
            }
            _ => {}
        }
    }
    let value = if by_pattern.is_empty() {
        quote!(_)
    } else {
        quote!(value)
    };
    let each = (!keys.is_empty() || !by_pattern.is_empty()).then(|| {
        quote! {
            for (key, #value) in members {
                c.enter(key);
                #keys
                #(#by_pattern)*
                c.leave();
            }
        }
    });
    Some(quote!(#each #has))
}

/// [`member_checks`] as a function for `WithMembers`.
fn member_checks_fn(checks: TokenStream) -> TokenStream {
    quote! {
        |c: &mut Checker, members: &serde_json::Map<String, Value>| {
            #checks
        }
    }
}
