//! Model-based property test of incremental ingest (RELIABILITY.md §4 H3,
//! issue 8): random sequences of create / edit / delete / rename / touch /
//! catalog edit / ingest on a real archive, in process. The model is the
//! corpus as a map path -> bytes plus the catalog entries by path. Some
//! texts carry a BOM, CRLF ends, an invalid UTF-8 byte or a NUL (the last
//! two must be recorded as skipped, with the parser's reason). After every ingest the index must hold exactly the model's
//! paths, each article with the claims `claimdex::parse` gives for those
//! bytes, and the ingest must count as added / updated / removed exactly the
//! files that differ from the model at the previous ingest (a touch changes
//! nothing). An interrupted ingest (an I/O error at a random operation
//! through `FaultyDirectory`, once or from then on) must leave the index at
//! the corpus before it or the corpus now, never a mix; the next ingest
//! converges. Article texts are made of sentences from the seed articles, with
//! footnotes (defined or not) and dates, so claims, citations and dates occur.
//!
//! 256 cases by default; `PROPTEST_CASES=N` for more.

use crate::common;
use crate::faults::directory;

use claimdex::archive::{article_id, Archive};
use claimdex::index::ingest::{self, IngestOptions};
use claimdex::index::ArchiveIndex;
use claimdex::model::{Catalog, CatalogEntry};
use claimdex::parse::{parse_guarded, SourceFile};
use directory::{FaultyDirectory, Plan};
use proptest::prelude::*;
use proptest::test_runner::{FileFailurePersistence, TestRunner};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering::SeqCst};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime};

/// Where files live; each slot keeps its extension, so no two files share
/// an article id.
const SLOTS: &[&str] = &[
    "a.md",
    "b.txt",
    "c.md",
    "sub/d.md",
    "sub/e.txt",
    "sub/deeper/f.md",
];

/// Sentences cut from the seed articles (long enough to be claims).
fn sentences() -> &'static [String] {
    static POOL: OnceLock<Vec<String>> = OnceLock::new();
    POOL.get_or_init(|| {
        let mut pool = vec![
            "On 12 March 2019, the council voted to remove the cameras.".to_string(),
            "The report, published in May 2021, counted 1,200 devices.".to_string(),
            "“We did not know,” the mayor said on Tuesday.".to_string(),
            "According to Reuters, the ban took effect on January 1, 2020.".to_string(),
        ];
        let mut names: Vec<_> = std::fs::read_dir(common::corpus_dir())
            .expect("corpus/")
            .map(|entry| entry.expect("entry").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
            .collect();
        names.sort();
        for path in names {
            let text = std::fs::read_to_string(&path).expect("seed text");
            for line in text.lines() {
                for sentence in line.split_inclusive(". ") {
                    let sentence = sentence.trim();
                    let plain = !sentence.starts_with(['#', '[', '*', '|', '-', '>', '!']);
                    if plain && (40..240).contains(&sentence.len()) && pool.len() < 160 {
                        pool.push(sentence.to_string());
                    }
                }
            }
        }
        pool
    })
}

/// An article: paragraphs of (sentence, footnote on it), a title, and
/// whether the footnotes are defined.
#[derive(Debug, Clone)]
struct Text {
    title: Option<usize>,
    paragraphs: Vec<Vec<(usize, bool)>>,
    defined: bool,
    /// 0: none; 1: a UTF-8 BOM; 2: CRLF line ends; 3: an invalid UTF-8
    /// byte; 4: a NUL byte (the last two are skipped with the reason).
    mangle: u8,
}

