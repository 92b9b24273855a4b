//! `claimdex search QUERY`: the claims that match, each with what backs it.

use crate::app::Context;
use crate::cite;
use crate::cli::{self, SearchArgs};
use crate::exit::Outcome;
use crate::index::search::{parse_date_bound, DateBasis, Hit, SearchRequest};
use crate::index::{freshness, index_exists, query, ArchiveIndex};
use crate::render::claims::{self, Palette};
use anyhow::Result;
use std::io::Write;

pub fn run(ctx: &Context, args: &SearchArgs) -> Result<Outcome> {
    let request = SearchRequest {
        query: args.query.join(" "),
        since: args.since.clone(),
        until: args.until.clone(),
        by: match args.by {
            cli::DateBasis::Event => DateBasis::Event,
            cli::DateBasis::Published => DateBasis::Published,
        },
        outlet: args.outlet.clone(),
        article: args.article.clone(),
        cited: args.cited,
        limit: args.limit,
    };
    // A bad query or style is reported before any work (such as a first build).
    let parsed = query::parse(&request.query)?;
    if let Some(note) = query::describe_ignored(&parsed.ignored) {
        eprintln!("claimdex: note: {note}");
    }
    let cite_style = args
        .cite
        .as_deref()
        .map(cite::Style::from_name)
        .transpose()?;
    for (flag, value) in [("--since", &request.since), ("--until", &request.until)] {
        if let Some(value) = value {
            parse_date_bound(flag, value)?;
        }
    }
    let archive = ctx.archive()?;
    let first_build = !index_exists(&archive);
    let index = ArchiveIndex::open(&archive)?;
    // The staleness check stats every corpus file: run it beside the search.
    let results = std::thread::scope(|scope| -> Result<_> {
        let staleness = (!first_build).then(|| scope.spawn(|| freshness::check(&archive, &index)));
        let results = crate::related::syndication::search(&index, &request, !args.no_collapse)?;
        if let Some(handle) = staleness {
            let staleness = handle
                .join()
                .map_err(|_| anyhow::anyhow!("the staleness check of corpus/ failed"))??;
            if staleness.is_stale() {
                crate::render::warn(&staleness.describe());
            }
        }
        Ok(results)
    })?;
    if results.undated_excluded > 0 {
        let what = match request.by {
            DateBasis::Event => "no known event date",
            DateBasis::Published => "an article with no known publication date",
        };
        eprintln!(
            "claimdex: note: {} matching claim(s) left out by the date filter because they have {what}",
            results.undated_excluded
        );
    }
    let citations = match cite_style {
        Some(style) => cite::hits::citations(&archive, &index, &results.hits, style)?,
        None => vec![None; results.hits.len()],
    };
    if args.json {
        if cite_style.is_some() {
            crate::render::print_json(&cite::hits::with_citations(&results, &citations)?)?;
        } else {
            crate::render::print_json(&results)?;
        }
    } else {
        print_hits(ctx, &results.hits, &citations)?;
    }
    Ok(if results.hits.is_empty() {
        Outcome::Negative
    } else {
        Outcome::Success
    })
}

fn print_hits(ctx: &Context, hits: &[Hit], citations: &[Option<String>]) -> Result<()> {
    let palette = Palette::new(ctx.color);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (i, hit) in hits.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        palette.paint(
            &mut out,
            Palette::path(),
            &format!("{}:{}", hit.article.path, hit.claim.location.line),
        )?;
        write!(out, "  {}", hit.claim.id)?;
        let score = if hit.fuzzy {
            format!("  (score {:.2}, near spelling)", hit.score)
        } else {
            format!("  (score {:.2})", hit.score)
        };
        palette.paint(&mut out, Palette::dim(), &score)?;
        writeln!(out)?;
        write!(out, "  ")?;
        claims::write_text(&mut out, palette, &hit.claim.text, &hit.highlights)?;
        writeln!(out)?;
        write!(out, "  ")?;
        let line = claims::article_line(
            hit.article.title.as_deref(),
            hit.article.outlet.as_deref(),
            hit.article.published.as_deref(),
        );
        palette.paint(&mut out, Palette::dim(), &format!("— {line}"))?;
        writeln!(out)?;
        claims::write_backing(&mut out, palette, &hit.claim, "    ")?;
        for copy in &hit.also_in {
            let line = claims::article_line(
                copy.article.title.as_deref(),
                copy.article.outlet.as_deref(),
                copy.article.published.as_deref(),
            );
            let same = if copy.text == hit.claim.text {
                "same sentence"
            } else {
                "nearly the same sentence"
            };
            writeln!(
                out,
                "    also in ({same}): {}:{}  {}  — {line}",
                copy.article.path, copy.location.line, copy.id
            )?;
        }
        if let Some(Some(citation)) = citations.get(i) {
            for line in citation.lines() {
                writeln!(out, "    {line}")?;
            }
        }
    }
    out.flush()?;
    Ok(())
}
