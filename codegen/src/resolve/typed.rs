//! Keywords read through the generated schema-document types (`schema-document/`, generated from
//! the meta-schemas): the generated validator decides what fits and says where it does not; the
//! spanned tree says where that is in the file. Each reader names the keywords it takes, with
//! the words and the diagnostic code for a value that does not fit.

use jstruct_runtime::Validate;
use serde::de::DeserializeOwned;

use super::Resolver;
use crate::codes;
use crate::diag::Diagnostic;
use crate::load::de::from_node;
use crate::load::json::{escape_pointer_token, unescape_pointer_token};
use crate::load::{Kind, Member, Node};

/// A keyword read through a generated type.
pub(super) struct Keyword {
    pub name: &'static str,
    /// What its value must be, in words ("a string").
    pub expected: &'static str,
    /// The code for a value (the keyword's) that does not fit.
    pub code: fn(&Node) -> &'static str,
    /// For a keyword nothing generated depends on: what becomes of a value that does not fit,
    /// which is then a warning, not an error.
    pub ignorable: Option<&'static str>,
}

impl Keyword {
    /// A keyword whose wrong values are [`codes::SCHEMA_KEYWORD_INVALID_TYPE`].
    pub const fn new(name: &'static str, expected: &'static str) -> Self {
        Keyword {
            name,
            expected,
            code: |_| codes::SCHEMA_KEYWORD_INVALID_TYPE,
            ignorable: None,
        }
    }

    /// A keyword whose wrong value is left out with a warning saying `then` (what is done
    /// instead): nothing generated depends on it.
    pub const fn ignorable(name: &'static str, expected: &'static str, then: &'static str) -> Self {
        Keyword {
            ignorable: Some(then),
            ..Keyword::new(name, expected)
        }
    }

    /// A keyword with codes of the SDK catalogue for it, chosen by its value.
    pub const fn coded(
        name: &'static str,
        expected: &'static str,
        code: fn(&Node) -> &'static str,
    ) -> Self {
        Keyword {
            name,
            expected,
            code,
            ignorable: None,
        }
    }
}

/// What reading found: the typed value of the keywords that fit (`None` only if the generated
/// types took none of them), and the keywords that did not (each reported).
pub(super) struct Typed<T> {
    pub value: Option<T>,
    pub failed: Vec<&'static str>,
}

impl<'a> Resolver<'a> {
    /// Reads the members of `node` that `keywords` name as a `T`. A value the generated validator
    /// rejects is an error where it is, in the keyword's words and with its code, and its keyword
    /// is left out; the rest are read all the same. `fallback` stands in for a keyword the
    /// document lacks or gets wrong where the type requires one (the core `$schema`).
    pub(super) fn read_typed<T: Validate + DeserializeOwned>(
        &mut self,
        node: &Node,
        keywords: &[Keyword],
        fallback: Option<Member>,
    ) -> Typed<T> {
        // In document order, so what does not fit is reported in reading order.
        let mut members: Vec<Member> = node
            .as_object()
            .unwrap_or_default()
            .iter()
            .filter(|m| keywords.iter().any(|k| k.name == m.key))
            .cloned()
            .collect();
        let mut failed = Vec::new();
        // The validator reports every violation at once; a keyword whose value it rejects is
        // left out, and a second round reads what is left (serde's own refusal, which the
        // validator should have caught, leaves one keyword out per round).
        for _ in 0..=keywords.len() {
            if let Some(fallback) = &fallback {
                if !members.iter().any(|m| m.key == fallback.key) {
                    members.insert(0, fallback.clone());
                }
            }
            let view = Node {
                span: node.span,
                key_span: node.key_span,
                pointer: node.pointer.clone(),
                kind: Kind::Object(members.clone()),
            };
            let rejected = match T::validate_json(&view.to_value()) {
                Ok(()) => match from_node::<T>(&view) {
                    Ok(value) => {
                        return Typed {
                            value: Some(value),
                            failed,
                        }
                    }
                    Err(error) => {
                        let (pointer, _) = error.at.clone().unwrap_or_default();
                        let relative = pointer
                            .strip_prefix(&node.pointer)
                            .unwrap_or_default()
                            .to_owned();
                        vec![(relative, serde_words(&error.message))]
                    }
                },
                Err(errors) => errors
                    .iter()
                    .map(|v| (v.pointer.clone(), v.message.clone()))
                    .collect(),
            };
            let mut left_out = Vec::new();
            for (pointer, why) in rejected {
                let token = unescape_pointer_token(pointer.split('/').nth(1).unwrap_or_default());
                let at = view.find(&pointer);
                let Some(keyword) = keywords.iter().find(|k| k.name == token) else {
                    // No keyword to leave out: the types themselves refuse the object.
                    self.error(
                        node,
                        codes::SCHEMA_KEYWORD_INVALID_TYPE,
                        format!("the schema-document types do not read this object: {why}"),
                    );
                    return Typed {
                        value: None,
                        failed,
                    };
                };
                let value = view.find(&format!("/{}", escape_pointer_token(keyword.name)));
                let code = (keyword.code)(value);
                let must = format!("`{}` must be {}", keyword.name, keyword.expected);
                let d = match keyword.ignorable {
                    None => Diagnostic::error(code, must),
                    Some(then) => Diagnostic::warning(code, format!("{must}; {then}")),
                }
                .at(self.file, at.head(), Some(&at.pointer))
                .with_note(format!("as the meta-schema's types read it: {why}"));
                self.diags.push(d);
                if !left_out.contains(&keyword.name) {
                    left_out.push(keyword.name);
                }
            }
            members.retain(|m| !left_out.contains(&m.key.as_str()));
            failed.extend(left_out);
        }
        self.error(
            node,
            codes::SCHEMA_KEYWORD_INVALID_TYPE,
            "the schema-document types read none of this object's keywords".into(),
        );
        Typed {
            value: None,
            failed,
        }
    }
}

/// serde's words for JSON's types, in JSON's.
fn serde_words(message: &str) -> String {
    [
        ("invalid type: sequence", "invalid type: an array"),
        ("invalid type: map", "invalid type: an object"),
        ("invalid type: unit value", "invalid type: null"),
        ("expected a sequence", "expected an array"),
        ("expected a map", "expected an object"),
        (
            "data did not match any variant of untagged enum ",
            "the value fits none of the forms of ",
        ),
    ]
    .iter()
    .fold(message.to_owned(), |m, (from, to)| m.replace(from, to))
}