impl Text {
    fn render(&self) -> Vec<u8> {
        let pool = sentences();
        let mut out = String::new();
        if let Some(title) = self.title {
            let words: Vec<&str> = pool[title % pool.len()].split(' ').take(6).collect();
            out.push_str(&format!("# {}\n\n", words.join(" ")));
        }
        let mut notes = 0;
        for paragraph in &self.paragraphs {
            let mut line = Vec::new();
            for (sentence, footnote) in paragraph {
                let mut text = pool[sentence % pool.len()].clone();
                if *footnote {
                    notes += 1;
                    text.push_str(&format!("[^{notes}]"));
                }
                line.push(text);
            }
            out.push_str(&line.join(" "));
            out.push_str("\n\n");
        }
        if self.defined {
            for n in 1..=notes {
                out.push_str(&format!("[^{n}]: Source {n}, The Record, 4 June 2019.\n"));
            }
        }
        let mut bytes = match self.mangle {
            2 => out.replace('\n', "\r\n").into_bytes(),
            _ => out.into_bytes(),
        };
        let middle = bytes.len() / 2;
        match self.mangle {
            1 => bytes.splice(0..0, [0xEF, 0xBB, 0xBF]).for_each(drop),
            3 => bytes.insert(middle, 0xFF),
            4 => bytes.insert(middle, 0),
            _ => {}
        }
        bytes
    }
}

#[derive(Debug, Clone)]
enum Op {
    /// Write a new file at a slot (replacing one already there).
    Create(usize, Text),
    /// Rewrite the n-th existing file.
    Edit(usize, Text),
    /// Delete the n-th existing file.
    Delete(usize),
    /// Move the n-th existing file to a slot (replacing what is there).
    Rename(usize, usize),
    /// Change the n-th existing file's modification time only.
    Touch(usize),
    /// Set (outlet, publication date) or remove the catalog entry of the
    /// n-th existing file.
    Catalog(usize, Option<(usize, usize)>),
    Ingest,
    /// Ingest with an I/O error at the k-th operation (from then on when
    /// `true`): the interrupted ingest of RELIABILITY.md B1.
    IngestFaulted(u64, bool),
}

fn text() -> impl Strategy<Value = Text> {
    (
        proptest::option::of(0..1000usize),
        prop::collection::vec(
            prop::collection::vec((0..1000usize, prop::bool::weighted(0.3)), 1..4),
            0..4,
        ),
        prop::bool::weighted(0.8),
        prop_oneof![12 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8), 1 => Just(3u8), 1 => Just(4u8)],
    )
        .prop_map(|(title, paragraphs, defined, mangle)| Text {
            title,
            paragraphs,
            defined,
            mangle,
        })
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..SLOTS.len(), text()).prop_map(|(slot, text)| Op::Create(slot, text)),
        2 => (0..8usize, text()).prop_map(|(n, text)| Op::Edit(n, text)),
        1 => (0..8usize).prop_map(Op::Delete),
        1 => (0..8usize, 0..SLOTS.len()).prop_map(|(n, slot)| Op::Rename(n, slot)),
        1 => (0..8usize).prop_map(Op::Touch),
        2 => (0..8usize, proptest::option::of((0..3usize, 0..3usize)))
            .prop_map(|(n, entry)| Op::Catalog(n, entry)),
        2 => Just(Op::Ingest),
        1 => (1..160u64, any::<bool>()).prop_map(|(k, persistent)| Op::IngestFaulted(k, persistent)),
    ]
}

fn options() -> IngestOptions {
    IngestOptions {
        progress: false,
        writer_budget: 16 * 1024 * 1024,
        writer_threads: 1,
        ..IngestOptions::default()
    }
}

/// The model: the corpus files (path relative to `corpus/` -> bytes) and
/// the catalog entries (by path; an entry may outlive its file).
#[derive(Debug, Clone, Default, PartialEq)]
struct Corpus {
    files: BTreeMap<String, Vec<u8>>,
    catalog: BTreeMap<String, CatalogEntry>,
}

const OUTLETS: &[&str] = &["Reuters", "The Record", "CDT"];
const PUBLISHED: &[&str] = &["2019-11-06", "2021-05-01", "1999-12-31"];

/// The n-th existing path of the model (None when the corpus is empty).
fn nth(model: &Corpus, n: usize) -> Option<String> {
    if model.files.is_empty() {
        return None;
    }
    model.files.keys().nth(n % model.files.len()).cloned()
}

