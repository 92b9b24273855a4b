//! `claimdex cite` and `claimdex export`: golden citations of the seed
//! articles in every style, the CSL-JSON and BibLaTeX exports read by pandoc
//! (`--citeproc` and its own converters), the RIS export read back by an
//! independent RIS parser, and the error paths.
//!
//! Bless the golden files with `CLAIMDEX_BLESS=1 cargo test --test integration cite::`,
//! then read every changed file before committing it.

use crate::common;

use claimdex::archive::Archive;
use claimdex::cite::csl::{self, CslItem, CslName};
use claimdex::index::ArchiveIndex;
use claimdex::model::Article;
use common::TempArchive;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

/// The seed articles.
const SEEDS: [&str; 5] = [
    "000_6552e8afb05e4dcc",
    "001_1674b80705788502",
    "002_f21834c6df345147",
    "003_1d2da23312c6130e",
    "004_5d856545bff2f73d",
];

const STYLES: [&str; 8] = [
    "apa", "mla", "chicago", "harvard", "markdown", "csl-json", "bibtex", "ris",
];

/// 2026-11-20T12:00:00Z: the corpus files' modification time in the test
/// archives, which stands in for the ingest time (the access date) when the
/// index records none.
const INGEST_SECS: u64 = 1_795_176_000;
/// The access date the golden files are made with (`--accessed`), so they
/// do not depend on the day the test archive was ingested.
const GOLDEN_ACCESSED: &str = "2026-11-20";

/// The day the archive gives as access date by default (the index's ingest
/// time, or the corpus file's modification time).
fn access_day(archive: &TempArchive) -> chrono::NaiveDate {
    let located = Archive::locate(Some(archive.root())).expect("archive");
    let mut article = ArchiveIndex::open(&located)
        .expect("index")
        .article(SEEDS[0])
        .expect("read")
        .expect("seed");
    claimdex::cite::provenance::prepare(&located, &mut article).expect("unchanged");
    let ingested = article.ingested.expect("an ingest time or mtime");
    chrono::NaiveDate::parse_from_str(&ingested[..10], "%Y-%m-%d").expect("RFC 3339 ingest time")
}

