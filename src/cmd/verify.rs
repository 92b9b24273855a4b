//! `claimdex verify QUOTE [--speaker NAME] [--json]`: check a quotation
//! against the archive and print the verdict with its evidence.

use crate::app::Context;
use crate::cli::VerifyArgs;
use crate::error::Error;
use crate::exit::Outcome;
use crate::index::ArchiveIndex;
use crate::model::{DiffOp, QuoteMatch, Typography, Verdict, Verification};
use crate::verify::verdict::ALTERED_MIN_SIMILARITY;
use anstyle::{AnsiColor, Style};
use anyhow::{Context as _, Result};
use std::io::{Read, Write};

/// Most bytes read as a quotation from standard input (1 MiB: far more
/// than the 1000 words a quotation may have).
const MAX_STDIN_BYTES: u64 = 1024 * 1024;

pub fn run(ctx: &Context, args: &VerifyArgs) -> Result<Outcome> {
    let quote = if args.quote == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(MAX_STDIN_BYTES + 1)
            .read_to_end(&mut bytes)
            .context("cannot read the quotation from standard input")?;
        if bytes.len() as u64 > MAX_STDIN_BYTES {
            return Err(Error::Usage(format!(
                "the quotation on standard input is over {MAX_STDIN_BYTES} bytes; \
                 quotations of more than 1000 words are refused"
            ))
            .into());
        }
        String::from_utf8(bytes).map_err(|err| {
            Error::Usage(format!(
                "the quotation on standard input is not valid UTF-8 (at byte offset {})",
                err.utf8_error().valid_up_to()
            ))
        })?
    } else {
        args.quote.clone()
    };
    if let Some(offset) = quote.bytes().position(|b| b == 0) {
        return Err(Error::Usage(format!(
            "the quotation holds a NUL byte at byte offset {offset}"
        ))
        .into());
    }
    let archive = ctx.archive()?;
    let index = ArchiveIndex::open(&archive)?;
    let verification =
        crate::verify::verify(&index, &archive.root, &quote, args.speaker.as_deref())?;

    if args.json {
        crate::render::print_json(&verification)?;
    } else {
        print_text(&verification, ctx.color)?;
    }
    let changed: Vec<String> = verification
        .matches
        .iter()
        .filter(|m| m.source_changed)
        .map(|m| m.article.path.clone())
        .collect();
    if !changed.is_empty() {
        return Err(Error::SourceChanged(changed.join(", ")).into());
    }
    Ok(match verification.verdict {
        Verdict::Exact | Verdict::Elided => Outcome::Success,
        _ => Outcome::Negative,
    })
}

fn verdict_name(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Exact => "exact",
        Verdict::Elided => "elided",
        Verdict::Misattributed => "misattributed",
        Verdict::Altered => "altered",
        Verdict::NotFound => "not_found",
    }
}

fn typography_name(typography: Typography) -> &'static str {
    match typography {
        Typography::QuotationMarks => "quotation marks",
        Typography::Apostrophes => "apostrophes",
        Typography::Dashes => "dashes",
        Typography::Whitespace => "whitespace",
        Typography::Case => "case",
        Typography::UnicodeForms => "Unicode forms",
        Typography::Punctuation => "punctuation",
    }
}

/// Paints text when colour is on.
struct Paint {
    color: bool,
}

