//! Citations appended to search hits (`claimdex search --cite STYLE`): each
//! hit's claim cited in the style, its article read once per search. A hit
//! whose source file changed since ingest gets no citation and a warning.

use super::{provenance, Style};
use crate::archive::Archive;
use crate::error::Error;
use crate::index::search::{Hit, SearchResults};
use crate::index::ArchiveIndex;
use crate::model::Article;
use anyhow::Result;
use std::collections::HashMap;

/// The citation text of each hit, in hit order (`None` when its source
/// changed or its article is gone).
pub fn citations(
    archive: &Archive,
    index: &ArchiveIndex,
    hits: &[Hit],
    style: Style,
) -> Result<Vec<Option<String>>> {
    let mut articles: HashMap<String, Option<Article>> = HashMap::new();
    let mut out = Vec::with_capacity(hits.len());
    for hit in hits {
        let id = &hit.article.id;
        if !articles.contains_key(id) {
            let article = match index.article(id)? {
                Some(mut article) => match provenance::prepare(archive, &mut article) {
                    Ok(()) => Some(article),
                    Err(err) => match err.downcast::<Error>() {
                        Ok(Error::SourceChanged(message)) => {
                            crate::render::warn(&format!(
                                "no citation for hits from {id}: source changed since ingest: {message}"
                            ));
                            None
                        }
                        Ok(other) => return Err(other.into()),
                        Err(other) => return Err(other),
                    },
                },
                None => None,
            };
            articles.insert(id.clone(), article);
        }
        let citation = match articles.get(id).and_then(Option::as_ref) {
            Some(article) => Some(super::render(article, Some(&hit.claim), style)?),
            None => None,
        };
        out.push(citation);
    }
    Ok(out)
}

/// The search results as JSON with a `citation` field in each hit.
pub fn with_citations(
    results: &SearchResults,
    citations: &[Option<String>],
) -> Result<serde_json::Value> {
    let mut value = serde_json::to_value(results)?;
    if let Some(hits) = value.get_mut("hits").and_then(|h| h.as_array_mut()) {
        for (hit, citation) in hits.iter_mut().zip(citations) {
            if let Some(object) = hit.as_object_mut() {
                object.insert("citation".to_string(), serde_json::json!(citation));
            }
        }
    }
    Ok(value)
}
