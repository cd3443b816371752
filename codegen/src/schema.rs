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
    /// The subschemas constraints carry, by [`SubschemaId`].
    pub subschemas: Vec<Schema>,
    /// The add-ins `$offers` advertises, in document order (an [`AddInMember`] indexes them).
    pub add_ins: Vec<AddIn>,
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

/// An add-in: a set of abstract types that `$extends` the types they add properties to,
/// advertised by name in the root `$offers`. A document switches it on by naming it in its
/// `$uses`; its properties are then part of the types it extends.
#[derive(Debug, Clone)]
pub struct AddIn {
    /// The name documents give it in `$uses`.
    pub name: String,
    pub key_span: Span,
    /// The add-in types (their own properties were injected into the types they extend).
    pub types: Vec<DefId>,
}

/// Marks a property injected by an add-in: it belongs to the type only in documents that
/// enable the add-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddInMember {
    /// Index into [`SchemaSet::add_ins`].
    pub add_in: usize,
    /// The add-in type lists it in `required`: documents that enable the add-in must have it.
    pub required: bool,
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
    /// `altenums` of a string enum, one entry per value of [`Ty::StringEnum`] (whose values
    /// are then the `json` symbols); empty without it.
    pub alt_enums: Vec<AltEnum>,
}

/// One enum value's alternate symbols (Alternate Names companion).
#[derive(Debug, Clone, PartialEq)]
pub struct AltEnum {
    /// The value as `enum` lists it: it names the Rust variant.
    pub listed: String,
    /// The symbols `altenums` gives it, by purpose (`json`, `lang:en`, ...), in document order.
    pub symbols: Vec<(String, String)>,
}

impl Schema {
    /// Calls `f` on every schema nested in this one (property, item, value, union member,
    /// tuple element and choice schemas, at any depth), parents before their children.
    /// Subschemas of constraints live in [`SchemaSet::subschemas`] and are not visited.
    pub fn visit_nested_mut(&mut self, f: &mut dyn FnMut(&mut Schema)) {
        let children: Vec<&mut Schema> = match &mut self.ty {
            Ty::Object(object) => {
                let mut children: Vec<&mut Schema> = object
                    .properties
                    .iter_mut()
                    .map(|p| &mut p.schema)
                    .collect();
                if let Additional::Schema(schema) = &mut object.additional {
                    children.push(schema);
                }
                children
            }
            Ty::Array(inner) | Ty::Set(inner) | Ty::Map(inner) => vec![&mut **inner],
            Ty::Union(members) => members.iter_mut().collect(),
            Ty::Tuple(tuple) => tuple.elements.iter_mut().map(|p| &mut p.schema).collect(),
            Ty::Choice(choice) => choice.choices.iter_mut().map(|p| &mut p.schema).collect(),
            Ty::Primitive(_) | Ty::StringEnum(_) | Ty::Ref(_) => Vec::new(),
        };
        for child in children {
            f(child);
            child.visit_nested_mut(f);
        }
    }

    /// The schema's Conditional Composition rules, when they are in effect.
    pub fn rules(&self) -> Option<&Rules> {
        self.constraints.iter().find_map(|c| match c {
            Constraint::Rules(rules) => Some(&**rules),
            _ => None,
        })
    }
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
    /// a subschema.
    Contains(Contains),
    /// `keyNames` (maps) or `propertyNames` (objects): a string schema every key must match,
    /// as its constraints.
    KeyNames(Vec<Constraint>),
    /// `patternKeys` (maps) or `patternProperties` (objects): the value of every member whose
    /// name matches a pattern (searched, as ECMA-262's `test` does) must match its subschema.
    PatternValues(Vec<(Pattern, SubschemaId)>),
    /// `has`: at least one member's value must match the subschema.
    Has(SubschemaId),
    /// Conditional Composition (`allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`): the
    /// value must also match these rules (boxed: they are the largest constraint by far).
    Rules(Box<Rules>),
}

impl Constraint {
    /// The subschemas this constraint carries, each with the keyword that holds it and its
    /// position there (what names the type generated for an object subschema).
    pub fn subschemas(&self) -> Vec<(&'static str, usize, SubschemaId)> {
        match self {
            Constraint::Contains(c) => vec![("contains", 0, c.schema)],
            Constraint::Has(id) => vec![("has", 0, *id)],
            Constraint::PatternValues(patterns) => patterns
                .iter()
                .enumerate()
                .map(|(index, (_, id))| ("pattern", index, *id))
                .collect(),
            Constraint::Rules(rules) => rules.branches(),
            _ => Vec::new(),
        }
    }
}

/// A subschema a constraint carries (a composition branch, the schema of `contains`, `has` or a
/// `patternProperties` entry), in [`SchemaSet::subschemas`] and, lowered, in the IR's table
/// under the same id. Constraints stay plain values shared by both stages this way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SubschemaId(pub usize);

