//! Candidate retrieval: which passages of the archive a quotation is worth
//! aligning against. One function, [`candidate_passages`], so the way
//! candidates are found can change without touching the alignment.
//!
//! Anchors come from the index's unstemmed claim text (`text_exact`): first
//! a phrase query of the whole quotation (every claim holding it, when it
//! lies inside one claim and has no elisions), else an OR query of its
//! distinct words, best [`MAX_ANCHORS`] by BM25. A candidate passage is a run
//! of neighbouring claims of one article around anchors, reaching far enough
//! on each side to hold the whole quotation (and, for an elided one, what
//! its elisions left out), so a quotation that runs across sentences or
//! paragraphs is found. Anchors in one article whose runs overlap or touch
//! merge into one passage.

use crate::index::{damaged, documents::claim_of, ArchiveIndex};
use crate::model::{Article, Claim};
use anyhow::Result;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, PhraseQuery, Query as TantivyQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

/// How many anchor claims the OR query keeps, best first.
pub const MAX_ANCHORS: usize = 20;

/// How many claims holding the whole quotation as a phrase are kept (the
/// quotation is then listed in at most this many articles).
pub const MAX_PHRASE_HITS: usize = 200;

/// A run of neighbouring claims of one article.
#[derive(Debug, Clone)]
pub struct Passage {
    pub article_id: String,
    /// The claims, in order, without gaps.
    pub claims: Vec<Claim>,
}

/// What retrieval needs to know about the quotation.
#[derive(Debug, Clone)]
pub struct Query<'a> {
    /// The quotation's words in order, as typed (for the phrase query);
    /// `None` for an elided quotation.
    pub phrase: Option<&'a str>,
    /// The quotation's distinct words, folded.
    pub words: &'a [String],
    /// How many words a passage should reach beyond each anchor claim.
    pub reach: usize,
}

/// The article's metadata (its claims need not be filled).
pub fn article_header(index: &ArchiveIndex, id: &str) -> Result<Option<Article>> {
    index.article_header(id)
}

/// The passages worth aligning `query` against.
pub fn candidate_passages(index: &ArchiveIndex, query: &Query) -> Result<Vec<Passage>> {
    let field = index.fields().text_exact;
    let mut anchors = Vec::new();
    if let Some(phrase) = query.phrase {
        let terms: Vec<Term> = analyze(index, phrase)
            .iter()
            .map(|t| Term::from_field_text(field, t))
            .collect();
        if terms.len() >= 2 {
            anchors = top_claims(index, &PhraseQuery::new(terms), MAX_PHRASE_HITS)?;
        }
    }
    if anchors.is_empty() {
        let mut seen = HashSet::new();
        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        for word in query.words {
            for token in analyze(index, word) {
                if seen.insert(token.clone()) {
                    let term = Term::from_field_text(field, &token);
                    clauses.push((
                        Occur::Should,
                        Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                    ));
                }
            }
        }
        if clauses.is_empty() {
            return Ok(Vec::new());
        }
        anchors = top_claims(index, &BooleanQuery::new(clauses), MAX_ANCHORS)?;
    }
    neighbourhoods(index, anchors, query.reach)
}

/// The index's `default` analysis of `text` (lower-cased alphanumeric runs).
fn analyze(index: &ArchiveIndex, text: &str) -> Vec<String> {
    index.analyze("default", text)
}

/// The best `limit` claims a query matches.
fn top_claims(index: &ArchiveIndex, query: &dyn TantivyQuery, limit: usize) -> Result<Vec<Claim>> {
    let top = index
        .searcher()
        .search(query, &TopDocs::with_limit(limit).order_by_score())
        .map_err(|err| damaged(format!("cannot search the index: {err}")))?;
    top.into_iter()
        .map(|(_, address)| {
            let doc = index.document(address)?;
            claim_of(index.fields(), &doc).map_err(damaged)
        })
        .collect()
}

/// The article id of a claim id (`article#n`).
fn article_of(claim_id: &str) -> &str {
    claim_id
        .rsplit_once('#')
        .map_or(claim_id, |(article, _)| article)
}

fn words_in(claim: &Claim) -> usize {
    claim.text.split_whitespace().count()
}

