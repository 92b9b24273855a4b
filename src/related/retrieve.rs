//! Candidate retrieval for `related`: the index's BM25 over the claim's own
//! content words picks the articles worth comparing, so looking at one claim
//! never loads the whole archive.

use super::terms;
use crate::index::search::SearchRequest;
use crate::index::ArchiveIndex;
use crate::model::Article;
use anyhow::Result;

/// How many matching claims the index is asked for.
pub const CANDIDATE_CLAIMS: usize = 200;
/// How many of the claim's words go into the query (the first in term order;
/// a claim has seldom more).
const QUERY_WORDS: usize = 40;

/// The claim's article first, then the other articles holding the claims
/// most like it (by BM25 over its content words, best first, each once).
/// `None` when the claim id is unknown.
pub fn articles_around(index: &ArchiveIndex, claim_id: &str) -> Result<Option<Vec<Article>>> {
    let Some((own, claim)) = index.claim(claim_id)? else {
        return Ok(None);
    };
    let wanted = similar_articles(index, &claim.text, CANDIDATE_CLAIMS)?;
    let mut articles = vec![own];
    for id in wanted {
        if id != articles[0].id {
            if let Some(article) = index.article(&id)? {
                articles.push(article);
            }
        }
    }
    Ok(Some(articles))
}

/// The ids of the articles holding the `limit` claims most like `text` (by
/// BM25 over its content words, through the index's own search), best
/// first, each once.
pub fn similar_articles(index: &ArchiveIndex, text: &str, limit: usize) -> Result<Vec<String>> {
    let words: Vec<String> = terms::content_terms(text)
        .into_iter()
        .filter(|term| term.chars().all(char::is_alphanumeric))
        .take(QUERY_WORDS)
        .collect();
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let request = SearchRequest::unfiltered(words.join(" OR "), limit);
    let mut wanted: Vec<String> = Vec::new();
    for hit in index.search(&request)?.hits {
        if !hit.fuzzy && !wanted.contains(&hit.article.id) {
            wanted.push(hit.article.id);
        }
    }
    Ok(wanted)
}
