//! Integrity of a committed index: `claimdex check` (everything) and the
//! cheap check every reader runs when it opens the index.
//!
//! What can be wrong, and how each is caught:
//! - `meta.json` unreadable, or changed: it must parse, its commit payload
//!   must match its seal and name the same commit, its schema must be ours;
//! - a segment file missing, truncated or with any byte changed: every file
//!   the commit lists must exist and pass tantivy's footer checksum;
//! - documents lost or doubled: the live documents must be exactly what the
//!   payload counts (one manifest document per file plus its claims), and each
//!   article must hold as many claims as its manifest document records.
//!
//! Readers check checksums only of files they have not seen pass before:
//! a file's name, size and time are remembered in `index/.claimdex-verified`
//! once its checksum passed (a cache: deleting it costs one full check), so a
//! search pays the full read once per new segment, not on every run.

use super::schema::{self, Fields, KIND_ARTICLE, KIND_CLAIM, KIND_SKIPPED};
use super::{damaged, read_error, ArchiveIndex};
use crate::error::Error;
use anyhow::Result;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, Term};

/// The cache of files whose checksum passed.
pub const VERIFIED_FILE: &str = ".claimdex-verified";

/// tantivy's list of the files it manages.
const MANAGED_FILE: &str = ".managed.json";
const META_FILE: &str = "meta.json";

/// What `claimdex check` found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IntegrityReport {
    /// The index folder checked.
    pub index: String,
    /// The commit (tantivy opstamp) the index opens at, when it opens.
    pub generation: Option<u64>,
    /// Segments and files of that commit, and how many files were read whole.
    pub segments: usize,
    pub files: usize,
    pub files_checksummed: usize,
    /// Live documents: manifest documents (articles and skipped files) and claims.
    pub articles: u64,
    pub skipped: u64,
    pub claims: u64,
    /// Every problem found; empty when the index is whole.
    pub problems: Vec<Problem>,
}

/// One problem, with the file it is in when it is in one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub file: Option<String>,
    pub message: String,
    /// The index is whole but was written with another schema version:
    /// outdated rather than damaged (the remedy, `ingest --rebuild`, is the same).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub outdated: bool,
}

impl IntegrityReport {
    pub fn is_whole(&self) -> bool {
        self.problems.is_empty()
    }

    /// Whether every problem is an outdated schema (nothing is damaged).
    pub fn is_outdated(&self) -> bool {
        !self.problems.is_empty() && self.problems.iter().all(|p| p.outdated)
    }

    fn problem(&mut self, file: Option<&Path>, message: impl Into<String>) {
        self.problems.push(Problem {
            file: file.map(|f| f.display().to_string()),
            message: message.into(),
            outdated: false,
        });
    }

    /// A problem from an error: an index error's own words (the advice to
    /// rebuild is given once, by the caller), anything else with its causes.
    fn problem_from(&mut self, file: Option<&Path>, err: &anyhow::Error) {
        let typed = err.downcast_ref::<Error>();
        let message = match typed.and_then(Error::index_problem) {
            Some(what) => what.to_string(),
            None => format!("{err:#}"),
        };
        self.problem(file, message);
        if let (Some(Error::IndexOutdated(_)), Some(last)) = (typed, self.problems.last_mut()) {
            last.outdated = true;
        }
    }
}

