//! The compact stored form of claims and manifest records
//! (`index::stored`) reads back to exactly the model value it was written
//! from: on every claim of the seed corpus and of real corpora in
//! `../shared`, and on claims bent to the edge cases the form relies on.

use crate::common;

use claimdex::index::schema::ManifestRecord;
use claimdex::index::stored::{
    claim_from_stored, claim_to_stored, record_fields_from_stored, record_from_stored,
    record_to_stored,
};
use claimdex::model::{Article, Claim};

fn assert_claim_round_trips(claim: &Claim) {
    let stored = claim_to_stored(claim).expect("encode");
    let back = claim_from_stored(&stored).expect("decode");
    assert_eq!(&back, claim, "stored as {stored}");
    let full = serde_json::to_string(claim).expect("full JSON");
    assert!(stored.len() <= full.len(), "{stored} longer than {full}");
}

fn record_of(article: &Article) -> ManifestRecord {
    let mut header = article.clone();
    header.claims = Vec::new();
    ManifestRecord {
        article_id: article.id.clone(),
        path: article.path.clone(),
        hash: article.hash.clone(),
        catalog_hash: String::new(),
        size: 1234,
        mtime_ns: 1_700_000_000_123_456_789,
        claims: article.claims.len() as u64,
        skipped: None,
        article: Some(header),
    }
}

fn assert_articles_round_trip(articles: &[Article]) -> (usize, usize) {
    let (mut claims, mut full_bytes, mut stored_bytes) = (0, 0, 0);
    for article in articles {
        for claim in &article.claims {
            assert_claim_round_trips(claim);
            claims += 1;
            full_bytes += serde_json::to_string(claim).unwrap().len();
            stored_bytes += claim_to_stored(claim).unwrap().len();
        }
        let record = record_of(article);
        let stored = record_to_stored(&record).expect("encode a record");
        assert_eq!(
            record_from_stored(&stored).expect("decode a record"),
            record
        );
        // The record's own fields alone, as ingest, freshness and check read them.
        let without_article = ManifestRecord {
            article: None,
            ..record.clone()
        };
        assert_eq!(
            record_fields_from_stored(&stored).expect("decode a record's fields"),
            without_article
        );
        let skipped = ManifestRecord {
            skipped: Some("not valid UTF-8 at byte 7".to_string()),
            claims: 0,
            ..without_article
        };
        let stored = record_to_stored(&skipped).expect("encode a skipped record");
        assert_eq!(record_fields_from_stored(&stored).expect("decode"), skipped);
        assert_eq!(record_from_stored(&stored).expect("decode"), skipped);
    }
    (claims, stored_bytes * 100 / full_bytes.max(1))
}

#[test]
fn every_seed_claim_and_record_reads_back_unchanged() {
    let articles = common::parsed_articles_in(&common::corpus_dir(), 1);
    let (claims, percent) = assert_articles_round_trip(&articles);
    assert!(claims > 100, "only {claims} claims in the seed corpus");
    // The point of the form: what is stored is much smaller.
    assert!(percent < 80, "stored form is {percent}% of the full JSON");
}

#[test]
fn claims_of_real_corpora_read_back_unchanged() {
    let Some(shared) = common::shared_dir("corpora/tech-proposals-newsletters") else {
        return;
    };
    let corpora = shared.join("corpora");
    let mut total = 0;
    for (folder, step) in [
        ("tech-proposals-newsletters/rust-blog", 2),
        ("tech-proposals-newsletters/python-peps", 20),
        ("tech-proposals-newsletters/bitcoin-optech", 20),
        ("tech-proposals-newsletters/ethereum-eips", 20),
        ("privacyguides-news-analysis", 1),
    ] {
        let dir = corpora.join(folder);
        if !dir.is_dir() {
            continue;
        }
        total += assert_articles_round_trip(&common::parsed_articles_in(&dir, step)).0;
    }
    assert!(total > 10_000, "only {total} claims checked");
}

/// The cases the form must not take for granted: an id that does not end in
/// the ordinal, a location whose end comes before its start, a quotation
/// whose text is not the claim text at its span, a span outside the text,
/// unsourced ids of another article or out of order.
#[test]
fn claims_that_break_the_forms_assumptions_read_back_unchanged() {
    let articles = common::parsed_articles_in(&common::corpus_dir(), 1);
    let with_quote = articles
        .iter()
        .flat_map(|a| &a.claims)
        .find(|c| !c.quotes.is_empty() && !c.dates.is_empty())
        .expect("a seed claim with a quotation and a date")
        .clone();

    let mut claim = with_quote.clone();
    claim.ordinal += 1;
    assert_claim_round_trips(&claim);
    claim.id = format!("{}#007", claim.id.rsplit_once('#').unwrap().0);
    claim.ordinal = 7;
    assert_claim_round_trips(&claim);
    claim.id = "no-ordinal-here".to_string();
    assert_claim_round_trips(&claim);

    let mut claim = with_quote.clone();
    claim.location.end_line = claim.location.line.saturating_sub(1);
    claim.location.byte_end = 0;
    claim.location.byte_start = 10;
    assert_claim_round_trips(&claim);

    let mut claim = with_quote.clone();
    claim.quotes[0].text = "not what the span holds".to_string();
    claim.dates[0].span.end = claim.text.len() + 10;
    assert_claim_round_trips(&claim);
    claim.quotes[0].text.clear();
    claim.quotes[0].span.start = claim.quotes[0].span.end;
    assert_claim_round_trips(&claim);

    let mut claim = with_quote;
    claim.quotes[0].scare = true;
    claim.quotes[0].elisions.clear();
    claim.section = vec![String::new()];
    assert_claim_round_trips(&claim);

    let mut article = articles
        .into_iter()
        .find(|a| a.report.unsourced_claims.len() > 3)
        .expect("a seed article with unsourced claims");
    for unsourced in [
        vec![format!("{}#3", article.id), format!("{}#2", article.id)],
        vec![format!("{}#3", article.id), "other#4".to_string()],
        vec![format!("{}#03", article.id)],
        vec![format!("{}#1", article.id), format!("{}#1", article.id)],
        vec![],
    ] {
        article.report.unsourced_claims = unsourced;
        let record = record_of(&article);
        let stored = record_to_stored(&record).unwrap();
        assert_eq!(record_from_stored(&stored).unwrap(), record, "{stored}");
    }
    let mut record = record_of(&article);
    record.article.as_mut().unwrap().path = "corpus/elsewhere.md".to_string();
    record.skipped = Some("a reason".to_string());
    let stored = record_to_stored(&record).unwrap();
    assert_eq!(record_from_stored(&stored).unwrap(), record);
}

/// A stored claim that was damaged is an error, never a panic or a
/// silently different claim.
#[test]
fn a_damaged_stored_claim_is_an_error() {
    for text in [
        "{}",
        "[]",
        r#"{"id":"a#1","text":"x","kind":"sentence","paragraph":1,"location":[1,2]}"#,
        r#"{"id":"a","text":"x","kind":"sentence","paragraph":1,"location":[1,0,0,1]}"#,
        r#"{"id":"a#1","text":"x","kind":"sentence","paragraph":1,"location":[1,0,0,1],"quotes":[{"span":{"start":0,"end":9}}]}"#,
    ] {
        assert!(claim_from_stored(text).is_err(), "{text} was read");
    }
    let record = r#"{"article_id":"a","path":"corpus/a.md","hash":"h","catalog_hash":"","size":1,"mtime_ns":1,"claims":1,"article":{"report":{"unsourced_claims":"3-1"}}}"#;
    assert!(record_from_stored(record).is_err());
}
