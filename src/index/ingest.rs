//! Ingest: corpus files to one committed generation of the index.
//!
//! Incremental by content hash: a file whose bytes (and catalog entry) are
//! unchanged since the last ingest is not parsed again; a changed file's
//! documents are deleted by path and re-added; a file gone from `corpus/`
//! loses its documents. All of that, the manifest documents and the payload
//! go into a single commit. Files are read, hashed and parsed on every core
//! (rayon) in small batches, the next batch parsed while the last one is
//! written, so memory stays bounded by two batches plus the writer's budget
//! however large the corpus (the summary's per-file warnings are what still
//! grows with it). `--rebuild` builds a new index beside the old one,
//! verifies it opens, then swaps the folders.

use super::documents::{article_documents, skipped_document};
use super::freshness::Fingerprint;
use super::schema::{self, Fields, ManifestRecord, Payload};
use super::{damaged, read_error, ArchiveIndex};
use crate::archive::{article_id, Archive};
use crate::error::Error;
use crate::model::Catalog;
use crate::parse::{content_hash, parse_guarded, SourceFile};
use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use tantivy::directory::error::LockError;
use tantivy::directory::{Directory, DirectoryLock, INDEX_WRITER_LOCK};
use tantivy::indexer::UserOperation;
use tantivy::{Index, IndexWriter, TantivyDocument, TantivyError, Term};

/// How an ingest runs.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Build a new index from scratch (beside the old one, then swap).
    pub rebuild: bool,
    /// Files larger than this are skipped with the reason.
    pub max_file_size: u64,
    /// Show a progress bar (only ever drawn when stderr is a terminal).
    pub progress: bool,
    /// The writer's memory budget in bytes, shared by its threads.
    pub writer_budget: usize,
    /// Indexing threads of the writer; 0 is one per core (at most 4).
    pub writer_threads: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            rebuild: false,
            max_file_size: 16 * 1024 * 1024,
            progress: true,
            writer_budget: 128 * 1024 * 1024,
            writer_threads: 0,
        }
    }
}

/// What one ingest did: the counts of `ingest --json`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestSummary {
    /// Files ingested for the first time.
    pub added: u64,
    /// Files whose content changed and were re-indexed.
    pub updated: u64,
    /// Files gone from `corpus/` whose claims were removed.
    pub removed: u64,
    /// Files unchanged since the last ingest (not parsed again).
    pub unchanged: u64,
    /// Claims indexed by this ingest (from added and updated files).
    pub claims: u64,
    /// Files skipped (unreadable, too large, not text, parser failure).
    pub skipped: u64,
    /// Per-file warnings: skipped files with their reason, unresolved
    /// citations, parser warnings.
    pub warnings: Vec<FileWarning>,
    /// Whether a new generation was committed (false when nothing changed).
    pub committed: bool,
}

/// One warning about one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileWarning {
    /// `corpus/...` path.
    pub path: String,
    /// `skipped`, `unresolved_citation` or `parser`.
    pub kind: WarningKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    Skipped,
    UnresolvedCitation,
    Parser,
}

/// What the index recorded about a file before this ingest.
struct Previous {
    record: ManifestRecord,
    skipped: bool,
}

/// The result of reading one file.
enum Outcome {
    Unchanged,
    Parsed(Box<crate::model::Article>),
    Skipped(String),
}

struct FileResult {
    path: String,
    article_id: String,
    hash: String,
    catalog_hash: String,
    size: u64,
    mtime_ns: i128,
    outcome: Outcome,
}

/// Files per batch and bytes per batch: two batches are held in memory at
/// once (one written while the next is parsed), and parsed text takes about
/// ten times its size (claims, spans, dates, quotations).
const BATCH_FILES: usize = 64;
const BATCH_BYTES: u64 = 4 * 1024 * 1024;

