//! The Synopsis fence: the command name, then one argument per line. Square brackets are the
//! only place a page says whether an option is required.

/// One Synopsis line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Option names (`--a`, or `--a`/`--no-a` for a pair) or, for a positional, its name.
    pub names: Vec<String>,
    pub required: bool,
    pub takes_value: bool,
    pub positional: bool,
    pub line: usize,
}

pub struct Synopsis {
    pub command: String,
    pub entries: Vec<Entry>,
}

/// Parses the fence's lines (`first_line` is the page line number of the first of them).
pub fn parse(body: &[&str], first_line: usize) -> Result<Synopsis, (usize, String)> {
    let mut lines = body
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((_, command)) = lines.next() else {
        return Err((first_line, "the Synopsis is empty".into()));
    };
    let command = command.trim().to_string();
    // A command becomes a Rust type name too: it starts with a letter.
    if !is_name(&command) || !command.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Err((
            first_line,
            format!("the Synopsis must start with the command name, found `{command}`"),
        ));
    }
    let mut entries = Vec::new();
    for (i, line) in lines {
        let number = first_line + i;
        let text = line.trim();
        let (inner, required) = match text.strip_prefix('[') {
            Some(rest) if rest.ends_with(']') && !text.contains("] [") => {
                (&rest[..rest.len() - 1], false)
            }
            _ => (text, true),
        };
        let alternatives: Vec<&str> = inner.split(" | ").map(str::trim).collect();
        let mut names = Vec::new();
        let mut takes_value = false;
        let mut positional = false;
        for alt in &alternatives {
            let mut words = alt.split_whitespace();
            let Some(first) = words.next() else {
                return Err((number, format!("cannot read Synopsis line `{text}`")));
            };
            if let Some(name) = first
                .strip_prefix('<')
                .and_then(|n| n.strip_suffix('>'))
                .filter(|n| is_name(n))
            {
                names.push(name.to_string());
                positional = true;
            } else if first.strip_prefix("--").is_some_and(is_name) {
                names.push(first.to_string());
                takes_value |= words.next().is_some_and(|w| w.starts_with('<'));
            } else {
                return Err((number, format!("cannot read Synopsis line `{text}`")));
            }
        }
        entries.push(Entry {
            names,
            required,
            takes_value,
            positional,
            line: number,
        });
    }
    Ok(Synopsis { command, entries })
}

/// A command, option or positional name as the family writes them (`start-ml-job`,
/// `cli-input-json`, `outfile`): what becomes a subcommand, a flag and a Rust name.
fn is_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_every_shape() {
        let body = [
            "create-thing",
            "[--dry-run | --no-dry-run]",
            "--network-acl-id <value>",
            "--egress | --ingress",
            "[--port-range <value>]",
            "[--cli-input-json | --cli-input-yaml]",
            "<outfile>",
            "[--debug]",
            "--x <value> [<value>...]",
        ];
        let s = parse(&body, 10).unwrap();
        assert_eq!(s.command, "create-thing");
        let e = &s.entries;
        assert_eq!(
            (e[0].names.clone(), e[0].required, e[0].takes_value),
            (
                vec!["--dry-run".into(), "--no-dry-run".into()],
                false,
                false
            )
        );
        assert_eq!(
            (e[1].required, e[1].takes_value, e[1].line),
            (true, true, 12)
        );
        assert_eq!((e[2].names.len(), e[2].required), (2, true));
        assert!(!e[3].required && e[3].takes_value);
        assert!(e[5].positional && e[5].required);
        assert_eq!(
            (e[6].names[0].as_str(), e[6].required, e[6].takes_value),
            ("--debug", false, false)
        );
        assert!(e[7].required && e[7].takes_value);
    }

    #[test]
    fn rejects_what_it_cannot_read() {
        assert!(parse(&[], 1).is_err());
        assert!(parse(&["--x"], 1).is_err());
        assert_eq!(parse(&["cmd", "oops"], 5).err().unwrap().0, 6);
        // Names that would become no identifier (found by `cargo xtask fuzz`).
        assert!(parse(&["`--`"], 1).is_err());
        assert!(parse(&["3d-thing"], 1).is_err());
        assert!(parse(&["cmd", "[--]"], 1).is_err());
        assert!(parse(&["cmd", "--a!b <value>"], 1).is_err());
        assert!(parse(&["cmd", "<>"], 1).is_err());
    }
}
