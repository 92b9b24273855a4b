//! The kill harness (RELIABILITY.md, "Kill harness"): an ingest of a real
//! corpus is killed (SIGKILL, and SIGINT as Ctrl-C sends it) at 100 points
//! spread over its run; after each, `check` must pass, the answers must be
//! exactly those of the generation before or the one after, and the next
//! ingest must converge to the corpus.

use crate::common;

use common::TempArchive;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const CORPUS: &str = "corpora/privacyguides-news-analysis";
const TRIALS: usize = 100;
/// Trials run two at a time (the machines have two cores).
const WORKERS: usize = 2;
const QUERIES: [&str; 3] = ["encryption", "privacy", "\"end-to-end\""];

fn binary() -> PathBuf {
    PathBuf::from(assert_cmd::cargo::cargo_bin!("claimdex"))
}

/// The answers of an archive: its article list and each query's hit ids.
fn answers(root: &Path) -> Vec<Value> {
    let run = |args: &[&str]| -> Value {
        let output = common::claimdex()
            .arg("--archive")
            .arg(root)
            .args(args)
            .output()
            .expect("run claimdex");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        common::parse_json_output(&output)
    };
    let mut all = vec![run(&["list", "--json"])];
    for query in QUERIES {
        // Every matching claim, as a sorted set: BM25 counts deleted documents
        // until a merge, so an incrementally built generation may rank ties
        // differently from a clean build of the same corpus; which claims
        // match is what a generation is.
        let result = run(&[
            "search",
            "--json",
            "--no-collapse",
            "--limit",
            "1000000",
            query,
        ]);
        let mut ids = common::hit_ids(&result);
        ids.sort();
        all.push(Value::from(ids));
    }
    all
}

/// The article files of the shared corpus, sorted.
fn article_files(source: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(source)
        .expect("read corpus")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "md") && !path.ends_with("README.md"))
        .collect();
    files.sort();
    files
}

/// Generation 0: the first half of the articles. Generation 1: all of them,
/// two of the first half deleted and three edited.
fn write_generation(corpus: &Path, files: &[PathBuf], generation: u8) {
    let _ = std::fs::remove_dir_all(corpus);
    std::fs::create_dir_all(corpus).expect("corpus dir");
    let half = files.len() / 2;
    for (n, file) in files.iter().enumerate() {
        let name = file.file_name().expect("name");
        let mut bytes = std::fs::read(file).expect("read article");
        match generation {
            0 if n >= half => continue,
            1 if n < 2 => continue,
            1 if (2..5).contains(&n) => bytes.extend_from_slice(
                b"\n\nAn editor added this sentence on 3 March 2024 to test re-ingest.\n",
            ),
            _ => {}
        }
        std::fs::write(corpus.join(name), bytes).expect("write article");
    }
}

fn ingest(root: &Path) -> std::process::Output {
    common::claimdex()
        .arg("--archive")
        .arg(root)
        .args(["ingest", "--json"])
        .output()
        .expect("run ingest")
}

/// Files in the index folder that the committed generation does not use
/// (left by a killed writer and not yet collected).
fn orphan_bytes(index: &Path) -> u64 {
    let managed: Vec<String> = std::fs::read(index.join(".managed.json"))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default();
    std::fs::read_dir(index)
        .expect("read index")
        .flatten()
        .filter(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            !name.starts_with('.') && name != "meta.json" && !managed.contains(&name)
        })
        .map(|entry| entry.metadata().map_or(0, |m| m.len()))
        .sum()
}

