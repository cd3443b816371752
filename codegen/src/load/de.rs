//! Reading a spanned tree as any `Deserialize` type, so the generated schema-document types read
//! the loaded (and repaired) document itself, not a copy without positions: an error names the
//! pointer and span of the innermost node that did not fit, for a diagnostic with file:line:col.

use std::fmt;

use serde::de::{
    self, DeserializeSeed, EnumAccess, IntoDeserializer, MapAccess, SeqAccess, VariantAccess,
    Visitor,
};

use super::json::{Kind, Member, Node};
use crate::diag::Span;

/// Reads `node` as a `T`.
pub fn from_node<'de, T: de::Deserialize<'de>>(node: &'de Node) -> Result<T, Error> {
    T::deserialize(node)
}

/// Why a node does not read as the type asked for, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    pub message: String,
    /// The innermost node the failure is known at: its pointer and the span a diagnostic
    /// underlines ([`Node::head`]). Unset only while the error travels up to its node.
    pub at: Option<(String, Span)>,
}

impl Error {
    /// Places the error at `node` unless a node below it already claimed it.
    fn at(mut self, node: &Node) -> Self {
        if self.at.is_none() {
            self.at = Some((node.pointer.clone(), node.head()));
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.at {
            Some((pointer, _)) if !pointer.is_empty() => write!(f, "{pointer}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error {
            message: msg.to_string(),
            at: None,
        }
    }
}

/// A number as serde_json reads it: an integer that fits `u64` or `i64` as that, anything else
/// (a fraction, an exponent, an integer beyond 64 bits) as `f64`.
enum Number {
    Unsigned(u64),
    Signed(i64),
    Float(f64),
}

fn number(raw: &str) -> Number {
    if !raw.contains(['.', 'e', 'E']) {
        if let Ok(n) = raw.parse() {
            return Number::Unsigned(n);
        }
        if let Ok(n) = raw.parse() {
            return Number::Signed(n);
        }
    }
    // The loader accepted `raw` as a JSON number, which Rust's float syntax includes.
    Number::Float(raw.parse().unwrap_or(f64::NAN))
}

impl<'de> de::Deserializer<'de> for &'de Node {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let value = match &self.kind {
            Kind::Null => visitor.visit_unit(),
            Kind::Bool(b) => visitor.visit_bool(*b),
            Kind::Number(raw) => match number(raw) {
                Number::Unsigned(n) => visitor.visit_u64(n),
                Number::Signed(n) => visitor.visit_i64(n),
                Number::Float(n) => visitor.visit_f64(n),
            },
            Kind::String(s) => visitor.visit_borrowed_str(s),
            Kind::Array(items) => visitor.visit_seq(Items {
                items: items.iter(),
            }),
            Kind::Object(members) => visitor.visit_map(Members {
                members: members.iter(),
                value: None,
            }),
        };
        value.map_err(|e| e.at(self))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.kind {
            Kind::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
        .map_err(|e| e.at(self))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self).map_err(|e| e.at(self))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let value = match &self.kind {
            // A unit variant is its name; any other is an object of one member, name → content.
            Kind::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            Kind::Object(members) if members.len() == 1 => visitor.visit_enum(Variant {
                member: &members[0],
            }),
            _ => Err(de::Error::invalid_type(unexpected(self), &visitor)),
        };
        value.map_err(|e| e.at(self))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct seq tuple tuple_struct map struct identifier
    }
}

/// What a node is, in serde's words, for "invalid type" messages.
fn unexpected(node: &Node) -> de::Unexpected<'_> {
    match &node.kind {
        Kind::Null => de::Unexpected::Unit,
        Kind::Bool(b) => de::Unexpected::Bool(*b),
        Kind::Number(raw) => match number(raw) {
            Number::Unsigned(n) => de::Unexpected::Unsigned(n),
            Number::Signed(n) => de::Unexpected::Signed(n),
            Number::Float(n) => de::Unexpected::Float(n),
        },
        Kind::String(s) => de::Unexpected::Str(s),
        Kind::Array(_) => de::Unexpected::Seq,
        Kind::Object(_) => de::Unexpected::Map,
    }
}

