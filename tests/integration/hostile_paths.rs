//! Hostile paths (RELIABILITY.md §3.E): odd file names, symbolic links
//! (loops, links out of the corpus, dangling), FIFOs and sockets named like
//! articles, unreadable files and a read-only index folder. Unix only: the
//! cases are made with unix file-system calls.
#![cfg(unix)]

use crate::common;

use common::TempArchive;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::Path;

/// True when this user can open a file its mode forbids (root, or
/// CAP_DAC_OVERRIDE): permission cases cannot be tested then.
fn permissions_ignored(dir: &Path) -> bool {
    let probe = dir.join("probe");
    std::fs::write(&probe, "x").unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).unwrap();
    let ignored = std::fs::read(&probe).is_ok();
    std::fs::remove_file(&probe).unwrap();
    ignored
}

#[test]
fn odd_file_names_are_ingested_and_their_claims_found_and_cited() {
    let archive = TempArchive::empty();
    let nfc = "caf\u{e9} r\u{e9}sum\u{e9}.md";
    let nfd = "cafe\u{301} re\u{301}sume\u{301} 2.md";
    let names = [
        "with spaces in it.md",
        "-leading-dash.md",
        "--rebuild.md",
        nfc,
        nfd,
        "quote's \"double\".md",
        "emoji 🦀.txt",
    ];
    for (i, name) in names.iter().enumerate() {
        std::fs::write(
            archive.corpus().join(name),
            format!("The lighthouse number {i} was painted red in spring.\n"),
        )
        .unwrap();
    }
    let (code, summary) = archive.json("ingest", &[]);
    assert_eq!(code, 0, "{summary}");
    assert_eq!(summary["added"], names.len(), "{summary}");
    let (code, result) = archive.json("search", &["lighthouse", "--limit", "50", "--no-collapse"]);
    assert_eq!(code, 0);
    let mut paths: Vec<String> = result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["article"]["path"].as_str().unwrap().to_string())
        .collect();
    paths.sort();
    let mut expected: Vec<String> = names.iter().map(|n| format!("corpus/{n}")).collect();
    expected.sort();
    // NFC and NFD names stay two files, each under its own bytes.
    assert_eq!(paths, expected);
    // Every stored path reads back the file it came from, and the claim id
    // of a name with a leading dash works as an argument after `--`.
    for hit in result["hits"].as_array().unwrap() {
        let path = hit["article"]["path"].as_str().unwrap();
        let bytes = std::fs::read(archive.root().join(path)).expect("stored path reads back");
        let start = hit["location"]["byte_start"].as_u64().unwrap() as usize;
        let end = hit["location"]["byte_end"].as_u64().unwrap() as usize;
        assert_eq!(
            std::str::from_utf8(&bytes[start..end]).unwrap(),
            hit["text"].as_str().unwrap()
        );
        let id = hit["id"].as_str().unwrap();
        let output = archive
            .cmd()
            .args(["cite", "--json", "--", id])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "cite {id}: {output:?}");
    }
}

#[test]
fn links_are_not_followed_and_say_so_loops_and_all() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        "The outside narwhal file must never be read.\n",
    )
    .unwrap();
    let archive = TempArchive::empty();
    let corpus = archive.corpus();
    std::fs::write(corpus.join("real.md"), "A real narwhal claim.\n").unwrap();
    std::fs::create_dir_all(corpus.join("a/b")).unwrap();
    symlink("../..", corpus.join("a/b/loop")).unwrap();
    symlink(corpus.join("a"), corpus.join("a/b/loop2")).unwrap();
    symlink(outside.path().join("secret.md"), corpus.join("escape.md")).unwrap();
    symlink(outside.path(), corpus.join("outside-dir")).unwrap();
    symlink(corpus.join("real.md"), corpus.join("inside-link.md")).unwrap();
    symlink("/nonexistent/nowhere.md", corpus.join("dangling.md")).unwrap();
    let (code, summary) = archive.json("ingest", &[]);
    assert_eq!(code, 1, "skipped links make exit 1: {summary}");
    assert_eq!(summary["added"], 1, "{summary}");
    assert_eq!(summary["skipped"], 6, "{summary}");
    for link in [
        "corpus/a/b/loop",
        "corpus/a/b/loop2",
        "corpus/escape.md",
        "corpus/outside-dir",
        "corpus/inside-link.md",
        "corpus/dangling.md",
    ] {
        let message = common::warning_of(&summary, link);
        assert!(
            message.contains("symbolic link") && message.contains("not followed"),
            "{link}: {message}"
        );
    }
    let (code, result) = archive.json("search", &["narwhal", "--no-collapse"]);
    assert_eq!(code, 0);
    let hits = result["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1, "{result}");
    assert_eq!(hits[0]["article"]["path"], "corpus/real.md");
}