/// Grow each anchor into the run of claims around it holding `reach` words
/// on each side, fetching the neighbours from the index by claim id.
fn neighbourhoods(index: &ArchiveIndex, anchors: Vec<Claim>, reach: usize) -> Result<Vec<Passage>> {
    // Claims known per article, by ordinal; ordinals known not to exist.
    let mut known: BTreeMap<String, BTreeMap<u32, Claim>> = BTreeMap::new();
    let mut absent: BTreeSet<(String, u32)> = BTreeSet::new();
    let mut anchor_ids: Vec<(String, u32)> = Vec::new();
    for claim in anchors {
        let article = article_of(&claim.id).to_string();
        anchor_ids.push((article.clone(), claim.ordinal));
        known
            .entry(article)
            .or_default()
            .insert(claim.ordinal, claim);
    }
    // Rounds: walk out from each anchor over known claims; ask the index for
    // the next few missing ordinals until every run holds its reach.
    for _round in 0..16 {
        let mut wanted: BTreeSet<(String, u32)> = BTreeSet::new();
        for (article, ordinal) in &anchor_ids {
            let claims = &known[article];
            for step in [-1i64, 1] {
                let mut words = 0;
                let mut at = i64::from(*ordinal);
                loop {
                    at += step;
                    if at < 1 || words >= reach {
                        break;
                    }
                    let key = (article.clone(), at as u32);
                    if absent.contains(&key) {
                        break;
                    }
                    match claims.get(&(at as u32)) {
                        Some(claim) => words += words_in(claim),
                        None => {
                            // Guess how many more claims are needed (about
                            // 20 words a claim), at least one.
                            let more = ((reach - words) / 20).clamp(1, 8) as i64;
                            for k in 0..more {
                                let n = at + step * k;
                                if n >= 1 {
                                    wanted.insert((article.clone(), n as u32));
                                }
                            }
                            break;
                        }
                    }
                }
            }
        }
        wanted.retain(|key| !absent.contains(key));
        if wanted.is_empty() {
            break;
        }
        let field = index.fields().claim_id;
        let clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = wanted
            .iter()
            .map(|(article, n)| {
                let term = Term::from_field_text(field, &format!("{article}#{n}"));
                (
                    Occur::Should,
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic))
                        as Box<dyn TantivyQuery>,
                )
            })
            .collect();
        for claim in top_claims(index, &BooleanQuery::new(clauses), wanted.len())? {
            let article = article_of(&claim.id).to_string();
            wanted.remove(&(article.clone(), claim.ordinal));
            known
                .entry(article)
                .or_default()
                .insert(claim.ordinal, claim);
        }
        absent.extend(wanted);
    }

    // Each anchor's run of known consecutive claims within reach; merged.
    let mut runs: BTreeMap<String, Vec<(u32, u32)>> = BTreeMap::new();
    for (article, ordinal) in &anchor_ids {
        let claims = &known[article];
        let mut lo = *ordinal;
        let mut words = 0;
        while lo > 1 && words < reach {
            match claims.get(&(lo - 1)) {
                Some(claim) => {
                    lo -= 1;
                    words += words_in(claim);
                }
                None => break,
            }
        }
        let mut hi = *ordinal;
        words = 0;
        while words < reach {
            match claims.get(&(hi + 1)) {
                Some(claim) => {
                    hi += 1;
                    words += words_in(claim);
                }
                None => break,
            }
        }
        runs.entry(article.clone()).or_default().push((lo, hi));
    }
    let mut passages = Vec::new();
    for (article, mut list) in runs {
        list.sort();
        let mut merged: Vec<(u32, u32)> = Vec::new();
        for (lo, hi) in list {
            match merged.last_mut() {
                Some(last) if lo <= last.1 + 1 => last.1 = last.1.max(hi),
                _ => merged.push((lo, hi)),
            }
        }
        let claims = &known[&article];
        for (lo, hi) in merged {
            passages.push(Passage {
                article_id: article.clone(),
                claims: (lo..=hi).filter_map(|n| claims.get(&n).cloned()).collect(),
            });
        }
    }
    Ok(passages)
}