/// A copy of the seeds whose files carry a fixed modification time.
fn seeded_archive() -> TempArchive {
    let archive = TempArchive::with_seeds();
    let time = SystemTime::UNIX_EPOCH + Duration::from_secs(INGEST_SECS);
    for entry in std::fs::read_dir(archive.corpus()).expect("corpus") {
        let path = entry.expect("entry").path();
        let file = std::fs::File::options()
            .append(true)
            .open(&path)
            .expect("open corpus file");
        file.set_modified(time).expect("set mtime");
    }
    // Build the index up front, so that no command's output tells of it.
    let output = archive.cmd().arg("ingest").output().expect("run ingest");
    assert!(
        output.status.success(),
        "ingest: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    archive
}

/// The articles as the archive reads them (the metadata citations must show).
fn articles(archive: &TempArchive) -> Vec<Article> {
    let archive = Archive::locate(Some(archive.root())).expect("archive");
    ArchiveIndex::open(&archive)
        .expect("index")
        .articles()
        .expect("articles")
}

fn run(archive: &TempArchive, args: &[&str]) -> (String, String, i32) {
    let output = archive.cmd().args(args).output().expect("run claimdex");
    (
        String::from_utf8(output.stdout).expect("utf-8 stdout"),
        String::from_utf8(output.stderr).expect("utf-8 stderr"),
        output.status.code().unwrap_or(-1),
    )
}

fn golden_dir() -> PathBuf {
    common::repo_root().join("tests/golden/cite")
}

/// Compare with the golden file, or write it when blessing.
fn check_golden(name: &str, actual: &str) -> Option<String> {
    let path = golden_dir().join(name);
    if std::env::var("CLAIMDEX_BLESS").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(golden_dir()).expect("golden dir");
        std::fs::write(&path, actual).expect("write golden");
        return None;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    (expected != actual).then(|| {
        format!(
            "{name} differs from {} (bless with CLAIMDEX_BLESS=1 after reading the change):\n--- expected\n{expected}\n--- actual\n{actual}",
            path.display()
        )
    })
}

fn golden_text(stdout: &str, stderr: &str) -> String {
    format!("{stdout}--- stderr\n{stderr}")
}

#[test]
fn every_style_of_every_seed_article_matches_its_golden_file() {
    let archive = seeded_archive();
    let mut failures = Vec::new();
    for id in SEEDS {
        for style in STYLES {
            let (stdout, stderr, code) = run(
                &archive,
                &["cite", id, "--style", style, "--accessed", GOLDEN_ACCESSED],
            );
            assert_eq!(code, 0, "cite {id} --style {style} failed: {stderr}");
            if let Some(diff) =
                check_golden(&format!("{id}.{style}.txt"), &golden_text(&stdout, &stderr))
            {
                failures.push(diff);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Claims cited in the golden files: one with an unresolved marker in an
/// article with no metadata, one in the article with full metadata.
const CLAIMS: [&str; 2] = ["000_6552e8afb05e4dcc#4", "001_1674b80705788502#5"];

#[test]
fn a_claim_citation_carries_its_paragraph_pinpoint_and_sources() {
    let archive = seeded_archive();
    let articles = articles(&archive);
    let mut failures = Vec::new();
    for claim_id in CLAIMS {
        let claim = articles
            .iter()
            .flat_map(|article| &article.claims)
            .find(|claim| claim.id == claim_id)
            .unwrap_or_else(|| panic!("the parser no longer yields claim {claim_id}"));
        let paragraph = claim.paragraph;
        for style in STYLES {
            let (stdout, stderr, code) = run(
                &archive,
                &[
                    "cite",
                    claim_id,
                    "--style",
                    style,
                    "--accessed",
                    GOLDEN_ACCESSED,
                ],
            );
            assert_eq!(code, 0, "{stderr}");
            let pinpoint = match style {
                "mla" => format!("par. {paragraph}"),
                _ => format!("para. {paragraph}"),
            };
            // Formats that cannot hold a locator say where the claim is on stderr.
            let shown = if ["csl-json", "bibtex", "ris"].contains(&style) {
                &stderr
            } else {
                &stdout
            };
            assert!(
                shown.contains(&pinpoint),
                "{claim_id} {style}: no `{pinpoint}` in {shown}"
            );
            for citation in claim.citations.iter().filter(|c| !c.resolved) {
                let said = format!("[{}]", citation.label);
                let output = format!("{stdout}{stderr}").replace('\\', "");
                assert!(
                    output.contains(&said) && output.contains("unresolved"),
                    "{claim_id} {style}: unresolved {said} not reported in {output}"
                );
            }
            let file = format!("claim-{}.{style}.txt", claim_id.replace('#', "-"));
            if let Some(diff) = check_golden(&file, &golden_text(&stdout, &stderr)) {
                failures.push(diff);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn unknown_styles_and_ids_are_reported() {
    let archive = seeded_archive();
    let (_, stderr, code) = run(&archive, &["cite", SEEDS[1], "--style", "vancouver"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("unknown citation style `vancouver`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("apa, mla, chicago, harvard, markdown, csl-json, bibtex, ris"),
        "{stderr}"
    );
    let (stdout, stderr, code) = run(&archive, &["cite", "no-such-article#3"]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert!(stderr.contains("no-such-article#3"), "{stderr}");
    let (_, stderr, code) = run(&archive, &["export", "--format", "endnote"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("csl-json, bibtex, ris, jsonl"), "{stderr}");
}

#[test]
fn a_source_file_changed_since_ingest_is_refused() {
    let temp = seeded_archive();
    let archive = Archive::locate(Some(temp.root())).expect("archive");
    let mut article = ArchiveIndex::open(&archive)
        .expect("index")
        .article(SEEDS[4])
        .expect("read")
        .expect("seed 004");
    let path = temp.root().join(&article.path);
    let mut file = std::fs::File::options()
        .append(true)
        .open(&path)
        .expect("open");
    file.write_all(b"\nA sentence added after ingest.\n")
        .expect("append");
    // The command refuses, naming the file, with exit 5.
    let (stdout, stderr, code) = run(&temp, &["cite", SEEDS[4]]);
    assert_eq!(code, 5, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("source changed since ingest"), "{stderr}");
    assert!(stderr.contains(&article.path), "{stderr}");
    let err = claimdex::cite::provenance::prepare(&archive, &mut article).expect_err("changed");
    assert_eq!(claimdex::exit::code_for(&err), 5, "{err:#}");
    assert!(format!("{err:#}").contains(&article.path), "{err:#}");

    std::fs::remove_file(&path).expect("remove");
    let err = claimdex::cite::provenance::prepare(&archive, &mut article).expect_err("removed");
    assert_eq!(claimdex::exit::code_for(&err), 5, "{err:#}");
}

#[test]
fn jsonl_export_has_one_claim_per_line_with_its_article() {
    let archive = seeded_archive();
    let articles = articles(&archive);
    let (stdout, stderr, code) = run(&archive, &["export", "--format", "jsonl"]);
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect();
    let claims: usize = articles.iter().map(|a| a.claims.len()).sum();
    assert_eq!(lines.len(), claims);
    let first = &articles[0].claims[0];
    assert_eq!(lines[0]["id"], first.id.as_str());
    assert_eq!(lines[0]["text"], first.text.as_str());
    assert_eq!(lines[0]["paragraph"], first.paragraph);
    assert_eq!(lines[0]["article"]["id"], articles[0].id.as_str());
    assert_eq!(lines[0]["article"]["hash"], articles[0].hash.as_str());
    let ingested = lines[0]["article"]["ingested"]
        .as_str()
        .expect("an ingest time");
    assert!(
        chrono::DateTime::parse_from_rfc3339(ingested).is_ok(),
        "{ingested}"
    );
    let day = access_day(&archive).format("%Y-%m-%d").to_string();
    assert!(ingested.starts_with(&day), "{ingested} is not {day}");
    // --accessed overrides the ingest day for every entry.
    let (stdout, _, code) = run(
        &archive,
        &["export", "--format", "jsonl", "--accessed", "2025-01-02"],
    );
    assert_eq!(code, 0);
    assert!(stdout
        .lines()
        .all(|line| line.contains(r#""ingested":"2025-01-02T00:00:00Z""#)));
    let (_, stderr, code) = run(&archive, &["cite", SEEDS[1], "--accessed", "2 Jan 2025"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("YYYY-MM-DD"), "{stderr}");
}

#[test]
fn export_with_a_query_keeps_only_what_it_matches() {
    let archive = seeded_archive();
    let articles = articles(&archive);
    let phrase = "thermal imaging";
    let (stdout, stderr, code) = run(
        &archive,
        &["export", "--format", "jsonl", "\"thermal imaging\""],
    );
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect();
    let expected: Vec<&str> = articles
        .iter()
        .flat_map(|a| &a.claims)
        .filter(|c| c.text.to_lowercase().contains(phrase))
        .map(|c| c.id.as_str())
        .collect();
    assert!(!expected.is_empty());
    let mut got: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    got.sort_unstable();
    let mut want = expected.clone();
    want.sort_unstable();
    assert_eq!(
        got, want,
        "jsonl holds exactly the claims holding the phrase"
    );
    // Article formats: one entry per article holding a match, none other.
    let (ris, stderr, code) = run(&archive, &["export", "--format", "ris", "Megvii"]);
    assert_eq!(code, 0, "{stderr}");
    let holding = articles
        .iter()
        .filter(|a| a.claims.iter().any(|c| c.text.contains("Megvii")))
        .count();
    assert!(holding >= 2 && holding < articles.len());
    assert_eq!(
        ris.lines().filter(|l| l.starts_with("TY  -")).count(),
        holding
    );
    // Nothing matched: an empty export and exit 1; a bad query: exit 2.
    let (stdout, _, code) = run(
        &archive,
        &["export", "--format", "csl-json", "zzyzxnotaword"],
    );
    assert_eq!((stdout.trim(), code), ("[]", 1));
    let (_, stderr, code) = run(&archive, &["export", "--format", "bibtex", "\"unclosed"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("position"), "{stderr}");
}

// ---------------------------------------------------------------------------
// Real clients: pandoc and a RIS parser.

/// pandoc, or `None` (with a note) when it is not installed; in CI
/// (`CI` or `CLAIMDEX_REQUIRE_SHARED=1`) its absence fails the test.
fn pandoc() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("pandoc"))
            .find(|path| path.is_file())
    });
    if found.is_none() {
        let required = std::env::var("CLAIMDEX_REQUIRE_SHARED").is_ok_and(|v| v == "1")
            || std::env::var_os("CI").is_some_and(|v| !v.is_empty());
        if required {
            panic!("pandoc is required in CI (apt-get install pandoc)");
        }
        eprintln!(
            "note: skipping: pandoc is not installed (apt-get install pandoc); CI runs this test"
        );
    }
    found
}

/// Run pandoc with `stdin` as input; returns stdout and stderr.
fn run_pandoc(pandoc: &Path, args: &[&str], stdin: &str) -> (String, String) {
    let mut child = Command::new(pandoc)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start pandoc");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write to pandoc");
    let output = child.wait_with_output().expect("pandoc output");
    assert!(
        output.status.success(),
        "pandoc {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (
        String::from_utf8(output.stdout).expect("utf-8"),
        String::from_utf8(output.stderr).expect("utf-8"),
    )
}

/// What an article's bibliography entry must show, checked against its
/// metadata (not against our CSL item).
fn assert_entry_shows_metadata(
    entry: &str,
    article: &Article,
    access: chrono::NaiveDate,
    what: &str,
) {
    let folded = entry
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let has = |needle: &str| {
        let needle = needle
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        folded.contains(&needle)
    };
    for author in &article.authors {
        let family = match csl::split_name(author) {
            CslName::Person { family, .. } => family,
            CslName::Literal { literal } => literal,
        };
        assert!(has(&family), "{what}: author {author} missing from {entry}");
    }
    match &article.title {
        // Styles may change a title's case, never its words.
        Some(title) => assert!(has(title), "{what}: title `{title}` missing from {entry}"),
        None => {
            assert!(
                has(csl::UNTITLED),
                "{what}: no `{}` in {entry}",
                csl::UNTITLED
            );
            let description = csl::untitled_description(article);
            let opening: String = description.chars().take(40).collect();
            assert!(
                has(&opening),
                "{what}: description `{opening}` missing from {entry}"
            );
        }
    }
    if let Some(outlet) = &article.outlet {
        assert!(has(outlet), "{what}: outlet {outlet} missing from {entry}");
    }
    if let Some(url) = &article.url {
        assert!(
            entry.contains(url.as_str()),
            "{what}: URL {url} missing from {entry}"
        );
    }
    match article.published.as_deref().and_then(csl::parse_iso_date) {
        Some(date) => {
            let year = date.year.to_string();
            assert!(has(&year), "{what}: year {year} missing from {entry}");
            if let (Some(month), Some(day)) = (date.month, date.day) {
                let shown = chrono::NaiveDate::from_ymd_opt(date.year, month, day)
                    .expect("valid date")
                    .format("%B %-d, %Y")
                    .to_string();
                assert!(has(&shown), "{what}: date {shown} missing from {entry}");
            }
        }
        None => {
            assert!(has("n.d."), "{what}: no `n.d.` in {entry}");
            // Without a publication date the styles give the access date.
            assert!(
                has(&format!("accessed {}", access.format("%B %-d, %Y"))),
                "{what}: no access date in {entry}"
            );
        }
    }
}

/// Export the seeds in a format into a file of the test archive.
fn export_to(archive: &TempArchive, format: &str, file: &str) -> PathBuf {
    let (stdout, stderr, code) = run(archive, &["export", "--format", format]);
    assert_eq!(code, 0, "export --format {format}: {stderr}");
    let path = archive.root().join(file);
    std::fs::write(&path, stdout).expect("write export");
    path
}

#[test]
fn pandoc_citeproc_renders_every_seed_from_our_csl_json_and_biblatex() {
    let Some(pandoc) = pandoc() else { return };
    let archive = seeded_archive();
    let articles = articles(&archive);
    let day = access_day(&archive);
    assert_eq!(articles.len(), SEEDS.len());
    let csl_json = export_to(&archive, "csl-json", "refs.json");
    let biblatex = export_to(&archive, "bibtex", "refs.bib");
    for bibliography in [&csl_json, &biblatex] {
        for article in &articles {
            let key = csl::citation_key(&article.id);
            let document = format!("---\nnocite: |\n  @{key}\n---\n");
            let bib = bibliography.to_string_lossy();
            let (entry, warnings) = run_pandoc(
                &pandoc,
                &[
                    "--citeproc",
                    "--bibliography",
                    &bib,
                    "-f",
                    "markdown",
                    "-t",
                    "plain",
                    "--wrap=none",
                ],
                &document,
            );
            let what = format!("{} from {}", article.id, bibliography.display());
            assert!(
                warnings.trim().is_empty(),
                "{what}: pandoc warned: {warnings}"
            );
            assert!(!entry.trim().is_empty(), "{what}: pandoc rendered nothing");
            assert_entry_shows_metadata(&entry, article, day, &what);
        }
    }
}

#[test]
fn pandoc_reads_our_csl_json_and_biblatex_back_field_for_field() {
    let Some(pandoc) = pandoc() else { return };
    let archive = seeded_archive();
    let located = Archive::locate(Some(archive.root())).expect("archive");
    let expected: Vec<CslItem> = articles(&archive)
        .iter_mut()
        .map(|article| {
            claimdex::cite::provenance::prepare(&located, article).expect("unchanged");
            csl::item_for(article)
        })
        .collect();
    let csl_json = export_to(&archive, "csl-json", "refs.json");
    let biblatex = export_to(&archive, "bibtex", "refs.bib");
    for (format, path) in [("csljson", &csl_json), ("biblatex", &biblatex)] {
        let source = std::fs::read_to_string(path).expect("export");
        let (json, warnings) = run_pandoc(&pandoc, &["-f", format, "-t", "csljson"], &source);
        assert!(
            warnings.trim().is_empty(),
            "{format}: pandoc warned: {warnings}"
        );
        let read: Vec<serde_json::Value> = serde_json::from_str(&json).expect("pandoc's CSL JSON");
        assert_eq!(read.len(), expected.len(), "{format}");
        for item in &expected {
            let back = read
                .iter()
                .find(|value| value["id"] == item.id.as_str())
                .unwrap_or_else(|| panic!("{format}: {} not read back", item.id));
            let ours = serde_json::to_value(item).expect("our item");
            for field in [
                "type",
                "title",
                "author",
                "container-title",
                "issued",
                "accessed",
                "URL",
                "genre",
            ] {
                assert_eq!(
                    back.get(field),
                    ours.get(field),
                    "{format}: {} field {field}",
                    item.id
                );
            }
        }
    }
}

#[test]
fn ris_export_reads_back_with_the_same_fields() {
    use biblib::CitationParser;
    let archive = seeded_archive();
    let articles = articles(&archive);
    let (ris, stderr, code) = run(&archive, &["export", "--format", "ris"]);
    assert_eq!(code, 0, "{stderr}");
    let records = biblib::RisParser::new()
        .parse(&ris)
        .expect("our RIS parses");
    assert_eq!(records.len(), articles.len());
    for (record, article) in records.iter().zip(&articles) {
        let item = csl::item_for(article);
        assert_eq!(record.title, item.title, "{}", article.id);
        assert_eq!(record.journal, article.outlet, "{}", article.id);
        let urls: Vec<String> = article.url.iter().cloned().collect();
        assert_eq!(record.urls, urls, "{}", article.id);
        let authors: Vec<(String, Option<String>)> = record
            .authors
            .iter()
            .map(|a| (a.name.clone(), a.given_name.clone()))
            .collect();
        let expected: Vec<(String, Option<String>)> = item
            .author
            .iter()
            .map(|name| match name {
                CslName::Person { family, given, .. } => (family.clone(), given.clone()),
                CslName::Literal { literal } => (literal.clone(), None),
            })
            .collect();
        assert_eq!(authors, expected, "{}", article.id);
        let date = record
            .date
            .as_ref()
            .map(|d| (d.year, d.month.map(u32::from), d.day.map(u32::from)));
        let published = article
            .published
            .as_deref()
            .and_then(csl::parse_iso_date)
            .map(|d| (d.year, d.month, d.day));
        assert_eq!(date, published, "{}", article.id);
    }
}

#[test]
fn a_claims_sources_are_cited_second_hand_and_unresolved_markers_stay_unresolved() {
    use claimdex::cite::Style;
    use claimdex::model::{Citation, CitationKind};
    let archive = seeded_archive();
    let article = articles(&archive)[1].clone();
    let mut claim = article.claims[1].clone();
    claim.citations = vec![
        Citation {
            label: "7".into(),
            kind: CitationKind::Numbered,
            text: Some("Hikvision, Annual Report 2019".into()),
            url: Some("https://example.org/report".into()),
            resolved: true,
            archived_article: None,
        },
        Citation {
            label: "9".into(),
            kind: CitationKind::Numbered,
            text: None,
            url: None,
            resolved: false,
            archived_article: None,
        },
    ];
    let apa = claimdex::cite::cite(&article, Some(&claim), Style::Apa).expect("apa");
    let in_text = apa.citation.clone().expect("in-text citation");
    assert!(
        in_text.contains(&format!("para. {}", claim.paragraph)),
        "{in_text}"
    );
    let text = apa.to_text();
    let second_hand = format!("(as cited in {}", &in_text[1..]);
    assert!(
        text.contains(&format!(
            "[7]: Hikvision, Annual Report 2019 <https://example.org/report> — {second_hand}"
        )),
        "{text}"
    );
    assert!(
        text.contains("[9]: unresolved: the article has no definition"),
        "{text}"
    );
    assert_eq!(apa.sources[1].cited_in, None);

    let mla = claimdex::cite::render(&article, Some(&claim), Style::Mla).expect("mla");
    assert!(mla.contains("(qtd. in "), "{mla}");
    let chicago = claimdex::cite::render(&article, Some(&claim), Style::Chicago).expect("chicago");
    assert!(chicago.contains("— cited in "), "{chicago}");
    let markdown =
        claimdex::cite::render(&article, Some(&claim), Style::Markdown).expect("markdown");
    assert!(markdown.starts_with("[^"), "{markdown}");
    assert!(
        markdown.contains("<https://example.org/report>"),
        "{markdown}"
    );
    assert!(markdown.contains("\\[9\\] (unresolved"), "{markdown}");
}

#[test]
fn search_cite_appends_a_citation_with_its_pinpoint_to_each_hit() {
    let archive = seeded_archive();
    let (stdout, stderr, code) = run(
        &archive,
        &[
            "search",
            "Hikvision",
            "--limit",
            "3",
            "--cite",
            "apa",
            "--json",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let value: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let hits = value["hits"].as_array().expect("hits");
    assert!(!hits.is_empty());
    for hit in hits {
        let citation = hit["citation"].as_str().expect("a citation per hit");
        let pinpoint = format!("para. {}", hit["paragraph"]);
        assert!(citation.contains(&pinpoint), "{citation} lacks {pinpoint}");
    }
    let (stdout, _, code) = run(
        &archive,
        &["search", "Hikvision", "--limit", "1", "--cite", "mla"],
    );
    assert_eq!(code, 0);
    assert!(stdout.contains("In text: ("), "{stdout}");
}
