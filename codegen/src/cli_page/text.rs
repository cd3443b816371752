//! Page text: encoding repair, lines with their byte offsets, fences, sections.

/// Repairs the family's double encoding: runs of U+0080..U+00FF that are the Latin-1 reading of
/// UTF-8 bytes are decoded back (`Â¶` → `¶`, `â\u{80}\u{99}` → `’`). Where the C1 bytes were
/// stripped, `â¦` is read as `…` and a lone `â` (which may have been ’ “ ” ‘ – —) as `’`, the
/// most common of them. Returns the text and how many sequences were repaired and guessed.
pub fn repair_mojibake(text: &str) -> (String, usize, usize) {
    let mut out = String::with_capacity(text.len());
    let (mut repaired, mut guessed) = (0, 0);
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !('\u{80}'..='\u{ff}').contains(&c) {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && ('\u{80}'..='\u{ff}').contains(&chars[i]) {
            i += 1;
        }
        let run = &chars[start..i];
        let bytes: Vec<u8> = run.iter().map(|&c| c as u8).collect();
        if let Ok(decoded) = std::str::from_utf8(&bytes) {
            out.push_str(decoded);
            repaired += 1;
            continue;
        }
        // C1-stripped forms: decode what decodes, guess the rest.
        let mut k = 0;
        while k < run.len() {
            match (run[k], run.get(k + 1)) {
                ('â', Some('¦')) => {
                    out.push('…');
                    repaired += 1;
                    k += 2;
                }
                ('Â', Some(&next)) if ('\u{a0}'..='\u{bf}').contains(&next) => {
                    out.push(next);
                    repaired += 1;
                    k += 2;
                }
                ('â', _) => {
                    out.push('’');
                    guessed += 1;
                    k += 1;
                }
                (c, _) if ('\u{80}'..='\u{9f}').contains(&c) => k += 1,
                (c, _) => {
                    out.push(c);
                    k += 1;
                }
            }
        }
    }
    (out, repaired, guessed)
}

/// One line of the page: its 1-based number, byte offset, text, and whether it is inside a
/// fenced block (the fence lines themselves count as inside).
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    pub number: usize,
    pub offset: usize,
    pub text: &'a str,
    pub fenced: bool,
}

/// Splits text into lines, tracking ``` fences.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut offset = 0;
    let mut in_fence = false;
    for (i, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let is_fence = line.trim_end() == "```";
        out.push(Line {
            number: i + 1,
            offset,
            text: line,
            fenced: in_fence || is_fence,
        });
        if is_fence {
            in_fence = !in_fence;
        }
        offset += raw.len() + 1;
    }
    out
}

/// Whether every fence is closed.
pub fn fences_balanced(lines: &[Line<'_>]) -> Option<usize> {
    let fences: Vec<_> = lines
        .iter()
        .filter(|l| l.text.trim_end() == "```")
        .collect();
    (fences.len() % 2 == 1).then(|| fences.last().map(|l| l.number).unwrap_or(1))
}

/// `## Title` sections outside fences: title, the heading line, and the body lines.
pub fn sections<'a, 'l>(lines: &'l [Line<'a>]) -> Vec<(&'a str, Line<'a>, &'l [Line<'a>])> {
    let heads: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].fenced && lines[i].text.starts_with("## "))
        .collect();
    heads
        .iter()
        .enumerate()
        .map(|(k, &h)| {
            let end = heads.get(k + 1).copied().unwrap_or(lines.len());
            (lines[h].text[3..].trim(), lines[h], &lines[h + 1..end])
        })
        .collect()
}

/// The contents of the fence that opens at `lines[start]` (exclusive of the fence lines), and
/// the index after its closing line.
pub fn fence_at<'a>(lines: &[Line<'a>], start: usize) -> Option<(Vec<&'a str>, usize)> {
    if lines.get(start)?.text.trim_end() != "```" {
        return None;
    }
    let mut body = Vec::new();
    for (i, line) in lines.iter().enumerate().skip(start + 1) {
        if line.text.trim_end() == "```" {
            return Some((body, i + 1));
        }
        body.push(line.text);
    }
    None
}

