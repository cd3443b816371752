//! Stage 6, write: puts a generated crate on disk atomically, or compares it with what is there.
//!
//! The new tree is staged beside the target (`.NAME.new-PID`) and swapped in. On Linux the swap
//! is one `renameat2(RENAME_EXCHANGE)`, so at every instant the target is the old tree or the
//! new one; elsewhere (or on a file system without exchange) it is two renames, and a crash
//! between them leaves the old tree at `.NAME.old-PID`, which the next run puts back before it
//! writes. Either way the next run removes what a crashed run left behind. Files that are no
//! longer generated disappear with the old tree, except the top-level entries the generator never
//! writes (`Cargo.lock`, `target/` of a crate built where it was written), which move across.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::GeneratedFile;

/// Top-level entries of an output directory that belong to whoever builds the crate, not to the
/// generator: never stale, and kept across writes.
const UNOWNED: &[&str] = &["Cargo.lock", "target"];

/// Test hook: the name of a step at which the writer aborts the process, to show that a crash
/// at any instant leaves the old tree or the new one (see `xtask/tests/codegen_cli.rs`).
const CRASH_AT: &str = "JSTRUCT_CODEGEN_CRASH_AT";

/// Test hook: set, the writer swaps with two renames even where the OS can exchange.
const NO_EXCHANGE: &str = "JSTRUCT_CODEGEN_NO_EXCHANGE";

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
    for path in list_files(dir, files)? {
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
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("generated");
    if parent.exists() {
        recover(parent, name, dir)?;
    }
    if dir.exists() && check(dir, files)?.is_empty() {
        return Ok(false);
    }
    fs::create_dir_all(parent)?;
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let backup = parent.join(format!(".{name}.old-{}", std::process::id()));
    let result = stage(&staging, files).and_then(|()| swap(dir, &staging, &backup, files));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result.map(|()| true)
}

fn crash_point(step: &str) {
    if std::env::var_os(CRASH_AT).is_some_and(|at| at == step) {
        std::process::abort();
    }
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
    crash_point("staged");
    Ok(())
}

/// The unowned entries of `dir` the new tree does not generate itself.
fn unowned<'a>(dir: &Path, files: &'a [GeneratedFile]) -> impl Iterator<Item = &'static str> + 'a {
    let dir = dir.to_path_buf();
    UNOWNED
        .iter()
        .copied()
        .filter(move |e| {
            !files
                .iter()
                .any(|f| f.path == *e || f.path.starts_with(&format!("{e}/")))
        })
        .filter(move |e| dir.join(e).symlink_metadata().is_ok())
}

fn swap(dir: &Path, staging: &Path, backup: &Path, files: &[GeneratedFile]) -> io::Result<()> {
    if !dir.exists() {
        return fs::rename(staging, dir);
    }
    // The builder's lock file and build cache move into the new tree (renames: no copying).
    let moved: Vec<&str> = unowned(dir, files).collect();
    for entry in &moved {
        fs::rename(dir.join(entry), staging.join(entry))?;
    }
    crash_point("preserved");
    if std::env::var_os(NO_EXCHANGE).is_none() && exchange(staging, dir)? {
        crash_point("exchanged");
        // The old tree is now at `staging`.
        return fs::remove_dir_all(staging);
    }
    fs::rename(dir, backup)?;
    crash_point("moved-old");
    if let Err(e) = fs::rename(staging, dir) {
        // Put the old tree back, with what moved out of it, before reporting.
        fs::rename(backup, dir)?;
        for entry in &moved {
            let _ = fs::rename(staging.join(entry), dir.join(entry));
        }
        return Err(e);
    }
    crash_point("moved-new");
    fs::remove_dir_all(backup)
}

/// Swaps `a` and `b` atomically. `Ok(false)` where the OS or the file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        // Kernels before 3.15, and file systems without exchange.
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

