//! The resolved schema graph: what the resolve/check stage hands to lowering. JSON Structure
//! concepts only (no Rust names); every `$ref` is already a [`DefId`], every node keeps the pointer
//! and span it came from so later stages can still report precise diagnostics.

use crate::diag::Span;
use serde_json::Value;

pub use crate::pattern::Pattern;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DefId(pub usize);

/// A whole schema document after resolution.
#[derive(Debug, Clone)]
pub struct SchemaSet {
    pub file: usize,
    /// The document's `name`, with the span of its value.
    pub name: Option<(String, Span)>,
    pub id: Option<String>,
    pub description: Option<String>,
    /// Every type declared under `definitions`, in document order (namespaces flattened).
    pub definitions: Vec<Definition>,
    pub root: Root,
    pub extensions: Extensions,
    /// The Conditional Composition rules of every schema that has some, by [`RulesId`].
    pub rules: Vec<Rules<Schema>>,
}

impl SchemaSet {
    pub fn def(&self, id: DefId) -> &Definition {
        &self.definitions[id.0]
    }
}

#[derive(Debug, Clone)]
pub struct Definition {
    /// The key in `definitions` (the authoritative name).
    pub name: String,
    /// Enclosing namespaces, outermost first.
    pub namespace: Vec<String>,
    pub key_span: Span,
    pub schema: Schema,
}

/// What an instance document of this schema is.
#[derive(Debug, Clone)]
pub enum Root {
    /// Only `definitions`: a library of types, no root type.
    Library,
    /// A root `type` (named by the document's `name`).
    Type(Box<Schema>),
    /// `$root` points at a definition.
    Pointer(DefId),
    /// A root-level `oneOf` / `anyOf` whose branches are the candidate root types.
    Union(Union),
}

#[derive(Debug, Clone)]
pub struct Union {
    pub keyword: Composition,
    pub pointer: String,
    pub span: Span,
    pub branches: Vec<Schema>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Composition {
    OneOf,
    AnyOf,
}

impl Composition {
    pub fn keyword(self) -> &'static str {
        match self {
            Composition::OneOf => "oneOf",
            Composition::AnyOf => "anyOf",
        }
    }
}

/// Which companion specifications the document switched on (`$uses`, or the validation
/// meta-schema, which enables all of them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Extensions {
    pub validation: bool,
    pub composition: bool,
    pub alternate_names: bool,
    pub units: bool,
    pub import: bool,
}

/// One schema node (a definition, a property's schema, an item schema, ...).
#[derive(Debug, Clone)]
pub struct Schema {
    pub pointer: String,
    pub span: Span,
    pub name: Option<String>,
    pub description: Option<String>,
    pub examples: Vec<Value>,
    /// `default`, already checked against the type.
    pub default: Option<Value>,
    pub ty: Ty,
    /// The constraints to enforce: `maxLength` always (it is core), the Validation keywords when
    /// the document enables them or the configuration opts in. Keywords present but not enforced
    /// are shape-checked and warned about, and do not appear here.
    pub constraints: Vec<Constraint>,
    /// `contentEncoding` of a `binary` schema (base64 when absent).
    pub encoding: BinaryEncoding,
    /// `abstract: true`: a base for `$extends`, never a type of its own.
    pub is_abstract: bool,
    /// `$extends`: the bases, in the order listed (the first wins a clash).
    pub extends: Vec<Extends>,
    /// Annotations that only document (`precision`, `scale`, `contentMediaType`, ...), as
    /// sentences for the docs.
    pub annotations: Vec<String>,
}

/// One base named by `$extends`.
#[derive(Debug, Clone)]
pub struct Extends {
    pub def: DefId,
    pub span: Span,
    pub pointer: String,
}

/// How a `binary` value is written as a JSON string (`contentEncoding`; base64 when absent).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BinaryEncoding {
    #[default]
    Base64,
    Base64Url,
    Base16,
    Base32,
    Base32Hex,
}

