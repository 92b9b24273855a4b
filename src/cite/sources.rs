//! A claim's own sources: the footnote definitions, reference-list entries
//! and links it carries, which a writer cites as what the article relies on
//! ("as cited in" the article). An unresolved marker is reported as such and
//! never filled in.

use super::styles::ProseStyle;
use crate::model::{Citation, CitationKind, Claim};
use serde::Serialize;

/// One source a claim relies on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimSource {
    /// The marker or link text as written in the article (`7`, `Source`).
    pub label: String,
    /// The marker's syntax.
    pub kind: CitationKind,
    /// The definition's text, when the article has one.
    pub text: Option<String>,
    /// The definition's or link's URL, when there is one.
    pub url: Option<String>,
    /// False when the article has no definition for the marker.
    pub resolved: bool,
    /// How to cite it at second hand in the chosen style, for example
    /// `(as cited in Shameen, 2019, para. 3)`; `None` when unresolved.
    pub cited_in: Option<String>,
}

/// The phrase a style uses for a source known only through another work:
/// APA "as cited in", MLA "qtd. in", Chicago and Harvard (Cite Them Right)
/// "cited in". CSL has no construct for this, so the phrase is ours; the
/// citation it introduces is the engine's.
pub fn connective(style: ProseStyle) -> &'static str {
    match style {
        ProseStyle::Apa => "as cited in",
        ProseStyle::Mla => "qtd. in",
        ProseStyle::ChicagoNotes | ProseStyle::Harvard => "cited in",
    }
}

/// Put the connective in front of the engine's citation of the article:
/// inside its parentheses for an in-text citation, before the note otherwise.
pub fn cited_in(style: ProseStyle, citation: &str) -> String {
    let phrase = connective(style);
    match citation.strip_prefix('(') {
        Some(rest) => format!("({phrase} {rest}"),
        None => format!("{phrase} {citation}"),
    }
}

/// The claim's sources, with their second-hand citation in the style
/// (`article_citation` is the engine's in-text citation or note of the
/// article with the claim's pinpoint).
pub fn claim_sources(claim: &Claim, second_hand: Option<(ProseStyle, &str)>) -> Vec<ClaimSource> {
    claim
        .citations
        .iter()
        .map(|citation| source(citation, second_hand))
        .collect()
}

fn source(citation: &Citation, second_hand: Option<(ProseStyle, &str)>) -> ClaimSource {
    // A link carries its own target: it is resolved even without a definition.
    let resolved =
        citation.resolved || (citation.kind == CitationKind::Link && citation.url.is_some());
    ClaimSource {
        label: citation.label.clone(),
        kind: citation.kind,
        text: citation.text.clone(),
        url: citation.url.clone(),
        resolved,
        cited_in: second_hand
            .filter(|_| resolved)
            .map(|(style, article_citation)| cited_in(style, article_citation)),
    }
}

impl ClaimSource {
    /// The marker as it appears in the article: `[7]`, `[^note]`, `[Source]`,
    /// the link text, or the author-date citation.
    pub fn marker(&self) -> String {
        match self.kind {
            CitationKind::Footnote => {
                if self.label.starts_with('^') {
                    format!("[{}]", self.label)
                } else {
                    format!("[^{}]", self.label)
                }
            }
            CitationKind::Numbered | CitationKind::SourceMarker => format!("[{}]", self.label),
            CitationKind::Link => format!("link “{}”", self.label),
            CitationKind::AuthorDate => format!("({})", self.label),
        }
    }

    /// One line describing the source: its text and URL as the article gives
    /// them, or that it is unresolved.
    pub fn describe(&self) -> String {
        if !self.resolved {
            return format!(
                "{}: unresolved: the article has no definition for this marker",
                self.marker()
            );
        }
        let mut line = self.marker();
        match (&self.text, &self.url) {
            (Some(text), Some(url)) if text.contains(url.as_str()) => {
                line.push_str(": ");
                line.push_str(text);
            }
            (Some(text), Some(url)) => {
                line.push_str(&format!(": {text} <{url}>"));
            }
            (Some(text), None) => {
                line.push_str(": ");
                line.push_str(text);
            }
            (None, Some(url)) => line.push_str(&format!(": <{url}>")),
            (None, None) => {}
        }
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_connective_goes_inside_parentheses() {
        assert_eq!(
            cited_in(ProseStyle::Apa, "(Shameen, 2019, para. 3)"),
            "(as cited in Shameen, 2019, para. 3)"
        );
        assert_eq!(
            cited_in(ProseStyle::ChicagoNotes, "Assif Shameen, “Tech,” para. 3."),
            "cited in Assif Shameen, “Tech,” para. 3."
        );
    }

    #[test]
    fn unresolved_markers_stay_unresolved() {
        let citation = Citation {
            label: "9".into(),
            kind: CitationKind::Numbered,
            text: None,
            url: None,
            resolved: false,
            archived_article: None,
        };
        let source = source(&citation, Some((ProseStyle::Apa, "(X, 2019)")));
        assert!(!source.resolved);
        assert_eq!(source.cited_in, None);
        assert!(source.describe().contains("unresolved"));
    }
}
