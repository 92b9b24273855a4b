//! The model as the templates show it: claim text cut into marked segments
//! (search highlights, quotations, dates, attributions), citations with
//! their link (when it is safe to be one) or "unresolved", and verdicts by
//! their serde names, so a verdict or diff operation added to the model
//! shows without this module knowing it.
//!
//! Nothing here builds HTML: the templates escape every string given them.

use super::guard::safe_href;
use crate::model::{ArticleSummary, Citation, Claim, Span};
use serde::Serialize;

/// The name serde gives a unit enum value (`not_found`, `front_matter`):
/// the name `--json` prints.
pub fn serde_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        Ok(other) => other.to_string(),
        Err(_) => "unknown".to_string(),
    }
}

/// A serde name for people: `not_found` → `not found`.
pub fn spaced(name: &str) -> String {
    name.replace(['_', '-'], " ")
}

/// A run of claim text and how it is marked.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub text: String,
    /// CSS classes (`quote`, `date`, `attribution`), space-separated; empty
    /// for plain text.
    pub classes: String,
    /// What the mark means, shown on hover (a date's value, a speaker).
    pub title: String,
    /// Matched by the search query.
    pub highlight: bool,
}

/// One mark over claim text.
#[derive(Debug, Clone)]
pub struct Mark {
    pub span: Span,
    pub class: &'static str,
    pub title: String,
}

