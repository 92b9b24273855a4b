//! Attributions: the named sources a claim leans on, found by their cues:
//! "according to X", "X reported", "X told", "X wrote", "X found", "X said",
//! and a verb after a quotation ("…,” said X). X is kept as written.

use crate::model::{Attribution, Span};
use regex::Regex;
use std::sync::LazyLock;

/// Verbs that attribute when a name comes right before them.
const VERBS_AFTER_NAME: &str =
    "reported|reports|told|tells|wrote|writes|found|finds|said|says|stated|states|noted|notes|announced|posted|discovered|revealed|claimed|claims|argued|argues";

/// The verbs after a quotation ("…,” said X).
const VERBS_AFTER_QUOTE: &str = "said|says|wrote|writes|added|explained|asked";

/// Words that may stand between the name and the verb.
const ADVERBS: &str = "also|later|recently|previously|first|then|has|had|have|once|further|earlier";

/// Words that are never a source on their own.
const NOT_SOURCES: &[&str] = &[
    "It", "They", "He", "She", "We", "I", "You", "This", "That", "These", "Those", "There", "Its",
    "Their", "His", "Her", "Our", "The", "A", "An", "Who", "Which", "What", "Some", "Many",
    "Others", "Both", "Each", "One",
];

/// Sentence-opening words to strip from the front of a name run.
const OPENERS: &[&str] = &[
    "In",
    "On",
    "At",
    "However",
    "But",
    "And",
    "Also",
    "Meanwhile",
    "Then",
    "Later",
    "Earlier",
    "Last",
    "Now",
    "When",
    "While",
    "If",
    "As",
    "After",
    "Before",
    "Since",
    "For",
    "So",
    "Yet",
    "Still",
    "Although",
    "Moreover",
    "Separately",
    "Previously",
    "Instead",
    "Similarly",
];

/// Prepositions that make a name a place or object, not the speaker
/// ("in Xinjiang also said").
const PREPOSITIONS: &[&str] = &[
    "in", "at", "from", "of", "on", "to", "with", "into", "for", "about",
];

/// The attributions in a claim's text.
pub fn find(text: &str) -> Vec<Attribution> {
    static ACCORDING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i:according to)\s+([^,.;:()\[\]—–\x22“”]+)").expect("valid regex")
    });
    static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"((?:[Tt]he\s+)?[\p{{Lu}}][\p{{L}}\p{{N}}&'’.-]*(?:\s+(?:of|for|and|&|de|the|at|[\p{{Lu}}][\p{{L}}\p{{N}}&'’.-]*))*),?\s+(?:(?:{ADVERBS}|reportedly)\s+)?({VERBS_AFTER_NAME})\b"
        ))
        .expect("valid regex")
    });
    static AFTER_QUOTE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"[,”\x22’]\s*({VERBS_AFTER_QUOTE})\s+((?:the|a|an)\s+)?([^.;:!?\x22“”(]{{1,120}})"
        ))
        .expect("valid regex")
    });
    let mut found: Vec<Attribution> = Vec::new();
    let lower_has = |needle: &str| text.contains(needle);
    if lower_has("ccording to") {
        for caps in ACCORDING.captures_iter(text) {
            let (Some(whole), Some(x)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            let source = cut_source(x.as_str());
            if source.is_empty() {
                continue;
            }
            found.push(Attribution {
                source: source.to_string(),
                cue: "according to".into(),
                span: Span {
                    start: whole.start(),
                    end: x.start() + source.len(),
                },
            });
        }
    }
    // Each pattern below needs one of its verbs, spelt as written: texts
    // without one (most claims) skip its search. The patterns that begin
    // with a capital-letter class have no literal for the regex crate to
    // look for first, so without this check they scanned every claim, and
    // with their Unicode `\b` fell back to a slower engine on any non-ASCII
    // text (~8% of parse time on the tech-proposals corpus).
    static NAME_VERB: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(VERBS_AFTER_NAME).expect("valid regex"));
    static QUOTE_VERB: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(VERBS_AFTER_QUOTE).expect("valid regex"));
    let name_verb = NAME_VERB.is_match(text);
    let quote_verb = QUOTE_VERB.is_match(text);
    for caps in name_verb
        .then(|| BEFORE.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let (Some(name), Some(verb)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        let glued = text[..name.start()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '-' | '.' | '@'));
        if glued {
            continue;
        }
        let preceding = text[..name.start()]
            .split_whitespace()
            .next_back()
            .unwrap_or("");
        if PREPOSITIONS.contains(&preceding.to_ascii_lowercase().as_str()) {
            continue;
        }
        let Some((offset, source)) = clean_name(name.as_str()) else {
            continue;
        };
        found.push(Attribution {
            source: source.to_string(),
            cue: verb.as_str().to_string(),
            span: Span {
                start: name.start() + offset,
                end: verb.end(),
            },
        });
    }
    // "Marianne Chew, Hikvision USA Director of Marketing, said": the name
    // before an appositive.
    static APPOSITIVE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"([\p{{Lu}}][\p{{L}}'’.-]+(?:\s+[\p{{Lu}}][\p{{L}}'’.-]+){{1,3}}),\s+[^,]{{3,80}},\s+(?:(?:{ADVERBS})\s+)?({VERBS_AFTER_NAME})\b"
        ))
        .expect("valid regex")
    });
    for caps in name_verb
        .then(|| APPOSITIVE.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let (Some(name), Some(verb)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        if let Some((offset, source)) = clean_name(name.as_str()) {
            found.retain(|a| !(a.span.end == verb.end() && a.span.start > name.start()));
            found.push(Attribution {
                source: source.to_string(),
                cue: verb.as_str().to_string(),
                span: Span {
                    start: name.start() + offset,
                    end: verb.end(),
                },
            });
        }
    }
    for caps in quote_verb
        .then(|| AFTER_QUOTE.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let (Some(verb), Some(x)) = (caps.get(1), caps.get(3)) else {
            continue;
        };
        let article = caps.get(2);
        let source = cut_source(x.as_str());
        if !source
            .split_whitespace()
            .any(|w| w.starts_with(char::is_uppercase))
        {
            continue;
        }
        let start = article.map_or(x.start(), |a| a.start());
        found.push(Attribution {
            source: text[start..x.start() + source.len()].to_string(),
            cue: verb.as_str().to_string(),
            span: Span {
                start: verb.start(),
                end: x.start() + source.len(),
            },
        });
    }
    found.sort_by_key(|a| (a.span.start, a.span.end));
    found.dedup_by(|b, a| a.span.start <= b.span.start && b.span.end <= a.span.end);
    found
}

