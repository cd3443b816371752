//! The syntax blocks of an option: `JSON Syntax` (a JSON-like skeleton: placeholders instead of
//! values, `"A"|"B"` for enums, `...` for repetition, `{ ... recursive ... }`) and the `Syntax`
//! of a list of scalars. The skeleton is the only place a page shows how members nest.

use super::spec::{Member, Shape, ValueType};

/// Parses a JSON Syntax skeleton.
pub fn json_syntax(text: &str) -> Result<Shape, String> {
    let tokens = tokenize(text)?;
    let mut p = Parser { tokens, pos: 0 };
    let shape = p.value(0)?;
    if p.pos < p.tokens.len() {
        return Err(format!(
            "unexpected `{}` after the skeleton",
            p.tokens[p.pos]
        ));
    }
    Ok(shape)
}

/// Parses a list-of-scalars `Syntax` block: `"string" "string" ...`, `integer integer ...`,
/// optionally followed by `Where valid values are:` and one value per line.
pub fn list_syntax(lines: &[&str]) -> Result<Shape, String> {
    let first = lines
        .iter()
        .find(|l| !l.trim().is_empty())
        .ok_or("empty Syntax block")?;
    let word = first
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_matches('"');
    let ty = ValueType::parse(word)
        .ok_or_else(|| format!("unknown item type `{word}` in Syntax block"))?;
    let values = match lines
        .iter()
        .position(|l| l.trim() == "Where valid values are:")
    {
        Some(i) => lines[i + 1..]
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        None => Vec::new(),
    };
    Ok(Shape::List {
        item: Box::new(Shape::Scalar { ty, values }),
    })
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Punct(char),
    Str(String),
    Word(String),
    Ellipsis,
}

impl std::fmt::Display for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Token::Punct(c) => write!(f, "{c}"),
            Token::Str(s) => write!(f, "\"{s}\""),
            Token::Word(w) => f.write_str(w),
            Token::Ellipsis => f.write_str("..."),
        }
    }
}

fn tokenize(text: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            c if c.is_whitespace() => i += 1,
            '{' | '}' | '[' | ']' | ':' | ',' | '|' => {
                tokens.push(Token::Punct(c));
                i += 1;
            }
            '.' | '…' => {
                while i < chars.len() && (chars[i] == '.' || chars[i] == '…') {
                    i += 1;
                }
                tokens.push(Token::Ellipsis);
            }
            '"' => {
                let mut s = String::new();
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' && i + 1 < chars.len() {
                        i += 1;
                    }
                    s.push(chars[i]);
                    i += 1;
                }
                if i == chars.len() {
                    return Err("unterminated string in JSON Syntax".into());
                }
                i += 1;
                tokens.push(Token::Str(s));
            }
            c if c.is_alphanumeric() || c == '_' || c == '-' => {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '-')
                {
                    i += 1;
                }
                tokens.push(Token::Word(chars[start..i].iter().collect()));
            }
            other => return Err(format!("unexpected `{other}` in JSON Syntax")),
        }
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
}

