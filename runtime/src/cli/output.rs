//! Printing a response as `--output` and `--query` ask, in the AWS CLI's formats.

use std::io::Write;

use serde::Serialize;
use serde_json::Value;

use super::CliError;

/// Prints `value` (the response of operation `title`) filtered by the JMESPath `query` and
/// formatted as `output` (`json` when not given, `text`, `table`, `yaml`, `yaml-stream`).
pub fn print(
    output: Option<&str>,
    query: Option<&str>,
    title: &str,
    value: Value,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let value = match query {
        Some(expression) => {
            let compiled =
                jmespath::compile(expression).map_err(|e| CliError::Query(e.to_string()))?;
            let found = compiled
                .search(&value)
                .map_err(|e| CliError::Query(e.to_string()))?;
            serde_json::to_value(&*found).expect("JMESPath results serialize")
        }
        None => value,
    };
    let text = match output.unwrap_or("json") {
        "yaml" => yaml(&value),
        "yaml-stream" => format!("---\n{}", yaml(&value)),
        "text" => text(&value),
        "table" => table(title, &value),
        _ => json(&value),
    };
    out.write_all(text.as_bytes()).map_err(CliError::Output)
}

fn yaml(value: &Value) -> String {
    serde_yaml_ng::to_string(value).expect("JSON values serialize as YAML")
}

/// JSON with the AWS CLI's four-space indent.
fn json(value: &Value) -> String {
    let mut buffer = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(
        &mut buffer,
        serde_json::ser::PrettyFormatter::with_indent(b"    "),
    );
    value
        .serialize(&mut serializer)
        .expect("JSON values serialize");
    String::from_utf8(buffer).expect("JSON is UTF-8") + "\n"
}

/// A scalar as the `text` format writes it (Python's spelling of null and booleans).
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Null => Some("None".into()),
        Value::Bool(b) => Some(if *b { "True" } else { "False" }.into()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The AWS CLI's `text` format: scalars of an object on one tab-separated line (keys in
/// sorted order), nested objects and lists on their own lines headed by the key in capitals.
fn text(value: &Value) -> String {
    let mut lines = Vec::new();
    walk(value, None, &mut lines);
    lines.iter().map(|l| format!("{l}\n")).collect()
}

fn walk(v: &Value, heading: Option<&str>, lines: &mut Vec<String>) {
    let headed = |scalars: Vec<String>| {
        let mut line: Vec<String> = heading.map(str::to_uppercase).into_iter().collect();
        line.extend(scalars);
        line.join("\t")
    };
    match v {
        Value::Object(members) => {
            let mut keys: Vec<&String> = members.keys().collect();
            keys.sort();
            let scalars: Vec<String> = keys.iter().filter_map(|k| scalar(&members[*k])).collect();
            if !scalars.is_empty() {
                lines.push(headed(scalars));
            }
            for k in keys {
                if scalar(&members[k]).is_none() {
                    walk(&members[k], Some(k), lines);
                }
            }
        }
        Value::Array(items) if items.iter().all(|i| scalar(i).is_some()) => {
            lines.push(headed(items.iter().filter_map(scalar).collect()));
        }
        Value::Array(items) => items.iter().for_each(|i| walk(i, heading, lines)),
        other => lines.extend(scalar(other)),
    }
}

/// The AWS CLI's `table` format: the operation as a title over a table of the members.
fn table(title: &str, value: &Value) -> String {
    let mut table = comfy_table::Table::new();
    table.load_preset(comfy_table::presets::ASCII_FULL_CONDENSED);
    let shown = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
            .collect::<Vec<_>>()
            .join("\n"),
        other => other.to_string(),
    };
    match value {
        Value::Object(members) => {
            for (key, v) in members {
                table.add_row(vec![key.clone(), shown(v)]);
            }
        }
        other => {
            table.add_row(vec![shown(other)]);
        }
    }
    let body = table.to_string();
    let width = body
        .lines()
        .next()
        .map_or(0, |l| l.chars().count())
        .max(title.chars().count() + 4);
    let inner = width - 2;
    format!("{}\n|{title:^inner$}|\n{body}\n", "-".repeat(width))
}
