//! Fault injection (RELIABILITY.md §4 H1, issue 8): an incremental ingest
//! runs over a `FaultyDirectory` that fails the k-th I/O operation (once, or
//! from then on) or runs out of disk after a byte budget, for k = 1.. until
//! an ingest gets through without a fault. After every attempt the index
//! folder, opened plainly, must be exactly generation 1 or exactly
//! generation 2 (manifest, payload counts and every article's claims as a
//! clean ingest of each corpus snapshot gives them), no panic anywhere
//! (tantivy's threads included), no hang; then a normal ingest must
//! converge to generation 2. The figures are printed (`--nocapture`) and
//! recorded in RELIABILITY.md.

use crate::common;
pub mod directory;
mod power;

use claimdex::archive::Archive;
use claimdex::index::ingest::{self, IngestOptions};
use claimdex::index::ArchiveIndex;
use directory::{FaultyDirectory, Plan};
use power::{Dice, PowerCutDirectory, Snapshot};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering::SeqCst};
use std::sync::{mpsc, Mutex, Once};
use std::time::Duration;

/// One writer thread: the operation sequence is the same on every run, so
/// "the k-th operation" names the same operation each time.
fn options() -> IngestOptions {
    IngestOptions {
        progress: false,
        writer_budget: 16 * 1024 * 1024,
        writer_threads: 1,
        ..IngestOptions::default()
    }
}

/// What a generation holds, without what differs between two clean ingests
/// of the same bytes (modification times, the ingest time, the fingerprint).
#[derive(Debug, Clone, PartialEq)]
struct Generation {
    /// Articles, skipped files and claims, from the commit payload.
    counts: (u64, u64, u64),
    /// Per file: article id, hash, catalog hash, size, claims, skip reason.
    manifest: BTreeMap<String, serde_json::Value>,
    /// Per article id: its metadata (without `ingested`) and its claims.
    articles: BTreeMap<String, serde_json::Value>,
}

fn generation_of(index_dir: &Path) -> Result<Generation, String> {
    let index = ArchiveIndex::open_dir(index_dir).map_err(|err| format!("{err:#}"))?;
    let payload = index.payload();
    let mut manifest = BTreeMap::new();
    for entry in index.manifest().map_err(|err| format!("{err:#}"))? {
        let r = entry.record;
        manifest.insert(
            r.path.clone(),
            serde_json::json!([
                r.article_id,
                r.hash,
                r.catalog_hash,
                r.size,
                r.claims,
                r.skipped
            ]),
        );
    }
    let mut articles = BTreeMap::new();
    for article in index.articles().map_err(|err| format!("{err:#}"))? {
        let mut value = serde_json::to_value(&article).map_err(|err| err.to_string())?;
        if let Some(object) = value.as_object_mut() {
            object.remove("ingested");
        }
        articles.insert(article.id.clone(), value);
    }
    Ok(Generation {
        counts: (payload.articles, payload.skipped, payload.claims),
        manifest,
        articles,
    })
}

fn seed(name: &str) -> Vec<u8> {
    std::fs::read(common::corpus_dir().join(name)).expect("seed article")
}

/// Corpus snapshot 1: four seed articles and the catalog.
fn corpus_one(corpus: &Path) {
    std::fs::create_dir_all(corpus).expect("corpus dir");
    for name in [
        "000_6552e8afb05e4dcc.txt",
        "001_1674b80705788502.txt",
        "002_f21834c6df345147.txt",
        "003_1d2da23312c6130e.txt",
        "catalog.toml",
    ] {
        std::fs::write(corpus.join(name), seed(name)).expect("write seed");
    }
}

