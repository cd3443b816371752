//! The shape (a `Shape` expression) a JSON value of a type is checked against as it is read.

use super::*;

/// The shape (an expression of a type implementing `Shape`) a JSON value of type `ty` is
/// checked against, with its constraints.
pub(super) fn json_shape(
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
pub(super) fn plain_shape(
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
            let body = closure_body(checks);
            quote!(|c, #param| #body)
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
            let type_name = ident(int.json_name());
            let checks = closure(quote!(n), number_checks(constraints, quote!(n)));
            quote!(IsInt::#type_name(#checks))
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
pub(super) fn bool_const(constraints: &[Constraint]) -> Option<bool> {
    constraints.iter().find_map(|c| match c {
        Constraint::Const(serde_json::Value::Bool(b)) => Some(*b),
        _ => None,
    })
}

/// A type as a message names it (`string`, `a TextContent`).
pub(super) fn describe_type(ir: &Ir, ty: &TypeRef) -> String {
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
pub(super) fn is_numeric_text(s: Scalar) -> bool {
    matches!(
        s,
        Scalar::I64 | Scalar::U64 | Scalar::I128 | Scalar::U128 | Scalar::Decimal
    )
}

/// Helper shapes are named `Is*`, `With*` or `AsTree`, never `*Shape` or `*Members` like the
/// shapes of the schema's own types, so no type name can clash with one.
pub(super) fn text_shape_name(s: Scalar) -> String {
    match s {
        Scalar::Binary(e) => format!("Is{}", heck::AsUpperCamelCase(e.name())),
        other => format!("Is{other:?}"),
    }
}

/// The shape of a subschema a constraint carries.
pub(super) fn subschema_shape(ir: &Ir, id: SubschemaId, needs: &mut Needs) -> TokenStream {
    let s = ir.subschema(id);
    json_shape(ir, &s.ty, &s.constraints, &s.item_constraints, needs)
}
