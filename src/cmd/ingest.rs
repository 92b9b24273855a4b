//! `claimdex ingest [PATH...]`: copy the given files into `corpus/`, bring
//! the index up to date with the corpus, and print a summary.

use crate::app::Context;
use crate::cli::IngestArgs;
use crate::exit::Outcome;
use crate::index::ingest::{self, IngestOptions, IngestSummary, WarningKind};
use anyhow::Result;
use std::io::Write;

pub fn run(ctx: &Context, args: &IngestArgs) -> Result<Outcome> {
    let archive = ctx.archive()?;
    if !args.paths.is_empty() {
        let copied = ingest::copy_into_corpus(&archive, &args.paths)?;
        eprintln!("claimdex: copied {} file(s) into corpus/", copied.len());
    }
    let options = IngestOptions {
        rebuild: args.rebuild,
        max_file_size: args.max_file_size,
        progress: true,
        ..IngestOptions::default()
    };
    let summary = ingest::run(&archive, &options)?;
    if args.json {
        crate::render::print_json(&summary)?;
    } else {
        print_summary(&summary)?;
    }
    Ok(if summary.skipped > 0 {
        Outcome::Negative
    } else {
        Outcome::Success
    })
}

fn print_summary(summary: &IngestSummary) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(
        out,
        "{} added, {} updated, {} removed, {} unchanged; {} claims indexed{}",
        summary.added,
        summary.updated,
        summary.removed,
        summary.unchanged,
        summary.claims,
        if summary.skipped > 0 {
            format!("; {} file(s) skipped", summary.skipped)
        } else {
            String::new()
        }
    )?;
    // Warnings grouped per file, skipped files first.
    let mut by_file: std::collections::BTreeMap<&str, Vec<&ingest::FileWarning>> =
        Default::default();
    for warning in &summary.warnings {
        by_file.entry(&warning.path).or_default().push(warning);
    }
    if !by_file.is_empty() {
        writeln!(out, "warnings:")?;
    }
    for (path, warnings) in by_file {
        let unresolved = warnings
            .iter()
            .filter(|w| w.kind == WarningKind::UnresolvedCitation)
            .count();
        for warning in warnings.iter().filter(|w| w.kind == WarningKind::Skipped) {
            writeln!(out, "  {path}: skipped: {}", warning.message)?;
        }
        if unresolved > 0 {
            writeln!(out, "  {path}: {unresolved} unresolved citation(s)")?;
        }
        for warning in warnings.iter().filter(|w| w.kind == WarningKind::Parser) {
            writeln!(out, "  {path}: {}", warning.message)?;
        }
    }
    out.flush()?;
    Ok(())
}
