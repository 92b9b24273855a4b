//! `claimdex verify`: each verdict on the seed corpus, through the real
//! binary, and the thresholds at their edges.

use crate::common;

use serde_json::Value;

const SEED_000: &str = "corpus/000_6552e8afb05e4dcc.txt";
const SEED_002: &str = "corpus/002_f21834c6df345147.txt";

/// Run `verify --json` with `args` and return (exit code, parsed output).
fn verify_json(archive: &common::TempArchive, args: &[&str]) -> (i32, Value) {
    archive.json("verify", args)
}

fn first_match(json: &Value) -> &Value {
    &json["matches"][0]
}

#[test]
fn straight_quotes_where_the_source_has_curly_ones_are_exact() {
    let archive = common::TempArchive::with_seeds();
    let quote = "\"The battle against the Covid-19 epidemic requires collective wisdom and \
                 sharing of best practices from the international community,\" said the \
                 company's Chief Financial Officer";
    let (code, json) = verify_json(&archive, &[quote]);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(json["verdict"], "exact");
    let m = first_match(&json);
    assert_eq!(m["verdict"], "exact");
    assert_eq!(m["article"]["path"], SEED_000);
    assert_eq!(m["location"]["line"], 69);
    assert!(m["claim_id"]
        .as_str()
        .unwrap()
        .starts_with("000_6552e8afb05e4dcc#"));
    assert_eq!(m["similarity"], 1.0);
    let typography: Vec<&str> = m["typography"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert!(typography.contains(&"quotation_marks"), "{typography:?}");
    assert!(typography.contains(&"apostrophes"), "{typography:?}");
    assert!(m.get("diff").is_none(), "no diff for an exact match");
    assert!(m["citations"].is_array());
}

#[test]
fn exact_in_human_text_names_the_place() {
    let archive = common::TempArchive::with_seeds();
    let output = archive
        .cmd()
        .args([
            "verify",
            "we hope the company receives a fair and just treatment",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("exact: "), "{text}");
    assert!(text.contains(&format!("{SEED_002}:9")), "{text}");
    assert!(text.contains("typography differs: case"), "{text}");
}

#[test]
fn a_quotation_across_paragraphs_is_exact_and_names_every_claim() {
    let archive = common::TempArchive::with_seeds();
    let quote = "stating the project included about 30,000 cameras and data centers. \
                 Bidding documents also show Hikvision itself directly bid";
    let (code, json) = verify_json(&archive, &[quote]);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(json["verdict"], "exact");
    let m = first_match(&json);
    assert_eq!(m["location"]["line"], 13);
    assert_eq!(m["location"]["end_line"], 15);
    assert!(m["claim_ids"].as_array().unwrap().len() >= 2, "{m:#}");
}

#[test]
fn a_changed_number_is_altered_and_the_diff_shows_it() {
    let archive = common::TempArchive::with_seeds();
    let quote = "Hikvision proudly posted that it had won a $97 million safe city project";
    let (code, json) = verify_json(&archive, &[quote]);
    assert_eq!(code, 1, "{json:#}");
    assert_eq!(json["verdict"], "altered");
    let m = first_match(&json);
    assert_eq!(m["article"]["path"], SEED_002);
    let diff = m["diff"].as_array().expect("a diff for an altered match");
    let has = |op: &str, text: &str| {
        diff.iter()
            .any(|piece| piece["op"] == op && piece["text"].as_str().unwrap().contains(text))
    };
    assert!(has("delete", "79"), "{diff:?}");
    assert!(has("insert", "97"), "{diff:?}");
    assert!(has("equal", "million safe city project"), "{diff:?}");
    let similarity = m["similarity"].as_f64().unwrap();
    assert!((0.75..1.0).contains(&similarity), "{similarity}");

    let text = archive
        .cmd()
        .args(["verify", quote])
        .output()
        .unwrap()
        .stdout;
    let text = String::from_utf8(text).unwrap();
    assert!(text.contains("[-79-] {+97+}"), "{text}");
    assert!(text.contains("similarity: 0."), "{text}");
}

#[test]
fn a_swapped_word_is_altered() {
    let archive = common::TempArchive::with_seeds();
    let (code, json) = verify_json(
        &archive,
        &["We hope the company receives a fair and just verdict"],
    );
    assert_eq!(code, 1);
    assert_eq!(json["verdict"], "altered");
    let diff = first_match(&json)["diff"].as_array().unwrap().clone();
    assert!(diff
        .iter()
        .any(|p| p["op"] == "delete" && p["text"] == "treatment"));
    assert!(diff
        .iter()
        .any(|p| p["op"] == "insert" && p["text"] == "verdict"));
}

#[test]
fn a_dropped_word_is_altered() {
    let archive = common::TempArchive::with_seeds();
    let (code, json) = verify_json(
        &archive,
        &["We hope the company receives a fair and treatment"],
    );
    assert_eq!(code, 1);
    assert_eq!(json["verdict"], "altered");
    let diff = first_match(&json)["diff"].as_array().unwrap().clone();
    assert!(diff
        .iter()
        .any(|p| p["op"] == "delete" && p["text"] == "just"));
}

#[test]
fn a_quotation_cut_with_an_elision_is_elided_and_shows_what_was_left_out() {
    let archive = common::TempArchive::with_seeds();
    for cut in ["[…]", "...", "…", "[...]"] {
        let quote = format!(
            "The battle against the Covid-19 epidemic requires collective wisdom {cut} \
             from the international community"
        );
        let (code, json) = verify_json(&archive, &[&quote]);
        assert_eq!(code, 0, "{cut}: {json:#}");
        assert_eq!(json["verdict"], "elided", "{cut}");
        let m = first_match(&json);
        assert_eq!(m["article"]["path"], SEED_000);
        assert_eq!(
            m["omitted"],
            serde_json::json!(["and sharing of best practices"]),
            "{cut}"
        );
    }
}

#[test]
fn elided_pieces_out_of_order_are_not_elided() {
    let archive = common::TempArchive::with_seeds();
    let (code, json) = verify_json(
        &archive,
        &["from the international community […] The battle against the Covid-19 epidemic"],
    );
    assert_eq!(code, 1, "{json:#}");
    assert_ne!(json["verdict"], "elided");
    assert_ne!(json["verdict"], "exact");
}

#[test]
fn the_right_words_with_the_wrong_speaker_are_misattributed() {
    let archive = common::TempArchive::with_seeds();
    let (code, json) = verify_json(
        &archive,
        &[
            "We hope the company receives a fair and just treatment",
            "--speaker",
            "Dawei Duan",
        ],
    );
    assert_eq!(code, 1, "{json:#}");
    assert_eq!(json["verdict"], "misattributed");
    assert_eq!(json["speaker"], "Dawei Duan");
    let m = first_match(&json);
    assert_eq!(m["verdict"], "misattributed");
    assert_eq!(m["speaker_matches"], false);
    assert_eq!(m["article"]["path"], SEED_002);
    assert_eq!(
        m["speaker"], "Huang Fanghong",
        "the source's speaker is shown"
    );
    assert_eq!(m["quoted"], true);
}

#[test]
fn the_right_words_with_the_right_speaker_are_exact() {
    let archive = common::TempArchive::with_seeds();
    for (quote, speaker) in [
        (
            "We hope the company receives a fair and just treatment",
            "Huang Fanghong",
        ),
        (
            "requires collective wisdom and sharing of best practices",
            "Duan",
        ),
        // The second paragraph of a quotation that runs across paragraphs.
        (
            "Bidding documents also show Hikvision itself directly bid",
            "Charles Rollet",
        ),
    ] {
        let (code, json) = verify_json(&archive, &[quote, "--speaker", speaker]);
        assert_eq!(code, 0, "{quote}: {json:#}");
        assert_eq!(json["verdict"], "exact", "{quote}");
        assert_eq!(first_match(&json)["speaker_matches"], true, "{quote}");
    }
}

#[test]
fn words_the_source_does_not_quote_are_misattributed_to_anyone() {
    let archive = common::TempArchive::with_seeds();
    let (code, json) = verify_json(
        &archive,
        &[
            "Dahua representatives had no immediate comment",
            "--speaker",
            "Huang Fanghong",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(json["verdict"], "misattributed");
    let m = first_match(&json);
    assert_eq!(m["speaker"], Value::Null);
    assert_eq!(m["quoted"], false);
}

#[test]
fn a_sentence_from_no_article_is_not_found_with_nearest_passages() {
    let archive = common::TempArchive::with_seeds();
    let (code, json) = verify_json(
        &archive,
        &["The orchestra rehearsed the symphony in the old cathedral every Tuesday evening"],
    );
    assert_eq!(code, 1);
    assert_eq!(json["verdict"], "not_found");
    let matches = json["matches"].as_array().unwrap();
    assert!(!matches.is_empty() && matches.len() <= 3, "{matches:?}");
    for m in matches {
        assert_eq!(m["verdict"], "not_found");
        assert!(m["similarity"].as_f64().unwrap() < 0.75);
    }
    let text = archive
        .cmd()
        .args([
            "verify",
            "The orchestra rehearsed the symphony in the old cathedral every Tuesday evening",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.starts_with("not_found: "), "{text}");
    assert!(text.contains("not matching"), "{text}");
}

#[test]
fn similarity_at_the_threshold_is_altered() {
    // 8 words, 2 replaced: 2 * 6 / 16 = 0.75.
    let archive = common::TempArchive::with_seeds();
    let (code, json) = verify_json(
        &archive,
        &["requires collective knowledge and sharing of good practices"],
    );
    assert_eq!(code, 1);
    assert_eq!(json["verdict"], "altered", "{json:#}");
    assert_eq!(first_match(&json)["similarity"], 0.75);
}

#[test]
fn similarity_just_below_the_threshold_is_not_found() {
    // 11 words, 3 replaced: 2 * 8 / 22 = 0.727.
    let archive = common::TempArchive::with_seeds();
    let (code, json) = verify_json(
        &archive,
        &["The fight against the Covid-19 pandemic demands collective wisdom and"],
    );
    assert_eq!(code, 1);
    assert_eq!(json["verdict"], "not_found", "{json:#}");
    assert_eq!(first_match(&json)["similarity"], 0.727);
    assert!(first_match(&json).get("diff").is_none());
}

#[test]
fn punctuation_and_dashes_fold_but_words_do_not() {
    let archive = common::TempArchive::with_seeds();
    // An en dash for the hyphen and a dropped comma stay exact...
    let (code, json) = verify_json(
        &archive,
        &["the Covid–19 epidemic requires collective wisdom and sharing"],
    );
    assert_eq!(code, 0, "{json:#}");
    let typography = first_match(&json)["typography"].clone();
    assert!(typography
        .as_array()
        .unwrap()
        .contains(&Value::from("dashes")));
    // ...but "Covid 20" is a different word.
    let (code, json) = verify_json(
        &archive,
        &["the Covid-20 epidemic requires collective wisdom and sharing"],
    );
    assert_eq!(code, 1);
    assert_eq!(json["verdict"], "altered");
}

#[test]
fn the_quotation_can_come_from_standard_input() {
    let archive = common::TempArchive::with_seeds();
    let output = archive
        .cmd()
        .args(["verify", "-", "--json"])
        .write_stdin("“We hope the company\nreceives a fair and just treatment,”\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["verdict"], "exact");
    let typography = json["matches"][0]["typography"].as_array().unwrap().clone();
    assert!(
        typography.contains(&Value::from("whitespace")),
        "{typography:?}"
    );
}

#[test]
fn a_quotation_without_words_is_a_usage_error() {
    let archive = common::TempArchive::with_seeds();
    archive
        .cmd()
        .args(["verify", "“ … ”"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no words"));
}

#[test]
fn a_quotation_over_the_word_limit_is_a_usage_error() {
    let archive = common::TempArchive::with_seeds();
    let long = "word ".repeat(1001);
    archive
        .cmd()
        .args(["verify", &long])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("at most 1000"));
    let limit = "word ".repeat(1000);
    archive.cmd().args(["verify", &limit]).assert().code(1);
}

#[test]
fn help_documents_the_thresholds() {
    common::claimdex()
        .args(["verify", "--help"])
        .assert()
        .success()
        .stdout(predicates::str::contains("similarity >= 0.75"))
        .stdout(predicates::str::contains("misattributed"))
        .stdout(predicates::str::contains("200 words"));
}

#[test]
fn several_articles_are_listed_earliest_dated_first() {
    let archive = common::TempArchive::with_seeds();
    let corpus = archive.corpus();
    // File names in the opposite order of their dates.
    std::fs::write(
        corpus.join("aa_late.txt"),
        "Late piece\n\n“We hope the company receives a fair and just treatment,” Huang Fanghong said.\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("zz_early.txt"),
        "Early piece\n\nHuang Fanghong said: “We hope the company receives a fair and just treatment.”\n",
    )
    .unwrap();
    let mut catalog = std::fs::read_to_string(corpus.join("catalog.toml")).unwrap();
    catalog.push_str(
        "\n[[article]]\nfile = \"aa_late.txt\"\npublished = \"2021-01-01\"\n\n\
         [[article]]\nfile = \"zz_early.txt\"\npublished = \"2019-05-01\"\n",
    );
    std::fs::write(corpus.join("catalog.toml"), catalog).unwrap();

    let (code, json) = verify_json(
        &archive,
        &["We hope the company receives a fair and just treatment"],
    );
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(json["verdict"], "exact");
    let paths: Vec<&str> = json["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["article"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        ["corpus/zz_early.txt", "corpus/aa_late.txt", SEED_002],
        "earliest dated first, undated last"
    );
    assert_eq!(json["matches"][0]["article"]["published"], "2019-05-01");
}

#[test]
fn a_match_in_a_file_changed_since_ingest_is_reported_not_trusted() {
    let archive = common::TempArchive::with_seeds();
    archive.cmd().arg("ingest").assert().success();
    let seed = archive.corpus().join("002_f21834c6df345147.txt");
    let mut text = std::fs::read_to_string(&seed).unwrap();
    text = text.replace("fair and just treatment", "fair and equal treatment");
    std::fs::write(&seed, text).unwrap();

    let output = archive
        .cmd()
        .args([
            "verify",
            "We hope the company receives a fair and just treatment",
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(5),
        "exit code for a changed source"
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["matches"][0]["source_changed"], true, "{json:#}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("source changed since ingest"), "{stderr}");

    let text = archive
        .cmd()
        .args([
            "verify",
            "We hope the company receives a fair and just treatment",
        ])
        .output()
        .unwrap();
    assert_eq!(text.status.code(), Some(5));
    let stdout = String::from_utf8(text.stdout).unwrap();
    assert!(stdout.contains("SOURCE CHANGED SINCE INGEST"), "{stdout}");
}
