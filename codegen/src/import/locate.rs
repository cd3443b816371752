//! Finding an imported document: a URI of the map, or a relative reference to a file beside the
//! importing document. Nothing is fetched over a network.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::{display_path, join_normalized};

/// A file or directory as the generator reads it (`disk`) and as diagnostics and headers show
/// it (`shown`: relative to the workspace, `/`-separated, the same on every machine).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub disk: PathBuf,
    pub shown: String,
}

impl Located {
    pub fn new(disk: impl Into<PathBuf>, shown: impl Into<String>) -> Self {
        Located {
            disk: disk.into(),
            shown: shown.into(),
        }
    }

    /// The directory of a file named `name` (a path relative to the working directory).
    pub fn parent_of(name: &str) -> Self {
        let dir = Path::new(name).parent().unwrap_or(Path::new(""));
        Located::new(dir, display_path(dir))
    }

    /// This file's directory.
    pub fn dir(&self) -> Located {
        let disk = self.disk.parent().unwrap_or(Path::new("")).to_path_buf();
        let shown = Path::new(&self.shown).parent().unwrap_or(Path::new(""));
        Located::new(disk, display_path(shown))
    }

    fn join(&self, relative: &str) -> Located {
        let shown = join_normalized(Path::new(&self.shown), relative);
        Located::new(self.disk.join(relative), display_path(&shown))
    }
}

/// The file `uri` names, from a document in `dir`; else why none does.
pub fn locate(
    uri: &str,
    dir: &Located,
    map: &BTreeMap<String, Located>,
) -> Result<Located, String> {
    let key = without_empty_fragment(uri);
    if let Some(file) = map
        .iter()
        .find(|(k, _)| without_empty_fragment(k) == key)
        .map(|(_, f)| f)
    {
        return Ok(file.clone());
    }
    if has_scheme(uri) {
        return Err(format!("no file is mapped to `{uri}`"));
    }
    let path = uri.split('#').next().unwrap_or_default();
    if path.is_empty() {
        return Err(format!("`{uri}` names no document"));
    }
    Ok(dir.join(path))
}

fn without_empty_fragment(uri: &str) -> &str {
    uri.strip_suffix('#').unwrap_or(uri)
}

/// RFC 3986: `scheme ":"`, a scheme being a letter then letters, digits, `+`, `-` or `.`.
fn has_scheme(uri: &str) -> bool {
    match uri.split_once(':') {
        Some((scheme, _)) => {
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapped_uris_match_with_or_without_an_empty_fragment() {
        let core = Located::new("/ws/schemas/meta/core-v0.json", "schemas/meta/core-v0.json");
        let map = BTreeMap::from([(
            "https://json-structure.org/meta/core/v0/#".to_string(),
            core.clone(),
        )]);
        let dir = Located::new("/ws/schemas", "schemas");
        for uri in [
            "https://json-structure.org/meta/core/v0/#",
            "https://json-structure.org/meta/core/v0/",
        ] {
            assert_eq!(locate(uri, &dir, &map), Ok(core.clone()));
        }
        assert_eq!(
            locate("https://example.com/people.json", &dir, &map),
            Err("no file is mapped to `https://example.com/people.json`".into())
        );
    }

    #[test]
    fn relative_references_are_files_beside_the_importing_one() {
        let dir = Located::new("/ws/schemas/orders", "schemas/orders");
        let found = locate("../lib/people.struct.json", &dir, &BTreeMap::new()).unwrap();
        assert_eq!(found.shown, "schemas/lib/people.struct.json");
        assert_eq!(
            found.disk,
            Path::new("/ws/schemas/orders/../lib/people.struct.json")
        );
        assert_eq!(found.dir().shown, "schemas/lib");
        assert!(locate("#", &dir, &BTreeMap::new()).is_err());
    }
}