/// Ingest the archive's corpus into its index.
pub fn run(archive: &Archive, options: &IngestOptions) -> Result<IngestSummary> {
    if options.rebuild {
        return rebuild(archive, options);
    }
    let dir = archive.index_dir();
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let index = if dir.join("meta.json").is_file() {
        let index = Index::open_in_dir(&dir).map_err(|err| {
            read_error(format!("cannot open the index in {}", dir.display()), err)
        })?;
        if has_commit(&index)? {
            super::integrity::check_on_open(&index, &dir)?;
        } else if !schema::is_current(&index) {
            // Created by another claimdex version and never committed: it
            // holds nothing, so build this version's index in its place.
            drop(index);
            return rebuild(archive, options);
        }
        index
    } else {
        match schema::create_in_dir(&dir) {
            Ok(index) => index,
            Err(TantivyError::IndexAlreadyExists) => return Err(Error::IndexLocked.into()),
            Err(err) => {
                return Err(err)
                    .with_context(|| format!("cannot create the index in {}", dir.display()))
            }
        }
    };
    let summary = ingest_into(archive, &index, options)
        .with_context(|| format!("index folder {}", dir.display()))?;
    if summary.committed {
        // Read the new segments back once: readers then trust them by stamp.
        super::integrity::check_on_open(&index, &dir)
            .context("the generation just committed does not verify")?;
    }
    Ok(summary)
}

/// Ingest the archive's corpus into an opened index: one new generation
/// from what changed since the committed one (all of it when nothing is
/// committed yet). `run` opens the index folder and calls this; tests call
/// it on an index over their own `Directory` (fault injection).
pub fn ingest_into(
    archive: &Archive,
    index: &Index,
    options: &IngestOptions,
) -> Result<IngestSummary> {
    let committed = has_commit(index)?;
    let writer = open_writer(index, options)?;
    // A commit that failed part-way (I/O error, full disk, kill) leaves
    // files no commit lists. The retry would want some of the same names
    // (`<segment>.<opstamp>.del`: opstamps repeat) and fail on every run;
    // remove them first.
    writer
        .garbage_collect_files()
        .wait()
        .context("cannot remove files a failed ingest left in the index folder")?;
    let previous = if committed {
        previous_manifest(index)?
    } else {
        (HashMap::new(), None)
    };
    write_generation(archive, index, writer, previous, options, !committed)
}

/// Whether the index holds a claimdex commit. A created index whose first
/// ingest never committed (interrupted) has no payload and no segments: it
/// is empty, not damaged. A payload of another schema, or segments without
/// a payload, are damage.
fn has_commit(index: &Index) -> Result<bool> {
    let metas = index
        .load_metas()
        .map_err(|err| read_error("cannot read the index metadata", err))?;
    if metas.payload.is_none() && metas.segments.is_empty() {
        return Ok(false);
    }
    super::read_payload(index)?;
    Ok(true)
}

/// Build the index afresh beside the old one, verify it, then swap.
fn rebuild(archive: &Archive, options: &IngestOptions) -> Result<IngestSummary> {
    let dir = archive.index_dir();
    // Keep other ingests out of the old index while the new one is built.
    let _old_lock = if dir.join("meta.json").is_file() {
        match tantivy::directory::MmapDirectory::open(&dir) {
            Ok(directory) => Some(lock_writer(&directory)?),
            Err(_) => None,
        }
    } else {
        None
    };
    let fresh = archive.root.join("index.rebuild");
    if fresh.exists() {
        std::fs::remove_dir_all(&fresh)
            .with_context(|| format!("cannot remove the leftover {}", fresh.display()))?;
    }
    std::fs::create_dir_all(&fresh)
        .with_context(|| format!("cannot create {}", fresh.display()))?;
    let index = schema::create_in_dir(&fresh)
        .with_context(|| format!("cannot create a new index in {}", fresh.display()))?;
    let writer = open_writer(&index, options)?;
    let summary = write_generation(
        archive,
        &index,
        writer,
        (HashMap::new(), None),
        options,
        true,
    )?;
    drop(index);
    let report = super::integrity::check_dir(&fresh);
    if let Some(problem) = report.problems.first() {
        return Err(anyhow::anyhow!(
            "the rebuilt index in {} does not verify ({}: {}); the old index is left in place",
            fresh.display(),
            problem.file.as_deref().unwrap_or("index"),
            problem.message
        ));
    }
    // The folder's own description is not part of the index: carry it over.
    let readme = dir.join("README.md");
    if readme.is_file() {
        std::fs::copy(&readme, fresh.join("README.md"))
            .with_context(|| format!("cannot copy {}", readme.display()))?;
    }
    swap_folders(&fresh, &dir)?;
    // `fresh` now holds the old index (or nothing); the new one is in place.
    drop(_old_lock);
    if fresh.exists() {
        std::fs::remove_dir_all(&fresh)
            .with_context(|| format!("cannot remove the old index, now in {}", fresh.display()))?;
    }
    Ok(summary)
}