#[test]
fn ingest_killed_at_100_points_leaves_a_whole_generation_and_converges() {
    let Some(shared) = common::shared_dir(CORPUS) else {
        return;
    };
    let files = article_files(&shared.join(CORPUS));
    assert!(files.len() > 20, "the corpus has {} articles", files.len());

    // The two generations, each built cleanly, and their answers.
    let reference = [TempArchive::empty(), TempArchive::empty()];
    for (generation, archive) in reference.iter().enumerate() {
        write_generation(&archive.corpus(), &files, generation as u8);
        assert!(ingest(archive.root()).status.code().is_some_and(|c| c <= 1));
    }
    let expected = [answers(reference[0].root()), answers(reference[1].root())];
    assert_ne!(expected[0], expected[1], "the generations must differ");

    // How long the ingest from generation 0 to 1 runs, two at once as the
    // trials run, to spread the kills over it.
    let duration = std::thread::scope(|scope| {
        let timings: Vec<_> = (0..WORKERS)
            .map(|_| {
                scope.spawn(|| {
                    let timing = TempArchive::empty();
                    common::copy_tree(reference[0].root(), timing.root());
                    write_generation(&timing.corpus(), &files, 1);
                    let started = Instant::now();
                    ingest(timing.root());
                    started.elapsed()
                })
            })
            .collect();
        timings
            .into_iter()
            .map(|t| t.join().expect("timing thread"))
            .max()
            .unwrap_or_default()
    });

    let next_trial = AtomicUsize::new(0);
    let outcomes: Vec<(usize, u64)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..WORKERS)
            .map(|_| {
                scope.spawn(|| {
                    let mut outcomes = Vec::new();
                    loop {
                        let trial = next_trial.fetch_add(1, Ordering::SeqCst);
                        if trial >= TRIALS {
                            return outcomes;
                        }
                        outcomes.push(kill_trial(trial, duration, &files, &reference, &expected));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("trial thread"))
            .collect()
    });
    let mut at_generation = [0usize; 2];
    for (generation, _) in &outcomes {
        at_generation[*generation] += 1;
    }
    let max_orphans = outcomes
        .iter()
        .map(|(_, orphans)| *orphans)
        .max()
        .unwrap_or(0);
    eprintln!(
        "kill harness: {TRIALS} kills (every 4th by SIGINT) over 0..1.2x of a {duration:?} ingest: \
         survived {TRIALS}/{TRIALS}; answers at generation 0: {}, generation 1: {}; \
         largest orphan bytes after recovery: {max_orphans}",
        at_generation[0], at_generation[1]
    );
    assert!(
        at_generation[0] > 0 && at_generation[1] > 0,
        "the kill points must cover both sides of the commit: {at_generation:?}"
    );
}

/// One trial: kill an ingest from generation 0 to 1 after `delay`, then
/// check, compare the answers with both generations, re-ingest and compare
/// with generation 1. Returns the generation seen and the orphan bytes left.
fn kill_trial(
    trial: usize,
    duration: Duration,
    files: &[PathBuf],
    reference: &[TempArchive; 2],
    expected: &[Vec<Value>; 2],
) -> (usize, u64) {
    let archive = TempArchive::empty();
    common::copy_tree(reference[0].root(), archive.root());
    write_generation(&archive.corpus(), files, 1);
    // Kill points spread evenly from the start to 1.2x the measured run.
    let delay = duration.mul_f64(1.2 * trial as f64 / TRIALS as f64);
    let mut child = Command::new(binary())
        .arg("--archive")
        .arg(archive.root())
        .arg("ingest")
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn ingest");
    std::thread::sleep(delay);
    if trial % 4 == 3 {
        // Ctrl-C: SIGINT.
        let _ = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(30);
        while child.try_wait().expect("wait").is_none() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    let _ = child.kill();
    child.wait().expect("reap ingest");

    let check = common::claimdex()
        .arg("--archive")
        .arg(archive.root())
        .args(["check", "--json"])
        .output()
        .expect("run check");
    assert_eq!(
        check.status.code(),
        Some(0),
        "trial {trial} (killed after {delay:?}): check failed: {}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    let seen = answers(archive.root());
    let generation = expected
        .iter()
        .position(|answers| *answers == seen)
        .unwrap_or_else(|| {
            panic!("trial {trial} (killed after {delay:?}): the answers are neither generation")
        });

    let converge = ingest(archive.root());
    assert!(
        converge.status.code().is_some_and(|c| c <= 1),
        "trial {trial}: the ingest after the kill failed: {}",
        String::from_utf8_lossy(&converge.stderr)
    );
    assert_eq!(
        answers(archive.root()),
        expected[1],
        "trial {trial}: the ingest after the kill did not converge"
    );
    (generation, orphan_bytes(&archive.root().join("index")))
}
