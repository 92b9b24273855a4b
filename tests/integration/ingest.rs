//! `claimdex ingest` on real corpora: incremental by content hash, removals,
//! skipped files, the writer lock, `--rebuild`, and a damaged index.

use crate::common;

use common::TempArchive;
use serde_json::Value;

fn ingest_json(archive: &TempArchive) -> (i32, Value) {
    archive.json("ingest", &[])
}

fn counts(summary: &Value) -> [u64; 4] {
    ["added", "updated", "removed", "unchanged"].map(|key| summary[key].as_u64().unwrap())
}

fn search_json(archive: &TempArchive, args: &[&str]) -> Value {
    archive.json("search", args).1
}

#[test]
fn ingesting_twice_changes_nothing_the_second_time() {
    let archive = TempArchive::with_seeds();
    let (code, first) = ingest_json(&archive);
    assert_eq!(code, 0, "{first}");
    assert_eq!(counts(&first), [5, 0, 0, 0]);
    assert!(first["claims"].as_u64().unwrap() > 50, "{first}");
    assert!(first["warnings"].is_array());
    let before = search_json(&archive, &["cameras"]);
    let meta = std::fs::read(archive.root().join("index/meta.json")).unwrap();

    let (code, second) = ingest_json(&archive);
    assert_eq!(code, 0);
    assert_eq!(counts(&second), [0, 0, 0, 5]);
    assert_eq!(second["claims"], 0);
    assert_eq!(second["committed"], false);
    assert_eq!(
        std::fs::read(archive.root().join("index/meta.json")).unwrap(),
        meta,
        "a second ingest with nothing changed must not write a new generation"
    );
    assert_eq!(
        common::hit_ids(&search_json(&archive, &["cameras"])),
        common::hit_ids(&before)
    );
}

#[test]
fn editing_one_file_reindexes_only_that_file() {
    let archive = TempArchive::with_seeds();
    ingest_json(&archive);
    let file = archive.corpus().join("003_1d2da23312c6130e.txt");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("\nThe archive now mentions a quokka sanctuary.\n");
    std::fs::write(&file, text).unwrap();

    let (code, summary) = ingest_json(&archive);
    assert_eq!(code, 0);
    assert_eq!(counts(&summary), [0, 1, 0, 4]);
    let hits = search_json(&archive, &["quokka"]);
    let ids = common::hit_ids(&hits);
    assert_eq!(ids.len(), 1, "{hits}");
    assert!(ids[0].starts_with("003_1d2da23312c6130e#"));
    // The old claims of the edited file are replaced, not duplicated.
    let all = search_json(
        &archive,
        &[
            "--article",
            "003_1d2da23312c6130e",
            "--limit",
            "1000",
            "--",
            "-quokka",
        ],
    );
    let mut ids = common::hit_ids(&all);
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "duplicate claims after an update");
}

#[test]
fn a_touched_file_is_not_reindexed() {
    let archive = TempArchive::with_seeds();
    ingest_json(&archive);
    let file = archive.corpus().join("002_f21834c6df345147.txt");
    let bytes = std::fs::read(&file).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&file, bytes).unwrap();
    let (_, summary) = ingest_json(&archive);
    assert_eq!(counts(&summary), [0, 0, 0, 5]);
}

#[test]
fn deleting_a_file_removes_its_claims() {
    let archive = TempArchive::with_seeds();
    ingest_json(&archive);
    let phrase = "\"blacklist Chinese surveillance equipment maker\"";
    assert_eq!(common::hit_ids(&search_json(&archive, &[phrase])).len(), 1);

    std::fs::remove_file(archive.corpus().join("004_5d856545bff2f73d.txt")).unwrap();
    let (code, summary) = ingest_json(&archive);
    assert_eq!(code, 0);
    assert_eq!(counts(&summary), [0, 0, 1, 4]);
    archive.cmd().args(["search", phrase]).assert().code(1);
    archive
        .cmd()
        .args(["show", "004_5d856545bff2f73d"])
        .assert()
        .code(1);
}

