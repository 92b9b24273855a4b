//! What `show ID` answers, for every front end (the CLI's `show`, the web
//! page's article view, `/api/show`): a claim with its neighbours, or an
//! article with the claims of other articles that cite it. These structs are
//! the `show --json` output, so the CLI and the API cannot drift apart.

use crate::index::ArchiveIndex;
use crate::model::{Article, ArticleSummary, CitedBy, Claim};
use anyhow::Result;
use serde::Serialize;

/// Claims shown on each side of a claim.
pub const NEIGHBOURS: usize = 2;

/// `show --json` of a claim.
#[derive(Debug, Clone, Serialize)]
pub struct ShownClaim {
    pub claim: Claim,
    pub article: ArticleSummary,
    pub before: Vec<Claim>,
    pub after: Vec<Claim>,
}

/// `show --json` of an article: the article and who cites it.
#[derive(Debug, Clone, Serialize)]
pub struct ShownArticle {
    #[serde(flatten)]
    pub article: Article,
    /// Claims of other articles whose citations point at this one.
    pub cited_by: Vec<CitedBy>,
}

/// A claim or an article, as `show` prints it.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Shown {
    Claim(Box<ShownClaim>),
    Article(Box<ShownArticle>),
}

/// The claim (an id with `#`) or the article `id` names; `None` when the
/// index holds neither.
pub fn show(index: &ArchiveIndex, id: &str) -> Result<Option<Shown>> {
    if id.contains('#') {
        return Ok(claim(index, id)?.map(|claim| Shown::Claim(Box::new(claim))));
    }
    Ok(article(index, id)?.map(|article| Shown::Article(Box::new(article))))
}

/// A claim with its neighbours.
pub fn claim(index: &ArchiveIndex, id: &str) -> Result<Option<ShownClaim>> {
    let Some((article, claim)) = index.claim(id)? else {
        return Ok(None);
    };
    let position = article
        .claims
        .iter()
        .position(|c| c.id == claim.id)
        .unwrap_or(0);
    let before = article.claims[position.saturating_sub(NEIGHBOURS)..position].to_vec();
    let after_end = (position + 1 + NEIGHBOURS).min(article.claims.len());
    let after = article.claims[(position + 1).min(after_end)..after_end].to_vec();
    Ok(Some(ShownClaim {
        claim,
        article: ArticleSummary::from(&article),
        before,
        after,
    }))
}

/// An article with the claims that cite it.
pub fn article(index: &ArchiveIndex, id: &str) -> Result<Option<ShownArticle>> {
    let Some(article) = index.article(id)? else {
        return Ok(None);
    };
    let cited_by = index.cited_by(&article)?;
    Ok(Some(ShownArticle { article, cited_by }))
}
