//! Hostile file content (RELIABILITY.md §3.C): binary and non-UTF-8 files,
//! BOM and CRLF spans, the size cap, parser panics, deep nesting, bad front
//! matter and dates outside tantivy's `DateTime` range. Each case runs the
//! real binary on a temporary archive, and one bad file never stops the
//! others being ingested. What `tests/ingest.rs` and `tests/parse.rs`
//! already prove (invalid UTF-8 at byte 12, the cap's count, YAML errors in
//! `parse`) is not repeated.

use crate::common;

use claimdex::parse::{parse_article, SourceFile};
use common::TempArchive;
use serde_json::Value;

/// `ingest --json` with extra arguments: exit code and summary.
fn ingest(archive: &TempArchive, args: &[&str]) -> (i32, Value) {
    archive.json("ingest", args)
}

fn hits(result: &Value) -> &Vec<Value> {
    result["hits"].as_array().expect("hits array")
}

/// Seed corpus plus the given files.
fn archive_with(files: &[(&str, Vec<u8>)]) -> TempArchive {
    let archive = TempArchive::with_seeds();
    for (name, bytes) in files {
        std::fs::write(archive.corpus().join(name), bytes).unwrap();
    }
    archive
}

/// A text of `len` bytes of plain sentences that mention `word`.
fn prose(word: &str, len: usize) -> Vec<u8> {
    let sentence = format!("The {word} report was filed on time by the clerk. ");
    sentence.repeat(len / sentence.len() + 1).into_bytes()[..len].to_vec()
}

#[test]
fn nul_bytes_at_start_past_64k_and_at_the_end_are_skipped_naming_the_offset() {
    let mut at_zero = prose("zanzibarian", 1000);
    at_zero[0] = 0;
    let mut past_buffer = prose("zanzibarian", 80_000);
    past_buffer[70_000] = 0;
    let mut at_end = prose("zanzibarian", 5000);
    *at_end.last_mut().unwrap() = 0;
    let archive = archive_with(&[
        ("nul0.md", at_zero),
        ("nul70k.txt", past_buffer),
        ("nulend.md", at_end),
    ]);
    let (code, summary) = ingest(&archive, &[]);
    assert_eq!(code, 1, "{summary}");
    assert_eq!(summary["skipped"], 3, "{summary}");
    assert_eq!(
        summary["added"], 8,
        "5 seeds and 3 skipped records: {summary}"
    );
    for (path, offset) in [
        ("corpus/nul0.md", 0),
        ("corpus/nul70k.txt", 70_000),
        ("corpus/nulend.md", 4999),
    ] {
        let message = common::warning_of(&summary, path);
        assert!(
            message.contains("NUL") && message.contains(&format!("byte offset {offset}")),
            "{path}: {message}"
        );
    }
    // Nothing of those files became searchable text; the seeds did.
    let (code, result) = archive.json("search", &["zanzibarian"]);
    assert_eq!(code, 1, "{result}");
    assert!(hits(&result).is_empty());
    let (code, _) = archive.json("search", &["Hikvision"]);
    assert_eq!(code, 0);
}