/// Snapshot 2 from snapshot 1: one file added, one edited, one deleted, one
/// new Markdown article with a footnote and a date, and a catalog edit (which
/// re-reads the file it describes).
fn corpus_two(corpus: &Path) {
    let name = "004_5d856545bff2f73d.txt";
    std::fs::write(corpus.join(name), seed(name)).expect("add");
    let edited = corpus.join("001_1674b80705788502.txt");
    let mut text = std::fs::read(&edited).expect("read");
    text.extend_from_slice(
        b"\nOn March 3, 2020, the ministry said the cameras had been removed from 40 schools.\n",
    );
    std::fs::write(&edited, text).expect("edit");
    std::fs::remove_file(corpus.join("002_f21834c6df345147.txt")).expect("delete");
    std::fs::create_dir_all(corpus.join("notes")).expect("notes dir");
    std::fs::write(
        corpus.join("notes/brief.md"),
        "# A brief\n\nThe blacklist named 28 Chinese firms on October 7, 2019.[^1]\n\n\
         According to Reuters, the rule took effect two days later.\n\n\
         [^1]: US Commerce Department, Federal Register, 2019.\n",
    )
    .expect("new article");
    let catalog = corpus.join("catalog.toml");
    let text = std::fs::read_to_string(&catalog).expect("catalog");
    assert!(
        text.contains("outlet = \"CDT\""),
        "the seed catalog changed"
    );
    std::fs::write(
        &catalog,
        text.replace(
            "outlet = \"CDT\"",
            "outlet = \"Center for Democracy & Technology\"",
        ),
    )
    .expect("catalog edit");
}

/// A fresh archive of `corpus`, ingested cleanly: the expected generation.
fn clean_generation(make_corpus: &dyn Fn(&Path)) -> Generation {
    let dir = common::scratch_dir();
    make_corpus(&dir.path().join("corpus"));
    let archive = Archive::init(dir.path()).expect("init");
    ingest::run(&archive, &options()).expect("clean ingest");
    generation_of(&archive.index_dir()).expect("clean generation opens")
}

/// The archive every attempt starts from: generation 1 committed, the
/// corpus already changed to snapshot 2.
struct Fixture {
    pristine: tempfile::TempDir,
    one: Generation,
    two: Generation,
}

fn fixture() -> Fixture {
    let one = clean_generation(&corpus_one);
    let two = clean_generation(&|corpus| {
        corpus_one(corpus);
        corpus_two(corpus);
    });
    assert_ne!(
        one, two,
        "the two snapshots must differ for the test to mean anything"
    );
    let pristine = common::scratch_dir();
    corpus_one(&pristine.path().join("corpus"));
    let archive = Archive::init(pristine.path()).expect("init");
    ingest::run(&archive, &options()).expect("generation 1");
    assert_eq!(generation_of(&archive.index_dir()).as_ref(), Ok(&one));
    corpus_two(&archive.corpus_dir());
    Fixture { pristine, one, two }
}

/// The tests run one after the other: the panic count is process-wide.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Panics anywhere in the process (tantivy's worker threads included).
static PANICS: AtomicU64 = AtomicU64::new(0);
static PANIC_MESSAGES: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn count_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.fetch_add(1, SeqCst);
            let thread = std::thread::current().name().unwrap_or("?").to_string();
            if let Ok(mut messages) = PANIC_MESSAGES.lock() {
                messages.push(format!("thread {thread}: {info}"));
            }
            default(info);
        }));
    });
}

/// What one faulty ingest did.
struct Attempt {
    succeeded: bool,
    ops: u64,
    bytes: u64,
    faults: u64,
    error: String,
}

