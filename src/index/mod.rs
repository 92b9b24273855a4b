//! The tantivy index of claims: schema, writing (ingest) and reading (search).
//!
//! NOTE: skeleton. `ArchiveIndex` is the read API the query stages (show,
//! verify, cite, related) use; for now it parses the corpus on open. The
//! index work replaces its insides with the tantivy index, keeping the API.

use crate::archive::{article_id, Archive};
use crate::model::{Article, Claim};
use crate::parse::{parse_guarded, SourceFile};
use anyhow::{Context, Result};

/// Read access to the archive's articles and claims.
pub struct ArchiveIndex {
    articles: Vec<Article>,
}

impl ArchiveIndex {
    /// Open the archive's index (building it on first use).
    pub fn open(archive: &Archive) -> Result<ArchiveIndex> {
        let catalog = archive.catalog()?;
        let mut articles = Vec::new();
        for relative in archive.corpus_files()? {
            let path = archive.corpus_dir().join(&relative);
            let bytes =
                std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
            let relative_str = relative.to_string_lossy().replace('\\', "/");
            let source = SourceFile {
                id: article_id(&relative),
                path: format!("corpus/{relative_str}"),
                bytes: &bytes,
                catalog: catalog.entry(&relative_str),
            };
            if let Ok(article) = parse_guarded(&source) {
                articles.push(article);
            }
        }
        Ok(ArchiveIndex { articles })
    }

    /// Every article, in id order.
    pub fn articles(&self) -> Result<Vec<Article>> {
        Ok(self.articles.clone())
    }

    /// One article by id.
    pub fn article(&self, id: &str) -> Result<Option<Article>> {
        Ok(self.articles.iter().find(|a| a.id == id).cloned())
    }

    /// One claim by id (`article#n`), with its article.
    pub fn claim(&self, id: &str) -> Result<Option<(Article, Claim)>> {
        let Some((article_id, _)) = id.rsplit_once('#') else {
            return Ok(None);
        };
        let Some(article) = self.article(article_id)? else {
            return Ok(None);
        };
        let claim = article.claims.iter().find(|c| c.id == id).cloned();
        Ok(claim.map(|claim| (article, claim)))
    }
}