#[test]
fn invalid_utf8_of_every_kind_is_skipped_naming_the_first_bad_byte_never_decoded() {
    let mut late = prose("quetzalcoatl", 80_000);
    late[70_000] = 0xC3; // a lead byte followed by ASCII: invalid
    let mut cases: Vec<(&str, Vec<u8>, usize)> = vec![
        ("late.txt", late, 70_000),
        // a UTF-16 LE file with its BOM (refused, not transcoded)
        ("utf16.md", b"\xFF\xFEq\0u\0e\0t\0".to_vec(), 0),
        // an encoded surrogate half (CESU-8) and an overlong NUL (modified UTF-8)
        (
            "surrogate.md",
            b"quetzalcoatl \xED\xA0\x80 here.".to_vec(),
            13,
        ),
        ("overlong.md", b"quetzalcoatl \xC0\x80 here.".to_vec(), 13),
        // truncated at the end in the middle of a character
        ("truncated.md", b"quetzalcoatl caf\xC3".to_vec(), 16),
    ];
    // A NUL before the bad byte is what is named: the first problem.
    cases.push(("nulfirst.md", b"quetzalcoatl\0 caf\xE9".to_vec(), 12));
    let files: Vec<(&str, Vec<u8>)> = cases.iter().map(|(n, b, _)| (*n, b.clone())).collect();
    let archive = archive_with(&files);
    let (code, summary) = ingest(&archive, &[]);
    assert_eq!(code, 1, "{summary}");
    assert_eq!(summary["skipped"], cases.len(), "{summary}");
    for (name, _, offset) in &cases {
        let message = common::warning_of(&summary, &format!("corpus/{name}"));
        assert!(
            message.contains(&format!("byte offset {offset}")),
            "{name}: {message}"
        );
    }
    let (code, result) = archive.json("search", &["quetzalcoatl"]);
    assert_eq!(code, 1, "lossy decoding made it searchable: {result}");
}

/// Whitespace runs as one space: a claim spanning lines reads with spaces.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn bom_and_crlf_spans_read_from_the_original_file_give_the_claim_text() {
    let md = "\u{feff}# Heading\r\n\r\nThe ferry carried 214 passengers across the strait.\r\nIts captain logged every crossing\r\nby hand.\r\n\r\n- The harbour closed at dusk.\r\n";
    let txt = "\u{feff}Harbour notes\r\n\r\nThe ferry sailed twice a day in summer.\r\nThe harbour master kept the keys.\r\n";
    let archive = TempArchive::empty();
    std::fs::write(archive.corpus().join("crlf.md"), md).unwrap();
    std::fs::write(archive.corpus().join("crlf-notes.txt"), txt).unwrap();
    let (code, summary) = ingest(&archive, &[]);
    assert_eq!(code, 0, "{summary}");
    let (code, result) = archive.json("search", &["ferry OR harbour", "--limit", "50"]);
    assert_eq!(code, 0, "{result}");
    let mut checked = 0;
    for hit in hits(&result) {
        let path = hit["article"]["path"].as_str().unwrap();
        let original = std::fs::read(archive.root().join(path)).unwrap();
        let start = hit["location"]["byte_start"].as_u64().unwrap() as usize;
        let end = hit["location"]["byte_end"].as_u64().unwrap() as usize;
        let slice = std::str::from_utf8(&original[start..end]).expect("span on char boundaries");
        assert_eq!(squeeze(slice), hit["text"].as_str().unwrap(), "{path}");
        assert!(!slice.contains('\u{feff}'), "the BOM is not claim text");
        checked += 1;
    }
    assert!(checked >= 4, "only {checked} hits checked: {result}");
}