impl BinaryEncoding {
    pub const ALL: &[(BinaryEncoding, &str)] = &[
        (BinaryEncoding::Base64, "base64"),
        (BinaryEncoding::Base64Url, "base64url"),
        (BinaryEncoding::Base16, "base16"),
        (BinaryEncoding::Base32, "base32"),
        (BinaryEncoding::Base32Hex, "base32hex"),
    ];

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(_, n)| *n == name).map(|(e, _)| *e)
    }

    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(e, _)| *e == self)
            .map_or("base64", |(_, n)| n)
    }

    /// The bytes a text encodes, decoded exactly as the generated crate decodes them.
    pub fn decode(self, text: &str) -> Option<Vec<u8>> {
        let encoding = match self {
            BinaryEncoding::Base64 => &data_encoding::BASE64,
            BinaryEncoding::Base64Url => &data_encoding::BASE64URL,
            BinaryEncoding::Base16 => &data_encoding::HEXUPPER_PERMISSIVE,
            BinaryEncoding::Base32 => &data_encoding::BASE32,
            BinaryEncoding::Base32Hex => &data_encoding::BASE32HEX,
        };
        encoding.decode(text.as_bytes()).ok()
    }
}

/// A Validation-companion (or core `maxLength`) constraint, checked for shape and applicability.
#[derive(Debug, Clone, PartialEq)]
pub enum Constraint {
    Minimum(f64),
    Maximum(f64),
    ExclusiveMinimum(f64),
    ExclusiveMaximum(f64),
    MultipleOf(f64),
    /// In Unicode code points.
    MinLength(u64),
    MaxLength(u64),
    /// An ECMA-262 pattern the whole string must match, with the engine that runs it.
    Pattern(Pattern),
    Format(String),
    MinItems(u64),
    MaxItems(u64),
    UniqueItems,
    MinProperties(u64),
    MaxProperties(u64),
    DependentRequired(Vec<(String, Vec<String>)>),
    MinEntries(u64),
    MaxEntries(u64),
    /// `const` (core): the value must equal this scalar.
    Const(Value),
    /// `enum` (core) on a type other than `string`: the value must be one of these.
    Enum(Vec<Value>),
    /// `required` as alternative sets (core): exactly one set's properties must all be present.
    RequiredSets(Vec<Vec<String>>),
    /// `contains` with `minContains` (default 1) and `maxContains`: how many items must match
    /// a schema of a primitive type with its own constraints.
    Contains(Contains),
    /// `keyNames` (maps) or `propertyNames` (objects): a string schema every key must match,
    /// as its constraints.
    KeyNames(Vec<Constraint>),
    /// `patternKeys` (maps) or `patternProperties` (objects): the value of every member whose
    /// name matches a pattern (searched, as ECMA-262's `test` does) must match its schema.
    PatternValues(Vec<(Pattern, ScalarSchema)>),
    /// `has`: at least one member's value must match the schema.
    Has(ScalarSchema),
    /// Conditional Composition (`allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`): the
    /// value must also match these rules, kept in a table because their branches are schemas.
    Rules(RulesId),
}

/// The Conditional Composition rules of one schema, in [`SchemaSet::rules`] (and, lowered, in
/// the IR's table under the same id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RulesId(pub usize);

/// What a value must match besides its type: the Conditional Composition keywords of one
/// schema. Generic in the branch: schemas here, lowered checks in the IR.
#[derive(Debug, Clone)]
pub struct Rules<B> {
    /// Where the rules were declared (the owning schema), for diagnostics.
    pub pointer: String,
    pub all_of: Vec<B>,
    pub any_of: Vec<B>,
    pub one_of: Vec<B>,
    pub not: Option<B>,
    pub conditional: Option<Conditional<B>>,
}

