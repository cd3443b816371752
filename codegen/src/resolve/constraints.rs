//! The Validation keywords of one schema: each is checked for shape (right JSON type, min ≤ max,
//! non-negative counts, positive `multipleOf`, a pattern that compiles) and for applying to the
//! schema's type, whether or not it is enforced, as the SDKs do. Enforced ones become
//! [`Constraint`]s.

use super::applies::{described, own_name};
use super::Resolver;
use crate::codes;
use crate::diag::Diagnostic;
use crate::load::{Kind, Node};
use crate::pattern::{Engine, Pattern, Problem};
use crate::schema::{BinaryEncoding, Constraint, Contains, Primitive, SubschemaId, Ty};

/// What checking one keyword found.
enum Checked {
    /// Malformed; an error was reported.
    Malformed,
    /// Well-formed and asks for nothing (`uniqueItems: false`).
    Nothing,
    Enforce(Constraint),
    /// Well-formed, but the generator cannot enforce it yet.
    Unsupported,
}

/// Which kinds of type a keyword applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Applies {
    Numeric,
    String,
    Array,
    Object,
    Map,
    /// Objects and maps: both have members.
    Members,
}

impl Applies {
    fn label(self) -> &'static str {
        match self {
            Applies::Numeric => "numeric types",
            Applies::String => "string",
            Applies::Array => "array and set",
            Applies::Object => "object",
            Applies::Map => "map",
            Applies::Members => "object and map",
        }
    }

    /// Whether the keyword applies to values of the Core type `name`.
    fn fits(self, name: &str) -> bool {
        match self {
            Applies::Numeric => Primitive::from_json_name(name)
                .is_some_and(|p| p.integer_range().is_some() || is_other_numeric(p)),
            Applies::String => name == "string",
            Applies::Array => matches!(name, "array" | "set"),
            Applies::Object => name == "object",
            Applies::Map => name == "map",
            Applies::Members => matches!(name, "object" | "map"),
        }
    }
}

fn is_other_numeric(p: Primitive) -> bool {
    use Primitive::*;
    matches!(
        p,
        Number | Float8 | Float | Double | Int64 | Int128 | Uint64 | Uint128 | Decimal
    )
}

/// The value shape a keyword takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Value {
    Number,
    PositiveNumber,
    Count,
    Pattern,
    Text,
    Bool,
    /// A subschema.
    Schema,
    /// An object of patterns, each with a subschema.
    PatternSchemas,
    DependentRequired,
}

const KEYWORDS: &[(&str, Applies, Value)] = &[
    ("minimum", Applies::Numeric, Value::Number),
    ("maximum", Applies::Numeric, Value::Number),
    ("exclusiveMinimum", Applies::Numeric, Value::Number),
    ("exclusiveMaximum", Applies::Numeric, Value::Number),
    ("multipleOf", Applies::Numeric, Value::PositiveNumber),
    ("minLength", Applies::String, Value::Count),
    ("maxLength", Applies::String, Value::Count),
    ("pattern", Applies::String, Value::Pattern),
    ("format", Applies::String, Value::Text),
    ("minItems", Applies::Array, Value::Count),
    ("maxItems", Applies::Array, Value::Count),
    ("uniqueItems", Applies::Array, Value::Bool),
    ("contains", Applies::Array, Value::Schema),
    ("minContains", Applies::Array, Value::Count),
    ("maxContains", Applies::Array, Value::Count),
    ("minProperties", Applies::Object, Value::Count),
    ("maxProperties", Applies::Object, Value::Count),
    (
        "dependentRequired",
        Applies::Object,
        Value::DependentRequired,
    ),
    ("patternProperties", Applies::Object, Value::PatternSchemas),
    ("propertyNames", Applies::Object, Value::Schema),
    ("minEntries", Applies::Map, Value::Count),
    ("maxEntries", Applies::Map, Value::Count),
    ("patternKeys", Applies::Map, Value::PatternSchemas),
    ("keyNames", Applies::Map, Value::Schema),
    ("has", Applies::Members, Value::Schema),
];

/// Pairs whose lower bound may not exceed the upper one.
const BOUNDS: &[(&str, &str)] = &[
    ("minimum", "maximum"),
    ("minLength", "maxLength"),
    ("minItems", "maxItems"),
    ("minContains", "maxContains"),
    ("minProperties", "maxProperties"),
    ("minEntries", "maxEntries"),
];