#[test]
fn the_size_cap_is_documented_names_both_sizes_and_can_be_raised() {
    let help = common::claimdex()
        .args(["ingest", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("--max-file-size"), "{help}");
    let archive = TempArchive::with_seeds();
    // A 200 MB file that takes no disk: it is never read.
    let huge = std::fs::File::create(archive.corpus().join("huge.txt")).unwrap();
    huge.set_len(200 * 1024 * 1024).unwrap();
    drop(huge);
    let (code, summary) = ingest(&archive, &["--max-file-size", "10000"]);
    assert_eq!(code, 1);
    assert_eq!(
        summary["skipped"], 3,
        "huge, 000 (17 KB), 001 (11 KB): {summary}"
    );
    let message = common::warning_of(&summary, "corpus/huge.txt");
    assert!(
        message.contains("209715200 bytes") && message.contains("10000-byte limit"),
        "{message}"
    );
    // Raising the cap reads the files skipped for size; the huge one is
    // still over the default cap (16 MiB).
    std::fs::remove_file(archive.corpus().join("huge.txt")).unwrap();
    let (code, summary) = ingest(&archive, &[]);
    assert_eq!(code, 0, "{summary}");
    assert_eq!(summary["updated"], 2, "{summary}");
    assert_eq!(summary["removed"], 1, "{summary}");
    assert_eq!(summary["skipped"], 0, "{summary}");
}

#[test]
fn a_parser_panic_is_that_files_error_and_the_rest_is_ingested() {
    let archive = archive_with(&[("boom.md", b"A perfectly fine sentence.\n".to_vec())]);
    let output = archive
        .cmd()
        .env("CLAIMDEX_TEST_PANIC", "boom.md")
        .args(["ingest", "--json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let summary = common::parse_json_output(&output);
    assert_eq!(summary["skipped"], 1, "{summary}");
    let message = common::warning_of(&summary, "corpus/boom.md");
    assert!(
        message.contains("the parser failed") && message.contains("a bug"),
        "{message}"
    );
    archive.cmd().args(["search", "Hikvision"]).assert().code(0);
    // `parse` is guarded the same way.
    let output = archive
        .cmd()
        .current_dir(archive.corpus())
        .env("CLAIMDEX_TEST_PANIC", "boom.md")
        .args(["parse", "--json", "boom.md", "002_f21834c6df345147.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("boom.md: the parser failed") && !stderr.contains("panicked"),
        "{stderr}"
    );
    assert_eq!(
        common::parse_json_output(&output).as_array().unwrap().len(),
        1
    );
}

/// Parse `text` as `name` on a thread with a 256 KiB stack: deep recursion
/// anywhere in the parser would overflow it (and abort the test binary).
fn parse_on_small_stack(name: &'static str, text: String) -> usize {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let source = SourceFile {
                id: "deep".to_string(),
                path: name.to_string(),
                bytes: text.as_bytes(),
                catalog: None,
            };
            parse_article(&source).map_or(0, |article| article.claims.len())
        })
        .unwrap()
        .join()
        .unwrap_or_else(|_| panic!("{name} panicked"))
}

#[test]
fn deep_nesting_does_not_overflow_a_256k_stack() {
    for depth in [10_000, 100_000] {
        let cases = [
            (
                "quotes.md",
                format!("{}Deep claim here.\n", "> ".repeat(depth)),
            ),
            (
                "lists.md",
                format!("{}Deep item here.\n", "- ".repeat(depth)),
            ),
            (
                "ordered.md",
                format!("{}Deep item here.\n", "1. ".repeat(depth)),
            ),
            (
                "mixed.md",
                format!("{}Deep item here.\n", "> - 1. ".repeat(depth / 3)),
            ),
            (
                "brackets.md",
                format!("{}x{}.\n", "[".repeat(depth), "](u)".repeat(depth)),
            ),
            (
                "emphasis.md",
                format!("{}x{}\n", "*".repeat(depth), "*".repeat(depth)),
            ),
            (
                "quotes.txt",
                format!("{}Deep claim here.\n", "> ".repeat(depth)),
            ),
            (
                "quotes.rst",
                format!(
                    "{}\n\n{}Deep claim here.\n",
                    "Title\n=====",
                    "    ".repeat(200)
                ),
            ),
        ];
        for (name, text) in cases {
            // Parsing completes; what deep markup yields is not the point.
            let _claims = parse_on_small_stack(name, text);
        }
    }
    assert!(parse_on_small_stack("q.md", format!("{}Deep claim.\n", "> ".repeat(10_000))) == 1);
}

#[test]
fn malformed_front_matter_skips_the_file_naming_its_line_and_the_rest_is_ingested() {
    // A billion laughs: expanded, 9^16 nodes. Refused by the alias budget;
    // that this test finishes at all proves it is never expanded.
    let mut bomb = String::from(
        "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut previous = 'a';
    for name in 'b'..='q' {
        let refs = vec![format!("*{previous}"); 9].join(",");
        bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
        previous = name;
    }
    bomb.push_str("---\nThe bomb article has a sentence.\n");
    let archive = archive_with(&[
        (
            "toml.md",
            b"+++\ntitle = \"x\"\ndate = \n+++\nBody here.\n".to_vec(),
        ),
        (
            "dup.md",
            b"---\ntitle: a\ntitle: b\n---\nBody here.\n".to_vec(),
        ),
        (
            "tab.md",
            b"---\ntitle: a\n\tauthor: b\n---\nBody here.\n".to_vec(),
        ),
        (
            "deep.md",
            format!(
                "---\nx: {}{}\n---\nBody.\n",
                "[".repeat(10_000),
                "]".repeat(10_000)
            )
            .into_bytes(),
        ),
        (
            "bigfm.md",
            format!("---\ntitle: {}\n---\nBody.\n", "x".repeat(1 << 20)).into_bytes(),
        ),
        ("bomb.md", bomb.into_bytes()),
    ]);
    let (code, summary) = ingest(&archive, &[]);
    assert_eq!(code, 1, "{summary}");
    assert_eq!(summary["skipped"], 6, "{summary}");
    for (path, needle) in [
        ("corpus/toml.md", "front matter at line 3"),
        ("corpus/dup.md", "front matter at line 3"),
        ("corpus/tab.md", "front matter at line 2"),
        ("corpus/deep.md", "front matter at line 2"),
        ("corpus/bigfm.md", "over the 262144-byte cap"),
        ("corpus/bomb.md", "malformed front matter at line"),
    ] {
        let message = common::warning_of(&summary, path);
        assert!(message.contains(needle), "{path}: {message}");
    }
    archive.cmd().args(["search", "Hikvision"]).assert().code(0);
}

#[test]
fn dates_outside_tantivys_datetime_range_are_kept_exactly_never_wrapped() {
    let archive = TempArchive::empty();
    std::fs::write(
        archive.corpus().join("old.md"),
        "---\ntitle: Old news\ndate: 1500-03-04\n---\n\nColumbus sailed in 1492 to the west.\n",
    )
    .unwrap();
    std::fs::write(
        archive.corpus().join("future.md"),
        "---\ntitle: Future news\ndate: 2300-01-02\n---\n\nThe colony opened on 12 May 2299 to great fanfare.\n",
    )
    .unwrap();
    let (code, summary) = ingest(&archive, &[]);
    assert_eq!(code, 0, "{summary}");
    // Event dates: 1492 is found by a range around 1492 only.
    let (code, result) = archive.json(
        "search",
        &["Columbus", "--since", "1490", "--until", "1495"],
    );
    assert_eq!(code, 0, "{result}");
    assert_eq!(hits(&result)[0]["dates"][0]["value"], "1492");
    assert_eq!(hits(&result)[0]["article"]["published"], "1500-03-04");
    let (code, _) = archive.json("search", &["Columbus", "--since", "1900"]);
    assert_eq!(code, 1, "1492 wrapped into a modern year");
    // Publication dates before 1677 and after 2262.
    for (since, until, word) in [
        ("1500-03-04", "1500-03-04", "Columbus"),
        ("2300", "2300", "colony"),
    ] {
        let (code, result) = archive.json(
            "search",
            &[
                word,
                "--by",
                "published",
                "--since",
                since,
                "--until",
                until,
            ],
        );
        assert_eq!(code, 0, "{word} {since}: {result}");
        assert_eq!(hits(&result).len(), 1);
    }
    let (code, result) = archive.json(
        "search",
        &["colony", "--since", "2299-05-12", "--until", "2299-05-12"],
    );
    assert_eq!(code, 0, "{result}");
    for (word, since, until) in [("colony", "1677", "2262"), ("Columbus", "1677", "2262")] {
        let (code, _) = archive.json(
            "search",
            &[
                word,
                "--by",
                "published",
                "--since",
                since,
                "--until",
                until,
            ],
        );
        assert_eq!(code, 1, "{word} wrapped into tantivy's range");
    }
}