/// Put the folder `new` in place of `old` in one step, so a reader finds
/// either the old index or the new one at `old`, never no index: Linux's
/// `renameat2(RENAME_EXCHANGE)` swaps the two; where the file system cannot
/// (or `old` does not exist), plain renames do, with a moment without `old`.
fn swap_folders(new: &Path, old: &Path) -> Result<()> {
    if old.exists() {
        let exchanged = rustix::fs::renameat_with(
            rustix::fs::CWD,
            new,
            rustix::fs::CWD,
            old,
            rustix::fs::RenameFlags::EXCHANGE,
        );
        if exchanged.is_ok() {
            return Ok(());
        }
        let aside = old.with_extension("old");
        if aside.exists() {
            std::fs::remove_dir_all(&aside)
                .with_context(|| format!("cannot remove {}", aside.display()))?;
        }
        std::fs::rename(old, &aside)
            .with_context(|| format!("cannot move {} aside", old.display()))?;
        std::fs::rename(new, old)
            .with_context(|| format!("cannot move the rebuilt index to {}", old.display()))?;
        return std::fs::rename(&aside, new)
            .with_context(|| format!("cannot move the old index to {}", new.display()));
    }
    std::fs::rename(new, old)
        .with_context(|| format!("cannot move the rebuilt index to {}", old.display()))
}

/// Take the writer lock of an index folder without opening a writer.
fn lock_writer(directory: &dyn Directory) -> Result<DirectoryLock> {
    directory
        .acquire_lock(&INDEX_WRITER_LOCK)
        .map_err(|err| match err {
            LockError::LockBusy => Error::IndexLocked.into(),
            other => anyhow::Error::from(other).context("cannot lock the index for writing"),
        })
}

/// Open the index writer; another process holding it is `Error::IndexLocked`.
fn open_writer(index: &Index, options: &IngestOptions) -> Result<IndexWriter> {
    let threads = match options.writer_threads {
        0 => std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .clamp(1, 4),
        n => n,
    };
    let budget = options.writer_budget.max(threads * 16 * 1024 * 1024);
    // The same tokens as the built-in analyzers, with repeated work memoised.
    super::analysis::register(index);
    match index.writer_with_num_threads(threads, budget) {
        Ok(writer) => Ok(writer),
        Err(TantivyError::LockFailure(LockError::LockBusy, _)) => Err(Error::IndexLocked.into()),
        Err(TantivyError::LockFailure(LockError::IoError(io), _)) => Err(anyhow::anyhow!(
            "cannot write the index folder: {io} (searches still read it; make the folder \
             writable to ingest)"
        )),
        Err(err) => Err(err).context("cannot open the index for writing"),
    }
}

/// The manifest of the committed generation, by path.
fn previous_manifest(index: &Index) -> Result<(HashMap<String, Previous>, Option<String>)> {
    let reading = ArchiveIndex::from_index(index.clone())?;
    let fingerprint = reading.payload().corpus_fingerprint.clone();
    let mut previous = HashMap::new();
    for entry in reading.manifest()? {
        let skipped = entry.record.skipped.is_some();
        previous.insert(
            entry.record.path.clone(),
            Previous {
                record: entry.record,
                skipped,
            },
        );
    }
    Ok((previous, Some(fingerprint)))
}

