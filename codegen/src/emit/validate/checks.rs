//! Constraint checks generated inline: strings, numbers, counts, and the typed checks of fields
//! and values that the Rust types cannot express.

use super::*;

/// Checks of a string `s` (an expression of type `&str`).
pub(super) fn string_checks(
    constraints: &[Constraint],
    s: TokenStream,
    needs: &mut Needs,
) -> TokenStream {
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
                let code = code_variant(code);
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
pub(super) fn number_checks(constraints: &[Constraint], n: TokenStream) -> TokenStream {
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
pub(super) fn count_checks(
    constraints: &[Constraint],
    len: TokenStream,
    counted: Counted,
) -> TokenStream {
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
pub(super) enum Counted {
    Items,
    Entries,
}

/// The typed check of one field: its constraints, and recursion into nested structs.
pub(super) fn typed_check(ir: &Ir, f: &Field, needs: &mut Needs) -> TokenStream {
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
    let optional = matches!(f.presence, Presence::Optional | Presence::Defaulted(_));
    match (optional, single_call(&body)) {
        (true, Some(call)) => quote!(c.at_some(#json, &self.#name, |c, value| #call);),
        (true, None) => {
            let inside = inside_member(quote!(#json), body);
            quote!(if let Some(value) = &self.#name { #inside })
        }
        (false, _) => {
            let inside = inside_member(quote!(#json), body);
            quote!(let value = &self.#name; #inside)
        }
    }
}

/// Checks of a typed value `value` (a reference); empty when there is nothing to check.
pub(super) fn typed_value_check(
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
pub(super) fn plain_typed_check(
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
                        c.report(ViolationCode::ConstMismatch, format!("Value must equal const value {}", #b));
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
                let body = closure_body(item_check);
                quote!(c.items(#value.iter(), |c, item| #body);)
            });
            let counts = count_checks(constraints, quote!(#value.len()), Counted::Items);
            let unique = constraints.contains(&Constraint::UniqueItems).then(|| {
                quote! {
                    for (index, item) in #value.iter().enumerate() {
                        if #value[..index].contains(item) {
                            c.enter_index(index);
                            c.report(ViolationCode::SetDuplicate, format!("Set contains duplicate value at index {index}"));
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
                let inside = inside_member(quote!(key), quote!(#key_check #entry_check));
                quote!(#entries { #inside })
            });
            let counts = count_checks(constraints, quote!(#value.len()), Counted::Entries);
            let members = member_checks(ir, constraints, Owner::Map, needs)
                .map(|checks| typed_member_checks(&value, checks));
            quote!(#per_entry #counts #members)
        }
    }
}

/// Runs member checks (see [`member_checks`]) on a typed value, as the JSON it serializes to.
pub(super) fn typed_member_checks(value: &TokenStream, checks: TokenStream) -> TokenStream {
    quote! {
        if let Ok(Value::Object(members)) = serde_json::to_value(#value) {
            let members = &members;
            #checks
        }
    }
}

/// The `contains` constraint among `constraints`.
pub(super) fn contains(constraints: &[Constraint]) -> Option<&Contains> {
    constraints.iter().find_map(|c| match c {
        Constraint::Contains(contains) => Some(contains),
        _ => None,
    })
}

/// `minContains` and `maxContains` as literals (`usize`, `Option<usize>`).
pub(super) fn contains_bounds(contains: &Contains) -> (TokenStream, TokenStream) {
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
