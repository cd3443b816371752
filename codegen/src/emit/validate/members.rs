//! Checks of members as a whole (`patternProperties`, `propertyNames`, `has`, key names) and the
//! composition rules (`allOf`, `anyOf`, `oneOf`, `not`, `if`), read from a JSON tree.

use super::*;

/// What has the members: how a broken key is reported.
#[derive(Clone, Copy)]
pub(super) enum Owner {
    Object,
    Map,
}

impl Owner {
    fn invalid_key(self) -> (TokenStream, &'static str) {
        match self {
            Owner::Object => (quote!(ViolationCode::PropertyNameInvalid), "property name"),
            Owner::Map => (quote!(ViolationCode::MapKeyInvalid), "map key"),
        }
    }
}

/// Checks of a key (`key`, a `&str`) against `keyNames`/`propertyNames`: the key's string
/// checks run on a checker of their own, and any violation is one violation at the member.
pub(super) fn key_checks(
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
pub(super) fn has_member_checks(constraints: &[Constraint], owner: Owner) -> bool {
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
pub(super) fn rules_checks(
    ir: &Ir,
    constraints: &[Constraint],
    needs: &mut Needs,
) -> Option<TokenStream> {
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
                    c.report(ViolationCode::AnyOfNoneMatched, "Value must match at least one schema in anyOf".into());
                }
            });
        }
        if !rules.one_of.is_empty() {
            let shapes = rules.one_of.iter().map(&mut shape).collect::<Vec<_>>();
            out.extend(quote! {
                let matched = [#(fits(json, #shapes)),*].into_iter().filter(|fits| *fits).count();
                if matched != 1 {
                    c.report(ViolationCode::OneOfInvalidCount, format!("Value must match exactly one schema in oneOf (matched {matched})"));
                }
            });
        }
        if let Some(b) = &rules.not {
            let not = shape(b);
            out.extend(quote! {
                if fits(json, #not) {
                    c.report(ViolationCode::NotMatched, "Value must not match the schema in 'not'".into());
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
pub(super) fn with_type_rules(
    ir: &Ir,
    ty: &TypeRef,
    constraints: &[Constraint],
) -> Vec<Constraint> {
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
pub(super) fn without_rules(constraints: &[Constraint]) -> Vec<Constraint> {
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
pub(super) fn member_checks(
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
                        c.report(ViolationCode::HasNoneMatched, #message.into());
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
pub(super) fn member_checks_fn(checks: TokenStream) -> TokenStream {
    quote! {
        |c: &mut Checker, members: &serde_json::Map<String, Value>| {
            #checks
        }
    }
}