struct Items<'de> {
    items: std::slice::Iter<'de, Node>,
}

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.items
            .next()
            .map(|item| seed.deserialize(item).map_err(|e| e.at(item)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Members<'de> {
    members: std::slice::Iter<'de, Member>,
    /// The member whose key was just read.
    value: Option<&'de Node>,
}

impl<'de> MapAccess<'de> for Members<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(member) = self.members.next() else {
            return Ok(None);
        };
        self.value = Some(&member.value);
        let key: de::value::BorrowedStrDeserializer<'de, Error> =
            de::value::BorrowedStrDeserializer::new(&member.key);
        seed.deserialize(key).map(Some).map_err(|mut e| {
            // A key the type does not take is the key's fault, wherever its value is.
            e.at.get_or_insert((member.value.pointer.clone(), member.key_span));
            e
        })
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let node = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("a map value was asked for before its key"))?;
        seed.deserialize(node).map_err(|e| e.at(node))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.members.len())
    }
}

struct Variant<'de> {
    member: &'de Member,
}

impl<'de> EnumAccess<'de> for Variant<'de> {
    type Error = Error;
    type Variant = &'de Node;

    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, &'de Node), Error> {
        let name: de::value::BorrowedStrDeserializer<'de, Error> =
            de::value::BorrowedStrDeserializer::new(&self.member.key);
        let value = seed.deserialize(name)?;
        Ok((value, &self.member.value))
    }
}

impl<'de> VariantAccess<'de> for &'de Node {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    use super::*;
    use crate::load::json::parse;

    fn tree(text: &str) -> Node {
        parse(text, 0).expect("valid JSON").0
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Limits {
        max_length: Option<u32>,
        #[serde(default)]
        tags: Vec<String>,
        kind: Kind2,
        #[serde(default)]
        nested: BTreeMap<String, Limits>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Kind2 {
        Short,
        Long,
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let text = r#"{"maxLength": 12, "tags": ["a", "b"], "kind": "short",
            "nested": {"x": {"kind": "long", "maxLength": null}}}"#;
        let from_tree: Limits = from_node(&tree(text)).unwrap();
        let from_text: Limits = serde_json::from_str(text).unwrap();
        assert_eq!(from_tree, from_text);
        assert_eq!(from_tree.nested["x"].kind, Kind2::Long);

        // Numbers take the type serde_json gives them: beyond 64 bits, a float.
        let any: serde_json::Value =
            from_node(&tree(r#"[1, -2, 2.5, 1e3, 18446744073709551616]"#)).unwrap();
        assert_eq!(
            any,
            serde_json::json!([1, -2, 2.5, 1000.0, 18446744073709551616.0])
        );
    }

    #[test]
    fn an_error_names_the_innermost_node() {
        let text =
            "{\"kind\": \"short\",\n \"nested\": {\"x\": {\"kind\": \"long\", \"maxLength\": -3}}}";
        let e = from_node::<Limits>(&tree(text)).unwrap_err();
        let (pointer, span) = e.at.clone().unwrap();
        assert_eq!(pointer, "/nested/x/maxLength");
        assert_eq!(&text[span.start..span.end], "-3");
        assert!(e.message.contains("invalid value: integer `-3`"), "{e}");

        // A key the type does not take: underlined at the key.
        let text = r#"{"kind": "long", "maxLenght": 3}"#;
        let e = from_node::<Limits>(&tree(text)).unwrap_err();
        let (pointer, span) = e.at.clone().unwrap();
        assert_eq!(pointer, "/maxLenght");
        assert_eq!(&text[span.start..span.end], "\"maxLenght\"");

        // A missing field is the object's fault.
        let e = from_node::<Limits>(&tree(r#"{"nested": {"y": {}}}"#)).unwrap_err();
        assert_eq!(e.at.unwrap().0, "/nested/y");
        assert_eq!(e.message, "missing field `kind`");

        let e = from_node::<Limits>(&tree(r#"{"kind": "medium"}"#)).unwrap_err();
        assert_eq!(e.at.unwrap().0, "/kind");
    }

    #[test]
    fn enums_read_as_names_or_one_member_objects() {
        #[derive(Debug, PartialEq, Deserialize)]
        enum Shape {
            Dot,
            Circle(f64),
            Rect { w: u8, h: u8 },
        }
        let shapes: Vec<Shape> = from_node(&tree(
            r#"["Dot", {"Circle": 1.5}, {"Rect": {"w": 2, "h": 3}}]"#,
        ))
        .unwrap();
        assert_eq!(
            shapes,
            [Shape::Dot, Shape::Circle(1.5), Shape::Rect { w: 2, h: 3 }]
        );
        let e =
            from_node::<Vec<Shape>>(&tree(r#"["Dot", {"Rect": {"w": 2, "h": 300}}]"#)).unwrap_err();
        assert_eq!(e.at.unwrap().0, "/1/Rect/h");
    }
}
