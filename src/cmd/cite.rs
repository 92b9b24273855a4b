//! `claimdex cite`: a citation of a claim (with its paragraph pinpoint and
//! its own sources) or of an article, in one of the styles of [`crate::cite`].

use crate::app::Context;
use crate::cite::{self, provenance, Style};
use crate::cli::CiteArgs;
use crate::exit::Outcome;
use crate::index::ArchiveIndex;
use crate::render;
use anyhow::Result;

pub fn run(ctx: &Context, args: &CiteArgs) -> Result<Outcome> {
    let style = Style::from_name(&args.style)?;
    let accessed = args
        .accessed
        .as_deref()
        .map(provenance::parse_access_date)
        .transpose()?;
    let archive = ctx.archive()?;
    let index = ArchiveIndex::open(&archive)?;
    let Some((mut article, claim)) = cite::lookup(&index, &args.id)? else {
        render::warn(&format!(
            "no claim or article with id `{}` in the archive (claim ids look like `article#3`; `claimdex list` shows article ids)",
            args.id
        ));
        return Ok(Outcome::Negative);
    };
    provenance::prepare(&archive, &mut article)?;
    if accessed.is_some() {
        article.ingested = accessed;
    }
    let output = cite::cite(&article, claim.as_ref(), style)?;

    if args.json {
        render::print_json(&output)?;
    } else {
        print_text(&output)?;
    }
    for missing in &output.missing {
        render::note(missing);
    }
    if output.citation.is_none() && style != Style::Markdown {
        if let Some(paragraph) = output.paragraph {
            render::note(&format!(
                "the claim is in paragraph {paragraph}: give it as the locator (in pandoc: [@{}, para. {paragraph}])",
                output.key
            ));
        }
        for source in &output.sources {
            render::note(&format!("the claim relies on {}", source.describe()));
        }
    }
    Ok(Outcome::Success)
}

fn print_text(output: &cite::CiteOutput) -> Result<()> {
    use std::io::Write;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(out, "{}", output.to_text())?;
    out.flush()?;
    Ok(())
}
