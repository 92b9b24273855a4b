//! `claimdex check`: is the index whole (every file present and matching its
//! checksum, the documents matching the manifest), and with `--corpus`, does
//! every corpus file still hold the bytes it was ingested with?

use crate::app::Context;
use crate::cli::CheckArgs;
use crate::error::Error;
use crate::exit::Outcome;
use crate::index::freshness::{self, Staleness};
use crate::index::integrity::{self, IntegrityReport};
use crate::index::ArchiveIndex;
use anyhow::Result;
use serde::Serialize;
use std::io::Write;

/// `check --json`.
#[derive(Debug, Serialize)]
struct CheckReport<'a> {
    index: &'a IntegrityReport,
    /// With `--corpus`: files new, changed or removed since the last ingest.
    corpus: Option<CorpusReport>,
}

#[derive(Debug, Serialize)]
struct CorpusReport {
    added: Vec<String>,
    changed: Vec<String>,
    removed: Vec<String>,
}

pub fn run(ctx: &Context, args: &CheckArgs) -> Result<Outcome> {
    let archive = ctx.archive()?;
    let dir = archive.index_dir();
    let report = integrity::check_dir(&dir);
    let staleness = if args.corpus && report.is_whole() {
        let index = ArchiveIndex::open_dir(&dir)?;
        Some(freshness::check_hashes(&archive, &index)?)
    } else {
        None
    };
    if args.json {
        let corpus = staleness.as_ref().map(|s| CorpusReport {
            added: s.added.clone(),
            changed: s.changed.clone(),
            removed: s.removed.clone(),
        });
        crate::render::print_json(&CheckReport {
            index: &report,
            corpus,
        })?;
    } else {
        print_human(&report, staleness.as_ref())?;
    }
    if let Some(first) = report.problems.first() {
        let place = first.file.as_deref().unwrap_or("index");
        let more = match report.problems.len() {
            1 => String::new(),
            n => format!(" (and {} more problems)", n - 1),
        };
        if report.is_outdated() {
            return Err(Error::IndexOutdated(format!("{place}: {}", first.message)).into());
        }
        return Err(Error::IndexDamaged(format!(
            "the index is damaged: {place}: {}{more}",
            first.message
        ))
        .into());
    }
    if let Some(staleness) = staleness.filter(Staleness::is_stale) {
        let mut named: Vec<String> = Vec::new();
        named.extend(staleness.changed.iter().map(|p| format!("{p} changed")));
        named.extend(staleness.removed.iter().map(|p| format!("{p} removed")));
        named.extend(staleness.added.iter().map(|p| format!("{p} new")));
        return Err(Error::SourceChanged(named.join(", ")).into());
    }
    Ok(Outcome::Success)
}

fn print_human(report: &IntegrityReport, staleness: Option<&Staleness>) -> Result<()> {
    let mut out = anstream::stdout().lock();
    if report.is_whole() {
        writeln!(
            out,
            "{}: whole: commit {}, {} segments, {} files checksummed; {} articles, {} skipped files, {} claims",
            report.index,
            report.generation.unwrap_or_default(),
            report.segments,
            report.files_checksummed,
            report.articles,
            report.skipped,
            report.claims
        )?;
    } else {
        let verdict = if report.is_outdated() {
            "OUTDATED (written by another claimdex version; nothing is damaged)"
        } else {
            "DAMAGED"
        };
        writeln!(out, "{}: {verdict}", report.index)?;
        for problem in &report.problems {
            match &problem.file {
                Some(file) => writeln!(out, "  {file}: {}", problem.message)?,
                None => writeln!(out, "  {}", problem.message)?,
            }
        }
    }
    if let Some(staleness) = staleness {
        if staleness.is_stale() {
            writeln!(out, "corpus/: differs from the index:")?;
            for (list, what) in [
                (&staleness.changed, "changed since ingest"),
                (&staleness.removed, "removed since ingest"),
                (&staleness.added, "not ingested yet"),
            ] {
                for path in list {
                    writeln!(out, "  {path}: {what}")?;
                }
            }
        } else {
            writeln!(
                out,
                "corpus/: every file holds the bytes it was ingested with"
            )?;
        }
    }
    Ok(())
}
