//! How deeply the generated types nest, and the `recursion_limit` that lets rustc compile them.
//!
//! rustc's queries over a type (layout, drop check, auto traits) recurse through the types it
//! is made of, so a chain of `$ref`s a hundred types deep overflows the default limit of 128
//! (`queries overflow the depth limit!`, `overflow while adding drop-check rules`) whatever
//! containers (`Option`, `Box`, `Vec`) lie between. Measured on the synthetic schema of the
//! codegen benchmark: a chain of 100 types needs a limit above 200 and compiles at 256.

use crate::ir::{Ir, TypeId, TypeKind, TypeRef};

/// rustc's default `recursion_limit`.
const DEFAULT_LIMIT: usize = 128;

/// The longest chain of generated types nested in one another (through fields, items, members
/// and branches, in any container); a cycle counts once.
pub fn nesting_depth(ir: &Ir) -> usize {
    let edges: Vec<Vec<TypeId>> = ir.types.iter().map(|t| children(&t.kind)).collect();
    // Iterative depth-first search (a chain may be thousands of types long): a type's depth is
    // known when all its children are; an edge back to a type still open closes a cycle.
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Open,
        Done(usize),
    }
    let mut state = vec![State::New; edges.len()];
    let mut deepest = 0;
    for start in 0..edges.len() {
        if state[start] != State::New {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        state[start] = State::Open;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&child) = edges[node].get(*next) {
                *next += 1;
                if state[child.0] == State::New {
                    state[child.0] = State::Open;
                    stack.push((child.0, 0));
                }
                continue;
            }
            let depth = 1 + edges[node]
                .iter()
                .filter_map(|c| match state[c.0] {
                    State::Done(d) => Some(d),
                    _ => None,
                })
                .max()
                .unwrap_or(0);
            state[node] = State::Done(depth);
            deepest = deepest.max(depth);
            stack.pop();
        }
    }
    deepest
}

fn children(kind: &TypeKind) -> Vec<TypeId> {
    fn named(ty: &TypeRef, out: &mut Vec<TypeId>) {
        match ty {
            TypeRef::Named(id) => out.push(*id),
            TypeRef::Vec(t) | TypeRef::Map(t) | TypeRef::Boxed(t) | TypeRef::Nullable(t) => {
                named(t, out)
            }
            TypeRef::Scalar(_) => {}
        }
    }
    let mut out = Vec::new();
    for ty in kind.type_refs() {
        named(ty, &mut out);
    }
    if let TypeKind::Union(u) = kind {
        out.extend(u.branches.iter().map(|b| b.ty));
    }
    out
}

/// The `recursion_limit` a crate whose types nest `depth` deep needs, when the default is not
/// enough: twice the depth and a margin, in steps of 64 so small schema changes rarely move it.
pub fn recursion_limit(depth: usize) -> Option<usize> {
    let needed = (2 * depth + DEFAULT_LIMIT).div_ceil(64) * 64;
    (2 * depth + 64 > DEFAULT_LIMIT).then_some(needed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;
    use crate::source::SourceMap;

    /// `n` definitions, each referring to the one before it (optional, in a list, or in a
    /// map, in rotation) and every tenth to itself.
    fn chain(n: usize) -> Ir {
        let defs: Vec<String> = (0..n)
            .map(|i| {
                let mut props = vec![r#""id": {"type": "string"}"#.to_string()];
                let to = |j: usize| format!(r##"{{"$ref": "#/definitions/T{j}"}}"##);
                if i > 0 {
                    props.push(match i % 3 {
                        0 => format!(r#""prev": {{"type": {}}}"#, to(i - 1)),
                        1 => format!(
                            r#""prev": {{"type": "array", "items": {{"type": {}}}}}"#,
                            to(i - 1)
                        ),
                        _ => format!(
                            r#""prev": {{"type": "map", "values": {{"type": {}}}}}"#,
                            to(i - 1)
                        ),
                    });
                }
                if i % 10 == 0 {
                    props.push(format!(r#""me": {{"type": {}}}"#, to(i)));
                }
                format!(
                    r#""T{i}": {{"type": "object", "properties": {{{}}}}}"#,
                    props.join(", ")
                )
            })
            .collect();
        let schema = format!(
            r#"{{"$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://example.com/chain", "name": "Chain", "definitions": {{{}}}}}"#,
            defs.join(", ")
        );
        let mut sources = SourceMap::default();
        let mut diags = Diagnostics::default();
        let doc = crate::load::load(&mut sources, "chain.json", schema.as_bytes(), &mut diags)
            .expect("loads");
        let set = crate::resolve::resolve(&doc, &mut diags).expect("resolves");
        crate::lower::lower(&set, &mut diags).expect("lowers")
    }

    #[test]
    fn depth_is_the_longest_chain_through_any_container_with_cycles_once() {
        assert_eq!(nesting_depth(&chain(1)), 1);
        assert_eq!(nesting_depth(&chain(12)), 12);
        assert_eq!(nesting_depth(&chain(3000)), 3000);
    }

    #[test]
    fn shallow_crates_keep_the_default_and_deep_ones_get_room() {
        assert_eq!(recursion_limit(3), None);
        assert_eq!(recursion_limit(31), None);
        assert_eq!(recursion_limit(100), Some(384));
        assert_eq!(recursion_limit(1000), Some(2176));
    }
}
