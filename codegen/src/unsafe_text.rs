//! Characters that cannot appear as themselves in generated docs: rustc rejects a doc comment
//! holding a bare carriage return or a code point that changes the visible direction of text
//! (Trojan Source), and other control characters are invisible. The loaders warn where such
//! text is written; `format::docs` escapes it in every doc comment.

use std::borrow::Cow;

/// The code points rustc's `text_direction_codepoint_in_comment` lint rejects.
const DIRECTION_CONTROLS: &[char] = &[
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}',
];

/// Whether `c` cannot appear as itself in a doc comment (or would be invisible in one). Line
/// breaks (LF, and CR before LF, which the docs normalise) and tabs are fine.
pub fn is_unsafe(c: char) -> bool {
    DIRECTION_CONTROLS.contains(&c) || (c.is_control() && c != '\n' && c != '\t' && c != '\r')
}

/// The first character of `text` that a doc comment cannot hold as itself, with its byte
/// offset, and how many there are: direction controls, control characters, and a carriage
/// return not followed by a line feed.
pub fn find(text: &str) -> Option<(usize, char, usize)> {
    let mut first = None;
    let mut count = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let bare_cr = c == '\r' && chars.peek().map(|&(_, n)| n) != Some('\n');
        if bare_cr || is_unsafe(c) {
            first.get_or_insert((at, c));
            count += 1;
        }
    }
    first.map(|(at, c)| (at, c, count))
}

/// How a warning names `c`: `U+202E (a text-direction control)`.
pub fn describe(c: char) -> String {
    let kind = if DIRECTION_CONTROLS.contains(&c) {
        "a text-direction control"
    } else if c == '\r' {
        "a bare carriage return"
    } else {
        "a control character"
    };
    format!("U+{:04X} ({kind})", c as u32)
}

/// `text` as a doc comment (or a terminal) can show it: CR LF line breaks become LF, and control characters
/// (a lone CR among them) and direction controls are written as visible escapes (`\u{202e}`).
pub fn escape(text: &str) -> Cow<'_, str> {
    if find(text).is_none() && !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        if c == '\r' || is_unsafe(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    #[test]
    fn finds_what_docs_cannot_hold() {
        assert_eq!(find("plain – ünïcode\ttab\nline\r\nwindows"), None);
        assert_eq!(find("safe \u{202e} text"), Some((5, '\u{202e}', 1)));
        assert_eq!(find("a\rb\u{7}"), Some((1, '\r', 2)));
        assert_eq!(describe('\u{2066}'), "U+2066 (a text-direction control)");
        assert_eq!(describe('\r'), "U+000D (a bare carriage return)");
    }

    #[test]
    fn text_is_escaped_only_where_it_must_be() {
        assert!(matches!(
            escape("plain – text, ünïcode, \"quotes\""),
            Cow::Borrowed(_)
        ));
        assert_eq!(escape("safe \u{202e} text"), "safe \\u{202e} text");
        assert_eq!(escape("a\rb\r\nc"), "a\\u{d}b\nc");
        assert_eq!(escape("bell\u{7}"), "bell\\u{7}");
    }
}
