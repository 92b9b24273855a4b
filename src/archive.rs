//! The archive folder: where `corpus/` and `index/` are, how an archive is
//! found and made, which files in the corpus are articles, and the sidecar
//! catalog of metadata.

use crate::error::Error;
use crate::model::{Catalog, CatalogEntry};
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// File name of the sidecar catalog inside `corpus/`.
pub const CATALOG_FILE: &str = "catalog.toml";

/// Extensions read as articles.
pub const ARTICLE_EXTENSIONS: &[&str] = &["md", "markdown", "txt", "rst"];

/// A located archive folder.
#[derive(Debug, Clone)]
pub struct Archive {
    pub root: PathBuf,
}

impl Archive {
    /// Find the archive: `explicit` (from `--archive` / `CLAIMDEX_ARCHIVE`)
    /// or the first folder from the current one upward that holds `corpus/`.
    pub fn locate(explicit: Option<&Path>) -> Result<Archive> {
        if let Some(dir) = explicit {
            if !dir.join("corpus").is_dir() {
                return Err(Error::NoArchive(format!(
                    "{} has no corpus/ folder (make one with `claimdex init {}`)",
                    dir.display(),
                    dir.display()
                ))
                .into());
            }
            return Ok(Archive {
                root: dir.to_path_buf(),
            });
        }
        let cwd = std::env::current_dir().context("cannot read the current folder")?;
        for dir in cwd.ancestors() {
            if dir.join("corpus").is_dir() {
                return Ok(Archive {
                    root: dir.to_path_buf(),
                });
            }
        }
        Err(Error::NoArchive(format!(
            "no corpus/ folder in {} or above it; pass --archive DIR or run `claimdex init DIR`",
            cwd.display()
        ))
        .into())
    }

    /// Make a new, empty archive in `dir`.
    pub fn init(dir: &Path) -> Result<Archive> {
        std::fs::create_dir_all(dir.join("corpus"))
            .with_context(|| format!("cannot create {}", dir.join("corpus").display()))?;
        std::fs::create_dir_all(dir.join("index"))
            .with_context(|| format!("cannot create {}", dir.join("index").display()))?;
        Ok(Archive {
            root: dir.to_path_buf(),
        })
    }

    pub fn corpus_dir(&self) -> PathBuf {
        self.root.join("corpus")
    }

    pub fn index_dir(&self) -> PathBuf {
        self.root.join("index")
    }

    /// The article files under `corpus/`, as paths relative to it, sorted.
    /// README files (a corpus's own description) and the catalog are not articles.
    pub fn corpus_files(&self) -> Result<Vec<PathBuf>> {
        Ok(self.walk_corpus()?.files)
    }

    /// Walk `corpus/`: the article files (as in [`Archive::corpus_files`])
    /// and the entries passed over with the reason. Symbolic links are never
    /// followed (a link may point out of the corpus or into a loop; the
    /// archive keeps the originals themselves), and FIFOs, sockets and
    /// devices are never opened (reading one could block forever). A folder
    /// below `corpus/` that cannot be read is passed over and the walk goes
    /// on; `corpus/` itself unreadable is an error (passing it over would
    /// read as every file deleted).
    pub fn walk_corpus(&self) -> Result<CorpusWalk> {
        let corpus = self.corpus_dir();
        let mut walk = CorpusWalk::default();
        let relative_of = |path: &Path| {
            path.strip_prefix(&corpus)
                .map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
        };
        for entry in walkdir::WalkDir::new(&corpus).follow_links(false) {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) if err.depth() == 0 => {
                    return Err(err).with_context(|| format!("cannot read {}", corpus.display()));
                }
                Err(err) => {
                    let relative = err.path().map(relative_of).unwrap_or_default();
                    let reason = match err.io_error() {
                        Some(io) => format!("cannot be read: {io}"),
                        None => format!("cannot be read: {err}"),
                    };
                    walk.passed_over.push(PassedOver { relative, reason });
                    continue;
                }
            };
            let kind = entry.file_type();
            if kind.is_symlink() {
                let target = std::fs::read_link(entry.path())
                    .map(|t| t.display().to_string())
                    .unwrap_or_else(|_| "?".to_string());
                walk.passed_over.push(PassedOver {
                    relative: relative_of(entry.path()),
                    reason: format!(
                        "a symbolic link (to {target}); links in corpus/ are not followed: \
                         put the file itself in corpus/"
                    ),
                });
                continue;
            }
            if kind.is_dir() || !is_article_file(entry.path()) {
                continue;
            }
            if !kind.is_file() {
                walk.passed_over.push(PassedOver {
                    relative: relative_of(entry.path()),
                    reason: format!("not a regular file ({}); not read", kind_name(&kind)),
                });
                continue;
            }
            let is_readme = entry
                .file_name()
                .to_str()
                .is_some_and(|name| name.to_ascii_lowercase().starts_with("readme."));
            if is_readme {
                continue;
            }
            if let Ok(relative) = entry.path().strip_prefix(&corpus) {
                walk.files.push(relative.to_path_buf());
            }
        }
        walk.files.sort();
        walk.passed_over.sort_by(|a, b| a.relative.cmp(&b.relative));
        Ok(walk)
    }

    /// Load `corpus/catalog.toml`; an absent catalog is an empty one.
    pub fn catalog(&self) -> Result<Catalog> {
        load_catalog(&self.corpus_dir().join(CATALOG_FILE))
    }
}

/// What a walk of `corpus/` found.
#[derive(Debug, Default)]
pub struct CorpusWalk {
    /// Article files, relative to `corpus/`, sorted.
    pub files: Vec<PathBuf>,
    /// Entries not read (links, FIFOs, unreadable folders), with why.
    pub passed_over: Vec<PassedOver>,
}

/// A corpus entry the walk did not read.
#[derive(Debug, Clone)]
pub struct PassedOver {
    /// Path relative to `corpus/`.
    pub relative: PathBuf,
    pub reason: String,
}

/// A name for a file type that is neither a file, a folder nor a link.
fn kind_name(kind: &std::fs::FileType) -> &'static str {
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

/// Read a catalog file; a missing file is an empty catalog, a malformed one
/// an error naming the file and line.
pub fn load_catalog(path: &Path) -> Result<Catalog> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Catalog::default()),
        Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
    };
    toml::from_str(&text).with_context(|| format!("malformed catalog {}", path.display()))
}

impl Catalog {
    /// The entry for a corpus file, by its path relative to `corpus/`.
    pub fn entry(&self, relative: &str) -> Option<&CatalogEntry> {
        self.articles.iter().find(|entry| entry.file == relative)
    }
}

/// True when the file name has an article extension.
pub fn is_article_file(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| ARTICLE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// The article id for a path relative to `corpus/`: the path without its
/// extension, with `/` separators (`rust-rfcs/0001-private-fields`).
pub fn article_id(relative: &Path) -> String {
    let without_ext = relative.with_extension("");
    without_ext
        .components()
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_ids_keep_folders_and_drop_extensions() {
        assert_eq!(
            article_id(Path::new("000_6552e8afb05e4dcc.txt")),
            "000_6552e8afb05e4dcc"
        );
        assert_eq!(
            article_id(Path::new("rust-rfcs/0001-private-fields.md")),
            "rust-rfcs/0001-private-fields"
        );
    }

    #[test]
    fn shipped_catalog_parses() {
        let catalog =
            load_catalog(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/catalog.toml"))
                .expect("catalog parses");
        assert!(catalog.entry("002_f21834c6df345147.txt").is_some());
    }
}
