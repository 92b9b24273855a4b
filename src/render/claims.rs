//! Human output of claims: the text with highlighted words, where it is,
//! what backs it (citations, attributions) and the dates it speaks of.
//! Colour only when enabled (`render::color_enabled`).

use crate::model::{Article, Claim, Span};
use anstyle::{AnsiColor, Style};
use std::io::{self, Write};

/// Styles for one output stream.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    color: bool,
}

impl Palette {
    pub fn new(color: bool) -> Palette {
        Palette { color }
    }

    /// Write `text` in `style` (plain when colour is off).
    pub fn paint(&self, out: &mut dyn Write, style: Style, text: &str) -> io::Result<()> {
        if self.color {
            write!(out, "{}{text}{}", style.render(), style.render_reset())
        } else {
            write!(out, "{text}")
        }
    }

    pub fn path() -> Style {
        Style::new().fg_color(Some(AnsiColor::Magenta.into()))
    }

    pub fn matched() -> Style {
        Style::new().bold().fg_color(Some(AnsiColor::Red.into()))
    }

    pub fn dim() -> Style {
        Style::new().dimmed()
    }

    pub fn label() -> Style {
        Style::new().fg_color(Some(AnsiColor::Cyan.into()))
    }

    pub fn warning() -> Style {
        Style::new().fg_color(Some(AnsiColor::Yellow.into()))
    }
}

/// The claim text with `highlights` (byte ranges) marked.
pub fn write_text(
    out: &mut dyn Write,
    palette: Palette,
    text: &str,
    highlights: &[Span],
) -> io::Result<()> {
    let mut at = 0;
    for span in highlights {
        let (Some(before), Some(inside)) =
            (text.get(at..span.start), text.get(span.start..span.end))
        else {
            continue;
        };
        write!(out, "{before}")?;
        if palette.color {
            palette.paint(out, Palette::matched(), inside)?;
        } else {
            // Without colour, mark matches so they still stand out.
            write!(out, "[{inside}]")?;
        }
        at = span.end;
    }
    write!(out, "{}", text.get(at..).unwrap_or_default())
}

/// `title · outlet · published`, naming what is unknown.
pub fn article_line(
    article_title: Option<&str>,
    outlet: Option<&str>,
    published: Option<&str>,
) -> String {
    format!(
        "{} · {} · {}",
        article_title.unwrap_or("(no title)"),
        outlet.unwrap_or("(outlet unknown)"),
        published.unwrap_or("(date unknown)")
    )
}

/// The citations, attributions and dates of a claim, one line each, indented.
pub fn write_backing(
    out: &mut dyn Write,
    palette: Palette,
    claim: &Claim,
    indent: &str,
) -> io::Result<()> {
    if claim.citations.is_empty() {
        write!(out, "{indent}")?;
        palette.paint(out, Palette::dim(), "citations: none")?;
        writeln!(out)?;
    }
    for citation in &claim.citations {
        write!(out, "{indent}")?;
        palette.paint(out, Palette::label(), &format!("[{}]", citation.label))?;
        write!(out, " ")?;
        if citation.resolved {
            let text = citation.text.as_deref().unwrap_or_default();
            write!(out, "{text}")?;
            if let Some(url) = &citation.url {
                if !text.contains(url.as_str()) {
                    write!(out, " <{url}>")?;
                }
            }
        } else if let Some(url) = &citation.url {
            write!(out, "<{url}>")?;
        } else {
            palette.paint(
                out,
                Palette::warning(),
                "unresolved (no definition in the article)",
            )?;
        }
        if let Some(archived) = &citation.archived_article {
            write!(out, " ")?;
            palette.paint(out, Palette::label(), &format!("→ archived: {archived}"))?;
        }
        writeln!(out)?;
    }
    for attribution in &claim.attributions {
        write!(out, "{indent}")?;
        palette.paint(out, Palette::label(), "attributed to:")?;
        writeln!(
            out,
            " {} (\u{201C}{}\u{201D})",
            attribution.source, attribution.cue
        )?;
    }
    for quote in &claim.quotes {
        write!(out, "{indent}")?;
        palette.paint(out, Palette::label(), "quote:")?;
        let speaker = quote.speaker.as_deref().unwrap_or("unattributed");
        writeln!(out, " \u{201C}{}\u{201D} ({speaker})", quote.text)?;
    }
    for date in &claim.dates {
        write!(out, "{indent}")?;
        palette.paint(out, Palette::label(), "date:")?;
        match (&date.value, date.resolved) {
            (Some(value), true) => {
                let end = date
                    .end
                    .as_deref()
                    .map(|e| format!("/{e}"))
                    .unwrap_or_default();
                writeln!(out, " \u{201C}{}\u{201D} = {value}{end}", date.text)?;
            }
            _ => writeln!(out, " \u{201C}{}\u{201D} (unresolved)", date.text)?,
        }
    }
    Ok(())
}

/// `path:line`.
pub fn location(article: &Article, claim: &Claim) -> String {
    format!("{}:{}", article.path, claim.location.line)
}