#[test]
fn a_file_that_is_not_text_is_skipped_with_its_reason_and_the_rest_ingested() {
    let archive = TempArchive::with_seeds();
    std::fs::write(
        archive.corpus().join("broken.txt"),
        b"Valid start \xff\xfe then junk",
    )
    .unwrap();
    let (code, summary) = ingest_json(&archive);
    assert_eq!(code, 1, "a skipped file makes exit code 1: {summary}");
    assert_eq!(summary["added"], 6);
    assert_eq!(summary["skipped"], 1);
    let warning = summary["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["path"] == "corpus/broken.txt")
        .expect("a warning names the skipped file");
    assert_eq!(warning["kind"], "skipped");
    assert!(
        warning["message"]
            .as_str()
            .unwrap()
            .contains("byte offset 12"),
        "{warning}"
    );
    // The rest is searchable, and the unchanged bad file is not re-read as new.
    archive.cmd().args(["search", "Hikvision"]).assert().code(0);
    let (code, again) = ingest_json(&archive);
    assert_eq!(code, 1);
    assert_eq!(counts(&again), [0, 0, 0, 6]);
}

#[test]
fn files_over_the_size_limit_are_skipped() {
    let archive = TempArchive::with_seeds();
    let output = archive
        .cmd()
        .args(["ingest", "--json", "--max-file-size", "5000"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let summary: Value = serde_json::from_slice(&output.stdout).unwrap();
    // 000 (17 KB), 001 (11 KB) and 003 (9 KB) are over 5000 bytes.
    assert_eq!(summary["skipped"], 3, "{summary}");
}

#[test]
fn a_second_writer_gets_the_index_locked_error() {
    let archive = TempArchive::with_seeds();
    ingest_json(&archive);
    let index = tantivy::Index::open_in_dir(archive.root().join("index")).unwrap();
    let writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
    let output = archive.cmd().arg("ingest").output().unwrap();
    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("being written by another process"),
        "{stderr}"
    );
    let output = archive
        .cmd()
        .args(["ingest", "--rebuild"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(3),
        "rebuild must respect the lock too"
    );
    // Searching never waits for the writer.
    archive.cmd().args(["search", "Hikvision"]).assert().code(0);
    drop(writer);
    archive.cmd().arg("ingest").assert().code(0);
}

#[test]
fn rebuild_builds_beside_and_swaps() {
    let archive = TempArchive::with_seeds();
    ingest_json(&archive);
    let before = search_json(&archive, &["facial recognition"]);
    let output = archive
        .cmd()
        .args(["ingest", "--rebuild", "--json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let summary: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(counts(&summary), [5, 0, 0, 0]);
    assert!(!archive.root().join("index.rebuild").exists());
    assert!(!archive.root().join("index.old").exists());
    assert_eq!(
        common::hit_ids(&search_json(&archive, &["facial recognition"])),
        common::hit_ids(&before)
    );
}

#[test]
fn a_damaged_index_names_the_rebuild() {
    let archive = TempArchive::with_seeds();
    ingest_json(&archive);
    std::fs::write(archive.root().join("index/meta.json"), b"{ not json").unwrap();
    let output = archive.cmd().args(["search", "cameras"]).output().unwrap();
    assert_eq!(output.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("ingest --rebuild"), "{stderr}");
    archive.cmd().args(["ingest", "--rebuild"]).assert().code(0);
    archive.cmd().args(["search", "cameras"]).assert().code(0);
}

#[test]
fn ingest_paths_are_copied_into_the_corpus() {
    let archive = TempArchive::empty();
    let outside = tempfile::tempdir().unwrap();
    let file = outside.path().join("note.md");
    std::fs::write(&file, "Wombats dig burrows with their claws.\n").unwrap();
    let output = archive
        .cmd()
        .args(["ingest", "--json"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(archive.corpus().join("note.md").is_file());
    archive.cmd().args(["search", "wombat"]).assert().code(0);
    // The same file again: nothing to copy, nothing changes.
    let again = archive.cmd().arg("ingest").arg(&file).output().unwrap();
    assert_eq!(again.status.code(), Some(0));
    // Another file by the same name never overwrites the archived original.
    std::fs::write(&file, "Wombats fly south in winter.\n").unwrap();
    let clash = archive.cmd().arg("ingest").arg(&file).output().unwrap();
    assert_eq!(clash.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&clash.stderr);
    assert!(stderr.contains("already in the corpus"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(archive.corpus().join("note.md")).unwrap(),
        "Wombats dig burrows with their claws.\n"
    );
}

#[test]
fn ingest_of_a_shared_corpus_completes_and_counts_warnings() {
    let Some(shared) = common::shared_dir("corpora/privacyguides-news-analysis") else {
        return;
    };
    let archive = TempArchive::copy_of(&shared.join("corpora/privacyguides-news-analysis"));
    let (code, summary) = ingest_json(&archive);
    assert!(code == 0 || code == 1, "{summary}");
    assert!(summary["added"].as_u64().unwrap() >= 30, "{summary}");
    assert!(summary["claims"].as_u64().unwrap() > 1000, "{summary}");
    assert!(summary["warnings"].is_array());
    let (_, again) = ingest_json(&archive);
    assert_eq!(again["added"], 0);
    assert_eq!(again["claims"], 0);
}

#[test]
fn two_files_with_one_article_id_never_mix_their_claims() {
    // `a.md` and `a.txt` would both be article `a`: the second is skipped
    // and named, never indexed under the first one's path.
    let archive = TempArchive::empty();
    std::fs::write(
        archive.corpus().join("a.md"),
        "Alpha sentence about cameras.\n",
    )
    .unwrap();
    std::fs::write(
        archive.corpus().join("a.txt"),
        "Beta sentence about drones.\n",
    )
    .unwrap();
    let (code, summary) = ingest_json(&archive);
    assert_eq!(code, 1);
    assert_eq!(summary["skipped"], 1);
    let warning = summary["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["path"] == "corpus/a.txt")
        .expect("a warning for a.txt");
    assert!(
        warning["message"].as_str().unwrap().contains("corpus/a.md"),
        "{warning}"
    );
    assert!(common::hit_ids(&search_json(&archive, &["drones"])).is_empty());
    let hits = search_json(&archive, &["cameras"]);
    assert_eq!(hits["hits"][0]["location"]["line"], 1);
    assert_eq!(hits["hits"][0]["article"]["path"], "corpus/a.md");
    // Once the clash is gone the skipped file is read again.
    std::fs::remove_file(archive.corpus().join("a.md")).unwrap();
    let (code, _) = ingest_json(&archive);
    assert_eq!(code, 0);
    let hits = search_json(&archive, &["drones"]);
    assert_eq!(hits["hits"][0]["article"]["path"], "corpus/a.txt");
}