/// `if`/`then`/`else`: a value that matches `condition` must match `then`, any other `otherwise`.
#[derive(Debug, Clone)]
pub struct Conditional<B> {
    pub condition: B,
    pub then: Option<B>,
    pub otherwise: Option<B>,
}

impl<B> Rules<B> {
    /// The same rules with every branch converted by `f` (given the branch, its keyword and its
    /// position in that keyword's list), or `None` when `f` fails for one.
    pub fn try_map<C>(
        &self,
        mut f: impl FnMut(&B, &'static str, usize) -> Option<C>,
    ) -> Option<Rules<C>> {
        let mut list = |branches: &[B], keyword| -> Option<Vec<C>> {
            branches
                .iter()
                .enumerate()
                .map(|(index, b)| f(b, keyword, index))
                .collect()
        };
        let all_of = list(&self.all_of, "allOf")?;
        let any_of = list(&self.any_of, "anyOf")?;
        let one_of = list(&self.one_of, "oneOf")?;
        let not = list(self.not.as_slice(), "not")?.pop();
        let conditional = match &self.conditional {
            None => None,
            Some(c) => Some(Conditional {
                condition: list(std::slice::from_ref(&c.condition), "if")?.pop()?,
                then: list(c.then.as_slice(), "then")?.pop(),
                otherwise: list(c.otherwise.as_slice(), "else")?.pop(),
            }),
        };
        Some(Rules {
            pointer: self.pointer.clone(),
            all_of,
            any_of,
            one_of,
            not,
            conditional,
        })
    }

    /// The rules in a sentence, for the docs of the type or field they constrain.
    pub fn summary(&self) -> String {
        let count = |keyword: &str, n: usize| {
            (n > 0).then(|| format!("`{keyword}` ({n} schema{})", if n == 1 { "" } else { "s" }))
        };
        let conditional = self.conditional.as_ref().map(|c| {
            let mut parts = vec!["`if`"];
            parts.extend(c.then.as_ref().map(|_| "`then`"));
            parts.extend(c.otherwise.as_ref().map(|_| "`else`"));
            parts.join("/")
        });
        let parts: Vec<String> = [
            count("allOf", self.all_of.len()),
            count("anyOf", self.any_of.len()),
            count("oneOf", self.one_of.len()),
            self.not.as_ref().map(|_| "`not`".to_string()),
            conditional,
        ]
        .into_iter()
        .flatten()
        .collect();
        format!(
            "Composition rules, checked by the validators: {}.",
            parts.join(", ")
        )
    }

    /// Every branch, in declaration order.
    pub fn branches(&self) -> impl Iterator<Item = &B> {
        self.all_of
            .iter()
            .chain(&self.any_of)
            .chain(&self.one_of)
            .chain(&self.not)
            .chain(self.conditional.iter().flat_map(|c| {
                std::iter::once(&c.condition)
                    .chain(&c.then)
                    .chain(&c.otherwise)
            }))
    }
}

/// A schema of a primitive type with its own constraints: the form of the subschemas of
/// `contains`, `has` and `patternProperties` the generator enforces.
#[derive(Debug, Clone, PartialEq)]
pub struct ScalarSchema {
    pub item: Primitive,
    pub constraints: Vec<Constraint>,
}

/// The schema of `contains` and the bounds on the count of items matching it.
#[derive(Debug, Clone, PartialEq)]
pub struct Contains {
    pub schema: ScalarSchema,
    pub min: u64,
    pub max: Option<u64>,
}

#[derive(Debug, Clone)]
pub enum Ty {
    Primitive(Primitive),
    /// A string schema restricted to a set of values.
    StringEnum(Vec<String>),
    Ref(DefId),
    Object(Object),
    Array(Box<Schema>),
    Set(Box<Schema>),
    Map(Box<Schema>),
    /// `"type": [...]`: the first matching member wins.
    Union(Vec<Schema>),
    /// A fixed-length JSON array whose elements are the properties in `tuple` order.
    Tuple(Vec<Property>),
    /// A discriminated union: tagged (`{"<choice>": value}`) without a selector, inline (the
    /// chosen object with a selector property naming the choice) with one.
    Choice(Choice),
}

#[derive(Debug, Clone)]
pub struct Choice {
    /// The choices by name (the key is the tag, or the selector's value), in document order.
    pub choices: Vec<Property>,
    /// The selector property of an inline choice.
    pub selector: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Object {
    /// Own properties and, after resolution, inherited ones (bases' first, in `$extends` order).
    pub properties: Vec<Property>,
    pub required: Vec<String>,
    /// `required` as alternative sets: exactly one set must be present in full.
    pub required_sets: Vec<Vec<String>>,
    pub additional: Additional,
}

impl Object {
    pub fn is_required(&self, name: &str) -> bool {
        self.required.iter().any(|r| r == name)
    }
}

#[derive(Debug, Clone)]
pub enum Additional {
    /// `additionalProperties` absent or `true`: undeclared properties are allowed.
    Allowed,
    /// `additionalProperties: false`.
    Denied,
    /// Undeclared properties are allowed and must conform to this schema.
    Schema(Box<Schema>),
}

impl Additional {
    /// Whether undeclared properties may appear at all.
    pub fn admits_undeclared(&self) -> bool {
        !matches!(self, Additional::Denied)
    }
}

#[derive(Debug, Clone)]
pub struct Property {
    /// The key in `properties` (what `required` and the Rust name go by).
    pub name: String,
    /// The key in JSON documents, when `altnames` gives one (`{"json": "first_name"}`) and the
    /// document enables the Alternate Names companion.
    pub wire_name: Option<String>,
    pub key_span: Span,
    pub schema: Schema,
}

impl Property {
    /// The member name in JSON documents.
    pub fn json_name(&self) -> &str {
        self.wire_name.as_deref().unwrap_or(&self.name)
    }
}

macro_rules! primitives {
    ($( $variant:ident = $json:literal ),* $(,)?) => {
        /// The primitive type names of JSON Structure Core.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Primitive { $( $variant, )* }

        impl Primitive {
            pub const ALL: &[Primitive] = &[ $( Primitive::$variant, )* ];

            pub fn json_name(self) -> &'static str {
                match self { $( Primitive::$variant => $json, )* }
            }

            pub fn from_json_name(name: &str) -> Option<Primitive> {
                match name { $( $json => Some(Primitive::$variant), )* _ => None }
            }
        }
    };
}

primitives! {
    String = "string", Boolean = "boolean", Null = "null", Number = "number", Integer = "integer",
    Int8 = "int8", Int16 = "int16", Int32 = "int32", Int64 = "int64", Int128 = "int128",
    Uint8 = "uint8", Uint16 = "uint16", Uint32 = "uint32", Uint64 = "uint64", Uint128 = "uint128",
    Float8 = "float8", Float = "float", Double = "double", Decimal = "decimal",
    Date = "date", Datetime = "datetime", Time = "time", Duration = "duration",
    Uuid = "uuid", Uri = "uri", Binary = "binary", JsonPointer = "jsonpointer", Any = "any",
}

impl Primitive {
    /// Inclusive range of the integer types carried as JSON numbers.
    pub fn integer_range(self) -> Option<(i128, i128)> {
        Some(match self {
            Primitive::Int8 => (i8::MIN.into(), i8::MAX.into()),
            Primitive::Int16 => (i16::MIN.into(), i16::MAX.into()),
            Primitive::Int32 | Primitive::Integer => (i32::MIN.into(), i32::MAX.into()),
            Primitive::Uint8 => (0, u8::MAX.into()),
            Primitive::Uint16 => (0, u16::MAX.into()),
            Primitive::Uint32 => (0, u32::MAX.into()),
            _ => return None,
        })
    }
}

/// The compound type names.
pub const COMPOUND_TYPES: &[&str] = &["object", "array", "set", "map", "tuple", "choice"];