/// Read, parse and write every corpus file, then commit once.
fn write_generation(
    archive: &Archive,
    index: &Index,
    mut writer: IndexWriter,
    (previous, previous_fingerprint): (HashMap<String, Previous>, Option<String>),
    options: &IngestOptions,
    force_commit: bool,
) -> Result<IngestSummary> {
    let fields = Fields::of(&index.schema())
        .map_err(|err| damaged(format!("the index schema is not claimdex's: {err}")))?;
    let catalog = archive.catalog()?;
    let corpus = archive.corpus_dir();
    let walk = archive.walk_corpus()?;
    let sized: Vec<(PathBuf, u64)> = walk
        .files
        .into_iter()
        .map(|file| (file.relative, file.size))
        .collect();
    let total_bytes: u64 = sized.iter().map(|(_, size)| *size).sum();
    let id_owners = id_owners(&sized);
    let progress = progress_bar(options.progress, total_bytes);

    let mut summary = IngestSummary::default();
    for entry in &walk.passed_over {
        summary.skipped += 1;
        summary.warnings.push(FileWarning {
            path: format!(
                "corpus/{}",
                entry.relative.to_string_lossy().replace('\\', "/")
            ),
            kind: WarningKind::Skipped,
            message: entry.reason.clone(),
        });
    }
    let mut taken = Taken::default();
    let parse = |batch: &[(PathBuf, u64)]| -> Vec<FileResult> {
        batch
            .par_iter()
            .map(|(relative, _)| match id_owners.get(relative) {
                Some(owner) => clashing_file(&corpus, relative, owner, &catalog),
                None => read_file(&corpus, relative, &catalog, &previous, options),
            })
            .collect()
    };
    // Two batches at most are in memory: the one being written while the
    // next one is read and parsed.
    let batches = batches(&sized);
    let mut parsed = batches.first().map(|batch| parse(batch));
    for (i, batch) in batches.iter().enumerate() {
        let results = parsed.take().unwrap_or_default();
        let (next, written) = rayon::join(
            || batches.get(i + 1).map(|next| parse(next)),
            || -> Result<()> {
                for result in results {
                    taken.take(result, &previous, &fields, &mut writer, &mut summary)?;
                }
                Ok(())
            },
        );
        written?;
        parsed = next;
        progress.inc(batch.iter().map(|(_, size)| *size).sum());
    }
    let Taken {
        current,
        seen,
        mut fingerprint,
    } = taken;
    for path in previous.keys() {
        if !seen.contains(path) {
            writer.delete_term(Term::from_field_text(fields.path, path));
            summary.removed += 1;
        }
    }
    progress.finish_and_clear();
    let (catalog_size, catalog_mtime) =
        std::fs::metadata(corpus.join(crate::archive::CATALOG_FILE))
            .map_or((0, 0), |m| (m.len(), mtime_ns(&m)));
    fingerprint.add(schema::CATALOG_PATH, catalog_size, catalog_mtime);
    let corpus_fingerprint = fingerprint.finish();

    let changed = summary.added + summary.updated + summary.removed > 0;
    let fingerprint_moved = previous_fingerprint.as_deref() != Some(corpus_fingerprint.as_str());
    if changed || force_commit || fingerprint_moved {
        let payload = Payload {
            schema_version: schema::SCHEMA_VERSION,
            claimdex_version: env!("CARGO_PKG_VERSION").to_string(),
            articles: current.values().filter(|(skipped, _)| !skipped).count() as u64,
            skipped: current.values().filter(|(skipped, _)| *skipped).count() as u64,
            claims: current.values().map(|(_, claims)| claims).sum(),
            corpus_fingerprint,
            opstamp: 0,
            seal: String::new(),
        };
        let mut prepared = writer
            .prepare_commit()
            .context("cannot prepare the index commit")?;
        let payload = Payload {
            opstamp: prepared.opstamp(),
            ..payload
        }
        .sealed();
        prepared.set_payload(&serde_json::to_string(&payload)?);
        prepared.commit().context("cannot commit the index")?;
        // tantivy syncs before renaming meta.json, not after: close that window.
        index
            .directory()
            .sync_directory()
            .context("cannot sync the index folder")?;
        summary.committed = true;
    }
    writer
        .wait_merging_threads()
        .context("the index merge failed")?;
    Ok(summary)
}