#[test]
fn fifos_and_sockets_named_like_articles_are_skipped_never_opened() {
    let archive = TempArchive::empty();
    let corpus = archive.corpus();
    std::fs::write(corpus.join("real.md"), "A real okapi claim.\n").unwrap();
    let fifo = corpus.join("x.md");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(status.success());
    let _socket = std::os::unix::net::UnixListener::bind(corpus.join("sock.txt")).unwrap();
    // A blocking read of the FIFO would hang here (no writer ever comes);
    // assert_cmd's timeout turns a hang into a failure.
    let output = archive
        .cmd()
        .args(["ingest", "--json"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let summary = common::parse_json_output(&output);
    assert!(common::warning_of(&summary, "corpus/x.md").contains("a FIFO"));
    assert!(common::warning_of(&summary, "corpus/sock.txt").contains("a socket"));
    archive.cmd().args(["search", "okapi"]).assert().code(0);
}

#[test]
fn unreadable_files_and_folders_are_skipped_and_the_rest_ingested() {
    let archive = TempArchive::empty();
    let corpus = archive.corpus();
    if permissions_ignored(archive.root()) {
        eprintln!(
            "note: skipping the chmod 000 case: this user (root or CAP_DAC_OVERRIDE) reads \
             files whatever their mode; a vanished file is covered by a unit test in \
             src/index/ingest.rs and FIFOs by fifos_and_sockets_named_like_articles_are_skipped"
        );
        return;
    }
    std::fs::write(corpus.join("real.md"), "A real tapir claim.\n").unwrap();
    std::fs::write(corpus.join("locked.md"), "A locked tapir claim.\n").unwrap();
    std::fs::set_permissions(corpus.join("locked.md"), PermissionsExt::from_mode(0o000)).unwrap();
    std::fs::create_dir(corpus.join("closed")).unwrap();
    std::fs::write(corpus.join("closed/inner.md"), "Inner tapir.\n").unwrap();
    std::fs::set_permissions(corpus.join("closed"), PermissionsExt::from_mode(0o000)).unwrap();
    let (code, summary) = archive.json("ingest", &[]);
    std::fs::set_permissions(corpus.join("closed"), PermissionsExt::from_mode(0o755)).unwrap();
    assert_eq!(code, 1, "{summary}");
    assert!(common::warning_of(&summary, "corpus/locked.md").contains("ermission denied"));
    assert!(common::warning_of(&summary, "corpus/closed").contains("ermission denied"));
    archive.cmd().args(["search", "tapir"]).assert().code(0);
    // corpus/ itself unreadable: an error, not "every file deleted".
    std::fs::set_permissions(&corpus, PermissionsExt::from_mode(0o000)).unwrap();
    let output = archive.cmd().args(["ingest"]).output().unwrap();
    std::fs::set_permissions(&corpus, PermissionsExt::from_mode(0o755)).unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let (code, _) = archive.json("search", &["tapir"]);
    assert_eq!(code, 0, "the index lost the corpus's claims");
}

#[test]
fn an_index_folder_that_cannot_be_written_is_a_clear_error_not_damage() {
    // What root can test: `index` is a file, so nothing can be written there.
    let archive = TempArchive::with_seeds();
    std::fs::remove_dir(archive.root().join("index")).unwrap();
    std::fs::write(archive.root().join("index"), "not a folder").unwrap();
    let output = archive.cmd().args(["ingest"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("index"), "{stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("--rebuild"),
        "{stderr}"
    );

    // A read-only index folder (chmod a-w): searches still work, ingest
    // exits 2 naming the folder. Root writes whatever the mode says, so
    // this half runs only as an ordinary user.
    let archive = TempArchive::with_seeds();
    archive.cmd().args(["ingest"]).assert().code(0);
    if permissions_ignored(archive.root()) {
        eprintln!(
            "note: skipping the read-only index case: this user (root) writes whatever the \
             mode says, and a read-only mount cannot be made inside a test; README \
             describes the behaviour, tested when run as an ordinary user"
        );
        return;
    }
    let index = archive.root().join("index");
    let set_mode = |mode: u32| {
        for entry in std::fs::read_dir(&index).unwrap() {
            let path = entry.unwrap().path();
            std::fs::set_permissions(&path, PermissionsExt::from_mode(mode & 0o666)).unwrap();
        }
        std::fs::set_permissions(&index, PermissionsExt::from_mode(mode)).unwrap();
    };
    set_mode(0o555);
    let search = archive
        .cmd()
        .args(["search", "Hikvision"])
        .output()
        .unwrap();
    std::fs::write(archive.corpus().join("new.md"), "A new sentence.\n").unwrap();
    let ingest = archive.cmd().args(["ingest"]).output().unwrap();
    set_mode(0o755);
    assert_eq!(search.status.code(), Some(0), "{search:?}");
    assert_eq!(ingest.status.code(), Some(2), "{ingest:?}");
    let stderr = String::from_utf8_lossy(&ingest.stderr);
    assert!(
        stderr.contains("ermission denied") && !stderr.contains("--rebuild"),
        "{stderr}"
    );
}
