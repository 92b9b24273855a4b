//! `claimdex related ID`: the claims in other articles that state the same
//! fact or speak of the same event, each with its article, date, citations
//! and the evidence it was picked on.

use crate::app::Context;
use crate::cli::RelatedArgs;
use crate::error::Error;
use crate::exit::Outcome;
use crate::index::ArchiveIndex;
use crate::model::{ArticleSummary, Claim, Evidence, RelatedClaim};
use crate::related::{self, corpus::ClaimCorpus};
use anyhow::Result;
use serde::Serialize;
use std::io::Write;

/// The `--json` document.
#[derive(Serialize)]
struct RelatedReport<'a> {
    article: ArticleSummary,
    claim: &'a Claim,
    related: Vec<RelatedClaim>,
}

pub fn run(ctx: &Context, args: &RelatedArgs) -> Result<Outcome> {
    if !args.id.contains('#') {
        return Err(Error::Usage(format!(
            "`{}` is not a claim id: expected `ARTICLE#N` (for example `000_6552e8afb05e4dcc#3`)",
            args.id
        ))
        .into());
    }
    let archive = ctx.archive()?;
    let index = ArchiveIndex::open(&archive)?;
    let Some(articles) = related::retrieve::articles_around(&index, &args.id)? else {
        let article = args.id.rsplit_once('#').map_or("", |(a, _)| a);
        let why = if index.article(article)?.is_some() {
            format!("article `{article}` has no claim `{}`", args.id)
        } else {
            format!("no article `{article}` in the archive (see `claimdex list`)")
        };
        return Err(Error::Usage(format!("unknown claim id `{}`: {why}", args.id)).into());
    };
    let corpus = ClaimCorpus::new(articles);
    let Some(entry) = corpus.find(&args.id) else {
        return Err(Error::Usage(format!(
            "claim `{}` is boilerplate, not a claim to compare",
            args.id
        ))
        .into());
    };
    let found = related::related(&corpus, entry, args.limit);
    let report = RelatedReport {
        article: corpus.summary(entry),
        claim: corpus.claim(entry),
        related: found,
    };
    if args.json {
        crate::render::print_json(&report)?;
    } else {
        print_text(&report, ctx.color)?;
    }
    Ok(if report.related.is_empty() {
        Outcome::Negative
    } else {
        Outcome::Success
    })
}

fn print_text(report: &RelatedReport, color: bool) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let bold = |s: &str| paint(s, color, anstyle::Style::new().bold());
    writeln!(
        out,
        "{}  {}",
        bold(&report.claim.id),
        dated(&report.article)
    )?;
    writeln!(out, "  {}", report.claim.text)?;
    if report.related.is_empty() {
        writeln!(out, "\nno related claims in other articles")?;
        return Ok(());
    }
    writeln!(out)?;
    for (rank, hit) in report.related.iter().enumerate() {
        let when = match hit.earlier {
            Some(true) => "EARLIER source",
            Some(false) => "later or same day",
            None => "date unknown",
        };
        writeln!(
            out,
            "{:>2}. {}  score {:.2}  {}  [{}]",
            rank + 1,
            bold(&hit.claim.id),
            hit.score,
            dated(&hit.article),
            when
        )?;
        writeln!(out, "    {}", hit.claim.text)?;
        for citation in &hit.claim.citations {
            let target = citation
                .url
                .as_deref()
                .or(citation.text.as_deref())
                .unwrap_or("(no definition)");
            match &citation.archived_article {
                Some(archived) => writeln!(
                    out,
                    "    cites [{}] {} → archived: {archived}",
                    citation.label, target
                )?,
                None => writeln!(out, "    cites [{}] {}", citation.label, target)?,
            }
        }
        writeln!(out, "    why: {}", why(&hit.evidence))?;
    }
    Ok(())
}

/// "outlet · title · published", with what is unknown said so.
pub fn dated(article: &ArticleSummary) -> String {
    let mut parts = vec![article.id.clone()];
    if let Some(outlet) = &article.outlet {
        parts.push(outlet.clone());
    }
    if let Some(title) = &article.title {
        parts.push(title.clone());
    }
    parts.push(match &article.published {
        Some(date) => date.get(..10).unwrap_or(date).to_string(),
        None => "date unknown".to_string(),
    });
    parts.join(" · ")
}

fn why(evidence: &[Evidence]) -> String {
    evidence
        .iter()
        .map(|e| match e {
            Evidence::SharedTerms { terms } => format!("shared terms: {}", terms.join(", ")),
            Evidence::SharedDate { this, other } => format!("shared date: “{this}” ~ “{other}”"),
            Evidence::SharedQuotation { text } => format!("shared quotation: “{text}”"),
            Evidence::SharedWording { text } => format!("same wording: “{text}”"),
            Evidence::SharedFigure { this, other } => format!("same figure: {this} = {other}"),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// `text` in `style` when colour is on.
pub fn paint(text: &str, color: bool, style: anstyle::Style) -> String {
    if color {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}
