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