fn write(corpus: &Path, relative: &str, bytes: &[u8]) {
    let path = corpus.join(relative);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, bytes).expect("write");
}

/// Apply one corpus change to the folder and the model.
fn apply(op: &Op, corpus: &Path, model: &mut Corpus) {
    match op {
        Op::Create(slot, text) => {
            let bytes = text.render();
            write(corpus, SLOTS[*slot], &bytes);
            model.files.insert(SLOTS[*slot].to_string(), bytes);
        }
        Op::Edit(n, text) => {
            if let Some(path) = nth(model, *n) {
                let bytes = text.render();
                write(corpus, &path, &bytes);
                model.files.insert(path, bytes);
            }
        }
        Op::Delete(n) => {
            if let Some(path) = nth(model, *n) {
                std::fs::remove_file(corpus.join(&path)).expect("delete");
                model.files.remove(&path);
            }
        }
        Op::Rename(n, slot) => {
            if let Some(path) = nth(model, *n) {
                let to = SLOTS[*slot];
                if path != to {
                    std::fs::create_dir_all(corpus.join(to).parent().expect("parent"))
                        .expect("mkdir");
                    std::fs::rename(corpus.join(&path), corpus.join(to)).expect("rename");
                    let bytes = model.files.remove(&path).expect("in the model");
                    model.files.insert(to.to_string(), bytes);
                }
            }
        }
        Op::Touch(n) => {
            if let Some(path) = nth(model, *n) {
                let file = std::fs::File::options()
                    .write(true)
                    .open(corpus.join(&path))
                    .expect("open");
                let later = SystemTime::now() + Duration::from_secs(3600 + *n as u64);
                file.set_modified(later).expect("set mtime");
            }
        }
        Op::Catalog(n, entry) => {
            if let Some(path) = nth(model, *n) {
                match entry {
                    Some((outlet, published)) => {
                        let entry = CatalogEntry {
                            file: path.clone(),
                            outlet: Some(OUTLETS[*outlet].to_string()),
                            published: Some(PUBLISHED[*published].to_string()),
                            ..CatalogEntry::default()
                        };
                        model.catalog.insert(path, entry);
                    }
                    None => {
                        model.catalog.remove(&path);
                    }
                }
                let catalog = Catalog {
                    articles: model.catalog.values().cloned().collect(),
                };
                let text = toml::to_string(&catalog).expect("catalog TOML");
                std::fs::write(corpus.join("catalog.toml"), text).expect("write the catalog");
            }
        }
        Op::Ingest | Op::IngestFaulted(..) => {}
    }
}

/// The claims (as JSON) `claimdex::parse` gives for a file's bytes, parsed
/// the way ingest parses it; `Err` when ingest would skip it.
fn parsed_claims(
    relative: &str,
    bytes: &[u8],
    catalog: Option<&CatalogEntry>,
) -> Result<Vec<serde_json::Value>, String> {
    let source = SourceFile {
        id: article_id(Path::new(relative)),
        path: format!("corpus/{relative}"),
        bytes,
        catalog,
    };
    let article = parse_guarded(&source).map_err(|err| err.to_string())?;
    Ok(article
        .claims
        .iter()
        .map(|claim| serde_json::to_value(claim).expect("claim JSON"))
        .collect())
}

