//! The prose styles (APA 7, MLA 9, Chicago notes-bibliography, Harvard):
//! our CSL-JSON item run through the official CSL styles bundled with the
//! hayagriva CSL engine. No style rule is written here; this module only picks
//! the style, asks for the bibliography entry and the in-text citation or
//! note (with a paragraph locator for a claim), and prints the result.

use super::csl::CslItem;
use anyhow::{anyhow, Context, Result};
use hayagriva::archive::{locales, ArchivedStyle};
use hayagriva::citationberg::taxonomy::Locator;
use hayagriva::citationberg::{
    json as csl_json, FontStyle, IndependentStyle, Locale, LocaleCode, Style,
};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, BufWriteFormat, CitationItem, CitationRequest,
    ElemChild, ElemChildren, LocatorPayload, SpecificLocator,
};
use std::sync::OnceLock;

/// A style run by the CSL engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProseStyle {
    /// APA 7th edition.
    Apa,
    /// MLA Handbook 9th edition.
    Mla,
    /// Chicago Manual of Style 18th edition, notes and bibliography.
    ChicagoNotes,
    /// Cite Them Right 12th edition (Harvard).
    Harvard,
}

impl ProseStyle {
    fn archived(self) -> ArchivedStyle {
        match self {
            ProseStyle::Apa => ArchivedStyle::AmericanPsychologicalAssociation,
            ProseStyle::Mla => ArchivedStyle::ModernLanguageAssociation,
            ProseStyle::ChicagoNotes => ArchivedStyle::ChicagoNotes,
            ProseStyle::Harvard => ArchivedStyle::HarvardCiteThemRight,
        }
    }

    /// The style's full name, as the CSL style gives it.
    pub fn display_name(self) -> &'static str {
        self.archived().display_name()
    }

    /// The locale the official style declares (`default-locale`). Cite Them
    /// Right declares en-GB, which hayagriva's archived copy does not carry.
    fn locale(self) -> Option<LocaleCode> {
        match self {
            ProseStyle::Harvard => Some(LocaleCode("en-GB".to_string())),
            _ => None,
        }
    }

    /// Whether the style cites in footnotes (Chicago) rather than in the text.
    pub fn is_note_style(self) -> bool {
        self == ProseStyle::ChicagoNotes
    }

    fn independent(self) -> Result<&'static IndependentStyle> {
        static APA: OnceLock<Option<IndependentStyle>> = OnceLock::new();
        static MLA: OnceLock<Option<IndependentStyle>> = OnceLock::new();
        static CHICAGO: OnceLock<Option<IndependentStyle>> = OnceLock::new();
        static HARVARD: OnceLock<Option<IndependentStyle>> = OnceLock::new();
        let cell = match self {
            ProseStyle::Apa => &APA,
            ProseStyle::Mla => &MLA,
            ProseStyle::ChicagoNotes => &CHICAGO,
            ProseStyle::Harvard => &HARVARD,
        };
        cell.get_or_init(|| match self.archived().get() {
            Style::Independent(style) => Some(style),
            Style::Dependent(_) => None,
        })
        .as_ref()
        .ok_or_else(|| {
            anyhow!(
                "the bundled {} style is not an independent CSL style",
                self.display_name()
            )
        })
    }
}

fn all_locales() -> &'static [Locale] {
    static LOCALES: OnceLock<Vec<Locale>> = OnceLock::new();
    LOCALES.get_or_init(locales)
}

/// How to write the engine's formatted output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    /// Plain text (italics dropped).
    Plain,
    /// Markdown: italics as `*…*`, URLs as `<…>` autolinks.
    Markdown,
}

/// What the engine printed for one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formatted {
    /// The bibliography (reference list / works cited) entry.
    pub reference: String,
    /// The in-text citation, or for a note style the full note, with the
    /// paragraph locator when one was given.
    pub citation: String,
}

/// Format one item in a style, with an optional paragraph number as locator.
pub fn format(
    item: &CslItem,
    style: ProseStyle,
    paragraph: Option<u32>,
    markup: Markup,
) -> Result<Formatted> {
    let value = serde_json::to_value(item).context("cannot serialise the CSL item")?;
    let entry: csl_json::Item =
        serde_json::from_value(value).context("the CSL engine cannot read our CSL item")?;
    let csl = style.independent()?;
    let locales = all_locales();
    let paragraph_text = paragraph.map(|p| p.to_string());
    let locator = paragraph_text
        .as_deref()
        .map(|p| SpecificLocator(Locator::Paragraph, LocatorPayload::Str(p)));

    let mut driver: BibliographyDriver<'_, csl_json::Item> = BibliographyDriver::new();
    driver.citation(CitationRequest::new(
        vec![CitationItem::with_locator(&entry, locator)],
        csl,
        style.locale(),
        locales,
        Some(1),
    ));
    let rendered = driver.finish(BibliographyRequest::new(csl, style.locale(), locales));
    let citation = rendered
        .citations
        .first()
        .map(|c| write(&c.citation, markup))
        .ok_or_else(|| {
            anyhow!(
                "{} printed no citation for {}",
                style.display_name(),
                item.id
            )
        })?;
    let reference = rendered
        .bibliography
        .as_ref()
        .and_then(|bib| bib.items.first())
        .map(|entry| write(&entry.content, markup))
        .ok_or_else(|| {
            anyhow!(
                "{} printed no bibliography entry for {}",
                style.display_name(),
                item.id
            )
        })?;
    Ok(Formatted {
        reference: tidy(&reference),
        citation: tidy(&citation),
    })
}

/// Fold the whitespace the engine leaves between blocks.
fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn write(children: &ElemChildren, markup: Markup) -> String {
    let mut out = String::new();
    match markup {
        Markup::Plain => {
            // Writing into a String cannot fail.
            let _ = children.write_buf(&mut out, BufWriteFormat::Plain);
        }
        Markup::Markdown => write_markdown(children, &mut out),
    }
    out
}

fn write_markdown(children: &ElemChildren, out: &mut String) {
    for child in &children.0 {
        match child {
            ElemChild::Text(text) => {
                push_markdown_text(&text.text, text.formatting.font_style, out)
            }
            ElemChild::Elem(elem) => write_markdown(&elem.children, out),
            ElemChild::Markup(text) => out.push_str(&escape_markdown(text)),
            ElemChild::Link { text, url } => {
                if text.text == *url {
                    out.push('<');
                    out.push_str(url);
                    out.push('>');
                } else {
                    out.push('[');
                    push_markdown_text(&text.text, text.formatting.font_style, out);
                    out.push_str("](");
                    out.push_str(url);
                    out.push(')');
                }
            }
            ElemChild::Transparent { .. } => {}
        }
    }
}

fn push_markdown_text(text: &str, style: FontStyle, out: &mut String) {
    let escaped = escape_markdown(text);
    if style == FontStyle::Italic && !text.trim().is_empty() {
        // Keep surrounding spaces outside the emphasis markers.
        let start = escaped.len() - escaped.trim_start().len();
        let end = escaped.trim_end().len();
        out.push_str(&escaped[..start]);
        out.push('*');
        out.push_str(&escaped[start..end]);
        out.push('*');
        out.push_str(&escaped[end..]);
    } else {
        out.push_str(&escaped);
    }
}

/// Escape the characters Markdown would read as markup.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '`' | '<' | '>' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
