//! Option values read as the AWS CLI reads them: `file://` (text) and `fileb://` (bytes) on any
//! value, JSON or shorthand for structures and maps, JSON only for documents, lists as
//! space-separated values or one JSON array. Malformed text is an error naming the option.

use serde_json::Value;

use super::{shorthand, CliError, Shorthand};

/// What an option's text becomes in the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param {
    /// A JSON string: strings, enums, timestamps and the schema's string-encoded types.
    Text,
    /// A JSON integer.
    Integer,
    /// A JSON number.
    Number,
    /// Base64 text; with `fileb://`, the file's bytes encoded.
    Blob,
    /// A structure or a map: JSON (text starting with `{`) or shorthand (`a=1,b=x`), whose
    /// scalars convert as the model says.
    Structure(Shorthand),
    /// Any JSON value.
    Json,
}

/// The text of an option's value, or the bytes a `fileb://` names.
enum Loaded {
    Text(String),
    Bytes(Vec<u8>),
}

fn invalid(option: &'static str, message: impl Into<String>) -> CliError {
    CliError::InvalidParameter {
        option,
        message: message.into(),
    }
}

fn load(option: &'static str, text: &str) -> Result<Loaded, CliError> {
    let unable = |path: &str, e: std::io::Error| {
        invalid(option, format!("Unable to load paramfile {path}: {e}"))
    };
    if let Some(path) = text.strip_prefix("fileb://") {
        return std::fs::read(path)
            .map(Loaded::Bytes)
            .map_err(|e| unable(text, e));
    }
    if let Some(path) = text.strip_prefix("file://") {
        return std::fs::read_to_string(path)
            .map(Loaded::Text)
            .map_err(|e| unable(text, e));
    }
    Ok(Loaded::Text(text.to_owned()))
}

/// The request value of option `option` (with its dashes) given as `text`.
pub fn value(option: &'static str, kind: Param, text: &str) -> Result<Value, CliError> {
    let text = match load(option, text)? {
        Loaded::Bytes(bytes) if kind == Param::Blob => {
            return Ok(Value::String(data_encoding::BASE64.encode(&bytes)))
        }
        Loaded::Bytes(bytes) => String::from_utf8(bytes)
            .map_err(|_| invalid(option, "the file holds bytes that are not UTF-8 text"))?,
        Loaded::Text(text) => text,
    };
    parse(option, kind, &text)
}

fn parse(option: &'static str, kind: Param, text: &str) -> Result<Value, CliError> {
    match kind {
        Param::Text | Param::Blob => Ok(Value::String(text.to_owned())),
        Param::Integer => text
            .trim()
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| invalid(option, format!("expected an integer, found '{text}'"))),
        Param::Number => text
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| invalid(option, format!("expected a number, found '{text}'"))),
        Param::Structure(model) if !text.trim_start().starts_with('{') => {
            let mut value = shorthand::parse(text)
                .map_err(|e| invalid(option, format!("Invalid shorthand: {e}")))?;
            model.convert(&mut value).map_err(|e| invalid(option, e))?;
            Ok(value)
        }
        Param::Structure(_) | Param::Json => json(option, text),
    }
}

fn json(option: &'static str, text: &str) -> Result<Value, CliError> {
    serde_json::from_str(text)
        .map_err(|e| invalid(option, format!("Invalid JSON: {e}\nJSON received: {text}")))
}

/// The request value of a list option given as `values` (space-separated on the command
/// line): one value that is a JSON array (`'["a","b"]'`, inline or in a file) is the list;
/// otherwise each value is an item of kind `item`.
pub fn list(option: &'static str, item: Param, values: &[String]) -> Result<Value, CliError> {
    if let [only] = values {
        if let Loaded::Text(text) = load(option, only)? {
            if text.trim_start().starts_with('[') {
                return match json(option, &text)? {
                    list @ Value::Array(_) => Ok(list),
                    _ => Err(invalid(option, "expected a JSON array")),
                };
            }
        }
    }
    values
        .iter()
        .map(|v| value(option, item, v))
        .collect::<Result<Vec<_>, _>>()
        .map(Value::Array)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn scalars_by_kind() {
        assert_eq!(value("--a", Param::Text, "10").unwrap(), json!("10"));
        assert_eq!(value("--a", Param::Integer, " 10").unwrap(), json!(10));
        assert_eq!(value("--a", Param::Number, "2.5").unwrap(), json!(2.5));
        let e = value("--count", Param::Integer, "ten").unwrap_err();
        assert_eq!(
            e.to_string(),
            "Error parsing parameter '--count': expected an integer, found 'ten'"
        );
    }

    #[test]
    fn structures_are_json_or_shorthand() {
        let text = Param::Structure(Shorthand::Text);
        assert_eq!(value("--p", text, "{\"a\": 1}").unwrap(), json!({"a": 1}));
        assert_eq!(
            value("--p", text, "a=1,b=x").unwrap(),
            json!({"a": "1", "b": "x"})
        );
        assert!(value("--p", Param::Json, "a=1")
            .unwrap_err()
            .to_string()
            .starts_with("Error parsing parameter '--p': Invalid JSON"));
    }

    #[test]
    fn shorthand_scalars_convert_as_the_model_says_and_json_is_taken_as_written() {
        let typed = Param::Structure(Shorthand::Structure(&[("a", Shorthand::Integer)]));
        assert_eq!(
            value("--p", typed, "a=1,b=2").unwrap(),
            json!({"a": 1, "b": "2"})
        );
        assert_eq!(
            value("--p", typed, "{\"a\": \"1\"}").unwrap(),
            json!({"a": "1"})
        );
        assert_eq!(
            value("--p", typed, "a=one").unwrap_err().to_string(),
            "Error parsing parameter '--p': expected an integer for a, found 'one'"
        );
    }

    #[test]
    fn lists_are_values_or_one_json_array() {
        assert_eq!(
            list("--s", Param::Text, &strings(&["s1", "s2"])).unwrap(),
            json!(["s1", "s2"])
        );
        assert_eq!(
            list("--s", Param::Text, &strings(&["[\"s1\",\"s2\"]"])).unwrap(),
            json!(["s1", "s2"])
        );
        assert_eq!(
            list("--n", Param::Integer, &strings(&["1", "2"])).unwrap(),
            json!([1, 2])
        );
        assert!(list("--s", Param::Text, &strings(&["[\"s1\""])).is_err());
    }

    #[test]
    fn files_are_read_as_text_or_bytes() {
        let dir = std::env::temp_dir().join(format!("jstruct-params-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("id.txt");
        std::fs::write(&file, "dp-1").unwrap();
        let url = format!("file://{}", file.display());
        assert_eq!(value("--id", Param::Text, &url).unwrap(), json!("dp-1"));
        let bytes = format!("fileb://{}", file.display());
        assert_eq!(
            value("--b", Param::Blob, &bytes).unwrap(),
            json!("ZHAtMQ==")
        );
        std::fs::write(&file, "[\"a\"]").unwrap();
        assert_eq!(list("--l", Param::Text, &[url]).unwrap(), json!(["a"]));
        let missing = value("--id", Param::Text, "file:///no/such/file").unwrap_err();
        assert!(
            missing.to_string().starts_with(
                "Error parsing parameter '--id': Unable to load paramfile file:///no/such/file"
            ),
            "{missing}"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
