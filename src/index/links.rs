//! Citation chains read from the index: a citation's URL resolved to the
//! archived article it points at (looked up when the index is read, so a
//! cited article ingested after the citing one is still found), and the
//! claims of other articles that cite an article ("cited by").

use super::documents::{claim_of, stored_json};
use super::{damaged, ArchiveIndex};
use crate::chains;
use crate::model::{Article, ArticleSummary, CitedBy, Claim};
use anyhow::Result;
use std::collections::{BTreeSet, HashMap};
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Term};

/// Only the id of a stored manifest record (the rest is skipped unread).
#[derive(serde::Deserialize)]
struct ArticleIdOnly {
    article_id: String,
}

impl ArchiveIndex {
    /// The id of the archived article known by `address` (see
    /// `chains`); the first by id when several are.
    pub fn article_at(&self, address: &str) -> Result<Option<String>> {
        if let Some(known) = self.address_cache().get(address) {
            return Ok(known.clone());
        }
        let query = TermQuery::new(
            Term::from_field_text(self.fields().address, address),
            IndexRecordOption::Basic,
        );
        let mut ids = Vec::new();
        for doc_address in self.matching(&query)? {
            let doc = self.document(doc_address)?;
            let record: ArticleIdOnly = serde_json::from_str(stored_json(self.fields(), &doc)?)
                .map_err(|err| damaged(format!("a stored manifest record is unreadable: {err}")))?;
            ids.push(record.article_id);
        }
        ids.sort();
        let found = ids.into_iter().next();
        self.address_cache()
            .insert(address.to_string(), found.clone());
        Ok(found)
    }

    /// Fill `archived_article` on each citation of `claim` (a claim of the
    /// article `id` at corpus path `path`, whose own URL is `url`) whose URL
    /// points at another archived article.
    pub fn resolve_citations(
        &self,
        id: &str,
        path: &str,
        url: Option<&str>,
        claim: &mut Claim,
    ) -> Result<()> {
        for citation in &mut claim.citations {
            citation.archived_article = None;
            let Some(link) = citation.url.as_deref() else {
                continue;
            };
            for address in chains::link_addresses(path, url, link) {
                if let Some(target) = self.article_at(&address)? {
                    if target != id {
                        citation.archived_article = Some(target);
                        break;
                    }
                }
            }
        }
        Ok(())
    }

    /// [`ArchiveIndex::resolve_citations`] for every claim of an article.
    pub fn resolve_article_citations(&self, article: &mut Article) -> Result<()> {
        let (id, path, url) = (
            article.id.clone(),
            article.path.clone(),
            article.url.clone(),
        );
        for claim in &mut article.claims {
            self.resolve_citations(&id, &path, url.as_deref(), claim)?;
        }
        Ok(())
    }

    /// The claims of other articles whose citations point at `article`,
    /// earliest published citing article first, then by claim id.
    pub fn cited_by(&self, article: &Article) -> Result<Vec<CitedBy>> {
        let addresses = chains::article_addresses(article);
        let clauses: Vec<(Occur, Box<dyn Query>)> = addresses
            .iter()
            .map(|address| {
                let query: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(self.fields().cites, address),
                    IndexRecordOption::Basic,
                ));
                (Occur::Should, query)
            })
            .collect();
        let mut headers: HashMap<String, Option<Article>> = HashMap::new();
        let mut out = Vec::new();
        for doc_address in self.matching(&BooleanQuery::new(clauses))? {
            let doc = self.document(doc_address)?;
            let mut claim = claim_of(self.fields(), &doc).map_err(damaged)?;
            let citing_id = claim
                .id
                .rsplit_once('#')
                .map_or(claim.id.as_str(), |(a, _)| a)
                .to_string();
            if citing_id == article.id {
                continue;
            }
            if !headers.contains_key(&citing_id) {
                headers.insert(citing_id.clone(), self.article_header(&citing_id)?);
            }
            let Some(Some(citing)) = headers.get(&citing_id) else {
                continue;
            };
            self.resolve_citations(&citing.id, &citing.path, citing.url.as_deref(), &mut claim)?;
            let mut seen = BTreeSet::new();
            for citation in &claim.citations {
                let Some(url) = citation.url.as_deref() else {
                    continue;
                };
                let points_here = chains::link_addresses(&citing.path, citing.url.as_deref(), url)
                    .iter()
                    .any(|a| addresses.contains(a));
                if points_here && seen.insert((citation.label.clone(), url.to_string())) {
                    out.push(CitedBy {
                        claim_id: claim.id.clone(),
                        text: claim.text.clone(),
                        label: citation.label.clone(),
                        url: url.to_string(),
                        article: ArticleSummary::from(citing),
                    });
                }
            }
        }
        out.sort_by(|a, b| {
            let published = |c: &CitedBy| {
                c.article
                    .published
                    .as_deref()
                    .and_then(crate::dates::parse_anchor)
            };
            // Known dates first, earliest first.
            (published(a).is_none(), published(a))
                .cmp(&(published(b).is_none(), published(b)))
                .then_with(|| a.article.id.cmp(&b.article.id))
                .then_with(|| claim_order(&a.claim_id).cmp(&claim_order(&b.claim_id)))
                .then_with(|| a.label.cmp(&b.label))
        });
        Ok(out)
    }

    /// The addresses of the documents a query matches, in index order.
    fn matching(&self, query: &dyn Query) -> Result<Vec<DocAddress>> {
        let found = self
            .searcher()
            .search(query, &DocSetCollector)
            .map_err(|err| damaged(format!("cannot search the index: {err}")))?;
        let mut addresses: Vec<DocAddress> = found.into_iter().collect();
        addresses.sort();
        Ok(addresses)
    }
}

/// A claim's ordinal, for ordering claims of one article.
fn claim_order(claim_id: &str) -> u64 {
    claim_id
        .rsplit_once('#')
        .and_then(|(_, n)| n.parse().ok())
        .unwrap_or(u64::MAX)
}
