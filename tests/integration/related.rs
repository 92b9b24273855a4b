//! `claimdex related` and `claimdex conflicts` on the seed corpus, run
//! through the real binary.

use crate::common;

use serde_json::Value;

/// The id of the first claim of a seed article whose text holds every needle.
fn seed_claim_id(archive: &common::TempArchive, file: &str, needles: &[&str]) -> String {
    let output = archive
        .cmd()
        .arg("parse")
        .arg("--json")
        .arg(archive.corpus().join(file))
        .output()
        .expect("run parse");
    assert!(output.status.success(), "parse failed: {output:?}");
    let articles: Value = serde_json::from_slice(&output.stdout).expect("parse JSON");
    let claims = articles[0]["claims"].as_array().expect("claims");
    let claim = claims
        .iter()
        .find(|c| {
            let text = c["text"].as_str().unwrap_or("");
            needles.iter().all(|n| text.contains(n))
        })
        .unwrap_or_else(|| panic!("no claim with {needles:?} in {file}"));
    // The archive's article id is the file name without extension; `parse`
    // names the article the same way.
    let ordinal = claim["ordinal"].as_u64().expect("ordinal");
    format!("{}#{ordinal}", file.trim_end_matches(".txt"))
}

fn json_of(cmd: &mut assert_cmd::Command) -> (Value, i32) {
    let output = cmd.output().expect("run claimdex");
    (
        common::parse_json_output(&output),
        output.status.code().unwrap_or(-1),
    )
}

#[test]
fn entity_list_claim_has_related_claims_from_two_other_seed_articles() {
    let archive = common::TempArchive::with_seeds();
    let id = seed_claim_id(
        &archive,
        "000_6552e8afb05e4dcc.txt",
        &["Entity List", "October 2019"],
    );
    let (report, code) = json_of(archive.cmd().args(["related", &id, "--json"]));
    assert_eq!(code, 0);
    assert_eq!(report["claim"]["id"], id.as_str());
    let related = report["related"].as_array().expect("related array");
    let mut others: Vec<&str> = related
        .iter()
        .map(|r| r["article"]["id"].as_str().expect("article id"))
        .collect();
    others.sort_unstable();
    others.dedup();
    assert!(
        !others.contains(&"000_6552e8afb05e4dcc"),
        "related claims must come from other articles: {others:?}"
    );
    assert!(others.len() >= 2, "related articles: {others:?}");
    for hit in related {
        assert!(hit["claim"]["citations"].is_array(), "{hit}");
        assert!(hit["claim"]["text"].is_string());
        assert!(hit.get("earlier").is_some());
        let evidence = hit["evidence"].as_array().expect("evidence");
        assert!(!evidence.is_empty(), "every hit says why: {hit}");
    }
    // The commerce department's own decision, dated "In October 2019" by seed 004, is among them.
    assert!(
        related.iter().any(|r| {
            let text = r["claim"]["text"].as_str().unwrap_or("");
            r["article"]["id"] == "004_5d856545bff2f73d"
                && text.contains("In October 2019")
                && text.contains("entity list")
        }),
        "{report:#}"
    );
}

