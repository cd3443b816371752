//! Where a value is in JSON text: found from a JSON pointer, or from where the checker saw its
//! member name end. Only violations are located, so this runs on invalid documents alone.

/// The byte offset of the value at `pointer` in JSON `text` (known to be well-formed).
pub(super) fn locate(text: &str, pointer: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut pos = skip_ws(bytes, 0);
    for token in pointer.split('/').skip(1) {
        let token = if token.contains('~') {
            token.replace("~1", "/").replace("~0", "~")
        } else {
            token.to_owned()
        };
        match bytes.get(pos)? {
            b'{' => {
                pos = skip_ws(bytes, pos + 1);
                loop {
                    if bytes.get(pos)? == &b'}' {
                        return None;
                    }
                    let key_end = skip_value(bytes, pos)?;
                    let raw = &text[pos + 1..key_end - 1];
                    // Keys without escapes compare as they stand; others are decoded.
                    let matches = if raw.contains('\\') {
                        serde_json::from_str::<String>(&text[pos..key_end]).ok()? == token
                    } else {
                        raw == token
                    };
                    pos = skip_ws(bytes, key_end);
                    pos = skip_ws(bytes, pos + 1); // `:`
                    if matches {
                        break;
                    }
                    pos = skip_ws(bytes, skip_value(bytes, pos)?);
                    if bytes.get(pos)? == &b',' {
                        pos = skip_ws(bytes, pos + 1);
                    }
                }
            }
            b'[' => {
                let index: usize = token.parse().ok()?;
                pos = skip_ws(bytes, pos + 1);
                for _ in 0..index {
                    pos = skip_ws(bytes, skip_value(bytes, pos)?);
                    pos = skip_ws(bytes, pos + 1); // `,`
                }
            }
            _ => return None,
        }
    }
    Some(pos)
}

/// The offset of a member's value, from where its name ends (the closing quote).
pub(super) fn after_name(bytes: &[u8], end: usize) -> Option<usize> {
    if bytes.get(end)? != &b'"' {
        return None;
    }
    let colon = skip_ws(bytes, end + 1);
    (bytes.get(colon)? == &b':').then(|| skip_ws(bytes, colon + 1))
}

fn skip_ws(bytes: &[u8], mut pos: usize) -> usize {
    while matches!(bytes.get(pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        pos += 1;
    }
    pos
}

/// The offset just after the value starting at `pos`.
fn skip_value(bytes: &[u8], mut pos: usize) -> Option<usize> {
    match bytes.get(pos)? {
        b'"' => {
            pos += 1;
            loop {
                // Jump to the next quote or backslash rather than stepping byte by byte.
                pos += bytes
                    .get(pos..)?
                    .iter()
                    .position(|&b| b == b'"' || b == b'\\')?;
                if bytes[pos] == b'"' {
                    return Some(pos + 1);
                }
                pos += 2;
            }
        }
        b'{' | b'[' => {
            let mut depth = 0usize;
            loop {
                match bytes.get(pos)? {
                    b'"' => {
                        pos = skip_value(bytes, pos)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(pos + 1);
                        }
                    }
                    _ => {}
                }
                pos += 1;
            }
        }
        _ => {
            while !matches!(
                bytes.get(pos),
                None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
            ) {
                pos += 1;
            }
            Some(pos)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_members_items_and_escaped_names() {
        let text = r#"{"a": [1, {"b~/": "x"}], "c\u0064": 2}"#;
        assert_eq!(locate(text, ""), Some(0));
        assert_eq!(&text[locate(text, "/a/1/b~0~1").unwrap()..][..3], "\"x\"");
        assert_eq!(&text[locate(text, "/cd").unwrap()..][..1], "2");
        assert_eq!(locate(text, "/missing"), None);
        assert_eq!(locate(text, "/a/7"), None);
    }

    #[test]
    fn finds_a_value_after_its_name() {
        let text = r#"{"a" :  true}"#;
        assert_eq!(after_name(text.as_bytes(), 3), Some(8));
        assert_eq!(after_name(text.as_bytes(), 2), None);
    }
}