/// Check the index in `dir` completely: metadata, every file's checksum,
/// and the documents against the manifest. Never fails: what cannot be
/// read is a problem in the report.
pub fn check_dir(dir: &Path) -> IntegrityReport {
    let mut report = IntegrityReport {
        index: dir.display().to_string(),
        ..IntegrityReport::default()
    };
    let meta = dir.join(META_FILE);
    if !meta.is_file() {
        report.problem(Some(&meta), "missing: the folder holds no committed index");
        return report;
    }
    let index = match Index::open_in_dir(dir) {
        Ok(index) => index,
        Err(err) => {
            report.problem(Some(&meta), format!("the index does not open: {err}"));
            return report;
        }
    };
    if let Err(err) = check_metadata(&index, dir) {
        report.problem_from(Some(&meta), &err);
        return report;
    }
    let files = match segment_files(&index) {
        Ok(files) => files,
        Err(err) => {
            report.problem_from(Some(&meta), &err);
            return report;
        }
    };
    report.segments = files.segments;
    report.files = files.paths.len();
    if let Err(message) = check_managed_list(&index, dir, &files) {
        report.problem(Some(&dir.join(MANAGED_FILE)), message);
    }
    for path in &files.paths {
        report.files_checksummed += 1;
        if let Err(message) = checksum(&index, dir, path) {
            report.problem(Some(&dir.join(path)), message);
        }
    }
    let missing = files
        .paths
        .iter()
        .filter(|path| !dir.join(path).is_file())
        .count();
    if missing > 0 {
        // Either the files went, or meta.json changed and names others.
        report.problem(
            Some(&meta),
            format!(
                "names {missing} file(s) that are not in the folder: those files were deleted, or meta.json changed"
            ),
        );
    }
    if !report.is_whole() {
        return report;
    }
    match ArchiveIndex::from_index(index) {
        Ok(opened) => {
            report.generation = Some(opened.payload().opstamp);
            if let Err(err) = check_documents(&opened, &mut report) {
                report.problem_from(None, &err);
            }
        }
        Err(err) => report.problem_from(Some(&meta), &err),
    }
    if report.is_whole() {
        remember_verified(dir, &files.paths);
    }
    report
}

/// The cheap check a reader runs on open: metadata, every listed file
/// present, and the checksum of every file not verified before.
pub fn check_on_open(index: &Index, dir: &Path) -> Result<()> {
    check_metadata(index, dir)?;
    let files = segment_files(index)?;
    check_managed_list(index, dir, &files)
        .map_err(|message| damaged(format!("{}: {message}", dir.join(MANAGED_FILE).display())))?;
    let verified = read_verified(dir);
    let mut newly_verified = false;
    for path in &files.paths {
        let full = dir.join(path);
        let Ok(metadata) = std::fs::metadata(&full) else {
            return Err(damaged(format!("{}: missing", full.display())));
        };
        if verified.get(&path_key(path)) == Some(&stamp(&metadata)) {
            continue;
        }
        checksum(index, dir, path)
            .map_err(|message| damaged(format!("{}: {message}", full.display())))?;
        newly_verified = true;
    }
    if newly_verified {
        remember_verified(dir, &files.paths);
    }
    Ok(())
}

/// `meta.json`: a sealed payload of our schema version naming this commit
/// (see `read_payload`), and exactly our schema.
fn check_metadata(index: &Index, dir: &Path) -> Result<()> {
    let metas = index
        .load_metas()
        .map_err(|err| read_error("cannot read the index metadata", err))?;
    super::payload_of(&metas)?;
    // tantivy writes meta.json as the pretty JSON of its metadata plus a
    // newline; written back from what was read, it must give the same bytes.
    // A changed byte that still parses (a renamed key taking its default, a
    // digit) is caught here even where it changes nothing else.
    let mut canonical = serde_json::to_vec_pretty(&metas)?;
    canonical.push(b'\n');
    let on_disk = std::fs::read(dir.join(META_FILE))
        .map_err(|err| damaged(format!("cannot read meta.json: {err}")))?;
    if on_disk != canonical {
        return Err(damaged(
            "meta.json is not as tantivy wrote it (a byte of it changed)",
        ));
    }
    let ours = serde_json::to_value(schema::build())?;
    let theirs = serde_json::to_value(index.schema())?;
    if ours != theirs {
        return Err(damaged(
            "the schema in meta.json is not the one this claimdex writes",
        ));
    }
    Fields::of(&index.schema()).map_err(|err| damaged(format!("the index schema: {err}")))?;
    if serde_json::to_value(&metas.index_settings)? != serde_json::to_value(schema::settings())? {
        return Err(damaged(
            "the index settings in meta.json are not the ones this claimdex writes",
        ));
    }
    Ok(())
}

