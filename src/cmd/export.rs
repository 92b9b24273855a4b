//! `claimdex export`: the archive's articles for reference managers
//! (CSL-JSON, BibLaTeX, RIS: one entry per article, keyed by article id) or
//! its claims for other tools (`jsonl`: one claim per line, full model, with
//! its article's metadata).

use crate::app::Context;
use crate::cite::{bibtex, csl, provenance, ris};
use crate::cli::ExportArgs;
use crate::error::Error;
use crate::exit::Outcome;
use crate::index::search::SearchRequest;
use crate::index::ArchiveIndex;
use crate::model::{Article, Claim};
use anyhow::Result;
use serde::Serialize;
use std::collections::HashSet;
use std::io::Write;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    CslJson,
    Bibtex,
    Ris,
    Jsonl,
}

impl Format {
    pub const NAMES: [&'static str; 4] = ["csl-json", "bibtex", "ris", "jsonl"];

    pub fn from_name(name: &str) -> Result<Format, Error> {
        match name.trim().to_ascii_lowercase().as_str() {
            "csl-json" | "csljson" => Ok(Format::CslJson),
            "bibtex" | "biblatex" => Ok(Format::Bibtex),
            "ris" => Ok(Format::Ris),
            "jsonl" => Ok(Format::Jsonl),
            _ => Err(Error::Usage(format!(
                "unknown export format `{name}`; the formats are: {}",
                Format::NAMES.join(", ")
            ))),
        }
    }
}

/// One line of the `jsonl` export: a claim, with the article it is from.
#[derive(Debug, Serialize)]
pub struct ClaimLine<'a> {
    /// The article's metadata (everything but its claims and report).
    pub article: ArticleMeta<'a>,
    /// The claim, field for field as in the model.
    #[serde(flatten)]
    pub claim: &'a Claim,
}

/// An article's metadata as carried by each exported claim.
#[derive(Debug, Serialize)]
pub struct ArticleMeta<'a> {
    pub id: &'a str,
    /// The citation key the other export formats use.
    pub key: String,
    pub path: &'a str,
    pub hash: &'a str,
    pub title: Option<&'a str>,
    pub authors: &'a [String],
    pub outlet: Option<&'a str>,
    pub url: Option<&'a str>,
    pub published: Option<&'a str>,
    pub updated: Option<&'a str>,
    pub ingested: Option<&'a str>,
}

impl<'a> ArticleMeta<'a> {
    pub fn of(article: &'a Article) -> ArticleMeta<'a> {
        ArticleMeta {
            id: &article.id,
            key: csl::citation_key(&article.id),
            path: &article.path,
            hash: &article.hash,
            title: article.title.as_deref(),
            authors: &article.authors,
            outlet: article.outlet.as_deref(),
            url: article.url.as_deref(),
            published: article.published.as_deref(),
            updated: article.updated.as_deref(),
            ingested: article.ingested.as_deref(),
        }
    }
}

pub fn run(ctx: &Context, args: &ExportArgs) -> Result<Outcome> {
    let format = Format::from_name(&args.format)?;
    let accessed = args
        .accessed
        .as_deref()
        .map(provenance::parse_access_date)
        .transpose()?;
    let archive = ctx.archive()?;
    let index = ArchiveIndex::open(&archive)?;
    let mut articles = index.articles()?;
    if !args.query.is_empty() {
        let matched = matching_claims(&index, &args.query.join(" "), &articles)?;
        keep_matching(&mut articles, &matched);
        eprintln!(
            "claimdex: note: the query matched {} claim(s) in {} article(s)",
            matched.len(),
            articles.len()
        );
    }
    let mut changed = Vec::new();
    for article in &mut articles {
        if let Err(err) = provenance::prepare(&archive, article) {
            match err.downcast::<Error>() {
                Ok(Error::SourceChanged(message)) => changed.push(message),
                Ok(other) => return Err(other.into()),
                Err(other) => return Err(other),
            }
        }
    }
    if !changed.is_empty() {
        return Err(Error::SourceChanged(changed.join("; ")).into());
    }
    if accessed.is_some() {
        for article in &mut articles {
            article.ingested.clone_from(&accessed);
        }
    }
    write_export(format, &articles)?;
    Ok(if articles.is_empty() {
        Outcome::Negative
    } else {
        Outcome::Success
    })
}

/// The ids of the claims a query matches (exact matches only: the near
/// spellings search falls back to are not what a writer asked to export).
fn matching_claims(
    index: &ArchiveIndex,
    query: &str,
    articles: &[Article],
) -> Result<HashSet<String>> {
    let total: usize = articles.iter().map(|article| article.claims.len()).sum();
    let request = SearchRequest::unfiltered(query, total.max(1));
    let results = index.search(&request)?;
    Ok(results
        .hits
        .into_iter()
        .filter(|hit| !hit.fuzzy)
        .map(|hit| hit.claim.id)
        .collect())
}

/// Keep the articles holding a matched claim, and in them only the matched
/// claims (what `jsonl` prints; the other formats cite whole articles).
fn keep_matching(articles: &mut Vec<Article>, matched: &HashSet<String>) {
    for article in articles.iter_mut() {
        article.claims.retain(|claim| matched.contains(&claim.id));
    }
    articles.retain(|article| !article.claims.is_empty());
}

fn write_export(format: Format, articles: &[Article]) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let items: Vec<csl::CslItem> = articles.iter().map(csl::item_for).collect();
    match format {
        Format::CslJson => {
            // Serialised first, so that a closed pipe shows as an io::Error.
            writeln!(out, "{}", serde_json::to_string_pretty(&items)?)?;
        }
        Format::Bibtex => write!(out, "{}", bibtex::entries(&items))?,
        Format::Ris => write!(out, "{}", ris::records(&items))?,
        Format::Jsonl => {
            for article in articles {
                for claim in &article.claims {
                    let line = ClaimLine {
                        article: ArticleMeta::of(article),
                        claim,
                    };
                    writeln!(out, "{}", serde_json::to_string(&line)?)?;
                }
            }
        }
    }
    out.flush()?;
    Ok(())
}