/// Cut `text` at every mark's edges; each piece carries the marks covering
/// it. Marks outside the text or off a character boundary are dropped.
pub fn segments(text: &str, marks: &[Mark], highlights: &[Span]) -> Vec<Segment> {
    let valid = |span: &Span| {
        span.start < span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end)
    };
    let marks: Vec<&Mark> = marks.iter().filter(|m| valid(&m.span)).collect();
    let highlights: Vec<&Span> = highlights.iter().filter(|s| valid(s)).collect();
    let mut cuts = vec![0, text.len()];
    for span in marks
        .iter()
        .map(|m| &m.span)
        .chain(highlights.iter().copied())
    {
        cuts.push(span.start);
        cuts.push(span.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out: Vec<Segment> = Vec::new();
    for window in cuts.windows(2) {
        let (start, end) = (window[0], window[1]);
        let covering: Vec<&&Mark> = marks
            .iter()
            .filter(|m| m.span.start <= start && end <= m.span.end)
            .collect();
        let mut classes: Vec<&str> = covering.iter().map(|m| m.class).collect();
        classes.dedup();
        let titles: Vec<&str> = covering
            .iter()
            .map(|m| m.title.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        out.push(Segment {
            text: text[start..end].to_string(),
            classes: classes.join(" "),
            title: titles.join("; "),
            highlight: highlights.iter().any(|s| s.start <= start && end <= s.end),
        });
    }
    out
}

/// The marks of a claim: its quotations, dates and attributions.
pub fn claim_marks(claim: &Claim) -> Vec<Mark> {
    let mut marks = Vec::new();
    for quote in &claim.quotes {
        let title = match (&quote.speaker, &quote.role) {
            (Some(speaker), Some(role)) => format!("quotation: {speaker} ({role})"),
            (Some(speaker), None) => format!("quotation: {speaker}"),
            (None, _) => "quotation: no speaker named".to_string(),
        };
        marks.push(Mark {
            span: quote.span,
            class: "quote",
            title,
        });
    }
    for date in &claim.dates {
        let title = match (&date.value, date.resolved) {
            (Some(value), true) => match &date.end {
                Some(end) => format!("date: {value} to {end}"),
                None => format!("date: {value}"),
            },
            _ => "date: unresolved".to_string(),
        };
        marks.push(Mark {
            span: date.span,
            class: "date",
            title,
        });
    }
    for attribution in &claim.attributions {
        marks.push(Mark {
            span: attribution.span,
            class: "attribution",
            title: format!("attributed to {}", attribution.source),
        });
    }
    marks
}

/// A citation as shown.
#[derive(Debug, Clone)]
pub struct CitationView {
    pub label: String,
    pub kind: String,
    /// The definition's text, when the article has one.
    pub text: Option<String>,
    /// The URL, when it may be a link (absolute http/https).
    pub href: Option<String>,
    /// The URL as written, when it may not be a link (shown as text).
    pub url_text: Option<String>,
    pub resolved: bool,
    /// The archived article the citation points at.
    pub archived: Option<String>,
}

impl From<&Citation> for CitationView {
    fn from(citation: &Citation) -> Self {
        let href = citation.url.as_deref().and_then(safe_href);
        let url_text = match (&citation.url, &href) {
            (Some(url), None) => Some(url.clone()),
            _ => None,
        };
        // A definition that is only the URL is shown once, as the link.
        let text = citation.text.clone().filter(|text| {
            citation
                .url
                .as_deref()
                .is_none_or(|url| text.trim() != url.trim())
        });
        CitationView {
            label: citation.label.clone(),
            kind: spaced(&serde_name(&citation.kind)),
            text,
            href,
            url_text,
            resolved: citation.resolved || citation.url.is_some(),
            archived: citation.archived_article.clone(),
        }
    }
}

/// A quotation of a claim.
#[derive(Debug, Clone)]
pub struct QuoteView {
    pub text: String,
    /// "Huang Fanghong (spokesman)", or "no speaker named".
    pub speaker: String,
    pub attributed: bool,
    /// What else the extractor knows ("partial", "continues"...).
    pub notes: Vec<&'static str>,
}

/// A date a claim speaks of.
#[derive(Debug, Clone)]
pub struct DateView {
    pub text: String,
    /// `2019-10-07`, `2016/2019`, or `None` when unresolved.
    pub value: Option<String>,
    pub relative: bool,
}

/// A claim as the pages show it.
#[derive(Debug, Clone)]
pub struct ClaimView {
    pub id: String,
    pub ordinal: u32,
    pub article_id: String,
    pub kind: String,
    pub section: String,
    pub line: u32,
    pub paragraph: u32,
    pub segments: Vec<Segment>,
    pub citations: Vec<CitationView>,
    pub attributions: Vec<(String, String)>,
    pub quotes: Vec<QuoteView>,
    pub dates: Vec<DateView>,
    /// No citation and no attribution (the article report's unsourced claims).
    pub unsourced: bool,
}

impl ClaimView {
    pub fn new(claim: &Claim, article_id: &str, highlights: &[Span]) -> ClaimView {
        ClaimView {
            id: claim.id.clone(),
            ordinal: claim.ordinal,
            article_id: article_id.to_string(),
            kind: serde_name(&claim.kind),
            section: claim.section.join(" › "),
            line: claim.location.line,
            paragraph: claim.paragraph,
            segments: segments(&claim.text, &claim_marks(claim), highlights),
            citations: claim.citations.iter().map(CitationView::from).collect(),
            attributions: claim
                .attributions
                .iter()
                .map(|a| (a.source.clone(), a.cue.clone()))
                .collect(),
            quotes: claim.quotes.iter().map(quote_view).collect(),
            dates: claim
                .dates
                .iter()
                .map(|date| DateView {
                    text: date.text.clone(),
                    value: match (&date.value, date.resolved) {
                        (Some(value), true) => Some(match &date.end {
                            Some(end) => format!("{value}/{end}"),
                            None => value.clone(),
                        }),
                        _ => None,
                    },
                    relative: date.relative,
                })
                .collect(),
            unsourced: claim.citations.is_empty() && claim.attributions.is_empty(),
        }
    }
}

fn quote_view(quote: &crate::model::Quote) -> QuoteView {
    let speaker = match (&quote.speaker, &quote.role) {
        (Some(name), Some(role)) => format!("{name} ({role})"),
        (Some(name), None) => name.clone(),
        (None, _) => "no speaker named".to_string(),
    };
    let mut notes = Vec::new();
    for (set, note) in [
        (quote.scare, "scare quote or name, not speech"),
        (quote.partial, "partial: inside the writer's sentence"),
        (quote.continues, "continues in the next claim"),
        (quote.continued, "continued from an earlier claim"),
        (quote.inherited, "speaker carried over"),
        (quote.unclosed, "no closing mark"),
        (
            quote.speaker_kind == Some(crate::model::SpeakerKind::Pronoun),
            "speaker is an unresolved pronoun",
        ),
    ] {
        if set {
            notes.push(note);
        }
    }
    QuoteView {
        text: quote.text.clone(),
        speaker,
        attributed: quote.speaker.is_some(),
        notes,
    }
}

/// `title · outlet · date` of an article, naming what is unknown.
#[derive(Debug, Clone)]
pub struct ArticleLine {
    pub id: String,
    pub path: String,
    pub title: String,
    pub outlet: String,
    pub published: String,
    pub href: Option<String>,
}

impl From<&ArticleSummary> for ArticleLine {
    fn from(article: &ArticleSummary) -> Self {
        ArticleLine {
            id: article.id.clone(),
            path: article.path.clone(),
            title: article
                .title
                .clone()
                .unwrap_or_else(|| format!("(no title) {}", article.id)),
            outlet: article
                .outlet
                .clone()
                .unwrap_or_else(|| "(outlet unknown)".to_string()),
            published: article
                .published
                .clone()
                .unwrap_or_else(|| "(date unknown)".to_string()),
            href: article.url.as_deref().and_then(safe_href),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, class: &'static str) -> Mark {
        Mark {
            span: Span { start, end },
            class,
            title: String::new(),
        }
    }

    #[test]
    fn segments_cover_the_text_once_with_overlapping_marks() {
        let text = "He said “we won” on Monday.";
        let quote_start = text.find('w').unwrap();
        let monday = text.find("Monday").unwrap();
        let marks = [
            mark(quote_start, quote_start + 6, "quote"),
            mark(monday, monday + 6, "date"),
            mark(0, quote_start + 2, "attribution"),
        ];
        let highlights = [Span {
            start: monday,
            end: monday + 3,
        }];
        let pieces = segments(text, &marks, &highlights);
        let joined: String = pieces.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, text);
        let we = pieces
            .iter()
            .find(|s| s.text == "we")
            .expect("overlap piece");
        assert_eq!(we.classes, "quote attribution");
        let mon = pieces.iter().find(|s| s.text == "Mon").expect("highlight");
        assert!(mon.highlight && mon.classes == "date");
    }

    #[test]
    fn marks_off_character_boundaries_or_the_text_are_dropped() {
        let text = "“Quoted”";
        let pieces = segments(text, &[mark(1, 4, "quote"), mark(0, 99, "date")], &[]);
        assert_eq!(pieces.len(), 1);
        assert_eq!(pieces[0].text, text);
        assert!(pieces[0].classes.is_empty());
    }

    #[test]
    fn serde_names_are_the_json_names() {
        assert_eq!(serde_name(&crate::model::Verdict::NotFound), "not_found");
        assert_eq!(
            spaced(&serde_name(&crate::model::MetadataSource::FrontMatter)),
            "front matter"
        );
    }
}