/// Copy the pristine archive, ingest it over a `FaultyDirectory`, check
/// the folder is one whole generation, then check a normal ingest
/// converges. `Err` describes a failure.
fn attempt(fixture: &Fixture, plan: Plan) -> Result<(Attempt, &'static str), String> {
    let work = common::scratch_dir();
    common::copy_tree(fixture.pristine.path(), work.path());
    let archive = Archive {
        root: work.path().to_path_buf(),
    };
    let panics_before = PANICS.load(SeqCst);
    let (send, receive) = mpsc::channel();
    let thread_archive = archive.clone();
    std::thread::spawn(move || {
        let faulty = FaultyDirectory::open(&thread_archive.index_dir(), plan);
        let counters = faulty.counters();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let index =
                tantivy::Index::open(faulty).map_err(|err| (None, format!("open: {err}")))?;
            ingest::ingest_into(&thread_archive, &index, &options())
                .map(|_| ())
                .map_err(|err| (Some(claimdex::exit::code_for(&err)), format!("{err:#}")))
        }));
        let outcome = outcome.unwrap_or_else(|_| Err((None, "PANIC".to_string())));
        let _ = send.send((outcome, counters));
    });
    let (outcome, counters) = receive
        .recv_timeout(Duration::from_secs(60))
        .map_err(|_| format!("{plan:?}: the ingest hung (no answer in 60 s)"))?;
    let exit = outcome.as_ref().err().and_then(|(code, _)| *code);
    let outcome = outcome.map_err(|(_, message)| message);
    let message = outcome.as_ref().err().cloned().unwrap_or_default();
    let done = Attempt {
        succeeded: outcome.is_ok(),
        ops: counters.ops(),
        bytes: counters.bytes(),
        faults: counters.faults(),
        error: outcome
            .err()
            .map(|err| match counters.first_fault() {
                Some(fault) => format!("{err} [first fault: {fault}]"),
                None => err,
            })
            .unwrap_or_default(),
    };
    if PANICS.load(SeqCst) != panics_before || done.error == "PANIC" {
        return Err(format!(
            "{plan:?}: a panic during the ingest: {}",
            done.error
        ));
    }
    if !done.succeeded && !message.contains("injected") {
        return Err(format!(
            "{plan:?}: the error does not name its cause (the injected fault): {message}"
        ));
    }
    if exit == Some(claimdex::exit::INDEX_DAMAGED) {
        return Err(format!(
            "{plan:?}: an I/O error reported as a damaged index (exit 4, `--rebuild` advice): {}",
            done.error
        ));
    }
    let state = generation_of(&archive.index_dir()).map_err(|err| {
        format!(
            "{plan:?}: the index does not open after `{}`: {err}",
            done.error
        )
    })?;
    let which = if state == fixture.two {
        "two"
    } else if state == fixture.one && !done.succeeded {
        "one"
    } else {
        return Err(format!(
            "{plan:?}: the index is neither generation 1 nor 2 (ingest {}: {})",
            if done.succeeded {
                "succeeded"
            } else {
                "failed"
            },
            done.error
        ));
    };
    ingest::run(&archive, &options())
        .map_err(|err| format!("{plan:?}: the ingest after the fault failed: {err:#}"))?;
    match generation_of(&archive.index_dir()) {
        Ok(state) if state == fixture.two => Ok((done, which)),
        Ok(_) => Err(format!(
            "{plan:?}: the ingest after the fault did not converge"
        )),
        Err(err) => Err(format!("{plan:?}: after the converging ingest: {err}")),
    }
}

/// Tallies of one mode.
#[derive(Default)]
struct Tally {
    tried: u64,
    passed: u64,
    ended_one: u64,
    ended_two: u64,
    failures: Vec<String>,
}

