//! Stage 6, write: puts a generated crate on disk atomically, or compares it with what is there.
//!
//! The new tree is written beside the target and swapped in with renames, so an error or a crash
//! leaves either the old crate or the new one, never a mix; files that are no longer generated
//! disappear with the old tree.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::GeneratedFile;

/// How a file on disk differs from what would be generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stale {
    Missing(PathBuf),
    Differs(PathBuf),
    /// On disk but no longer generated.
    Extra(PathBuf),
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stale::Missing(p) => write!(f, "{}: missing", p.display()),
            Stale::Differs(p) => write!(f, "{}: out of date", p.display()),
            Stale::Extra(p) => write!(f, "{}: no longer generated", p.display()),
        }
    }
}

/// Compares `dir` with the generated files; writes nothing.
pub fn check(dir: &Path, files: &[GeneratedFile]) -> io::Result<Vec<Stale>> {
    let mut stale = Vec::new();
    for file in files {
        let path = dir.join(&file.path);
        match fs::read(&path) {
            Ok(bytes) if bytes == file.contents.as_bytes() => {}
            Ok(_) => stale.push(Stale::Differs(path)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => stale.push(Stale::Missing(path)),
            Err(e) => return Err(e),
        }
    }
    for path in list_files(dir)? {
        let relative = path.strip_prefix(dir).expect("listed below dir");
        if !files.iter().any(|f| Path::new(&f.path) == relative) {
            stale.push(Stale::Extra(path));
        }
    }
    Ok(stale)
}

/// Writes the crate into `dir`, replacing it whole. Does nothing when `dir` is already current
/// (so file times, and thus incremental builds, are left alone). Returns whether it wrote.
pub fn write_atomic(dir: &Path, files: &[GeneratedFile]) -> io::Result<bool> {
    if dir.exists() && check(dir, files)?.is_empty() {
        return Ok(false);
    }
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("generated");
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let backup = parent.join(format!(".{name}.old-{}", std::process::id()));
    let result = stage(&staging, files).and_then(|()| swap(dir, &staging, &backup));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result.map(|()| true)
}

fn stage(staging: &Path, files: &[GeneratedFile]) -> io::Result<()> {
    if staging.exists() {
        fs::remove_dir_all(staging)?;
    }
    for file in files {
        let path = staging.join(&file.path);
        if let Some(p) = path.parent() {
            fs::create_dir_all(p)?;
        }
        fs::write(&path, &file.contents)?;
    }
    Ok(())
}

fn swap(dir: &Path, staging: &Path, backup: &Path) -> io::Result<()> {
    if dir.exists() {
        fs::rename(dir, backup)?;
        if let Err(e) = fs::rename(staging, dir) {
            // Put the old tree back before reporting.
            fs::rename(backup, dir)?;
            return Err(e);
        }
        fs::remove_dir_all(backup)?;
    } else {
        fs::rename(staging, dir)?;
    }
    Ok(())
}

/// Every file below `dir`, sorted; empty when `dir` does not exist.
fn list_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = match fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for entry in entries {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                stack.push(entry.path());
            } else {
                out.push(entry.path());
            }
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pairs: &[(&str, &str)]) -> Vec<GeneratedFile> {
        pairs
            .iter()
            .map(|(p, c)| GeneratedFile {
                path: p.to_string(),
                contents: c.to_string(),
            })
            .collect()
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("codegen-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn writes_checks_and_replaces_whole_trees() {
        let root = scratch("tree");
        let out = root.join("crate");
        let v1 = files(&[("a.txt", "1"), ("src/b.rs", "b")]);
        assert!(write_atomic(&out, &v1).unwrap());
        assert!(check(&out, &v1).unwrap().is_empty());
        assert!(
            !write_atomic(&out, &v1).unwrap(),
            "unchanged output is not rewritten"
        );

        let v2 = files(&[("a.txt", "2"), ("src/c.rs", "c")]);
        let stale = check(&out, &v2).unwrap();
        assert_eq!(
            stale,
            [
                Stale::Differs(out.join("a.txt")),
                Stale::Missing(out.join("src/c.rs")),
                Stale::Extra(out.join("src/b.rs")),
            ]
        );
        assert!(write_atomic(&out, &v2).unwrap());
        assert!(check(&out, &v2).unwrap().is_empty());
        assert!(!out.join("src/b.rs").exists());
        // No staging or backup directories are left behind.
        assert_eq!(fs::read_dir(&root).unwrap().count(), 1);
        fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn a_failed_write_leaves_the_old_tree() {
        let root = scratch("fail");
        let out = root.join("crate");
        let v1 = files(&[("a.txt", "1")]);
        write_atomic(&out, &v1).unwrap();
        // A path that cannot be created: a file where a directory must go.
        let bad = files(&[("x", "file"), ("x/y", "under a file")]);
        assert!(write_atomic(&out, &bad).is_err());
        assert!(check(&out, &v1).unwrap().is_empty());
        assert_eq!(fs::read_dir(&root).unwrap().count(), 1);
        fs::remove_dir_all(root).unwrap();
    }
}
