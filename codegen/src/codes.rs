//! Every diagnostic code the generator emits. Codes from the JSON Structure SDK catalogue
//! (`sdk-error-messages.json`) are reused where one fits, so maintainers can look them up;
//! the rest are the generator's own and say so in [`CODES`].

macro_rules! codes {
    ($( $name:ident : $origin:ident, $summary:literal; )*) => {
        $( pub const $name: &str = stringify!($name); )*
        /// The table of all codes, for documentation and tests.
        pub const CODES: &[CodeInfo] = &[
            $( CodeInfo { code: $name, origin: Origin::$origin, summary: $summary }, )*
        ];
    };
}

/// Whether `code` is one of the generator's codes.
pub fn is_known(code: &str) -> bool {
    CODES.iter().any(|c| c.code == code)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Defined by the JSON Structure SDK error catalogue.
    Catalogue,
    /// Named by the SDK guidelines or SDK sources but missing from the catalogue (see NOTES §6).
    Sdk,
    /// This generator's own.
    Generator,
}

#[derive(Debug, Clone, Copy)]
pub struct CodeInfo {
    pub code: &'static str,
    pub origin: Origin,
    pub summary: &'static str,
}

codes! {
    // Reading input.
    INPUT_IO: Generator, "an input file could not be read";
    INPUT_NOT_UTF8: Generator, "an input file is not UTF-8";
    INPUT_BOM: Generator, "a UTF-8 byte order mark was skipped";
    INPUT_LIMIT_EXCEEDED: Generator, "an input exceeds one of the generator's limits (a file over 16 MiB, a string over 1 MiB, a name or enum value over 1 KiB)";
    INPUT_UNSAFE_TEXT: Generator, "text holds a control or text-direction character: generated docs show it escaped";
    JSON_SYNTAX: Generator, "the input is not well-formed JSON";
    JSON_DUPLICATE_KEY: Generator, "an object repeats a key";
    CONFIG_INVALID: Generator, "the codegen configuration file is malformed";
    // Schema structure (SDK catalogue).
    SCHEMA_INVALID_TYPE: Catalogue, "a schema is not a JSON object";
    SCHEMA_MAX_DEPTH_EXCEEDED: Catalogue, "nesting is too deep";
    SCHEMA_KEYWORD_INVALID_TYPE: Catalogue, "a keyword has a value of the wrong JSON type";
    SCHEMA_MISSING_TYPE: Catalogue, "a schema declares no type";
    SCHEMA_ROOT_MISSING_TYPE: Catalogue, "the document root declares no type, $root or composition";
    SCHEMA_NAME_INVALID: Catalogue, "a name does not match [A-Za-z_][A-Za-z0-9_]*";
    SCHEMA_TYPE_INVALID: Catalogue, "an unknown type name";
    SCHEMA_TYPE_ARRAY_EMPTY: Catalogue, "a type union lists no types";
    SCHEMA_TYPE_UNION_DUPLICATE: Generator, "a type union lists the same type twice";
    SCHEMA_REF_NOT_FOUND: Catalogue, "a $ref does not resolve";
    SCHEMA_REF_CIRCULAR: Catalogue, "a definition is an alias of itself";
    SCHEMA_IMPORT_NOT_FOUND: Generator, "an `$import`/`$importdefs` names no file the generator can read (URIs are mapped to files; nothing is fetched)";
    SCHEMA_IMPORT_CIRCULAR: Sdk, "a document imports itself, directly or through others";
    SCHEMA_IMPORT_CONFLICT: Generator, "two imports bring different definitions of one name into one namespace";
    SCHEMA_IMPORT_ROOT_UNNAMED: Generator, "an imported document's root type has no `name`, so `$import` cannot bring it";
    SCHEMA_REF_NOT_IN_TYPE: Catalogue, "$ref used outside `type`";
    SCHEMA_PROPERTIES_NOT_OBJECT: Catalogue, "`properties` is not an object";
    SCHEMA_REQUIRED_NOT_ARRAY: Catalogue, "`required` is not an array";
    SCHEMA_REQUIRED_ITEM_NOT_STRING: Catalogue, "an entry of `required` is not a string";
    SCHEMA_REQUIRED_PROPERTY_NOT_DEFINED: Catalogue, "`required` names an undeclared property";
    SCHEMA_ADDITIONAL_PROPERTIES_INVALID: Catalogue, "`additionalProperties` is neither a boolean nor a schema";
    SCHEMA_ARRAY_MISSING_ITEMS: Catalogue, "an array or set has no `items`";
    SCHEMA_MAP_MISSING_VALUES: Catalogue, "a map has no `values`";
    SCHEMA_TUPLE_MISSING_DEFINITION: Catalogue, "a tuple lacks `properties` or its `tuple` order";
    SCHEMA_TUPLE_ORDER_NOT_ARRAY: Catalogue, "a tuple's `tuple` is not an array of its property names";
    SCHEMA_CHOICE_MISSING_CHOICES: Catalogue, "a choice has no `choices`";
    SCHEMA_ALTNAMES_NOT_OBJECT: Catalogue, "`altnames` is not an object";
    SCHEMA_ALTNAMES_VALUE_NOT_STRING: Catalogue, "an `altnames` value is not a string";
    SCHEMA_CHOICES_NOT_OBJECT: Catalogue, "`choices` is not an object";
    SCHEMA_EXTENDS_CIRCULAR: Sdk, "types extend each other in a cycle";
    SCHEMA_EXTENDS_NOT_OBJECT: Generator, "`$extends` names a type of another kind than its heir (objects extend objects, tuples tuples)";
    SCHEMA_EXTENDS_NOT_ABSTRACT: Generator, "`$extends` names a concrete type (Core requires an abstract one)";
    SCHEMA_EXTENDS_REDEFINES: Generator, "a type redefines a property it inherits";
    SCHEMA_ADD_IN_INVALID: Generator, "an add-in `$offers` names is not an abstract object type that extends the types it adds to";
    SCHEMA_ABSTRACT_REFERENCED: Generator, "an abstract type is used as the type of a value";
    SCHEMA_CHOICE_SELECTOR_INVALID: Generator, "an inline choice's selector or base does not fit its choices";
    SCHEMA_ENUM_NOT_ARRAY: Catalogue, "`enum` is not an array";
    SCHEMA_ENUM_EMPTY: Catalogue, "`enum` is empty";
    SCHEMA_ENUM_DUPLICATES: Catalogue, "`enum` repeats a value";
    SCHEMA_COMPOSITION_EMPTY: Catalogue, "a composition keyword lists no schemas";
    SCHEMA_COMPOSITION_NOT_ARRAY: Catalogue, "a composition keyword is not an array";
    SCHEMA_CONSTRAINT_INVALID_FOR_TYPE: Catalogue, "a keyword does not apply to the schema's type";
    SCHEMA_MIN_GREATER_THAN_MAX: Catalogue, "a lower bound exceeds its upper bound";
    SCHEMA_PATTERN_INVALID: Catalogue, "`pattern` is not a valid regular expression";
    SCHEMA_PATTERN_NOT_STRING: Catalogue, "`pattern` is not a string";
    SCHEMA_INTEGER_CONSTRAINT_INVALID: Catalogue, "a count keyword is not a non-negative integer";
    SCHEMA_NUMBER_CONSTRAINT_INVALID: Catalogue, "a numeric bound is not a number";
    SCHEMA_POSITIVE_NUMBER_CONSTRAINT_INVALID: Catalogue, "`multipleOf` is not positive";
    SCHEMA_UNIQUE_ITEMS_NOT_BOOLEAN: Catalogue, "`uniqueItems` is not a boolean";
    // Named by the SDKs, missing from the catalogue.
    SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED: Sdk, "a companion-spec keyword is used without enabling it in $uses";
    SCHEMA_META_URI_MISSING: Generator, "the document has no `$schema` (Core: REQUIRED); it is read as a core document";
    SCHEMA_UNKNOWN_KEYWORD: Sdk, "a keyword JSON Structure does not define (e.g. $defs)";
    SCHEMA_USES_UNKNOWN_EXTENSION: Sdk, "$uses names an unknown extension";
    // The generator's own findings about schemas.
    SCHEMA_DEFAULT_INVALID: Generator, "a `default` does not match its schema's type";
    SCHEMA_OBJECT_MISSING_NAME: Generator, "an inline object has no `name`; one was synthesized";
    SCHEMA_ALTENUMS_UNKNOWN_VALUE: Generator, "`altenums` gives a symbol to a value its `enum` does not list";
    SCHEMA_ONE_OF_OVERLAP: Generator, "branches of a oneOf can match the same document";
    SCHEMA_CONDITIONAL_INCOMPLETE: Generator, "`then`/`else` without `if`, or `if` without either: it has no effect";
    // CLI reference pages.
    CLI_PAGE_MALFORMED: Generator, "a reference page does not follow the family's format";
    CLI_PAGE_ENCODING: Generator, "a reference page's mis-encoded text was repaired";
    CLI_PAGE_MISMATCH: Generator, "a page's Synopsis and Options disagree";
    CLI_PAGE_UNKNOWN_TYPE: Generator, "an option type the page family does not use";
    CLI_BIND_UNKNOWN_TYPE: Generator, "a command is bound to a type the schema does not define as an object";
    CLI_BIND_NO_PROPERTY: Generator, "a page option sets no property of the bound type";
    CLI_BIND_NO_OPTION: Generator, "a property of the bound type has no option on the page";
    CLI_BIND_TYPE_MISMATCH: Generator, "an option's type on the page disagrees with its property's";
    CLI_BIND_REQUIRED_MISMATCH: Generator, "the page and the schema disagree on whether an option is required";
    CLI_BIND_DEFAULT_MISMATCH: Generator, "a default stated in the page's text disagrees with the schema's";
    CLI_BIND_VALUES_MISMATCH: Generator, "the page's possible values disagree with the schema's enum";
    CLI_HTTP_BINDING_INVALID: Generator, "a command's `http` binding has an unknown method, or a path member that is no required option";
    CODEGEN_NAME_CHANGED: Generator, "a name had to change to become a Rust identifier";
    CODEGEN_UNSUPPORTED: Generator, "a construct this generator version cannot generate yet";
    CODEGEN_PATTERN_BACKTRACKING: Generator, "a pattern needs look-around or back-references: it runs on a bounded backtracking engine";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for info in CODES {
            assert!(seen.insert(info.code), "duplicate {}", info.code);
        }
    }

    /// Issue "never reject a schema with one plain meaning": every code a schema can draw is
    /// either a repair listed in the README or an error whose reason ARCHITECTURE.md gives.
    #[test]
    fn every_code_is_reviewed() {
        let readme = include_str!("../../README.md");
        let architecture = include_str!("../../ARCHITECTURE.md");
        let (_, repairs) = readme
            .split_once("## Sloppy input")
            .expect("README has the repairs section");
        let (_, reviewed) = architecture
            .split_once("## Errors that stay errors")
            .expect("ARCHITECTURE.md has the review");
        let unreviewed: Vec<_> = CODES
            .iter()
            .map(|info| info.code)
            .filter(|code| !code.starts_with("CLI_") && *code != CONFIG_INVALID)
            .filter(|code| {
                let quoted = format!("`{code}`");
                !repairs.contains(&quoted) && !reviewed.contains(&quoted)
            })
            .collect();
        assert!(unreviewed.is_empty(), "not reviewed: {unreviewed:?}");
    }
}
