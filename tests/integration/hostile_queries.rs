//! Hostile queries (RELIABILITY.md §3.D) for `search` and `verify`: each is
//! an exit 2 with a message naming the problem (and its position where it
//! has one), never a panic; or, where reading it leniently is better, a
//! note on stderr saying what was read as plain text. What
//! `tests/search.rs` already covers (an unclosed quote, `nosuch:`, a lone
//! OR, `--since 2020-13`, piping into `head -1`) is not repeated.

#![cfg(unix)]

use crate::common;

use common::TempArchive;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::process::Output;

fn ingested() -> TempArchive {
    let archive = TempArchive::with_seeds();
    archive.cmd().arg("ingest").assert().code(0);
    archive
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Exit 2, a message holding every needle, no panic.
fn assert_refused(output: &Output, needles: &[&str], case: &str) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(2), "{case}: {err}");
    for needle in needles {
        assert!(err.contains(needle), "{case}: {needle:?} not in {err}");
    }
    assert!(!err.contains("panicked"), "{case}: {err}");
}

#[test]
fn malformed_queries_exit_2_naming_the_problem_and_position() {
    let archive = ingested();
    let cases: &[(&[&str], &[&str])] = &[
        (&["\"cameras"], &["position 1", "unbalanced quote"]),
        (
            &["cameras \u{201C}thermal"],
            &["position 9", "unbalanced quote"],
        ),
        (&["\"\""], &["position 1", "empty phrase"]),
        (&["outlet:"], &["position 1", "no value"]),
        (&["cameras", "OR", "OR", "x"], &["position 12", "OR"]),
        (&["cameras OR -police"], &["position 9", "excluded"]),
        (
            &["title:cameras"],
            &["position 1", "unknown field 'title:'"],
        ),
        (
            &["author:x nosuch:foo"],
            &["position 10", "unknown field 'nosuch:'"],
        ),
        (&["   "], &["position 1", "empty"]),
        (&["((((((("], &["no words to search for"]),
        (&["/.*/"], &["no words to search for"]),
    ];
    for (args, needles) in cases {
        let output = archive.cmd().arg("search").args(*args).output().unwrap();
        assert_refused(&output, needles, &format!("{args:?}"));
    }
}

#[test]
fn foreign_operators_are_read_as_words_and_the_note_says_which() {
    let archive = ingested();
    for (query, listed) in [
        ("(Hikvision", "'(' at 1"),
        ("Hikvision)", "')' at 10"),
        ("Hik*", "'*' at 4"),
        ("Hikvision~2", "'~' at 10"),
        ("Hikvision^3", "'^' at 10"),
        ("Hikvision AND cameras", "'AND' at 11"),
        ("Hikvision /a{1000}/", "'/' at 11"),
    ] {
        let output = archive.cmd().args(["search", query]).output().unwrap();
        let err = stderr(&output);
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{query}: {err}"
        );
        assert!(
            err.contains("read as plain text") && err.contains(listed),
            "{query}: {err}"
        );
    }
    // Ten thousand open parentheses: a note of bounded length, not a list
    // of ten thousand positions, and no nesting to overflow on.
    let deep = format!("{}Hikvision{}", "(".repeat(5000), ")".repeat(5000));
    let output = archive.cmd().args(["search", &deep]).output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(err.contains("and 9992 more") && err.len() < 1000, "{err}");
    // Plain queries get no note.

    let output = archive
        .cmd()
        .args(["search", "Hikvision"])
        .output()
        .unwrap();
    assert!(!stderr(&output).contains("note"), "{}", stderr(&output));
}

#[test]
fn oversized_queries_are_refused_before_any_work() {
    let archive = ingested();
    // A megabyte of query text, as 16 arguments (one argument may hold at
    // most 128 KiB on Linux); the words are joined by spaces.
    let chunk = "cameras ".repeat(8 * 1024);
    let args: Vec<&str> = std::iter::repeat_n(chunk.as_str(), 16).collect();
    let output = archive.cmd().arg("search").args(&args).output().unwrap();
    assert_refused(&output, &["too long", "limit is 10240"], "1 MiB query");
    // Under the byte limit, but more items than the limit.
    let many = "a ".repeat(300);
    let output = archive.cmd().args(["search", &many]).output().unwrap();
    assert_refused(&output, &["more than 256 items"], "300 items");
    // verify: more than 1000 words, and a stdin of more than 1 MiB.
    let long_quote = "word ".repeat(1500);
    let output = archive
        .cmd()
        .args(["verify", &long_quote])
        .output()
        .unwrap();
    assert_refused(
        &output,
        &["1500 words", "at most 1000"],
        "1500-word quotation",
    );
    let output = archive
        .cmd()
        .args(["verify", "-"])
        .write_stdin("word ".repeat(300_000))
        .output()
        .unwrap();
    assert_refused(&output, &["over 1048576 bytes"], "1.5 MB on stdin");
}