/// What a value must match besides its type: the Conditional Composition keywords of one
/// schema, their branches as subschemas.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    pub all_of: Vec<SubschemaId>,
    pub any_of: Vec<SubschemaId>,
    pub one_of: Vec<SubschemaId>,
    pub not: Option<SubschemaId>,
    pub conditional: Option<Conditional>,
}

/// `if`/`then`/`else`: a value that matches `condition` must match `then`, any other `otherwise`.
#[derive(Debug, Clone, PartialEq)]
pub struct Conditional {
    pub condition: SubschemaId,
    pub then: Option<SubschemaId>,
    pub otherwise: Option<SubschemaId>,
}

impl Rules {
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

    /// Every branch with its keyword and position, in declaration order.
    pub fn branches(&self) -> Vec<(&'static str, usize, SubschemaId)> {
        let list = |keyword, ids: &[SubschemaId]| {
            ids.iter()
                .enumerate()
                .map(move |(index, id)| (keyword, index, *id))
                .collect::<Vec<_>>()
        };
        let mut out = list("allOf", &self.all_of);
        out.extend(list("anyOf", &self.any_of));
        out.extend(list("oneOf", &self.one_of));
        out.extend(list("not", self.not.as_slice()));
        if let Some(c) = &self.conditional {
            out.extend(list("if", std::slice::from_ref(&c.condition)));
            out.extend(list("then", c.then.as_slice()));
            out.extend(list("else", c.otherwise.as_slice()));
        }
        out
    }
}

/// The subschema of `contains` and the bounds on the count of items matching it.
#[derive(Debug, Clone, PartialEq)]
pub struct Contains {
    pub schema: SubschemaId,
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
    Tuple(Tuple),
    /// A discriminated union: tagged (`{"<choice>": value}`) without a selector, inline (the
    /// chosen object with a selector property naming the choice) with one.
    Choice(Choice),
}

#[derive(Debug, Clone)]
pub struct Tuple {
    /// The elements, in `tuple` order (once `$extends` is merged, the inherited ones too).
    pub elements: Vec<Property>,
    /// Before `$extends` is merged: the `tuple` entries that name no property of the tuple's
    /// own, for a base to supply.
    pub inherited: Vec<InheritedElement>,
}

/// A `tuple` entry naming an element a base tuple declares.
#[derive(Debug, Clone)]
pub struct InheritedElement {
    /// Its index in the `tuple` order.
    pub position: usize,
    pub name: String,
    pub span: Span,
    pub pointer: String,
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
    /// `additionalProperties` absent (`stated: false`) or `true`: undeclared properties are
    /// allowed. Strict mode closes the objects that do not state it.
    Allowed { stated: bool },
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
    /// Set when an add-in injected the property (see [`AddIn`]).
    pub add_in: Option<AddInMember>,
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
    /// Whether a JSON value is a value of this type, in its wire form (`encoding` for binary).
    pub fn admits(self, value: &Value, encoding: BinaryEncoding) -> bool {
        use jstruct_runtime::formats;
        use Primitive::*;
        match (value, self) {
            (_, Any) => true,
            (Value::Null, Null) => true,
            (Value::Bool(_), Boolean) => true,
            (Value::Number(n), _) if self.integer_range().is_some() => {
                let (lo, hi) = self.integer_range().expect("checked");
                n.as_i64()
                    .is_some_and(|v| (lo..=hi).contains(&i128::from(v)))
            }
            (Value::Number(_), Number | Float8 | Float | Double) => true,
            (Value::String(s), Int64) => formats::is_integer_text(s) && s.parse::<i64>().is_ok(),
            (Value::String(s), Uint64) => formats::is_integer_text(s) && s.parse::<u64>().is_ok(),
            (Value::String(s), Int128) => formats::is_integer_text(s) && s.parse::<i128>().is_ok(),
            (Value::String(s), Uint128) => formats::is_integer_text(s) && s.parse::<u128>().is_ok(),
            (Value::String(s), Decimal) => formats::is_decimal_text(s),
            (Value::String(s), Date) => formats::is_date(s),
            (Value::String(s), Datetime) => formats::is_datetime(s),
            (Value::String(s), Time) => formats::is_time(s),
            (Value::String(s), Duration) => formats::is_duration(s),
            (Value::String(s), Uuid) => formats::is_uuid(s),
            (Value::String(s), Uri) => formats::is_uri_reference(s),
            (Value::String(s), JsonPointer) => formats::is_json_pointer(s),
            (Value::String(s), Binary) => encoding.decode(s).is_some(),
            (Value::String(_), String) => true,
            _ => false,
        }
    }

    /// Whether the values are numbers (whether carried as JSON numbers or as strings).
    pub fn is_numeric(self) -> bool {
        use Primitive::*;
        self.integer_range().is_some()
            || matches!(
                self,
                Number | Int64 | Int128 | Uint64 | Uint128 | Float8 | Float | Double | Decimal
            )
    }

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
