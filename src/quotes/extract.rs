//! The text-level extractor: the quotations of a passage of running text
//! (paragraphs separated by newlines) and who each is attributed to.
//!
//! Used on whole documents by `claimdex eval quotes` and on an article's
//! claims, joined back into running text, by [`super::annotate`].

use super::marks::{passages, Passage};
use super::speaker::{after, before, Attribution, Naming, Speaker};
use super::words::{is_abbreviation, is_speech_verb};

/// Where a quotation's speaker comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// An attribution clause next to the quotation.
    Attributed,
    /// The attribution of the quotation just before, which this one
    /// continues (`"...," he said. "..."`, or a next-paragraph quotation).
    Continued,
}

/// One quotation found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub passage: Passage,
    pub attribution: Option<Attribution>,
    pub source: Option<Source>,
    /// For a pronoun speaker: the named speaker it resolves to, when clear.
    pub resolved: Option<String>,
    /// A fragment inside the writer's own sentence, not a standalone utterance.
    pub partial: bool,
    /// One to three words, not attributed as speech: a scare quote or a name.
    pub scare: bool,
}

impl Found {
    /// The speaker, when there is one.
    pub fn speaker(&self) -> Option<&Speaker> {
        self.attribution.as_ref().map(|a| &a.speaker)
    }
}

/// Start of the sentence that holds `at`, not before `floor`.
fn sentence_start(text: &str, floor: usize, at: usize) -> usize {
    let head = &text[floor..at];
    let mut start = floor;
    let mut prev_word_start = 0;
    let chars: Vec<(usize, char)> = head.char_indices().collect();
    for (i, &(off, c)) in chars.iter().enumerate() {
        if c.is_whitespace() {
            prev_word_start = off + c.len_utf8();
            continue;
        }
        if c == '\n' {
            start = floor + off + 1;
        }
        if matches!(c, '.' | '!' | '?') && chars.get(i + 1).is_some_and(|&(_, n)| n.is_whitespace())
        {
            let word = &head[prev_word_start..off + 1];
            if c != '.' || !is_abbreviation(word) {
                start = floor + off + 1;
            }
        }
    }
    start
}

/// Start of the paragraph that holds `at`.
fn paragraph_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |nl| nl + 1)
}

/// End of the paragraph that holds `at`.
fn paragraph_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |nl| at + nl)
}

fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The quotations of `text`, in order.
pub fn extract(text: &str) -> Vec<Found> {
    let found = passages(text);
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    for (i, passage) in found.iter().enumerate() {
        let first = passage.segments[0];
        let last = passage.segments[passage.segments.len() - 1];
        let prev_close = if i > 0 { found[i - 1].close_end() } else { 0 };
        let para = paragraph_start(text, first.open);
        let floor = prev_close.max(para);
        let clause_start = sentence_start(text, floor, first.open);
        let before_text = text[clause_start..first.open].trim();
        // The clause after: up to the next opening mark or the paragraph end.
        let next_open = found.get(i + 1).map_or(text.len(), Passage::open);
        let limit = paragraph_end(text, last.close_end)
            .min(next_open)
            .max(last.close_end);
        // The last character of the quoted words, past nested closing
        // quotes (`people,’”`).
        let quote_end_char = text[last.start..last.end]
            .chars()
            .rev()
            .find(|c| !matches!(c, '’' | '\'' | '"' | '”' | '‘'));
        // A colon introduction before wins over a clause after.
        let mut attribution = None;
        if before_text.ends_with(':') {
            attribution = before(text, clause_start, first.open);
        }
        if attribution.is_none() && !passage.unclosed {
            attribution = after(text, last.close_end, limit, quote_end_char);
        }
        if attribution.is_none() && !before_text.is_empty() {
            attribution = before(text, clause_start, first.open);
        }
        // A colon at the end of the previous paragraph introduces a
        // quotation that opens this one.
        if attribution.is_none() && before_text.is_empty() && para == clause_start && para > 0 {
            let prev_end = text[..para].trim_end().len();
            let prev_para = paragraph_start(text, prev_end);
            let prev_text = &text[prev_para..prev_end];
            if prev_text.ends_with(':') && prev_para >= prev_close {
                let prev_trimmed_end = prev_para + prev_text.len();
                let start = sentence_start(text, prev_para, prev_trimmed_end.saturating_sub(1));
                attribution = before(text, start, prev_trimmed_end);
            }
        }
        // Standalone or fragment?
        let before_ok = before_text.is_empty()
            || before_text.ends_with(':')
            || before_text.ends_with(',')
            || before_text.ends_with('—')
            || before_text
                .rsplit(char::is_whitespace)
                .next()
                .is_some_and(is_speech_verb);
        let after_text = text[last.close_end..limit].trim_start();
        let after_ok = attribution.is_some()
            || passage.unclosed
            || after_text.is_empty()
            || after_text.starts_with(['.', '!', '?', ';', ')', '[', '(', '“', '"'])
            || matches!(quote_end_char, Some('.' | '!' | '?' | '…'));
        // `Mr. Barrett said, "we were floored."`: a quotation that starts
        // in lower case continues the writer's sentence.
        let starts_lower = text[first.start..first.end]
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
        // ...unless it resumes a quotation the attribution interrupted
        // (`"My hope," he said, "is that..."`).
        let resumes = i > 0 && clause_start == prev_close && before_text.ends_with(',');
        let partial =
            !(before_ok && after_ok) || (starts_lower && !before_text.is_empty() && !resumes);
        let mut source = attribution.as_ref().map(|_| Source::Attributed);
        // Continuation of the previous quotation's speech.
        if attribution.is_none() && !partial && before_text.is_empty() {
            if let Some(prev) = out.last() {
                let gap_from = prev
                    .attribution
                    .as_ref()
                    .map_or(prev.passage.close_end(), |a| {
                        a.clause_end.max(prev.passage.close_end())
                    });
                let gap = text.get(gap_from.min(first.open)..first.open).unwrap_or("");
                let adjacent =
                    !gap.chars().any(char::is_alphanumeric) && gap.matches('\n').count() <= 2;
                if adjacent && !prev.partial && prev.attribution.is_some() {
                    attribution = prev.attribution.clone();
                    source = Some(Source::Continued);
                }
            }
        }
        let words: usize = passage
            .segments
            .iter()
            .map(|s| word_count(&text[s.start..s.end]))
            .sum();
        let scare = words <= 3 && (partial || attribution.is_none());
        out.push(Found {
            passage: passage.clone(),
            attribution,
            source,
            resolved: None,
            partial,
            scare,
        });
    }
    resolve_pronouns(text, &mut out);
    out
}