/// What the files written so far add up to.
#[derive(Default)]
struct Taken {
    /// path -> (skipped, claims) of the generation being written
    current: BTreeMap<String, (bool, u64)>,
    seen: HashSet<String>,
    fingerprint: Fingerprint,
}

impl Taken {
    /// Write one file's result into the generation: its documents, or its
    /// deletion and manifest record, and its warnings.
    fn take(
        &mut self,
        result: FileResult,
        previous: &HashMap<String, Previous>,
        fields: &Fields,
        writer: &mut IndexWriter,
        summary: &mut IngestSummary,
    ) -> Result<()> {
        let before = previous.get(&result.path);
        self.fingerprint
            .add(&result.path, result.size, result.mtime_ns);
        self.seen.insert(result.path.clone());
        let path_term = Term::from_field_text(fields.path, &result.path);
        match result.outcome {
            Outcome::Unchanged => {
                summary.unchanged += 1;
                let before = before.context("an unchanged file has no previous record")?;
                if let Some(reason) = &before.record.skipped {
                    summary.skipped += 1;
                    summary.warnings.push(FileWarning {
                        path: result.path.clone(),
                        kind: WarningKind::Skipped,
                        message: format!("{reason} (unchanged since the last ingest)"),
                    });
                }
                self.current
                    .insert(result.path, (before.skipped, before.record.claims));
            }
            Outcome::Parsed(article) => {
                if before.is_some() {
                    writer.delete_term(path_term);
                    summary.updated += 1;
                } else {
                    summary.added += 1;
                }
                article_warnings(&article, &mut summary.warnings);
                let docs = article_documents(
                    fields,
                    &article,
                    &result.catalog_hash,
                    result.size,
                    result.mtime_ns,
                )?;
                add_all(writer, docs)?;
                summary.claims += article.claims.len() as u64;
                self.current
                    .insert(result.path, (false, article.claims.len() as u64));
            }
            Outcome::Skipped(reason) => {
                if before.is_some() {
                    writer.delete_term(path_term);
                    summary.updated += 1;
                } else {
                    summary.added += 1;
                }
                summary.skipped += 1;
                summary.warnings.push(FileWarning {
                    path: result.path.clone(),
                    kind: WarningKind::Skipped,
                    message: reason.clone(),
                });
                let record = ManifestRecord {
                    article_id: result.article_id.clone(),
                    path: result.path.clone(),
                    hash: result.hash,
                    catalog_hash: result.catalog_hash,
                    size: result.size,
                    mtime_ns: result.mtime_ns,
                    claims: 0,
                    skipped: Some(reason),
                    article: None,
                };
                add(writer, skipped_document(fields, &record)?)?;
                self.current.insert(result.path, (true, 0));
            }
        }
        Ok(())
    }
}

/// Split the files into batches of bounded count and size.
fn batches(files: &[(PathBuf, u64)]) -> Vec<&[(PathBuf, u64)]> {
    let mut batches = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (i, (_, size)) in files.iter().enumerate() {
        if i > start && (i - start >= BATCH_FILES || bytes + size > BATCH_BYTES) {
            batches.push(&files[start..i]);
            start = i;
            bytes = 0;
        }
        bytes += size;
    }
    if start < files.len() {
        batches.push(&files[start..]);
    }
    batches
}

