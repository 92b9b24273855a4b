//! The HTML pages: one module per page, each turning a request into a
//! template (`templates/`, compiled in by askama, every value escaped).
//! What all pages share: the frame around them (navigation, the staleness
//! banner), error pages, and the article list.

pub mod article;
pub mod cite;
pub mod search;
pub mod verify;

use super::failure::Failure;
use super::state::{App, Listed, Snapshot};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use std::sync::Arc;

/// What frames every page.
pub struct Chrome {
    /// The navigation entry of this page (`search`, `verify`, `articles`).
    pub active: &'static str,
    /// The staleness warning, when `corpus/` changed since the last ingest.
    pub stale: Option<String>,
    /// The archive folder, as shown in the header.
    pub archive: String,
    pub version: &'static str,
}

impl Chrome {
    pub fn new(app: &App, snapshot: Option<&Snapshot>, active: &'static str) -> Chrome {
        Chrome {
            active,
            stale: snapshot.and_then(|s| s.stale.clone()),
            archive: app.archive.root.display().to_string(),
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

/// A rendered page and its status.
pub struct Rendered {
    pub status: StatusCode,
    pub html: String,
}

impl Rendered {
    pub fn ok(html: String) -> Rendered {
        Rendered {
            status: StatusCode::OK,
            html,
        }
    }
}

impl IntoResponse for Rendered {
    fn into_response(self) -> Response {
        (self.status, Html(self.html)).into_response()
    }
}

/// Render a template (a template that fails to render is a bug: 500).
pub fn render<T: Template>(template: &T) -> Result<String, Failure> {
    template
        .render()
        .map_err(|err| Failure::internal(format!("the page failed to render: {err}")))
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    chrome: Chrome,
    heading: String,
    status: String,
    message: String,
    exit_code: u8,
}

/// The page for a request that could not be answered.
pub fn error_page(app: &App, active: &'static str, failure: &Failure) -> Response {
    let heading = match failure.status {
        StatusCode::NOT_FOUND => "Not in the archive",
        StatusCode::BAD_REQUEST => "Cannot read the request",
        StatusCode::CONFLICT => "Source changed since ingest",
        StatusCode::SERVICE_UNAVAILABLE => "The archive cannot answer now",
        _ => "Something went wrong",
    };
    let page = ErrorPage {
        chrome: Chrome::new(app, None, active),
        heading: heading.to_string(),
        status: failure.status.to_string(),
        message: failure.message.clone(),
        exit_code: failure.exit_code,
    };
    match page.render() {
        Ok(html) => (failure.status, Html(html)).into_response(),
        Err(_) => (failure.status, failure.message.clone()).into_response(),
    }
}

/// A page's answer, or its error page.
pub fn respond(app: &App, active: &'static str, result: Result<Rendered, Failure>) -> Response {
    match result {
        Ok(rendered) => rendered.into_response(),
        Err(failure) => error_page(app, active, &failure),
    }
}

/// The search form's fields, as the page shows them back.
#[derive(Debug, Clone, Default)]
pub struct FormEcho {
    pub q: String,
    pub since: String,
    pub until: String,
    pub by: String,
    pub outlet: String,
    pub article: String,
    pub limit: String,
    pub cited: bool,
    pub no_collapse: bool,
}

impl From<&super::forms::SearchForm> for FormEcho {
    fn from(form: &super::forms::SearchForm) -> Self {
        FormEcho {
            q: form.q.clone(),
            since: form.since.clone(),
            until: form.until.clone(),
            by: form.by.clone(),
            outlet: form.outlet.clone(),
            article: form.article.clone(),
            limit: form.limit_text(),
            cited: form.cited(),
            no_collapse: form.no_collapse(),
        }
    }
}

/// An article of the list, as shown.
pub struct ListedView {
    pub id: String,
    pub path: String,
    pub title: String,
    pub outlet: String,
    pub published: String,
    pub claims: u64,
    pub unresolved_markers: usize,
    pub skipped: Option<String>,
}

impl From<&Listed> for ListedView {
    fn from(listed: &Listed) -> Self {
        ListedView {
            id: listed.id.clone(),
            path: listed.path.clone(),
            title: listed
                .title
                .clone()
                .unwrap_or_else(|| format!("(no title) {}", listed.id)),
            outlet: listed
                .outlet
                .clone()
                .unwrap_or_else(|| "(outlet unknown)".to_string()),
            published: listed
                .published
                .clone()
                .unwrap_or_else(|| "(date unknown)".to_string()),
            claims: listed.claims,
            unresolved_markers: listed.unresolved_markers,
            skipped: listed.skipped.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "articles.html")]
struct ArticlesPage {
    chrome: Chrome,
    heading: &'static str,
    show_search: bool,
    form: FormEcho,
    count: usize,
    articles: Vec<ListedView>,
}

fn articles_page(app: &App, snapshot: &Snapshot, home: bool) -> Result<Rendered, Failure> {
    let listed = snapshot.generation.articles()?;
    let page = ArticlesPage {
        chrome: Chrome::new(
            app,
            Some(snapshot),
            if home { "search" } else { "articles" },
        ),
        heading: if home {
            "Search the archive"
        } else {
            "Articles"
        },
        show_search: home,
        form: FormEcho {
            limit: super::forms::DEFAULT_LIMIT.to_string(),
            ..FormEcho::default()
        },
        count: listed.iter().filter(|a| a.skipped.is_none()).count(),
        articles: listed.iter().map(ListedView::from).collect(),
    };
    Ok(Rendered::ok(render(&page)?))
}

/// `/`: the search form and the articles.
pub async fn home(State(app): State<Arc<App>>) -> Response {
    let result = app
        .blocking(|app, snapshot| articles_page(app, snapshot, true))
        .await;
    respond(&app, "search", result)
}

/// `/articles`: every article of the archive.
pub async fn articles(State(app): State<Arc<App>>) -> Response {
    let result = app
        .blocking(|app, snapshot| articles_page(app, snapshot, false))
        .await;
    respond(&app, "articles", result)
}

/// Any other path.
pub async fn not_found(State(app): State<Arc<App>>) -> Response {
    error_page(
        &app,
        "",
        &Failure::not_found("no such page: the pages are /, /search, /verify, /articles, /article/ID and /cite?id=ID"),
    )
}