/// Trim a source phrase: stop at a relative clause, keep at most 12 words.
fn cut_source(x: &str) -> &str {
    let mut end = x.len();
    for stop in [" that ", " which ", " who ", " because ", " when ", " as "] {
        if let Some(i) = x.find(stop) {
            end = end.min(i);
        }
    }
    let x = &x[..end];
    let mut words = 0;
    let mut cut = x.len();
    for (i, c) in x.char_indices() {
        if c.is_whitespace() && i > 0 && !x[..i].ends_with(char::is_whitespace) {
            words += 1;
            if words == 12 {
                cut = i;
                break;
            }
        }
    }
    x[..cut].trim()
}

/// Strip sentence openers from a name run; `None` when nothing nameable is left.
fn clean_name(name: &str) -> Option<(usize, &str)> {
    let mut offset = 0;
    let mut rest = name;
    loop {
        let first = rest.split_whitespace().next()?;
        if OPENERS.contains(&first) && rest.len() > first.len() {
            let skip = rest[first.len()..].len() - rest[first.len()..].trim_start().len();
            offset += first.len() + skip;
            rest = &rest[first.len() + skip..];
        } else {
            break;
        }
    }
    let words: Vec<&str> = rest.split_whitespace().collect();
    if words.len() == 1 && (NOT_SOURCES.contains(&words[0]) || OPENERS.contains(&words[0])) {
        return None;
    }
    if words
        .iter()
        .all(|w| NOT_SOURCES.contains(w) || w.eq_ignore_ascii_case("the"))
    {
        return None;
    }
    Some((offset, rest))
}

#[cfg(test)]
mod tests {
    use super::find;

    fn sources(text: &str) -> Vec<(String, String)> {
        find(text).into_iter().map(|a| (a.source, a.cue)).collect()
    }

    #[test]
    fn according_to() {
        assert_eq!(
            sources("Nearly 1.2 million are detained, according to Forbes."),
            vec![("Forbes".to_string(), "according to".to_string())]
        );
    }

    #[test]
    fn name_before_verb() {
        assert_eq!(
            sources(
                "In 2018, for example, the Financial Times reported that Hikvision sold cameras."
            ),
            vec![("the Financial Times".to_string(), "reported".to_string())]
        );
        assert_eq!(
            sources("A report by Reuters found that Amazon bought cameras."),
            vec![("Reuters".to_string(), "found".to_string())]
        );
        assert!(sources("It said nothing.").is_empty());
        assert_eq!(
            sources(
                "Marianne Chew, Hikvision USA Director of Marketing, said, “Working together.”"
            ),
            vec![("Marianne Chew".to_string(), "said".to_string())]
        );
    }

    #[test]
    fn names_after_a_comma_and_years_before_names() {
        assert_eq!(
            sources("“We hope so,” Hikvision’s secretary, Huang Fanghong, reportedly said in a statement."),
            vec![("Huang Fanghong".to_string(), "said".to_string())]
        );
        assert_eq!(
            sources("In 2016 IHS Markit reported that China had cameras."),
            vec![("IHS Markit".to_string(), "reported".to_string())]
        );
    }

    #[test]
    fn verb_after_quotation() {
        let got = sources("“This claim is false,” wrote Charles Rollet for IPVM.");
        assert_eq!(
            got,
            vec![("Charles Rollet for IPVM".to_string(), "wrote".to_string())]
        );
        let got = sources("“We must act,” said the company’s Chief Financial Officer, Dawei Duan.");
        assert_eq!(
            got[0].0,
            "the company’s Chief Financial Officer, Dawei Duan"
        );
    }

    #[test]
    fn spans_point_into_the_text() {
        let text = "Dahua declined, according to Bloomberg.";
        let a = &find(text)[0];
        assert_eq!(&text[a.span.start..a.span.end], "according to Bloomberg");
    }
}