/// Resolve a pronoun speaker to the nearest preceding named speaker when
/// that is clear: the only named speaker of the quotations in the last
/// few paragraphs, and a singular pronoun.
fn resolve_pronouns(text: &str, found: &mut [Found]) {
    const WINDOW_PARAGRAPHS: usize = 4;
    for i in 0..found.len() {
        let Some(speaker) = found[i].speaker() else {
            continue;
        };
        if speaker.naming != Naming::Pronoun
            || !matches!(speaker.name.to_lowercase().as_str(), "he" | "she")
        {
            continue;
        }
        let here = speaker.mention.0;
        let mut names: Vec<&str> = Vec::new();
        for prev in found[..i].iter().rev() {
            let Some(s) = prev.speaker() else { continue };
            let between = &text[s.mention.1.min(here)..here];
            if between.matches('\n').count() > WINDOW_PARAGRAPHS * 2 {
                break;
            }
            if s.naming == Naming::Name && !names.contains(&s.name.as_str()) {
                names.push(&s.name);
            }
        }
        let clear = names.len() == 1;
        if clear {
            found[i].resolved = Some(names[0].to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(text: &str) -> Vec<(String, Option<String>, bool)> {
        extract(text)
            .iter()
            .map(|f| {
                let seg = f.passage.segments[0];
                (
                    text[seg.start..seg.end].to_string(),
                    f.speaker().map(|s| s.name.clone()),
                    f.partial,
                )
            })
            .collect()
    }

    #[test]
    fn interrupted_quotation_keeps_its_speaker() {
        let text = "“We hope,” Mr. Alexander said in an interview. “Now it’s back.”";
        assert_eq!(
            summary(text),
            vec![
                ("We hope,".into(), Some("Alexander".into()), false),
                ("Now it’s back.".into(), Some("Alexander".into()), false),
            ]
        );
    }

    #[test]
    fn next_paragraph_continuation_keeps_the_speaker() {
        let text = "“The battle is long,” said the company’s Chief Financial Officer, Dawei Duan.\n“Given the challenges, we act.”\nThe company also attended.";
        let found = extract(text);
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[1].speaker().map(|s| s.name.as_str()),
            Some("Dawei Duan")
        );
        assert_eq!(found[1].source, Some(Source::Continued));
    }

    #[test]
    fn fragments_and_scare_quotes() {
        let text = "Clinton called half of Trump’s supporters “deplorables.” The “Entity List” restricts trade.";
        let found = extract(text);
        assert!(found.iter().all(|f| f.partial && f.scare));
    }

    #[test]
    fn colon_at_paragraph_end_introduces_a_block() {
        let text = "The New York Times reports:\n\n\"In an illustration, just 24 percent gave.\n\n\"Without this network, she is made to continue.\"\n";
        let found = extract(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].passage.segments.len(), 2);
        assert_eq!(
            found[0].speaker().map(|s| s.name.as_str()),
            Some("The New York Times")
        );
    }

    #[test]
    fn pronoun_resolves_to_the_only_recent_speaker() {
        let text =
            "“It is bad,” Graham said.\n\nGraham has acknowledged it.\n\n“It is worse,” he said.";
        let found = extract(text);
        assert_eq!(found[1].speaker().map(|s| s.name.as_str()), Some("he"));
        assert_eq!(found[1].resolved.as_deref(), Some("Graham"));
    }

    #[test]
    fn pronoun_stays_when_two_people_spoke() {
        let text = "“A,” Graham said. “B,” Trump said.\n\n“It is worse,” he said.";
        let found = extract(text);
        assert_eq!(found[2].resolved, None);
    }
}