impl Tally {
    fn record(&mut self, result: &Result<(Attempt, &'static str), String>) {
        self.tried += 1;
        match result {
            Ok((_, which)) => {
                self.passed += 1;
                if *which == "one" {
                    self.ended_one += 1;
                } else {
                    self.ended_two += 1;
                }
            }
            Err(failure) => self.failures.push(failure.clone()),
        }
    }

    fn report(&self, mode: &str, extra: &str, started: std::time::Instant) {
        eprintln!(
            "fault injection [{mode}]: {} fault points tried, {} passed \
             (index at generation 1: {}, generation 2: {}){extra}; {:.1} s",
            self.tried,
            self.passed,
            self.ended_one,
            self.ended_two,
            started.elapsed().as_secs_f64()
        );
        assert!(
            self.failures.is_empty(),
            "{mode}: {} of {} fault points failed:\n{}\npanics: {:?}",
            self.failures.len(),
            self.tried,
            self.failures.join("\n"),
            PANIC_MESSAGES.lock().map(|m| m.clone()).unwrap_or_default()
        );
    }
}

/// How far k steps in a sampled mode: `ci` by default, every operation
/// with `CLAIMDEX_FAULT_STEP=1` (by hand or nightly; any step can be given).
fn step(ci: usize) -> usize {
    std::env::var("CLAIMDEX_FAULT_STEP")
        .ok()
        .and_then(|step| step.parse().ok())
        .filter(|step| *step > 0)
        .unwrap_or(ci)
}

fn nth(step: usize) -> String {
    match step {
        1 => "one".to_string(),
        2 => "second".to_string(),
        3 => "third".to_string(),
        4 => "fourth".to_string(),
        n => format!("{n}th"),
    }
}

/// The operations and bytes of a fault-free ingest of the fixture.
fn clean_run(fixture: &Fixture) -> Attempt {
    let (done, which) = attempt(fixture, Plan::Count).expect("fault-free ingest");
    assert!(
        done.succeeded && which == "two",
        "fault-free ingest: {}",
        done.error
    );
    done
}

/// k = 1, 2, ... with the k-th operation failing, until an ingest runs
/// past its last operation without meeting the fault.
#[test]
fn an_io_error_at_any_operation_leaves_one_whole_generation() {
    let _serial = serial();
    let started = std::time::Instant::now();
    count_panics();
    let fixture = fixture();
    let total = clean_run(&fixture).ops;
    let mut tally = Tally::default();
    for k in 1.. {
        let result = attempt(&fixture, Plan::FailOnce(k));
        tally.record(&result);
        if let Ok((done, _)) = &result {
            if done.faults == 0 {
                break;
            }
        }
        assert!(k <= total + 10, "the fault loop did not end");
    }
    tally.report(
        "once",
        &format!("; {total} operations in a fault-free ingest"),
        started,
    );
}

/// The same with every operation from the k-th on failing (the disk went
/// away). Neighbouring k differ little here, so k steps over every fourth
/// operation (the once mode takes every one) to keep the file under a minute.
#[test]
fn a_persistent_io_error_from_any_operation_leaves_one_whole_generation() {
    let _serial = serial();
    let started = std::time::Instant::now();
    count_panics();
    let fixture = fixture();
    let total = clean_run(&fixture).ops;
    let mut tally = Tally::default();
    for k in (1..).step_by(step(4)) {
        let result = attempt(&fixture, Plan::FailFrom(k));
        tally.record(&result);
        if let Ok((done, _)) = &result {
            if done.faults == 0 {
                break;
            }
        }
        assert!(k <= total + 10, "the fault loop did not end");
    }
    tally.report(
        "persistent",
        &format!("; every {} of {total} operations", nth(step(4))),
        started,
    );
}

/// The k-th operation takes effect and then reports an error: the write
/// landed, `meta.json` was renamed into place, the file was deleted, but
/// tantivy hears of a failure. Every fourth operation in CI.
#[test]
fn an_io_error_after_any_operation_took_effect_leaves_one_whole_generation() {
    let _serial = serial();
    let started = std::time::Instant::now();
    count_panics();
    let fixture = fixture();
    let total = clean_run(&fixture).ops;
    let mut tally = Tally::default();
    for k in (1..).step_by(step(4)) {
        let result = attempt(&fixture, Plan::FailOnceAfter(k));
        tally.record(&result);
        if let Ok((done, _)) = &result {
            if done.faults == 0 {
                break;
            }
        }
        assert!(k <= total + 10, "the fault loop did not end");
    }
    tally.report(
        "after the operation",
        &format!("; every {} of {total} operations", nth(step(4))),
        started,
    );
}

/// Disk full after a byte budget, from 0 bytes to everything the ingest
/// writes (Lucene's TestIndexWriterOnDiskFull pattern).
#[test]
fn a_full_disk_at_any_byte_leaves_one_whole_generation() {
    let _serial = serial();
    let started = std::time::Instant::now();
    count_panics();
    let fixture = fixture();
    let full = clean_run(&fixture).bytes;
    const STEPS: u64 = 24;
    let mut tally = Tally::default();
    for step in 0..=STEPS {
        // Compressed store blocks vary by a few bytes between runs: the
        // last budget has room to spare and must let the ingest through.
        let budget = if step == STEPS {
            full + 64 * 1024
        } else {
            full * step / STEPS
        };
        let result = attempt(&fixture, Plan::ByteBudget(budget));
        tally.record(&result);
        if step == STEPS {
            let (done, _) = result.as_ref().expect("the full budget passes");
            assert!(
                done.succeeded && done.faults == 0,
                "a budget over the full size ({full} bytes) should be enough: {}",
                done.error
            );
        }
    }
    tally.report(
        "disk full",
        &format!("; {} byte budgets from 0 to {full} bytes", STEPS + 1),
        started,
    );
}

/// A fault in the very first ingest (the index folder holds a created,
/// never committed index): afterwards the folder holds no commit at all
/// (no payload, no segments) or exactly generation 1, and a normal ingest
/// treats the uncommitted index as empty (not as damage) and commits
/// generation 1. Every fourth operation, once mode.
#[test]
fn a_fault_in_the_first_ingest_leaves_no_commit_or_generation_one() {
    let _serial = serial();
    let started = std::time::Instant::now();
    count_panics();
    let one = clean_generation(&corpus_one);
    let mut tally = Tally::default();
    let mut no_commit = 0;
    for k in (1..).step_by(step(4)) {
        tally.tried += 1;
        let work = common::scratch_dir();
        corpus_one(&work.path().join("corpus"));
        let archive = Archive::init(work.path()).expect("init");
        drop(
            claimdex::index::schema::create_in_dir(&archive.index_dir()).expect("create the index"),
        );
        let panics_before = PANICS.load(SeqCst);
        let faulty = FaultyDirectory::open(&archive.index_dir(), Plan::FailOnce(k));
        let counters = faulty.counters();
        let outcome = tantivy::Index::open(faulty)
            .map_err(anyhow::Error::from)
            .and_then(|index| ingest::ingest_into(&archive, &index, &options()));
        let failure = if PANICS.load(SeqCst) != panics_before {
            Some(format!("FailOnce({k}) in the first ingest: a panic"))
        } else {
            let metas = tantivy::Index::open_in_dir(archive.index_dir())
                .and_then(|index| index.load_metas())
                .expect("the created index opens");
            let state = if metas.payload.is_none() && metas.segments.is_empty() {
                no_commit += 1;
                Ok(())
            } else {
                match generation_of(&archive.index_dir()) {
                    Ok(state) if state == one => {
                        tally.ended_one += 1;
                        Ok(())
                    }
                    Ok(_) => Err("neither empty nor generation 1".to_string()),
                    Err(err) => Err(err),
                }
            };
            state
                .and_then(|()| ingest::run(&archive, &options()).map_err(|err| format!("{err:#}")))
                .and_then(|_| generation_of(&archive.index_dir()))
                .and_then(|state| match state == one {
                    true => Ok(()),
                    false => Err("the next ingest did not give generation 1".to_string()),
                })
                .err()
                .map(|err| format!("FailOnce({k}) in the first ingest: {err}"))
        };
        match failure {
            Some(failure) => tally.failures.push(failure),
            None => tally.passed += 1,
        }
        if outcome.is_ok() && counters.faults() == 0 {
            break;
        }
        assert!(k < 10_000, "the fault loop did not end");
    }
    tally.report(
        "first ingest",
        &format!(
            " (no commit: {no_commit}); every {} of its operations",
            nth(step(4))
        ),
        started,
    );
}

/// One crash image: the folder a power cut at `moment` could leave, in a
/// copy of the pristine archive (whose corpus is snapshot 2). It must open
/// at generation 1 or 2, pass the full integrity check, and a normal ingest
/// must converge to generation 2. `Ok` says which generation it held.
fn power_cut(
    fixture: &Fixture,
    moment: &Snapshot,
    dice: &mut Dice,
) -> Result<&'static str, String> {
    let work = common::scratch_dir();
    common::copy_tree(fixture.pristine.path(), work.path());
    let archive = Archive {
        root: work.path().to_path_buf(),
    };
    let index_dir = archive.index_dir();
    std::fs::remove_dir_all(&index_dir).map_err(|err| err.to_string())?;
    std::fs::create_dir(&index_dir).map_err(|err| err.to_string())?;
    let what = moment
        .materialise(&index_dir, dice)
        .map_err(|err| format!("writing the crash image: {err}"))?;
    let panics_before = PANICS.load(SeqCst);
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let state =
            generation_of(&index_dir).map_err(|err| format!("the index does not open: {err}"))?;
        let which = if state == fixture.two {
            "two"
        } else if state == fixture.one {
            "one"
        } else {
            return Err("the index is neither generation 1 nor 2".to_string());
        };
        let report = claimdex::index::integrity::check_dir(&index_dir);
        if !report.is_whole() {
            return Err(format!("check finds damage: {:?}", report.problems));
        }
        ingest::run(&archive, &options())
            .map_err(|err| format!("the next ingest failed: {err:#}"))?;
        match generation_of(&index_dir) {
            Ok(state) if state == fixture.two => Ok(which),
            Ok(_) => Err("the next ingest did not converge".to_string()),
            Err(err) => Err(format!("after the next ingest: {err}")),
        }
    }));
    let outcome = outcome.unwrap_or_else(|_| Err("PANIC".to_string()));
    if PANICS.load(SeqCst) != panics_before {
        return Err(format!("{what}: a panic"));
    }
    outcome.map_err(|err| format!("{what}: {err}"))
}

