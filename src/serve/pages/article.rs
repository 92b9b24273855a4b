//! `/article/ID`: an article as the archive holds it: its metadata with
//! where each field came from, its text as claims (each with an anchor, its
//! quotations, dates and attributions marked, its citation markers linked or
//! said to be unresolved), its sourcing report and who cites it. A banner
//! says when the source file no longer holds the bytes that were ingested.
//! `/source/ID` serves the source file itself, as plain text.

use super::{render, respond, Chrome, Rendered};
use crate::cite::provenance;
use crate::error::Error;
use crate::model::{Article, ReportItem};
use crate::serve::failure::Failure;
use crate::serve::guard::{checked_id, corpus_file, safe_href};
use crate::serve::state::{App, Snapshot};
use crate::serve::view::{serde_name, spaced, ArticleLine, ClaimView};
use crate::show::ShownArticle;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use std::collections::HashSet;
use std::sync::Arc;

pub struct MetaRow {
    pub field: &'static str,
    pub value: String,
    pub href: Option<String>,
    pub source: String,
}

/// The claims of one paragraph (block) of the article.
pub struct Block {
    /// The section path, when it changes here.
    pub heading: Option<String>,
    pub kind: String,
    pub paragraph: u32,
    pub claims: Vec<ClaimView>,
}

pub struct DefinitionView {
    pub label: String,
    pub text: String,
    pub href: Option<String>,
    pub line: u32,
    pub referenced: bool,
}

pub struct ReportView {
    pub kind: &'static str,
    pub label: String,
    pub lines: String,
    /// `(claim id, ordinal)`.
    pub claims: Vec<(String, String)>,
}

pub struct CitedView {
    pub claim_id: String,
    pub ordinal: String,
    pub article: ArticleLine,
    pub label: String,
    pub text: String,
}

#[derive(Template)]
#[template(path = "article.html")]
struct ArticlePage {
    chrome: Chrome,
    id: String,
    title: String,
    claim_count: usize,
    source_changed: Option<String>,
    metadata: Vec<MetaRow>,
    blocks: Vec<Block>,
    definitions: Vec<DefinitionView>,
    unsourced: Vec<(String, String)>,
    report_items: Vec<ReportView>,
    warnings: Vec<String>,
    cited_by: Vec<CitedView>,
}

fn ordinal_of(claim_id: &str) -> String {
    claim_id
        .rsplit_once('#')
        .map_or(String::new(), |(_, n)| n.to_string())
}

fn metadata(article: &Article) -> Vec<MetaRow> {
    let source = |field: &str| match article.metadata_sources.get(field) {
        Some(source) => spaced(&serde_name(source)),
        None => "not known".to_string(),
    };
    let unknown = || "(not known)".to_string();
    let mut rows = vec![
        MetaRow {
            field: "title",
            value: article.title.clone().unwrap_or_else(unknown),
            href: None,
            source: source("title"),
        },
        MetaRow {
            field: "authors",
            value: if article.authors.is_empty() {
                unknown()
            } else {
                article.authors.join(", ")
            },
            href: None,
            source: source("authors"),
        },
        MetaRow {
            field: "outlet",
            value: article.outlet.clone().unwrap_or_else(unknown),
            href: None,
            source: source("outlet"),
        },
        MetaRow {
            field: "url",
            value: article.url.clone().unwrap_or_else(unknown),
            href: article.url.as_deref().and_then(safe_href),
            source: source("url"),
        },
        MetaRow {
            field: "published",
            value: article.published.clone().unwrap_or_else(unknown),
            href: None,
            source: source("published"),
        },
    ];
    if article.updated.is_some() {
        rows.push(MetaRow {
            field: "updated",
            value: article.updated.clone().unwrap_or_else(unknown),
            href: None,
            source: source("updated"),
        });
    }
    for (field, value, from) in [
        ("path", article.path.clone(), "the corpus"),
        (
            "format",
            spaced(&serde_name(&article.format)),
            "the file's extension",
        ),
        ("hash", article.hash.clone(), "blake3 of the bytes ingested"),
        (
            "ingested",
            article.ingested.clone().unwrap_or_else(unknown),
            "the index",
        ),
    ] {
        rows.push(MetaRow {
            field,
            value,
            href: None,
            source: from.to_string(),
        });
    }
    rows
}

