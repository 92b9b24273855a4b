//! `/cite?id=ID`: a claim or an article cited in every style `cite` knows
//! (the prose styles by the CSL engine, the Markdown footnote, CSL-JSON,
//! BibLaTeX, RIS), each with a copy button, and the record formats as
//! downloads (`/cite/download`). A source changed since ingest gets no
//! citation, as `claimdex cite` exits 5.

use super::{render, respond, Chrome, Rendered};
use crate::cite::{self, provenance, CiteOutput, Style};
use crate::model::{Article, Claim};
use crate::serve::failure::Failure;
use crate::serve::forms::CiteForm;
use crate::serve::state::{App, Snapshot};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The article (checked against its source file, the access date set) and
/// claim an id names, as `claimdex cite` prepares them.
pub fn prepare(
    app: &App,
    snapshot: &Snapshot,
    form: &CiteForm,
) -> Result<(Article, Option<Claim>), Failure> {
    let id = form.id()?;
    let accessed = form.accessed()?;
    let Some((mut article, claim)) = cite::lookup(snapshot.index(), id)? else {
        return Err(Failure::not_found(format!(
            "no claim or article with id `{id}` in the archive (claim ids look like `article#3`)"
        )));
    };
    provenance::prepare(&app.archive, &mut article)?;
    if accessed.is_some() {
        article.ingested = accessed;
    }
    Ok((article, claim))
}

/// The file extension and media type of a downloadable style.
pub fn download_format(style: Style) -> Option<(&'static str, &'static str)> {
    match style {
        Style::CslJson => Some(("json", "application/vnd.citationstyles.csl+json")),
        Style::Bibtex => Some(("bib", "application/x-bibtex; charset=utf-8")),
        Style::Ris => Some(("ris", "application/x-research-info-systems; charset=utf-8")),
        _ => None,
    }
}

pub struct StyleView {
    pub name: &'static str,
    /// Prose (a sentence to read), not a record.
    pub prose: bool,
    pub title: String,
    pub download: Option<&'static str>,
    pub reference_label: &'static str,
    pub reference: String,
    pub citation: Option<String>,
    pub citation_label: &'static str,
    pub sources: Vec<String>,
}