/// A power cut at every moment of an incremental ingest (RELIABILITY.md
/// A9): each write, close, rename, delete and folder sync of the ingest is
/// a moment; at each, the unsynced bytes suffer one of Lucene's damages and
/// a random prefix of the unsynced name changes survives (`power.rs`).
/// `CLAIMDEX_POWER_SEEDS=5` (by hand) damages each moment five ways; CI
/// takes one per moment. The last moment (after the ingest synced its
/// commit) must be generation 2 whatever the damage.
#[test]
fn a_power_cut_at_any_moment_leaves_one_whole_generation() {
    let _serial = serial();
    let started = std::time::Instant::now();
    count_panics();
    let fixture = fixture();
    let seeds: u64 = std::env::var("CLAIMDEX_POWER_SEEDS")
        .ok()
        .and_then(|seeds| seeds.parse().ok())
        .filter(|seeds| *seeds > 0)
        .unwrap_or(1);
    let (tally, moments) = power_cuts(&fixture, false, seeds);
    tally.report(
        "power cut",
        &format!("; {moments} moments x {seeds} damage seeds"),
        started,
    );
}

/// The negative control of the power-cut harness: on a disk that lies
/// about fsync (closes sync nothing), some crash images hold a commit whose
/// files lost bytes, and the harness must say so. If it passed here it
/// could not fail at all.
#[test]
fn the_power_cut_harness_finds_damage_on_a_disk_that_lies_about_fsync() {
    let _serial = serial();
    count_panics();
    let fixture = fixture();
    let (tally, moments) = power_cuts(&fixture, true, 1);
    eprintln!(
        "power cut, lying disk: {} of {} images ({moments} moments) found not whole; first: {}",
        tally.failures.len(),
        tally.tried,
        tally.failures.first().map_or("-", String::as_str)
    );
    assert!(
        !tally.failures.is_empty(),
        "no crash image on a lying disk was found damaged: the harness cannot see damage"
    );
}