/// `.managed.json`, tantivy's list of the files it owns (what its garbage
/// collection may delete), must exist and list every file the commit needs,
/// `meta.json` included (tantivy's own set of living files holds it; a bit
/// flip inside that entry once passed unseen).
fn check_managed_list(index: &Index, dir: &Path, files: &SegmentFiles) -> Result<(), String> {
    if !dir.join(MANAGED_FILE).is_file() {
        return Err("missing: tantivy's list of its files is gone".to_string());
    }
    let managed = index.directory().list_managed_files();
    let meta = Path::new(META_FILE);
    let needed = std::iter::once(meta).chain(files.paths.iter().map(PathBuf::as_path));
    match needed.into_iter().find(|path| !managed.contains(*path)) {
        Some(path) => Err(format!(
            "does not list {}, a file of the commit",
            path.display()
        )),
        None => Ok(()),
    }
}

struct SegmentFiles {
    segments: usize,
    paths: Vec<PathBuf>,
}

/// Every file the committed generation needs, in name order.
fn segment_files(index: &Index) -> Result<SegmentFiles> {
    let metas = index
        .load_metas()
        .map_err(|err| damaged(format!("cannot read the index metadata: {err}")))?;
    let mut paths: Vec<PathBuf> = metas
        .list_segment_files()
        .into_iter()
        .filter(|path| needed(path, &metas.segments))
        .collect();
    paths.sort();
    Ok(SegmentFiles {
        segments: metas.segments.len(),
        paths,
    })
}

/// tantivy lists a delete file for every segment and a temporary store for
/// some; only the delete file of a segment with deletes must exist.
fn needed(path: &Path, segments: &[tantivy::index::SegmentMeta]) -> bool {
    let name = path.to_string_lossy();
    if name.ends_with(".store.temp") {
        return false;
    }
    if name.ends_with(".del") {
        return segments.iter().any(|segment| {
            segment.has_deletes()
                && segment.relative_path(tantivy::index::SegmentComponent::Delete) == path
        });
    }
    true
}

/// Read a file whole and compare it with its footer checksum.
fn checksum(index: &Index, dir: &Path, path: &Path) -> std::result::Result<(), String> {
    if !dir.join(path).is_file() {
        return Err("missing: the commit lists it but it is not in the folder".to_string());
    }
    match index.directory().validate_checksum(path) {
        Ok(true) => footer_is_ours(&dir.join(path)),
        Ok(false) => Err("checksum mismatch: the file's bytes changed since it was written".into()),
        Err(err) => Err(format!("unreadable or truncated: {err}")),
    }
}

/// tantivy's checksum covers a file's data, not its footer (the JSON of the
/// writer's version and the checksum, then its length and a magic number),
/// so a changed digit of the version would pass. Every file of the index
/// was written by this tantivy: its footer must be exactly what this
/// tantivy writes for the checksum it holds.
fn footer_is_ours(path: &Path) -> std::result::Result<(), String> {
    #[derive(Serialize)]
    struct FooterText<'a> {
        version: &'a tantivy::Version,
        crc: u32,
    }
    #[derive(Deserialize)]
    struct FooterCrc {
        crc: u32,
    }
    let bad = || "its footer is not the one tantivy writes (a byte of it changed)".to_string();
    let text = footer_text(path)?;
    let text = &text[..];
    let crc = serde_json::from_slice::<FooterCrc>(text)
        .map_err(|_| bad())?
        .crc;
    let ours = serde_json::to_vec(&FooterText {
        version: tantivy::version(),
        crc,
    })
    .map_err(|_| bad())?;
    if ours == text {
        Ok(())
    } else {
        Err(bad())
    }
}

