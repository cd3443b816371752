//! Where generated crates find the runtime crate (`jstruct-runtime`), which holds every line
//! that is the same in every generated crate. It sits beside the generator in this workspace;
//! a generated crate names it by a path from its own directory, relative where the two share a
//! root (so the checked-in crates read `../runtime` on every machine), absolute otherwise.

use std::path::{Component, Path, PathBuf};

/// The runtime crate's directory, as this generator was built.
pub fn runtime_dir() -> PathBuf {
    normalize(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime"))
}

/// The path, from the directory `crate_dir` (which need not exist yet), to the runtime crate,
/// in `/` form for a Cargo manifest.
pub fn runtime_path(crate_dir: &Path) -> String {
    let from = normalize(&std::path::absolute(crate_dir).unwrap_or_else(|_| crate_dir.into()));
    relative(&from, &runtime_dir())
        .to_string_lossy()
        .replace('\\', "/")
}

/// `path` with `.` and `..` resolved lexically.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// `to` relative to `from` (both absolute and normalized); `to` itself when they share no root.
fn relative(from: &Path, to: &Path) -> PathBuf {
    let (from_parts, to_parts): (Vec<_>, Vec<_>) =
        (from.components().collect(), to.components().collect());
    let common = from_parts
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    // Only the root in common (`/tmp/x` and `/work/runtime`): an absolute path says more.
    if common <= 1 {
        return to.to_path_buf();
    }
    let mut out = PathBuf::new();
    for _ in common..from_parts.len() {
        out.push("..");
    }
    for part in &to_parts[common..] {
        out.push(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_within_a_root_absolute_across() {
        assert_eq!(
            relative(Path::new("/w/main/generated"), Path::new("/w/main/runtime")),
            Path::new("../runtime")
        );
        assert_eq!(
            relative(
                Path::new("/w/main/tests/constructs"),
                Path::new("/w/main/runtime")
            ),
            Path::new("../../runtime")
        );
        assert_eq!(
            relative(Path::new("/tmp/x"), Path::new("/w/main/runtime")),
            Path::new("/w/main/runtime")
        );
    }

    #[test]
    fn normalizes_dots() {
        assert_eq!(normalize(Path::new("/a/./b/../c")), Path::new("/a/c"));
    }

    #[test]
    fn the_runtime_is_beside_the_generator() {
        assert!(runtime_dir().join("Cargo.toml").is_file());
        let generated = runtime_dir().join("../generated");
        assert_eq!(runtime_path(&generated), "../runtime");
    }
}
