//! Citations of articles and claims for writers.
//!
//! An article becomes one CSL-JSON item ([`csl`]); the prose styles run that
//! item through the official CSL styles ([`styles`]); BibLaTeX ([`bibtex`])
//! and RIS ([`ris`]) are written from the same item; the Markdown footnote
//! ([`markdown`]) is the Chicago note. A claim adds a paragraph pinpoint and
//! its own sources ([`sources`]). [`provenance`] checks that the archived file
//! is unchanged and supplies the access date.

pub mod bibtex;
pub mod csl;
pub mod hits;
pub mod markdown;
pub mod provenance;
pub mod ris;
pub mod sources;
pub mod styles;

use crate::error::Error;
use crate::index::ArchiveIndex;
use crate::model::{Article, Claim};
use anyhow::Result;
use serde::Serialize;
use sources::ClaimSource;
use styles::{Markup, ProseStyle};

/// A citation style or export format `claimdex cite` can print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Apa,
    Mla,
    Chicago,
    Harvard,
    Markdown,
    CslJson,
    Bibtex,
    Ris,
}

impl Style {
    /// Every style, in the order the help lists them.
    pub const ALL: [Style; 8] = [
        Style::Apa,
        Style::Mla,
        Style::Chicago,
        Style::Harvard,
        Style::Markdown,
        Style::CslJson,
        Style::Bibtex,
        Style::Ris,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Style::Apa => "apa",
            Style::Mla => "mla",
            Style::Chicago => "chicago",
            Style::Harvard => "harvard",
            Style::Markdown => "markdown",
            Style::CslJson => "csl-json",
            Style::Bibtex => "bibtex",
            Style::Ris => "ris",
        }
    }

    /// Read a style name (case-insensitive); an unknown name is a usage
    /// error listing the styles.
    pub fn from_name(name: &str) -> Result<Style, Error> {
        let wanted = name.trim().to_ascii_lowercase();
        let alias = match wanted.as_str() {
            "biblatex" => "bibtex",
            "csljson" | "csl" => "csl-json",
            "md" => "markdown",
            other => other,
        };
        Style::ALL
            .into_iter()
            .find(|style| style.name() == alias)
            .ok_or_else(|| {
                Error::Usage(format!(
                    "unknown citation style `{name}`; the styles are: {}",
                    Style::ALL.map(Style::name).join(", ")
                ))
            })
    }

    /// The CSL style behind a prose style.
    pub fn prose(self) -> Option<ProseStyle> {
        match self {
            Style::Apa => Some(ProseStyle::Apa),
            Style::Mla => Some(ProseStyle::Mla),
            Style::Chicago => Some(ProseStyle::ChicagoNotes),
            Style::Harvard => Some(ProseStyle::Harvard),
            _ => None,
        }
    }
}

/// A citation of an article or of one claim in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CiteOutput {
    /// The claim or article id cited.
    pub id: String,
    /// The citation key (the article id, key-safe).
    pub key: String,
    /// The style name.
    pub style: String,
    /// What goes in the reference list: the bibliography entry (prose
    /// styles), the footnote definition (markdown), or the record (csl-json,
    /// bibtex, ris).
    pub reference: String,
    /// Prose styles: the in-text citation, or the note for Chicago, with the
    /// claim's paragraph as locator.
    pub citation: Option<String>,
    /// The claim's paragraph number in the article (the pinpoint).
    pub paragraph: Option<u32>,
    /// The sources the claim relies on (footnotes, reference entries, links).
    pub sources: Vec<ClaimSource>,
    /// What the article's metadata lacks, and what the citation does instead.
    pub missing: Vec<String>,
}

