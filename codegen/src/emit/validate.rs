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
    helpers: BTreeSet<&'static str>,
    /// String-encoded scalars met, each with its own shape.
    text: BTreeSet<Scalar>,
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
            Engine::Linear => quote!(pattern(#index).is_match(#key)),
            Engine::Backtracking => {
                quote!(backtracking_pattern(#index).is_match(#key).unwrap_or(true))
            }
        }
    }

    /// The whole-string check of `s` (a `&str`) against `p`.
    fn pattern_check(&mut self, p: &Pattern, s: TokenStream) -> TokenStream {
        let index = self.regex_index(p, true);
        match p.engine {
            Engine::Linear => {
                let message = format!("String does not match pattern: {}", p.ecma);
                quote! {
                    if !pattern(#index).is_match(#s) {
                        c.report("INSTANCE_STRING_PATTERN_MISMATCH", #message.into());
                    }
                }
            }
            Engine::Backtracking => {
                self.helpers.insert("bounded_match");
                quote!(bounded_match(c, #index, #s);)
            }
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
            TypeKind::Union(u) => {
                let name = ident(&t.name);
                let kind = ident(&format!("{}Kind", t.name));
                let variants: Vec<_> = u.branches.iter().map(|b| ident(&b.rust_name)).collect();
                let bytes = bytes_entry_points();
                let shapes: Vec<_> = u
                    .branches
                    .iter()
                    .map(|b| ident(&format!("{}Shape", ir.get(b.ty).name)))
                    .collect();
                impls.push(quote! {
                    impl crate::#name {
                        /// Checks a JSON document: classifies it (see the type's docs), then checks
                        /// it as that branch. A document no branch fits is one violation.
                        pub fn validate_json(value: &Value) -> Result<(), ValidationErrors> {
                            let mut c = Checker::default();
                            match value.as_object().map(Self::classify) {
                                None => c.report("INSTANCE_OBJECT_EXPECTED", "Value must be an object".into()),
                                Some(Err(e)) => c.report("INSTANCE_ONE_OF_INVALID_COUNT", e.to_string()),
                                #(Some(Ok(crate::#kind::#variants)) => {
                                    let _ = Seed(&mut c, #shapes).deserialize(value);
                                })*
                            }
                            c.finish()
                        }

                        /// Like [`Self::validate_json`], from text, with lines and columns.
                        pub fn validate_str(text: &str) -> Result<(), ValidationErrors> {
                            // Classifying needs the whole document, so this one reads a tree.
                            let value: Value = serde_json::from_str(text).map_err(|e| ValidationErrors::syntax(&e))?;
                            Self::validate_json(&value).map_err(|errors| errors.located(text))
                        }

                        /// The value from JSON text, or every violation.
                        pub fn from_json_str(text: &str) -> Result<Self, ValidationErrors> {
                            match serde_json::from_str::<Self>(text) {
                                Ok(typed) => match typed.validate() {
                                    Ok(()) => Ok(typed),
                                    Err(errors) => Err(errors.located(text)),
                                },
                                Err(serde_error) => Err(match Self::validate_str(text) {
                                    Err(errors) => errors,
                                    Ok(()) => ValidationErrors::from_serde(&serde_error),
                                }),
                            }
                        }

                        #bytes

                        /// Checks what the Rust types cannot express.
                        pub fn validate(&self) -> Result<(), ValidationErrors> {
                            let mut c = Checker::default();
                            match self {
                                #(Self::#variants(value) => value.check(&mut c),)*
                            }
                            c.finish()
                        }
                    }
                });
            }
            TypeKind::Untagged(members) => impls.push(untagged_impl(ir, id, members, &mut needs)),
            TypeKind::Tuple(elements) => impls.push(tuple_impl(ir, id, elements, &mut needs)),
            TypeKind::Choice(choice) => impls.push(choice_impl(ir, id, choice, &mut needs)),
            TypeKind::Newtype(n) => impls.push(newtype_impl(ir, id, n, &mut needs)),
            _ => {}
        }
    }
    let helpers: Vec<_> = HELPERS
        .iter()
        .filter(|(name, _)| needs.helpers.contains(name))
        .map(|(_, body)| body())
        .chain(needs.text.iter().map(|s| text_shape_def(*s)))
        .collect();
    let patterns = (!needs.patterns.is_empty()).then(|| {
        let sources = &needs.patterns;
        quote! {
            /// The schema's patterns: anchored where a string must match as a whole (`pattern`,
            /// as the Validation spec says), searched in member names (`patternProperties`).
            const PATTERNS: &[&str] = &[#(#sources),*];

            /// The patterns, compiled once on first use (linear-time engine).
            fn pattern(index: usize) -> &'static regex::Regex {
                static COMPILED: std::sync::OnceLock<Vec<regex::Regex>> = std::sync::OnceLock::new();
                &COMPILED.get_or_init(|| {
                    PATTERNS
                        .iter()
                        .map(|p| regex::Regex::new(p).expect("checked by the generator"))
                        .collect()
                })[index]
            }
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
            /// and as compiled (see `PATTERNS`).
            const BACKTRACKING_PATTERNS: &[(&str, &str)] = &[#(#entries),*];

            /// The backtracking steps one match may take: past them, a match is undecided and the
            /// string is reported rather than let run away.
            const BACKTRACK_LIMIT: usize = #limit;

            /// The backtracking patterns, compiled once on first use (bounded engine).
            fn backtracking_pattern(index: usize) -> &'static fancy_regex::Regex {
                static COMPILED: std::sync::OnceLock<Vec<fancy_regex::Regex>> = std::sync::OnceLock::new();
                &COMPILED.get_or_init(|| {
                    BACKTRACKING_PATTERNS
                        .iter()
                        .map(|(_, p)| fancy_regex::RegexBuilder::new(p).backtrack_limit(BACKTRACK_LIMIT).build().expect("checked by the generator"))
                        .collect()
                })[index]
            }
        }
    });
    let support = support(&needs.helpers);
    let add_ins = ir
        .add_ins
        .as_ref()
        .filter(|_| needs.helpers.contains("add_ins"))
        .map(|a| {
            let names = &a.names;
            quote! {
                /// The add-ins the schema offers, by the names `$uses` gives them: the checker keeps
                /// one bit per entry for those the document enables.
                const ADD_INS: &[&str] = &[#(#names),*];
            }
        });
    quote! {
        use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
        use serde_json::Value;

        #support

        #add_ins

        #(#helpers)*

        #patterns

        #backtracking

        #(#impls)*
    }
}

// Model types are named through `crate::` here: a shape is called `<Type>Shape`, which may also
// be the name of a model type (a property `shape` of `Type`), and the local name would win.
fn struct_impl(ir: &Ir, id: TypeId, s: &Struct, needs: &mut Needs) -> TokenStream {
    let t = ir.get(id);
    needs.helpers.extend(["member", "present"]);
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
    let unknown = if let Some(a) = s.additional.as_ref().filter(|a| a.declared) {
        let value_shape = json_shape(ir, &a.ty, &a.constraints, &[], needs);
        quote!(_ => map.next_value_seed(Seed(&mut *c, #value_shape))?,)
    } else if s.deny_unknown_fields {
        quote! {
            _ => {
                c.report("INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED", format!("Additional property not allowed: {key}"));
                map.next_value::<IgnoredAny>()?;
            }
        }
    } else {
        quote!(_ => {
            map.next_value::<IgnoredAny>()?;
        })
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
        let reader_doc = format!(" The members of a [`{}`], read one by one.", t.name);
        let mut outer = quote!(#reader);
        if members.is_some() {
            outer = quote!(WithMembers(#outer, crate::#name::check_members));
        }
        if rules.is_some() {
            needs.helpers.insert("tree");
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
        pub(crate) fn check(&self, #checker) {
            #(#typed_fields)*
            #typed_object
            #typed_members
            #typed_rules
        }

        #check_members

        #check_rules
            },
        needs,
    );
    quote! {
        #frame

        #wrap

        impl Shape for #reader {
            const EXPECTED: Expected = ("INSTANCE_OBJECT_EXPECTED", "Value must be an object");

            fn on_map<'de, A: MapAccess<'de>>(self, c: &mut Checker, mut map: A) -> Result<(), A::Error> {
                let mut present = [false; #field_count];
                #count_decl
                while let Some(Key(key)) = map.next_key()? {
                    #count_step
                    c.enter(&key);
                    match key.as_ref() {
                        #(#arms)*
                        #unknown
                    }
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
    needs.helpers.insert("add_ins");
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

/// What every validated named type gets: the entry points (from a JSON value, from text, and
/// on a typed value through `check`, which the caller supplies with any other methods) and the
/// declaration of its unit shape struct, `<Type>Shape`, whose `impl Shape` the caller writes.
fn validator_frame(ir: &Ir, id: TypeId, methods: TokenStream, needs: &mut Needs) -> TokenStream {
    let t = ir.get(id);
    let name = ident(&t.name);
    let shape = ident(&format!("{}Shape", t.name));
    // A type that carries composition rules is checked by them too (`with_type_rules`).
    let entry_points = match &t.rules {
        Some(_) => {
            let named = TypeRef::Named(id);
            let shape = json_shape(ir, &named, &[], &[], needs);
            let typed = typed_value_check(ir, &named, &[], &[], quote!(self), needs);
            let entry = entry_points(
                &quote!(Self::checked()),
                &quote!({ let c = &mut c; #typed }),
            );
            quote! {
                /// How a value is checked: its own shape, then the composition rules.
                fn checked() -> impl Shape {
                    #shape
                }

                #entry
            }
        }
        _ => entry_points(&quote!(#shape), &quote!(self.check(&mut c);)),
    };
    let shape_doc = format!(" How a [`{}`] is checked as it is read.", t.name);
    quote! {
        impl crate::#name {
            #entry_points

            #methods
        }

        #[doc = #shape_doc]
        #[derive(Clone, Copy)]
        pub(crate) struct #shape;
    }
}

/// The entry points of a type checked by the shape `shape` (a unit struct): from a JSON value,
/// from text, and on a typed value (through its `check`).
fn entry_points(shape: &TokenStream, typed: &TokenStream) -> TokenStream {
    let bytes = bytes_entry_points();
    quote! {
        /// Checks a JSON value against the schema, reporting every violation.
        pub fn validate_json(value: &Value) -> Result<(), ValidationErrors> {
            let mut c = Checker::default();
            // Reading from a `Value` cannot fail; violations are collected, not returned.
            let _ = Seed(&mut c, #shape).deserialize(value);
            c.finish()
        }

        /// Like [`Self::validate_json`], from text, in one pass that builds no tree: a syntax
        /// error is one violation; every violation carries its line and column.
        pub fn validate_str(text: &str) -> Result<(), ValidationErrors> {
            validate_text(text, #shape)
        }

        /// The value from JSON text, or every violation (not just serde's first).
        pub fn from_json_str(text: &str) -> Result<Self, ValidationErrors> {
            match serde_json::from_str::<Self>(text) {
                Ok(typed) => match typed.validate() {
                    Ok(()) => Ok(typed),
                    Err(errors) => Err(errors.located(text)),
                },
                Err(serde_error) => Err(match validate_text(text, #shape) {
                    Err(errors) => errors,
                    Ok(()) => ValidationErrors::from_serde(&serde_error),
                }),
            }
        }

        #bytes

        /// Checks what the Rust types cannot express (the schema's constraints), for values
        /// built in code or by builders.
        pub fn validate(&self) -> Result<(), ValidationErrors> {
            let mut c = Checker::default();
            #typed
            c.finish()
        }
    }
}

/// The entry points from bytes: JSON text is UTF-8, so bytes that are not are one violation
/// (where the text stops being UTF-8); others are checked as text.
fn bytes_entry_points() -> TokenStream {
    quote! {
        /// Like [`Self::validate_str`], from bytes.
        pub fn validate_slice(bytes: &[u8]) -> Result<(), ValidationErrors> {
            Self::validate_str(ValidationErrors::utf8(bytes)?)
        }

        /// Like [`Self::from_json_str`], from bytes.
        pub fn from_json_slice(bytes: &[u8]) -> Result<Self, ValidationErrors> {
            Self::from_json_str(ValidationErrors::utf8(bytes)?)
        }
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
            pub(crate) fn check(&self, _: &mut Checker) {}
        )
    } else {
        quote! {
            pub(crate) fn check(&self, c: &mut Checker) {
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
    let frame = validator_frame(
        ir,
        id,
        quote! {
        #check
            },
        needs,
    );
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
    quote! {
        impl Shape for #shape {
            // Never reported: every method below is the target's.
            const EXPECTED: Expected = #expected;

            fn on_bool(self, c: &mut Checker, value: bool) {
                #target.on_bool(c, value);
            }

            fn on_i64(self, c: &mut Checker, value: i64) {
                #target.on_i64(c, value);
            }

            fn on_u64(self, c: &mut Checker, value: u64) {
                #target.on_u64(c, value);
            }

            fn on_f64(self, c: &mut Checker, value: f64) {
                #target.on_f64(c, value);
            }

            fn on_str(self, c: &mut Checker, value: &str) {
                #target.on_str(c, value);
            }

            fn on_null(self, c: &mut Checker) {
                #target.on_null(c);
            }

            fn on_seq<'de, A: SeqAccess<'de>>(self, c: &mut Checker, seq: A) -> Result<(), A::Error> {
                #target.on_seq(c, seq)
            }

            fn on_map<'de, A: MapAccess<'de>>(self, c: &mut Checker, map: A) -> Result<(), A::Error> {
                #target.on_map(c, map)
            }
        }
    }
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
        needs.helpers.insert("tree");
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
            needs.helpers.insert("any");
            quote!(IsAny)
        }
        TypeRef::Scalar(Scalar::Bool) => {
            needs.helpers.insert("bool");
            match bool_const(constraints) {
                Some(b) => quote!(IsBool(Some(#b))),
                None => quote!(IsBool(None)),
            }
        }
        TypeRef::Scalar(Scalar::String) => {
            needs.helpers.insert("string");
            let checks = closure(quote!(s), string_checks(constraints, quote!(s), needs));
            quote!(IsStr(#checks))
        }
        TypeRef::Scalar(Scalar::F32 | Scalar::F64) => {
            needs.helpers.insert("number");
            let checks = closure(quote!(n), number_checks(constraints, quote!(n)));
            quote!(IsNum(#checks))
        }
        TypeRef::Scalar(Scalar::Null) => {
            needs.helpers.insert("null");
            quote!(IsNull)
        }
        TypeRef::Scalar(text) if text.is_string_encoded() => {
            needs.text.insert(*text);
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
            needs.helpers.insert("integer");
            let (type_name, lo, hi) = integer(*int);
            let (lo, hi) = (Literal::i64_unsuffixed(lo), Literal::i64_unsuffixed(hi));
            let checks = closure(quote!(n), number_checks(constraints, quote!(n)));
            quote!(IsInt(#type_name, #lo, #hi, #checks))
        }
        TypeRef::Boxed(inner) => json_shape(ir, inner, constraints, items, needs),
        TypeRef::Nullable(inner) => {
            needs.helpers.insert("nullable");
            let inner = json_shape(ir, inner, constraints, items, needs);
            quote!(IsNullable(#inner))
        }
        TypeRef::Named(id) if is_add_in_enum(ir, *id) => {
            needs.helpers.extend(["enum", "add_ins"]);
            quote!(IsEnum(ADD_INS, |c, name| c.enable_add_in(name)))
        }
        TypeRef::Named(id) => match &ir.get(*id).kind {
            TypeKind::Enum(e) => {
                needs.helpers.insert("enum");
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
            needs.helpers.insert("array");
            let item_shape = json_shape(ir, item, items, &[], needs);
            let counts = count_checks(
                constraints,
                quote!(len),
                "INSTANCE_MIN_ITEMS",
                "INSTANCE_MAX_ITEMS",
                "Array has {} items, minimum is {}",
                "Array has {} items, maximum is {}",
            );
            let counts = closure(quote!(len), counts);
            let unique = constraints.contains(&Constraint::UniqueItems);
            let array = quote!(IsArray(#item_shape, #counts, #unique));
            match contains(constraints) {
                Some(contains) => {
                    needs.helpers.extend(["contains", "contains_shape", "fits"]);
                    let shape = subschema_shape(ir, contains.schema, needs);
                    let (min, max) = contains_bounds(contains);
                    quote!(WithContains(#array, #shape, #min, #max))
                }
                None => array,
            }
        }
        TypeRef::Map(inner) => {
            needs.helpers.extend(["map", "member"]);
            let keys = closure(
                quote!(key),
                key_checks(constraints, Owner::Map, quote!(key), needs),
            );
            let value_shape = json_shape(ir, inner, items, &[], needs);
            let counts = count_checks(
                constraints,
                quote!(len),
                "INSTANCE_MAP_MIN_ENTRIES",
                "INSTANCE_MAP_MAX_ENTRIES",
                "Map has {} entries, minimum is {}",
                "Map has {} entries, maximum is {}",
            );
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
    if choice.selector.is_none() {
        needs.helpers.insert("member");
    }
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
    let frame = validator_frame(
        ir,
        id,
        quote! {
        #check
            },
        needs,
    );
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
            pub(crate) fn check(&self, _: &mut Checker) {}
        ),
        [(pattern, body)] if variants > 1 => quote! {
            pub(crate) fn check(&self, c: &mut Checker) {
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
                pub(crate) fn check(&self, c: &mut Checker) {
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
    needs.helpers.insert("index");
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
        pub(crate) fn check(&self, #checker) {
            #(#checks)*
        }
            },
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
        needs.helpers.insert("any");
        let frame = validator_frame(
            ir,
            id,
            quote!(
                pub(crate) fn check(&self, _: &mut Checker) {}
            ),
            needs,
        );
        let forwarding = forwarding_shape(&quote!(#shape), quote!(("", "")), quote!(IsAny));
        return quote!(#frame #forwarding);
    }
    needs.helpers.insert("fits");
    let tries = members
        .iter()
        .map(|m| {
            let member_shape = match &m.ty {
                None => {
                    needs.helpers.insert("null");
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
    needs.helpers.insert("tree");
    let forwarding = forwarding_shape(
        &quote!(#shape),
        quote!(("INSTANCE_TYPE_MISMATCH", #message)),
        quote!(AsTree(Self::check)),
    );
    let frame = validator_frame(
        ir,
        id,
        quote! {
        #check
            },
        needs,
    );
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

/// The shape of a string-encoded type: a JSON string in the type's text form (checked by the
/// same `formats` functions, or decoder, the model's adapters use), then the schema's checks.
fn text_shape_def(s: Scalar) -> TokenStream {
    let shape = ident(&text_shape_name(s));
    let int = |rust: TokenStream, name: &str| {
        let range = format!("Value {{value}} is not a valid {name}");
        quote! {
            if !crate::formats::is_integer_text(value) {
                c.report("INSTANCE_INTEGER_EXPECTED", format!("Value must be an integer written as a string, found {value:?}"));
            } else if value.parse::<#rust>().is_err() {
                c.report("INSTANCE_INT_RANGE_INVALID", format!(#range));
            } else {
                (self.0)(c, value);
            }
        }
    };
    let form = |check: TokenStream, code: &str, message: &str| {
        let message = if message.contains('{') {
            quote!(format!(#message))
        } else {
            quote!(#message.into())
        };
        quote! {
            if #check {
                (self.0)(c, value);
            } else {
                c.report(#code, #message);
            }
        }
    };
    let (expected_code, expected_message, body) = match s {
        Scalar::I64 => (
            "INSTANCE_STRING_EXPECTED",
            "Value must be a string (int64 is written as a JSON string)",
            int(quote!(i64), "int64"),
        ),
        Scalar::U64 => (
            "INSTANCE_STRING_EXPECTED",
            "Value must be a string (uint64 is written as a JSON string)",
            int(quote!(u64), "uint64"),
        ),
        Scalar::I128 => (
            "INSTANCE_STRING_EXPECTED",
            "Value must be a string (int128 is written as a JSON string)",
            int(quote!(i128), "int128"),
        ),
        Scalar::U128 => (
            "INSTANCE_STRING_EXPECTED",
            "Value must be a string (uint128 is written as a JSON string)",
            int(quote!(u128), "uint128"),
        ),
        Scalar::Decimal => (
            "INSTANCE_STRING_EXPECTED",
            "Value must be a string (decimal is written as a JSON string)",
            form(
                quote!(crate::formats::is_decimal_text(value)),
                "INSTANCE_DECIMAL_EXPECTED",
                "Value must be a valid decimal, found {value:?}",
            ),
        ),
        Scalar::Date => (
            "INSTANCE_DATE_EXPECTED",
            "Date must be a string",
            form(
                quote!(crate::formats::is_date(value)),
                "INSTANCE_DATE_FORMAT_INVALID",
                "Invalid date format: {value}",
            ),
        ),
        Scalar::DateTime => (
            "INSTANCE_DATETIME_EXPECTED",
            "DateTime must be a string",
            form(
                quote!(crate::formats::is_datetime(value)),
                "INSTANCE_DATETIME_FORMAT_INVALID",
                "Invalid datetime format: {value}",
            ),
        ),
        Scalar::Time => (
            "INSTANCE_TIME_EXPECTED",
            "Time must be a string",
            form(
                quote!(crate::formats::is_time(value)),
                "INSTANCE_TIME_FORMAT_INVALID",
                "Invalid time format: {value}",
            ),
        ),
        Scalar::Duration => (
            "INSTANCE_DURATION_EXPECTED",
            "Duration must be a string",
            form(
                quote!(crate::formats::is_duration(value)),
                "INSTANCE_DURATION_FORMAT_INVALID",
                "Invalid duration format: {value}",
            ),
        ),
        Scalar::Uuid => (
            "INSTANCE_UUID_EXPECTED",
            "UUID must be a string",
            form(
                quote!(crate::formats::is_uuid(value)),
                "INSTANCE_UUID_FORMAT_INVALID",
                "Invalid UUID format: {value}",
            ),
        ),
        Scalar::Uri => (
            "INSTANCE_URI_EXPECTED",
            "URI must be a string",
            form(
                quote!(crate::formats::is_uri_reference(value)),
                "INSTANCE_URI_FORMAT_INVALID",
                "Invalid URI format: {value}",
            ),
        ),
        Scalar::JsonPointer => (
            "INSTANCE_JSONPOINTER_EXPECTED",
            "JSON Pointer must be a string",
            form(
                quote!(crate::formats::is_json_pointer(value)),
                "INSTANCE_JSONPOINTER_FORMAT_INVALID",
                "Invalid JSON Pointer format: {value}",
            ),
        ),
        Scalar::Binary(e) => {
            let constant = ident(match e {
                crate::ir::BinaryEncoding::Base64 => "BASE64",
                crate::ir::BinaryEncoding::Base64Url => "BASE64URL",
                crate::ir::BinaryEncoding::Base16 => "HEXUPPER_PERMISSIVE",
                crate::ir::BinaryEncoding::Base32 => "BASE32",
                crate::ir::BinaryEncoding::Base32Hex => "BASE32HEX",
            });
            let message = format!("Invalid {} encoding", e.name());
            (
                "INSTANCE_BINARY_EXPECTED",
                "Binary must be a string",
                form(
                    quote!(data_encoding::#constant.decode(value.as_bytes()).is_ok()),
                    "INSTANCE_BINARY_ENCODING_INVALID",
                    &message,
                ),
            )
        }
        other => unreachable!("{other:?} is not string-encoded"),
    };
    let doc = format!(" A `{}` value and its checks.", s.json_name());
    quote! {
        #[doc = #doc]
        #[derive(Clone, Copy)]
        pub(crate) struct #shape(fn(&mut Checker, &str));

        impl Shape for #shape {
            const EXPECTED: Expected = (#expected_code, #expected_message);

            fn on_str(self, c: &mut Checker, value: &str) {
                #body
            }
        }
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
            Constraint::MinLength(n) => quote! {
                let length = #s.chars().count();
                if length < #n as usize {
                    c.report("INSTANCE_STRING_MIN_LENGTH", format!("String length {length} is less than minimum {}", #n));
                }
            },
            Constraint::Enum(values) => {
                let values: Vec<&str> = values.iter().filter_map(|v| v.as_str()).collect();
                let message = format!("Value must be one of the enum values: {}", values.join(", "));
                quote! {
                    if ![#(#values),*].contains(&#s) {
                        c.report("INSTANCE_ENUM_MISMATCH", #message.into());
                    }
                }
            }
            Constraint::Const(serde_json::Value::String(expected)) => quote! {
                if #s != #expected {
                    c.report("INSTANCE_CONST_MISMATCH", format!("Value must equal const value {:?}", #expected));
                }
            },
            Constraint::MaxLength(n) => quote! {
                let length = #s.chars().count();
                if length > #n as usize {
                    c.report("INSTANCE_STRING_MAX_LENGTH", format!("String length {length} exceeds maximum {}", #n));
                }
            },
            Constraint::Pattern(p) => needs.pattern_check(p, s.clone()),
            Constraint::Format(f) => {
                // Formats without a check here are annotations.
                let (_, code, message, check) = FORMATS.iter().find(|(name, ..)| name == f)?;
                let invalid = match check {
                    // `Features` includes the module (see `format_support`).
                    FormatCheck::Runtime(function) => {
                        let function = ident(function);
                        quote!(!crate::formats::#function(#s))
                    }
                    FormatCheck::Regex => quote!(regress::Regex::new(#s).is_err()),
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
    let checks = constraints.iter().filter_map(|constraint| {
        let lit = |m: &f64| Literal::f64_unsuffixed(*m);
        if let Constraint::Enum(values) = constraint {
            // Numbers, or the text of string-encoded numbers.
            let values: Vec<_> = values
                .iter()
                .filter_map(|v| v.as_f64().or_else(|| v.as_str()?.parse().ok()))
                .map(|v| lit(&v))
                .collect();
            let listed: Vec<String> = values.iter().map(ToString::to_string).collect();
            let message = format!("Value must be one of the enum values: {}", listed.join(", "));
            return Some(quote! {
                if ![#(#values),*].contains(&#n) {
                    c.report("INSTANCE_ENUM_MISMATCH", #message.into());
                }
            });
        }
        if let Constraint::Const(serde_json::Value::Number(expected)) = constraint {
            let expected = lit(&expected.as_f64().unwrap_or_default());
            return Some(quote! {
                if #n != #expected {
                    c.report("INSTANCE_CONST_MISMATCH", format!("Value must equal const value {}", #expected));
                }
            });
        }
        let (code, message, fails) = match constraint {
            Constraint::Minimum(m) => (
                "INSTANCE_NUMBER_MINIMUM",
                "Value {} is less than minimum {}",
                {
                    let m = lit(m);
                    quote!(#n < #m)
                },
            ),
            Constraint::Maximum(m) => ("INSTANCE_NUMBER_MAXIMUM", "Value {} exceeds maximum {}", {
                let m = lit(m);
                quote!(#n > #m)
            }),
            Constraint::ExclusiveMinimum(m) => (
                "INSTANCE_NUMBER_EXCLUSIVE_MINIMUM",
                "Value {} must be greater than {}",
                {
                    let m = lit(m);
                    quote!(#n <= #m)
                },
            ),
            Constraint::ExclusiveMaximum(m) => (
                "INSTANCE_NUMBER_EXCLUSIVE_MAXIMUM",
                "Value {} must be less than {}",
                {
                    let m = lit(m);
                    quote!(#n >= #m)
                },
            ),
            // Relative tolerance: binary floats cannot hold most decimal multiples exactly.
            Constraint::MultipleOf(m) => (
                "INSTANCE_NUMBER_MULTIPLE_OF",
                "Value {} is not a multiple of {}",
                {
                    let m = lit(m);
                    quote!(((#n / #m) - (#n / #m).round()).abs() > 1e-9)
                },
            ),
            _ => return None,
        };
        let bound = match constraint {
            Constraint::Minimum(m)
            | Constraint::Maximum(m)
            | Constraint::ExclusiveMinimum(m)
            | Constraint::ExclusiveMaximum(m)
            | Constraint::MultipleOf(m) => Literal::f64_unsuffixed(*m),
            _ => unreachable!(),
        };
        Some(quote! {
            if #fails {
                c.report(#code, format!(#message, #n, #bound));
            }
        })
    });
    quote!(#(#checks)*)
}

/// Minimum/maximum count checks of a collection whose length is `len` (a `usize` expression).
fn count_checks(
    constraints: &[Constraint],
    len: TokenStream,
    min_code: &str,
    max_code: &str,
    min_msg: &str,
    max_msg: &str,
) -> TokenStream {
    let checks = constraints.iter().filter_map(|constraint| {
        let (code, msg, op, n) = match constraint {
            Constraint::MinItems(n) | Constraint::MinEntries(n) => {
                (min_code, min_msg, quote!(<), *n)
            }
            Constraint::MaxItems(n) | Constraint::MaxEntries(n) => {
                (max_code, max_msg, quote!(>), *n)
            }
            _ => return None,
        };
        Some(quote! {
            if #len #op #n as usize {
                c.report(#code, format!(#msg, #len, #n));
            }
        })
    });
    quote!(#(#checks)*)
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
            needs.helpers.insert("add_ins");
            quote!(c.enable_add_in(#value.as_str());)
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
            needs.helpers.insert("index");
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
            let counts = count_checks(
                constraints,
                quote!(#value.len()),
                "INSTANCE_MIN_ITEMS",
                "INSTANCE_MAX_ITEMS",
                "Array has {} items, minimum is {}",
                "Array has {} items, maximum is {}",
            );
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
                needs.helpers.extend(["contains", "fits"]);
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
            needs.helpers.insert("member");
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
            let counts = count_checks(
                constraints,
                quote!(#value.len()),
                "INSTANCE_MAP_MIN_ENTRIES",
                "INSTANCE_MAP_MAX_ENTRIES",
                "Map has {} entries, minimum is {}",
                "Map has {} entries, maximum is {}",
            );
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
    needs.helpers.insert("key_names");
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
        {
            needs.helpers.insert("fits");
        }
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
    needs.helpers.insert("members");
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
                needs.helpers.insert("fits");
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

/// Emits one helper function.
type Helper = fn() -> TokenStream;

/// Helpers the generated checks call, each emitted only when used.
const HELPERS: &[(&str, Helper)] = &[
    ("any", || {
        quote! {
            /// Any JSON value (`any`).
            #[derive(Clone, Copy)]
            pub(crate) struct IsAny;

            impl Shape for IsAny {
                const EXPECTED: Expected = ("", "");

                fn on_bool(self, _: &mut Checker, _: bool) {}
                fn on_i64(self, _: &mut Checker, _: i64) {}
                fn on_u64(self, _: &mut Checker, _: u64) {}
                fn on_f64(self, _: &mut Checker, _: f64) {}
                fn on_str(self, _: &mut Checker, _: &str) {}
                fn on_null(self, _: &mut Checker) {}

                fn on_seq<'de, A: SeqAccess<'de>>(self, _: &mut Checker, mut seq: A) -> Result<(), A::Error> {
                    while seq.next_element::<IgnoredAny>()?.is_some() {}
                    Ok(())
                }

                fn on_map<'de, A: MapAccess<'de>>(self, _: &mut Checker, mut map: A) -> Result<(), A::Error> {
                    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                    Ok(())
                }
            }
        }
    }),
    ("nullable", || {
        quote! {
            /// `null`, or a value of the inner shape.
            #[derive(Clone, Copy)]
            pub(crate) struct IsNullable<S>(S);

            impl<S: Shape> Shape for IsNullable<S> {
                const EXPECTED: Expected = S::EXPECTED;

                fn on_null(self, _: &mut Checker) {}

                fn on_bool(self, c: &mut Checker, value: bool) {
                    self.0.on_bool(c, value);
                }

                fn on_i64(self, c: &mut Checker, value: i64) {
                    self.0.on_i64(c, value);
                }

                fn on_u64(self, c: &mut Checker, value: u64) {
                    self.0.on_u64(c, value);
                }

                fn on_f64(self, c: &mut Checker, value: f64) {
                    self.0.on_f64(c, value);
                }

                fn on_str(self, c: &mut Checker, value: &str) {
                    self.0.on_str(c, value);
                }

                fn on_seq<'de, A: SeqAccess<'de>>(self, c: &mut Checker, seq: A) -> Result<(), A::Error> {
                    self.0.on_seq(c, seq)
                }

                fn on_map<'de, A: MapAccess<'de>>(self, c: &mut Checker, map: A) -> Result<(), A::Error> {
                    self.0.on_map(c, map)
                }
            }
        }
    }),
    ("fits", || {
        quote! {
            /// Whether a value fits a shape (no violations).
            fn fits<S: Shape>(value: &Value, shape: S) -> bool {
                let mut c = Checker::default();
                let _ = Seed(&mut c, shape).deserialize(value);
                c.violations.is_empty()
            }
        }
    }),
    ("null", || {
        quote! {
            /// `null`.
            #[derive(Clone, Copy)]
            pub(crate) struct IsNull;

            impl Shape for IsNull {
                const EXPECTED: Expected = ("INSTANCE_NULL_EXPECTED", "Value must be null");

                fn on_null(self, _: &mut Checker) {}
            }
        }
    }),
    ("bool", || {
        quote! {
            /// A boolean, equal to the `const` when there is one.
            #[derive(Clone, Copy)]
            pub(crate) struct IsBool(Option<bool>);

            impl Shape for IsBool {
                const EXPECTED: Expected = ("INSTANCE_BOOLEAN_EXPECTED", "Value must be a boolean");

                fn on_bool(self, c: &mut Checker, value: bool) {
                    if let Some(expected) = self.0.filter(|&expected| expected != value) {
                        c.report("INSTANCE_CONST_MISMATCH", format!("Value must equal const value {expected}"));
                    }
                }
            }
        }
    }),
    ("string", || {
        quote! {
            /// A string and its checks.
            #[derive(Clone, Copy)]
            pub(crate) struct IsStr(fn(&mut Checker, &str));

            impl Shape for IsStr {
                const EXPECTED: Expected = ("INSTANCE_STRING_EXPECTED", "Value must be a string");

                fn on_str(self, c: &mut Checker, value: &str) {
                    (self.0)(c, value);
                }
            }
        }
    }),
    ("enum", || {
        quote! {
            /// One of an enum's values, and the string checks.
            #[derive(Clone, Copy)]
            pub(crate) struct IsEnum(&'static [&'static str], fn(&mut Checker, &str));

            impl Shape for IsEnum {
                const EXPECTED: Expected = ("INSTANCE_STRING_EXPECTED", "Value must be a string");

                fn on_str(self, c: &mut Checker, value: &str) {
                    if self.0.contains(&value) {
                        (self.1)(c, value);
                    } else {
                        c.report("INSTANCE_ENUM_MISMATCH", format!("Value must be one of the enum values: {}", self.0.join(", ")));
                    }
                }
            }
        }
    }),
    ("number", || {
        quote! {
            /// A number and its checks.
            #[derive(Clone, Copy)]
            pub(crate) struct IsNum(fn(&mut Checker, f64));

            impl Shape for IsNum {
                const EXPECTED: Expected = ("INSTANCE_NUMBER_EXPECTED", "Value must be a number");

                fn on_i64(self, c: &mut Checker, value: i64) {
                    (self.0)(c, value as f64);
                }

                fn on_u64(self, c: &mut Checker, value: u64) {
                    (self.0)(c, value as f64);
                }

                fn on_f64(self, c: &mut Checker, value: f64) {
                    (self.0)(c, value);
                }
            }
        }
    }),
    ("integer", || {
        quote! {
            /// An integer of a JSON-number integer type: its name and range, and its checks.
            #[derive(Clone, Copy)]
            pub(crate) struct IsInt(&'static str, i64, i64, fn(&mut Checker, f64));

            impl Shape for IsInt {
                const EXPECTED: Expected = ("INSTANCE_INTEGER_EXPECTED", "Value must be an integer");

                fn on_i64(self, c: &mut Checker, value: i64) {
                    if (self.1..=self.2).contains(&value) {
                        (self.3)(c, value as f64);
                    } else {
                        c.report("INSTANCE_INT_RANGE_INVALID", format!("Value {value} is not a valid {}", self.0));
                    }
                }

                fn on_u64(self, c: &mut Checker, value: u64) {
                    match i64::try_from(value) {
                        Ok(value) => self.on_i64(c, value),
                        Err(_) => c.report("INSTANCE_INT_RANGE_INVALID", format!("Value {value} is not a valid {}", self.0)),
                    }
                }
            }
        }
    }),
    ("array", || {
        quote! {
            /// An array: the shape of its items, its count checks, and whether items are unique.
            #[derive(Clone, Copy)]
            pub(crate) struct IsArray<S>(S, fn(&mut Checker, usize), bool);

            impl<S: Shape> Shape for IsArray<S> {
                const EXPECTED: Expected = ("INSTANCE_ARRAY_EXPECTED", "Value must be an array");

                fn on_seq<'de, A: SeqAccess<'de>>(self, c: &mut Checker, mut seq: A) -> Result<(), A::Error> {
                    let mut len = 0;
                    if self.2 {
                        // Uniqueness compares whole items, so only here are items kept.
                        let mut items = Vec::new();
                        while let Some(item) = seq.next_element::<Value>()? {
                            c.enter_index(len);
                            let _ = Seed(&mut *c, self.0).deserialize(&item);
                            if items.contains(&item) {
                                c.report("INSTANCE_SET_DUPLICATE", format!("Set contains duplicate value at index {len}"));
                            }
                            c.leave();
                            items.push(item);
                            len += 1;
                        }
                    } else {
                        loop {
                            c.enter_index(len);
                            let more = seq.next_element_seed(Seed(&mut *c, self.0))?;
                            c.leave();
                            if more.is_none() {
                                break;
                            }
                            len += 1;
                        }
                    }
                    (self.1)(c, len);
                    Ok(())
                }
            }
        }
    }),
    ("contains", || {
        quote! {
            /// Reports a count of items matching `contains` outside `min..=max`.
            fn check_contains(c: &mut Checker, matched: usize, min: usize, max: Option<usize>) {
                if matched < min {
                    c.report("INSTANCE_MIN_CONTAINS", format!("Array must contain at least {min} matching items, found {matched}"));
                }
                if let Some(max) = max.filter(|max| matched > *max) {
                    c.report("INSTANCE_MAX_CONTAINS", format!("Array must contain at most {max} matching items, found {matched}"));
                }
            }
        }
    }),
    ("contains_shape", || {
        quote! {
            /// An array with `contains`: the array's own shape, then how many items fit `C`
            /// (between the bounds). Items are kept, as each is checked twice.
            #[derive(Clone, Copy)]
            pub(crate) struct WithContains<S, C>(S, C, usize, Option<usize>);

            impl<S: Shape, C: Shape> Shape for WithContains<S, C> {
                const EXPECTED: Expected = S::EXPECTED;

                fn on_seq<'de, A: SeqAccess<'de>>(self, c: &mut Checker, seq: A) -> Result<(), A::Error> {
                    let array = <Value as serde::Deserialize>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
                    let _ = Seed(&mut *c, self.0).deserialize(&array);
                    let matched = array.as_array().map_or(0, |items| items.iter().filter(|item| fits(item, self.1)).count());
                    check_contains(c, matched, self.2, self.3);
                    Ok(())
                }
            }
        }
    }),
    ("key_names", || {
        quote! {
            /// Reports a key that broke its `keyNames`/`propertyNames` schema (the violations in
            /// `names`) as one violation.
            fn key_invalid(c: &mut Checker, code: &'static str, what: &str, key: &str, names: Checker) {
                if !names.violations.is_empty() {
                    let why: Vec<&str> = names.violations.iter().map(|v| v.message.as_str()).collect();
                    c.report(code, format!("Invalid {what} {key:?}: {}", why.join("; ")));
                }
            }
        }
    }),
    ("members", || {
        quote! {
            /// An object or map whose members are also checked as a whole (`patternProperties`,
            /// `has`, ...): it is read into a tree, checked by `S`, then by the function.
            #[derive(Clone, Copy)]
            pub(crate) struct WithMembers<S>(S, fn(&mut Checker, &serde_json::Map<String, Value>));

            impl<S: Shape> Shape for WithMembers<S> {
                const EXPECTED: Expected = S::EXPECTED;

                fn on_map<'de, A: MapAccess<'de>>(self, c: &mut Checker, map: A) -> Result<(), A::Error> {
                    let value = <Value as serde::Deserialize>::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                    let _ = Seed(&mut *c, self.0).deserialize(&value);
                    if let Value::Object(members) = &value {
                        (self.1)(c, members);
                    }
                    Ok(())
                }
            }
        }
    }),
    ("tree", || {
        quote! {
            /// Any value, read into a tree and checked as a whole by the function (composition
            /// rules try their branches on it).
            #[derive(Clone, Copy)]
            pub(crate) struct AsTree(fn(&mut Checker, &Value));

            impl Shape for AsTree {
                // Never reported: every method below reads the value, whatever its type.
                const EXPECTED: Expected = ("", "");

                fn on_bool(self, c: &mut Checker, value: bool) {
                    (self.0)(c, &Value::Bool(value));
                }

                fn on_i64(self, c: &mut Checker, value: i64) {
                    (self.0)(c, &Value::from(value));
                }

                fn on_u64(self, c: &mut Checker, value: u64) {
                    (self.0)(c, &Value::from(value));
                }

                fn on_f64(self, c: &mut Checker, value: f64) {
                    (self.0)(c, &Value::from(value));
                }

                fn on_str(self, c: &mut Checker, value: &str) {
                    (self.0)(c, &Value::from(value));
                }

                fn on_null(self, c: &mut Checker) {
                    (self.0)(c, &Value::Null);
                }

                fn on_seq<'de, A: SeqAccess<'de>>(self, c: &mut Checker, seq: A) -> Result<(), A::Error> {
                    let value = <Value as serde::Deserialize>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
                    (self.0)(c, &value);
                    Ok(())
                }

                fn on_map<'de, A: MapAccess<'de>>(self, c: &mut Checker, map: A) -> Result<(), A::Error> {
                    let value = <Value as serde::Deserialize>::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                    (self.0)(c, &value);
                    Ok(())
                }
            }
        }
    }),
    ("bounded_match", || {
        quote! {
            /// Checks that `s` matches a backtracking pattern as a whole; a match the bound cuts
            /// short is a violation of its own, not a pass.
            fn bounded_match(c: &mut Checker, index: usize, s: &str) {
                let ecma = BACKTRACKING_PATTERNS[index].0;
                match backtracking_pattern(index).is_match(s) {
                    Ok(true) => {}
                    Ok(false) => c.report("INSTANCE_STRING_PATTERN_MISMATCH", format!("String does not match pattern: {ecma}")),
                    Err(_) => c.report("INSTANCE_PATTERN_LIMIT_EXCEEDED", format!("String could not be matched against pattern {ecma} within the backtracking limit")),
                }
            }
        }
    }),
    ("map", || {
        quote! {
            /// A map: the shape of its values, its count checks and the checks of each key.
            #[derive(Clone, Copy)]
            pub(crate) struct IsMap<S>(S, fn(&mut Checker, usize), fn(&mut Checker, &str));

            impl<S: Shape> Shape for IsMap<S> {
                const EXPECTED: Expected = ("INSTANCE_MAP_EXPECTED", "Value must be an object (map)");

                fn on_map<'de, A: MapAccess<'de>>(self, c: &mut Checker, mut map: A) -> Result<(), A::Error> {
                    let mut len = 0;
                    while let Some(Key(key)) = map.next_key()? {
                        c.enter(&key);
                        (self.2)(c, &key);
                        map.next_value_seed(Seed(&mut *c, self.0))?;
                        c.leave();
                        len += 1;
                    }
                    (self.1)(c, len);
                    Ok(())
                }
            }
        }
    }),
];

/// The kinds of path step the walks need (member names, found in the text or copied, and
/// array items), and the code that turns steps into a pointer, a location hint, or pops one.
fn path_steps(
    members: bool,
    indexes: bool,
) -> (TokenStream, TokenStream, TokenStream, TokenStream) {
    let mut variants = TokenStream::new();
    let mut arms = TokenStream::new();
    if members {
        variants.extend(quote! {
            /// A member whose name is in the text being validated, at these offsets.
            InText(usize, usize),
            /// A member whose name was copied into `Checker::path` (escaped in the text, or
            /// read from a `Value`), from this offset.
            Copied(usize),
        });
        arms.extend(quote! {
            Step::InText(start, end) => &self.text[start..end],
            Step::Copied(start) => {
                let end = self.steps[i + 1..]
                    .iter()
                    .find_map(|s| match s {
                        Step::Copied(next) => Some(*next),
                        _ => None,
                    })
                    .unwrap_or(self.path.len());
                &self.path[start..end]
            }
        });
    }
    if indexes {
        variants.extend(quote! {
            /// An array item.
            Item(usize),
        });
        arms.extend(quote! {
            Step::Item(index) => {
                pointer.push_str(&index.to_string());
                continue;
            }
        });
    }
    let pointer_loop = if members {
        quote! {
            let mut pointer = String::new();
            for (i, step) in self.steps.iter().enumerate() {
                pointer.push('/');
                let name = match *step {
                    #arms
                };
                if name.contains(['~', '/']) {
                    pointer.push_str(&name.replace('~', "~0").replace('/', "~1"));
                } else {
                    pointer.push_str(name);
                }
            }
        }
    } else if indexes {
        quote! {
            let mut pointer = String::new();
            for step in &self.steps {
                let Step::Item(index) = *step;
                pointer.push('/');
                pointer.push_str(&index.to_string());
            }
        }
    } else {
        quote!(let pointer = String::new();)
    };
    let (hint, truncate) = if members {
        (
            quote! {
                match self.steps.last() {
                    Some(Step::InText(_, end)) => Some(*end),
                    _ => None,
                }
            },
            quote! {
                if let Some(Step::Copied(start)) = self.steps.pop() {
                    self.path.truncate(start);
                }
            },
        )
    } else {
        (quote!(None), quote!(self.steps.pop();))
    };
    (variants, pointer_loop, hint, truncate)
}

/// The checker and the serde plumbing, with the parts only some schemas use (descending into
/// members or items, tracking declared members) emitted only when used.
fn support(helpers: &BTreeSet<&'static str>) -> TokenStream {
    let indexes = helpers.contains("array") || helpers.contains("index");
    let members = helpers.contains("member");
    // Only member names are looked up in the text (by their address), so only then does the
    // checker hold it.
    let text_field = members.then(|| {
        quote! {
            /// The text being validated (empty for a `Value`).
            text: &'t str,
        }
    });
    let text_init = members.then(|| quote!(text,));
    let path_field = members.then(|| {
        quote! {
            /// The member names of the path that are not in the text, back to back.
            path: String,
        }
    });
    let (text_param, t_param, t_ref, t_first, t_elided) = if members {
        (
            quote!(text),
            quote!(<'t>),
            quote!(&'t),
            quote!('t,),
            quote!('_,),
        )
    } else {
        (quote!(_), quote!(), quote!(&), quote!(), quote!())
    };
    let (step_variants, pointer_loop, hint, truncate) = path_steps(members, indexes);
    // A schema of scalars alone walks into nothing: no steps at all.
    let walks = members || indexes;
    let step_enum = walks.then(|| {
        quote! {
            /// One step of the path to the value being checked.
            #[derive(Clone, Copy)]
            enum Step {
                #step_variants
            }
        }
    });
    let steps_field = walks.then(|| quote!(steps: Vec<Step>,));
    let steps_init = walks.then(|| quote!(steps: Vec::with_capacity(8),));
    let enter = members.then(|| {
        quote! {
            /// Descends into a member. A name borrowed from the text being validated is kept
            /// as its place there (no copy), which also locates the member's violations
            /// without a search; any other name is copied.
            fn enter(&mut self, name: &str) {
                let base = self.text.as_ptr() as usize;
                let address = name.as_ptr() as usize;
                if address >= base && address + name.len() <= base + self.text.len() {
                    self.steps.push(Step::InText(address - base, address - base + name.len()));
                } else {
                    self.steps.push(Step::Copied(self.path.len()));
                    self.path.push_str(name);
                }
            }
        }
    });
    let leave = (members || indexes).then(|| {
        quote! {
            fn leave(&mut self) {
                #truncate
            }
        }
    });
    let mark_present = helpers.contains("present").then(|| {
        quote! {
            /// Notes that a declared member was read; a second time is a violation (a repeated
            /// member has no single meaning, and serde rejects it too).
            fn mark_present(&mut self, present: &mut [bool], index: usize, name: &str) {
                if std::mem::replace(&mut present[index], true) {
                    self.report("INSTANCE_DUPLICATE_PROPERTY", format!("Property '{name}' appears more than once"));
                }
            }
        }
    });
    let key = members.then(|| {
        quote! {
        /// A member name, borrowed from the input where it has no escapes.
        struct Key<'de>(std::borrow::Cow<'de, str>);

        impl<'de> serde::Deserialize<'de> for Key<'de> {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct KeyVisitor;

                impl<'de> Visitor<'de> for KeyVisitor {
                    type Value = Key<'de>;

                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str("a member name")
                    }

                    fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Key<'de>, E> {
                        Ok(Key(std::borrow::Cow::Borrowed(value)))
                    }

                    fn visit_str<E>(self, value: &str) -> Result<Key<'de>, E> {
                        Ok(Key(std::borrow::Cow::Owned(value.to_owned())))
                    }
                }

                deserializer.deserialize_str(KeyVisitor)
            }
        }

        }
    });
    let add_ins = helpers.contains("add_ins");
    let add_in_fields = add_ins.then(|| {
        quote! {
            /// The add-ins the document enables, one bit per `ADD_INS` entry. A value that is not
            /// a whole document has no `$uses`, so it enables none.
            add_ins: u64,
            /// Violations that hold only if an add-in is enabled (`true`) or only if it is not:
            /// `$uses` may come after the members it concerns, so these wait for the end.
            pending: Vec<(usize, bool, Violation, Option<usize>)>,
        }
    });
    let add_in_methods = add_ins.then(|| {
        quote! {
            /// Notes that the document enables the add-in called `name` (one of `ADD_INS`).
            fn enable_add_in(&mut self, name: &str) {
                if let Some(index) = ADD_INS.iter().position(|n| *n == name) {
                    self.add_ins |= 1 << index;
                }
            }

            /// Reports a violation that holds only if the document enables add-in `add_in`
            /// (`enabled`), or only if it does not; [`Self::settle`] decides.
            fn report_on_add_in(&mut self, add_in: usize, enabled: bool, code: &'static str, message: String) {
                self.report(code, message);
                if let (Some(violation), Some(hint)) = (self.violations.pop(), self.hints.pop()) {
                    self.pending.push((add_in, enabled, violation, hint));
                }
            }

            /// Keeps the pending violations that hold, now that `$uses` has been read.
            fn settle(&mut self) {
                for (add_in, enabled, violation, hint) in std::mem::take(&mut self.pending) {
                    if ((self.add_ins >> add_in) & 1 == 1) == enabled {
                        self.violations.push(violation);
                        self.hints.push(hint);
                    }
                }
            }
        }
    });
    let (settle, finish_self) = if add_ins {
        (quote!(c.settle();), quote!(mut self))
    } else {
        (quote!(), quote!(self))
    };
    let settle_self = add_ins.then(|| quote!(self.settle();));
    let enter_index = indexes.then(|| {
        quote! {
            /// Descends into an array item (kept as a number: digits are written only for a
            /// violation's pointer).
            fn enter_index(&mut self, index: usize) {
                self.steps.push(Step::Item(index));
            }

        }
    });
    quote! {
        /// One violation of the schema.
        #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
        pub struct Violation {
            /// The JSON Structure SDK catalogue's code (`INSTANCE_REQUIRED_PROPERTY_MISSING`, ...).
            pub code: &'static str,
            pub message: String,
            /// The JSON pointer of the offending value (`""` for the document itself).
            pub pointer: String,
            /// 1-based line of the value, when validated from text.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub line: Option<usize>,
            /// 1-based column of the value, when validated from text.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub column: Option<usize>,
        }

        /// Every violation of a document, in the order found. Displays one line per violation;
        /// serializes as a JSON array of violations.
        #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
        #[serde(transparent)]
        pub struct ValidationErrors(Vec<Violation>);

        impl ValidationErrors {
            /// Text that is not JSON: one violation at the syntax error.
            fn syntax(e: &serde_json::Error) -> Self {
                let message = format!("Invalid JSON: {e}");
                ValidationErrors(vec![Violation { code: "INSTANCE_JSON_INVALID", message, pointer: String::new(), line: Some(e.line()), column: Some(e.column()) }])
            }

            /// The text in `bytes`, or one violation where they stop being UTF-8.
            fn utf8(bytes: &[u8]) -> Result<&str, Self> {
                std::str::from_utf8(bytes).map_err(|e| {
                    let before = &bytes[..e.valid_up_to()];
                    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
                    let line = before[..line_start].iter().filter(|&&b| b == b'\n').count() + 1;
                    // The valid prefix is UTF-8: count its characters for the column.
                    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
                    let message = format!("Invalid JSON: not UTF-8 at byte {}", e.valid_up_to());
                    ValidationErrors(vec![Violation { code: "INSTANCE_JSON_INVALID", message, pointer: String::new(), line: Some(line), column: Some(column) }])
                })
            }

            /// What serde rejected where no check of the schema did.
            fn from_serde(e: &serde_json::Error) -> Self {
                ValidationErrors(vec![Violation { code: "INSTANCE_TYPE_MISMATCH", message: e.to_string(), pointer: String::new(), line: Some(e.line()), column: Some(e.column()) }])
            }

            /// Adds the line and column of each violation's value in `text`, searched by its
            /// pointer.
            fn located(self, text: &str) -> Self {
                let hints = vec![None; self.0.len()];
                self.located_with(text, &hints)
            }

            /// Like [`Self::located`], starting from where the checker saw each value's member
            /// name end (`hints`, one per violation) and searching only where it did not.
            fn located_with(mut self, text: &str, hints: &[Option<usize>]) -> Self {
                for (v, hint) in self.0.iter_mut().zip(hints) {
                    let offset = hint.and_then(|end| after_name(text.as_bytes(), end)).or_else(|| locate(text, &v.pointer));
                    if let Some(offset) = offset {
                        let before = &text[..offset];
                        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
                        v.line = Some(before[..line_start].matches('\n').count() + 1);
                        v.column = Some(before[line_start..].chars().count() + 1);
                    }
                }
                self
            }

            /// The violations.
            pub fn violations(&self) -> &[Violation] {
                &self.0
            }

            /// Their codes, in order.
            pub fn codes(&self) -> Vec<&'static str> {
                self.0.iter().map(|v| v.code).collect()
            }
        }

        impl std::fmt::Display for ValidationErrors {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                for (i, v) in self.0.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    let at = if v.pointer.is_empty() { "(document)" } else { &v.pointer };
                    write!(f, "{at}")?;
                    if let (Some(line), Some(column)) = (v.line, v.column) {
                        write!(f, " (line {line}, column {column})")?;
                    }
                    write!(f, ": {} [{}]", v.message, v.code)?;
                }
                Ok(())
            }
        }

        impl std::error::Error for ValidationErrors {}

        /// Collects violations while walking a value, tracking where it is. The path is kept as
        /// raw steps (member names unescaped, item indexes as numbers) and turned into a JSON
        /// pointer only when a violation is reported: walking valid input stays cheap.
        #step_enum

        #[derive(Default)]
        pub(crate) struct Checker #t_param {
            #path_field
            #steps_field
            violations: Vec<Violation>,
            /// Per violation, where the name of the member holding the value ends in the text.
            hints: Vec<Option<usize>>,
            #text_field
            #add_in_fields
        }

        impl #t_param Checker #t_param {
            /// A checker for `text`, with room for a typical depth.
            fn for_text(#text_param: #t_ref str) -> Self {
                Checker {
                    #steps_init
                    #text_init
                    ..Checker::default()
                }
            }

            fn report(&mut self, code: &'static str, message: String) {
                #pointer_loop
                let hint = #hint;
                self.hints.push(hint);
                self.violations.push(Violation { code, message, pointer, line: None, column: None });
            }

            #enter

            #enter_index

            #leave

            #mark_present

            fn mismatch(&mut self, (code, message): Expected) {
                self.report(code, message.into());
            }

            #add_in_methods

            fn finish(#finish_self) -> Result<(), ValidationErrors> {
                #settle_self
                if self.violations.is_empty() {
                    Ok(())
                } else {
                    Err(ValidationErrors(self.violations))
                }
            }
        }

        /// Checks JSON text against a shape in one pass: a syntax error is one violation with
        /// its position; otherwise every violation, located.
        fn validate_text<S: Shape>(text: &str, shape: S) -> Result<(), ValidationErrors> {
            let mut c = Checker::for_text(text);
            let mut deserializer = serde_json::Deserializer::from_str(text);
            Seed(&mut c, shape)
                .deserialize(&mut deserializer)
                .and_then(|()| deserializer.end())
                .map_err(|e| ValidationErrors::syntax(&e))?;
            #settle
            let hints = std::mem::take(&mut c.hints);
            c.finish().map_err(|errors| errors.located_with(text, &hints))
        }

        /// The JSON type a shape expects: its code and message when another is found.
        type Expected = (&'static str, &'static str);

        /// How a value is checked as it is read, without building it: one method per JSON type
        /// the value can have. Those a shape does not take report the mismatch and skip the value.
        pub(crate) trait Shape: Copy {
            const EXPECTED: Expected;

            fn on_bool(self, c: &mut Checker, _: bool) {
                c.mismatch(Self::EXPECTED);
            }

            fn on_i64(self, c: &mut Checker, _: i64) {
                c.mismatch(Self::EXPECTED);
            }

            fn on_u64(self, c: &mut Checker, _: u64) {
                c.mismatch(Self::EXPECTED);
            }

            fn on_f64(self, c: &mut Checker, _: f64) {
                c.mismatch(Self::EXPECTED);
            }

            fn on_str(self, c: &mut Checker, _: &str) {
                c.mismatch(Self::EXPECTED);
            }

            fn on_null(self, c: &mut Checker) {
                c.mismatch(Self::EXPECTED);
            }

            fn on_seq<'de, A: SeqAccess<'de>>(self, c: &mut Checker, mut seq: A) -> Result<(), A::Error> {
                c.mismatch(Self::EXPECTED);
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(())
            }

            fn on_map<'de, A: MapAccess<'de>>(self, c: &mut Checker, mut map: A) -> Result<(), A::Error> {
                c.mismatch(Self::EXPECTED);
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(())
            }
        }

        /// Checks one value against a shape while it is deserialized (from text or a `Value`).
        pub(crate) struct Seed<'c, #t_first S>(&'c mut Checker #t_param, S);

        impl<'de, S: Shape> DeserializeSeed<'de> for Seed<'_, #t_elided S> {
            type Value = ();

            fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
                deserializer.deserialize_any(self)
            }
        }

        impl<'de, S: Shape> Visitor<'de> for Seed<'_, #t_elided S> {
            type Value = ();

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON value")
            }

            fn visit_bool<E>(self, value: bool) -> Result<(), E> {
                self.1.on_bool(self.0, value);
                Ok(())
            }

            fn visit_i64<E>(self, value: i64) -> Result<(), E> {
                self.1.on_i64(self.0, value);
                Ok(())
            }

            fn visit_u64<E>(self, value: u64) -> Result<(), E> {
                self.1.on_u64(self.0, value);
                Ok(())
            }

            fn visit_f64<E>(self, value: f64) -> Result<(), E> {
                self.1.on_f64(self.0, value);
                Ok(())
            }

            fn visit_str<E>(self, value: &str) -> Result<(), E> {
                self.1.on_str(self.0, value);
                Ok(())
            }

            fn visit_unit<E>(self) -> Result<(), E> {
                self.1.on_null(self.0);
                Ok(())
            }

            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
                self.1.on_seq(self.0, seq)
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
                self.1.on_map(self.0, map)
            }
        }

        #key

        /// The byte offset of the value at `pointer` in JSON `text` (known to be well-formed).
        fn locate(text: &str, pointer: &str) -> Option<usize> {
            let bytes = text.as_bytes();
            let mut pos = skip_ws(bytes, 0);
            for token in pointer.split('/').skip(1) {
                let token = if token.contains('~') { token.replace("~1", "/").replace("~0", "~") } else { token.to_owned() };
                match bytes.get(pos)? {
                    b'{' => {
                        pos = skip_ws(bytes, pos + 1);
                        loop {
                            if bytes.get(pos)? == &b'}' {
                                return None;
                            }
                            let key_end = skip_value(bytes, pos)?;
                            let raw = &text[pos + 1..key_end - 1];
                            // Keys without escapes compare as they stand; others are decoded.
                            let matches = if raw.contains('\\') {
                                serde_json::from_str::<String>(&text[pos..key_end]).ok()? == token
                            } else {
                                raw == token
                            };
                            pos = skip_ws(bytes, key_end);
                            pos = skip_ws(bytes, pos + 1); // `:`
                            if matches {
                                break;
                            }
                            pos = skip_ws(bytes, skip_value(bytes, pos)?);
                            if bytes.get(pos)? == &b',' {
                                pos = skip_ws(bytes, pos + 1);
                            }
                        }
                    }
                    b'[' => {
                        let index: usize = token.parse().ok()?;
                        pos = skip_ws(bytes, pos + 1);
                        for _ in 0..index {
                            pos = skip_ws(bytes, skip_value(bytes, pos)?);
                            pos = skip_ws(bytes, pos + 1); // `,`
                        }
                    }
                    _ => return None,
                }
            }
            Some(pos)
        }

        /// The offset of a member's value, from where its name ends (the closing quote).
        fn after_name(bytes: &[u8], end: usize) -> Option<usize> {
            if bytes.get(end)? != &b'"' {
                return None;
            }
            let colon = skip_ws(bytes, end + 1);
            (bytes.get(colon)? == &b':').then(|| skip_ws(bytes, colon + 1))
        }

        fn skip_ws(bytes: &[u8], mut pos: usize) -> usize {
            while matches!(bytes.get(pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
                pos += 1;
            }
            pos
        }

        /// The offset just after the value starting at `pos`.
        fn skip_value(bytes: &[u8], mut pos: usize) -> Option<usize> {
            match bytes.get(pos)? {
                b'"' => {
                    pos += 1;
                    loop {
                        // Jump to the next quote or backslash rather than stepping byte by byte.
                        pos += bytes.get(pos..)?.iter().position(|&b| b == b'"' || b == b'\\')?;
                        if bytes[pos] == b'"' {
                            return Some(pos + 1);
                        }
                        pos += 2;
                    }
                }
                b'{' | b'[' => {
                    let mut depth = 0usize;
                    loop {
                        match bytes.get(pos)? {
                            b'"' => {
                                pos = skip_value(bytes, pos)?;
                                continue;
                            }
                            b'{' | b'[' => depth += 1,
                            b'}' | b']' => {
                                depth -= 1;
                                if depth == 0 {
                                    return Some(pos + 1);
                                }
                            }
                            _ => {}
                        }
                        pos += 1;
                    }
                }
                _ => {
                    while !matches!(bytes.get(pos), None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')) {
                        pos += 1;
                    }
                    Some(pos)
                }
            }
        }
    }
}
