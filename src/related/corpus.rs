//! The archive's claims prepared for comparison: each claim's terms,
//! subjects and figures, and an inverted index from terms to claims that
//! finds a claim's candidates (claims sharing its rarer terms, scored by
//! tf-idf cosine: a more-like-this over the claim's own words).
//!
//! The read API (`index::ArchiveIndex`) hands over whole articles; this
//! module does the comparing in memory.

use super::terms;
use crate::figures;
use crate::model::{Article, ArticleSummary, Claim, ClaimKind, Figure};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// One claim, ready to compare.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Index of the article in [`ClaimCorpus::articles`].
    pub article: usize,
    /// Index of the claim in its article's `claims`.
    pub claim: usize,
    /// Content terms, sorted and deduplicated.
    pub terms: Vec<String>,
    /// Names the claim speaks of, with those of the claim before when it
    /// opens by referring back ("The company ...").
    pub subjects: Vec<String>,
    /// The first name the claim speaks of, past the setting ("Dahua").
    pub principal: Option<String>,
    /// The figures the claim states.
    pub figures: Vec<Figure>,
}

/// The claims of an archive, with a term index over them.
pub struct ClaimCorpus {
    pub articles: Vec<Article>,
    pub entries: Vec<Entry>,
    /// Claim id → entry index.
    by_id: HashMap<String, usize>,
    /// Term → entries holding it, ascending.
    postings: HashMap<String, Vec<u32>>,
    /// Term → inverse document frequency.
    idf: HashMap<String, f32>,
    /// Entry → Euclidean norm of its idf-weighted term vector.
    norms: Vec<f32>,
}

/// A term held by more than this share of all claims is too common to pick candidates by.
/// (A small archive scans every posting list up to this length anyway.)
const MAX_DOC_SHARE: f32 = 0.05;
const MIN_MAX_DF: usize = 500;
/// In a restricted term index ([`ClaimCorpus::postings_of`]), lists longer
/// than this are skipped whatever the share: rare terms pick candidates.
const MAX_MAX_DF: usize = 2000;

impl ClaimCorpus {
    /// Prepare every claim of `articles` (boilerplate left out).
    pub fn new(articles: Vec<Article>) -> ClaimCorpus {
        // Words written in lower case somewhere: ordinary words, not names.
        let common: HashSet<String> = articles
            .par_iter()
            .map(|article| {
                let mut words = HashSet::new();
                for claim in &article.claims {
                    for word in terms::words(&claim.text) {
                        if word.text.starts_with(|c: char| c.is_lowercase()) {
                            words.insert(word.text.to_string());
                        }
                    }
                }
                words
            })
            .reduce(HashSet::new, |mut a, b| {
                a.extend(b);
                a
            });
        let is_common = |word: &str| common.contains(word);
        let entries: Vec<Entry> = articles
            .par_iter()
            .enumerate()
            .flat_map_iter(|(article_index, article)| {
                article_entries(article_index, article, &is_common)
            })
            .collect();
        let mut postings: HashMap<String, Vec<u32>> = HashMap::new();
        for (index, entry) in entries.iter().enumerate() {
            for term in &entry.terms {
                postings.entry(term.clone()).or_default().push(index as u32);
            }
        }
        let total = entries.len().max(1) as f32;
        let idf: HashMap<String, f32> = postings
            .iter()
            .map(|(term, list)| (term.clone(), (1.0 + total / list.len() as f32).ln()))
            .collect();
        let norms = entries
            .iter()
            .map(|entry| {
                entry
                    .terms
                    .iter()
                    .map(|t| idf.get(t).copied().unwrap_or(0.0).powi(2))
                    .sum::<f32>()
                    .sqrt()
            })
            .collect();
        let by_id = entries
            .iter()
            .enumerate()
            .map(|(index, entry)| {
                (
                    articles[entry.article].claims[entry.claim].id.clone(),
                    index,
                )
            })
            .collect();
        ClaimCorpus {
            articles,
            entries,
            by_id,
            postings,
            idf,
            norms,
        }
    }

    /// The entry of a claim id.
    pub fn find(&self, claim_id: &str) -> Option<usize> {
        self.by_id.get(claim_id).copied()
    }

    pub fn claim(&self, entry: usize) -> &Claim {
        let e = &self.entries[entry];
        &self.articles[e.article].claims[e.claim]
    }

    pub fn article(&self, entry: usize) -> &Article {
        &self.articles[self.entries[entry].article]
    }

    /// The inverse document frequency of a term (0 when unknown).
    pub fn idf(&self, term: &str) -> f32 {
        self.idf.get(term).copied().unwrap_or(0.0)
    }

    /// Cosine similarity of two entries' idf-weighted term sets.
    pub fn similarity(&self, a: usize, b: usize) -> f32 {
        let (ta, tb) = (&self.entries[a].terms, &self.entries[b].terms);
        let shared: f32 = shared_terms(ta, tb).map(|t| self.idf(t).powi(2)).sum();
        let norm = self.norms[a] * self.norms[b];
        if norm > 0.0 {
            shared / norm
        } else {
            0.0
        }
    }

