//! The JSON API under `/api/`: `search`, `verify`, `cite` and `show`, each
//! answering with the very structs (and the same pretty-printed bytes) the
//! command's `--json` prints, so the CLI and the API cannot drift apart.
//!
//! What the CLI says on stderr travels in headers: `Claimdex-Warning` (the
//! index is stale) and `Claimdex-Note` (a date filter left claims out,
//! query syntax read as text). A request that fails answers
//! `{"error": MESSAGE, "exit_code": N}` with N the CLI's exit code.

use super::failure::Failure;
use super::forms::{CiteForm, SearchForm, ShowForm, VerifyForm};
use super::pages;
use super::state::{App, Snapshot};
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::sync::Arc;

/// A JSON answer and the notes that go with it.
pub struct Answer {
    pub body: String,
    pub warning: Option<String>,
    pub notes: Vec<String>,
}

impl Answer {
    /// The body as `claimdex ... --json` prints it.
    fn of<T: Serialize>(value: &T, snapshot: &Snapshot) -> Result<Answer, Failure> {
        let mut body = serde_json::to_string_pretty(value)
            .map_err(|err| Failure::internal(format!("cannot write the answer as JSON: {err}")))?;
        body.push('\n');
        Ok(Answer {
            body,
            warning: snapshot.stale.clone(),
            notes: Vec::new(),
        })
    }
}

/// A header value for a message: visible ASCII only (anything else
/// escaped as `\u{...}`).
fn header_text(message: &str) -> HeaderValue {
    let text: String = message
        .chars()
        .map(|c| {
            if c == ' ' || c.is_ascii_graphic() {
                c.to_string()
            } else {
                format!("\\u{{{:x}}}", c as u32)
            }
        })
        .collect();
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static("(unprintable)"))
}

fn json_response(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

fn reply(result: Result<Answer, Failure>) -> Response {
    match result {
        Ok(answer) => {
            let mut response = json_response(StatusCode::OK, answer.body);
            let headers = response.headers_mut();
            if let Some(warning) = &answer.warning {
                headers.insert("claimdex-warning", header_text(warning));
            }
            for note in &answer.notes {
                headers.append("claimdex-note", header_text(note));
            }
            response
        }
        Err(failure) => failure_response(&failure),
    }
}

/// `{"error", "exit_code"}` with the failure's status.
pub fn failure_response(failure: &Failure) -> Response {
    let body = serde_json::json!({
        "error": failure.message,
        "exit_code": failure.exit_code,
    });
    json_response(failure.status, format!("{body:#}\n"))
}

fn rejected(message: String) -> Response {
    failure_response(&Failure::bad_request(message))
}

/// `GET /api/search?q=...` = `claimdex search --json` (with `cite=STYLE`,
/// `search --cite STYLE --json`).
pub async fn search(
    State(app): State<Arc<App>>,
    form: Result<Query<SearchForm>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Query(form) = match form {
        Ok(form) => form,
        Err(rejection) => return rejected(rejection.body_text()),
    };
    reply(
        app.blocking(move |app, snapshot| {
            let ask = form.ask()?;
            let results = pages::search::run(snapshot, &ask)?;
            let mut answer = match ask.cite {
                Some(style) => {
                    let citations = crate::cite::hits::citations(
                        &app.archive,
                        snapshot.index(),
                        &results.hits,
                        style,
                    )?;
                    let value = crate::cite::hits::with_citations(&results, &citations)?;
                    Answer::of(&value, snapshot)?
                }
                None => Answer::of(&results, snapshot)?,
            };
            answer.notes = pages::search::notes(&ask, &results);
            Ok(answer)
        })
        .await,
    )
}

fn verify_answer(app: &App, snapshot: &Snapshot, form: &VerifyForm) -> Result<Answer, Failure> {
    let verification = pages::verify::run(app, snapshot, form)?;
    let mut answer = Answer::of(&verification, snapshot)?;
    if verification.matches.iter().any(|m| m.source_changed) {
        answer.notes.push(
            "source changed since ingest: a matched article's file no longer holds the bytes it \
             was ingested with (the CLI exits 5)"
                .to_string(),
        );
    }
    Ok(answer)
}

/// `GET /api/verify?quote=...&speaker=...` = `claimdex verify --json`.
pub async fn verify_get(
    State(app): State<Arc<App>>,
    form: Result<Query<VerifyForm>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Query(form) = match form {
        Ok(form) => form,
        Err(rejection) => return rejected(rejection.body_text()),
    };
    reply(
        app.blocking(move |app, snapshot| verify_answer(app, snapshot, &form))
            .await,
    )
}

/// `POST /api/verify` with `{"quote": ..., "speaker": ...}` (JSON) or the
/// same fields as a form.
pub async fn verify_post(State(app): State<Arc<App>>, headers: HeaderMap, body: Bytes) -> Response {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.trim_start().starts_with("application/json"));
    let form: Result<VerifyForm, String> = if is_json {
        serde_json::from_slice(&body).map_err(|err| format!("the JSON body cannot be read: {err}"))
    } else {
        serde_urlencoded_form(&body)
    };
    let form = match form {
        Ok(form) => form,
        Err(message) => return rejected(message),
    };
    reply(
        app.blocking(move |app, snapshot| verify_answer(app, snapshot, &form))
            .await,
    )
}

