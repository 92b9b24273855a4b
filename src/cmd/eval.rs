//! `claimdex eval dates|quotes`: run the extractors on a gold file and print the metrics.

use crate::app::Context;
use crate::cli::EvalArgs;
use crate::exit::Outcome;
use anyhow::Result;

/// `claimdex eval dates FILE`: TempEval-3 Task A scores of our date
/// extractor on a TimeML gold set in JSON Lines (one document a line).
pub fn dates(_ctx: &Context, args: &EvalArgs) -> Result<Outcome> {
    use crate::dates::eval::{score, GoldDocument};
    use anyhow::Context as _;
    use std::io::Write;

    let path = &args.file;
    let content =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut documents = Vec::new();
    for (index, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let document: GoldDocument = serde_json::from_str(line).map_err(|err| {
            crate::error::Error::Usage(format!(
                "{}:{}: not a TempEval-3 JSONL document: {err}",
                path.display(),
                index + 1
            ))
        })?;
        documents.push(document);
    }
    if documents.is_empty() {
        return Err(crate::error::Error::Usage(format!(
            "{}: no documents in the gold file",
            path.display()
        ))
        .into());
    }
    let (scores, disagreements) = score(&documents);
    if args.json {
        let mut value = serde_json::to_value(&scores)?;
        if args.errors {
            value["disagreements"] = serde_json::to_value(&disagreements)?;
        }
        crate::render::print_json(&value)?;
        return Ok(Outcome::Success);
    }
    if args.errors {
        let stderr = std::io::stderr();
        let mut err = stderr.lock();
        for d in &disagreements {
            writeln!(
                err,
                "{:<8} {}  gold {:?} {} {}  ours {:?} {} {}  | {}",
                d.kind,
                d.doc,
                d.gold_text.as_deref().unwrap_or("-"),
                d.gold_type.as_deref().unwrap_or("-"),
                d.gold_value.as_deref().unwrap_or("-"),
                d.system_text.as_deref().unwrap_or("-"),
                d.system_type.as_deref().unwrap_or("-"),
                d.system_value.as_deref().unwrap_or("-"),
                d.context
            )?;
        }
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(
        out,
        "{}: {} documents, {} gold expressions, {} found",
        path.display(),
        scores.documents,
        scores.gold,
        scores.system
    )?;
    writeln!(out, "{:<10} {:>7} {:>7} {:>7}", "metric", "F1", "P", "R")?;
    for (name, f1, p, r) in [
        (
            "value",
            scores.value_f1,
            scores.value_precision,
            scores.value_recall,
        ),
        (
            "relaxed",
            scores.relaxed_f1,
            scores.relaxed_precision,
            scores.relaxed_recall,
        ),
        (
            "strict",
            scores.strict_f1,
            scores.strict_precision,
            scores.strict_recall,
        ),
        (
            "type",
            scores.type_f1,
            scores.type_precision,
            scores.type_recall,
        ),
    ] {
        writeln!(out, "{name:<10} {f1:>7.2} {p:>7.2} {r:>7.2}")?;
    }
    writeln!(
        out,
        "(TempEval-3 Task A: value F1 = value accuracy over relaxed matches x relaxed F1)"
    )?;
    Ok(Outcome::Success)
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
