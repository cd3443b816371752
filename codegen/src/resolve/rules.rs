//! Conditional Composition: `allOf`, `anyOf`, `oneOf`, `not` and `if`/`then`/`else`, read into
//! [`Rules`] over subschemas kept in the resolver's table.

use super::*;

impl<'a> Resolver<'a> {
    /// The Conditional Composition keywords of a schema node. Their shape is checked always;
    /// they take effect (and their subschemas are resolved) when the document enables the
    /// companion, the configuration opts in, or they are all the node declares. `None` inside
    /// means the node has no rules in effect; `None` outside, that an error was reported.
    pub(super) fn rules(&mut self, node: &Node) -> Option<Option<Rules>> {
        let mut lists = Vec::new();
        for keyword in ["allOf", "anyOf", "oneOf"] {
            match node.get(keyword) {
                None => lists.push(&[][..]),
                Some(k) => lists.push(self.composition_items(k, keyword)?),
            }
        }
        let single = |keyword| node.get(keyword);
        let (not, condition, then, otherwise) =
            (single("not"), single("if"), single("then"), single("else"));
        if condition.is_none() {
            for (keyword, stray) in [("then", then), ("else", otherwise)] {
                let Some(stray) = stray else { continue };
                self.warn(
                    stray,
                    codes::SCHEMA_CONDITIONAL_INCOMPLETE,
                    format!("`{keyword}` without `if` has no effect; it is ignored"),
                )
                .notes
                .push("`then` and `else` apply only together with an `if`".into());
            }
        }
        for subschema in [not, condition, then, otherwise].into_iter().flatten() {
            if subschema.as_object().is_none() {
                self.error(
                    subschema,
                    codes::SCHEMA_INVALID_TYPE,
                    format!(
                        "a subschema must be a JSON object, found {}",
                        subschema.type_name()
                    ),
                );
                return None;
            }
        }
        let declared = lists.iter().any(|l| !l.is_empty()) || not.is_some() || condition.is_some();
        let enforced = self.extensions.composition || self.opt_in || is_typeless(node);
        if !declared || !enforced {
            return Some(None);
        }
        let resolve_list = |r: &mut Self, items: &[Node]| -> Option<Vec<SubschemaId>> {
            items.iter().map(|item| r.branch(item)).collect()
        };
        let all_of = resolve_list(self, lists[0])?;
        let any_of = resolve_list(self, lists[1])?;
        let one_of = resolve_list(self, lists[2])?;
        let not = match not {
            Some(n) => Some(self.branch(n)?),
            None => None,
        };
        let conditional = match condition {
            None => None,
            Some(c) => {
                if then.is_none() && otherwise.is_none() {
                    self.warn(
                        c,
                        codes::SCHEMA_CONDITIONAL_INCOMPLETE,
                        "`if` without `then` or `else` has no effect".into(),
                    );
                }
                Some(Conditional {
                    condition: self.branch(c)?,
                    then: match then {
                        Some(t) => Some(self.branch(t)?),
                        None => None,
                    },
                    otherwise: match otherwise {
                        Some(e) => Some(self.branch(e)?),
                        None => None,
                    },
                })
            }
        };
        Some(Some(Rules {
            all_of,
            any_of,
            one_of,
            not,
            conditional,
        }))
    }

    /// Resolves a subschema a constraint carries into the table.
    pub(super) fn subschema(&mut self, node: &Node) -> Option<SubschemaId> {
        let schema = self.schema(node)?;
        self.subschemas.push(schema);
        Some(SubschemaId(self.subschemas.len() - 1))
    }

    pub(super) fn composition_items<'n>(
        &mut self,
        node: &'n Node,
        keyword: &str,
    ) -> Option<&'n [Node]> {
        match node.as_array() {
            Some([]) => {
                self.error(
                    node,
                    codes::SCHEMA_COMPOSITION_EMPTY,
                    format!("`{keyword}` must list at least one schema"),
                );
                None
            }
            Some(items) => Some(items),
            None => {
                self.error(
                    node,
                    codes::SCHEMA_COMPOSITION_NOT_ARRAY,
                    format!(
                        "`{keyword}` must be an array of schemas, found {}",
                        node.type_name()
                    ),
                );
                None
            }
        }
    }
}
