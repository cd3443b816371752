//! Companion keywords that the document's `$uses` does not enable: warned about, and what the
//! generator does with them all the same.

use super::*;

impl<'a> Resolver<'a> {
    /// Warns once per companion keyword whose companion is not enabled.
    pub(super) fn gate_keywords(&mut self, node: &Node) {
        for m in node.as_object().into_iter().flatten() {
            let Some(companion) = keywords::companion_of(&m.key) else {
                continue;
            };
            if companion.enabled_in(&self.extensions) {
                continue;
            }
            let consequence = match (companion, m.key.as_str()) {
                (Companion::Validation, "default") => {
                    "the generator still applies it as the value of an absent field"
                }
                (Companion::Composition, _) if node.pointer.is_empty() && is_typeless(node) => {
                    "the generator still honours it: it is the only thing the document root declares"
                }
                (Companion::Composition, _) if is_typeless(node) => {
                    "the generator still honours it: the schema declares no type, so its rules are all it says"
                }
                (Companion::Composition, _) if self.opt_in => "it is enforced anyway: the codegen configuration opts in",
                (Companion::Validation, _) if self.opt_in => "it is enforced anyway: the codegen configuration opts in",
                (Companion::Validation, _) => "it is not enforced",
                _ => "it is ignored",
            };
            let uses = companion.uses_name();
            let d = self.warn(
                &m.value,
                codes::SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED,
                format!(
                    "`{}` is a {} keyword, but the document does not enable {uses}; {consequence}",
                    m.key,
                    companion_label(companion)
                ),
            );
            d.label = Some(format!("`{}` used here", m.key));
            d.notes.push(format!(
                "add \"$uses\": [\"{uses}\"] to the document root to enable it"
            ));
        }
    }
}

pub(super) fn companion_label(c: Companion) -> &'static str {
    match c {
        Companion::Validation => "Validation",
        Companion::Composition => "Conditional Composition",
        Companion::AlternateNames => "Alternate Names",
        Companion::Units => "Units",
    }
}
