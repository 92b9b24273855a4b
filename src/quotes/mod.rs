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

use crate::model::{Article, Claim, ClaimKind, Quote, Span, SpeakerKind};
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

/// The speaker of a block quotation, from the claim that introduces it
/// (`Jelena Jankovic and Reid Standish reported on leaked files ...:`):
/// the attribution the parser found there, else the name the clause opens
/// with, else a speech verb's subject. Nothing when the claim before the
/// block does not end with a colon.
fn block_speaker(intro: Option<&Claim>) -> Attributed {
    let mut who = Attributed {
        speaker: None,
        role: None,
        cue: None,
        kind: None,
        pronoun: None,
        inherited: false,
    };
    let Some(intro) = intro.filter(|c| c.text.trim_end().ends_with(':')) else {
        return who;
    };
    let text = intro.text.trim_end();
    if let Some(found) = intro.attributions.last() {
        let toks = words::tokens(&found.source, 0, found.source.len());
        if let Some(s) = speaker::read_speaker(&found.source, &toks) {
            who.speaker = Some(s.name);
            who.role = s.role;
            who.cue = Some(found.cue.clone());
            who.kind = Some(match s.naming {
                Naming::Name => SpeakerKind::Name,
                Naming::Description => SpeakerKind::Description,
                Naming::Pronoun => SpeakerKind::Pronoun,
            });
            who.pronoun = (s.naming == Naming::Pronoun)
                .then(|| who.speaker.clone())
                .flatten();
            return who;
        }
    }
    let toks = words::tokens(text, 0, text.len());
    let found = speaker::colon_subject(text, &toks[..toks.len() - 1], text.len())
        .or_else(|| speaker::before_within(text, 0, text.len(), 30));
    if let Some(a) = found {
        who.kind = Some(match a.speaker.naming {
            Naming::Name => SpeakerKind::Name,
            Naming::Description => SpeakerKind::Description,
            Naming::Pronoun => SpeakerKind::Pronoun,
        });
        who.pronoun = (a.speaker.naming == Naming::Pronoun).then(|| a.speaker.name.clone());
        who.speaker = Some(a.speaker.name);
        who.role = a.speaker.role;
        who.cue = Some(a.cue);
    }
    who
}

/// Block quotations (`quote_block` claims: Markdown `>`, indented passages)
/// are quoted text without marks: each run of them is one quotation,
/// listed first in each of its claims, its elisions (`[…] The company`)
/// recorded.
fn annotate_blocks(article: &mut Article) {
    let claims = &mut article.claims;
    let mut i = 0;
    while i < claims.len() {
        if claims[i].kind != ClaimKind::QuoteBlock {
            i += 1;
            continue;
        }
        let start = i;
        while i < claims.len() && claims[i].kind == ClaimKind::QuoteBlock {
            i += 1;
        }
        let who = block_speaker(start.checked_sub(1).map(|intro| &claims[intro]));
        for (k, claim) in claims.iter_mut().enumerate().take(i).skip(start) {
            let text = claim.text.trim_end();
            if text.is_empty() {
                continue;
            }
            claim.quotes.insert(
                0,
                Quote {
                    text: text.to_string(),
                    span: Span {
                        start: 0,
                        end: text.len(),
                    },
                    speaker: who.speaker.clone(),
                    role: who.role.clone(),
                    cue: who.cue.clone(),
                    elisions: elisions(text, 0, text.len()),
                    scare: false,
                    continues: k + 1 < i,
                    continued: k > start,
                    speaker_kind: who.kind,
                    pronoun: who.pronoun.clone(),
                    inherited: false,
                    partial: false,
                    unclosed: false,
                },
            );
        }
    }
}

/// Fill every claim's `quotes`. Works on the claims in order, so that a
/// quotation running over several sentences or paragraphs is found, with
/// the speaker named at its start or end, in each claim it covers. Block
/// quotations count as quotations too.
pub fn annotate(article: &mut Article) {
    let (text, starts) = running_text(article);
    for claim in &mut article.claims {
        claim.quotes.clear();
    }
    annotate_blocks(article);
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
