//! The archive folder: where `corpus/` and `index/` are, how an archive is
//! found and made, which files in the corpus are articles, and the sidecar
//! catalog of metadata.

use crate::error::Error;
use crate::model::{Catalog, CatalogEntry};
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

mod walk;
pub use walk::{mtime_ns, CorpusFile, CorpusWalk, PassedOver};

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
        Ok(self
            .walk_corpus()?
            .files
            .into_iter()
            .map(|file| file.relative)
            .collect())
    }

    /// Walk `corpus/` (see [`walk::walk_corpus`]): every article file with
    /// its size and time, and the entries passed over with the reason.
    pub fn walk_corpus(&self) -> Result<CorpusWalk> {
        walk::walk_corpus(&self.corpus_dir())
    }

    /// Load `corpus/catalog.toml`; an absent catalog is an empty one.
    pub fn catalog(&self) -> Result<Catalog> {
        load_catalog(&self.corpus_dir().join(CATALOG_FILE))
    }
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
