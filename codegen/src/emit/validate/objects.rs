//! Objects: the shape that reads each member once (required, unknown and add-in members), and
//! the object-level checks (property counts, `dependentRequired`) on JSON and on typed values.

use super::*;

// Model types are named through `crate::` here: a shape is called `<Type>Shape`, which may also
// be the name of a model type (a property `shape` of `Type`), and the local name would win.
pub(super) fn struct_impl(ir: &Ir, id: TypeId, s: &Struct, needs: &mut Needs) -> TokenStream {
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
            let read = quote!(members.read(c, #index, #field_shape)?);
            match add_in_presence(ir, s, f, needs) {
                Some(add_in) => quote!(#json => { #read; #add_in }),
                None => quote!(#json => #read,),
            }
        })
        .collect();
    // What a member that is no field does: read by the additional-properties shape, reported,
    // or skipped.
    let unknown = if let Some(a) = s.additional.as_ref().filter(|a| a.declared) {
        let value_shape = json_shape(ir, &a.ty, &a.constraints, &[], needs);
        quote!(members.read_other(c, #value_shape)?)
    } else if s.deny_unknown_fields {
        quote!({
            c.report(
                ViolationCode::AdditionalPropertyNotAllowed,
                format!("Additional property not allowed: {key}"),
            );
            members.skip()?;
        })
    } else if s.additional.as_ref().is_some_and(|a| a.unstated) {
        // Open only because the schema says nothing: a strict validation reports the member.
        quote!({
            c.undeclared(key.as_ref());
            members.skip()?;
        })
    } else {
        quote!(members.skip()?)
    };
    // Without fields there is nothing to match (code a linter would flag).
    let dispatch = if arms.is_empty() {
        quote!(#unknown;)
    } else {
        quote! {
            match key.as_ref() {
                #(#arms)*
                _ => #unknown,
            }
        }
    };
    let required: Vec<_> = s
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.presence == Presence::Required)
        .map(|(index, f)| {
            let json = &f.json_name;
            let index = Literal::usize_unsuffixed(index);
            quote!((#index, #json))
        })
        .collect();
    let required = (!required.is_empty()).then(|| quote!(members.require(c, &[#(#required),*]);));
    let add_in_required: Vec<_> = s
        .fields
        .iter()
        .enumerate()
        .filter_map(|(index, f)| {
            let check = add_in_required(ir, f, needs)?;
            let index = Literal::usize_unsuffixed(index);
            Some(quote!(if !members.has(#index) { #check }))
        })
        .collect();
    let index_of = |name: &str| s.fields.iter().position(|f| f.json_name == name);
    let object_checks = object_checks(&s.constraints, quote!(count), &|name| {
        let i = Literal::usize_unsuffixed(index_of(name)?);
        Some((quote!(members.has(#i)), quote!(!members.has(#i))))
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
    if let Some(a) = s.additional.as_ref().filter(|a| a.unstated) {
        let field = ident(&a.rust_name);
        typed_fields.push(quote!(c.undeclared_members(self.#field.keys());));
    }
    if let Some(a) = &s.additional {
        let field = ident(&a.rust_name);
        let check = typed_value_check(ir, &a.ty, &a.constraints, &[], quote!(value), needs);
        if !check.is_empty() {
            let inside = inside_member(quote!(key), check);
            typed_fields.push(quote!(for (key, value) in &self.#field { #inside }));
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
            const EXPECTED: Expected = OBJECT_EXPECTED;

            fn on_map<'de, A: MapAccess<'de>>(self, c: &mut Checker, map: A) -> Result<(), A::Error> {
                let mut members = Members::<A, #field_count>::new(map);
                #count_decl
                while let Some(Key(key)) = members.next_key()? {
                    #count_step
                    c.enter(&key);
                    #dispatch
                    c.leave();
                }
                #required
                #(#add_in_required)*
                #object_checks
                Ok(())
            }
        }
    }
}

/// Whether `id` is the enum of the schema's add-ins (what `$uses` lists): reading one enables it.
pub(super) fn is_add_in_enum(ir: &Ir, id: TypeId) -> bool {
    ir.add_ins.as_ref().is_some_and(|a| a.ty == id)
}

/// For an add-in's field of a closed object, read: a violation unless the document enables the
/// add-in (in an open object the member is an undeclared property when it does not).
pub(super) fn add_in_presence(
    ir: &Ir,
    s: &Struct,
    f: &Field,
    needs: &mut Needs,
) -> Option<TokenStream> {
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
        quote!(ViolationCode::AdditionalPropertyNotAllowed),
        &message,
        needs,
    ))
}

/// For a field an add-in requires, missing: a violation if the document enables the add-in.
pub(super) fn add_in_required(ir: &Ir, f: &Field, needs: &mut Needs) -> Option<TokenStream> {
    let m = f.add_in.filter(|m| m.required)?;
    let name = &ir.add_ins.as_ref()?.names[m.add_in];
    let message = format!(
        "Missing required property: {} (add-in '{name}' requires it)",
        f.json_name
    );
    Some(report_on_add_in(
        m.add_in,
        true,
        quote!(ViolationCode::RequiredPropertyMissing),
        &message,
        needs,
    ))
}

/// A violation that holds only if the document enables add-in `add_in` (`enabled`) or only if
/// it does not: the checker settles it once `$uses` has been read.
pub(super) fn report_on_add_in(
    add_in: usize,
    enabled: bool,
    code: TokenStream,
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
pub(super) fn typed_add_in_checks(
    ir: &Ir,
    s: &Struct,
    f: &Field,
    needs: &mut Needs,
) -> TokenStream {
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

/// Object-level checks: property counts and `dependentRequired`, given the number of present
/// properties and, for a property, how to ask whether it is present and whether it is absent
/// (`None`: always present, as required and defaulted fields of typed values are).
pub(super) fn object_checks(
    constraints: &[Constraint],
    count: TokenStream,
    present: &dyn Fn(&str) -> Option<(TokenStream, TokenStream)>,
) -> TokenStream {
    let checks = constraints.iter().filter_map(|constraint| {
        Some(match constraint {
            Constraint::MinProperties(n) => quote! {
                if #count < #n as usize {
                    c.report(ViolationCode::MinProperties, format!("Object has {} properties, minimum is {}", #count, #n));
                }
            },
            Constraint::MaxProperties(n) => quote! {
                if #count > #n as usize {
                    c.report(ViolationCode::MaxProperties, format!("Object has {} properties, maximum is {}", #count, #n));
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
                                    c.report(ViolationCode::DependentRequired, format!("Property '{}' requires property '{}'", #source, #target));
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
                        0 => c.report(ViolationCode::RequiredPropertyMissing, format!("Missing required properties: one of {}", #listed)),
                        1 => {}
                        n => c.report(ViolationCode::OneOfInvalidCount, format!("Value must have exactly one set of required properties ({}), has {n}", #listed)),
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
pub(super) fn object_checks_typed(s: &Struct) -> TokenStream {
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
