//! Recursive types: which by-value fields must be boxed so every type has a finite size.

use super::*;

/// Types that contain themselves by value (directly or through other structs) have infinite
/// size; box the fields that close such a cycle. `Vec` and maps already indirect.
pub(super) fn box_recursive_fields(types: &mut [TypeDef]) {
    fn direct(ty: &TypeRef) -> Option<TypeId> {
        match ty {
            TypeRef::Named(id) => Some(*id),
            _ => None,
        }
    }
    let edges: Vec<Vec<TypeId>> = types
        .iter()
        .map(|t| match &t.kind {
            TypeKind::Struct(s) => s.fields.iter().filter_map(|f| direct(&f.ty)).collect(),
            TypeKind::Alias(ty) | TypeKind::Newtype(Constrained { ty, .. }) => {
                direct(ty).into_iter().collect()
            }
            TypeKind::Union(u) => u.branches.iter().map(|b| b.ty).collect(),
            TypeKind::Untagged(members) => members
                .iter()
                .filter_map(|m| m.ty.as_ref().and_then(direct))
                .collect(),
            TypeKind::Tuple(elements) => elements.iter().filter_map(|e| direct(&e.ty)).collect(),
            TypeKind::Choice(c) => c.variants.iter().filter_map(|v| direct(&v.ty)).collect(),
            TypeKind::Abstract => Vec::new(),
            TypeKind::Enum(_) => Vec::new(),
        })
        .collect();
    let reaches = |from: TypeId, to: TypeId, edges: &[Vec<TypeId>]| {
        let mut stack = vec![from];
        let mut seen = vec![false; edges.len()];
        while let Some(t) = stack.pop() {
            if t == to {
                return true;
            }
            if !std::mem::replace(&mut seen[t.0], true) {
                stack.extend(edges[t.0].iter().copied());
            }
        }
        false
    };
    let mut edges = edges;
    for owner in 0..types.len() {
        let TypeKind::Struct(s) = &mut types[owner].kind else {
            continue;
        };
        for f in &mut s.fields {
            if let Some(target) = direct(&f.ty) {
                if reaches(target, TypeId(owner), &edges) {
                    f.ty = TypeRef::Boxed(Box::new(f.ty.clone()));
                    edges[owner].retain(|&t| t != target);
                }
            }
        }
    }
}

/// Whether a type is or contains a generated type (a default of it needs checking by `fit`).
pub(super) fn mentions_named(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Named(_) => true,
        TypeRef::Scalar(_) => false,
        TypeRef::Vec(inner)
        | TypeRef::Map(inner)
        | TypeRef::Boxed(inner)
        | TypeRef::Nullable(inner) => mentions_named(inner),
    }
}

/// The subschemas a set of rules checks against.
fn rule_subschemas(r: &Rules) -> impl Iterator<Item = SubschemaId> + '_ {
    let conditional = r.conditional.iter().flat_map(|c| {
        [Some(c.condition), c.then, c.otherwise]
            .into_iter()
            .flatten()
    });
    r.all_of
        .iter()
        .chain(&r.any_of)
        .chain(&r.one_of)
        .chain(&r.not)
        .copied()
        .chain(conditional)
}

/// Whether the composition rules of `start` reach `start` again, through the types their
/// subschemas name and those types' own rules. The validators check a type's rules inline
/// wherever the type is checked, so such rules would expand without end.
pub(super) fn rules_refer_back(
    types: &[TypeDef],
    subschemas: &BTreeMap<SubschemaId, Constrained>,
    start: TypeId,
) -> bool {
    fn named(ty: &TypeRef, out: &mut Vec<TypeId>) {
        match ty {
            TypeRef::Named(id) => out.push(*id),
            TypeRef::Vec(t) | TypeRef::Map(t) | TypeRef::Boxed(t) | TypeRef::Nullable(t) => {
                named(t, out)
            }
            TypeRef::Scalar(_) => {}
        }
    }
    let Some(rules) = &types[start.0].rules else {
        return false;
    };
    let mut pending: Vec<SubschemaId> = rule_subschemas(rules).collect();
    let mut seen_subschemas = std::collections::HashSet::new();
    let mut seen_types = std::collections::HashSet::new();
    while let Some(id) = pending.pop() {
        if !seen_subschemas.insert(id) {
            continue;
        }
        let Some(s) = subschemas.get(&id) else {
            continue;
        };
        let mut reached = Vec::new();
        named(&s.ty, &mut reached);
        for t in reached {
            if t == start {
                return true;
            }
            if seen_types.insert(t) {
                if let Some(r) = &types[t.0].rules {
                    pending.extend(rule_subschemas(r));
                }
            }
        }
        for c in s.constraints.iter().chain(&s.item_constraints) {
            if let Constraint::Rules(r) = c {
                pending.extend(rule_subschemas(r));
            }
        }
    }
    false
}