/// Ingest and compare the index with the model; `last` is the corpus the
/// index held before (empty when nothing was committed yet).
fn ingest_and_check(archive: &Archive, model: &Corpus, last: &Corpus) -> Result<(), TestCaseError> {
    let summary = ingest::run(archive, &options())
        .map_err(|err| TestCaseError::fail(format!("ingest failed: {err:#}")))?;
    let (files, before) = (&model.files, &last.files);
    let added = files.keys().filter(|p| !before.contains_key(*p)).count() as u64;
    let removed = before.keys().filter(|p| !files.contains_key(*p)).count() as u64;
    let updated = files
        .iter()
        .filter(|(p, bytes)| {
            before
                .get(*p)
                .is_some_and(|was| was != *bytes || model.catalog.get(*p) != last.catalog.get(*p))
        })
        .count() as u64;
    let catalog_only = files
        .iter()
        .filter(|(p, bytes)| {
            before.get(*p) == Some(*bytes) && model.catalog.get(*p) != last.catalog.get(*p)
        })
        .count() as u64;
    CATALOG_UPDATES.fetch_add(catalog_only, SeqCst);
    prop_assert_eq!(
        (summary.added, summary.updated, summary.removed),
        (added, updated, removed),
        "added, updated, removed"
    );
    prop_assert_eq!(summary.unchanged, files.len() as u64 - added - updated);
    index_matches(archive, model)
}

/// Files checked as skipped (invalid UTF-8, NUL), and files re-read for a
/// catalog edit alone.
static SKIPPED_SEEN: AtomicU64 = AtomicU64::new(0);
static CATALOG_UPDATES: AtomicU64 = AtomicU64::new(0);

/// Interrupted ingests: [succeeded anyway, failed with the new corpus
/// committed, failed leaving the index as it was].
static FAULTED: [AtomicU64; 3] = [const { AtomicU64::new(0) }; 3];

/// An ingest over a `FaultyDirectory` that fails at the k-th operation
/// (once or from then on). The index must then hold what it held before
/// (`last`; nothing committed when `None`) or the whole corpus now, never a
/// mix, and no panic. Returns what the index holds.
fn faulted_ingest(
    archive: &Archive,
    model: &Corpus,
    last: Option<&Corpus>,
    plan: Plan,
) -> Result<Option<Corpus>, TestCaseError> {
    let dir = archive.index_dir();
    if !dir.join("meta.json").is_file() {
        drop(claimdex::index::schema::create_in_dir(&dir).expect("create the index"));
    }
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let index = tantivy::Index::open(FaultyDirectory::open(&dir, plan))?;
        ingest::ingest_into(archive, &index, &options())
    }));
    let error = match outcome {
        Err(_) => {
            return Err(TestCaseError::fail(format!(
                "{plan:?}: the ingest panicked"
            )))
        }
        Ok(result) => result.err().map(|err| format!("{err:#}")),
    };
    if index_matches(archive, model).is_ok() {
        FAULTED[usize::from(error.is_some())].fetch_add(1, SeqCst);
        return Ok(Some(model.clone()));
    }
    FAULTED[2].fetch_add(1, SeqCst);
    match last {
        Some(last) => index_matches(archive, last).map_err(|err| {
            TestCaseError::fail(format!(
                "{plan:?}: after `{error:?}` the index is neither the corpus before nor now: {err}"
            ))
        })?,
        None => {
            let metas = tantivy::Index::open_in_dir(&dir)
                .and_then(|index| index.load_metas())
                .map_err(|err| TestCaseError::fail(format!("{plan:?}: {err}")))?;
            prop_assert!(
                metas.payload.is_none() && metas.segments.is_empty(),
                "{:?}: a failed first ingest left a partial commit",
                plan
            );
        }
    }
    Ok(last.cloned())
}