/// Read one file, decide whether it changed, and parse it if so.
fn read_file(
    corpus: &Path,
    relative: &Path,
    catalog: &Catalog,
    previous: &HashMap<String, Previous>,
    options: &IngestOptions,
) -> FileResult {
    let relative_str = relative.to_string_lossy().replace('\\', "/");
    let path = format!("corpus/{relative_str}");
    let entry = catalog.entry(&relative_str);
    let catalog_hash = catalog_hash(entry);
    let mut result = FileResult {
        path,
        article_id: article_id(relative),
        hash: String::new(),
        catalog_hash,
        size: 0,
        mtime_ns: 0,
        outcome: Outcome::Unchanged,
    };
    let full = corpus.join(relative);
    let (metadata, file) = match open_regular(&full) {
        Ok(opened) => opened,
        Err(reason) => {
            result.outcome = Outcome::Skipped(reason);
            return result;
        }
    };
    result.size = metadata.len();
    result.mtime_ns = mtime_ns(&metadata);
    if metadata.len() > options.max_file_size {
        // Not read at all: size and time stand in for the hash.
        result.hash = format!("unread:{}:{}", result.size, result.mtime_ns);
        result.outcome = Outcome::Skipped(over_the_limit(metadata.len(), options.max_file_size));
        return unchanged_or(result, previous);
    }
    // Never more than the limit, even if the file grows while it is read.
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    let read = std::io::Read::read_to_end(
        &mut std::io::Read::take(file, options.max_file_size.saturating_add(1)),
        &mut bytes,
    );
    if let Err(err) = read {
        result.outcome = Outcome::Skipped(format!("cannot read the file: {err}"));
        return result;
    }
    if bytes.len() as u64 > options.max_file_size {
        result.outcome =
            Outcome::Skipped(over_the_limit(bytes.len() as u64, options.max_file_size));
        return result;
    }
    result.hash = content_hash(&bytes);
    if previous.get(&result.path).is_some_and(|before| {
        before.record.hash == result.hash && before.record.catalog_hash == result.catalog_hash
    }) {
        return result;
    }
    let source = SourceFile {
        id: result.article_id.clone(),
        path: result.path.clone(),
        bytes: &bytes,
        catalog: entry,
    };
    result.outcome = match parse_guarded(&source) {
        Ok(mut article) => {
            article.ingested =
                Some(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
            Outcome::Parsed(Box::new(article))
        }
        Err(err) => Outcome::Skipped(err.to_string()),
    };
    result
}

/// The reason a file over `--max-file-size` is skipped.
fn over_the_limit(size: u64, limit: u64) -> String {
    format!("{size} bytes is over the {limit}-byte limit (--max-file-size)")
}

/// Open a corpus file for reading, if it is a regular file. The file is
/// opened without blocking and checked through its handle, so a FIFO or
/// socket that took a file's place after the walk is refused, never read
/// (reading a FIFO waits for a writer forever).
fn open_regular(path: &Path) -> Result<(std::fs::Metadata, std::fs::File), String> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options
        .open(path)
        .map_err(|err| format!("cannot read the file: {err}"))?;
    let metadata = file
        .metadata()
        .map_err(|err| format!("cannot read the file: {err}"))?;
    if !metadata.is_file() {
        return Err("not a regular file (a FIFO, socket or device); not read".to_string());
    }
    Ok((metadata, file))
}

/// Files whose article id another corpus file already has (`a.md` and
/// `a.txt` are both `a`), each with the file that keeps the id (the first in
/// path order). Two articles under one id would mix their claims and show
/// one file's claims at the other's path, so the later file is skipped and
/// named instead.
fn id_owners(files: &[(PathBuf, u64)]) -> HashMap<PathBuf, PathBuf> {
    let mut first_with: HashMap<String, &PathBuf> = HashMap::new();
    let mut clashes = HashMap::new();
    for (relative, _) in files {
        match first_with.entry(article_id(relative)) {
            std::collections::hash_map::Entry::Occupied(owner) => {
                clashes.insert(relative.clone(), (*owner.get()).clone());
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(relative);
            }
        }
    }
    clashes
}

