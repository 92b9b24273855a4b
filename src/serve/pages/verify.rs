//! `/verify`: paste a quotation (and who said it) and get `verify`'s
//! verdict with its evidence: each passage with its word diff coloured,
//! what each elision left out, the speaker the source names, and the
//! article.
//!
//! Verdicts and diff operations are shown by their serde names (the names
//! `--json` prints), and any field of the verification this page does not
//! know is listed under its own name, so what the model gains shows here
//! without this page being changed.

use super::{render, respond, Chrome, Rendered};
use crate::model::{QuoteMatch, Verdict, Verification};
use crate::serve::failure::Failure;
use crate::serve::forms::VerifyForm;
use crate::serve::state::{App, Snapshot};
use crate::serve::view::{serde_name, spaced, ArticleLine, CitationView};
use askama::Template;
use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use std::sync::Arc;

/// How a verdict reads: `confirmed` (verify exits 0: the words are in the
/// archive as quoted), `absent` (nothing close) or `doubtful` (anything
/// else, including verdicts added after this page was written: not to be
/// relied on as given).
pub fn tone(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Exact | Verdict::Elided => "confirmed",
        Verdict::NotFound => "absent",
        #[allow(unreachable_patterns)]
        _ => "doubtful",
    }
}

/// The fields of the verification (and of each match) the page shows
/// itself; any other is listed by name.
const KNOWN_FIELDS: &[&str] = &["verdict", "quote", "speaker", "matches", "notes"];
const KNOWN_MATCH_FIELDS: &[&str] = &[
    "verdict",
    "article",
    "claim_id",
    "claim_ids",
    "location",
    "text",
    "similarity",
    "typography",
    "omitted",
    "diff",
    "speaker",
    "role",
    "quoted",
    "speaker_matches",
    "citations",
    "source_changed",
];

/// The fields of a serialised struct not in `known`, as `(name, text)`.
fn extra_fields<T: serde::Serialize>(value: &T, known: &[&str]) -> Vec<(String, String)> {
    let Ok(serde_json::Value::Object(object)) = serde_json::to_value(value) else {
        return Vec::new();
    };
    object
        .into_iter()
        .filter(|(name, value)| !known.contains(&name.as_str()) && !is_empty(value))
        .map(|(name, value)| (spaced(&name), as_text(&value)))
        .collect()
}

fn is_empty(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Null => true,
        serde_json::Value::Array(items) => items.is_empty(),
        serde_json::Value::Object(fields) => fields.is_empty(),
        serde_json::Value::String(text) => text.is_empty(),
        _ => false,
    }
}

fn as_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        serde_json::Value::Array(items) => items.iter().map(as_text).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    }
}

pub struct DiffView {
    pub op: String,
    pub op_label: String,
    pub text: String,
}

pub struct MatchView {
    pub label: String,
    pub tone: &'static str,
    pub article: ArticleLine,
    pub line: u32,
    pub claim_id: String,
    pub ordinal: String,
    pub last_claim: Option<String>,
    pub similarity: String,
    pub source_changed: bool,
    pub text: String,
    pub diff: Vec<DiffView>,
    pub omitted: Vec<String>,
    pub typography: String,
    pub speaker: String,
    pub speaker_check: Option<&'static str>,
    pub citations: Vec<CitationView>,
    pub extras: Vec<(String, String)>,
}

impl From<&QuoteMatch> for MatchView {
    fn from(m: &QuoteMatch) -> Self {
        let not_found = m.verdict == Verdict::NotFound;
        let speaker = match (&m.speaker, &m.role) {
            (Some(name), Some(role)) => format!("{name} ({role})"),
            (Some(name), None) => name.clone(),
            (None, _) if m.quoted => "none named (an unattributed quotation)".to_string(),
            (None, _) => "none named (the source does not quote anyone here)".to_string(),
        };
        MatchView {
            label: if not_found {
                "not matching".to_string()
            } else {
                spaced(&serde_name(&m.verdict))
            },
            tone: tone(m.verdict),
            article: ArticleLine::from(&m.article),
            line: m.location.line,
            claim_id: m.claim_id.clone(),
            ordinal: m
                .claim_id
                .rsplit_once('#')
                .map_or(String::new(), |(_, n)| n.to_string()),
            last_claim: (m.claim_ids.len() > 1)
                .then(|| m.claim_ids.last().cloned())
                .flatten(),
            similarity: format!("{:.3}", m.similarity),
            source_changed: m.source_changed,
            text: m.text.clone(),
            diff: m
                .diff
                .iter()
                .flatten()
                .map(|piece| {
                    let op = serde_name(&piece.op);
                    DiffView {
                        op_label: spaced(&op),
                        op,
                        text: piece.text.clone(),
                    }
                })
                .collect(),
            omitted: if not_found {
                Vec::new()
            } else {
                m.omitted.clone()
            },
            typography: m
                .typography
                .iter()
                .map(|t| spaced(&serde_name(t)))
                .collect::<Vec<_>>()
                .join(", "),
            speaker,
            speaker_check: match m.speaker_matches {
                Some(true) => Some("the speaker asked about"),
                Some(false) => Some("NOT the speaker asked about"),
                None => None,
            },
            citations: m.citations.iter().map(CitationView::from).collect(),
            extras: extra_fields(m, KNOWN_MATCH_FIELDS),
        }
    }
}

