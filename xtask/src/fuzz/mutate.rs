//! Structural mutations of schemas (as JSON trees, then as bytes) and of reference pages (as
//! lines). Each mutation aims at one way real or hostile input goes wrong; a case applies a
//! few of them, chosen by a seeded generator so every case can be replayed.

use fastrand::Rng;
use serde_json::{json, Map, Value};

/// Strings that have broken generators: direction controls, control characters, Rust keywords
/// and reserved names, digits first, punctuation, emoji, empties, and long names.
const HOSTILE_TEXT: &[&str] = &[
    "safe \u{202e} text",
    "a\rb",
    "nul\u{0}byte",
    "bell\u{7}",
    "\u{2066}isolate\u{2069}",
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "r#type",
    "_",
    "__",
    "123abc",
    "",
    " ",
    "a-b.c/d",
    "Option",
    "String",
    "Result",
    "Validate",
    "ValidationErrors",
    "😀",
    "ünïcödé",
    "北京",
    "*/ /*",
    "\" ] } {",
    "#[doc = \"x\"]",
    "}\n}\nfn main() {}",
    "`backticks` and [links](http://x)",
];

const TYPE_NAMES: &[&str] = &[
    "string",
    "boolean",
    "null",
    "number",
    "integer",
    "int8",
    "uint8",
    "int16",
    "uint16",
    "int32",
    "uint32",
    "int64",
    "uint64",
    "int128",
    "uint128",
    "float8",
    "float",
    "double",
    "decimal",
    "date",
    "datetime",
    "time",
    "duration",
    "uuid",
    "uri",
    "binary",
    "jsonpointer",
    "any",
    "object",
    "array",
    "set",
    "map",
    "tuple",
    "choice",
    "Object",
    "",
    "string ",
];

/// Every keyword of Core and its companions, and a few of JSON Schema's.
const KEYWORDS: &[&str] = &[
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "values",
    "tuple",
    "choices",
    "selector",
    "enum",
    "const",
    "default",
    "description",
    "name",
    "examples",
    "$ref",
    "$extends",
    "abstract",
    "$root",
    "$schema",
    "$id",
    "$uses",
    "$offers",
    "definitions",
    "$defs",
    "maxLength",
    "minLength",
    "pattern",
    "format",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "precision",
    "scale",
    "minItems",
    "maxItems",
    "uniqueItems",
    "contains",
    "minContains",
    "maxContains",
    "minProperties",
    "maxProperties",
    "dependentRequired",
    "patternProperties",
    "propertyNames",
    "minEntries",
    "maxEntries",
    "patternKeys",
    "keyNames",
    "has",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "if",
    "then",
    "else",
    "altnames",
    "altenums",
    "descriptions",
    "unit",
    "currency",
    "symbol",
    "contentEncoding",
    "contentMediaType",
    "contentCompression",
    "$import",
    "$importdefs",
    "prefixItems",
    "discriminator",
    "$anchor",
];

/// A value of some kind, for a keyword that expects another.
fn odd_value(rng: &mut Rng) -> Value {
    match rng.u8(0..16) {
        0 => json!("x"),
        1 => json!(3),
        2 => json!(-1),
        3 => json!(1.5e308),
        4 => json!(true),
        5 => Value::Null,
        6 => json!([]),
        7 => json!({}),
        8 => json!([1, "a", null]),
        9 => json!({"type": "string"}),
        10 => json!({"$ref": "#/definitions/Nope"}),
        11 => json!(["string", "null"]),
        12 => json!(18446744073709551615u64),
        13 => json!(-0.0),
        14 => json!({"a": {"type": "int32"}}),
        _ => json!(HOSTILE_TEXT[rng.usize(..HOSTILE_TEXT.len())]),
    }
}

/// The JSON pointer of every node of `root`, in document order.
fn pointers(root: &Value) -> Vec<String> {
    fn walk(v: &Value, at: String, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, child) in m {
                    walk(
                        child,
                        format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                        out,
                    );
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    walk(child, format!("{at}/{i}"), out);
                }
            }
            _ => {}
        }
        out.push(at);
    }
    let mut out = Vec::new();
    walk(root, String::new(), &mut out);
    out
}

fn pick<'a>(rng: &mut Rng, items: &'a [String]) -> &'a str {
    &items[rng.usize(..items.len())]
}

/// A random object of the tree (the root if there is none other).
fn some_object<'a>(
    rng: &mut Rng,
    root: &'a mut Value,
) -> Option<(String, &'a mut Map<String, Value>)> {
    let objects: Vec<String> = pointers(root)
        .into_iter()
        .filter(|p| root.pointer(p).is_some_and(Value::is_object))
        .collect();
    if objects.is_empty() {
        return None;
    }
    let at = pick(rng, &objects).to_owned();
    let object = root.pointer_mut(&at)?.as_object_mut()?;
    Some((at, object))
}

