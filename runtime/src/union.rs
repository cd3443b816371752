//! How a generated union of object types (a root `oneOf`/`anyOf`) tells its branches apart: the
//! rule documented on every such union, with what it matched and what the match left unread.
//! Open objects make `oneOf` branches overlap, so a document with a typo in a required member can
//! still fit a branch that requires nothing; [`UnionMatch::ignored`] shows it, and the strict
//! readers refuse it.

use serde_json::{Map, Value};

use crate::UnionMatchError;

/// A branch as the rule sees it: its name, required and declared properties.
#[derive(Debug, Clone, Copy)]
pub struct Branch {
    /// The branch's type name.
    pub name: &'static str,
    /// Its required properties.
    pub required: &'static [&'static str],
    /// Every property it declares.
    pub declared: &'static [&'static str],
}

/// The branch a document was read as, and the members of the document that branch does not
/// declare (kept by an open object, or dropped, but never checked as that branch's own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnionMatch<K> {
    /// The branch.
    pub kind: K,
    /// The document's members the branch does not declare, sorted by name.
    pub ignored: Vec<String>,
}

impl<K> UnionMatch<K> {
    /// The same match, its branch given as another value (a generated kind enum).
    pub fn map<T>(self, f: impl FnOnce(K) -> T) -> UnionMatch<T> {
        UnionMatch {
            kind: f(self.kind),
            ignored: self.ignored,
        }
    }
}

/// A way of reading a document's branch: [`classify`] or [`classify_strict`].
pub type Classifier =
    fn(&'static str, &[Branch], &Map<String, Value>) -> Result<UnionMatch<usize>, UnionMatchError>;

/// The index of the branch `document` belongs to: the one whose required properties are all
/// present; among several, the one that declares every member of the document.
pub fn classify(
    union: &'static str,
    branches: &[Branch],
    document: &Map<String, Value>,
) -> Result<UnionMatch<usize>, UnionMatchError> {
    let candidates: Vec<usize> = (0..branches.len())
        .filter(|&i| {
            branches[i]
                .required
                .iter()
                .all(|r| document.contains_key(*r))
        })
        .collect();
    let chosen = match candidates[..] {
        [only] => only,
        [] => {
            let missing = branches
                .iter()
                .map(|b| {
                    let lacks = b
                        .required
                        .iter()
                        .copied()
                        .filter(|r| !document.contains_key(*r))
                        .collect();
                    (b.name, lacks)
                })
                .collect();
            return Err(UnionMatchError::NoBranch { union, missing });
        }
        _ => {
            let covering: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(|&i| undeclared(&branches[i], document).next().is_none())
                .collect();
            match covering[..] {
                [only] => only,
                _ => {
                    let tied = if covering.is_empty() {
                        candidates
                    } else {
                        covering
                    };
                    return Err(UnionMatchError::Ambiguous {
                        union,
                        branches: tied.iter().map(|&i| branches[i].name).collect(),
                    });
                }
            }
        }
    };
    let mut ignored: Vec<String> = undeclared(&branches[chosen], document)
        .map(str::to_owned)
        .collect();
    ignored.sort_unstable();
    Ok(UnionMatch {
        kind: chosen,
        ignored,
    })
}

/// [`classify`], refusing a match that leaves members of the document unread.
pub fn classify_strict(
    union: &'static str,
    branches: &[Branch],
    document: &Map<String, Value>,
) -> Result<UnionMatch<usize>, UnionMatchError> {
    let matched = classify(union, branches, document)?;
    if matched.ignored.is_empty() {
        Ok(matched)
    } else {
        Err(UnionMatchError::Undeclared {
            union,
            branch: branches[matched.kind].name,
            members: matched.ignored,
        })
    }
}

/// The members of `document` that `branch` does not declare. A union is a document's root, so
/// its `$schema` and `$uses` are the instance's own keywords, not members of any branch.
fn undeclared<'a>(
    branch: &'a Branch,
    document: &'a Map<String, Value>,
) -> impl Iterator<Item = &'a str> {
    document
        .keys()
        .map(String::as_str)
        .filter(|k| !(branch.declared.contains(k) || matches!(*k, "$schema" | "$uses")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const BRANCHES: &[Branch] = &[
        Branch {
            name: "Job",
            required: &["input", "output"],
            declared: &["input", "output", "kind"],
        },
        Branch {
            name: "Endpoint",
            required: &[],
            declared: &["id", "count"],
        },
    ];

    fn document(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(m) => m,
            _ => unreachable!(),
        }
    }

    #[test]
    fn the_match_shows_what_it_left_unread() {
        let job = classify(
            "U",
            BRANCHES,
            &document(json!({"input": "a", "output": "b"})),
        )
        .unwrap();
        assert_eq!(
            job,
            UnionMatch {
                kind: 0,
                ignored: vec![]
            }
        );
        // A typo in a required member: only the branch that requires nothing fits.
        let typo = document(json!({"input": "a", "outptu": "b", "kind": "x"}));
        let matched = classify("U", BRANCHES, &typo).unwrap();
        assert_eq!(matched.kind, 1);
        assert_eq!(matched.ignored, ["input", "kind", "outptu"]);
        let e = classify_strict("Task", BRANCHES, &typo).unwrap_err();
        assert_eq!(
            e.to_string(),
            "document read as a Task of kind Endpoint has members Endpoint does not declare: input, kind, outptu"
        );
    }

    #[test]
    fn the_instance_keywords_of_the_root_belong_to_no_branch() {
        let job = document(json!({"$schema": "s", "$uses": [], "input": "a", "output": "b"}));
        let matched = classify_strict("U", BRANCHES, &job).unwrap();
        assert_eq!((matched.kind, matched.ignored.len()), (0, 0));
    }

    #[test]
    fn covering_breaks_ties_and_unbroken_ties_are_errors() {
        let both = document(json!({"input": "a", "output": "b", "kind": "k"}));
        assert_eq!(classify("U", BRANCHES, &both).unwrap().kind, 0);
        let neither = document(json!({"input": "a", "output": "b", "id": "x"}));
        assert!(matches!(
            classify("U", BRANCHES, &neither),
            Err(UnionMatchError::Ambiguous { .. })
        ));
    }
}
