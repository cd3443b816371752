//! The synthetic schema of the codegen benchmark, in JSON Structure and as the equivalent JSON
//! Schema, for any number of definitions; deterministic (the same bytes on every machine).
//!
//! Definition `i` (`T00000`, `T00001`, ...) is an object with: a required `id` (string,
//! `maxLength` 64); `name` (string, `maxLength` 200); `count` (int32, 0..=1,000,000); `score`
//! (double); `active` (boolean, default `true`); `tags` (array of strings); one of `status`
//! (enum), `total` (int64), `labels` (map of strings), `updated` (datetime) in rotation; from
//! `i = 1` a `parent` reference to `i - 1` (so the reference chain is `n - 1` types deep); from
//! `i = 2` a `related` reference to `i / 2` (a DAG); and every 50th type a list of itself
//! (`children`, self-reference).

use serde_json::{json, Map, Value};

fn name(i: usize) -> String {
    format!("T{i:05}")
}

/// One member of a definition, in both languages.
struct Member {
    name: &'static str,
    structure: Value,
    schema: Value,
}

fn members(i: usize, structure_ref: &dyn Fn(usize) -> Value) -> Vec<Member> {
    let schema_ref = |j: usize| json!({ "$ref": format!("#/definitions/{}", name(j)) });
    let mut m = vec![
        Member {
            name: "id",
            structure: json!({"type": "string", "maxLength": 64}),
            schema: json!({"type": "string", "maxLength": 64}),
        },
        Member {
            name: "name",
            structure: json!({"type": "string", "maxLength": 200, "description": "A display name."}),
            schema: json!({"type": "string", "maxLength": 200, "description": "A display name."}),
        },
        Member {
            name: "count",
            structure: json!({"type": "int32", "minimum": 0, "maximum": 1_000_000}),
            schema: json!({"type": "integer", "format": "int32", "minimum": 0, "maximum": 1_000_000}),
        },
        Member {
            name: "score",
            structure: json!({"type": "double"}),
            schema: json!({"type": "number", "format": "double"}),
        },
        Member {
            name: "active",
            structure: json!({"type": "boolean", "default": true}),
            schema: json!({"type": "boolean", "default": true}),
        },
        Member {
            name: "tags",
            structure: json!({"type": "array", "items": {"type": "string"}}),
            schema: json!({"type": "array", "items": {"type": "string"}}),
        },
    ];
    m.push(match i % 4 {
        0 => Member {
            name: "status",
            structure: json!({"type": "string", "enum": ["active", "inactive", "pending"]}),
            schema: json!({"type": "string", "enum": ["active", "inactive", "pending"]}),
        },
        1 => Member {
            name: "total",
            structure: json!({"type": "int64"}),
            schema: json!({"type": "integer", "format": "int64"}),
        },
        2 => Member {
            name: "labels",
            structure: json!({"type": "map", "values": {"type": "string"}}),
            schema: json!({"type": "object", "additionalProperties": {"type": "string"}}),
        },
        _ => Member {
            name: "updated",
            structure: json!({"type": "datetime"}),
            schema: json!({"type": "string", "format": "date-time"}),
        },
    });
    if i >= 1 {
        m.push(Member {
            name: "parent",
            structure: structure_ref(i - 1),
            schema: schema_ref(i - 1),
        });
    }
    if i >= 2 {
        m.push(Member {
            name: "related",
            structure: structure_ref(i / 2),
            schema: schema_ref(i / 2),
        });
    }
    if i % 50 == 0 {
        m.push(Member {
            name: "children",
            structure: json!({"type": "array", "items": structure_ref(i)}),
            schema: json!({"type": "array", "items": schema_ref(i)}),
        });
    }
    m
}

/// The JSON Structure schema and the equivalent JSON Schema (draft 7) with `n` definitions.
pub fn schemas(n: usize) -> (String, String) {
    let structure_ref =
        |j: usize| json!({ "type": { "$ref": format!("#/definitions/{}", name(j)) } });
    let mut structure_defs = Map::new();
    let mut schema_defs = Map::new();
    for i in 0..n {
        let (mut sp, mut jp) = (Map::new(), Map::new());
        for m in members(i, &structure_ref) {
            sp.insert(m.name.into(), m.structure);
            jp.insert(m.name.into(), m.schema);
        }
        let description = format!("Synthetic definition {i}.");
        structure_defs.insert(
            name(i),
            json!({"type": "object", "description": description, "properties": sp, "required": ["id"]}),
        );
        schema_defs.insert(
            name(i),
            json!({"type": "object", "description": description, "properties": jp, "required": ["id"]}),
        );
    }
    let structure = json!({
        "$schema": "https://json-structure.org/meta/validation/v0/#",
        "$id": format!("https://example.com/bench/synthetic-{n}"),
        "name": "Synthetic",
        "$uses": ["JSONStructureValidation"],
        "definitions": structure_defs,
    });
    let schema = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Synthetic",
        "definitions": schema_defs,
    });
    let text = |v: &Value| serde_json::to_string_pretty(v).expect("values serialize") + "\n";
    (text(&structure), text(&schema))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_declare_the_same_members_and_references() {
        let (structure, schema) = schemas(101);
        let (s, j): (Value, Value) = (
            serde_json::from_str(&structure).unwrap(),
            serde_json::from_str(&schema).unwrap(),
        );
        let defs = |v: &Value| v["definitions"].as_object().unwrap().clone();
        assert_eq!(defs(&s).len(), 101);
        for (name, def) in defs(&s) {
            let theirs = &defs(&j)[&name];
            let keys = |d: &Value| {
                d["properties"]
                    .as_object()
                    .unwrap()
                    .keys()
                    .cloned()
                    .collect::<Vec<_>>()
            };
            assert_eq!(keys(&def), keys(theirs), "{name}");
        }
        assert_eq!(
            s["definitions"]["T00100"]["properties"]["parent"]["type"]["$ref"],
            "#/definitions/T00099"
        );
        assert_eq!(
            j["definitions"]["T00100"]["properties"]["children"]["items"]["$ref"],
            "#/definitions/T00100"
        );
        assert_eq!(schemas(101), (structure, schema), "deterministic");
    }
}
