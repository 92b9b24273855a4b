//! `claimdex show ID`: one claim with its neighbours, or one article with
//! its metadata, claims, citation definitions and sourcing report.

use crate::app::Context;
use crate::cli::ShowArgs;
use crate::exit::Outcome;
use crate::index::ArchiveIndex;
use crate::model::{Article, CitedBy, Claim};
use crate::render::claims::{self, Palette};
use anyhow::Result;
use serde::Serialize;
use std::io::Write;

/// Citing claims listed by the text output of an article (`--json` has all).
const CITED_BY_SHOWN: usize = 50;

/// `show --json` of an article: the article and who cites it.
#[derive(Debug, Serialize)]
struct ShownArticle<'a> {
    #[serde(flatten)]
    article: &'a Article,
    /// Claims of other articles whose citations point at this one.
    cited_by: &'a [CitedBy],
}

/// Claims shown on each side of a claim.
const NEIGHBOURS: usize = 2;

/// `show --json` of a claim.
#[derive(Debug, Serialize)]
struct ShownClaim<'a> {
    claim: &'a Claim,
    article: crate::model::ArticleSummary,
    before: &'a [Claim],
    after: &'a [Claim],
}

pub fn run(ctx: &Context, args: &ShowArgs) -> Result<Outcome> {
    let archive = ctx.archive()?;
    let index = ArchiveIndex::open(&archive)?;
    let palette = Palette::new(ctx.color);
    if args.id.contains('#') {
        let Some((article, claim)) = index.claim(&args.id)? else {
            eprintln!("claimdex: no claim {} in the index", args.id);
            return Ok(Outcome::Negative);
        };
        let position = article
            .claims
            .iter()
            .position(|c| c.id == claim.id)
            .unwrap_or(0);
        let before = &article.claims[position.saturating_sub(NEIGHBOURS)..position];
        let after_end = (position + 1 + NEIGHBOURS).min(article.claims.len());
        let after = &article.claims[(position + 1).min(after_end)..after_end];
        if args.json {
            crate::render::print_json(&ShownClaim {
                claim: &claim,
                article: crate::model::ArticleSummary::from(&article),
                before,
                after,
            })?;
        } else {
            show_claim(palette, &article, &claim, before, after)?;
        }
        return Ok(Outcome::Success);
    }
    let Some(article) = index.article(&args.id)? else {
        eprintln!("claimdex: no article {} in the index", args.id);
        return Ok(Outcome::Negative);
    };
    let cited_by = index.cited_by(&article)?;
    if args.json {
        crate::render::print_json(&ShownArticle {
            article: &article,
            cited_by: &cited_by,
        })?;
    } else {
        show_article(palette, &article, &cited_by)?;
    }
    Ok(Outcome::Success)
}

fn show_claim(
    palette: Palette,
    article: &Article,
    claim: &Claim,
    before: &[Claim],
    after: &[Claim],
) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    palette.paint(&mut out, Palette::path(), &claims::location(article, claim))?;
    writeln!(out, "  {}", claim.id)?;
    let line = claims::article_line(
        article.title.as_deref(),
        article.outlet.as_deref(),
        article.published.as_deref(),
    );
    palette.paint(&mut out, Palette::dim(), &format!("— {line}"))?;
    writeln!(out)?;
    if !claim.section.is_empty() {
        writeln!(out, "section: {}", claim.section.join(" > "))?;
    }
    writeln!(out)?;
    for other in before {
        palette.paint(&mut out, Palette::dim(), &format!("  {}", other.text))?;
        writeln!(out)?;
    }
    write!(out, "> ")?;
    claims::write_text(&mut out, palette, &claim.text, &[])?;
    writeln!(out)?;
    for other in after {
        palette.paint(&mut out, Palette::dim(), &format!("  {}", other.text))?;
        writeln!(out)?;
    }
    writeln!(out)?;
    claims::write_backing(&mut out, palette, claim, "  ")?;
    out.flush()?;
    Ok(())
}

fn show_article(palette: Palette, article: &Article, cited_by: &[CitedBy]) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    palette.paint(&mut out, Palette::path(), &article.path)?;
    writeln!(out, "  {}", article.id)?;
    let unknown = "(unknown)";
    writeln!(
        out,
        "title:     {}",
        article.title.as_deref().unwrap_or(unknown)
    )?;
    let authors = if article.authors.is_empty() {
        unknown.to_string()
    } else {
        article.authors.join(", ")
    };
    writeln!(out, "authors:   {authors}")?;
    writeln!(
        out,
        "outlet:    {}",
        article.outlet.as_deref().unwrap_or(unknown)
    )?;
    writeln!(
        out,
        "published: {}",
        article.published.as_deref().unwrap_or(unknown)
    )?;
    if let Some(updated) = &article.updated {
        writeln!(out, "updated:   {updated}")?;
    }
    writeln!(
        out,
        "url:       {}",
        article.url.as_deref().unwrap_or(unknown)
    )?;
    writeln!(out, "hash:      {}", article.hash)?;
    writeln!(out, "\nclaims ({}):", article.claims.len())?;
    for claim in &article.claims {
        let labels: Vec<String> = claim
            .citations
            .iter()
            .map(|c| match &c.archived_article {
                Some(target) => format!("[{} → {target}]", c.label),
                None => format!("[{}]", c.label),
            })
            .collect();
        writeln!(
            out,
            "  {:>4}  {}{}",
            claim.location.line,
            claim.text,
            if labels.is_empty() {
                String::new()
            } else {
                format!(" {}", labels.join(""))
            }
        )?;
    }
    if !article.citation_definitions.is_empty() {
        writeln!(
            out,
            "\ncitation definitions ({}):",
            article.citation_definitions.len()
        )?;
        for definition in &article.citation_definitions {
            writeln!(
                out,
                "  [{}] {} (line {})",
                definition.label, definition.text, definition.line
            )?;
        }
    }
    if !cited_by.is_empty() {
        writeln!(out, "\ncited by ({}):", cited_by.len())?;
        for citing in cited_by.iter().take(CITED_BY_SHOWN) {
            let published = citing
                .article
                .published
                .as_deref()
                .map_or("date unknown", |d| d.get(..10).unwrap_or(d));
            writeln!(
                out,
                "  {}  ({published}) [{}] {}",
                citing.claim_id, citing.label, citing.text
            )?;
        }
        if cited_by.len() > CITED_BY_SHOWN {
            writeln!(
                out,
                "  ... and {} more (all with --json)",
                cited_by.len() - CITED_BY_SHOWN
            )?;
        }
    } else {
        writeln!(out, "\ncited by: no other archived article links here")?;
    }
    let report = &article.report;
    writeln!(out, "\nreport:")?;
    writeln!(out, "  unsourced claims: {}", report.unsourced_claims.len())?;
    for (what, items) in [
        ("unresolved marker", &report.unresolved_markers),
        ("unused definition", &report.unused_definitions),
        ("reused label", &report.reused_labels),
    ] {
        for item in items {
            let lines: Vec<String> = item.lines.iter().map(u32::to_string).collect();
            writeln!(
                out,
                "  {what} [{}] at line {}",
                item.label,
                lines.join(", ")
            )?;
        }
    }
    for warning in &report.warnings {
        writeln!(out, "  warning: {warning}")?;
    }
    out.flush()?;
    Ok(())
}