#[test]
fn bad_date_bounds_name_the_flag_and_the_part() {
    let archive = ingested();
    for (flag, value, needles) in [
        (
            "--since",
            "2023-02-30",
            vec!["--since", "no such day", "position 9"],
        ),
        ("--since", "2023-02-29", vec!["no such day"]),
        (
            "--until",
            "yesterday-ish",
            vec!["--until", "malformed date"],
        ),
        ("--until", "2020-00", vec!["no such month", "position 6"]),
        ("--since", "20200", vec!["malformed date"]),
        ("--since", "-2020", vec!["malformed date"]),
        ("--since", "2020--01", vec!["malformed date"]),
        ("--since", "２０２０", vec!["malformed date"]),
        ("--until", "", vec!["malformed date"]),
    ] {
        let output = archive
            .cmd()
            .args(["search", "cameras", &format!("{flag}={value}")])
            .output()
            .unwrap();
        assert_refused(&output, &needles, &format!("{flag} {value:?}"));
    }
    // A leap day is a day.
    let output = archive
        .cmd()
        .args(["search", "cameras", "--since", "2024-02-29"])
        .output()
        .unwrap();
    assert!(matches!(output.status.code(), Some(0 | 1)), "{output:?}");
}

#[test]
fn invalid_utf8_and_nul_in_arguments_and_stdin_exit_2() {
    let archive = ingested();
    let bad = OsStr::from_bytes(b"caf\xe9");
    for subcommand in ["search", "verify"] {
        let output = archive.cmd().arg(subcommand).arg(bad).output().unwrap();
        assert_refused(&output, &["UTF-8"], &format!("{subcommand} with Latin-1"));
    }
    let output = archive
        .cmd()
        .args(["search", "cameras", "--since"])
        .arg(bad)
        .output()
        .unwrap();
    assert_refused(&output, &["UTF-8"], "--since with Latin-1");
    // A NUL cannot travel in argv (the kernel ends a C string there), so it
    // is tested where it can arrive: a quotation on standard input.
    let output = archive
        .cmd()
        .args(["verify", "-"])
        .write_stdin(&b"Hikvision\0 cameras"[..])
        .output()
        .unwrap();
    assert_refused(&output, &["NUL byte at byte offset 9"], "NUL on stdin");
    let output = archive
        .cmd()
        .args(["verify", "-"])
        .write_stdin(&b"caf\xe9 au lait"[..])
        .output()
        .unwrap();
    assert_refused(
        &output,
        &["not valid UTF-8", "byte offset 3"],
        "Latin-1 on stdin",
    );
}

/// Found by the `query` fuzz target (`-#a(I(`): an excluded phrase with no
/// positive item made tantivy's phrase scorer seek backwards and panic
/// (a debug assertion; tantivy #2811).
#[test]
fn an_excluded_phrase_alone_is_every_claim_but_those() {
    let archive = ingested();
    for query in ["-#a(I(", "-\"in the\"", "-\"of the\" -\"in a\""] {
        let output = archive
            .cmd()
            .args(["search", "--json", "--limit", "500", "--", query])
            .output()
            .unwrap();
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(0), "{query}: {err}");
        assert!(!err.contains("panicked"), "{query}: {err}");
        let result = common::parse_json_output(&output);
        let hits = result["hits"].as_array().unwrap();
        assert!(!hits.is_empty(), "{query}");
        for hit in hits {
            let text = hit["text"].as_str().unwrap().to_lowercase();
            let words: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            let has_in_the = words.windows(2).any(|pair| pair == ["in", "the"]);
            assert!(!(has_in_the && query.contains("in the")), "{query}: {text}");
        }
    }
}