/// The footer's JSON text of an index file: only the file's tail is read
/// (its last 8 bytes say how long the footer is), so checking a file costs
/// no memory however large it is.
fn footer_text(path: &Path) -> std::result::Result<Vec<u8>, String> {
    use std::io::{Read, Seek, SeekFrom};
    let bad = || "its footer is not the one tantivy writes (a byte of it changed)".to_string();
    let unreadable = |err: std::io::Error| format!("unreadable: {err}");
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    let tail = size.checked_sub(8).ok_or_else(bad)?;
    let mut last = [0u8; 8];
    file.seek(SeekFrom::Start(tail)).map_err(unreadable)?;
    file.read_exact(&mut last).map_err(unreadable)?;
    let length = u64::from(u32::from_le_bytes([last[0], last[1], last[2], last[3]]));
    // A footer is a short JSON text; a huge length is a changed byte.
    if length > 64 * 1024 {
        return Err(bad());
    }
    let start = tail.checked_sub(length).ok_or_else(bad)?;
    let mut text = vec![0u8; length as usize];
    file.seek(SeekFrom::Start(start)).map_err(unreadable)?;
    file.read_exact(&mut text).map_err(unreadable)?;
    Ok(text)
}

/// Live documents against the payload and each article's manifest record.
fn check_documents(index: &ArchiveIndex, report: &mut IntegrityReport) -> Result<()> {
    let fields = index.fields();
    let count_kind = |kind: &str| -> Result<u64> {
        let query = TermQuery::new(
            Term::from_field_text(fields.kind, kind),
            IndexRecordOption::Basic,
        );
        Ok(index.searcher().search(&query, &Count)? as u64)
    };
    report.articles = count_kind(KIND_ARTICLE)?;
    report.skipped = count_kind(KIND_SKIPPED)?;
    report.claims = count_kind(KIND_CLAIM)?;
    let payload = index.payload();
    let counted = (report.articles, report.skipped, report.claims);
    let recorded = (payload.articles, payload.skipped, payload.claims);
    if counted != recorded {
        report.problem(
            None,
            format!(
                "the index holds {} articles, {} skipped files and {} claims, but its commit recorded {}, {} and {}",
                counted.0, counted.1, counted.2, recorded.0, recorded.1, recorded.2
            ),
        );
    }
    let total = report.articles + report.skipped + report.claims;
    if index.searcher().num_docs() != total {
        report.problem(
            None,
            format!(
                "the index holds {} documents, of which only {total} are articles, skipped files or claims",
                index.searcher().num_docs()
            ),
        );
    }
    for entry in index.manifest_files()? {
        if entry.record.skipped.is_some() {
            continue;
        }
        let query = BooleanQuery::intersection(vec![
            Box::new(TermQuery::new(
                Term::from_field_text(fields.kind, KIND_CLAIM),
                IndexRecordOption::Basic,
            )),
            Box::new(TermQuery::new(
                Term::from_field_text(fields.path, &entry.record.path),
                IndexRecordOption::Basic,
            )),
        ]);
        let claims = index.searcher().search(&query, &Count)? as u64;
        if claims != entry.record.claims {
            report.problem(
                None,
                format!(
                    "{}: the index holds {claims} claims of it, its manifest records {}",
                    entry.record.path, entry.record.claims
                ),
            );
        }
    }
    Ok(())
}

/// A file's size and modification time, as remembered once verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    size: u64,
    mtime_ns: i128,
}

fn stamp(metadata: &std::fs::Metadata) -> Stamp {
    Stamp {
        size: metadata.len(),
        mtime_ns: crate::archive::mtime_ns(metadata),
    }
}

fn path_key(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn read_verified(dir: &Path) -> BTreeMap<String, Stamp> {
    std::fs::read(dir.join(VERIFIED_FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// Remember the files of this generation as verified. Best effort: a
/// read-only index folder only means the next reader checks again.
fn remember_verified(dir: &Path, paths: &[PathBuf]) {
    let mut verified = BTreeMap::new();
    for path in paths {
        if let Ok(metadata) = std::fs::metadata(dir.join(path)) {
            verified.insert(path_key(path), stamp(&metadata));
        }
    }
    let Ok(text) = serde_json::to_vec(&verified) else {
        return;
    };
    let temporary = dir.join(format!("{VERIFIED_FILE}.{}", std::process::id()));
    if std::fs::write(&temporary, text).is_ok()
        && std::fs::rename(&temporary, dir.join(VERIFIED_FILE)).is_err()
    {
        let _ = std::fs::remove_file(&temporary);
    }
}