/// Applies one structural mutation to the tree. Some leave a marker that [`to_bytes`] turns
/// into a duplicated key.
fn mutate_tree(rng: &mut Rng, root: &mut Value, marker: &mut Option<(String, String)>) {
    let all = pointers(root);
    match rng.u8(0..12) {
        // A keyword (or any node) of the wrong kind.
        0 | 1 => {
            let at = pick(rng, &all).to_owned();
            if let Some(node) = root.pointer_mut(&at) {
                *node = odd_value(rng);
            }
        }
        // `$ref` to garbage, to itself, or to a random node.
        2 => {
            let own = all[rng.usize(..all.len())].clone();
            let target = match rng.u8(0..4) {
                0 => format!("#{own}"),
                1 => [
                    "#",
                    "",
                    "#/definitions",
                    "http://x/y",
                    "#/%%",
                    "#/$defs/X",
                    "#/definitions/A/B/C",
                ][rng.usize(..7)]
                .to_owned(),
                _ => format!("#{}", pick(rng, &all)),
            };
            if let Some((_, object)) = some_object(rng, root) {
                object.insert("type".into(), json!({ "$ref": target }));
            }
        }
        // A key deleted.
        3 => {
            if let Some((_, object)) = some_object(rng, root) {
                if !object.is_empty() {
                    let i = rng.usize(..object.len());
                    let key = object.keys().nth(i).cloned().unwrap_or_default();
                    object.shift_remove(&key);
                }
            }
        }
        // A key repeated (with another value).
        4 => {
            if let Some((_, object)) = some_object(rng, root) {
                if let Some(key) = object.keys().next().cloned() {
                    let name = format!("__fuzz_duplicate_{}", rng.u32(..));
                    object.insert(name.clone(), odd_value(rng));
                    *marker = Some((name, key));
                }
            }
        }
        // Deep nesting.
        5 => {
            let at = pick(rng, &all).to_owned();
            if let Some(node) = root.pointer_mut(&at) {
                let mut value = node.take();
                for _ in 0..rng.usize(20..300) {
                    value = if rng.bool() {
                        json!({"type": "array", "items": value})
                    } else {
                        json!([value])
                    };
                }
                *node = value;
            }
        }
        // A huge string (rarely past the generator's limit).
        6 => {
            let len = if rng.u8(0..50) == 0 {
                1_100_000
            } else {
                rng.usize(1_000..60_000)
            };
            let text: String =
                std::iter::repeat_n(['a', 'é', ' ', '\u{202e}'][rng.usize(..4)], len).collect();
            if let Some((_, object)) = some_object(rng, root) {
                let key = ["description", "name", "enum", "default"][rng.usize(..4)];
                let value = if key == "enum" {
                    json!([text, "b"])
                } else {
                    json!(text)
                };
                object.insert(key.into(), value);
            }
        }
        // A hostile name or description, as a key or a value.
        7 | 8 => {
            let text = HOSTILE_TEXT[rng.usize(..HOSTILE_TEXT.len())];
            if let Some((_, object)) = some_object(rng, root) {
                if rng.bool() && !object.is_empty() {
                    let i = rng.usize(..object.len());
                    let key = object.keys().nth(i).cloned().unwrap_or_default();
                    if let Some(value) = object.shift_remove(&key) {
                        object.insert(text.to_owned(), value);
                    }
                } else {
                    let key =
                        ["name", "description", "enum", "selector", "required"][rng.usize(..5)];
                    let value = match key {
                        "enum" | "required" => json!([text, "b"]),
                        _ => json!(text),
                    };
                    object.insert(key.into(), value);
                }
            }
        }
        // A type name swapped.
        9 => {
            let name = TYPE_NAMES[rng.usize(..TYPE_NAMES.len())];
            if let Some((_, object)) = some_object(rng, root) {
                object.insert("type".into(), json!(name));
            }
        }
        // A keyword where it may not belong.
        10 => {
            let keyword = KEYWORDS[rng.usize(..KEYWORDS.len())];
            let value = odd_value(rng);
            if let Some((_, object)) = some_object(rng, root) {
                object.insert(keyword.into(), value);
            }
        }
        // A subtree copied somewhere else.
        _ => {
            let from = pick(rng, &all).to_owned();
            let copy = root.pointer(&from).cloned().unwrap_or(Value::Null);
            if let Some((_, object)) = some_object(rng, root) {
                let key = KEYWORDS[rng.usize(..KEYWORDS.len())];
                object.insert(key.into(), copy);
            }
        }
    }
}

/// Serializes the tree (pretty or compact), turning a duplicate marker into a repeated key.
fn to_bytes(rng: &mut Rng, root: &Value, marker: Option<(String, String)>) -> Vec<u8> {
    let mut text = if rng.bool() {
        serde_json::to_string_pretty(root)
    } else {
        serde_json::to_string(root)
    }
    .unwrap_or_default();
    if let Some((name, key)) = marker {
        let quoted = serde_json::to_string(&key).unwrap_or_default();
        text = text.replacen(&format!("\"{name}\""), &quoted, 1);
    }
    text.into_bytes()
}