/// Cleans up after writers of `dir` (named `name` in `parent`) that crashed: a missing `dir`
/// whose old tree was moved aside is put back; staging and backup trees of processes that no
/// longer run are removed.
fn recover(parent: &Path, name: &str, dir: &Path) -> io::Result<()> {
    let mut leftovers = Vec::new();
    for entry in fs::read_dir(parent)? {
        let path = entry?.path();
        let Some(file_name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(rest) = file_name.strip_prefix(&format!(".{name}.")) else {
            continue;
        };
        let Some((kind, pid)) = rest.split_once('-') else {
            continue;
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        if matches!(kind, "new" | "old") && !is_running(pid) {
            leftovers.push((kind == "old", path));
        }
    }
    // Old trees first: a restored tree takes back what moved into a staging tree.
    leftovers.sort_by_key(|(old, path)| (!old, path.clone()));
    for (old, path) in leftovers {
        if old && !dir.exists() {
            fs::rename(&path, dir)?;
            continue;
        }
        // A crash after the builder's entries moved into staging: they go back.
        for entry in UNOWNED {
            let (from, to) = (path.join(entry), dir.join(entry));
            if dir.exists() && from.symlink_metadata().is_ok() && to.symlink_metadata().is_err() {
                fs::rename(from, to)?;
            }
        }
        fs::remove_dir_all(&path)?;
    }
    Ok(())
}

/// Whether a process with this id runs (it may be writing its own staging tree). Where that
/// cannot be told, only this process counts.
fn is_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    cfg!(target_os = "linux") && Path::new("/proc").join(pid.to_string()).exists()
}

/// Every file below `dir`, sorted, without the unowned entries `files` does not generate;
/// empty when `dir` does not exist.
fn list_files(dir: &Path, files: &[GeneratedFile]) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    let skipped: Vec<PathBuf> = unowned(dir, files).map(|e| dir.join(e)).collect();
    while let Some(d) = stack.pop() {
        let entries = match fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for entry in entries {
            let entry = entry?;
            if skipped.contains(&entry.path()) {
                continue;
            }
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
    fn what_the_builder_adds_is_not_stale_and_survives_a_write() {
        let root = scratch("unowned");
        let out = root.join("crate");
        let v1 = files(&[("Cargo.toml", "[package]"), ("src/lib.rs", "1")]);
        write_atomic(&out, &v1).unwrap();
        fs::write(out.join("Cargo.lock"), "lock").unwrap();
        fs::create_dir_all(out.join("target/debug")).unwrap();
        fs::write(out.join("target/debug/x"), "built").unwrap();
        fs::write(out.join("src/extra.rs"), "hand-made").unwrap();
        assert_eq!(
            check(&out, &v1).unwrap(),
            [Stale::Extra(out.join("src/extra.rs"))]
        );
        fs::remove_file(out.join("src/extra.rs")).unwrap();
        assert!(check(&out, &v1).unwrap().is_empty());
        let v2 = files(&[("Cargo.toml", "[package]"), ("src/lib.rs", "2")]);
        assert!(write_atomic(&out, &v2).unwrap());
        assert_eq!(fs::read_to_string(out.join("Cargo.lock")).unwrap(), "lock");
        assert_eq!(
            fs::read_to_string(out.join("target/debug/x")).unwrap(),
            "built"
        );
        assert!(check(&out, &v2).unwrap().is_empty());
        assert_eq!(fs::read_dir(&root).unwrap().count(), 1);
        // A crate that generates its own lock file owns it.
        let v3 = files(&[("Cargo.toml", "[package]"), ("Cargo.lock", "ours")]);
        write_atomic(&out, &v3).unwrap();
        assert_eq!(fs::read_to_string(out.join("Cargo.lock")).unwrap(), "ours");
        assert!(out.join("target/debug/x").exists());
        fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn leftovers_of_crashed_writers_are_recovered_or_removed() {
        // Process ids that are not running: above the kernel's maximum.
        let dead = [4_194_305u32, 4_194_306];
        let root = scratch("leftovers");
        let out = root.join("crate");
        let v1 = files(&[("a.txt", "1")]);
        // Killed between the two renames: the old tree is aside, `crate` is missing.
        stage(&root.join(format!(".crate.old-{}", dead[0])), &v1).unwrap();
        stage(
            &root.join(format!(".crate.new-{}", dead[0])),
            &files(&[("a.txt", "half")]),
        )
        .unwrap();
        recover(&root, "crate", &out).unwrap();
        assert!(check(&out, &v1).unwrap().is_empty(), "the old tree is back");
        assert_eq!(fs::read_dir(&root).unwrap().count(), 1);
        // Killed after moving the build cache into staging: it comes back.
        let staging = root.join(format!(".crate.new-{}", dead[1]));
        stage(&staging, &files(&[("a.txt", "2"), ("target/x", "built")])).unwrap();
        // A live writer's staging tree is its own.
        let live = root.join(format!(".crate.new-{}", std::process::id()));
        stage(&live, &v1).unwrap();
        recover(&root, "crate", &out).unwrap();
        assert_eq!(fs::read_to_string(out.join("target/x")).unwrap(), "built");
        assert!(live.exists() && !staging.exists());
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
