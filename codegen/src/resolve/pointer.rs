//! `$ref` values: RFC 6901 pointers in URI-fragment form (`#/definitions/Ns/Type`).

/// Splits a fragment pointer into unescaped reference tokens, or says why it is malformed.
pub fn parse_fragment(reference: &str) -> Result<Vec<String>, String> {
    let Some(path) = reference.strip_prefix('#') else {
        return Err(
            "a reference must be a JSON pointer fragment starting with `#` (JSON Structure has no external references; use $import)"
                .into(),
        );
    };
    if path.is_empty() {
        return Err("`#` refers to the whole document, not to a type".into());
    }
    let path = percent_decode(path)?;
    let Some(path) = path.strip_prefix('/') else {
        return Err("a pointer fragment must start with `#/`".into());
    };
    path.split('/').map(unescape_token).collect()
}

fn unescape_token(token: &str) -> Result<String, String> {
    if token.is_empty() {
        return Err("empty segment in pointer (`//` or a trailing `/`)".into());
    }
    let mut out = String::with_capacity(token.len());
    let mut chars = token.chars();
    while let Some(c) = chars.next() {
        if c == '~' {
            match chars.next() {
                Some('0') => out.push('~'),
                Some('1') => out.push('/'),
                _ => {
                    return Err(format!(
                        "invalid escape in pointer segment `{token}` (only ~0 and ~1 exist)"
                    ))
                }
            }
        } else {
            out.push(c);
        }
    }
    Ok(out)
}

fn percent_decode(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| format!("invalid percent-escape at `{}`", &text[i..]))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "percent-escapes do not decode to UTF-8".to_string())
}

/// Formats tokens back into a fragment pointer, for messages.
pub fn to_fragment<S: AsRef<str>>(tokens: &[S]) -> String {
    let mut out = String::from("#");
    for t in tokens {
        out.push('/');
        out.push_str(&crate::load::json::escape_pointer_token(t.as_ref()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_unescapes() {
        assert_eq!(
            parse_fragment("#/definitions/A").unwrap(),
            ["definitions", "A"]
        );
        assert_eq!(
            parse_fragment("#/definitions/a~1b~0c").unwrap(),
            ["definitions", "a/b~c"]
        );
        assert_eq!(parse_fragment("#/%24defs/X").unwrap(), ["$defs", "X"]);
        assert_eq!(to_fragment(&["definitions", "a/b"]), "#/definitions/a~1b");
    }

    #[test]
    fn rejects_malformed_pointers() {
        for bad in [
            "/defs/X",
            "#",
            "#definitions",
            "#/a//b",
            "#/a/",
            "#/a~2",
            "#/%zz",
        ] {
            assert!(parse_fragment(bad).is_err(), "{bad}");
        }
    }
}
