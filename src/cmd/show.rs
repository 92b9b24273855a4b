//! `claimdex show ID`: one claim with its neighbours, or one article with
//! its metadata, claims, citation definitions and sourcing report.

use crate::app::Context;
use crate::cli::ShowArgs;
use crate::exit::Outcome;
use crate::index::ArchiveIndex;
use crate::model::{Article, CitedBy};
use crate::render::claims::{self, Palette};
use crate::show::{self, Shown, ShownClaim};
use anyhow::Result;
use std::io::Write;

/// Citing claims listed by the text output of an article (`--json` has all).
const CITED_BY_SHOWN: usize = 50;

pub fn run(ctx: &Context, args: &ShowArgs) -> Result<Outcome> {
    let archive = ctx.archive()?;
    let index = ArchiveIndex::open(&archive)?;
    let palette = Palette::new(ctx.color);
    let Some(shown) = show::show(&index, &args.id)? else {
        let what = if args.id.contains('#') {
            "claim"
        } else {
            "article"
        };
        eprintln!("claimdex: no {what} {} in the index", args.id);
        return Ok(Outcome::Negative);
    };
    if args.json {
        crate::render::print_json(&shown)?;
        return Ok(Outcome::Success);
    }
    match &shown {
        Shown::Claim(shown) => show_claim(palette, shown)?,
        Shown::Article(shown) => show_article(palette, &shown.article, &shown.cited_by)?,
    }
    Ok(Outcome::Success)
}

fn show_claim(palette: Palette, shown: &ShownClaim) -> Result<()> {
    let ShownClaim {
        claim,
        article,
        before,
        after,
    } = shown;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    palette.paint(
        &mut out,
        Palette::path(),
        &format!("{}:{}", article.path, claim.location.line),
    )?;
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