impl StyleView {
    fn new(style: Style, output: &CiteOutput) -> StyleView {
        let title = match style.prose() {
            Some(prose) => prose.display_name().to_string(),
            None => match style {
                Style::Markdown => "Markdown footnote (the Chicago note)".to_string(),
                Style::CslJson => "CSL-JSON".to_string(),
                Style::Bibtex => "BibLaTeX (@online)".to_string(),
                Style::Ris => "RIS".to_string(),
                other => other.name().to_string(),
            },
        };
        let chicago = style == Style::Chicago;
        StyleView {
            name: style.name(),
            prose: style.prose().is_some() || style == Style::Markdown,
            title,
            download: download_format(style).map(|(ext, _)| ext),
            reference_label: match style {
                _ if style.prose().is_some() && chicago => "Bibliography entry",
                _ if style.prose().is_some() => "Reference list entry",
                Style::Markdown => "Footnote (reference and definition)",
                _ => "Record",
            },
            reference: output.reference.clone(),
            citation: output.citation.clone(),
            citation_label: if chicago { "Note" } else { "In-text citation" },
            sources: output
                .sources
                .iter()
                .map(|source| match &source.cited_in {
                    Some(cited_in) => format!("{} — {cited_in}", source.describe()),
                    None => source.describe(),
                })
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "cite.html")]
struct CitePage {
    chrome: Chrome,
    id: String,
    is_claim: bool,
    article_id: String,
    article_title: String,
    ordinal: u32,
    key: String,
    paragraph: Option<u32>,
    accessed: String,
    source_changed: Option<String>,
    missing: Vec<String>,
    styles: Vec<StyleView>,
}

fn page(app: &App, snapshot: &Snapshot, form: &CiteForm) -> Result<Rendered, Failure> {
    let id = form.id()?.to_string();
    let mut page = CitePage {
        chrome: Chrome::new(app, Some(snapshot), ""),
        is_claim: false,
        article_id: id.clone(),
        article_title: id.clone(),
        ordinal: 0,
        key: crate::cite::csl::citation_key(&id),
        paragraph: None,
        accessed: form.accessed.trim().to_string(),
        source_changed: None,
        missing: Vec::new(),
        styles: Vec::new(),
        id,
    };
    let (article, claim) = match prepare(app, snapshot, form) {
        Ok(found) => found,
        Err(failure) if failure.exit_code == crate::exit::SOURCE_CHANGED => {
            // Say which article, so the reader can re-ingest it.
            if let Some((article, claim)) = cite::lookup(snapshot.index(), &page.id)? {
                describe(&mut page, &article, claim.as_ref());
            }
            page.source_changed = Some(failure.message);
            return Ok(Rendered {
                status: StatusCode::CONFLICT,
                html: render(&page)?,
            });
        }
        Err(failure) => return Err(failure),
    };
    describe(&mut page, &article, claim.as_ref());
    for style in Style::ALL {
        let output = cite::cite(&article, claim.as_ref(), style)?;
        if page.missing.is_empty() {
            page.missing = output.missing.clone();
        }
        page.styles.push(StyleView::new(style, &output));
    }
    Ok(Rendered::ok(render(&page)?))
}

fn describe(page: &mut CitePage, article: &Article, claim: Option<&Claim>) {
    page.is_claim = claim.is_some();
    page.article_id = article.id.clone();
    page.article_title = article
        .title
        .clone()
        .unwrap_or_else(|| format!("(no title) {}", article.id));
    page.key = crate::cite::csl::citation_key(&article.id);
    page.ordinal = claim.map_or(0, |c| c.ordinal);
    page.paragraph = claim.map(|c| c.paragraph);
}

/// `GET /cite?id=ID[&accessed=YYYY-MM-DD]`.
pub async fn handler(
    State(app): State<Arc<App>>,
    form: Result<Query<CiteForm>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let form = match form {
        Ok(Query(form)) => form,
        Err(rejection) => {
            return respond(&app, "", Err(Failure::bad_request(rejection.body_text())))
        }
    };
    let result = app
        .blocking(move |app, snapshot| page(app, snapshot, &form))
        .await;
    respond(&app, "", result)
}

/// A download: the record, its media type and file name.
pub struct Download {
    pub body: String,
    pub media_type: &'static str,
    pub file_name: String,
}

impl IntoResponse for Download {
    fn into_response(self) -> Response {
        let disposition = format!("attachment; filename=\"{}\"", self.file_name);
        let mut response = self.body.into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(self.media_type),
        );
        if let Ok(value) = HeaderValue::from_str(&disposition) {
            headers.insert(header::CONTENT_DISPOSITION, value);
        }
        response
    }
}

fn download(app: &App, snapshot: &Snapshot, form: &CiteForm) -> Result<Download, Failure> {
    let style = Style::from_name(if form.format.trim().is_empty() {
        "bibtex"
    } else {
        &form.format
    })
    .map_err(|err| Failure::bad_request(err.to_string()))?;
    let Some((ext, media_type)) = download_format(style) else {
        return Err(Failure::bad_request(format!(
            "`{}` is not a download format: give csl-json, bibtex or ris",
            style.name()
        )));
    };
    let (article, claim) = prepare(app, snapshot, form)?;
    let output = cite::cite(&article, claim.as_ref(), style)?;
    // The key is key-safe already; the file name keeps only plain characters.
    let stem: String = output
        .key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok(Download {
        body: format!("{}\n", output.reference),
        media_type,
        file_name: format!("{stem}.{ext}"),
    })
}

/// `GET /cite/download?id=ID&format=csl-json|bibtex|ris`.
pub async fn download_handler(
    State(app): State<Arc<App>>,
    form: Result<Query<CiteForm>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let form = match form {
        Ok(Query(form)) => form,
        Err(rejection) => {
            return respond(&app, "", Err(Failure::bad_request(rejection.body_text())))
        }
    };
    match app
        .blocking(move |app, snapshot| download(app, snapshot, &form))
        .await
    {
        Ok(download) => download.into_response(),
        Err(failure) => super::error_page(&app, "", &failure),
    }
}