/// Skeletons of real pages stay far below this; it only bounds hostile input.
const MAX_DEPTH: usize = 64;

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn eat(&mut self, t: &Token) -> bool {
        if self.peek() == Some(t) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: char) -> Result<(), String> {
        if self.eat(&Token::Punct(c)) {
            Ok(())
        } else {
            Err(match self.peek() {
                Some(t) => format!("expected `{c}`, found `{t}`"),
                None => format!("expected `{c}`, found the end of the block"),
            })
        }
    }

    fn value(&mut self, depth: usize) -> Result<Shape, String> {
        if depth > MAX_DEPTH {
            return Err("JSON Syntax nests too deeply".into());
        }
        match self.peek().cloned() {
            Some(Token::Punct('{')) => self.object(depth),
            Some(Token::Punct('[')) => {
                self.pos += 1;
                let item = match self.peek() {
                    Some(Token::Punct(']')) | Some(Token::Ellipsis) => Shape::Document,
                    _ => self.value(depth + 1)?,
                };
                self.eat(&Token::Punct(','));
                self.eat(&Token::Ellipsis);
                self.expect(']')?;
                Ok(Shape::List {
                    item: Box::new(item),
                })
            }
            Some(Token::Str(_) | Token::Word(_)) => self.scalar(),
            Some(t) => Err(format!("unexpected `{t}` where a value belongs")),
            None => Err("the JSON Syntax block ends where a value belongs".into()),
        }
    }

    fn alternatives(&mut self) -> Vec<Token> {
        let mut alts = Vec::new();
        while let Some(t @ (Token::Str(_) | Token::Word(_))) = self.peek().cloned() {
            alts.push(t);
            self.pos += 1;
            if !self.eat(&Token::Punct('|')) {
                break;
            }
        }
        alts
    }

    fn scalar(&mut self) -> Result<Shape, String> {
        let alts = self.alternatives();
        if let [Token::Str(s)] = &alts[..] {
            if s == "string" {
                return Ok(Shape::Scalar {
                    ty: ValueType::String,
                    values: Vec::new(),
                });
            }
        }
        if alts.iter().all(|t| matches!(t, Token::Str(_))) {
            let values = alts
                .iter()
                .map(|t| t.to_string().trim_matches('"').to_owned())
                .collect();
            return Ok(Shape::Scalar {
                ty: ValueType::String,
                values,
            });
        }
        let words: Vec<String> = alts.iter().map(ToString::to_string).collect();
        let ty = match words.join("|").as_str() {
            "true|false" => ValueType::Boolean,
            word => {
                ValueType::parse(word).ok_or_else(|| format!("unknown placeholder `{word}`"))?
            }
        };
        Ok(Shape::Scalar {
            ty,
            values: Vec::new(),
        })
    }

    fn object(&mut self, depth: usize) -> Result<Shape, String> {
        self.expect('{')?;
        if self.eat(&Token::Ellipsis) {
            let recursive = self.eat(&Token::Word("recursive".into()));
            self.eat(&Token::Ellipsis);
            self.expect('}')?;
            return Ok(if recursive {
                Shape::Recursive
            } else {
                Shape::Document
            });
        }
        let mut members = Vec::new();
        let mut map_value = None;
        while !self.eat(&Token::Punct('}')) {
            let keys = self.alternatives();
            if keys.is_empty() {
                return Err(match self.peek() {
                    Some(t) => format!("expected a member name, found `{t}`"),
                    None => "unclosed `{` in JSON Syntax".into(),
                });
            }
            self.expect(':')?;
            let shape = self.value(depth + 1)?;
            match &keys[..] {
                // `{"string": ...}` (or enum keys `"A"|"B"`) is a map, not a member named "string".
                [Token::Str(k)] if k != "string" => members.push(Member {
                    name: k.clone(),
                    shape,
                    description: String::new(),
                }),
                _ => map_value = Some(shape),
            }
            if !self.eat(&Token::Punct(',')) {
                self.eat(&Token::Ellipsis);
                if !matches!(self.peek(), Some(Token::Punct('}'))) && self.peek().is_some() {
                    // Tolerate missing commas between members, as some skeletons have.
                    continue;
                }
            }
            self.eat(&Token::Ellipsis);
        }
        Ok(match map_value {
            Some(value) if members.is_empty() => Shape::Map {
                value: Box::new(value),
            },
            _ => Shape::Structure { members },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(ty: ValueType) -> Shape {
        Shape::Scalar { ty, values: vec![] }
    }

    #[test]
    fn structures_lists_maps_enums_and_recursion() {
        let skeleton = r#"{
  "Name": "string",
  "Count": integer,
  "On": true|false,
  "Kind": "A"|"B",
  "Tags": [
    {
      "key": "string"
    }
    ...
  ],
  "Attrs": {"string": { ... recursive ... }
    ...},
  "Doc": {...}
}"#;
        let Shape::Structure { members } = json_syntax(skeleton).unwrap() else {
            panic!()
        };
        let names: Vec<_> = members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(
            names,
            ["Name", "Count", "On", "Kind", "Tags", "Attrs", "Doc"]
        );
        assert_eq!(members[1].shape, s(ValueType::Integer));
        assert_eq!(members[2].shape, s(ValueType::Boolean));
        assert_eq!(
            members[3].shape,
            Shape::Scalar {
                ty: ValueType::String,
                values: vec!["A".into(), "B".into()]
            }
        );
        let Shape::List { item } = &members[4].shape else {
            panic!()
        };
        assert!(matches!(**item, Shape::Structure { .. }));
        assert_eq!(
            members[5].shape,
            Shape::Map {
                value: Box::new(Shape::Recursive)
            }
        );
        assert_eq!(members[6].shape, Shape::Document);
    }

    #[test]
    fn list_of_scalars() {
        assert_eq!(
            list_syntax(&["\"string\" \"string\" ..."]).unwrap(),
            Shape::List {
                item: Box::new(s(ValueType::String))
            }
        );
        let block = [
            "\"string\" \"string\" ...",
            "",
            "Where valid values are:",
            "  Sum",
            "  Average",
        ];
        let Shape::List { item } = list_syntax(&block).unwrap() else {
            panic!()
        };
        assert_eq!(
            *item,
            Shape::Scalar {
                ty: ValueType::String,
                values: vec!["Sum".into(), "Average".into()]
            }
        );
    }

    #[test]
    fn malformed_skeletons_are_errors() {
        for bad in [
            "{",
            "{\"a\" \"string\"}",
            "[",
            "{\"a\": }",
            "@",
            "{\"a\": nope}",
        ] {
            assert!(json_syntax(bad).is_err(), "{bad}");
        }
    }
}
