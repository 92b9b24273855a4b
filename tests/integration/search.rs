//! `claimdex search`, `show` and `list` through the real binary on the seed
//! corpus: phrases, exclusions, OR, stemming, the typo-tolerant fallback,
//! ranking, JSON fields, bad queries, first use and staleness.

use crate::common;

use common::TempArchive;
use serde_json::Value;

fn ingested() -> TempArchive {
    let archive = TempArchive::with_seeds();
    archive.cmd().arg("ingest").assert().code(0);
    archive
}

fn search(archive: &TempArchive, args: &[&str]) -> (i32, Value) {
    archive.json("search", args)
}

fn hits(value: &Value) -> &Vec<Value> {
    value["hits"].as_array().expect("a hits array")
}

fn texts(value: &Value) -> Vec<String> {
    hits(value)
        .iter()
        .map(|h| h["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn first_search_builds_the_index_and_says_so() {
    let archive = TempArchive::with_seeds();
    let output = archive
        .cmd()
        .args(["search", "thermal cameras"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("building"), "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("corpus/000_6552e8afb05e4dcc.txt:"),
        "{stdout}"
    );
    // Second search: no build, no message.
    let output = archive
        .cmd()
        .args(["search", "thermal cameras"])
        .output()
        .unwrap();
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_phrase_returns_the_claim_that_contains_it() {
    let archive = ingested();
    let (code, value) = search(&archive, &["\"purchased Dahua's thermal imaging cameras\""]);
    assert_eq!(code, 0);
    let texts = texts(&value);
    assert!(!texts.is_empty());
    assert!(
        texts[0].contains("purchased Dahua’s thermal imaging cameras"),
        "{texts:?}"
    );
    // Every hit of a phrase query holds the words in order.
    let (_, value) = search(&archive, &["\"imaging cameras\"", "--limit", "50"]);
    for text in self::texts(&value) {
        assert!(text.to_lowercase().contains("imaging cameras"), "{text}");
    }
}

#[test]
fn a_phrase_hit_carries_its_footnote_label() {
    let archive = ingested();
    let (code, value) = search(&archive, &["\"purchased Dahua's thermal imaging cameras\""]);
    assert_eq!(code, 0);
    let hit = &hits(&value)[0];
    let labels: Vec<&str> = hit["citations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"22"), "{hit}");
    // The human output names the label and says it has no definition.
    let output = archive
        .cmd()
        .args(["search", "\"purchased Dahua's thermal imaging cameras\""])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("[22] unresolved"), "{stdout}");
    assert!(
        stdout.contains("corpus/000_6552e8afb05e4dcc.txt:31"),
        "{stdout}"
    );
}

#[test]
fn since_removes_claims_dated_before_it_and_counts_the_undated() {
    let archive = ingested();
    let earned = "The company earned over US$8.2 billion in 2019.";
    let (_, all) = search(&archive, &["company", "--limit", "200"]);
    assert!(
        texts(&all).iter().any(|t| t == earned),
        "{:#?}",
        texts(&all)
    );
    let output = archive
        .cmd()
        .args([
            "search", "--json", "company", "--limit", "200", "--since", "2020",
        ])
        .output()
        .unwrap();
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(!hits(&value).is_empty());
    assert!(!texts(&value).iter().any(|t| t == earned));
    for hit in hits(&value) {
        let latest = hit["dates"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|d| d["end"].as_str().or(d["value"].as_str()))
            .max()
            .expect("a dated hit")
            .to_string();
        assert!(latest.as_str() >= "2020", "{hit}");
    }
    let undated = value["undated_excluded"].as_u64().unwrap();
    assert!(undated > 0);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("{undated} matching claim(s) left out")),
        "{stderr}"
    );
}

#[test]
fn by_published_filters_on_the_article_date() {
    let archive = ingested();
    // 001 was published 2019-11-06, 004 on 2020-11-09; the others have no date.
    let (code, value) = search(
        &archive,
        &[
            "surveillance",
            "--by",
            "published",
            "--since",
            "2020-01",
            "--limit",
            "100",
        ],
    );
    assert_eq!(code, 0);
    assert!(hits(&value)
        .iter()
        .all(|h| h["article"]["id"] == "004_5d856545bff2f73d"));
    let (_, value) = search(
        &archive,
        &[
            "surveillance",
            "--by",
            "published",
            "--until",
            "2019",
            "--limit",
            "100",
        ],
    );
    assert!(hits(&value)
        .iter()
        .all(|h| h["article"]["id"] == "001_1674b80705788502"));
    assert!(value["undated_excluded"].as_u64().unwrap() > 0);
}

#[test]
fn outlet_filters() {
    let archive = ingested();
    let (code, value) = search(&archive, &["outlet:infosecurity", "cameras"]);
    assert_eq!(code, 0);
    assert!(hits(&value)
        .iter()
        .all(|h| h["article"]["outlet"] == "Infosecurity Magazine"));
    let (_, option) = search(&archive, &["cameras", "--outlet", "Infosecurity Magazine"]);
    assert_eq!(texts(&option), texts(&value));
    let (_, cited) = search(&archive, &["Hikvision", "--cited", "--limit", "100"]);
    assert!(hits(&cited).iter().all(|h| {
        !h["citations"].as_array().unwrap().is_empty()
            || !h["attributions"].as_array().unwrap().is_empty()
    }));
}

#[test]
fn phrases_are_not_stemmed_but_words_are() {
    let archive = ingested();
    let (_, words) = search(&archive, &["camera", "--limit", "100"]);
    assert!(texts(&words).iter().any(|t| t.contains("cameras")));
    let (code, phrase) = search(&archive, &["\"thermal imaging camera\"", "--limit", "100"]);
    // Only the singular, exactly: the seeds only have "cameras" after these words.
    assert!(
        code == 1 || hits(&phrase).iter().all(|h| h["fuzzy"] == true),
        "{phrase}"
    );
}

#[test]
fn json_hits_carry_the_model_fields() {
    let archive = ingested();
    let (code, value) = search(&archive, &["Hikvision"]);
    assert_eq!(code, 0);
    let hit = &hits(&value)[0];
    for key in [
        "id",
        "text",
        "article",
        "location",
        "citations",
        "attributions",
        "dates",
        "quotes",
        "score",
    ] {
        assert!(hit.get(key).is_some(), "missing {key}: {hit}");
    }
    assert!(hit["article"]["path"]
        .as_str()
        .unwrap()
        .starts_with("corpus/"));
    assert!(hit["location"]["line"].as_u64().unwrap() >= 1);
    assert!(hit["score"].as_f64().unwrap() > 0.0);
    // Highlights are byte ranges of the text over the matched word.
    let text = hit["text"].as_str().unwrap();
    let span = &hit["highlights"][0];
    let matched =
        &text[span["start"].as_u64().unwrap() as usize..span["end"].as_u64().unwrap() as usize];
    assert_eq!(matched.to_lowercase(), "hikvision");
}

#[test]
fn exclusions_and_or() {
    let archive = ingested();
    let (_, all) = search(&archive, &["cameras", "--limit", "200"]);
    let (_, without) = search(&archive, &["cameras -thermal", "--limit", "200"]);
    assert!(hits(&without).len() < hits(&all).len());
    assert!(texts(&without)
        .iter()
        .all(|t| !t.to_lowercase().contains("thermal")));
    let (_, either) = search(&archive, &["Hikvision OR Dahua", "--limit", "200"]);
    let (_, one) = search(&archive, &["Hikvision", "--limit", "200"]);
    assert!(hits(&either).len() > hits(&one).len());
    assert!(texts(&either)
        .iter()
        .any(|t| t.contains("Dahua") && !t.contains("Hikvision")));
}

#[test]
fn phrase_matches_rank_above_scattered_words() {
    let archive = ingested();
    let (_, value) = search(&archive, &["thermal cameras", "--limit", "50"]);
    let texts = texts(&value);
    let together =
        |t: &String| t.contains("thermal cameras") || t.contains("thermal imaging cameras");
    let last_together = texts.iter().rposition(together).unwrap();
    let first_scattered = texts.iter().position(|t| !together(t)).unwrap();
    assert!(last_together < first_scattered, "{texts:#?}");
}

#[test]
fn typos_fall_back_to_near_spellings_ranked_below_exact_hits() {
    let archive = ingested();
    let (code, value) = search(&archive, &["Hikvsion"]);
    assert_eq!(code, 0);
    assert!(hits(&value).iter().all(|h| h["fuzzy"] == true));
    assert!(texts(&value)[0].contains("Hikvision"));
    let (_, mixed) = search(&archive, &["surveillance", "--limit", "200"]);
    let hits = hits(&mixed);
    let first_fuzzy = hits
        .iter()
        .position(|h| h["fuzzy"] == true)
        .unwrap_or(hits.len());
    assert!(hits[first_fuzzy..].iter().all(|h| h["fuzzy"] == true));
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn nothing_found_exits_1() {
    let archive = ingested();
    let output = archive
        .cmd()
        .args(["search", "xylophonequartet"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn bad_queries_name_the_problem_and_position() {
    let archive = ingested();
    for (args, needle) in [
        (vec!["cameras \"thermal"], "position 9"),
        (vec!["cameras nosuch:x"], "unknown field 'nosuch:'"),
        (vec!["OR cameras"], "position 1"),
        (vec!["cameras", "--since", "2020-13"], "no such month"),
        (vec!["cameras", "--until", "May 2020"], "malformed date"),
    ] {
        let output = archive.cmd().arg("search").args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn a_stale_index_is_reported() {
    let archive = ingested();
    std::fs::write(archive.corpus().join("new.md"), "Pangolins are scaly.\n").unwrap();
    let output = archive.cmd().args(["search", "cameras"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("stale") && stderr.contains("corpus/new.md"),
        "{stderr}"
    );
}

#[test]
fn output_piped_into_head_ends_cleanly() {
    let archive = ingested();
    let binary = assert_cmd::cargo::cargo_bin!("claimdex");
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' --archive '{}' search cameras --limit 100 | head -1; exit ${{PIPESTATUS:-0}}",
            binary.display(),
            archive.root().display()
        ))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stdout).lines().count(), 1);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("error"),
        "{stderr}"
    );
}

#[test]
fn no_colour_when_disabled() {
    let archive = ingested();
    let output = archive.cmd().args(["search", "cameras"]).output().unwrap();
    assert!(!output.stdout.contains(&0x1b));
    let output = archive
        .cmd()
        .args(["--color", "always", "search", "cameras"])
        .output()
        .unwrap();
    assert!(output.stdout.contains(&0x1b));
}

#[test]
fn show_and_list() {
    let archive = ingested();
    let output = archive.cmd().args(["list", "--json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let list: Value = serde_json::from_slice(&output.stdout).unwrap();
    let articles = list["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 5);
    assert!(articles.iter().all(|a| a["claims"].as_u64().unwrap() > 0));
    assert_eq!(articles[0]["id"], "000_6552e8afb05e4dcc");

    let output = archive
        .cmd()
        .args(["show", "000_6552e8afb05e4dcc#5", "--json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let shown: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(shown["claim"]["id"], "000_6552e8afb05e4dcc#5");
    assert_eq!(shown["before"].as_array().unwrap().len(), 2);
    assert_eq!(shown["after"][0]["id"], "000_6552e8afb05e4dcc#6");

    let output = archive
        .cmd()
        .args(["show", "004_5d856545bff2f73d", "--json"])
        .output()
        .unwrap();
    let article: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(article["path"], "corpus/004_5d856545bff2f73d.txt");
    let claims = article["claims"].as_array().unwrap();
    assert!(claims
        .windows(2)
        .all(|w| w[0]["ordinal"].as_u64() < w[1]["ordinal"].as_u64()));
    archive.cmd().args(["show", "nosuch#1"]).assert().code(1);
}

#[test]
fn a_search_on_a_shared_corpus_returns_hits() {
    let Some(shared) = common::shared_dir("corpora/privacyguides-news-analysis") else {
        return;
    };
    let archive = TempArchive::copy_of(&shared.join("corpora/privacyguides-news-analysis"));
    archive
        .cmd()
        .arg("ingest")
        .assert()
        .code(predicates::ord::lt(2));
    let (code, value) = search(&archive, &["GrapheneOS"]);
    assert_eq!(code, 0);
    assert!(texts(&value)
        .iter()
        .all(|t| t.contains("GrapheneOS") || t.contains("Graphene")));
}

#[test]
fn the_same_sentence_in_several_articles_is_one_hit_listing_each() {
    let archive = TempArchive::with_seeds();
    // A later article carrying seed 000's sentence with one word changed.
    std::fs::write(
        archive.corpus().join("005_syndicated.txt"),
        "Surveillance makers court buyers\n\nMarch 2, 2021\n\n\
         Hikvision is one of the biggest manufacturers of facial recognition cameras in the world.\n",
    )
    .unwrap();
    let query = "manufacturers facial recognition cameras";
    let (code, collapsed) = search(&archive, &[query]);
    assert_eq!(code, 0);
    let first = &hits(&collapsed)[0];
    // The dated article is shown; the undated seed is listed with it.
    assert_eq!(first["id"], "005_syndicated#1");
    let also: Vec<&str> = first["also_in"]
        .as_array()
        .unwrap()
        .iter()
        .map(|copy| copy["id"].as_str().unwrap())
        .collect();
    assert_eq!(also, ["000_6552e8afb05e4dcc#11"]);
    assert_eq!(first["also_in"][0]["location"]["line"], 11);

    let (_, separate) = search(&archive, &[query, "--no-collapse"]);
    let ids: Vec<&str> = hits(&separate)
        .iter()
        .map(|hit| hit["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"005_syndicated#1") && ids.contains(&"000_6552e8afb05e4dcc#11"));
    assert!(hits(&separate)
        .iter()
        .all(|hit| hit["also_in"].as_array().unwrap().is_empty()));
    assert_eq!(hits(&separate).len(), hits(&collapsed).len() + 1);
}

#[test]
fn different_sentences_quoting_the_same_words_stay_apart() {
    // Seeds 000 and 004 quote the same Entity List ruling in sentences of
    // their own: both are hits, neither merged into the other.
    let archive = ingested();
    let (code, value) = search(&archive, &["\"mass arbitrary detention\""]);
    assert_eq!(code, 0);
    let articles: std::collections::BTreeSet<&str> = hits(&value)
        .iter()
        .map(|hit| hit["article"]["id"].as_str().unwrap())
        .collect();
    assert!(articles.len() >= 2, "{articles:?}");
    assert!(hits(&value)
        .iter()
        .all(|hit| hit["also_in"].as_array().unwrap().is_empty()));
}

/// A first ingest killed before its commit leaves a created index with no
/// commit: `search` builds it, as on first use, instead of calling it damaged.
#[test]
fn search_builds_an_index_whose_first_ingest_never_committed() {
    let archive = TempArchive::with_seeds();
    drop(
        tantivy::Index::create_in_dir(
            archive.root().join("index"),
            claimdex::index::schema::build(),
        )
        .expect("create an index with no commit"),
    );
    let output = archive
        .cmd()
        .args(["search", "--json", "camera"])
        .output()
        .expect("run search");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("never committed"), "{stderr}");
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert!(!common::hit_ids(&result).is_empty(), "no hits: {result}");
    archive.cmd().arg("check").assert().success();
}
