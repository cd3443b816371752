//! The intermediate representation: named, Rust-ready types. This is the contract between the
//! front end (load → resolve → lower) and the back end (the emitters). Emitters read only this;
//! they never see raw JSON and never resolve a `$ref`.

use serde_json::Value;

pub use crate::diag::Location;
pub use crate::schema::AddInMember;
use crate::schema::Primitive;
pub use crate::schema::{BinaryEncoding, Conditional, Constraint, Rules, SubschemaId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// Everything one generated crate contains.
#[derive(Debug, Clone)]
pub struct Ir {
    /// The document's `name`, as written (for docs).
    pub title: Option<String>,
    pub description: Option<String>,
    /// The type an instance document deserializes into, if the schema names one.
    pub root: Option<TypeId>,
    /// All types in a fixed order: the root union (if any), definitions in document order, then
    /// the inline types synthesized for them in the order they were met.
    pub types: Vec<TypeDef>,
    /// CLI commands bound to types (from reference pages); empty when none are configured.
    pub commands: Vec<Command>,
    /// The global options of the CLI, from the first command's page.
    pub globals: Vec<GlobalOption>,
    /// The subschemas constraints carry (composition branches, `contains`, `has`,
    /// `patternProperties` values), lowered.
    pub subschemas: std::collections::BTreeMap<SubschemaId, Constrained>,
    /// The schema's namespaces, outermost first, each a module of the crate.
    pub modules: Vec<Module>,
    /// The add-ins the schema offers, when it offers any.
    pub add_ins: Option<AddIns>,
}

/// The add-ins of `$offers`: documents enable them by name in `$uses`, and fields marked with
/// an [`AddInMember`] belong to their types only then.
#[derive(Debug, Clone)]
pub struct AddIns {
    /// The names, in `$offers` order (an [`AddInMember`] indexes them).
    pub names: Vec<String>,
    /// The enum of the names (the items of the root's `$uses`).
    pub ty: TypeId,
}

/// A namespace of the schema (a non-type object under `definitions`), generated as a module
/// that re-exports the namespace's types under their names in the schema (`shop::Item`). The
/// types themselves keep crate-unique names at the root (`ShopItem` when two namespaces
/// declare an `Item`), so every other part of the crate refers to them one way.
#[derive(Debug, Clone)]
pub struct Module {
    /// The Rust module name.
    pub name: String,
    /// The namespace's key, as written.
    pub json_name: String,
    pub pointer: String,
    /// The namespace's types: their names in the module, and the types.
    pub types: Vec<(String, TypeId)>,
    pub modules: Vec<Module>,
}

impl Ir {
    pub fn get(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// A subschema a constraint carries (lowering lowers every one it attaches).
    pub fn subschema(&self, id: SubschemaId) -> &Constrained {
        &self.subschemas[&id]
    }

    /// Every scalar some type uses, so emitters include exactly the support code they need.
    pub fn scalars(&self) -> std::collections::BTreeSet<Scalar> {
        fn walk(ty: &TypeRef, out: &mut std::collections::BTreeSet<Scalar>) {
            match ty {
                TypeRef::Scalar(s) => {
                    out.insert(*s);
                }
                TypeRef::Named(_) => {}
                TypeRef::Vec(t) | TypeRef::Map(t) | TypeRef::Boxed(t) | TypeRef::Nullable(t) => {
                    walk(t, out)
                }
            }
        }
        let mut out = std::collections::BTreeSet::new();
        for t in &self.types {
            for ty in t.kind.type_refs() {
                walk(ty, &mut out);
            }
        }
        for subschema in self.subschemas.values() {
            walk(&subschema.ty, &mut out);
        }
        out
    }

    /// The structs the crate generates (not those replaced by existing types).
    pub fn structs(&self) -> impl Iterator<Item = (&TypeDef, &Struct)> {
        self.types.iter().filter_map(|t| match &t.kind {
            TypeKind::Struct(s) if t.replacement.is_none() => Some((t, s)),
            _ => None,
        })
    }
}

#[derive(Debug, Clone)]
pub struct TypeDef {
    /// The Rust type name (unique in the crate).
    pub name: String,
    /// Where the type was declared: the JSON pointer in the schema document.
    pub pointer: String,
    pub docs: Docs,
    pub kind: TypeKind,
    /// Composition rules the type carries itself: a tuple, choice or enum definition's (those
    /// kinds have no constraints of their own), or those of a type-less `oneOf`/`anyOf` that
    /// this enum models. Structs and newtypes keep theirs among their constraints.
    pub rules: Option<Rules>,
    /// The existing Rust type the consumer put in this type's place (`[crate.types.X]
    /// replace`): the crate names it by an alias and generates nothing else for it. The kind
    /// still describes its JSON form, which the replacement must share.
    pub replacement: Option<String>,
}

#[derive(Debug, Clone)]
pub enum TypeKind {
    Struct(Struct),
    Enum(Enum),
    Union(Union),
    /// A type union (`"type": [...]`): an untagged enum, the first matching member wins.
    Untagged(Vec<Member>),
    /// A `tuple`: a tuple struct, a fixed-length JSON array.
    Tuple(Vec<Element>),
    /// A `choice`: an enum, externally tagged or (with a selector) internally tagged.
    Choice(Choice),
    /// An abstract type: a base of others (`$extends`), merged into them; nothing is generated.
    Abstract,
    /// A definition that is another type under a new name (`type A = B;`).
    Alias(TypeRef),
    /// A definition that is another type with constraints of its own: a newtype, so the
    /// constraints travel with the type and its values can be validated.
    Newtype(Constrained),
}

impl TypeKind {
    /// The type references a type is made of (fields, items, members), not recursively.
    pub fn type_refs(&self) -> Vec<&TypeRef> {
        match self {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .map(|f| &f.ty)
                .chain(s.additional.as_ref().map(|a| &a.ty))
                .collect(),
            TypeKind::Alias(ty) | TypeKind::Newtype(Constrained { ty, .. }) => vec![ty],
            TypeKind::Untagged(members) => members.iter().filter_map(|m| m.ty.as_ref()).collect(),
            TypeKind::Tuple(elements) => elements.iter().map(|e| &e.ty).collect(),
            TypeKind::Choice(c) => c.variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Abstract => Vec::new(),
            TypeKind::Enum(_) | TypeKind::Union(_) => Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Docs {
    pub description: Option<String>,
    pub examples: Vec<Value>,
    /// Annotations worth a line in the docs (`Precision: 10.`).
    pub facts: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// `additionalProperties: false` (or absent, in a strict crate): unknown keys are rejected.
    pub deny_unknown_fields: bool,
    /// Constraints on the object as a whole (`minProperties`, `dependentRequired`, ...).
    pub constraints: Vec<Constraint>,
    /// `additionalProperties` with a schema: undeclared properties, kept by name.
    pub additional: Option<AdditionalProperties>,
}

/// The map of undeclared properties of a struct: typed when the schema gives them a schema,
/// JSON values when the object is merely open (kept so documents round-trip).
#[derive(Debug, Clone)]
pub struct AdditionalProperties {
    /// `additionalProperties` is a schema (rather than absent or `true`).
    pub declared: bool,
    /// `additionalProperties` is absent (not `true`): strict validation reports the members
    /// this map keeps.
    pub unstated: bool,
    /// The Rust field (and builder method stem) name.
    pub rust_name: String,
    pub ty: TypeRef,
    /// Constraints on each undeclared property's value.
    pub constraints: Vec<Constraint>,
}

impl Struct {
    pub fn required(&self) -> impl Iterator<Item = &Field> {
        self.fields
            .iter()
            .filter(|f| f.presence == Presence::Required)
    }

    pub fn has_required(&self) -> bool {
        self.required().next().is_some()
    }
}

#[derive(Debug, Clone)]
pub struct Field {
    /// The property name on the wire, exactly as the schema spells it.
    pub json_name: String,
    /// The Rust field (and builder method) name.
    pub rust_name: String,
    pub ty: TypeRef,
    pub presence: Presence,
    /// Set when an add-in injected the field: it belongs to the type only in documents that
    /// enable the add-in (the field is optional whatever the add-in requires).
    pub add_in: Option<AddInMember>,
    pub docs: Docs,
    /// Constraints on the field's value.
    pub constraints: Vec<Constraint>,
    /// Constraints on each item, when the field is an array or set, or on each value of a map.
    pub item_constraints: Vec<Constraint>,
    /// Where the schema declares the property (its key), for diagnostics of later stages.
    pub origin: Location,
}

impl Field {
    /// The key may be absent (the field is an `Option`; a defaulted one has an accessor that
    /// supplies the default).
    pub fn is_optional(&self) -> bool {
        self.presence != Presence::Required
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Presence {
    /// Listed in `required`: the key must be present.
    Required,
    /// Optional with no default: `Option<T>`, omitted from output when `None`.
    Optional,
    /// Optional with a `default`: `Option<T>` like an optional field (so documents round-trip
    /// unchanged), with an accessor that returns the default when the key is absent.
    Defaulted(Value),
}

/// The type of a field, item or alias.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    Scalar(Scalar),
    Named(TypeId),
    Vec(Box<TypeRef>),
    /// A JSON object with arbitrary keys (`map`), order kept by key.
    Map(Box<TypeRef>),
    /// Indirection for recursive types.
    Boxed(Box<TypeRef>),
    /// A type union with `null` and one other member: `Option<T>`, `null` being `None`.
    Nullable(Box<TypeRef>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scalar {
    String,
    Bool,
    I8,
    I16,
    I32,
    U8,
    U16,
    U32,
    F32,
    F64,
    /// Any JSON value.
    Json,
    /// `null`: the unit type.
    Null,
    // The string-encoded types: JSON strings on the wire, Rust values in the model.
    I64,
    U64,
    I128,
    U128,
    Decimal,
    Date,
    DateTime,
    Time,
    Duration,
    Uuid,
    Uri,
    JsonPointer,
    Binary(BinaryEncoding),
}

impl Scalar {
    /// The JSON Structure type name.
    pub fn json_name(self) -> &'static str {
        match self {
            Scalar::String => "string",
            Scalar::Bool => "boolean",
            Scalar::I8 => "int8",
            Scalar::I16 => "int16",
            Scalar::I32 => "int32",
            Scalar::U8 => "uint8",
            Scalar::U16 => "uint16",
            Scalar::U32 => "uint32",
            Scalar::F32 => "float",
            Scalar::F64 => "double",
            Scalar::Json => "any",
            Scalar::Null => "null",
            Scalar::I64 => "int64",
            Scalar::U64 => "uint64",
            Scalar::I128 => "int128",
            Scalar::U128 => "uint128",
            Scalar::Decimal => "decimal",
            Scalar::Date => "date",
            Scalar::DateTime => "datetime",
            Scalar::Time => "time",
            Scalar::Duration => "duration",
            Scalar::Uuid => "uuid",
            Scalar::Uri => "uri",
            Scalar::JsonPointer => "jsonpointer",
            Scalar::Binary(_) => "binary",
        }
    }

    /// Whether the JSON form is a string that the model holds as a parsed value (the generated
    /// crate's `wire` module converts).
    pub fn is_string_encoded(self) -> bool {
        !matches!(
            self,
            Scalar::String
                | Scalar::Bool
                | Scalar::I8
                | Scalar::I16
                | Scalar::I32
                | Scalar::U8
                | Scalar::U16
                | Scalar::U32
                | Scalar::F32
                | Scalar::F64
                | Scalar::Json
                | Scalar::Null
        )
    }
}

#[derive(Debug, Clone)]
pub struct Enum {
    pub variants: Vec<Variant>,
    /// Where the enum's values are declared, for error messages: `Type.property`.
    pub context: String,
}

#[derive(Debug, Clone)]
pub struct Variant {
    pub json_value: String,
    /// The value as the schema's `enum` lists it, when `altenums` writes it otherwise in JSON.
    pub listed: Option<String>,
    /// Its other `altenums` symbols, by purpose (`lang:en`, ...), for the docs.
    pub symbols: Vec<(String, String)>,
    pub rust_name: String,
}

/// A discriminated union.
#[derive(Debug, Clone)]
pub struct Choice {
    pub variants: Vec<ChoiceVariant>,
    /// The selector property of an inline choice; `None` for a tagged one.
    pub selector: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ChoiceVariant {
    /// The choice's name: the tag, or the selector's value.
    pub json_name: String,
    pub rust_name: String,
    pub ty: TypeRef,
}

/// One element of a tuple, in position order.
#[derive(Debug, Clone)]
pub struct Element {
    /// The property that declares it (for docs and messages).
    pub json_name: String,
    pub ty: TypeRef,
    pub docs: Docs,
    pub constraints: Vec<Constraint>,
    /// Constraints on each item or map value of the element.
    pub item_constraints: Vec<Constraint>,
}

/// A type with constraints of its own: what a newtype wraps, or a branch of a composition rule.
#[derive(Debug, Clone)]
pub struct Constrained {
    pub ty: TypeRef,
    pub constraints: Vec<Constraint>,
    /// Constraints on each item, when it wraps an array or set, or on each value of a map.
    pub item_constraints: Vec<Constraint>,
}

/// One member of a type union.
#[derive(Debug, Clone)]
pub struct Member {
    /// The enum variant name.
    pub rust_name: String,
    /// What the variant holds; `None` for the `null` member (a unit variant).
    pub ty: Option<TypeRef>,
}

/// A union of struct types, told apart at run time (a root `oneOf`/`anyOf`).
#[derive(Debug, Clone)]
pub struct Union {
    /// `oneOf` or `anyOf`, for docs.
    pub keyword: &'static str,
    pub branches: Vec<Branch>,
}

#[derive(Debug, Clone)]
pub struct Branch {
    /// The enum variant name.
    pub rust_name: String,
    /// The struct the branch holds.
    pub ty: TypeId,
}

/// A CLI command whose options set the fields of one struct (the request model).
#[derive(Debug, Clone)]
pub struct Command {
    /// The subcommand name (`start-ml-data-processing-job`).
    pub name: String,
    /// The API operation (`StartMLDataProcessingJob`), used as the table title.
    pub operation: Option<String>,
    /// The page's description, as help text.
    pub about: String,
    /// The page the command comes from, for docs.
    pub page: String,
    /// The request model, when the command is bound to a schema type; `None` when the
    /// request comes from the page alone.
    pub target: Option<TypeId>,
    /// The options, in page order (the order members go on the wire).
    pub options: Vec<CliOption>,
    /// The request's members, for skeletons and the input file's unknown-member check: the
    /// target's properties, then the options only the page has.
    pub members: Vec<RequestMember>,
    /// `--cli-input-json | --cli-input-yaml` are offered.
    pub cli_input: bool,
    /// `--generate-cli-skeleton` is offered.
    pub skeleton: bool,
    /// Output members (flat, top level only), for `--generate-cli-skeleton output`.
    pub output: Vec<OutputMember>,
    /// How the request is sent; `None` for a command that builds and prints its request.
    pub http: Option<HttpBinding>,
}

/// One option of a command, bound to a property of the target or typed from its page.
#[derive(Debug, Clone)]
pub struct CliOption {
    /// The long flag without dashes (`processing-instance-volume-size-in-gb`).
    pub flag: String,
    /// For a boolean pair, the flag that sets false.
    pub negation: Option<String>,
    /// The request member it sets (`processingInstanceVolumeSizeInGB`).
    pub member: String,
    /// Index into the target struct's fields; `None` for an option the schema lacks.
    pub field: Option<usize>,
    /// How its text becomes the member's value.
    pub kind: OptionKind,
    /// What the scalars of its shorthand values become, for an option read as a structure.
    pub shorthand: Shorthand,
    /// The values it takes, when the schema or the page lists them.
    pub choices: Vec<String>,
    /// The schema's default, stated in help (it is not sent).
    pub default: Option<serde_json::Value>,
    pub help: String,
    /// Must be given (on the command line or in the input file).
    pub required: bool,
}

/// How an option is given: a flag, one value, or a list of values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
    Switch,
    Value(ParamKind),
    List(ParamKind),
}

/// What a value's text becomes (the runtime's `cli::Param`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    Text,
    Integer,
    Number,
    Blob,
    Structure,
    Json,
}

/// What the scalars of a shorthand value become (the runtime's `cli::Shorthand`). Only members
/// that convert are listed, so a structure of strings is `Text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shorthand {
    Text,
    Integer,
    Number,
    Boolean,
    Structure(Vec<(String, Shorthand)>),
    List(Box<Shorthand>),
    Map(Box<Shorthand>),
}

/// A member of a command's request, as skeletons show it.
#[derive(Debug, Clone)]
pub struct RequestMember {
    pub name: String,
    /// Where its sample value comes from.
    pub source: MemberSource,
    pub help: String,
    pub required: bool,
}

#[derive(Debug, Clone)]
pub enum MemberSource {
    /// A field of the target struct (by index).
    Field(usize),
    /// An option only the page has: its value shape as the page writes it.
    Page(crate::cli_page::ValueType, Option<crate::cli_page::Shape>),
}

/// A command's `http` binding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpBinding {
    /// `POST`.
    pub method: String,
    /// `/ml/dataprocessing/{id}`.
    pub path: String,
    /// The members the path names, in order.
    pub path_members: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct OutputMember {
    pub name: String,
    /// The page's type name (`string`, `long`, ...).
    pub type_name: String,
}

/// A global option of the CLI.
#[derive(Debug, Clone)]
pub struct GlobalOption {
    pub flag: String,
    pub help: String,
    pub takes_value: bool,
    /// Allowed values, when the page lists them.
    pub choices: Vec<String>,
}

impl Scalar {
    /// The Rust scalar of a primitive.
    pub fn of(p: Primitive, encoding: BinaryEncoding) -> Scalar {
        match p {
            Primitive::String => Scalar::String,
            Primitive::Boolean => Scalar::Bool,
            Primitive::Int8 => Scalar::I8,
            Primitive::Int16 => Scalar::I16,
            Primitive::Int32 | Primitive::Integer => Scalar::I32,
            Primitive::Uint8 => Scalar::U8,
            Primitive::Uint16 => Scalar::U16,
            Primitive::Uint32 => Scalar::U32,
            Primitive::Float8 | Primitive::Float => Scalar::F32,
            Primitive::Number | Primitive::Double => Scalar::F64,
            Primitive::Any => Scalar::Json,
            Primitive::Null => Scalar::Null,
            Primitive::Int64 => Scalar::I64,
            Primitive::Uint64 => Scalar::U64,
            Primitive::Int128 => Scalar::I128,
            Primitive::Uint128 => Scalar::U128,
            Primitive::Decimal => Scalar::Decimal,
            Primitive::Date => Scalar::Date,
            Primitive::Datetime => Scalar::DateTime,
            Primitive::Time => Scalar::Time,
            Primitive::Duration => Scalar::Duration,
            Primitive::Uuid => Scalar::Uuid,
            Primitive::Uri => Scalar::Uri,
            Primitive::JsonPointer => Scalar::JsonPointer,
            Primitive::Binary => Scalar::Binary(encoding),
        }
    }
}