/// Markdown for what the page family leaves of its reStructuredText sources: links
/// (`` `text <[url](url)>`__ ``, `` `text <url>`_ ``) become autolinks (`<url>`), inline
/// literals (``` ``x`` ```, and the half-absorbed ``` ``x` ```) become code spans, and the space
/// RST leaves before a sentence's period goes. Deliberately lenient (backticks nest oddly in
/// the family, see GRAMMAR.md): text it does not recognise is kept as it is.
pub fn clean_rst(paragraph: &str) -> std::borrow::Cow<'_, str> {
    use regex::Regex;
    use std::sync::LazyLock;
    static RULES: LazyLock<[(Regex, &str); 7]> = LazyLock::new(|| {
        let rule = |pattern: &str, with| (Regex::new(pattern).expect("a valid pattern"), with);
        // A whole reference (its opening backtick after a space) is a link with its text;
        // what is left of one whose opening the HTML absorbed is an autolink.
        const URL: &str = r"(?:\[[^\]]*\]\((https?://[^)\s]+)\)|(https?://[^>\s]+))";
        [
            rule(
                &format!(r"(^|[\s(])`([^`<]+?)\s*<{URL}>`__?"),
                "$1[$2]($3$4)",
            ),
            rule(r"``([^`]+)``", "`$1`"),
            rule(r"``([^`\s][^`]*)`", "`$1`"),
            rule(r"<\[[^\]]*\]\((https?://[^)\s]+)\)>`__?", "<$1>"),
            rule(r"<(https?://[^>\s]+)>`__?", "<$1>"),
            rule(r"([^\s.]) \.(\s|$)", "$1.$2"),
            rule(r"` ([),;:])", "`$1"),
        ]
    });
    if !paragraph.contains('`') && !paragraph.contains(" .") {
        return std::borrow::Cow::Borrowed(paragraph);
    }
    let mut text = paragraph.to_owned();
    for (pattern, with) in RULES.iter() {
        text = pattern.replace_all(&text, *with).into_owned();
    }
    std::borrow::Cow::Owned(text)
}

/// Joins prose lines into paragraphs separated by blank lines, each cleaned of RST leftovers.
pub fn prose(lines: &[&str]) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = Vec::new();
    for l in lines {
        let t = l.trim();
        if t.is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(t);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current.join(" "));
    }
    paragraphs
        .iter()
        .map(|p| clean_rst(p))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rst_leftovers_become_markdown() {
        let url = "https://docs.aws.amazon.com/neptune/latest/userguide/x.html";
        assert_eq!(
            clean_rst(&format!(
                "See The ``dataprocessing` command <[{url}]({url})>`__ ."
            )),
            format!("See The `dataprocessing` command <{url}>.")
        );
        assert_eq!(
            clean_rst(&format!("Read `the guide <{url}>`_ first.")),
            format!("Read [the guide]({url}) first.")
        );
        assert_eq!(
            clean_rst(&format!("(`Neptune ML <[{url}]({url})>`__)")),
            format!("([Neptune ML]({url}))")
        );
        assert_eq!(
            clean_rst("The default is `training-data-configuration.json` ."),
            "The default is `training-data-configuration.json`."
        );
        assert_eq!(clean_rst("Use ``--flag`` here."), "Use `--flag` here.");
        assert_eq!(
            clean_rst("models (`heterogeneous` ), and graphs (`kge` )."),
            "models (`heterogeneous`), and graphs (`kge`)."
        );
        assert!(matches!(
            clean_rst("Plain text. More."),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(
            clean_rst("Keep ... and `a.b` as they are."),
            "Keep ... and `a.b` as they are."
        );
    }

    #[test]
    fn repairs_raw_and_stripped_mojibake() {
        let raw = "# cmd\u{c2}\u{b6}\nthe tag\u{e2}\u{80}\u{99}s key ( \u{e2}\u{80}\u{a6} recursive \u{e2}\u{80}\u{a6} )";
        let (text, repaired, guessed) = repair_mojibake(raw);
        assert_eq!(text, "# cmd¶\nthe tag’s key ( … recursive … )");
        assert_eq!((repaired, guessed), (4, 0));

        let stripped =
            "# cmd\u{c2}\u{b6}\ncommand\u{e2}s default ( \u{e2}\u{a6} recursive \u{e2}\u{a6} )";
        let (text, repaired, guessed) = repair_mojibake(stripped);
        assert_eq!(text, "# cmd¶\ncommand’s default ( … recursive … )");
        assert_eq!((repaired, guessed), (3, 1));

        let clean = "naïve café";
        assert_eq!(repair_mojibake(clean).0, clean);
    }

    #[test]
    fn lines_track_fences_and_sections() {
        let text = "# t\n## A\n```\n## not a section\n```\n## B\nx";
        let lines = lines(text);
        assert!(lines[3].fenced && !lines[5].fenced);
        let sections = sections(&lines);
        let titles: Vec<_> = sections.iter().map(|s| s.0).collect();
        assert_eq!(titles, ["A", "B"]);
        assert_eq!(fence_at(&lines, 2).unwrap(), (vec!["## not a section"], 5));
        assert_eq!(fences_balanced(&lines), None);
    }
}