/// Byte-level damage: truncation, invalid UTF-8, a flipped byte, a byte order mark, CR LF.
fn damage(rng: &mut Rng, bytes: &mut Vec<u8>) {
    if bytes.is_empty() {
        return;
    }
    match rng.u8(0..5) {
        0 => bytes.truncate(rng.usize(..bytes.len())),
        1 => {
            let at = rng.usize(..bytes.len());
            bytes.insert(at, [0xff, 0xc3, 0x80, 0xed][rng.usize(..4)]);
        }
        2 => {
            let at = rng.usize(..bytes.len());
            bytes[at] ^= 1 << rng.u8(0..8);
        }
        3 => {
            bytes.splice(0..0, *b"\xEF\xBB\xBF");
        }
        _ => {
            let text = String::from_utf8_lossy(bytes).replace('\n', "\r\n");
            *bytes = text.into_bytes();
        }
    }
}

/// A mutated schema: one to four structural mutations, and sometimes byte damage.
pub fn schema(rng: &mut Rng, original: &Value) -> Vec<u8> {
    let mut tree = original.clone();
    let mut marker = None;
    // Mostly one or two: more mutations mostly find the first error again.
    let count = [1, 1, 1, 1, 1, 2, 2, 2, 3, 4][rng.usize(..10)];
    for _ in 0..count {
        mutate_tree(rng, &mut tree, &mut marker);
    }
    let mut bytes = to_bytes(rng, &tree, marker);
    if rng.u8(0..10) == 0 {
        damage(rng, &mut bytes);
    }
    bytes
}

const PAGE_TYPES: &[&str] = &[
    "string",
    "boolean",
    "integer",
    "long",
    "double",
    "list",
    "structure",
    "map",
    "blob",
    "timestamp",
    "tagged union structure",
    "document",
    "widget",
    "",
    "string)",
];

/// A mutated reference page: lines deleted, repeated, swapped or rewritten, option types
/// changed, mojibake and hostile text injected, and sometimes byte damage.
pub fn page(rng: &mut Rng, original: &str) -> Vec<u8> {
    let mut lines: Vec<String> = original.lines().map(str::to_owned).collect();
    for _ in 0..rng.usize(1..=4) {
        if lines.is_empty() {
            break;
        }
        let at = rng.usize(..lines.len());
        match rng.u8(0..8) {
            0 => {
                let n = rng.usize(1..=8).min(lines.len() - at);
                lines.drain(at..at + n);
            }
            1 => {
                let line = lines[at].clone();
                lines.insert(at, line);
            }
            2 => {
                let other = rng.usize(..lines.len());
                lines.swap(at, other);
            }
            3 => {
                // The type of an option header: `--name` (string).
                let ty = PAGE_TYPES[rng.usize(..PAGE_TYPES.len())];
                if let Some(open) = lines[at].rfind('(') {
                    lines[at] = format!("{}({ty})", &lines[at][..open]);
                } else {
                    lines[at] = format!("`--fuzzed-option` ({ty})");
                }
            }
            4 => {
                // Mojibake: UTF-8 bytes read as Latin-1.
                let garbled: String = lines[at].bytes().map(char::from).collect();
                lines[at] = garbled;
            }
            5 => lines[at] = HOSTILE_TEXT[rng.usize(..HOSTILE_TEXT.len())].to_owned(),
            6 => {
                lines[at] = [
                    "```",
                    "## Options",
                    "## Synopsis",
                    "[--x | --no-x]",
                    "--",
                    "`--`",
                ][rng.usize(..6)]
                .to_owned()
            }
            _ => lines[at].push_str(&"x".repeat(rng.usize(1..5_000))),
        }
    }
    let mut bytes = lines.join("\n").into_bytes();
    if rng.u8(0..10) == 0 {
        damage(rng, &mut bytes);
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_case() {
        let original =
            json!({"type": "object", "name": "A", "properties": {"a": {"type": "string"}}});
        let one = schema(&mut Rng::with_seed(7), &original);
        let two = schema(&mut Rng::with_seed(7), &original);
        assert_eq!(one, two);
        let many: std::collections::HashSet<Vec<u8>> = (0..50)
            .map(|s| schema(&mut Rng::with_seed(s), &original))
            .collect();
        assert!(many.len() > 40, "mutations vary: {}", many.len());
    }

    #[test]
    fn a_duplicate_marker_becomes_a_repeated_key() {
        let tree = json!({"a": 1, "__fuzz_duplicate_1": 2});
        let bytes = to_bytes(
            &mut Rng::with_seed(1),
            &tree,
            Some(("__fuzz_duplicate_1".into(), "a".into())),
        );
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text.matches("\"a\"").count(), 2, "{text}");
    }
}
