//! The walk of `corpus/`: which entries are article files, with the size and
//! modification time of each, and which entries are passed over and why.
//!
//! Every `search` runs this walk to tell whether the index is stale, so it is
//! built for speed on large corpora: folders are read on both cores, each file
//! is stat'ed relative to its open folder (no path lookup from the root), and
//! the entries of each folder are sorted by name as they are read, so the
//! result comes out in path order without a global sort (a depth-first walk
//! with sorted siblings is the order of `Path`'s component comparison).

use anyhow::{Context, Result};
use rayon::prelude::*;
use std::ffi::OsString;
use std::fs::{DirEntry, FileType, Metadata};
use std::path::{Path, PathBuf};

/// What a walk of `corpus/` found.
#[derive(Debug, Default)]
pub struct CorpusWalk {
    /// Article files, in path order.
    pub files: Vec<CorpusFile>,
    /// Entries not read (links, FIFOs, unreadable folders), with why.
    pub passed_over: Vec<PassedOver>,
}

/// One article file of the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct CorpusFile {
    /// Path relative to `corpus/`.
    pub relative: PathBuf,
    /// Size in bytes when walked (0 when the file vanished meanwhile).
    pub size: u64,
    /// Modification time in nanoseconds since the epoch (0 when unknown).
    pub mtime_ns: i128,
}

/// A corpus entry the walk did not read.
#[derive(Debug, Clone)]
pub struct PassedOver {
    /// Path relative to `corpus/`.
    pub relative: PathBuf,
    pub reason: String,
}

/// A file's modification time in nanoseconds since the epoch (0 when the
/// file system cannot tell).
pub fn mtime_ns(metadata: &Metadata) -> i128 {
    metadata
        .modified()
        .ok()
        .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |duration| duration.as_nanos() as i128)
}

/// Walk `corpus/`. Symbolic links are never followed (a link may point out
/// of the corpus or into a loop; the archive keeps the originals
/// themselves), and FIFOs, sockets and devices are never opened (reading
/// one could block forever). A folder below `corpus/` that cannot be read
/// is passed over and the walk goes on; `corpus/` itself unreadable is an
/// error (passing it over would read as every file deleted). README files
/// (a corpus's own description) and files without an article extension
/// are not articles.
pub fn walk_corpus(corpus: &Path) -> Result<CorpusWalk> {
    let entries =
        sorted_entries(corpus).with_context(|| format!("cannot read {}", corpus.display()))?;
    let mut walk = CorpusWalk::default();
    for found in walk_entries(entries, Path::new("")) {
        match found {
            Found::File(file) => walk.files.push(file),
            Found::PassedOver(entry) => walk.passed_over.push(entry),
        }
    }
    walk.passed_over.sort_by(|a, b| a.relative.cmp(&b.relative));
    Ok(walk)
}

enum Found {
    File(CorpusFile),
    PassedOver(PassedOver),
}

/// A folder's entries sorted by name (byte order, as `Path` compares).
fn sorted_entries(dir: &Path) -> std::io::Result<Vec<(OsString, DirEntry)>> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        entries.push((entry.file_name(), entry));
    }
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(entries)
}

/// The findings under one folder, in path order: its entries are handled on
/// both cores and their results concatenated in name order.
fn walk_entries(entries: Vec<(OsString, DirEntry)>, folder: &Path) -> Vec<Found> {
    entries
        .into_par_iter()
        .with_min_len(32)
        .map(|(name, entry)| walk_entry(&name, &entry, &folder.join(&name)))
        .flatten_iter()
        .collect()
}

fn walk_entry(name: &OsString, entry: &DirEntry, relative: &Path) -> Vec<Found> {
    let passed_over = |reason: String| {
        vec![Found::PassedOver(PassedOver {
            relative: relative.to_path_buf(),
            reason,
        })]
    };
    let kind = match entry.file_type() {
        Ok(kind) => kind,
        Err(err) => return passed_over(format!("cannot be read: {err}")),
    };
    if kind.is_symlink() {
        let target = std::fs::read_link(entry.path())
            .map(|t| t.display().to_string())
            .unwrap_or_else(|_| "?".to_string());
        return passed_over(format!(
            "a symbolic link (to {target}); links in corpus/ are not followed: \
             put the file itself in corpus/"
        ));
    }
    if kind.is_dir() {
        return match sorted_entries(&entry.path()) {
            Ok(entries) => walk_entries(entries, relative),
            Err(err) => passed_over(format!("cannot be read: {err}")),
        };
    }
    if !super::is_article_file(relative) {
        return Vec::new();
    }
    if !kind.is_file() {
        return passed_over(format!(
            "not a regular file ({}); not read",
            kind_name(&kind)
        ));
    }
    let is_readme = name
        .to_str()
        .is_some_and(|name| name.to_ascii_lowercase().starts_with("readme."));
    if is_readme {
        return Vec::new();
    }
    // Stat'ed relative to the open folder, without following a link (the
    // entry is a regular file); a file removed meanwhile reads as empty.
    let (size, mtime_ns) = entry
        .metadata()
        .map_or((0, 0), |metadata| (metadata.len(), mtime_ns(&metadata)));
    vec![Found::File(CorpusFile {
        relative: relative.to_path_buf(),
        size,
        mtime_ns,
    })]
}

/// A name for a file type that is neither a file, a folder nor a link.
fn kind_name(kind: &FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    let _ = kind;
    "a special file"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(root: &Path, relative: &str, bytes: &[u8]) {
        let path = root.join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }

    #[test]
    fn files_come_out_in_path_order_with_their_sizes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        // "a" sorts before "a-b.md" as a component, though '-' < '/' as bytes.
        for (relative, bytes) in [
            ("a-b.md", &b"12"[..]),
            ("a/x.md", b"1"),
            ("a/b/c.txt", b"123"),
            ("b.rst", b""),
            ("README.md", b"not an article"),
            ("notes.json", b"{}"),
            ("z/README.txt", b"no"),
            ("z/y.markdown", b"1234"),
        ] {
            touch(root, relative, bytes);
        }
        let walk = walk_corpus(root).expect("walk");
        let paths: Vec<&Path> = walk.files.iter().map(|f| f.relative.as_path()).collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted, "path order");
        assert_eq!(
            paths,
            ["a/b/c.txt", "a/x.md", "a-b.md", "b.rst", "z/y.markdown"]
                .map(Path::new)
                .to_vec()
        );
        let sizes: Vec<u64> = walk.files.iter().map(|f| f.size).collect();
        assert_eq!(sizes, [3, 1, 2, 0, 4]);
        assert!(walk.files.iter().all(|f| f.mtime_ns > 0));
        assert!(walk.passed_over.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn links_are_passed_over_never_followed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        touch(root, "real.md", b"x");
        std::os::unix::fs::symlink(root.join("real.md"), root.join("link.md")).expect("link");
        std::os::unix::fs::symlink(root, root.join("loop")).expect("loop");
        let walk = walk_corpus(root).expect("walk");
        assert_eq!(walk.files.len(), 1);
        let passed: Vec<&Path> = walk
            .passed_over
            .iter()
            .map(|p| p.relative.as_path())
            .collect();
        assert_eq!(passed, [Path::new("link.md"), Path::new("loop")]);
        assert!(walk.passed_over[0].reason.contains("symbolic link"));
    }

    #[test]
    fn a_missing_corpus_is_an_error_naming_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("corpus");
        let err = walk_corpus(&missing).expect_err("missing corpus");
        assert!(format!("{err:#}").contains("corpus"), "{err:#}");
    }
}
