//! The HTTP request of a command, laid out as the AWS CLI lays out a restJson1 request: members
//! named in the path template go into the path, the others into a JSON body (POST, PUT, PATCH)
//! or the query string (GET, DELETE, HEAD), percent-encoded, in the page's option order. The
//! body is written byte for byte as the AWS CLI (Python's `json.dumps`) writes it.

use std::fmt::{self, Write as _};

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{Map, Value};

/// How a command's request goes on the wire: the `http` line of its `[[crate.command]]`.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The API operation (`StartMLDataProcessingJob`), as error messages name it.
    pub operation: &'static str,
    /// `GET`, `POST`, `PUT`, `PATCH`, `DELETE` or `HEAD`.
    pub method: &'static str,
    /// The path template: `{member}` segments take the member's value.
    pub path: &'static str,
    /// The request's members in the page's option order: the order they go on the wire (a
    /// member named twice, as a switch and its `--no-` flag name theirs, goes once, at its first
    /// place).
    pub members: &'static [&'static str],
}

/// A request ready to be signed and sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The binding's method.
    pub method: &'static str,
    /// The path with its members filled in, percent-encoded.
    pub path: String,
    /// Name and value pairs, percent-encoded, in wire order.
    pub query: Vec<(String, String)>,
    /// The JSON body of the methods that have one.
    pub body: Option<Vec<u8>>,
}

/// RFC 3986's unreserved characters are the only ones left as they are (as botocore does).
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

fn encode(text: &str) -> String {
    utf8_percent_encode(text, UNRESERVED).to_string()
}

impl Binding {
    fn has_body(&self) -> bool {
        matches!(self.method, "POST" | "PUT" | "PATCH")
    }

    /// The request of `members` (the document as the user gave it: nothing added).
    pub fn request(&self, members: &Map<String, Value>) -> HttpRequest {
        let mut in_path = Vec::new();
        let mut path = String::new();
        let mut rest = self.path;
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
            path.push_str(&rest[..open]);
            let name = &rest[open + 1..close];
            if let Some(value) = members.get(name) {
                path.push_str(&encode(&scalar_text(value)));
            }
            in_path.push(name);
            rest = rest.get(close + 1..).unwrap_or("");
        }
        path.push_str(rest);
        let ordered = self.ordered(members, &in_path);
        if self.has_body() {
            let body: Map<String, Value> = ordered
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.clone()))
                .collect();
            let mut text = String::new();
            python_json(&Value::Object(body), &mut text);
            return HttpRequest {
                method: self.method,
                path,
                query: Vec::new(),
                body: Some(text.into_bytes()),
            };
        }
        let mut query = Vec::new();
        for (name, value) in ordered {
            match value {
                Value::Array(items) => {
                    for item in items {
                        query.push((encode(name), encode(&scalar_text(item))));
                    }
                }
                value => query.push((encode(name), encode(&scalar_text(value)))),
            }
        }
        HttpRequest {
            method: self.method,
            path,
            query,
            body: None,
        }
    }

    /// Members outside the path: those the page has in its order, then any others (from
    /// `--cli-input-json`) as given.
    fn ordered<'a>(
        &self,
        members: &'a Map<String, Value>,
        in_path: &[&str],
    ) -> Vec<(&'a str, &'a Value)> {
        let known = self
            .members
            .iter()
            .enumerate()
            .filter(|&(i, name)| !self.members[..i].contains(name))
            .filter_map(|(_, name)| members.get_key_value(*name));
        let others = members
            .iter()
            .filter(|(name, _)| !self.members.contains(&name.as_str()));
        known
            .chain(others)
            .filter(|(name, _)| !in_path.contains(&name.as_str()))
            .map(|(k, v)| (k.as_str(), v))
            .collect()
    }
}

/// A value in a path or a query string: strings as they are, others as JSON writes them.
fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl HttpRequest {
    /// The path and, when there is one, the query string.
    pub fn path_and_query(&self) -> String {
        let mut text = self.path.clone();
        for (i, (name, value)) in self.query.iter().enumerate() {
            text.push(if i == 0 { '?' } else { '&' });
            let _ = write!(text, "{name}={value}");
        }
        text
    }

    /// The `Content-Type` of the body, when there is one.
    pub fn content_type(&self) -> Option<&'static str> {
        self.body.as_ref().map(|_| "application/json")
    }
}

