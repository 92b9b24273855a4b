//! Quotations: find direct quotations in an article's claims (including
//! ones that run across sentences and paragraphs) and the speakers they are
//! attributed to.
//!
//! Stages: [`marks`] pairs quotation marks into passages, [`speaker`] reads
//! attribution clauses, [`extract`] puts both together on running text,
//! [`annotate`] maps the result back onto the claims, and [`eval`] scores
//! the extractor against PolNeAR gold.

pub mod eval;
pub mod extract;
pub mod marks;
pub mod speaker;
pub mod words;

use crate::model::{Article, Quote, Span, SpeakerKind};
use extract::{Found, Source};
use speaker::Naming;

/// The article's claims joined back into running text: claims of one
/// paragraph by a space, paragraphs by a newline. Returns the text and
/// each claim's start offset in it.
fn running_text(article: &Article) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(article.claims.len());
    let mut last_paragraph = None;
    for claim in &article.claims {
        if let Some(paragraph) = last_paragraph {
            text.push(if paragraph == claim.paragraph {
                ' '
            } else {
                '\n'
            });
        }
        starts.push(text.len());
        text.push_str(&claim.text);
        last_paragraph = Some(claim.paragraph);
    }
    (text, starts)
}

/// Elisions inside `text[start..end]`: `[…]`, `[...]`, `...`, `…`, `. . .`,
/// as spans of `text`.
pub fn elisions(text: &str, start: usize, end: usize) -> Vec<Span> {
    const FORMS: &[&str] = &["[…]", "[...]", "[ … ]", "[ ... ]", ". . .", "...", "…"];
    let mut found = Vec::new();
    let mut at = start;
    while at < end {
        let rest = &text[at..end];
        if let Some(form) = FORMS.iter().find(|f| rest.starts_with(**f)) {
            found.push(Span {
                start: at,
                end: at + form.len(),
            });
            at += form.len();
            // Further dots of a longer ellipsis belong to it.
            while text[at..end].starts_with('.') {
                at += 1;
                found.last_mut().expect("just pushed").end = at;
            }
        } else {
            at += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    found
}

/// The speaker fields of a quotation found by the extractor.
struct Attributed {
    speaker: Option<String>,
    role: Option<String>,
    cue: Option<String>,
    kind: Option<SpeakerKind>,
    pronoun: Option<String>,
    inherited: bool,
}

fn attributed(found: &Found) -> Attributed {
    let Some(attribution) = &found.attribution else {
        return Attributed {
            speaker: None,
            role: None,
            cue: None,
            kind: None,
            pronoun: None,
            inherited: false,
        };
    };
    let s = &attribution.speaker;
    let (speaker, kind, pronoun) = match (s.naming, &found.resolved) {
        (Naming::Pronoun, Some(name)) => (
            name.clone(),
            SpeakerKind::ResolvedPronoun,
            Some(s.name.clone()),
        ),
        (Naming::Pronoun, None) => (s.name.clone(), SpeakerKind::Pronoun, Some(s.name.clone())),
        (Naming::Name, _) => (s.name.clone(), SpeakerKind::Name, None),
        (Naming::Description, _) => (s.name.clone(), SpeakerKind::Description, None),
    };
    Attributed {
        speaker: Some(speaker),
        role: s.role.clone(),
        cue: Some(attribution.cue.clone()),
        kind: Some(kind),
        pronoun,
        inherited: found.source == Some(Source::Continued),
    }
}

/// Fill every claim's `quotes`. Works on the claims in order, so that a
/// quotation running over several sentences or paragraphs is found, with
/// the speaker named at its start or end, in each claim it covers.
pub fn annotate(article: &mut Article) {
    let (text, starts) = running_text(article);
    for claim in &mut article.claims {
        claim.quotes.clear();
    }
    for found in extract::extract(&text) {
        let who = attributed(&found);
        let segments = &found.passage.segments;
        for (index, segment) in segments.iter().enumerate() {
            let last_segment = index + 1 == segments.len();
            for (claim_index, claim) in article.claims.iter_mut().enumerate() {
                let claim_start = starts[claim_index];
                let claim_end = claim_start + claim.text.len();
                let lo = segment.start.max(claim_start);
                let hi = segment.end.min(claim_end);
                if lo >= hi {
                    continue;
                }
                let piece = &text[lo..hi];
                let lead = piece.len() - piece.trim_start().len();
                let trail = piece.len() - piece.trim_end().len();
                if lead == piece.len() {
                    continue;
                }
                let (lo, hi) = (lo + lead, hi - trail);
                claim.quotes.push(Quote {
                    text: text[lo..hi].to_string(),
                    span: Span {
                        start: lo - claim_start,
                        end: hi - claim_start,
                    },
                    speaker: who.speaker.clone(),
                    role: who.role.clone(),
                    cue: who.cue.clone(),
                    elisions: elisions(&text, lo, hi)
                        .into_iter()
                        .map(|s| Span {
                            start: s.start - claim_start,
                            end: s.end - claim_start,
                        })
                        .collect(),
                    scare: found.scare,
                    continues: hi < segment.end || !last_segment,
                    continued: lo > segment.start || index > 0,
                    speaker_kind: who.kind,
                    pronoun: who.pronoun.clone(),
                    inherited: who.inherited,
                    partial: found.partial,
                    unclosed: found.passage.unclosed && last_segment && hi >= segment.end,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elision_forms() {
        let text = "a […] b [...] c ... d … e. . . f....";
        let found: Vec<&str> = elisions(text, 0, text.len())
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(found, vec!["[…]", "[...]", "...", "…", ". . .", "...."]);
    }
}
