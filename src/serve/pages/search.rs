//! `/search`: the CLI's search (same query language, filters and ranking,
//! the same sentence in several articles shown once with `also_in`), each
//! hit with its highlighted text, citations, quotations, dates and a link
//! to the claim in its article.

use super::{render, respond, Chrome, FormEcho, Rendered};
use crate::index::search::{DateBasis, Hit, SearchResults};
use crate::serve::failure::Failure;
use crate::serve::forms::{SearchAsk, SearchForm};
use crate::serve::state::{App, Snapshot};
use crate::serve::view::{ArticleLine, ClaimView};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use std::sync::Arc;

/// A hit as shown.
pub struct HitView {
    pub claim: ClaimView,
    pub article: ArticleLine,
    pub path: String,
    pub score: String,
    pub fuzzy: bool,
    pub also_in: Vec<AlsoView>,
}

/// A copy of the hit's sentence in another article.
pub struct AlsoView {
    pub id: String,
    pub ordinal: String,
    pub article: ArticleLine,
    pub line: u32,
    pub same: bool,
}

impl From<&Hit> for HitView {
    fn from(hit: &Hit) -> Self {
        HitView {
            claim: ClaimView::new(&hit.claim, &hit.article.id, &hit.highlights),
            article: ArticleLine::from(&hit.article),
            path: hit.article.path.clone(),
            score: format!("{:.2}", hit.score),
            fuzzy: hit.fuzzy,
            also_in: hit
                .also_in
                .iter()
                .map(|copy| AlsoView {
                    id: copy.id.clone(),
                    ordinal: copy
                        .id
                        .rsplit_once('#')
                        .map_or(String::new(), |(_, n)| n.to_string()),
                    article: ArticleLine::from(&copy.article),
                    line: copy.location.line,
                    same: copy.text == hit.claim.text,
                })
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    chrome: Chrome,
    form: FormEcho,
    notes: Vec<String>,
    error: Option<String>,
    searched: bool,
    hits: Vec<HitView>,
    api_query: String,
}

/// Run a checked search as `claimdex search` does.
pub fn run(snapshot: &Snapshot, ask: &SearchAsk) -> Result<SearchResults, Failure> {
    Ok(crate::related::syndication::search(
        snapshot.index(),
        &ask.request,
        ask.collapse,
    )?)
}

/// What the CLI says on stderr about a search's results.
pub fn notes(ask: &SearchAsk, results: &SearchResults) -> Vec<String> {
    let mut notes: Vec<String> = ask.note.iter().cloned().collect();
    if results.undated_excluded > 0 {
        let what = match ask.request.by {
            DateBasis::Event => "no known event date",
            DateBasis::Published => "an article with no known publication date",
        };
        notes.push(format!(
            "{} matching claim(s) left out by the date filter because they have {what}",
            results.undated_excluded
        ));
    }
    notes
}

/// The query string of a search, for its JSON link.
fn api_query(form: &SearchForm) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in [
        ("q", &form.q),
        ("since", &form.since),
        ("until", &form.until),
        ("by", &form.by),
        ("outlet", &form.outlet),
        ("article", &form.article),
        ("limit", &form.limit),
    ] {
        if !value.trim().is_empty() {
            query.append_pair(name, value);
        }
    }
    if form.cited() {
        query.append_pair("cited", "true");
    }
    if form.no_collapse() {
        query.append_pair("no_collapse", "true");
    }
    query.finish()
}

fn page(app: &App, snapshot: &Snapshot, form: &SearchForm) -> Result<Rendered, Failure> {
    let mut page = SearchPage {
        chrome: Chrome::new(app, Some(snapshot), "search"),
        form: FormEcho::from(form),
        notes: Vec::new(),
        error: None,
        searched: false,
        hits: Vec::new(),
        api_query: api_query(form),
    };
    if form.q.trim().is_empty() {
        return Ok(Rendered::ok(render(&page)?));
    }
    // A query the CLI would refuse is shown with the form, to correct it.
    let results = form.ask().and_then(|ask| Ok((run(snapshot, &ask)?, ask)));
    match results {
        Ok((results, ask)) => {
            page.notes = notes(&ask, &results);
            page.searched = true;
            page.hits = results.hits.iter().map(HitView::from).collect();
            Ok(Rendered::ok(render(&page)?))
        }
        Err(failure) if failure.status == StatusCode::BAD_REQUEST => {
            page.error = Some(failure.message);
            Ok(Rendered {
                status: StatusCode::BAD_REQUEST,
                html: render(&page)?,
            })
        }
        Err(failure) => Err(failure),
    }
}

/// `GET /search`.
pub async fn handler(
    State(app): State<Arc<App>>,
    form: Result<Query<SearchForm>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let form = match form {
        Ok(Query(form)) => form,
        Err(rejection) => {
            return respond(
                &app,
                "search",
                Err(Failure::bad_request(rejection.body_text())),
            )
        }
    };
    let result = app
        .blocking(move |app, snapshot| page(app, snapshot, &form))
        .await;
    respond(&app, "search", result)
}