impl fmt::Display for HttpRequest {
    /// The request as `--print-request` shows it: the request line, the content type, the body.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} {}", self.method, self.path_and_query())?;
        if let (Some(kind), Some(body)) = (self.content_type(), &self.body) {
            writeln!(f, "Content-Type: {kind}")?;
            writeln!(f)?;
            writeln!(f, "{}", String::from_utf8_lossy(body))?;
        }
        Ok(())
    }
}

/// JSON as Python's `json.dumps` writes it with its defaults (what the AWS CLI sends):
/// `", "` and `": "` separators, every character outside ASCII escaped as `\uXXXX`.
pub fn python_json(value: &Value, out: &mut String) {
    match value {
        Value::Object(members) => {
            out.push('{');
            for (i, (name, value)) in members.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                python_string(name, out);
                out.push_str(": ");
                python_json(value, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                python_json(item, out);
            }
            out.push(']');
        }
        Value::String(text) => python_string(text, out),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Null => out.push_str("null"),
        Value::Number(n) => out.push_str(&n.to_string()),
    }
}

fn python_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn members(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(m) => m,
            _ => unreachable!(),
        }
    }

    const START: Binding = Binding {
        operation: "StartMLDataProcessingJob",
        method: "POST",
        path: "/ml/dataprocessing",
        members: &[
            "id",
            "inputDataS3Location",
            "processingInstanceVolumeSizeInGB",
            "subnets",
        ],
    };

    #[test]
    fn the_body_holds_the_members_given_in_page_order_as_python_writes_them() {
        let given = members(
            json!({"subnets": ["s1", "s2"], "id": "dp-1", "extra": true, "processingInstanceVolumeSizeInGB": 10}),
        );
        let request = START.request(&given);
        assert_eq!(request.path_and_query(), "/ml/dataprocessing");
        assert_eq!(
            String::from_utf8(request.body.unwrap()).unwrap(),
            r#"{"id": "dp-1", "processingInstanceVolumeSizeInGB": 10, "subnets": ["s1", "s2"], "extra": true}"#
        );
    }

    #[test]
    fn an_empty_body_is_an_empty_object() {
        let request = START.request(&Map::new());
        assert_eq!(request.body.as_deref(), Some(&b"{}"[..]));
    }

    #[test]
    fn path_members_leave_the_query_and_everything_is_percent_encoded_once() {
        let cancel = Binding {
            operation: "CancelMLDataProcessingJob",
            method: "DELETE",
            path: "/ml/dataprocessing/{id}",
            members: &["id", "neptuneIamRoleArn", "clean", "clean"],
        };
        let given = members(
            json!({"clean": true, "id": "dp 1/x", "neptuneIamRoleArn": "arn:aws:iam::123456789012:role/r"}),
        );
        let request = cancel.request(&given);
        assert_eq!(request.body, None);
        assert_eq!(
            request.path_and_query(),
            "/ml/dataprocessing/dp%201%2Fx?neptuneIamRoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fr&clean=true"
        );
    }

    #[test]
    fn list_members_repeat_in_the_query() {
        let list = Binding {
            operation: "L",
            method: "GET",
            path: "/x",
            members: &["a", "n"],
        };
        let request = list.request(&members(json!({"n": 5, "a": ["p", "q"]})));
        assert_eq!(request.path_and_query(), "/x?a=p&a=q&n=5");
    }

    #[test]
    fn python_escapes_everything_outside_ascii() {
        let mut out = String::new();
        python_json(
            &json!({"a": "é\u{1F600}\"\\\n\u{1}", "b": [1, null, false]}),
            &mut out,
        );
        assert_eq!(
            out,
            r#"{"a": "\u00e9\ud83d\ude00\"\\\n\u0001", "b": [1, null, false]}"#
        );
    }
}