/// The result for a file skipped because its article id is taken. Its hash
/// is left empty, so the next ingest reads it again (the clash may be gone).
fn clashing_file(corpus: &Path, relative: &Path, owner: &Path, catalog: &Catalog) -> FileResult {
    let relative_str = relative.to_string_lossy().replace('\\', "/");
    let metadata = std::fs::metadata(corpus.join(relative)).ok();
    FileResult {
        path: format!("corpus/{relative_str}"),
        article_id: article_id(relative),
        hash: String::new(),
        catalog_hash: catalog_hash(catalog.entry(&relative_str)),
        size: metadata.as_ref().map_or(0, std::fs::Metadata::len),
        mtime_ns: metadata.as_ref().map_or(0, mtime_ns),
        outcome: Outcome::Skipped(format!(
            "its article id `{}` is already that of corpus/{}; rename one of the two files",
            article_id(relative),
            owner.to_string_lossy().replace('\\', "/")
        )),
    }
}

/// The hash of a file's catalog entry (empty when it has none).
pub fn catalog_hash(entry: Option<&crate::model::CatalogEntry>) -> String {
    entry
        .map(|entry| content_hash(toml::to_string(entry).unwrap_or_default().as_bytes()))
        .unwrap_or_default()
}

/// A skipped-unread file whose size and time match its record is unchanged.
fn unchanged_or(mut result: FileResult, previous: &HashMap<String, Previous>) -> FileResult {
    if previous
        .get(&result.path)
        .is_some_and(|before| before.skipped && before.record.hash == result.hash)
    {
        result.outcome = Outcome::Unchanged;
    }
    result
}

use crate::archive::mtime_ns;

/// Add an article's documents as one batch: tantivy hands a batch to one
/// indexing thread, so an article's claims stay side by side in one segment
/// (neighbours compress together in the document store).
fn add_all(writer: &mut IndexWriter, docs: Vec<TantivyDocument>) -> Result<()> {
    let operations: Vec<UserOperation> = docs.into_iter().map(UserOperation::Add).collect();
    match writer.run(operations) {
        Ok(_) => Ok(()),
        Err(err) => Err(add_failed(writer, err)),
    }
}

/// Add one document.
fn add(writer: &mut IndexWriter, doc: TantivyDocument) -> Result<()> {
    match writer.add_document(doc) {
        Ok(_) => Ok(()),
        Err(err) => Err(add_failed(writer, err)),
    }
}

/// The error of a failed add. When the indexing thread has died (an I/O
/// error while it wrote a segment, a full disk), adding only says "An index
/// writer was killed"; the thread's own error comes out of joining it, which
/// `prepare_commit` does first. Nothing is committed: the writer is dropped.
fn add_failed(writer: &mut IndexWriter, err: TantivyError) -> anyhow::Error {
    let error = match writer.prepare_commit() {
        Err(cause) => anyhow::Error::new(cause).context("the indexing thread failed"),
        Ok(_abandoned) => anyhow::Error::new(err),
    };
    error.context("cannot add a document to the index")
}

/// The warnings a parsed article carries.
fn article_warnings(article: &crate::model::Article, warnings: &mut Vec<FileWarning>) {
    for item in &article.report.unresolved_markers {
        let lines: Vec<String> = item.lines.iter().map(u32::to_string).collect();
        warnings.push(FileWarning {
            path: article.path.clone(),
            kind: WarningKind::UnresolvedCitation,
            message: format!(
                "citation [{}] has no definition (line {})",
                item.label,
                lines.join(", ")
            ),
        });
    }
    for message in &article.report.warnings {
        warnings.push(FileWarning {
            path: article.path.clone(),
            kind: WarningKind::Parser,
            message: message.clone(),
        });
    }
}

