//! Which companion specification each keyword belongs to, and what happens when that companion
//! is not enabled. One table, so the rule lives in one place.

use crate::schema::Extensions;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Companion {
    Validation,
    Composition,
    AlternateNames,
    Units,
}

impl Companion {
    /// The `$uses` name that enables the companion.
    pub fn uses_name(self) -> &'static str {
        match self {
            Companion::Validation => "JSONStructureValidation",
            Companion::Composition => "JSONStructureConditionalComposition",
            Companion::AlternateNames => "JSONStructureAlternateNames",
            Companion::Units => "JSONStructureUnits",
        }
    }

    pub fn enabled_in(self, ext: &Extensions) -> bool {
        match self {
            Companion::Validation => ext.validation,
            Companion::Composition => ext.composition,
            Companion::AlternateNames => ext.alternate_names,
            Companion::Units => ext.units,
        }
    }
}

/// Keywords of the companion specifications. Core keywords and unknown (annotation) keywords
/// are not listed: core is always on, and unknown keywords are ignored as the spec says.
const COMPANION_KEYWORDS: &[(&str, Companion)] = &[
    ("minimum", Companion::Validation),
    ("maximum", Companion::Validation),
    ("exclusiveMinimum", Companion::Validation),
    ("exclusiveMaximum", Companion::Validation),
    ("multipleOf", Companion::Validation),
    ("minLength", Companion::Validation),
    ("pattern", Companion::Validation),
    ("format", Companion::Validation),
    ("minItems", Companion::Validation),
    ("maxItems", Companion::Validation),
    ("uniqueItems", Companion::Validation),
    ("contains", Companion::Validation),
    ("minContains", Companion::Validation),
    ("maxContains", Companion::Validation),
    ("minProperties", Companion::Validation),
    ("maxProperties", Companion::Validation),
    ("dependentRequired", Companion::Validation),
    ("patternProperties", Companion::Validation),
    ("propertyNames", Companion::Validation),
    ("has", Companion::Validation),
    ("minEntries", Companion::Validation),
    ("maxEntries", Companion::Validation),
    ("patternKeys", Companion::Validation),
    ("keyNames", Companion::Validation),
    ("default", Companion::Validation),
    ("allOf", Companion::Composition),
    ("anyOf", Companion::Composition),
    ("oneOf", Companion::Composition),
    ("not", Companion::Composition),
    ("if", Companion::Composition),
    ("then", Companion::Composition),
    ("else", Companion::Composition),
    ("altnames", Companion::AlternateNames),
    ("altenums", Companion::AlternateNames),
    ("descriptions", Companion::AlternateNames),
    ("unit", Companion::Units),
    ("currency", Companion::Units),
    ("symbol", Companion::Units),
];

pub fn companion_of(keyword: &str) -> Option<Companion> {
    COMPANION_KEYWORDS
        .iter()
        .find(|(k, _)| *k == keyword)
        .map(|&(_, c)| c)
}

/// JSON Schema keywords that JSON Structure does not have; seeing one usually means a schema was
/// ported from JSON Schema and the author expects a meaning it lacks here.
pub const JSON_SCHEMA_ONLY: &[&str] = &["$defs", "$anchor", "prefixItems", "discriminator"];

/// `$uses` names known to the SDKs, with the drafts' misspelling (`JSONSchema…`) accepted.
pub fn extension_from_uses(name: &str) -> Option<(Option<Companion>, bool)> {
    let (base, typo) = match name.strip_prefix("JSONSchema") {
        Some(rest) => (rest, true),
        None => (name.strip_prefix("JSONStructure")?, false),
    };
    let companion = match base {
        "Validation" => Some(Companion::Validation),
        "ConditionalComposition" => Some(Companion::Composition),
        "AlternateNames" => Some(Companion::AlternateNames),
        "Units" => Some(Companion::Units),
        "Import" => None,
        _ => return None,
    };
    Some((companion, typo))
}
