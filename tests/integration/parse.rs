//! `claimdex parse`: golden snapshots of every seed, byte spans that point
//! at the claim's source, errors that name the file and byte offset, and
//! hostile input (deep nesting, bad front matter, alias bombs).
//!
//! Golden files live in `tests/golden/<seed>.json`; regenerate them with
//! `CLAIMDEX_BLESS=1 cargo test --test integration parse::` and read the diff before
//! committing. Only the fields the parser owns are in the snapshots (dates
//! and quotes have their own tests).

use crate::common;

use serde_json::Value;
use std::path::{Path, PathBuf};

fn parse_json(args: &[&str], dir: &Path) -> Value {
    let output = common::claimdex()
        .current_dir(dir)
        .arg("parse")
        .arg("--json")
        .args(args)
        .output()
        .expect("run claimdex");
    assert!(
        output.status.success(),
        "claimdex parse failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON output")
}

/// The fields the parser owns: fields other stages fill in (dates, quotes,
/// ingest data) or add later do not churn the snapshots.
fn snapshot_of(article: &Value) -> Value {
    const ARTICLE_FIELDS: &[&str] = &[
        "id",
        "path",
        "hash",
        "format",
        "title",
        "authors",
        "outlet",
        "url",
        "published",
        "updated",
        "metadata_sources",
        "citation_definitions",
        "report",
    ];
    const CLAIM_FIELDS: &[&str] = &[
        "id",
        "ordinal",
        "text",
        "kind",
        "section",
        "paragraph",
        "location",
        "citations",
        "attributions",
    ];
    let pick = |value: &Value, fields: &[&str]| {
        let mut out = serde_json::Map::new();
        for field in fields {
            out.insert(field.to_string(), value[*field].clone());
        }
        Value::Object(out)
    };
    let mut out = pick(article, ARTICLE_FIELDS);
    let claims: Vec<Value> = article["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|claim| pick(claim, CLAIM_FIELDS))
        .collect();
    out["claims"] = Value::Array(claims);
    out
}

fn seed_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(common::corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

#[test]
fn seeds_match_their_golden_parse() {
    let golden_dir = common::repo_root().join("tests/golden");
    let bless = std::env::var("CLAIMDEX_BLESS").is_ok_and(|v| v == "1");
    let files = seed_files();
    assert_eq!(files.len(), 5);
    let mut mismatched = Vec::new();
    for file in files {
        let relative = format!("corpus/{}", file.file_name().unwrap().to_string_lossy());
        let parsed = parse_json(&[&relative], &common::repo_root());
        let got = snapshot_of(&parsed[0]);
        let id = got["id"].as_str().unwrap().to_string();
        let golden = golden_dir.join(format!("{id}.json"));
        let pretty = serde_json::to_string_pretty(&got).unwrap() + "\n";
        if bless {
            std::fs::create_dir_all(&golden_dir).unwrap();
            std::fs::write(&golden, &pretty).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&golden)
            .unwrap_or_else(|_| panic!("missing {}; run with CLAIMDEX_BLESS=1", golden.display()));
        if expected != pretty {
            mismatched.push(id);
        }
    }
    assert!(
        mismatched.is_empty(),
        "parse differs from tests/golden for {mismatched:?}; inspect with `claimdex parse --json`, \
         regenerate with CLAIMDEX_BLESS=1 and review the diff"
    );
}

/// Every claim's byte span starts at its first character and holds its
/// words in order.
fn assert_spans_point_at_claims(source: &[u8], article: &Value) {
    let text = std::str::from_utf8(source).unwrap();
    for claim in article["claims"].as_array().unwrap() {
        let start = claim["location"]["byte_start"].as_u64().unwrap() as usize;
        let end = claim["location"]["byte_end"].as_u64().unwrap() as usize;
        let claim_text = claim["text"].as_str().unwrap();
        let slice = text
            .get(start..end)
            .unwrap_or_else(|| panic!("span {start}..{end} not on char boundaries: {claim}"));
        let first = claim_text.chars().next().unwrap();
        assert!(
            slice.starts_with(first),
            "span of {claim_text:?} starts with {slice:?}"
        );
        let mut rest = slice;
        for word in claim_text.split_whitespace() {
            // Markers and markup may sit between words, never inside them
            // except link/code syntax; check word by word.
            let core: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
            if core.is_empty() {
                continue;
            }
            let found = rest.find(word).or_else(|| rest.find(&core));
            let at =
                found.unwrap_or_else(|| panic!("{word:?} of {claim_text:?} not in span {slice:?}"));
            rest = &rest[at..];
        }
        let line = claim["location"]["line"].as_u64().unwrap() as usize;
        assert_eq!(text[..start].matches('\n').count() + 1, line);
    }
}

#[test]
fn seed_spans_point_at_their_claims() {
    for file in seed_files() {
        let parsed = parse_json(&[file.to_str().unwrap()], &common::repo_root());
        assert_spans_point_at_claims(&std::fs::read(&file).unwrap(), &parsed[0]);
    }
}

#[test]
fn bom_and_crlf_keep_spans_right() {
    let dir = tempfile::tempdir().unwrap();
    let body = "# A title\r\n\r\nFirst claim here.[^1] Second “quoted” one.\r\n\r\n- A list item\r\n\r\n[^1]: A note.\r\n";
    let bytes = [b"\xEF\xBB\xBF".as_slice(), body.as_bytes()].concat();
    std::fs::write(dir.path().join("a.md"), &bytes).unwrap();
    let txt = "Heading line\r\n\r\nA sentence on line three.[4] Another.\r\n";
    let txt_bytes = [b"\xEF\xBB\xBF".as_slice(), txt.as_bytes()].concat();
    std::fs::write(dir.path().join("b.txt"), &txt_bytes).unwrap();
    let parsed = parse_json(&["a.md", "b.txt"], dir.path());
    assert_eq!(parsed[0]["title"], "A title");
    assert_spans_point_at_claims(&bytes, &parsed[0]);
    assert_spans_point_at_claims(&txt_bytes, &parsed[1]);
    let first = &parsed[0]["claims"][0];
    assert_eq!(first["text"], "First claim here.");
    assert_eq!(first["location"]["line"], 3);
    assert_eq!(first["citations"][0]["label"], "^1");
    assert_eq!(first["citations"][0]["resolved"], true);
    assert_eq!(parsed[1]["claims"][0]["location"]["line"], 3);
}

#[test]
fn bad_files_are_named_with_offsets_and_others_still_print() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.md"), "A fine sentence.\n").unwrap();
    std::fs::write(dir.path().join("latin1.txt"), b"caf\xe9 au lait\n").unwrap();
    std::fs::write(dir.path().join("nul.md"), b"text\0more\n").unwrap();
    let output = common::claimdex()
        .current_dir(dir.path())
        .args([
            "parse",
            "--json",
            "latin1.txt",
            "missing.md",
            "nul.md",
            "good.md",
        ])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("latin1.txt") && stderr.contains("byte offset 3"),
        "{stderr}"
    );
    assert!(
        stderr.contains("nul.md") && stderr.contains("byte offset 4"),
        "{stderr}"
    );
    assert!(stderr.contains("missing.md"), "{stderr}");
    let parsed: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(parsed.as_array().unwrap().len(), 1);
    assert_eq!(parsed[0]["claims"][0]["text"], "A fine sentence.");
}

