//! What a request asks, read from its query string or form, and checked the
//! way the CLI checks its arguments (the same errors, with the position in
//! the query), for the pages and the API alike.

use super::failure::Failure;
use super::guard::checked_id;
use crate::cite::{provenance, Style};
use crate::index::query;
use crate::index::search::{parse_date_bound, DateBasis, SearchRequest};
use serde::Deserialize;

/// Most hits one search shows.
pub const MAX_LIMIT: usize = 100;
/// Hits shown when the request names no limit (as the CLI).
pub const DEFAULT_LIMIT: usize = 10;

/// A search, as the form and `/api/search` send it (the CLI's flags).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SearchForm {
    pub q: String,
    pub since: String,
    pub until: String,
    /// `event` (default) or `published`.
    pub by: String,
    pub outlet: String,
    pub article: String,
    pub cited: String,
    pub limit: String,
    pub no_collapse: String,
    /// `/api/search` only: append a citation of each hit in this style.
    pub cite: String,
}

/// A checked search.
#[derive(Debug, Clone)]
pub struct SearchAsk {
    pub request: SearchRequest,
    pub collapse: bool,
    pub cite: Option<Style>,
    /// Query syntax read as plain text, said to the user.
    pub note: Option<String>,
}

fn flag(value: &str) -> bool {
    !matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "" | "0" | "false" | "no" | "off"
    )
}

fn given(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

impl SearchForm {
    pub fn cited(&self) -> bool {
        flag(&self.cited)
    }

    pub fn no_collapse(&self) -> bool {
        flag(&self.no_collapse)
    }

    /// The limit as typed, or the default.
    pub fn limit_text(&self) -> String {
        given(&self.limit).unwrap_or_else(|| DEFAULT_LIMIT.to_string())
    }

    /// Check the search as `claimdex search` checks its arguments.
    pub fn ask(&self) -> Result<SearchAsk, Failure> {
        if self.q.trim().is_empty() {
            return Err(Failure::bad_request("no query given (the q parameter)"));
        }
        let parsed = query::parse(&self.q)?;
        let limit = match given(&self.limit) {
            None => DEFAULT_LIMIT,
            Some(text) => match text.parse::<usize>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
                _ => {
                    return Err(Failure::bad_request(format!(
                        "limit `{text}`: give a number of hits from 1 to {MAX_LIMIT}"
                    )))
                }
            },
        };
        let by = match self.by.trim() {
            "" | "event" => DateBasis::Event,
            "published" => DateBasis::Published,
            other => {
                return Err(Failure::bad_request(format!(
                    "by `{other}`: give `event` (the dates claims speak of) or `published`"
                )))
            }
        };
        let since = given(&self.since);
        let until = given(&self.until);
        for (flag, value) in [("since", &since), ("until", &until)] {
            if let Some(value) = value {
                parse_date_bound(flag, value)?;
            }
        }
        let article = given(&self.article);
        if let Some(id) = &article {
            checked_id(id)?;
        }
        let cite = given(&self.cite)
            .map(|name| Style::from_name(&name))
            .transpose()
            .map_err(|err| Failure::bad_request(err.to_string()))?;
        Ok(SearchAsk {
            request: SearchRequest {
                query: self.q.clone(),
                since,
                until,
                by,
                outlet: given(&self.outlet),
                article,
                cited: self.cited(),
                limit,
            },
            collapse: !self.no_collapse(),
            cite,
            note: query::describe_ignored(&parsed.ignored),
        })
    }
}

/// A quotation to verify, as the form and `/api/verify` send it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct VerifyForm {
    pub quote: String,
    pub speaker: String,
}

impl VerifyForm {
    /// The quotation and speaker, checked as `claimdex verify` checks them
    /// (the word limit is the library's).
    pub fn ask(&self) -> Result<(String, Option<String>), Failure> {
        if self.quote.trim().is_empty() {
            return Err(Failure::bad_request(
                "no quotation given (the quote parameter)",
            ));
        }
        for (what, text) in [("quotation", &self.quote), ("speaker", &self.speaker)] {
            if let Some(offset) = text.bytes().position(|b| b == 0) {
                return Err(Failure::bad_request(format!(
                    "the {what} holds a NUL byte at byte offset {offset}"
                )));
            }
        }
        Ok((self.quote.clone(), given(&self.speaker)))
    }
}

/// A citation request: an id, and for the API a style.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CiteForm {
    pub id: String,
    pub style: String,
    /// For downloads: `csl-json`, `bibtex` or `ris`.
    pub format: String,
    pub accessed: String,
}

impl CiteForm {
    pub fn id(&self) -> Result<&str, Failure> {
        checked_id(&self.id)
    }

    /// `--accessed`, as `Article::ingested`.
    pub fn accessed(&self) -> Result<Option<String>, Failure> {
        given(&self.accessed)
            .map(|value| provenance::parse_access_date(&value))
            .transpose()
            .map_err(|err| Failure::bad_request(err.to_string()))
    }

    /// The style of `/api/cite` (default APA, as the CLI).
    pub fn style(&self) -> Result<Style, Failure> {
        Style::from_name(given(&self.style).as_deref().unwrap_or("apa"))
            .map_err(|err| Failure::bad_request(err.to_string()))
    }
}

/// An id to show.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ShowForm {
    pub id: String,
}