#[test]
fn related_text_output_says_why_and_bad_ids_are_usage_errors() {
    let archive = common::TempArchive::with_seeds();
    let id = seed_claim_id(
        &archive,
        "000_6552e8afb05e4dcc.txt",
        &["Entity List", "October 2019"],
    );
    let output = archive.cmd().args(["related", &id]).output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("why: shared terms:"), "{text}");

    let output = archive
        .cmd()
        .args(["related", "000_6552e8afb05e4dcc#99999"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("000_6552e8afb05e4dcc#99999"));
    let output = archive
        .cmd()
        .args(["related", "no-such-article"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a claim id"));
}

fn figure_text(side: &Value) -> &str {
    side["figure"]["text"].as_str().unwrap_or("")
}

#[test]
fn conflicts_finds_the_detention_estimates_and_reads_years() {
    let archive = common::TempArchive::with_seeds();
    let (report, code) = json_of(archive.cmd().args(["conflicts", "--json"]));
    assert_eq!(code, 0);
    let conflicts = report["conflicts"].as_array().expect("conflicts array");
    // Seed 000 estimates "an estimated 1 million ethnic Uyghurs and other minority
    // Turkic Muslim groups" imprisoned; seed 002 "nearly 1.2 million Muslims" detained.
    let detention = conflicts
        .iter()
        .find(|c| {
            let pair = [figure_text(&c["a"]), figure_text(&c["b"])];
            pair.contains(&"1 million") && pair.contains(&"1.2 million")
        })
        .unwrap_or_else(|| panic!("no detention-estimate conflict: {report:#}"));
    assert_eq!(detention["verdict"], "contradiction");
    assert_ne!(
        detention["a"]["article"]["id"],
        detention["b"]["article"]["id"]
    );
    // Dahua's "$2.89 billion in 2017" (000) and "annual revenue of $3.7
    // billion" (004, published November 2020) are not a contradiction.
    if let Some(revenue) = conflicts.iter().find(|c| {
        let pair = [figure_text(&c["a"]), figure_text(&c["b"])];
        pair.contains(&"$2.89 billion") && pair.contains(&"$3.7 billion")
    }) {
        assert_ne!(revenue["verdict"], "contradiction", "{revenue:#}");
    }
    // Seed 001 dates the Entity List decision "On Oct 7" (2019, from its
    // publication date); seed 000 "on October 9, 2019".
    let dated = conflicts
        .iter()
        .find(|c| c["kind"] == "date")
        .unwrap_or_else(|| panic!("no date conflict: {report:#}"));
    let values = [
        dated["a"]["date"]["value"].as_str().unwrap_or(""),
        dated["b"]["date"]["value"].as_str().unwrap_or(""),
    ];
    assert!(
        values.contains(&"2019-10-07") && values.contains(&"2019-10-09"),
        "{dated:#}"
    );
    // 176 million cameras in 2016 (002) against 220 million now (001, 2019):
    // different years, shown as such.
    let cameras = conflicts
        .iter()
        .find(|c| {
            let pair = [figure_text(&c["a"]), figure_text(&c["b"])];
            pair.contains(&"176 million") && pair.contains(&"220 million")
        })
        .unwrap_or_else(|| panic!("no camera-count pair: {report:#}"));
    assert_eq!(cameras["verdict"], "different_years");
    // The population of Uyghurs (11 million, 004) is not a detention estimate.
    assert!(!conflicts
        .iter()
        .any(|c| { [figure_text(&c["a"]), figure_text(&c["b"])].contains(&"11 million") }));
    // Most certain first among contradictions.
    let certainties: Vec<f64> = conflicts
        .iter()
        .filter(|c| c["verdict"] == "contradiction")
        .map(|c| c["certainty"].as_f64().unwrap())
        .collect();
    assert!(
        certainties.windows(2).all(|w| w[0] >= w[1]),
        "{certainties:?}"
    );
}

#[test]
fn the_same_figure_written_two_ways_is_not_a_conflict() {
    let archive = common::TempArchive::with_seeds();
    // Two more reports of Hikvision's 2019 revenue: one writes seed 000's
    // "US$8.2 billion" as "$8.2 billion", the other gives another figure.
    std::fs::write(
        archive.corpus().join("hikvision-same.md"),
        "Hikvision is one of the largest manufacturers of facial recognition cameras in the world.\n\nThe company earned over $8.2 billion in 2019.\n",
    )
    .unwrap();
    std::fs::write(
        archive.corpus().join("hikvision-other.md"),
        "Hikvision is one of the largest manufacturers of facial recognition cameras in the world.\n\nThe company earned US$6.1 billion in 2019.\n",
    )
    .unwrap();
    let (report, _) = json_of(archive.cmd().args(["conflicts", "--json"]));
    let conflicts = report["conflicts"].as_array().expect("conflicts array");
    let eight = ["US$8.2 billion", "$8.2 billion"];
    assert!(
        !conflicts.iter().any(|c| eight.contains(&figure_text(&c["a"]))
            && eight.contains(&figure_text(&c["b"]))),
        "{report:#}"
    );
    // The comparison did run: 6.1 against 8.2 for the same year is flagged.
    assert!(
        conflicts.iter().any(|c| {
            let pair = [figure_text(&c["a"]), figure_text(&c["b"])];
            pair.contains(&"US$6.1 billion")
                && (pair.contains(&"US$8.2 billion") || pair.contains(&"$8.2 billion"))
                && c["verdict"] == "contradiction"
                && c["about"] == "revenue"
        }),
        "{report:#}"
    );
}

#[test]
fn conflicts_query_narrows_the_pairs() {
    let archive = common::TempArchive::with_seeds();
    let (report, code) = json_of(archive.cmd().args(["conflicts", "Muslims", "--json"]));
    assert_eq!(code, 0);
    let conflicts = report["conflicts"].as_array().unwrap();
    assert!(!conflicts.is_empty());
    for c in conflicts {
        let a = c["a"]["claim"]["text"].as_str().unwrap().to_lowercase();
        let b = c["b"]["claim"]["text"].as_str().unwrap().to_lowercase();
        assert!(a.contains("muslim") || b.contains("muslim"), "{c:#}");
    }
    let output = archive.cmd().args(["conflicts", "zebra"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn conflicts_query_uses_the_search_syntax() {
    let archive = common::TempArchive::with_seeds();
    // `OR` is search's: either word matches (a word list of both would match nothing).
    let (report, code) = json_of(
        archive
            .cmd()
            .args(["conflicts", "zebra OR Muslims", "--json"]),
    );
    assert_eq!(code, 0, "{report:#}");
    let conflicts = report["conflicts"].as_array().unwrap();
    assert!(!conflicts.is_empty());
    // An excluded word takes its claims out of the scope.
    let (report, _) = json_of(
        archive
            .cmd()
            .args(["conflicts", "Muslims -million", "--json"]),
    );
    let narrowed = report["conflicts"].as_array().unwrap();
    assert!(
        !narrowed.is_empty(),
        "the Entity List dates stay: {report:#}"
    );
    assert!(
        !narrowed.iter().any(|c| figure_text(&c["b"]) == "1.2 million"
            || figure_text(&c["a"]) == "1.2 million"),
        "{report:#}"
    );
    for c in narrowed {
        for side in ["a", "b"] {
            let text = c[side]["claim"]["text"].as_str().unwrap().to_lowercase();
            if text.contains("muslim") {
                assert!(!text.contains("million"), "{c:#}");
            }
        }
    }
    // A malformed query is a usage error naming its position, as in search.
    let output = archive
        .cmd()
        .args(["conflicts", "cameras \"thermal"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains('9'), "{stderr}");
}