#[test]
fn readable_summary_shows_metadata_and_citations() {
    let output = common::claimdex()
        .current_dir(common::repo_root())
        .args([
            "parse",
            "corpus/001_1674b80705788502.txt",
            "corpus/000_6552e8afb05e4dcc.txt",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("Assif Shameen (header line)"), "{stdout}");
    assert!(
        stdout.contains("§ Hikvision › Notable Products"),
        "{stdout}"
    );
    assert!(
        stdout.contains("labels reused for different statements: [21] [33] [40]"),
        "{stdout}"
    );
    assert!(!stdout.contains('\x1b'), "NO_COLOR output has escapes");
}

#[test]
fn hostile_markdown_is_an_error_or_a_parse_never_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("deep.md"),
        format!("{}deep claim.\n", "> ".repeat(10_000)),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("open.md"),
        "---\ntitle: never closed\n\nBody.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("bad.md"),
        "---\ntitle: ok\nauthor: [unclosed\n---\nBody.\n",
    )
    .unwrap();
    let mut bomb =
        String::from("---\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
    let mut prev = 'a';
    for name in 'b'..='j' {
        let refs = vec![format!("*{prev}"); 9].join(",");
        bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
        prev = name;
    }
    bomb.push_str("---\nBody.\n");
    std::fs::write(dir.path().join("bomb.md"), bomb).unwrap();
    let output = common::claimdex()
        .current_dir(dir.path())
        .args(["parse", "--json", "deep.md", "open.md", "bad.md", "bomb.md"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("open.md: malformed front matter at line 1"),
        "{stderr}"
    );
    assert!(
        stderr.contains("bad.md: malformed front matter at line"),
        "{stderr}"
    );
    assert!(
        stderr.contains("bomb.md: malformed front matter"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    let parsed: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(parsed[0]["claims"][0]["text"], "deep claim.");
}
