//! Quotations and speakers: golden tests on the seed articles (through the
//! real `claimdex parse --json`, finding claims by their text, not their
//! ordinals), attribution patterns on small articles, and the PolNeAR
//! evaluation with a floor under the measured figures.

use crate::common;

use serde_json::Value;
use std::path::Path;

/// Parse one file with the real binary and return its article as JSON.
fn parse(path: &Path) -> Value {
    let output = common::claimdex()
        .arg("parse")
        .arg("--json")
        .arg(path)
        .output()
        .expect("run claimdex");
    assert!(
        output.status.success(),
        "claimdex parse failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let articles: Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    articles[0].clone()
}

fn seed(prefix: &str) -> Value {
    let dir = common::corpus_dir();
    let file = std::fs::read_dir(&dir)
        .expect("corpus dir")
        .map(|e| e.expect("entry").path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix))
        })
        .expect("seed file");
    parse(&file)
}

fn parse_text(text: &str) -> Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("article.md");
    std::fs::write(&path, text).expect("write article");
    parse(&path)
}

/// Every quotation of the article whose text contains `words`.
fn quotes_with(article: &Value, words: &str) -> Vec<Value> {
    let quotes: Vec<Value> = article["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .flat_map(|c| c["quotes"].as_array().cloned().unwrap_or_default())
        .filter(|q| q["text"].as_str().is_some_and(|t| t.contains(words)))
        .collect();
    assert!(!quotes.is_empty(), "no quotation contains {words:?}");
    quotes
}

/// The quotation's span must point at its text inside its claim.
fn spans_point_at_text(article: &Value) {
    for claim in article["claims"].as_array().expect("claims") {
        let text = claim["text"].as_str().expect("claim text");
        for quote in claim["quotes"].as_array().expect("quotes") {
            let start = quote["span"]["start"].as_u64().expect("start") as usize;
            let end = quote["span"]["end"].as_u64().expect("end") as usize;
            assert_eq!(
                text.get(start..end),
                quote["text"].as_str(),
                "span of {quote} in {text:?}"
            );
        }
    }
}

#[test]
fn seed_000_speakers_roles_and_continuation() {
    let article = seed("000_");
    spans_point_at_text(&article);
    // `"...," said the company's Chief Financial Officer, Dawei Duan.`
    for quote in quotes_with(&article, "The battle against the Covid-19 epidemic") {
        assert_eq!(quote["speaker"], "Dawei Duan");
        assert_eq!(quote["role"], "the company’s Chief Financial Officer");
        assert_eq!(quote["cue"], "said");
        assert_eq!(quote["speaker_kind"], "name");
        assert_eq!(quote["scare"], false);
    }
    // The next paragraph goes on with Duan's words, unattributed.
    for quote in quotes_with(&article, "Given the challenges we all face") {
        assert_eq!(quote["speaker"], "Dawei Duan");
        assert_eq!(quote["inherited"], true);
    }
    // `X, role, said, "..."` running over two sentences.
    for words in ["Working together, we can", "Hikvision USA is very grateful"] {
        for quote in quotes_with(&article, words) {
            assert_eq!(quote["speaker"], "Marianne Chew");
            assert_eq!(quote["role"], "Hikvision USA Director of Marketing");
        }
    }
    // Scare quotes: a name, not speech.
    for quote in quotes_with(&article, "Entity List") {
        if quote["text"] == "Entity List" {
            assert_eq!(quote["scare"], true);
            assert_eq!(quote["partial"], true);
        }
    }
    // A nested “Belt & Road” does not end the company's statement.
    let statement = quotes_with(&article, "Belt & Road");
    assert!(statement.iter().any(|q| q["text"]
        .as_str()
        .unwrap()
        .contains("The inclusion of the entity list")
        || q["continues"] == true));
    assert_eq!(statement[0]["speaker"], "the company");
    assert_eq!(statement[0]["speaker_kind"], "description");
    // `According to X, role, dated ...: "..."`
    for quote in quotes_with(&article, "In more authoritarian nations") {
        assert_eq!(quote["speaker"], "Tony Porter");
        assert_eq!(quote["cue"], "according to");
    }
}

#[test]
fn seed_002_statement_and_three_paragraph_quotation() {
    let article = seed("002_");
    spans_point_at_text(&article);
    let hope = quotes_with(&article, "We hope the company receives a fair");
    assert_eq!(hope[0]["speaker"], "Huang Fanghong");
    assert_eq!(hope[0]["role"], "Hikvision’s secretary of the board");
    assert_eq!(hope[0]["cue"], "said");
    // `"...," wrote Charles Rollet for IPVM. "In 2017, ...` then two more
    // paragraphs, the first left open, the second reopened.
    for words in [
        "own website directly contradicts",
        "Hikvision proudly posted",
        "Bidding documents also show",
        "which also list its Hangzhou address",
    ] {
        for quote in quotes_with(&article, words) {
            assert_eq!(quote["speaker"], "Charles Rollet", "{words}");
        }
    }
    let proudly = quotes_with(&article, "Hikvision proudly posted");
    assert_eq!(proudly.last().unwrap()["continues"], true);
    let bidding = quotes_with(&article, "Bidding documents also show");
    assert_eq!(bidding[0]["continued"], true);
    // The single quotes around 'BOT,' stay inside the quotation.
    let bot = quotes_with(&article, "'BOT,'");
    assert!(bot[0]["text"].as_str().unwrap().contains("'BOT,' a scheme"));
    // `reportedly “...,” according to Bloomberg.`
    let handsomely = quotes_with(&article, "benefited handsomely");
    assert_eq!(handsomely[0]["speaker"], "Bloomberg");
    assert_eq!(handsomely[0]["partial"], true);
}

#[test]
fn seed_001_notes_x() {
    let article = seed("001_");
    spans_point_at_text(&article);
    let quote = &quotes_with(&article, "surveillance state assigns a score")[0];
    assert_eq!(quote["speaker"], "Rebecca Fannin");
    assert_eq!(quote["cue"], "notes");
}

#[test]
fn seed_003_block_quotations_with_their_introducers_and_elisions() {
    let article = seed("003_");
    let forbes = &quotes_with(&article, "Forbes has learned that Intel")[0];
    assert_eq!(forbes["speaker"], "Emily Baker-White");
    assert_eq!(forbes["continues"], true);
    assert_eq!(forbes["partial"], false);
    let website = &quotes_with(&article, "The company’s website identifies Uniview")[0];
    assert_eq!(website["speaker"], "Emily Baker-White");
    assert_eq!(website["continued"], true);
    let elision = &website["elisions"][0];
    assert_eq!(elision["start"], 0);
    assert_eq!(elision["end"], "[…]".len());
    let program = &quotes_with(&article, "The program aims to provide")[0];
    assert_eq!(program["speaker"], "Jelena Jankovic and Reid Standish");
    assert_eq!(program["cue"], "reported");
    assert_eq!(program["elisions"].as_array().unwrap().len(), 1);
    // A block whose introduction names nobody stays unattributed.
    let gsi = &quotes_with(&article, "Beijing assigns comparatively larger roles")[0];
    assert!(gsi["speaker"].is_null());
}

#[test]
fn seeds_003_and_004_fragments_are_unattributed() {
    for prefix in ["003_", "004_"] {
        let article = seed(prefix);
        spans_point_at_text(&article);
    }
    let article = seed("004_");
    let code = &quotes_with(&article, "EM_NATION_TYPE_UYGUR")[0];
    assert_eq!(code["scare"], true);
    assert!(code["speaker"].is_null());
}

#[test]
fn pronoun_resolves_only_when_clear() {
    let article = parse_text(
        "# Coal\n\n“It is bad,” Graham said.\n\nGraham has acknowledged it.\n\n“It is worse,” he said.\n\n“A,” Smith said. “B,” Jones said.\n\n“Who knows,” she said.\n",
    );
    let worse = &quotes_with(&article, "It is worse")[0];
    assert_eq!(worse["speaker"], "Graham");
    assert_eq!(worse["speaker_kind"], "resolved_pronoun");
    assert_eq!(worse["pronoun"], "he");
    let knows = &quotes_with(&article, "Who knows")[0];
    assert_eq!(knows["speaker"], "she");
    assert_eq!(knows["speaker_kind"], "pronoun");
}

#[test]
fn attribution_patterns_in_an_article() {
    let article = parse_text(concat!(
        "# Patterns\n\n",
        "Ms. Lee told reporters: \"We will appeal the ruling in full.\"\n\n",
        "\"The numbers do not add up,\" notes Ann Smith.\n\n",
        "According to Bob Jones, \"the deal is off and will stay off.\"\n\n",
        "Acme Corp. said in a statement: \"We never sold to them [...] at any time.\"\n\n",
        "Jane Doe, the company's CFO, said \"profits rose sharply this year and last.\"\n\n",
        "\"Nothing to add,\" Tom Ray wrote.\n",
    ));
    let expect = [
        ("We will appeal", "Lee", "told"),
        ("do not add up", "Ann Smith", "notes"),
        ("the deal is off", "Bob Jones", "according to"),
        ("We never sold", "Acme Corp.", "said"),
        ("profits rose sharply", "Jane Doe", "said"),
        ("Nothing to add", "Tom Ray", "wrote"),
    ];
    for (words, speaker, cue) in expect {
        let quote = &quotes_with(&article, words)[0];
        assert_eq!(quote["speaker"], speaker, "{words}");
        assert_eq!(quote["cue"], cue, "{words}");
    }
    let doe = &quotes_with(&article, "profits rose sharply")[0];
    assert_eq!(doe["role"], "the company's CFO");
    let elided = &quotes_with(&article, "We never sold")[0];
    let elisions = elided["elisions"].as_array().expect("elisions");
    assert_eq!(elisions.len(), 1);
}

/// Floors a few points under the figures measured on the test split
/// (README, "Measured accuracy").
#[test]
fn polnear_test_split_meets_the_floor() {
    let Some(shared) = common::shared_dir("eval/polnear") else {
        return;
    };
    let output = common::claimdex()
        .args(["eval", "quotes"])
        .arg(shared.join("eval/polnear/test.jsonl"))
        .arg("--json")
        .output()
        .expect("run claimdex");
    assert!(output.status.success());
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    assert_eq!(report["articles"], 84);
    assert_eq!(report["scope"], "direct");
    let figure = |path: &[&str]| {
        let mut v = &report;
        for key in path {
            v = &v[*key];
        }
        v.as_f64().unwrap_or_else(|| panic!("{path:?} missing"))
    };
    let floors: [(&[&str], f64); 4] = [
        (&["quote_f1", "exact", "f1"], 0.87),
        (&["quote_f1", "overlap", "f1"], 0.88),
        (&["speaker_accuracy"], 0.87),
        (&["quote_speaker_f1", "f1"], 0.79),
    ];
    for (path, floor) in floors {
        let value = figure(path);
        assert!(
            value >= floor,
            "{path:?} = {value:.3}, below the floor {floor}"
        );
    }
}

#[test]
fn eval_quotes_names_a_bad_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bad.jsonl");
    std::fs::write(
        &path,
        "{\"id\": \"a\", \"text\": \"x\", \"quotes\": []}\nnot json\n",
    )
    .expect("write");
    let output = common::claimdex()
        .args(["eval", "quotes"])
        .arg(&path)
        .output()
        .expect("run claimdex");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bad.jsonl:2"), "{stderr}");
}