fn serde_urlencoded_form(body: &[u8]) -> Result<VerifyForm, String> {
    let mut form = VerifyForm::default();
    for (name, value) in url::form_urlencoded::parse(body) {
        match name.as_ref() {
            "quote" => form.quote = value.into_owned(),
            "speaker" => form.speaker = value.into_owned(),
            _ => {}
        }
    }
    Ok(form)
}

/// `GET /api/cite?id=ID&style=STYLE&accessed=DATE` = `claimdex cite --json`.
pub async fn cite(
    State(app): State<Arc<App>>,
    form: Result<Query<CiteForm>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Query(form) = match form {
        Ok(form) => form,
        Err(rejection) => return rejected(rejection.body_text()),
    };
    reply(
        app.blocking(move |app, snapshot| {
            let style = form.style()?;
            let (article, claim) = pages::cite::prepare(app, snapshot, &form)?;
            let output = crate::cite::cite(&article, claim.as_ref(), style)?;
            let mut answer = Answer::of(&output, snapshot)?;
            answer.notes = output.missing.clone();
            Ok(answer)
        })
        .await,
    )
}

/// `GET /api/show?id=ID` = `claimdex show --json`.
pub async fn show(
    State(app): State<Arc<App>>,
    form: Result<Query<ShowForm>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Query(form) = match form {
        Ok(form) => form,
        Err(rejection) => return rejected(rejection.body_text()),
    };
    reply(
        app.blocking(move |_, snapshot| {
            let id = super::guard::checked_id(&form.id)?;
            match crate::show::show(snapshot.index(), id)? {
                Some(shown) => Answer::of(&shown, snapshot),
                None => Err(Failure::not_found(format!(
                    "no {} {id} in the index",
                    if id.contains('#') { "claim" } else { "article" }
                ))),
            }
        })
        .await,
    )
}

/// `GET /api/`: what the API offers.
pub async fn index() -> Response {
    let body = serde_json::json!({
        "endpoints": {
            "/api/search": "q, since, until, by (event|published), outlet, article, cited, limit (1-100), no_collapse, cite (a style): the output of `claimdex search --json`",
            "/api/verify": "quote, speaker (GET query, or POST as JSON or a form): the output of `claimdex verify --json`",
            "/api/cite": "id, style (apa|mla|chicago|harvard|markdown|csl-json|bibtex|ris), accessed: the output of `claimdex cite --json`",
            "/api/show": "id (an article or a claim `article#n`): the output of `claimdex show --json`",
        },
        "headers": {
            "claimdex-warning": "the index is stale: corpus/ changed since the last ingest",
            "claimdex-note": "what the CLI would print as a note on stderr",
        },
        "errors": "{\"error\": message, \"exit_code\": the CLI's exit code}",
        "read_only": "no endpoint changes the archive",
    });
    json_response(StatusCode::OK, format!("{body:#}\n"))
}

/// An `/api/` path that is no endpoint.
pub async fn not_found() -> Response {
    failure_response(&Failure::not_found(
        "no such endpoint: /api/search, /api/verify, /api/cite, /api/show",
    ))
}
