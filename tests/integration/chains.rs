//! Citation chains through the real binary: a citation whose URL points at
//! another archived article (by URL variant, permalink or relative file
//! link) names that article (`archived_article`) in `show`, `search` and
//! `--json`, and `show ARTICLE` lists who cites it.

use crate::common;

use common::TempArchive;
use serde_json::Value;
use std::path::Path;

fn write(corpus: &Path, name: &str, text: &str) {
    let path = corpus.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const ORIGINAL: &str = "---
title: Port authority counts record cargo
url: https://www.harbour-news.example/2021/03/record-cargo/
published: 2021-03-02
---

The port authority handled 41 million tonnes of cargo in 2020, a record.
";

const FOLLOW_UP: &str = "---
title: Cargo record questioned
published: 2021-03-09
---

The record of 41 million tonnes was first reported by the local paper.[^1]

Analysts disputed the tonnage in a [later note](http://HARBOUR-NEWS.example/2021/03/record-cargo?utm_source=rss#figures).

Shipping lines declined to comment on the [industry survey](https://elsewhere.example/survey).

[^1]: Harbour News, https://harbour-news.example/2021/03/record-cargo
";

/// Every citation of every claim of an article's `show --json`.
fn citations(article: &Value) -> Vec<&Value> {
    article["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .flat_map(|c| c["citations"].as_array().expect("citations"))
        .collect()
}

#[test]
fn url_variants_resolve_to_the_archived_article_whatever_the_ingest_order() {
    let archive = TempArchive::empty();
    // The citing article first: its citations point at nothing archived yet.
    write(&archive.corpus(), "follow-up.md", FOLLOW_UP);
    let (code, _) = archive.json("ingest", &[]);
    assert_eq!(code, 0);
    let (code, shown) = archive.json("show", &["follow-up"]);
    assert_eq!(code, 0);
    assert!(
        citations(&shown)
            .iter()
            .all(|c| c.get("archived_article").is_none()),
        "nothing is archived to point at yet: {shown}"
    );

    // Then the cited article arrives.
    write(&archive.corpus(), "original.md", ORIGINAL);
    let (code, _) = archive.json("ingest", &[]);
    assert_eq!(code, 0);
    let (_, shown) = archive.json("show", &["follow-up"]);
    let cites = citations(&shown);
    let resolved: Vec<&str> = cites
        .iter()
        .filter_map(|c| c["archived_article"].as_str())
        .collect();
    // The footnote (https, no www, no trailing slash) and the inline link
    // (http, upper-case host, utm parameter, fragment) both resolve.
    assert_eq!(resolved, vec!["original", "original"], "{cites:?}");
    let survey = cites
        .iter()
        .find(|c| c["label"] == "industry survey")
        .expect("survey link");
    assert!(
        survey.get("archived_article").is_none(),
        "a URL outside the archive resolves to nothing: {survey}"
    );

    // Search hits carry it too, in JSON and in text.
    let (code, found) = archive.json("search", &["disputed tonnage"]);
    assert_eq!(code, 0);
    let hit = &found["hits"][0];
    assert_eq!(hit["id"], "follow-up#2");
    assert_eq!(hit["citations"][0]["archived_article"], "original");
    let text = archive
        .cmd()
        .args(["search", "disputed tonnage"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("→ archived: original"), "{text}");

    // The cited article lists who cites it.
    let (code, original) = archive.json("show", &["original"]);
    assert_eq!(code, 0);
    let cited_by = original["cited_by"].as_array().expect("cited_by");
    let citing: Vec<&str> = cited_by
        .iter()
        .map(|c| c["claim_id"].as_str().unwrap())
        .collect();
    assert_eq!(citing, vec!["follow-up#1", "follow-up#2"], "{cited_by:?}");
    assert_eq!(cited_by[0]["article"]["id"], "follow-up");
    assert_eq!(cited_by[0]["label"], "^1");
    let text = archive.cmd().args(["show", "original"]).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("cited by (2):"), "{text}");
    assert!(text.contains("follow-up#2"), "{text}");

    // The citing article is not cited by anyone.
    let (_, follow_up) = archive.json("show", &["follow-up"]);
    assert_eq!(follow_up["cited_by"], Value::Array(Vec::new()));
}

#[test]
fn a_catalog_url_is_the_articles_address() {
    let archive = TempArchive::empty();
    write(
        &archive.corpus(),
        "report.txt",
        "The ministry counted 1,200 new clinics in 2019.\n",
    );
    write(
        &archive.corpus(),
        "catalog.toml",
        "[[article]]\nfile = \"report.txt\"\nurl = \"https://gov.example/reports/clinics\"\n",
    );
    write(
        &archive.corpus(),
        "comment.md",
        "The clinic count comes from the [ministry report](http://www.gov.example/reports/clinics/).\n",
    );
    let (_, comment) = archive.json("show", &["comment"]);
    assert_eq!(
        citations(&comment)[0]["archived_article"],
        "report",
        "{comment}"
    );
    let (_, report) = archive.json("show", &["report"]);
    assert_eq!(report["cited_by"][0]["claim_id"], "comment#1", "{report}");
}

/// The 2018 Bitcoin Optech newsletters link to earlier issues by
/// site-relative URL (`[newsletter #5]: /en/newsletters/2018/07/24/#...`),
/// and each states its own `permalink`; the EIPs link to each other by
/// relative file (`./eip-2929.md`).
#[test]
fn real_newsletters_and_proposals_resolve_their_links_to_each_other() {
    let Some(shared) = common::shared_dir("corpora/tech-proposals-newsletters") else {
        return;
    };
    let source = shared.join("corpora/tech-proposals-newsletters");
    let archive = TempArchive::empty();
    let newsletters = source.join("bitcoin-optech/newsletters");
    let mut copied = 0;
    for entry in std::fs::read_dir(&newsletters).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        if name.starts_with("2018-") && name.ends_with("-newsletter.md") {
            let text = std::fs::read_to_string(newsletters.join(&name)).unwrap();
            write(
                &archive.corpus(),
                &format!("bitcoin-optech/newsletters/{name}"),
                &text,
            );
            copied += 1;
        }
    }
    assert!(
        copied >= 20,
        "expected the 2018 newsletters, found {copied}"
    );
    for eip in ["eip-2929.md", "eip-2930.md"] {
        let text = std::fs::read_to_string(source.join("ethereum-eips").join(eip)).unwrap();
        write(&archive.corpus(), &format!("ethereum-eips/{eip}"), &text);
    }
    let (code, _) = archive.json("ingest", &[]);
    assert_eq!(code, 0);

    // Newsletter #19 (2018-10-30) cites #5 (2018-07-24) and others.
    let (code, issue19) = archive.json(
        "show",
        &["bitcoin-optech/newsletters/2018-10-30-newsletter"],
    );
    assert_eq!(code, 0);
    let cites = citations(&issue19);
    let to_issue5: Vec<&&Value> = cites
        .iter()
        .filter(|c| {
            c["url"]
                .as_str()
                .is_some_and(|u| u.starts_with("/en/newsletters/2018/07/24/"))
        })
        .collect();
    assert!(
        !to_issue5.is_empty(),
        "no link to 2018/07/24 parsed: {cites:?}"
    );
    for citation in &to_issue5 {
        assert_eq!(
            citation["archived_article"], "bitcoin-optech/newsletters/2018-07-24-newsletter",
            "{citation}"
        );
    }
    // Links to pages that are not archived (other sites, topics) stay unresolved.
    assert!(cites.iter().any(
        |c| c["url"].as_str().is_some_and(|u| u.starts_with("https://"))
            && c.get("archived_article").is_none()
    ));

    // ... and 2018-07-24 lists 2018-10-30 among the claims that cite it.
    let (_, issue5) = archive.json(
        "show",
        &["bitcoin-optech/newsletters/2018-07-24-newsletter"],
    );
    let cited_by = issue5["cited_by"].as_array().expect("cited_by");
    assert!(
        cited_by
            .iter()
            .any(|c| c["article"]["id"] == "bitcoin-optech/newsletters/2018-10-30-newsletter"),
        "{cited_by:?}"
    );
    assert!(cited_by
        .iter()
        .all(|c| c["article"]["id"] != "bitcoin-optech/newsletters/2018-07-24-newsletter"));

    // EIP-2930 links `./eip-2929.md`.
    let (_, eip2930) = archive.json("show", &["ethereum-eips/eip-2930"]);
    assert!(
        citations(&eip2930)
            .iter()
            .any(|c| c["archived_article"] == "ethereum-eips/eip-2929"),
        "{eip2930}"
    );
    let (_, eip2929) = archive.json("show", &["ethereum-eips/eip-2929"]);
    assert!(eip2929["cited_by"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["article"]["id"] == "ethereum-eips/eip-2930"));
}