/// Record one incremental ingest over a `PowerCutDirectory` and check a
/// crash image of every moment, `seeds` damages each.
fn power_cuts(fixture: &Fixture, lying_disk: bool, seeds: u64) -> (Tally, usize) {
    let work = common::scratch_dir();
    common::copy_tree(fixture.pristine.path(), work.path());
    let archive = Archive {
        root: work.path().to_path_buf(),
    };
    let power = PowerCutDirectory::open(&archive.index_dir(), lying_disk).expect("wrap the index");
    {
        let index = tantivy::Index::open(power.clone()).expect("open the index");
        ingest::ingest_into(&archive, &index, &options()).expect("the recorded ingest");
    }
    let moments = power.snapshots();
    let mut tally = Tally::default();
    for (k, moment) in moments.iter().enumerate() {
        for seed in 0..seeds {
            let mut dice = Dice(0x9e37_79b9_7f4a_7c15 ^ ((k as u64) << 8 | seed));
            let result = power_cut(fixture, moment, &mut dice);
            let last = k + 1 == moments.len();
            let result = match result {
                Ok("one") if last => Err(format!(
                    "{}: the cut after the synced commit lost it (generation 1)",
                    moment.after
                )),
                other => other,
            };
            tally.tried += 1;
            match result {
                Ok("one") => {
                    tally.passed += 1;
                    tally.ended_one += 1;
                }
                Ok(_) => {
                    tally.passed += 1;
                    tally.ended_two += 1;
                }
                Err(failure) => tally.failures.push(format!("moment {k}: {failure}")),
            }
        }
    }
    (tally, moments.len())
}
