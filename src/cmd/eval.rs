//! `claimdex eval dates|quotes`: run the extractors on a gold file and print the metrics.

use crate::app::Context;
use crate::cli::EvalArgs;
use crate::exit::Outcome;
use anyhow::Result;

pub fn dates(_ctx: &Context, _args: &EvalArgs) -> Result<Outcome> {
    anyhow::bail!("`claimdex eval dates` is not implemented yet")
}

/// `claimdex eval quotes FILE`: PolNeAR JSON Lines gold, direct quotations.
pub fn quotes(_ctx: &Context, args: &EvalArgs) -> Result<Outcome> {
    use crate::quotes::eval::{GoldArticle, Tally};
    use anyhow::Context as _;
    use std::io::{BufRead, Write};

    let file = std::fs::File::open(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let mut tally = Tally::default();
    for (index, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line =
            line.with_context(|| format!("{}:{}: cannot read", args.file.display(), index + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let article: GoldArticle = serde_json::from_str(&line).map_err(|err| {
            crate::error::Error::Usage(format!(
                "{}:{}: not a PolNeAR article line: {err}",
                args.file.display(),
                index + 1
            ))
        })?;
        tally.add(&article);
    }
    let report = tally.report();
    if args.json {
        crate::render::print_json(&report)?;
        return Ok(Outcome::Success);
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let pct = |x: f64| format!("{:.1}", 100.0 * x);
    let line = |name: &str, p: &crate::quotes::eval::Prf| {
        format!(
            "{name:<26} P {:>5}  R {:>5}  F1 {:>5}",
            pct(p.precision),
            pct(p.recall),
            pct(p.f1)
        )
    };
    writeln!(
        out,
        "{}: {} articles, {} gold direct quotations, {} predicted",
        args.file.display(),
        report.articles,
        report.gold_quotes,
        report.predicted_quotes
    )?;
    writeln!(out, "{}", line("quote_f1 (exact)", &report.quote_f1.exact))?;
    writeln!(
        out,
        "{}",
        line("quote_f1 (overlap)", &report.quote_f1.overlap)
    )?;
    writeln!(
        out,
        "{:<26} {} strict, {} lenient (over overlap-matched quotations)",
        "speaker_accuracy",
        pct(report.speaker_accuracy),
        pct(report.speaker_accuracy_lenient)
    )?;
    writeln!(
        out,
        "{}",
        line("quote_speaker_f1 (strict)", &report.quote_speaker_f1)
    )?;
    writeln!(
        out,
        "{}",
        line(
            "quote_speaker_f1 (lenient)",
            &report.quote_speaker_f1_lenient
        )
    )?;
    writeln!(
        out,
        "{}",
        line("all quotations (overlap)", &report.all_quotes_f1.overlap)
    )?;
    Ok(Outcome::Success)
}
