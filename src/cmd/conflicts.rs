//! `claimdex conflicts [QUERY]`: pairs of related claims whose figures or
//! dates for the same thing disagree, most certain first, each with both
//! claims, figures, articles and dates.

use crate::app::Context;
use crate::cli::ConflictsArgs;
use crate::cmd::related::{dated, paint};
use crate::conflicts;
use crate::exit::Outcome;
use crate::index::ArchiveIndex;
use crate::model::{Conflict, ConflictSide, ConflictVerdict};
use crate::related::{corpus::ClaimCorpus, terms};
use anyhow::Result;
use serde::Serialize;
use std::collections::HashSet;
use std::io::Write;

/// The `--json` document.
#[derive(Serialize)]
struct ConflictsReport {
    conflicts: Vec<Conflict>,
}

pub fn run(ctx: &Context, args: &ConflictsArgs) -> Result<Outcome> {
    let archive = ctx.archive()?;
    let index = ArchiveIndex::open(&archive)?;
    let corpus = ClaimCorpus::new(index.articles()?);
    let scope = if args.query.is_empty() {
        None
    } else {
        let query = args.query.join(" ");
        let wanted = terms::content_terms(&query);
        if wanted.is_empty() {
            return Err(crate::error::Error::Query {
                position: 0,
                message: format!("`{query}` has no word to search for"),
            }
            .into());
        }
        let matching: HashSet<usize> = (0..corpus.entries.len())
            .filter(|&i| {
                wanted
                    .iter()
                    .all(|t| corpus.entries[i].terms.binary_search(t).is_ok())
            })
            .collect();
        if matching.is_empty() {
            eprintln!("claimdex: no claim matches `{query}`");
        }
        Some(matching)
    };
    let mut found = conflicts::find(&corpus, scope.as_ref());
    found.truncate(args.limit);
    let report = ConflictsReport { conflicts: found };
    if args.json {
        crate::render::print_json(&report)?;
    } else {
        print_text(&report.conflicts, ctx.color)?;
    }
    Ok(if report.conflicts.is_empty() {
        Outcome::Negative
    } else {
        Outcome::Success
    })
}

fn print_text(conflicts: &[Conflict], color: bool) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if conflicts.is_empty() {
        writeln!(out, "no conflicting figures or dates found")?;
        return Ok(());
    }
    for (rank, conflict) in conflicts.iter().enumerate() {
        let label = match conflict.verdict {
            ConflictVerdict::Contradiction => paint(
                "CONFLICT",
                color,
                anstyle::Style::new()
                    .bold()
                    .fg_color(Some(anstyle::AnsiColor::Red.into())),
            ),
            ConflictVerdict::UnknownYear => paint(
                "year unknown",
                color,
                anstyle::Style::new().fg_color(Some(anstyle::AnsiColor::Yellow.into())),
            ),
            ConflictVerdict::DifferentYears => paint(
                "different years",
                color,
                anstyle::Style::new().fg_color(Some(anstyle::AnsiColor::Yellow.into())),
            ),
        };
        writeln!(
            out,
            "{:>2}. {label} (certainty {:.2}) {}",
            rank + 1,
            conflict.certainty,
            conflict.explanation
        )?;
        side(&mut out, &conflict.a)?;
        side(&mut out, &conflict.b)?;
        writeln!(out)?;
    }
    Ok(())
}

fn side(out: &mut impl Write, side: &ConflictSide) -> Result<()> {
    let stated = match (&side.figure, &side.date) {
        (Some(figure), _) => figure.text.clone(),
        (None, Some(date)) => date.text.clone(),
        (None, None) => String::new(),
    };
    writeln!(
        out,
        "    {}  {}  [{stated}]",
        side.claim.id,
        dated(&side.article)
    )?;
    writeln!(out, "      {}", side.claim.text)?;
    Ok(())
}
