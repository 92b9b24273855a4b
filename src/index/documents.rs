//! From the model to tantivy documents: one document per claim and one
//! manifest document per corpus file, and back (stored JSON to the model;
//! its compact form is `stored`'s).
//!
//! Dates are stored as day numbers (days since 1970-01-01, `i64`), not as
//! `tantivy::DateTime`: its nanosecond timestamp only reaches 1677-2262 and
//! would wrap historical dates silently. Every calendar date chrono can hold
//! fits in a day number, so no date is ever changed on the way in.

use super::schema::{self, Fields, ManifestRecord};
use super::stored;
use crate::model::{Article, Claim};
use anyhow::{Context, Result};
use chrono::NaiveDate;
use tantivy::schema::Value;
use tantivy::TantivyDocument;

/// The day number of a calendar date.
pub fn day_number(date: NaiveDate) -> i64 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    (date - epoch).num_days()
}

/// The article's publication day, when it is known.
pub fn published_day(article: &Article) -> Option<NaiveDate> {
    article
        .published
        .as_deref()
        .and_then(crate::dates::parse_anchor)
}

/// The first and last day of each of the claim's resolved dates.
pub fn event_intervals(claim: &Claim) -> Vec<(NaiveDate, NaiveDate)> {
    claim
        .dates
        .iter()
        .filter_map(crate::dates::interval)
        .map(|(a, b)| if a <= b { (a, b) } else { (b, a) })
        .collect()
}

/// Whether the claim carries a citation or an attribution.
pub fn is_cited(claim: &Claim) -> bool {
    !claim.citations.is_empty() || !claim.attributions.is_empty()
}

/// The documents of one parsed article: its claims, then its manifest document.
pub fn article_documents(
    fields: &Fields,
    article: &Article,
    catalog_hash: &str,
    size: u64,
    mtime_ns: i128,
) -> Result<Vec<TantivyDocument>> {
    let published = published_day(article);
    let mut docs = Vec::with_capacity(article.claims.len() + 1);
    for claim in &article.claims {
        let mut doc = TantivyDocument::default();
        doc.add_text(fields.kind, schema::KIND_CLAIM);
        doc.add_text(fields.path, &article.path);
        doc.add_text(fields.article_id, &article.id);
        doc.add_text(fields.claim_id, &claim.id);
        doc.add_text(fields.text, &claim.text);
        doc.add_text(fields.text_exact, &claim.text);
        if let Some(title) = &article.title {
            doc.add_text(fields.title, title);
        }
        if let Some(outlet) = &article.outlet {
            doc.add_text(fields.outlet, outlet);
        }
        for author in &article.authors {
            doc.add_text(fields.author, author);
        }
        for speaker in claim.quotes.iter().filter_map(|q| q.speaker.as_deref()) {
            doc.add_text(fields.speaker, speaker);
        }
        for attribution in &claim.attributions {
            doc.add_text(fields.speaker, &attribution.source);
        }
        for heading in &claim.section {
            doc.add_text(fields.section, heading);
        }
        if is_cited(claim) {
            doc.add_text(fields.flags, schema::FLAG_CITED);
        }
        let intervals = event_intervals(claim);
        if intervals.is_empty() {
            doc.add_text(fields.flags, schema::FLAG_UNDATED);
        } else {
            doc.add_text(fields.flags, schema::FLAG_DATED);
        }
        for (start, end) in intervals {
            doc.add_i64(fields.event_start, day_number(start));
            doc.add_i64(fields.event_end, day_number(end));
        }
        match published {
            Some(day) => {
                doc.add_text(fields.flags, schema::FLAG_PUBLISHED);
                doc.add_i64(fields.published, day_number(day));
            }
            None => doc.add_text(fields.flags, schema::FLAG_UNPUBLISHED),
        }
        for citation in &claim.citations {
            if let Some(url) = &citation.url {
                for address in
                    crate::chains::link_addresses(&article.path, article.url.as_deref(), url)
                {
                    doc.add_text(fields.cites, address);
                }
            }
        }
        doc.add_text(fields.json, stored::claim_to_stored(claim)?);
        docs.push(doc);
    }
    let mut header = article.clone();
    header.claims = Vec::new();
    let record = ManifestRecord {
        article_id: article.id.clone(),
        path: article.path.clone(),
        hash: article.hash.clone(),
        catalog_hash: catalog_hash.to_string(),
        size,
        mtime_ns,
        claims: article.claims.len() as u64,
        skipped: None,
        article: Some(header),
    };
    let mut manifest = manifest_document(fields, schema::KIND_ARTICLE, &article.id, &record)?;
    for address in crate::chains::article_addresses(article) {
        manifest.add_text(fields.address, address);
    }
    docs.push(manifest);
    Ok(docs)
}

/// The manifest document of a file that was skipped (with its reason), so
/// that an unchanged bad file is not re-read as new on every ingest.
pub fn skipped_document(fields: &Fields, record: &ManifestRecord) -> Result<TantivyDocument> {
    manifest_document(fields, schema::KIND_SKIPPED, &record.article_id, record)
}

fn manifest_document(
    fields: &Fields,
    kind: &str,
    article_id: &str,
    record: &ManifestRecord,
) -> Result<TantivyDocument> {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.kind, kind);
    doc.add_text(fields.path, &record.path);
    doc.add_text(fields.article_id, article_id);
    doc.add_text(fields.json, stored::record_to_stored(record)?);
    Ok(doc)
}

/// The stored JSON of a document.
pub fn stored_json<'a>(fields: &Fields, doc: &'a TantivyDocument) -> Result<&'a str> {
    doc.get_first(fields.json)
        .and_then(|value| value.as_str())
        .context("an index document has no stored JSON; the index is damaged")
}

/// The claim a claim document stores.
pub fn claim_of(fields: &Fields, doc: &TantivyDocument) -> Result<Claim> {
    stored::claim_from_stored(stored_json(fields, doc)?)
        .context("a stored claim cannot be read back; the index is damaged")
}

/// The manifest record a manifest document stores, without its article
/// (see `stored::record_fields_from_stored`).
pub fn record_fields_of(fields: &Fields, doc: &TantivyDocument) -> Result<ManifestRecord> {
    stored::record_fields_from_stored(stored_json(fields, doc)?)
        .context("a stored manifest record cannot be read back; the index is damaged")
}

/// The manifest record a manifest document stores.
pub fn record_of(fields: &Fields, doc: &TantivyDocument) -> Result<ManifestRecord> {
    stored::record_from_stored(stored_json(fields, doc)?)
        .context("a stored manifest record cannot be read back; the index is damaged")
}
