//! Damage to a built index: `check` finds every damaged file, `search` never
//! panics or answers from a damaged index, `ingest --rebuild` restores the
//! same answers; and searches running during a rebuild always find an index.
//! (RELIABILITY.md, "Corruption"; the figures printed here are reported there.)

use crate::common;

use common::TempArchive;
use serde_json::Value;
use std::path::Path;

/// Words whose hits stand for "the answers" of an index.
const QUERIES: [&str; 3] = ["camera", "Uyghur", "\"Entity List\""];

/// The archive's answers: the article list and the hit ids of each query.
fn answers(archive: &TempArchive) -> Vec<Value> {
    let mut all = Vec::new();
    let (code, list) = archive.json("list", &[]);
    assert_eq!(code, 0, "list failed");
    all.push(list);
    for query in QUERIES {
        let (code, result) = archive.json("search", &[query, "--limit", "50"]);
        assert_eq!(code, 0, "search {query} failed");
        let ids: Vec<Value> = common::hit_ids(&result)
            .into_iter()
            .map(Value::from)
            .collect();
        all.push(Value::Array(ids));
    }
    all
}

/// A small deterministic generator (xorshift64*): the same damage on every run.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1) as u64) as usize
    }
}

#[derive(Debug, Clone, Copy)]
enum Damage {
    TruncateTail,
    TruncateToZero,
    ZeroRange,
    FlipBit,
    Delete,
}

fn damage(path: &Path, kind: Damage, dice: &mut Dice) -> String {
    let mut bytes = std::fs::read(path).expect("read index file");
    let len = bytes.len();
    let what = match kind {
        Damage::TruncateTail => {
            let cut = 1 + dice.below(len.min(100));
            bytes.truncate(len.saturating_sub(cut));
            format!("cut the last {cut} bytes")
        }
        Damage::TruncateToZero => {
            bytes.clear();
            "truncated to 0 bytes".to_string()
        }
        Damage::ZeroRange => {
            // Zero a range that holds at least one non-zero byte.
            let start = dice.below(len);
            let end = (start + 16).min(len);
            let (start, end) = if bytes[start..end].iter().all(|b| *b == 0) {
                (0, len)
            } else {
                (start, end)
            };
            bytes[start..end].fill(0);
            format!("zeroed bytes {start}..{end}")
        }
        Damage::FlipBit => {
            let at = dice.below(len);
            let bit = dice.below(8);
            bytes[at] ^= 1 << bit;
            format!("flipped bit {bit} of byte {at}")
        }
        Damage::Delete => {
            std::fs::remove_file(path).expect("delete index file");
            return "deleted".to_string();
        }
    };
    std::fs::write(path, bytes).expect("write damaged file");
    what
}

/// The files of a built index that hold data. The two lock files are empty
/// (nothing to damage; deleting one is harmless, tantivy locks through the
/// OS, not by the file's existence), `.claimdex-verified` is a cache (damage
/// only makes the next reader verify again) and README.md is ours.
fn data_files(index: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(index)
        .expect("read index")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| {
            !name.starts_with(".tantivy-") && name != ".claimdex-verified" && name != "README.md"
        })
        .collect();
    names.sort();
    names
}

#[test]
fn every_damaged_index_file_is_found_by_check_refused_by_search_and_restored_by_rebuild() {
    let clean = TempArchive::with_seeds();
    clean.cmd().arg("ingest").assert().success();
    let expected = answers(&clean);
    let files = data_files(&clean.root().join("index"));
    assert!(
        files.len() >= 8,
        "a built index has meta.json, .managed.json and segment files: {files:?}"
    );
    let kinds = [
        Damage::TruncateTail,
        Damage::TruncateToZero,
        Damage::ZeroRange,
        Damage::FlipBit,
        Damage::Delete,
    ];
    let mut dice = Dice(0x5eed_c1a1_3dec_0de5);
    let (mut cases, mut detected, mut search_refused) = (0, 0, 0);
    for file in &files {
        for kind in kinds {
            // Bit flips at three places per file (twenty in meta.json, whose
            // bytes are text a flip can leave parseable), the other kinds once.
            let repeats = match kind {
                Damage::FlipBit if file == "meta.json" => 20,
                Damage::FlipBit => 3,
                _ => 1,
            };
            for _ in 0..repeats {
                let archive = TempArchive::copy_of(&clean.corpus());
                common::copy_tree(&clean.root().join("index"), &archive.root().join("index"));
                let what = damage(&archive.root().join("index").join(file), kind, &mut dice);
                cases += 1;
                let case = format!("{file}: {what}");

                let (code, report) = archive.json("check", &[]);
                assert_eq!(code, 4, "check missed the damage ({case}): {report}");
                let named = report["index"]["problems"]
                    .as_array()
                    .expect("problems")
                    .iter()
                    .any(|problem| {
                        problem["file"]
                            .as_str()
                            .is_some_and(|f| f.ends_with(file.as_str()))
                            || problem["message"]
                                .as_str()
                                .is_some_and(|m| m.contains(file.as_str()))
                    });
                assert!(named, "check did not name {file} ({case}): {report}");
                detected += 1;

                let search = archive
                    .cmd()
                    .args(["search", "--json", "camera"])
                    .output()
                    .expect("run search");
                let stderr = String::from_utf8_lossy(&search.stderr);
                assert!(
                    !stderr.contains("panicked"),
                    "search panicked ({case}): {stderr}"
                );
                match search.status.code() {
                    Some(4) => {
                        assert!(
                            stderr.contains("ingest --rebuild"),
                            "the damage message must name the rebuild ({case}): {stderr}"
                        );
                        search_refused += 1;
                    }
                    other => {
                        panic!("search on a damaged index exited {other:?} ({case}): {stderr}")
                    }
                }

                archive
                    .cmd()
                    .args(["ingest", "--rebuild"])
                    .assert()
                    .success();
                assert_eq!(
                    answers(&archive),
                    expected,
                    "rebuild did not restore ({case})"
                );
                let (code, report) = archive.json("check", &[]);
                assert_eq!(
                    code, 0,
                    "the rebuilt index does not check ({case}): {report}"
                );
            }
        }
    }
    eprintln!(
        "corruption: {cases} damaged copies over {} files; check detected {detected}/{cases}; \
         search refused {search_refused}/{cases}; rebuild restored {cases}/{cases}",
        files.len()
    );
}

