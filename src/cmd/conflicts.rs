//! `claimdex conflicts [QUERY]`: pairs of related claims whose figures or
//! dates for the same thing disagree, most certain first, each with both
//! claims, figures, articles and dates. A query scopes the pairs by the
//! same matching `search` uses (`index::search`): stemmed words, phrases,
//! `OR`, exclusions and field filters.

use crate::app::Context;
use crate::cli::ConflictsArgs;
use crate::cmd::related::{dated, paint};
use crate::conflicts;
use crate::exit::Outcome;
use crate::figures;
use crate::index::search::{Hit, SearchRequest};
use crate::index::{query, ArchiveIndex};
use crate::model::{Conflict, ConflictSide, ConflictVerdict};
use crate::related::{self, corpus::ClaimCorpus};
use anyhow::Result;
use serde::Serialize;
use std::collections::HashSet;
use std::io::Write;

/// The `--json` document.
#[derive(Serialize)]
struct ConflictsReport {
    conflicts: Vec<Conflict>,
}

/// Claims a query scopes the pairs to: its best matches, as `search` ranks them.
const SCOPE_CLAIMS: usize = 200;
/// Claims like each scoped claim whose articles are compared with it.
const CANDIDATE_CLAIMS: usize = 20;

pub fn run(ctx: &Context, args: &ConflictsArgs) -> Result<Outcome> {
    let archive = ctx.archive()?;
    if !args.query.is_empty() {
        // A bad query is reported before any work (such as a first build).
        query::parse(&args.query.join(" "))?;
    }
    let index = ArchiveIndex::open(&archive)?;
    let (corpus, scope) = if args.query.is_empty() {
        (ClaimCorpus::new(index.articles()?), None)
    } else {
        let query = args.query.join(" ");
        let Some((corpus, scope)) = scoped_corpus(&index, &query)? else {
            eprintln!("claimdex: no claim matches `{query}`");
            return finish(ctx, args, Vec::new());
        };
        (corpus, Some(scope))
    };
    let found = conflicts::find(&corpus, scope.as_ref());
    finish(ctx, args, found)
}

/// The claims `search` matches for `query` (its best [`SCOPE_CLAIMS`],
/// near spellings left out) and the articles to compare them with: their
/// own, and those of the claims most like each scoped claim that states a
/// figure or a date. `None` when nothing matches.
fn scoped_corpus(
    index: &ArchiveIndex,
    query: &str,
) -> Result<Option<(ClaimCorpus, HashSet<usize>)>> {
    let request = SearchRequest::unfiltered(query, SCOPE_CLAIMS);
    let hits: Vec<Hit> = index
        .search(&request)?
        .hits
        .into_iter()
        .filter(|hit| !hit.fuzzy)
        .collect();
    if hits.is_empty() {
        return Ok(None);
    }
    let mut wanted: Vec<String> = Vec::new();
    let add = |id: String, wanted: &mut Vec<String>| {
        if !wanted.contains(&id) {
            wanted.push(id);
        }
    };
    for hit in &hits {
        add(hit.article.id.clone(), &mut wanted);
    }
    for hit in &hits {
        let states_something = !figures::extract(&hit.claim.text).is_empty()
            || hit.claim.dates.iter().any(|d| d.resolved);
        if states_something {
            for id in related::retrieve::similar_articles(index, &hit.claim.text, CANDIDATE_CLAIMS)?
            {
                add(id, &mut wanted);
            }
        }
    }
    let mut articles = Vec::with_capacity(wanted.len());
    for id in wanted {
        if let Some(article) = index.article(&id)? {
            articles.push(article);
        }
    }
    let corpus = ClaimCorpus::new(articles);
    let scope: HashSet<usize> = hits
        .iter()
        .filter_map(|hit| corpus.find(&hit.claim.id))
        .collect();
    Ok(Some((corpus, scope)))
}

fn finish(ctx: &Context, args: &ConflictsArgs, mut found: Vec<Conflict>) -> Result<Outcome> {
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