impl Resolver<'_> {
    /// Checks every Validation keyword of `node` (whose type is `ty`) and returns the enforced
    /// ones as constraints. `maxLength` is core and always enforced.
    pub(super) fn constraints(&mut self, node: &Node, ty: &Ty) -> Vec<Constraint> {
        let mut out = Vec::new();
        for &(keyword, applies, shape) in KEYWORDS {
            let Some(value) = node.get(keyword) else {
                continue;
            };
            // Through a reference, the referenced type; of a union, any member's.
            let names = self.type_names(ty);
            if let Some(names) = names.filter(|n| !n.iter().any(|n| applies.fits(n))) {
                self.error(
                    value,
                    codes::SCHEMA_CONSTRAINT_INVALID_FOR_TYPE,
                    format!(
                        "'{keyword}' constraint is only valid for {}, not {}",
                        applies.label(),
                        described(ty, &names)
                    ),
                );
                continue;
            }
            let enforced = keyword == "maxLength" || self.enforce_validation;
            let checked = match keyword {
                "contains" => self.contains(node, value),
                "keyNames" | "propertyNames" => self.key_names(keyword, value),
                "patternProperties" | "patternKeys" => self.pattern_values(keyword, value),
                "has" => match self.carried_schema(keyword, value) {
                    Ok(schema) => Checked::Enforce(Constraint::Has(schema)),
                    Err(checked) => checked,
                },
                _ => self.constraint(keyword, shape, value),
            };
            match checked {
                Checked::Enforce(c) if enforced => out.push(c),
                Checked::Unsupported if enforced => {
                    self.unsupported(value, &format!("enforcing `{keyword}`"))
                }
                _ => {}
            }
        }
        // `const` is core: always enforced, on primitive types only, with a value of the type.
        if let Some(value) = node.get("const") {
            match (ty, &value.kind) {
                (
                    Ty::Primitive(_) | Ty::StringEnum(_),
                    Kind::String(_) | Kind::Number(_) | Kind::Bool(_) | Kind::Null,
                ) => {
                    if super::defaults::default_mismatch(value, ty, BinaryEncoding::default())
                        .is_some()
                    {
                        self.error(
                            value,
                            codes::SCHEMA_CONSTRAINT_INVALID_FOR_TYPE,
                            format!(
                                "`const` must be a value of the schema's type `{}`",
                                type_label(ty)
                            ),
                        );
                    } else {
                        out.push(Constraint::Const(value.to_value()));
                    }
                }
                (Ty::Primitive(_) | Ty::StringEnum(_), _) => {
                    self.error(
                        value,
                        codes::SCHEMA_CONSTRAINT_INVALID_FOR_TYPE,
                        "`const` of a primitive type must be a scalar".into(),
                    );
                }
                _ => {
                    self.error(
                        value,
                        codes::SCHEMA_CONSTRAINT_INVALID_FOR_TYPE,
                        format!(
                            "'const' constraint is only valid for primitive types, not '{}'",
                            type_label(ty)
                        ),
                    );
                }
            }
        }
        // Content annotations describe how `binary` values are encoded; on any other type they
        // mean nothing (the SDKs warn about them, as keywords of the Validation companion).
        for keyword in ["contentEncoding", "contentMediaType", "contentCompression"] {
            if let Some(value) = node.get(keyword) {
                if !matches!(
                    ty,
                    Ty::Primitive(Primitive::Binary) | Ty::Ref(_) | Ty::Union(_)
                ) {
                    let d = Diagnostic::warning(
                        codes::SCHEMA_CONSTRAINT_INVALID_FOR_TYPE,
                        format!("`{keyword}` annotates `binary` values; on `{}` it means nothing and is ignored", type_label(ty)),
                    );
                    self.diags
                        .push(d.at(self.file, value.head(), Some(&value.pointer)));
                }
            }
        }
        for (min, max) in BOUNDS {
            let number = |k: &str| {
                node.get(k).and_then(|n| match &n.kind {
                    Kind::Number(raw) => raw.parse::<f64>().ok(),
                    _ => None,
                })
            };
            if let (Some(lo), Some(hi)) = (number(min), number(max)) {
                if lo > hi {
                    let at = node.get(min).expect("read above");
                    self.error(
                        at,
                        codes::SCHEMA_MIN_GREATER_THAN_MAX,
                        format!("'{min}' ({lo}) cannot be greater than '{max}' ({hi})"),
                    );
                }
            }
        }
        out
    }

    /// The subschema a keyword carries (`contains`, `has`, a `patternProperties` entry),
    /// resolved into the subschema table.
    fn carried_schema(&mut self, keyword: &str, value: &Node) -> Result<SubschemaId, Checked> {
        if value.as_object().is_none() {
            self.wrong_keyword_type(value, keyword, "a schema (an object)");
            return Err(Checked::Malformed);
        }
        self.subschema(value).ok_or(Checked::Malformed)
    }

    /// `contains` (with the `minContains`/`maxContains` of `parent`).
    fn contains(&mut self, parent: &Node, value: &Node) -> Checked {
        let schema = match self.carried_schema("contains", value) {
            Ok(schema) => schema,
            Err(checked) => return checked,
        };
        let count = |keyword: &str| {
            parent.get(keyword).and_then(|n| match &n.kind {
                Kind::Number(raw) => raw.parse::<u64>().ok(),
                _ => None,
            })
        };
        Checked::Enforce(Constraint::Contains(Contains {
            schema,
            min: count("minContains").unwrap_or(1),
            max: count("maxContains"),
        }))
    }

    /// `keyNames`/`propertyNames`: a `string` schema whose constraints every key must meet.
    fn key_names(&mut self, keyword: &str, value: &Node) -> Checked {
        let Some(members) = value.as_object() else {
            self.wrong_keyword_type(value, keyword, "a schema (an object)");
            return Checked::Malformed;
        };
        let understood = |key: &str| {
            matches!(key, "type" | "description" | "$comment")
                || KEYWORDS.iter().any(|(k, _, _)| *k == key)
        };
        let is_string = value
            .get("type")
            .is_none_or(|t| t.as_str() == Some("string"));
        if !is_string || !members.iter().all(|m| understood(&m.key)) {
            return Checked::Unsupported;
        }
        Checked::Enforce(Constraint::KeyNames(
            self.constraints(value, &Ty::Primitive(Primitive::String)),
        ))
    }

    /// `patternProperties`/`patternKeys`: patterns, each with the schema the values of matching
    /// members must meet. Every pattern and schema is checked before the first problem returns.
    fn pattern_values(&mut self, keyword: &str, value: &Node) -> Checked {
        let Some(members) = value.as_object() else {
            self.wrong_keyword_type(value, keyword, "an object of patterns and schemas");
            return Checked::Malformed;
        };
        let mut out = Vec::new();
        let mut worst = None;
        for m in members {
            let pattern = match self.pattern(&m.value, &m.key) {
                Ok(p) => Some(p),
                Err(checked) => {
                    worst = worst.or(Some(checked));
                    None
                }
            };
            match self.carried_schema(keyword, &m.value) {
                Ok(schema) => out.extend(pattern.map(|p| (p, schema))),
                Err(checked) => worst = worst.or(Some(checked)),
            }
        }
        worst.unwrap_or(Checked::Enforce(Constraint::PatternValues(out)))
    }

    /// Checks a regular expression (`at` is the node to blame); one that will run on the
    /// bounded backtracking engine is warned about where it is enforced. `Err` says why it
    /// cannot be enforced.
    fn pattern(&mut self, at: &Node, pattern: &str) -> Result<Pattern, Checked> {
        match crate::pattern::compile(pattern) {
            Ok(compiled) => {
                if compiled.engine == Engine::Backtracking && self.enforce_validation {
                    self.warn(
                        at,
                        codes::CODEGEN_PATTERN_BACKTRACKING,
                        format!("pattern '{pattern}' needs look-around or back-references, which no linear-time engine runs; it is checked by a backtracking engine bounded to {} steps per match", crate::pattern::BACKTRACK_LIMIT),
                    )
                    .notes
                    .push("a string that exhausts the bound is reported as INSTANCE_PATTERN_LIMIT_EXCEEDED, not accepted".into());
                }
                Ok(compiled)
            }
            Err(Problem::Unsupported) => Err(Checked::Unsupported),
            Err(Problem::Invalid) => {
                self.error(
                    at,
                    codes::SCHEMA_PATTERN_INVALID,
                    format!("pattern is not a valid regular expression: '{pattern}'"),
                );
                Err(Checked::Malformed)
            }
        }
    }

    /// Checks one keyword's value.
    fn constraint(&mut self, keyword: &str, shape: Value, value: &Node) -> Checked {
        let number = match &value.kind {
            Kind::Number(raw) => raw.parse::<f64>().ok(),
            // String-encoded numeric types take their bounds as strings.
            Kind::String(s) if shape == Value::Number || shape == Value::PositiveNumber => {
                s.parse::<f64>().ok()
            }
            _ => None,
        };
        Checked::Enforce(match shape {
            Value::Number | Value::PositiveNumber => {
                let Some(n) = number else {
                    self.error(
                        value,
                        codes::SCHEMA_NUMBER_CONSTRAINT_INVALID,
                        format!("{keyword} must be a number"),
                    );
                    return Checked::Malformed;
                };
                if shape == Value::PositiveNumber && n <= 0.0 {
                    self.error(
                        value,
                        codes::SCHEMA_POSITIVE_NUMBER_CONSTRAINT_INVALID,
                        format!("{keyword} must be a positive number"),
                    );
                    return Checked::Malformed;
                }
                match keyword {
                    "minimum" => Constraint::Minimum(n),
                    "maximum" => Constraint::Maximum(n),
                    "exclusiveMinimum" => Constraint::ExclusiveMinimum(n),
                    "exclusiveMaximum" => Constraint::ExclusiveMaximum(n),
                    _ => Constraint::MultipleOf(n),
                }
            }
            Value::Count => {
                let count = match &value.kind {
                    Kind::Number(raw) => raw.parse::<u64>().ok(),
                    _ => None,
                };
                let Some(n) = count else {
                    self.error(
                        value,
                        codes::SCHEMA_INTEGER_CONSTRAINT_INVALID,
                        format!("{keyword} must be a non-negative integer"),
                    );
                    return Checked::Malformed;
                };
                match keyword {
                    "minLength" => Constraint::MinLength(n),
                    "maxLength" => Constraint::MaxLength(n),
                    "minItems" => Constraint::MinItems(n),
                    "maxItems" => Constraint::MaxItems(n),
                    "minProperties" => Constraint::MinProperties(n),
                    "maxProperties" => Constraint::MaxProperties(n),
                    "minEntries" => Constraint::MinEntries(n),
                    "maxEntries" => Constraint::MaxEntries(n),
                    // Bounds of `contains`, which carries them.
                    "minContains" | "maxContains" => return Checked::Nothing,
                    _ => return Checked::Unsupported,
                }
            }
            Value::Pattern => {
                let Some(pattern) = value.as_str() else {
                    self.error(
                        value,
                        codes::SCHEMA_PATTERN_NOT_STRING,
                        "pattern must be a string".into(),
                    );
                    return Checked::Malformed;
                };
                match self.pattern(value, pattern) {
                    Ok(p) => Constraint::Pattern(p),
                    Err(checked) => return checked,
                }
            }
            Value::Text => match value.as_str() {
                Some(f) => Constraint::Format(f.to_owned()),
                None => {
                    self.wrong_keyword_type(value, keyword, "a string");
                    return Checked::Malformed;
                }
            },
            Value::Bool => match value.as_bool() {
                Some(true) => Constraint::UniqueItems,
                Some(false) => return Checked::Nothing,
                None => {
                    self.error(
                        value,
                        codes::SCHEMA_UNIQUE_ITEMS_NOT_BOOLEAN,
                        "uniqueItems must be a boolean".into(),
                    );
                    return Checked::Malformed;
                }
            },
            Value::DependentRequired => {
                let Some(members) = value.as_object() else {
                    self.wrong_keyword_type(value, keyword, "an object of property-name arrays");
                    return Checked::Malformed;
                };
                let mut deps = Vec::new();
                for m in members {
                    let names: Option<Vec<String>> = m.value.as_array().and_then(|items| {
                        items
                            .iter()
                            .map(|i| i.as_str().map(str::to_owned))
                            .collect()
                    });
                    match names {
                        Some(names) => deps.push((m.key.clone(), names)),
                        None => {
                            self.wrong_keyword_type(
                                &m.value,
                                keyword,
                                "an object of property-name arrays",
                            );
                            return Checked::Malformed;
                        }
                    }
                }
                Constraint::DependentRequired(deps)
            }
            // Read by their own methods above.
            Value::Schema | Value::PatternSchemas => return Checked::Unsupported,
        })
    }
}

fn type_label(ty: &Ty) -> String {
    match ty {
        Ty::Ref(_) | Ty::Union(_) => "a reference".into(),
        other => own_name(other).into(),
    }
}