impl Paint {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }

    fn verdict(&self, verdict: Verdict) -> String {
        let color = match verdict {
            Verdict::Exact | Verdict::Elided => AnsiColor::Green,
            Verdict::Altered | Verdict::Misattributed => AnsiColor::Yellow,
            Verdict::NotFound => AnsiColor::Red,
        };
        self.paint(
            Style::new().bold().fg_color(Some(color.into())),
            verdict_name(verdict),
        )
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn headline(v: &Verification) -> String {
    let articles = {
        let mut ids: Vec<&str> = v.matches.iter().map(|m| m.article.id.as_str()).collect();
        ids.dedup();
        plural(ids.len(), "article", "articles")
    };
    match v.verdict {
        Verdict::Exact => format!("the quotation appears word for word in {articles}"),
        Verdict::Elided => format!(
            "the quotation's pieces appear word for word and in order in {articles}; see what the elisions left out"
        ),
        Verdict::Misattributed => {
            let asked = v.speaker.as_deref().unwrap_or("");
            let mut named: Vec<String> = v
                .matches
                .iter()
                .map(|m| m.speaker.clone().unwrap_or_else(|| "no one".to_string()))
                .collect();
            named.sort();
            named.dedup();
            format!(
                "the words appear in {articles}, but the source attributes them to {}, not {asked}",
                named.join(" / ")
            )
        }
        Verdict::Altered => {
            let best = v.matches.iter().map(|m| m.similarity).fold(0.0, f64::max);
            format!(
                "the closest passage differs in wording (similarity {best:.3} >= {ALTERED_MIN_SIMILARITY}); the word diff shows how"
            )
        }
        Verdict::NotFound => {
            let best = v.matches.iter().map(|m| m.similarity).fold(0.0, f64::max);
            if v.matches.is_empty() {
                "no passage of the archive shares words with the quotation".to_string()
            } else {
                format!(
                    "no passage is close enough (best similarity {best:.3} < {ALTERED_MIN_SIMILARITY}); the nearest passages below do NOT match"
                )
            }
        }
    }
}

fn print_text(v: &Verification, color: bool) -> Result<()> {
    let paint = Paint { color };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(out, "{}: {}", paint.verdict(v.verdict), headline(v))?;
    for (n, m) in v.matches.iter().enumerate() {
        writeln!(out)?;
        print_match(&mut out, &paint, n + 1, m)?;
    }
    for note in &v.notes {
        writeln!(out)?;
        writeln!(out, "note: {note}")?;
    }
    out.flush()?;
    Ok(())
}

fn print_match(out: &mut impl Write, paint: &Paint, n: usize, m: &QuoteMatch) -> Result<()> {
    let label = if m.verdict == Verdict::NotFound {
        "not matching".to_string()
    } else {
        paint.verdict(m.verdict)
    };
    writeln!(
        out,
        "{n}. {label}  {}:{}  claim {}{}",
        m.article.path,
        m.location.line,
        m.claim_id,
        if m.claim_ids.len() > 1 {
            format!(" (to {})", m.claim_ids[m.claim_ids.len() - 1])
        } else {
            String::new()
        }
    )?;
    let indent = "   ";
    writeln!(
        out,
        "{indent}{} · {} · {}",
        m.article.title.as_deref().unwrap_or("(untitled)"),
        m.article.outlet.as_deref().unwrap_or("outlet unknown"),
        m.article.published.as_deref().unwrap_or("undated")
    )?;
    if m.source_changed {
        writeln!(
            out,
            "{indent}{}",
            paint.paint(
                Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
                "SOURCE CHANGED SINCE INGEST: this match may no longer be in the file"
            )
        )?;
    }
    writeln!(out, "{indent}source: {}", m.text)?;
    match &m.diff {
        Some(diff) => {
            let mut line = String::new();
            for piece in diff {
                if !line.is_empty() {
                    line.push(' ');
                }
                let red = Style::new().fg_color(Some(AnsiColor::Red.into()));
                let green = Style::new().fg_color(Some(AnsiColor::Green.into()));
                let dim = Style::new().dimmed();
                line.push_str(&match piece.op {
                    DiffOp::Equal => piece.text.clone(),
                    DiffOp::Delete => paint.paint(red, &format!("[-{}-]", piece.text)),
                    DiffOp::Insert => paint.paint(green, &format!("{{+{}+}}", piece.text)),
                    DiffOp::Elided => paint.paint(dim, "[…]"),
                });
            }
            writeln!(
                out,
                "{indent}diff (source [-…-] -> quotation {{+…+}}): {line}"
            )?;
        }
        None if m.verdict == Verdict::NotFound => {}
        None => {}
    }
    writeln!(out, "{indent}similarity: {:.3}", m.similarity)?;
    if !m.omitted.is_empty() && m.verdict != Verdict::NotFound {
        for (k, left_out) in m.omitted.iter().enumerate() {
            let shown = if left_out.is_empty() {
                "(nothing)".to_string()
            } else {
                format!("“{left_out}”")
            };
            writeln!(out, "{indent}elision {}: left out {shown}", k + 1)?;
        }
    }
    if !m.typography.is_empty() {
        let names: Vec<&str> = m.typography.iter().map(|t| typography_name(*t)).collect();
        writeln!(out, "{indent}typography differs: {}", names.join(", "))?;
    }
    let speaker = match (&m.speaker, &m.role) {
        (Some(name), Some(role)) => format!("{name} ({role})"),
        (Some(name), None) => name.clone(),
        (None, _) if m.quoted => "none named (an unattributed quotation)".to_string(),
        (None, _) => "none named (the source does not quote anyone here)".to_string(),
    };
    let check = match m.speaker_matches {
        Some(true) => " (matches --speaker)",
        Some(false) => " (NOT the --speaker given)",
        None => "",
    };
    writeln!(out, "{indent}speaker: {speaker}{check}")?;
    if m.citations.is_empty() {
        writeln!(out, "{indent}citations: none")?;
    } else {
        for citation in &m.citations {
            let target = match (&citation.text, &citation.url) {
                (Some(text), Some(url)) if !text.contains(url.as_str()) => {
                    format!("{text} <{url}>")
                }
                (Some(text), _) => text.clone(),
                (None, Some(url)) => format!("<{url}>"),
                (None, None) => "unresolved".to_string(),
            };
            writeln!(out, "{indent}citation [{}]: {target}", citation.label)?;
        }
    }
    Ok(())
}