/// `.managed.json` is tantivy's list of the files it owns, stored in hash
/// order, so a random flip lands on a different entry on every build. This
/// flips one bit in every byte: a flip inside the `meta.json` entry once
/// passed `check` (71 of the 4,016 single-bit flips of a seed index did).
#[test]
fn a_bit_flip_in_any_byte_of_the_managed_list_is_found() {
    let archive = TempArchive::with_seeds();
    archive.cmd().arg("ingest").assert().success();
    let path = archive.root().join("index").join(".managed.json");
    let original = std::fs::read(&path).expect("read .managed.json");
    let mut dice = Dice(0x0dd_ba11_5ca1_ab1e);
    let mut missed = Vec::new();
    for at in 0..original.len() {
        let bit = dice.below(8);
        let mut damaged = original.clone();
        damaged[at] ^= 1 << bit;
        std::fs::write(&path, &damaged).expect("write damaged .managed.json");
        let (code, _) = archive.json("check", &[]);
        if code != 4 {
            missed.push(format!("bit {bit} of byte {at} (exit {code})"));
        }
    }
    std::fs::write(&path, &original).expect("restore .managed.json");
    assert!(
        missed.is_empty(),
        "check missed {} of {} flips: {missed:?}",
        missed.len(),
        original.len()
    );
    let (code, report) = archive.json("check", &[]);
    assert_eq!(code, 0, "the restored index checks: {report}");
}

#[test]
fn check_reports_a_whole_index_with_its_counts() {
    let archive = TempArchive::with_seeds();
    archive.cmd().arg("ingest").assert().success();
    let (code, report) = archive.json("check", &[]);
    assert_eq!(code, 0, "{report}");
    let index = &report["index"];
    assert_eq!(index["problems"], serde_json::json!([]));
    assert_eq!(index["articles"], 5);
    assert!(index["claims"].as_u64().expect("claims") > 100);
    assert_eq!(index["files"], index["files_checksummed"]);
    assert!(
        report["corpus"].is_null(),
        "no corpus check without --corpus"
    );
}

/// An index written by a claimdex of another schema version is whole but
/// unreadable: `check` calls it outdated (not damaged) and gives the advice
/// to rebuild once; `search` refuses it with exit 4; `--rebuild` fixes it.
#[test]
fn an_index_of_another_schema_version_is_outdated_not_damaged() {
    let archive = TempArchive::with_seeds();
    archive.cmd().arg("ingest").assert().success();
    let meta = archive.root().join("index").join("meta.json");
    let text = std::fs::read_to_string(&meta).expect("meta.json");
    // The payload is a JSON string inside meta.json: its quotes are escaped.
    let current = "schema_version\\\":3";
    assert!(text.contains(current), "payload of schema 3 in {text}");
    std::fs::write(&meta, text.replace(current, "schema_version\\\":2")).expect("write");

    let output = archive.cmd().arg("check").output().expect("check");
    assert_eq!(output.status.code(), Some(4));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stdout.contains("OUTDATED"), "{stdout}");
    assert!(!stdout.contains("DAMAGED"), "{stdout}");
    assert!(stdout.contains("schema version 2"), "{stdout}");
    assert_eq!(
        stderr.matches("ingest --rebuild").count(),
        1,
        "the advice once: {stderr}"
    );
    let (code, report) = archive.json("check", &[]);
    assert_eq!(code, 4);
    assert_eq!(report["index"]["problems"][0]["outdated"], true, "{report}");

    let output = archive
        .cmd()
        .args(["search", "camera"])
        .output()
        .expect("search");
    assert_eq!(output.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("schema version 2"), "{stderr}");
    assert_eq!(stderr.matches("ingest --rebuild").count(), 1, "{stderr}");

    archive
        .cmd()
        .args(["ingest", "--rebuild"])
        .assert()
        .success();
    let (code, report) = archive.json("check", &[]);
    assert_eq!(code, 0, "{report}");
}