pub struct VerdictView {
    pub name: String,
    pub label: String,
    pub tone: &'static str,
    pub summary: String,
    pub source_changed: bool,
    pub notes: Vec<String>,
    pub extras: Vec<(String, String)>,
    pub matches: Vec<MatchView>,
    pub api_query: String,
}

impl VerdictView {
    pub fn new(v: &Verification) -> VerdictView {
        let name = serde_name(&v.verdict);
        let tone = tone(v.verdict);
        let source_changed = v.matches.iter().any(|m| m.source_changed);
        let exit = if source_changed {
            5
        } else if tone == "confirmed" {
            0
        } else {
            1
        };
        let reading = match tone {
            "confirmed" => "The words are in the archive as quoted.",
            "absent" => "No passage of the archive is close enough: the nearest passages below do NOT match.",
            _ => "Do not rely on the quotation as given: see why below.",
        };
        let mut api_query = url::form_urlencoded::Serializer::new(String::new());
        api_query.append_pair("quote", &v.quote);
        if let Some(speaker) = &v.speaker {
            api_query.append_pair("speaker", speaker);
        }
        VerdictView {
            label: spaced(&name),
            name,
            tone,
            summary: format!(
                "{reading} {} passage{} shown; on the command line, verify exits {exit}.",
                v.matches.len(),
                if v.matches.len() == 1 { "" } else { "s" }
            ),
            source_changed,
            notes: v.notes.clone(),
            extras: extra_fields(v, KNOWN_FIELDS),
            matches: v.matches.iter().map(MatchView::from).collect(),
            api_query: api_query.finish(),
        }
    }
}

#[derive(Template)]
#[template(path = "verify.html")]
struct VerifyPage {
    chrome: Chrome,
    form: VerifyForm,
    error: Option<String>,
    result: Option<VerdictView>,
}

/// Verify a checked quotation as `claimdex verify` does.
pub fn run(app: &App, snapshot: &Snapshot, form: &VerifyForm) -> Result<Verification, Failure> {
    let (quote, speaker) = form.ask()?;
    Ok(crate::verify::verify(
        snapshot.index(),
        &app.archive.root,
        &quote,
        speaker.as_deref(),
    )?)
}

fn page(app: &App, snapshot: &Snapshot, form: VerifyForm) -> Result<Rendered, Failure> {
    let mut page = VerifyPage {
        chrome: Chrome::new(app, Some(snapshot), "verify"),
        form,
        error: None,
        result: None,
    };
    if page.form.quote.trim().is_empty() {
        return Ok(Rendered::ok(render(&page)?));
    }
    match run(app, snapshot, &page.form) {
        Ok(verification) => {
            page.result = Some(VerdictView::new(&verification));
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

/// `GET /verify` (the empty form, or a verdict linked to by its query).
pub async fn get(
    State(app): State<Arc<App>>,
    form: Result<Query<VerifyForm>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let form = match form {
        Ok(Query(form)) => form,
        Err(rejection) => {
            return respond(
                &app,
                "verify",
                Err(Failure::bad_request(rejection.body_text())),
            )
        }
    };
    let result = app
        .blocking(move |app, snapshot| page(app, snapshot, form))
        .await;
    respond(&app, "verify", result)
}

/// `POST /verify` (the form).
pub async fn post(
    State(app): State<Arc<App>>,
    form: Result<Form<VerifyForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) => form,
        Err(rejection) => {
            return respond(
                &app,
                "verify",
                Err(Failure {
                    status: rejection.status(),
                    ..Failure::bad_request(rejection.body_text())
                }),
            )
        }
    };
    let result = app
        .blocking(move |app, snapshot| page(app, snapshot, form))
        .await;
    respond(&app, "verify", result)
}