    /// Up to `limit` claims from other articles most like `entry`, best
    /// first, with their cosine similarity; only claims sharing at least one
    /// term that is not in more than 5% of all claims (or 500 claims) are considered.
    pub fn candidates(&self, entry: usize, limit: usize) -> Vec<(usize, f32)> {
        self.candidates_in(&self.postings, entry, limit)
    }

    /// The term index restricted to the entries `keep` accepts (term
    /// weights stay those of the whole corpus): [`ClaimCorpus::candidates_in`]
    /// then looks only at those entries, and its posting lists are as short
    /// as the kept entries are few.
    pub fn postings_of(&self, keep: impl Fn(usize) -> bool) -> Postings {
        let mut lists: HashMap<String, Vec<u32>> = HashMap::new();
        for (index, entry) in self.entries.iter().enumerate() {
            if keep(index) {
                for term in &entry.terms {
                    lists.entry(term.clone()).or_default().push(index as u32);
                }
            }
        }
        let kept = (0..self.entries.len()).filter(|&i| keep(i)).count();
        Postings {
            lists,
            max_df: ((kept as f32 * MAX_DOC_SHARE) as usize).clamp(MIN_MAX_DF, MAX_MAX_DF),
        }
    }

    /// [`ClaimCorpus::candidates`] among the entries of `postings`.
    pub fn candidates_in(
        &self,
        postings: &impl AsPostings,
        entry: usize,
        limit: usize,
    ) -> Vec<(usize, f32)> {
        let max_df = ((self.entries.len() as f32 * MAX_DOC_SHARE) as usize).max(MIN_MAX_DF);
        let own_article = self.entries[entry].article;
        let mut scores: HashMap<u32, f32> = HashMap::new();
        for term in &self.entries[entry].terms {
            // Too common in the whole corpus to pick candidates by.
            if self.postings.get(term).is_none_or(|all| all.len() > max_df) {
                continue;
            }
            // ... or among the entries looked at.
            let Some(list) = postings.list(term).filter(|l| l.len() <= postings.max_df()) else {
                continue;
            };
            let weight = self.idf(term).powi(2);
            for &other in list {
                if self.entries[other as usize].article != own_article {
                    *scores.entry(other).or_default() += weight;
                }
            }
        }
        let own_norm = self.norms[entry];
        let mut ranked: Vec<(usize, f32)> = scores
            .into_iter()
            .map(|(other, dot)| {
                let norm = own_norm * self.norms[other as usize];
                (other as usize, if norm > 0.0 { dot / norm } else { 0.0 })
            })
            .collect();
        let order = |a: &(usize, f32), b: &(usize, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if ranked.len() > limit && limit > 0 {
            ranked.select_nth_unstable_by(limit - 1, order);
            ranked.truncate(limit);
        }
        ranked.sort_by(order);
        ranked.truncate(limit);
        ranked
    }

    /// How an entry's article is shown beside a claim.
    pub fn summary(&self, entry: usize) -> ArticleSummary {
        ArticleSummary::from(self.article(entry))
    }
}

/// A term index over some of a corpus's entries (see [`ClaimCorpus::postings_of`]).
pub struct Postings {
    lists: HashMap<String, Vec<u32>>,
    /// Lists longer than this (5% of the kept entries, or 500) are too
    /// common to pick candidates by.
    max_df: usize,
}

/// Term → entries holding it, ascending.
pub trait AsPostings {
    fn list(&self, term: &str) -> Option<&Vec<u32>>;
    /// The longest list worth scanning.
    fn max_df(&self) -> usize {
        usize::MAX
    }
}

impl AsPostings for Postings {
    fn list(&self, term: &str) -> Option<&Vec<u32>> {
        self.lists.get(term)
    }
    fn max_df(&self) -> usize {
        self.max_df
    }
}

impl AsPostings for HashMap<String, Vec<u32>> {
    fn list(&self, term: &str) -> Option<&Vec<u32>> {
        self.get(term)
    }
}

/// The terms two sorted term lists share.
pub fn shared_terms<'a>(a: &'a [String], b: &'a [String]) -> impl Iterator<Item = &'a String> {
    a.iter().filter(move |t| b.binary_search(t).is_ok())
}

fn article_entries(
    article_index: usize,
    article: &Article,
    is_common: &(dyn Fn(&str) -> bool + Sync),
) -> Vec<Entry> {
    let mut entries = Vec::with_capacity(article.claims.len());
    let mut previous_subjects: Vec<String> = Vec::new();
    for (claim_index, claim) in article.claims.iter().enumerate() {
        if claim.kind == ClaimKind::Boilerplate {
            continue;
        }
        let own = terms::subjects(&claim.text, is_common);
        let mut subjects = own.clone();
        if terms::refers_back(&claim.text) || own.is_empty() {
            subjects.extend(previous_subjects.iter().cloned());
            subjects.sort();
            subjects.dedup();
        }
        if !own.is_empty() {
            previous_subjects = own;
        }
        entries.push(Entry {
            article: article_index,
            claim: claim_index,
            terms: terms::content_terms(&claim.text),
            subjects,
            principal: terms::principal_subject(&claim.text, is_common),
            figures: figures::extract(&claim.text),
        });
    }
    entries
}