fn progress_bar(wanted: bool, total_bytes: u64) -> indicatif::ProgressBar {
    if !wanted || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total_bytes),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "ingesting {bar:40} {bytes}/{total_bytes} ({bytes_per_sec}, {eta})",
    ) {
        bar.set_style(style);
    }
    bar
}

/// Copy files and folders given to `ingest` into `corpus/` (article files
/// only; a path already inside `corpus/` stays where it is). Returns the
/// corpus-relative paths now holding them.
pub fn copy_into_corpus(archive: &Archive, paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let corpus = archive.corpus_dir();
    let corpus_real = std::fs::canonicalize(&corpus)
        .with_context(|| format!("cannot read {}", corpus.display()))?;
    let mut copied = Vec::new();
    for path in paths {
        let real = std::fs::canonicalize(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        if let Ok(inside) = real.strip_prefix(&corpus_real) {
            copied.push(inside.to_path_buf());
            continue;
        }
        let name = real
            .file_name()
            .with_context(|| format!("{} has no file name", path.display()))?;
        if real.is_dir() {
            for entry in walkdir::WalkDir::new(&real).follow_links(false) {
                let entry = entry.with_context(|| format!("cannot walk {}", real.display()))?;
                if !entry.file_type().is_file() || !crate::archive::is_article_file(entry.path()) {
                    continue;
                }
                let Ok(below) = entry.path().strip_prefix(&real) else {
                    continue;
                };
                let target = Path::new(name).join(below);
                copy_file(entry.path(), &corpus.join(&target))?;
                copied.push(target);
            }
        } else {
            if !crate::archive::is_article_file(&real) {
                return Err(Error::Usage(format!(
                    "{} is not an article file (.md, .markdown, .txt, .rst)",
                    path.display()
                ))
                .into());
            }
            copy_file(&real, &corpus.join(name))?;
            copied.push(PathBuf::from(name));
        }
    }
    Ok(copied)
}

/// Copy one file into the corpus. A corpus file is the archived original:
/// one with the same name and other bytes is never overwritten (the copy is
/// refused, naming both); one with the same bytes is left as it is.
fn copy_file(from: &Path, to: &Path) -> Result<()> {
    if to.exists() {
        let same = std::fs::read(from)
            .ok()
            .is_some_and(|bytes| std::fs::read(to).is_ok_and(|archived| archived == bytes));
        if same {
            return Ok(());
        }
        return Err(Error::Usage(format!(
            "{} is already in the corpus with other content ({}); the archived copy is kept: \
             rename the new file, or edit the corpus file itself and run `claimdex ingest`",
            from.display(),
            to.display()
        ))
        .into());
    }
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::copy(from, to)
        .with_context(|| format!("cannot copy {} to {}", from.display(), to.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file that vanished between the walk and the read is skipped with
    /// the reason, not an error of the whole ingest.
    #[test]
    fn a_file_gone_before_it_is_read_is_skipped_with_the_reason() {
        let corpus = tempfile::tempdir().unwrap();
        let result = read_file(
            corpus.path(),
            Path::new("vanished.md"),
            &Catalog::default(),
            &HashMap::new(),
            &IngestOptions::default(),
        );
        match result.outcome {
            Outcome::Skipped(reason) => {
                assert!(reason.contains("cannot read the file"), "{reason}")
            }
            _ => panic!("a vanished file was not skipped"),
        }
    }

    /// A FIFO that took a file's place after the walk is refused through
    /// its handle, without blocking on it.
    #[cfg(unix)]
    #[test]
    fn a_fifo_in_a_files_place_is_refused_without_blocking() {
        let corpus = tempfile::tempdir().unwrap();
        let fifo = corpus.path().join("x.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|status| status.success()));
        let reason = open_regular(&fifo).map(|_| ()).unwrap_err();
        assert!(reason.contains("not a regular file"), "{reason}");
    }
}
