//! Candidate retrieval: which passages of the archive a quotation is worth
//! aligning against. One function, [`candidate_passages`], so the way
//! candidates are found can change without touching the alignment.
//!
//! A candidate passage is a run of neighbouring claims of one article around
//! claims that share words with the quotation ("anchors"), reaching far
//! enough on each side to hold the whole quotation (and, for an elided one,
//! what its elisions left out), so a quotation that runs across sentences
//! or paragraphs is found. Anchors in one article that overlap merge into
//! one passage.

use crate::index::ArchiveIndex;
use crate::model::{Article, Claim};
use crate::verify::normalize::{fold, words, TokenKind};
use anyhow::Result;
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

/// How many anchor claims are kept, best first.
pub const MAX_ANCHORS: usize = 100;

/// A run of neighbouring claims of one article.
#[derive(Debug, Clone)]
pub struct Passage {
    pub article_id: String,
    /// The claims, in order, without gaps.
    pub claims: Vec<Claim>,
}

/// The article's metadata (its claims need not be filled).
pub fn article_header(index: &ArchiveIndex, id: &str) -> Result<Option<Article>> {
    index.article(id)
}

/// What retrieval needs to know about the quotation.
#[derive(Debug, Clone)]
pub struct Query<'a> {
    /// The quotation's distinct words, folded.
    pub words: &'a [String],
    /// How many words a passage should reach beyond each anchor claim.
    pub reach: usize,
}

/// The passages worth aligning `query` against.
pub fn candidate_passages(index: &ArchiveIndex, query: &Query) -> Result<Vec<Passage>> {
    let wanted: HashSet<&str> = query.words.iter().map(String::as_str).collect();
    let needed = wanted.len().min(2);
    let articles = index.articles()?;
    // (shared distinct words, article, claim)
    let mut anchors: Vec<(usize, usize, usize)> = Vec::new();
    for (a, article) in articles.iter().enumerate() {
        for (c, claim) in article.claims.iter().enumerate() {
            let folded = fold(&claim.text);
            let mut seen: HashSet<String> = HashSet::new();
            for token in words(&folded) {
                if token.kind == TokenKind::Word && wanted.contains(token.norm.as_str()) {
                    seen.insert(token.norm);
                }
            }
            if seen.len() >= needed.max(1) {
                anchors.push((seen.len(), a, c));
            }
        }
    }
    anchors.sort_by(|x, y| y.0.cmp(&x.0).then_with(|| (x.1, x.2).cmp(&(y.1, y.2))));
    anchors.truncate(MAX_ANCHORS);

    let mut ranges: BTreeMap<usize, Vec<Range<usize>>> = BTreeMap::new();
    for &(_, a, c) in &anchors {
        ranges
            .entry(a)
            .or_default()
            .push(around(&articles[a], c, query.reach));
    }
    let mut passages = Vec::new();
    for (a, mut runs) in ranges {
        runs.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::new();
        for run in runs {
            match merged.last_mut() {
                Some(last) if run.start <= last.end => last.end = last.end.max(run.end),
                _ => merged.push(run),
            }
        }
        for claims in merged {
            passages.push(Passage {
                article_id: articles[a].id.clone(),
                claims: articles[a].claims[claims].to_vec(),
            });
        }
    }
    Ok(passages)
}

/// The claims around claim `c` holding at least `reach` words on each side.
fn around(article: &Article, c: usize, reach: usize) -> Range<usize> {
    let count = |i: usize| article.claims[i].text.split_whitespace().count();
    let mut start = c;
    let mut before = 0;
    while start > 0 && before < reach {
        start -= 1;
        before += count(start);
    }
    let mut end = c + 1;
    let mut after = 0;
    while end < article.claims.len() && after < reach {
        after += count(end);
        end += 1;
    }
    start..end
}