/// Cite an article, or a claim of it, in a style.
pub fn cite(article: &Article, claim: Option<&Claim>, style: Style) -> Result<CiteOutput> {
    let item = csl::item_for(article);
    let paragraph = claim.map(|c| c.paragraph);
    let mut output = CiteOutput {
        id: claim.map_or_else(|| article.id.clone(), |c| c.id.clone()),
        key: item.id.clone(),
        style: style.name().to_string(),
        reference: String::new(),
        citation: None,
        paragraph,
        sources: Vec::new(),
        missing: missing_pieces(article),
    };
    match style.prose() {
        Some(prose) => {
            let formatted = styles::format(&item, prose, paragraph, Markup::Plain)?;
            output.sources = claim
                .map(|c| sources::claim_sources(c, Some((prose, &formatted.citation))))
                .unwrap_or_default();
            output.reference = formatted.reference;
            output.citation = Some(formatted.citation);
        }
        None => {
            output.sources = claim
                .map(|c| sources::claim_sources(c, None))
                .unwrap_or_default();
            output.reference = match style {
                Style::CslJson => serde_json::to_string_pretty(&[&item])?,
                Style::Bibtex => bibtex::entry(&item).trim_end().to_string(),
                Style::Ris => ris::record(&item).trim_end().to_string(),
                _ => {
                    let note = styles::format(
                        &item,
                        ProseStyle::ChicagoNotes,
                        paragraph,
                        Markup::Markdown,
                    )?;
                    markdown::footnote(
                        &markdown::label(&item.id, paragraph),
                        &note.citation,
                        &output.sources,
                    )
                }
            };
        }
    }
    Ok(output)
}

/// The claim (for an id with `#`) or article an id names, with its article
/// (what `cite` and the web page's cite view cite).
pub fn lookup(index: &ArchiveIndex, id: &str) -> Result<Option<(Article, Option<Claim>)>> {
    if id.contains('#') {
        if let Some((article, claim)) = index.claim(id)? {
            return Ok(Some((article, Some(claim))));
        }
    }
    Ok(index.article(id)?.map(|article| (article, None)))
}

/// Cite and print as text: what `claimdex cite` prints and `search --cite`
/// appends to a hit.
pub fn render(article: &Article, claim: Option<&Claim>, style: Style) -> Result<String> {
    Ok(cite(article, claim, style)?.to_text())
}

impl CiteOutput {
    /// The citation as text. Prose styles: the reference entry, the in-text
    /// citation (or note) and the claim's sources; other styles: the entry
    /// alone, ready to paste or pipe.
    pub fn to_text(&self) -> String {
        let Some(citation) = &self.citation else {
            return self.reference.clone();
        };
        let label = if self.style == Style::Chicago.name() {
            "Note"
        } else {
            "In text"
        };
        let mut out = format!("{}\n{label}: {citation}", self.reference);
        if !self.sources.is_empty() {
            out.push_str("\nThe claim relies on (cite these as the article's sources):");
            for source in &self.sources {
                out.push_str("\n  ");
                out.push_str(&source.describe());
                if let Some(cited_in) = &source.cited_in {
                    out.push_str(" — ");
                    out.push_str(cited_in);
                }
            }
        }
        out
    }
}

/// What the article's metadata lacks, said plainly for the writer.
pub fn missing_pieces(article: &Article) -> Vec<String> {
    let blank = |v: &Option<String>| v.as_deref().is_none_or(|v| v.trim().is_empty());
    let mut missing = Vec::new();
    if blank(&article.title) {
        missing.push(format!(
            "no title known: cited as {} and described by its opening words",
            csl::UNTITLED
        ));
    }
    if article.authors.iter().all(|a| a.trim().is_empty()) {
        missing.push("no author known: the style puts the outlet or the title first".to_string());
    }
    match article.published.as_deref() {
        None => missing.push("no publication date known: the styles print n.d.".to_string()),
        Some(date) if csl::parse_iso_date(date).is_none() => missing.push(format!(
            "publication date `{date}` is not an ISO date: left out (n.d.)"
        )),
        Some(_) => {}
    }
    if blank(&article.outlet) {
        missing.push("no outlet known".to_string());
    }
    if blank(&article.url) {
        missing.push(format!(
            "no URL known: readers cannot follow the citation; the archived copy is {}",
            article.path
        ));
    }
    if article.ingested.is_none() {
        missing.push("no ingest time known: no access date".to_string());
    }
    missing
}