fn blocks(article: &Article) -> Vec<Block> {
    let unsourced: HashSet<&str> = article
        .report
        .unsourced_claims
        .iter()
        .map(String::as_str)
        .collect();
    let mut blocks: Vec<Block> = Vec::new();
    let mut section: Option<&[String]> = None;
    for claim in &article.claims {
        let mut view = ClaimView::new(claim, &article.id, &[]);
        view.unsourced = unsourced.contains(claim.id.as_str());
        let kind = serde_name(&claim.kind);
        let same_block = blocks
            .last()
            .is_some_and(|b| b.paragraph == claim.paragraph && b.kind == kind);
        if same_block {
            if let Some(block) = blocks.last_mut() {
                block.claims.push(view);
            }
            continue;
        }
        let heading = (section != Some(claim.section.as_slice()) && !claim.section.is_empty())
            .then(|| claim.section.join(" › "));
        section = Some(claim.section.as_slice());
        blocks.push(Block {
            heading,
            kind,
            paragraph: claim.paragraph,
            claims: vec![view],
        });
    }
    blocks
}

fn report_items(article: &Article) -> Vec<ReportView> {
    let view = |kind: &'static str, item: &ReportItem| ReportView {
        kind,
        label: item.label.clone(),
        lines: item
            .lines
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        claims: item
            .claims
            .iter()
            .map(|id| (id.clone(), ordinal_of(id)))
            .collect(),
    };
    let report = &article.report;
    let mut items = Vec::new();
    for (kind, list) in [
        ("unresolved marker", &report.unresolved_markers),
        ("unused definition", &report.unused_definitions),
        ("reused label", &report.reused_labels),
    ] {
        items.extend(list.iter().map(|item| view(kind, item)));
    }
    items
}

fn page(app: &App, snapshot: &Snapshot, id: &str) -> Result<Rendered, Failure> {
    let id = checked_id(id)?;
    let Some(ShownArticle { article, cited_by }) = crate::show::article(snapshot.index(), id)?
    else {
        return Err(Failure::not_found(format!(
            "no article `{id}` in the archive (the Articles page lists them)"
        )));
    };
    let mut checked = article.clone();
    let source_changed = match provenance::prepare(&app.archive, &mut checked) {
        Ok(()) => None,
        Err(err) => match err.downcast::<Error>() {
            Ok(Error::SourceChanged(message)) => Some(format!("{message}.")),
            Ok(other) => return Err(other.into()),
            Err(other) => return Err(other.into()),
        },
    };
    let page = ArticlePage {
        chrome: Chrome::new(app, Some(snapshot), "articles"),
        id: article.id.clone(),
        title: article
            .title
            .clone()
            .unwrap_or_else(|| format!("(no title) {}", article.id)),
        claim_count: article.claims.len(),
        source_changed,
        metadata: metadata(&checked),
        blocks: blocks(&article),
        definitions: article
            .citation_definitions
            .iter()
            .map(|d| DefinitionView {
                label: d.label.clone(),
                text: d.text.clone(),
                href: d.url.as_deref().and_then(safe_href),
                line: d.line,
                referenced: d.referenced,
            })
            .collect(),
        unsourced: article
            .report
            .unsourced_claims
            .iter()
            .map(|id| (id.clone(), ordinal_of(id)))
            .collect(),
        report_items: report_items(&article),
        warnings: article.report.warnings.clone(),
        cited_by: cited_by
            .iter()
            .map(|c| CitedView {
                claim_id: c.claim_id.clone(),
                ordinal: ordinal_of(&c.claim_id),
                article: ArticleLine::from(&c.article),
                label: c.label.clone(),
                text: c.text.clone(),
            })
            .collect(),
    };
    Ok(Rendered::ok(render(&page)?))
}

/// `GET /article/{*id}`.
pub async fn handler(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    let result = app
        .blocking(move |app, snapshot| page(app, snapshot, &id))
        .await;
    respond(&app, "articles", result)
}

/// The source file of an article, as plain text (never as HTML).
fn source(app: &App, snapshot: &Snapshot, id: &str) -> Result<Response, Failure> {
    let id = checked_id(id)?;
    let Some(article) = snapshot.index().article_header(id)? else {
        return Err(Failure::not_found(format!(
            "no article `{id}` in the archive"
        )));
    };
    let Some(file) = corpus_file(&app.archive, &article.path) else {
        return Err(Failure::not_found(format!(
            "{} is no longer a file in corpus/",
            article.path
        )));
    };
    let bytes = std::fs::read(&file)
        .map_err(|err| Failure::internal(format!("cannot read {}: {err}", article.path)))?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    Ok(response)
}

/// `GET /source/{*id}`.
pub async fn source_handler(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    match app
        .blocking(move |app, snapshot| source(app, snapshot, &id))
        .await
    {
        Ok(response) => response,
        Err(failure) => super::error_page(&app, "articles", &failure),
    }
}
