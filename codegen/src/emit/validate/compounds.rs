//! Validators of the other named types: unions, choices, tuples, newtypes over constrained
//! values, and untagged type unions.

use super::*;

/// The root union: a document is classified (see the type's docs), then checked as that branch;
/// a document no branch fits is one violation.
pub(super) fn union_impl(
    ir: &Ir,
    id: TypeId,
    u: &crate::ir::Union,
    needs: &mut Needs,
) -> TokenStream {
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
                    None => c.report(ViolationCode::ObjectExpected, "Value must be an object".into()),
                    Some(Err(e)) => c.report(ViolationCode::OneOfInvalidCount, e.to_string()),
                    #(Some(Ok(crate::#kind::#variants)) => {
                        let _ = Seed(&mut *c, #shapes).deserialize(value);
                    })*
                }
            }
        }

        jstruct_runtime::forward_shape!(#shape => AsTree(Self::check), (ViolationCode::ObjectExpected, "Value must be an object"));
    }
}

/// A newtype's shape: the wrapped type's, with the definition's constraints. It is a named
/// unit struct that builds the inner shape on each call, so a newtype that holds itself (in
/// an array, say) has a finite shape type.
pub(super) fn newtype_impl(ir: &Ir, id: TypeId, n: &Constrained, needs: &mut Needs) -> TokenStream {
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
        quote!((ViolationCode::TypeMismatch, #message)),
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

/// A choice's shape. Tagged: one member, named for a choice, checked as that choice. Inline: the
/// selector decides, wherever it is among the members, so the object is read once into a tree;
/// the rest of it is then checked as the chosen object.
pub(super) fn choice_impl(ir: &Ir, id: TypeId, choice: &Choice, needs: &mut Needs) -> TokenStream {
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
            // The chosen type sees the selector when it declares it as a property of its own.
            Some(selector) if crate::emit::declares(ir, &v.ty, selector) => quote!(#json => {
                let _ = Seed(&mut *c, #variant_shape).deserialize(&value);
            }),
            Some(selector) => quote!(#json => {
                if let Some(members) = value.as_object_mut() {
                    members.remove(#selector);
                }
                let _ = Seed(&mut *c, #variant_shape).deserialize(&value);
            }),
        });
        let check = typed_value_check(ir, &v.ty, &[], &[], quote!(value), needs);
        if !check.is_empty() {
            forwards.push((
                quote!(Self::#variant(value)),
                match &choice.selector {
                    None => inside_member(quote!(#json), check),
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
                            c.report(ViolationCode::ChoiceUnknown, format!("Unknown choice: {key}"));
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                    c.leave();
                }
                match count {
                    0 => c.report(ViolationCode::ChoiceNoMatch, "Value does not match any choice option".into()),
                    1 => {}
                    n => c.report(ViolationCode::ChoiceMultipleMatches, format!("Value matches {n} choices (should match exactly one)")),
                }
                Ok(())
            }
        },
        Some(selector) => {
            // Mutable only where some chosen type must not see the selector.
            let binding = if choice
                .variants
                .iter()
                .all(|v| crate::emit::declares(ir, &v.ty, selector))
            {
                quote!(value)
            } else {
                quote!(mut value)
            };
            quote! {
            fn on_map<'de, A: MapAccess<'de>>(self, c: &mut Checker, map: A) -> Result<(), A::Error> {
                let #binding = <Value as serde::Deserialize>::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                let chosen = value.get(#selector).cloned();
                match chosen {
                    None => c.report(ViolationCode::ChoiceSelectorMissing, format!("Choice requires selector property: {}", #selector)),
                    Some(Value::String(choice)) => match choice.as_str() {
                        #(#arms)*
                        _ => c.report(ViolationCode::ChoiceUnknown, format!("Unknown choice: {choice}")),
                    },
                    Some(_) => c.report(ViolationCode::ChoiceSelectorNotString, "Selector value must be a string".into()),
                }
                Ok(())
            }
            }
        }
    };
    let frame = validator_frame(ir, id, check, quote!(), needs);
    quote! {
        #frame

        impl Shape for #shape {
            const EXPECTED: Expected = CHOICE_EXPECTED;

            #on_map
        }
    }
}

/// The typed `check` of an enum: each variant whose value has checks forwards to them.
pub(super) fn forwarding_check(
    forwards: &[(TokenStream, TokenStream)],
    variants: usize,
) -> TokenStream {
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
pub(super) fn tuple_impl(
    ir: &Ir,
    id: TypeId,
    elements: &[Element],
    needs: &mut Needs,
) -> TokenStream {
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
            const EXPECTED: Expected = TUPLE_EXPECTED;

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
                    c.report(ViolationCode::TupleLengthMismatch, format!("Tuple has {len} items but schema defines {}", #count));
                }
                Ok(())
            }
        }
    }
}

/// A type union's shape: the value is read once into a tree, then each member's shape is tried
/// in order; the first without violations is the member. No member fitting is one violation.
pub(super) fn untagged_impl(
    ir: &Ir,
    id: TypeId,
    members: &[Member],
    needs: &mut Needs,
) -> TokenStream {
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
        let forwarding = forwarding_shape(&quote!(#shape), quote!(ANY_TYPE), quote!(IsAny));
        return quote!(#frame #forwarding);
    }
    let labels: Vec<_> = members
        .iter()
        .map(|m| match &m.ty {
            None => "null".to_string(),
            Some(ty) => describe_type(ir, ty),
        })
        .collect();
    let tries = members
        .iter()
        .zip(&labels)
        .map(|(m, label)| {
            let member_shape = match &m.ty {
                None => quote!(IsNull),
                Some(ty) => json_shape(ir, ty, &[], &[], needs),
            };
            quote!(tries.fits(#label, #member_shape))
        })
        .collect::<Vec<_>>();
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
        quote!((ViolationCode::TypeMismatch, #message)),
        quote!(AsTree(Self::check)),
    );
    let frame = validator_frame(ir, id, check, quote!(), needs);
    quote! {
        #frame

        impl #shape {
            /// The members' shapes, tried in order on the value read into a tree.
            fn check(c: &mut Checker, value: &Value) {
                let mut tries = UnionTries::new(value);
                if #(#tries)||* {
                    return;
                }
                tries.report(c, #message);
            }
        }

        #forwarding
    }
}
