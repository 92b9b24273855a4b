//! Is the index up to date with `corpus/`? A cheap fingerprint of the corpus
//! (paths, sizes and modification times) is kept in the commit payload; when
//! the corpus's current fingerprint differs, the files whose size or time
//! moved are hashed to tell a real change from a mere `touch`.

use super::schema::CATALOG_PATH;
use super::ArchiveIndex;
use crate::archive::Archive;
use anyhow::Result;
use std::collections::HashMap;

/// Incremental fingerprint of `(path, size, mtime)` triples, fed in path order.
#[derive(Default)]
pub struct Fingerprint {
    hasher: blake3::Hasher,
}

impl Fingerprint {
    pub fn add(&mut self, path: &str, size: u64, mtime_ns: i128) {
        self.hasher.update(path.as_bytes());
        self.hasher.update(&[0]);
        self.hasher.update(&size.to_le_bytes());
        self.hasher.update(&mtime_ns.to_le_bytes());
    }

    pub fn finish(&self) -> String {
        self.hasher.finalize().to_hex().to_string()
    }
}

/// One corpus file's path (`corpus/...`), size and modification time.
pub struct Stat {
    pub path: String,
    pub size: u64,
    pub mtime_ns: i128,
}

/// Every article file's path, size and time, in path order (one walk; the
/// catalog is added by [`fingerprint_of`]).
pub fn stat_corpus(archive: &Archive) -> Result<Vec<Stat>> {
    let stats = archive
        .walk_corpus()?
        .files
        .into_iter()
        .map(|file| Stat {
            path: format!(
                "corpus/{}",
                file.relative.to_string_lossy().replace('\\', "/")
            ),
            size: file.size,
            mtime_ns: file.mtime_ns,
        })
        .collect();
    Ok(stats)
}

/// The fingerprint of stats plus the catalog file's.
pub fn fingerprint_of(archive: &Archive, stats: &[Stat]) -> String {
    let mut fingerprint = Fingerprint::default();
    for stat in stats {
        fingerprint.add(&stat.path, stat.size, stat.mtime_ns);
    }
    let (size, mtime_ns) =
        std::fs::metadata(archive.corpus_dir().join(crate::archive::CATALOG_FILE))
            .map_or((0, 0), |m| (m.len(), crate::archive::mtime_ns(&m)));
    fingerprint.add(CATALOG_PATH, size, mtime_ns);
    fingerprint.finish()
}

/// How the corpus differs from what the index holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Staleness {
    /// Files in `corpus/` the index does not know.
    pub added: Vec<String>,
    /// Files whose content (or catalog entry) changed since ingest.
    pub changed: Vec<String>,
    /// Files the index holds that are gone from `corpus/`.
    pub removed: Vec<String>,
}

impl Staleness {
    pub fn is_stale(&self) -> bool {
        !(self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty())
    }

    /// One line for stderr.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        for (list, what) in [
            (&self.added, "new"),
            (&self.changed, "changed"),
            (&self.removed, "removed"),
        ] {
            if let Some(first) = list.first() {
                let more = if list.len() > 1 {
                    format!(" and {} more", list.len() - 1)
                } else {
                    String::new()
                };
                parts.push(format!("{what}: {first}{more}"));
            }
        }
        format!(
            "the index is stale, corpus/ changed since the last ingest ({}); run `claimdex ingest`",
            parts.join("; ")
        )
    }
}

/// Compare the corpus with the index, cheaply: files whose size and time
/// match what was ingested are taken as unchanged without reading them.
pub fn check(archive: &Archive, index: &ArchiveIndex) -> Result<Staleness> {
    compare(archive, index, false)
}

/// Compare the corpus with the index by content: every file is read and
/// hashed, whatever its size and time say (`claimdex check --corpus`).
pub fn check_hashes(archive: &Archive, index: &ArchiveIndex) -> Result<Staleness> {
    compare(archive, index, true)
}

fn compare(archive: &Archive, index: &ArchiveIndex, hash_every_file: bool) -> Result<Staleness> {
    let stats = stat_corpus(archive)?;
    if !hash_every_file && index.payload().corpus_fingerprint == fingerprint_of(archive, &stats) {
        return Ok(Staleness::default());
    }
    let catalog = archive.catalog()?;
    let mut recorded: HashMap<String, super::schema::ManifestRecord> = index
        .manifest_files()?
        .into_iter()
        .map(|entry| (entry.record.path.clone(), entry.record))
        .collect();
    let mut staleness = Staleness::default();
    for stat in stats {
        let Some(record) = recorded.remove(&stat.path) else {
            staleness.added.push(stat.path);
            continue;
        };
        let relative = stat.path.trim_start_matches("corpus/");
        let catalog_hash = super::ingest::catalog_hash(catalog.entry(relative));
        if catalog_hash != record.catalog_hash {
            staleness.changed.push(stat.path);
            continue;
        }
        if !hash_every_file && stat.size == record.size && stat.mtime_ns == record.mtime_ns {
            continue;
        }
        let same = if record.hash.starts_with("unread:") {
            false
        } else {
            std::fs::read(archive.root.join(&stat.path))
                .map(|bytes| crate::parse::content_hash(&bytes) == record.hash)
                .unwrap_or(false)
        };
        if !same {
            staleness.changed.push(stat.path);
        }
    }
    staleness.removed = recorded.into_keys().collect();
    staleness.removed.sort();
    Ok(staleness)
}
