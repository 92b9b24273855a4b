//! `claimdex list`: the archive's articles with their counts.

use crate::app::Context;
use crate::cli::ListArgs;
use crate::exit::Outcome;
use crate::index::ArchiveIndex;
use anyhow::Result;
use serde::Serialize;
use std::io::Write;

/// One line of `list --json`.
#[derive(Debug, Serialize)]
struct Listed {
    id: String,
    path: String,
    title: Option<String>,
    outlet: Option<String>,
    published: Option<String>,
    claims: u64,
    citation_definitions: usize,
    unresolved_markers: usize,
    /// Why the file was skipped, when it was.
    skipped: Option<String>,
}

pub fn run(ctx: &Context, args: &ListArgs) -> Result<Outcome> {
    let archive = ctx.archive()?;
    let index = ArchiveIndex::open(&archive)?;
    let listed: Vec<Listed> = index
        .manifest()?
        .into_iter()
        .map(|entry| {
            let record = entry.record;
            let article = record.article.as_ref();
            Listed {
                id: entry.article_id,
                path: record.path.clone(),
                title: article.and_then(|a| a.title.clone()),
                outlet: article.and_then(|a| a.outlet.clone()),
                published: article.and_then(|a| a.published.clone()),
                claims: record.claims,
                citation_definitions: article.map_or(0, |a| a.citation_definitions.len()),
                unresolved_markers: article.map_or(0, |a| a.report.unresolved_markers.len()),
                skipped: record.skipped.clone(),
            }
        })
        .collect();
    if args.json {
        crate::render::print_json(&serde_json::json!({ "articles": listed }))?;
    } else {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        for item in &listed {
            if let Some(reason) = &item.skipped {
                writeln!(out, "{}  skipped: {reason}", item.path)?;
                continue;
            }
            writeln!(
                out,
                "{}  {} claims, {} definitions, {} unresolved  {}",
                item.id,
                item.claims,
                item.citation_definitions,
                item.unresolved_markers,
                crate::render::claims::article_line(
                    item.title.as_deref(),
                    item.outlet.as_deref(),
                    item.published.as_deref()
                )
            )?;
        }
        writeln!(
            out,
            "{} article(s)",
            listed.iter().filter(|i| i.skipped.is_none()).count()
        )?;
        out.flush()?;
    }
    Ok(if listed.is_empty() {
        Outcome::Negative
    } else {
        Outcome::Success
    })
}
