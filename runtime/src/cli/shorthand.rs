//! The AWS CLI's shorthand syntax for structures and maps: `a=1,b=x`, nested `a={b=c}`, lists
//! `a=[x,y]` or `a=x,y`, quoted values `a='x,y'`. Every scalar is a string, as in the AWS CLI
//! before it applies the model: the request's typed check says which member needs another type.

use serde_json::{Map, Value};

/// Parses one shorthand structure (the text of an option's value).
pub fn parse(text: &str) -> Result<Value, String> {
    let mut parser = Parser {
        chars: text.char_indices().collect(),
        at: 0,
        text,
    };
    let members = parser.members(None)?;
    parser.skip_space();
    match parser.peek() {
        None => Ok(Value::Object(members)),
        Some(c) => Err(parser.unexpected(&format!("unexpected '{c}'"))),
    }
}

struct Parser<'a> {
    chars: Vec<(usize, char)>,
    at: usize,
    text: &'a str,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).map(|&(_, c)| c)
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
    }

    fn offset(&self) -> usize {
        self.chars.get(self.at).map_or(self.text.len(), |&(i, _)| i)
    }

    fn unexpected(&self, what: &str) -> String {
        format!(
            "{what} at position {} of shorthand `{}`",
            self.offset(),
            self.text
        )
    }

    /// `key=value` pairs separated by commas, up to `close` (or the end).
    fn members(&mut self, close: Option<char>) -> Result<Map<String, Value>, String> {
        let mut members = Map::new();
        self.skip_space();
        if self.peek() == close {
            return Ok(members);
        }
        loop {
            let key = self.key()?;
            let value = self.values()?;
            members.insert(key, value);
            self.skip_space();
            match self.peek() {
                Some(',') => self.at += 1,
                c if c == close => return Ok(members),
                Some(c) => return Err(self.unexpected(&format!("expected ',' but found '{c}'"))),
                None => return Err(self.unexpected("unexpected end")),
            }
        }
    }

    fn key(&mut self) -> Result<String, String> {
        self.skip_space();
        let start = self.at;
        while self
            .peek()
            .is_some_and(|c| !matches!(c, '=' | ',' | '[' | ']' | '{' | '}'))
        {
            self.at += 1;
        }
        let key: String = self.chars[start..self.at].iter().map(|&(_, c)| c).collect();
        let key = key.trim().to_owned();
        if key.is_empty() || self.peek() != Some('=') {
            return Err(self.unexpected("expected a key followed by '='"));
        }
        self.at += 1;
        Ok(key)
    }

    /// A key's value; bare values that follow it after commas without a key of their own
    /// (`a=x,y,b=z`) make it a list.
    fn values(&mut self) -> Result<Value, String> {
        let first = self.value()?;
        let mut list = vec![first];
        while self.peek() == Some(',') && !self.key_follows() {
            self.at += 1;
            self.skip_space();
            if matches!(self.peek(), None | Some(',' | ']' | '}')) {
                return Err(self.unexpected("expected a value after ','"));
            }
            list.push(self.value()?);
        }
        Ok(if list.len() == 1 {
            list.pop().expect("one value")
        } else {
            Value::Array(list)
        })
    }

    /// Whether the text after the comma at the cursor is `key=`.
    fn key_follows(&self) -> bool {
        let rest = self.chars[self.at + 1..].iter().map(|&(_, c)| c);
        for c in rest {
            match c {
                '=' => return true,
                ',' | '[' | ']' | '{' | '}' | '\'' | '"' => return false,
                _ => {}
            }
        }
        false
    }

    fn value(&mut self) -> Result<Value, String> {
        self.skip_space();
        match self.peek() {
            Some('{') => {
                self.at += 1;
                let members = self.members(Some('}'))?;
                self.at += 1;
                Ok(Value::Object(members))
            }
            Some('[') => {
                self.at += 1;
                let mut items = Vec::new();
                self.skip_space();
                if self.peek() == Some(']') {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                loop {
                    items.push(self.value()?);
                    self.skip_space();
                    match self.peek() {
                        Some(',') => self.at += 1,
                        Some(']') => {
                            self.at += 1;
                            return Ok(Value::Array(items));
                        }
                        _ => return Err(self.unexpected("expected ',' or ']'")),
                    }
                }
            }
            Some(quote @ ('\'' | '"')) => {
                self.at += 1;
                let start = self.at;
                while self.peek().is_some_and(|c| c != quote) {
                    self.at += 1;
                }
                if self.peek().is_none() {
                    return Err(self.unexpected("unterminated quote"));
                }
                let text: String = self.chars[start..self.at].iter().map(|&(_, c)| c).collect();
                self.at += 1;
                Ok(Value::String(text))
            }
            _ => {
                let start = self.at;
                while self.peek().is_some_and(|c| !matches!(c, ',' | ']' | '}')) {
                    self.at += 1;
                }
                let text: String = self.chars[start..self.at].iter().map(|&(_, c)| c).collect();
                Ok(Value::String(text.trim_end().to_owned()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse;
    use serde_json::json;

    #[test]
    fn flat_members() {
        assert_eq!(
            parse("sourceS3DirectoryPath=s3://b/src,trainingEntryPointScript=train.py").unwrap(),
            json!({"sourceS3DirectoryPath": "s3://b/src", "trainingEntryPointScript": "train.py"})
        );
    }

    #[test]
    fn values_with_equals_signs_and_spaces() {
        assert_eq!(
            parse("a=x=y, b = two words").unwrap(),
            json!({"a": "x=y", "b": "two words"})
        );
    }

    #[test]
    fn lists_nested_structures_and_quotes() {
        assert_eq!(
            parse("a=x,y,b=[1,2],c={d=e,f=[g]},h='p,q',i=\"r]\"").unwrap(),
            json!({"a": ["x", "y"], "b": ["1", "2"], "c": {"d": "e", "f": ["g"]}, "h": "p,q", "i": "r]"})
        );
    }

    #[test]
    fn empty_list_and_structure() {
        assert_eq!(parse("a=[],b={}").unwrap(), json!({"a": [], "b": {}}));
    }

    #[test]
    fn malformed_text_says_where() {
        for bad in ["novalue", "a=1,", "a=[1,2", "a='x", "a={b=c", "=x", "a=1}"] {
            let e = parse(bad).unwrap_err();
            assert!(e.contains("position"), "{bad}: {e}");
        }
    }
}
