//! Syndication: the same sentence (or nearly) carried by several articles.
//! Search shows such claims as one hit that lists every article carrying the
//! sentence, earliest dated first (`search --no-collapse` turns this off).

use super::earlier;
use crate::index::search::{Hit, SearchRequest, SearchResults, Syndicated};
use crate::index::ArchiveIndex;
use anyhow::Result;
use std::collections::HashSet;

/// Word-pair overlap (Dice coefficient) above which two claims are the same
/// sentence: a copy edited by a word or two still collapses.
pub const NEAR_DUPLICATE: f64 = 0.8;
/// Claims shorter than this many words (headings, list items such as
/// "Thermal Screening Technology") are never collapsed: sharing them says
/// nothing about one article copying another.
pub const MIN_WORDS: usize = 6;

/// The claim's words as compared: letters and digits, lower case.
fn words(text: &str) -> Vec<String> {
    super::terms::words(text)
        .into_iter()
        .map(|word| word.text.to_lowercase())
        .collect()
}

/// Whether two claims, given as their words, are the same sentence.
pub fn same_sentence(a: &[String], b: &[String]) -> bool {
    if a.len() < MIN_WORDS || b.len() < MIN_WORDS {
        return false;
    }
    if a == b {
        return true;
    }
    let pairs = |words: &[String]| -> HashSet<(String, String)> {
        words
            .windows(2)
            .map(|pair| (pair[0].clone(), pair[1].clone()))
            .collect()
    };
    let (pa, pb) = (pairs(a), pairs(b));
    let shared = pa.intersection(&pb).count();
    2.0 * shared as f64 / (pa.len() + pb.len()) as f64 >= NEAR_DUPLICATE
}

/// The search `search` runs (the CLI and the web page): `request.limit`
/// hits, the same sentence in several articles merged into one hit unless
/// `collapse` is off.
pub fn search(
    index: &ArchiveIndex,
    request: &SearchRequest,
    collapse: bool,
) -> Result<SearchResults> {
    if !collapse {
        return index.search(request);
    }
    // Fetch more than shown, so that hits merged as one syndicated sentence
    // still leave `limit` distinct hits.
    let mut wider = request.clone();
    wider.limit = request.limit.saturating_mul(3).max(request.limit);
    let mut results = index.search(&wider)?;
    results.hits = self::collapse(results.hits);
    results.hits.truncate(request.limit);
    Ok(results)
}

/// Merge hits that are the same sentence in different articles. A group
/// keeps the rank of its best-scoring member; the hit shown is the member
/// from the earliest dated article (undated ones last), and the others are
/// listed in its `also_in`, earliest first.
pub fn collapse(hits: Vec<Hit>) -> Vec<Hit> {
    let keys: Vec<Vec<String>> = hits.iter().map(|hit| words(&hit.claim.text)).collect();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in 0..hits.len() {
        let found = groups.iter().position(|members| {
            members
                .iter()
                .all(|&m| hits[m].article.id != hits[i].article.id)
                && same_sentence(&keys[members[0]], &keys[i])
        });
        match found {
            Some(g) => groups[g].push(i),
            None => groups.push(vec![i]),
        }
    }
    let mut slots: Vec<Option<Hit>> = hits.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(groups.len());
    for mut members in groups {
        members.sort_by(|&a, &b| by_date(&slots, a, b));
        let best_score = members
            .iter()
            .filter_map(|&m| slots[m].as_ref().map(|hit| hit.score))
            .fold(f32::MIN, f32::max);
        let mut taken = members.into_iter().filter_map(|m| slots[m].take());
        let Some(mut shown) = taken.next() else {
            continue;
        };
        shown.also_in = taken
            .map(|hit| Syndicated {
                id: hit.claim.id,
                text: hit.claim.text,
                article: hit.article,
                location: hit.claim.location,
                score: hit.score,
            })
            .collect();
        shown.score = best_score;
        out.push(shown);
    }
    out
}

/// Earliest dated article first; undated last; ties keep search order.
fn by_date(slots: &[Option<Hit>], a: usize, b: usize) -> std::cmp::Ordering {
    let date = |i: usize| {
        slots[i]
            .as_ref()
            .and_then(|hit| hit.article.published.clone())
    };
    let (da, db) = (date(a), date(b));
    match (da.is_some(), db.is_some()) {
        (true, false) => std::cmp::Ordering::Less,
        (false, true) => std::cmp::Ordering::Greater,
        _ => match earlier(da.as_deref(), db.as_deref()) {
            Some(true) => std::cmp::Ordering::Greater,
            Some(false) if earlier(db.as_deref(), da.as_deref()) == Some(true) => {
                std::cmp::Ordering::Less
            }
            _ => a.cmp(&b),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str) -> Vec<String> {
        words(text)
    }

    #[test]
    fn a_copy_edited_by_a_word_is_the_same_sentence() {
        let a = w("Hikvision is one of the largest manufacturers of facial recognition cameras in the world.");
        let b = w("Hikvision is one of the biggest manufacturers of facial recognition cameras in the world.");
        assert!(same_sentence(&a, &b));
    }

    #[test]
    fn sentences_sharing_a_phrase_are_not_the_same() {
        let a = w("Hikvision is one of the largest manufacturers of facial recognition cameras in the world.");
        let b = w(
            "Dahua is a large maker of cameras sold in the world, according to its own website.",
        );
        assert!(!same_sentence(&a, &b));
    }

    #[test]
    fn short_claims_never_collapse() {
        let a = w("Thermal Screening Technology");
        assert!(!same_sentence(&a, &a));
    }
}