#[test]
fn check_corpus_names_a_file_changed_since_ingest_even_with_its_old_size_and_time() {
    let archive = TempArchive::with_seeds();
    archive.cmd().arg("ingest").assert().success();
    let (code, report) = archive.json("check", &["--corpus"]);
    assert_eq!(code, 0, "{report}");
    // Change one byte, keeping the size and the modification time: only a
    // content hash can tell.
    let file = std::fs::read_dir(archive.corpus())
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .expect("an article");
    let before = std::fs::metadata(&file).expect("metadata");
    let mut bytes = std::fs::read(&file).expect("read");
    let at = bytes.iter().position(|b| *b == b'e').expect("an e");
    bytes[at] = b'a';
    std::fs::write(&file, bytes).expect("write");
    let handle = std::fs::File::options()
        .write(true)
        .open(&file)
        .expect("open");
    handle
        .set_modified(before.modified().expect("mtime"))
        .expect("keep the modification time");
    drop(handle);

    let (code, report) = archive.json("check", &["--corpus"]);
    assert_eq!(code, 5, "{report}");
    let name = file
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let changed = report["corpus"]["changed"].as_array().expect("changed");
    assert!(
        changed
            .iter()
            .any(|p| p.as_str().is_some_and(|p| p.ends_with(&name))),
        "{report}"
    );
}

#[test]
fn searches_during_a_rebuild_always_find_a_whole_index() {
    let archive = TempArchive::with_seeds();
    archive.cmd().arg("ingest").assert().success();
    let expected = answers(&archive)[1].clone();
    let root = archive.root().to_path_buf();
    let rebuilder = std::thread::spawn(move || {
        for _ in 0..4 {
            let status = common::claimdex()
                .arg("--archive")
                .arg(&root)
                .args(["ingest", "--rebuild"])
                .output()
                .expect("run rebuild");
            assert_eq!(status.status.code(), Some(0), "{status:?}");
        }
    });
    let mut searches = 0;
    while !rebuilder.is_finished() {
        let (code, result) = archive.json("search", &["camera", "--limit", "50"]);
        assert_eq!(code, 0, "a search during a rebuild failed: {result}");
        let ids: Vec<Value> = common::hit_ids(&result)
            .into_iter()
            .map(Value::from)
            .collect();
        assert_eq!(Value::Array(ids), expected, "a search saw other answers");
        searches += 1;
    }
    rebuilder.join().expect("rebuild thread");
    eprintln!("{searches} searches during 4 rebuilds, every one answered from a whole index");
    assert!(searches > 0);
}

#[test]
fn searches_during_ingests_see_the_old_or_the_new_generation_never_a_mix() {
    let archive = TempArchive::with_seeds();
    // Generation A: the seeds without one article; generation B: all of them.
    let held_back = archive.root().join("held-back.txt");
    let article = std::fs::read_dir(archive.corpus())
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .min()
        .expect("a seed");
    std::fs::rename(&article, &held_back).expect("hold one back");
    archive.cmd().arg("ingest").assert().success();
    let generation_a = matching_set(&archive, "camera");
    std::fs::copy(&held_back, &article).expect("restore");
    archive.cmd().arg("ingest").assert().success();
    let generation_b = matching_set(&archive, "camera");
    assert_ne!(
        generation_a, generation_b,
        "the held-back seed must change the hits"
    );

    // Ingests flip between the two while searches run.
    let root = archive.root().to_path_buf();
    let (article_path, held) = (article.clone(), held_back.clone());
    let writer = std::thread::spawn(move || {
        for round in 0..6 {
            if round % 2 == 0 {
                std::fs::remove_file(&article_path).expect("remove");
            } else {
                std::fs::copy(&held, &article_path).expect("restore");
            }
            let output = common::claimdex()
                .arg("--archive")
                .arg(&root)
                .arg("ingest")
                .output()
                .expect("run ingest");
            assert_eq!(output.status.code(), Some(0), "{output:?}");
        }
    });
    let (mut searches, mut seen_a, mut seen_b) = (0, 0, 0);
    while !writer.is_finished() {
        let ids = matching_set(&archive, "camera");
        if ids == generation_a {
            seen_a += 1;
        } else if ids == generation_b {
            seen_b += 1;
        } else {
            panic!("a search saw neither generation: {ids}");
        }
        searches += 1;
    }
    writer.join().expect("writer thread");
    eprintln!("{searches} searches during 6 ingests: {seen_a} at the smaller generation, {seen_b} at the larger");
}

/// Every claim a query matches, sorted: what a generation answers, whatever
/// the ranking (BM25 counts deleted documents until a merge, so an
/// incrementally written generation may order ties differently).
fn matching_set(archive: &TempArchive, query: &str) -> Value {
    let (code, result) = archive.json("search", &[query, "--no-collapse", "--limit", "1000000"]);
    assert_eq!(code, 0, "search {query} failed: {result}");
    let mut ids = common::hit_ids(&result);
    ids.sort();
    Value::from(ids)
}