/// The index holds exactly the model: its paths, hashes and claims.
fn index_matches(archive: &Archive, model: &Corpus) -> Result<(), TestCaseError> {
    let index = ArchiveIndex::open_dir(&archive.index_dir())
        .map_err(|err| TestCaseError::fail(format!("index does not open: {err:#}")))?;
    let manifest = index
        .manifest()
        .map_err(|err| TestCaseError::fail(format!("{err:#}")))?;
    let indexed: Vec<String> = manifest.iter().map(|e| e.record.path.clone()).collect();
    let expected: Vec<String> = model.files.keys().map(|p| format!("corpus/{p}")).collect();
    prop_assert_eq!(&indexed, &expected, "paths in the index");
    let mut claims_total = 0u64;
    for entry in &manifest {
        let relative = entry.record.path.trim_start_matches("corpus/");
        let bytes = &model.files[relative];
        prop_assert_eq!(&entry.record.hash, &claimdex::parse::content_hash(bytes));
        prop_assert_eq!(
            &entry.record.catalog_hash,
            &ingest::catalog_hash(model.catalog.get(relative)),
            "catalog entry of {}",
            relative
        );
        match parsed_claims(relative, bytes, model.catalog.get(relative)) {
            Ok(claims) => {
                prop_assert_eq!(&entry.record.skipped, &None, "{} skipped", relative);
                let article = index
                    .article(&entry.article_id)
                    .map_err(|err| TestCaseError::fail(format!("{err:#}")))?
                    .ok_or_else(|| TestCaseError::fail(format!("{relative}: no article")))?;
                let stored: Vec<serde_json::Value> = article
                    .claims
                    .iter()
                    .map(|claim| serde_json::to_value(claim).expect("claim JSON"))
                    .collect();
                prop_assert_eq!(entry.record.claims, claims.len() as u64);
                prop_assert_eq!(&stored, &claims, "claims of {}", relative);
                claims_total += claims.len() as u64;
            }
            Err(reason) => {
                SKIPPED_SEEN.fetch_add(1, SeqCst);
                prop_assert_eq!(
                    entry.record.skipped.as_ref(),
                    Some(&reason),
                    "{} parses with an error but was indexed",
                    relative
                );
            }
        }
    }
    prop_assert_eq!(index.payload().claims, claims_total, "payload claim count");
    Ok(())
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(256);
    ProptestConfig::with_cases(cases)
}

/// One case: apply the ops (and a last ingest) to a fresh archive,
/// checking the index after every ingest. Returns the number of ingests.
fn run_case(ops: &[Op]) -> Result<u64, TestCaseError> {
    let dir = common::scratch_dir();
    let archive = Archive::init(dir.path()).expect("archive");
    let corpus = archive.corpus_dir();
    let mut model = Corpus::default();
    // What the index holds: None until something is committed.
    let mut last: Option<Corpus> = None;
    let mut ingests = 0;
    for op in ops.iter().chain([&Op::Ingest]) {
        apply(op, &corpus, &mut model);
        match op {
            Op::Ingest => {
                ingest_and_check(&archive, &model, &last.unwrap_or_default())?;
                last = Some(model.clone());
                ingests += 1;
            }
            Op::IngestFaulted(k, persistent) => {
                let plan = match persistent {
                    true => Plan::FailFrom(*k),
                    false => Plan::FailOnce(*k),
                };
                last = faulted_ingest(&archive, &model, last.as_ref(), plan)?;
                ingests += 1;
            }
            _ => {}
        }
    }
    Ok(ingests)
}

#[test]
fn incremental_ingest_matches_the_model() {
    let started = Instant::now();
    let config = ProptestConfig {
        source_file: Some(file!()),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..config()
    };
    let cases = config.cases;
    let mut runner = TestRunner::new(config);
    let ingests = AtomicU64::new(0);
    let steps = AtomicU64::new(0);
    let result = runner.run(&prop::collection::vec(op(), 1..24), |ops| {
        steps.fetch_add(ops.len() as u64 + 1, SeqCst);
        ingests.fetch_add(run_case(&ops)?, SeqCst);
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
    let faulted: Vec<u64> = FAULTED.iter().map(|n| n.load(SeqCst)).collect();
    eprintln!(
        "ingest model: {cases} cases, {} steps, {} ingests checked against the model \
         ({} interrupted by an I/O error: {} left the index as it was, {} committed the \
         new corpus, {} got through); {} skipped files checked, {} files re-read for a \
         catalog edit alone; {:.1} s",
        steps.load(SeqCst),
        ingests.load(SeqCst),
        faulted.iter().sum::<u64>(),
        faulted[2],
        faulted[1],
        faulted[0],
        SKIPPED_SEEN.load(SeqCst),
        CATALOG_UPDATES.load(SeqCst),
        started.elapsed().as_secs_f64()
    );
}
