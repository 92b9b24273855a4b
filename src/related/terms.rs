//! The words two claims are compared on: content terms (stemmed, stopwords
//! dropped, plus concept tokens such as `~blacklist` for "Entity List" and
//! "blacklist") and subjects (the names a claim speaks of: "Hikvision",
//! "Dahua").

use crate::figures::measure;

/// Words too common to say what a claim is about.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "although",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "like",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "others",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "per",
    "same",
    "says",
    "said",
    "say",
    "she",
    "should",
    "since",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "yours",
    "s",
    "t",
    "don",
    "new",
    "way",
    "ways",
    "use",
    "used",
    "using",
    "well",
    "still",
    "already",
    "recently",
    "currently",
    "including",
    "according",
    "company",
    "companies",
    "reportedly",
    "yes",
    "get",
    "got",
    "make",
    "made",
    "two",
    "three",
    "first",
    "last",
    "year",
    "years",
    "time",
    "often",
    "usually",
    "example",
];

/// Capitalised words that name no subject of their own (months, days,
/// sentence-level words).
const NOT_SUBJECTS: &[&str] = &[
    "the", "a", "an", "i", "it", "its", "in", "on", "at", "this", "that", "these", "those", "they",
    "we", "he", "she", "and", "but", "or", "for", "of", "to", "as", "by", "with", "from", "our",
    "their", "his", "her", "us", "u", "s", "mr", "ms", "dr",
];

/// Openings that refer back to a subject named in an earlier claim.
const BACK_REFERENCES: &[&str] = &[
    "the company",
    "the firm",
    "the group",
    "the department",
    "the move",
    "the technology",
    "it ",
    "its ",
    "they ",
    "their ",
    "this ",
    "he ",
    "she ",
    "the release",
    "the report",
];

/// One word of a claim: as written and as compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub byte_start: usize,
}

/// The words of `text` (letters, digits, inner hyphens and apostrophes).
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let bytes_len = text.len();
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let inner_joiner = (c == '-' || c == '\'' || c == '’')
            && start.is_some()
            && iter.peek().is_some_and(|(_, next)| next.is_alphanumeric());
        if c.is_alphanumeric() || inner_joiner {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push(Word {
                text: &text[s..i],
                byte_start: s,
            });
        }
    }
    if let Some(s) = start {
        out.push(Word {
            text: &text[s..bytes_len],
            byte_start: s,
        });
    }
    out
}

/// The comparable form of a word: lowercase, possessive dropped, plural
/// folded ("Hikvision’s" → "hikvision", "cameras" → "camera").
pub fn normalise(word: &str) -> String {
    let lower = word.to_lowercase();
    let base = lower
        .strip_suffix("’s")
        .or_else(|| lower.strip_suffix("'s"))
        .unwrap_or(&lower);
    measure::stem(base)
}

/// The content terms of a claim, deduplicated and sorted, with concept
/// tokens (`~detention`, `~blacklist`) for words that signal one.
pub fn content_terms(text: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in words(text) {
        let lower = word.text.to_lowercase();
        if let Some(concept) = measure::concept(&lower) {
            terms.push(format!("~{concept}"));
        }
        if word.text.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let term = normalise(word.text);
        if term.chars().count() < 2 || STOPWORDS.contains(&lower.as_str()) {
            continue;
        }
        if STOPWORDS.contains(&term.as_str()) {
            continue;
        }
        terms.push(term);
    }
    terms.sort();
    terms.dedup();
    terms
}

/// The names a claim speaks of: capitalised words and acronyms, normalised;
/// a capitalised word that starts a sentence counts when `is_common` says
/// it is not an ordinary word ("Hikvision is ..." but not "Several ...").
/// Sorted, deduplicated.
pub fn subjects(text: &str, is_common: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut out = subjects_in_order(text, is_common);
    out.sort();
    out.dedup();
    out
}

/// The first name a claim speaks of that is not a place or government
/// everything here is set in ("Dahua" in "In October 2019, the U.S.
/// commerce department added Dahua to its entity list"): the claim's
/// principal subject.
pub fn principal_subject(text: &str, is_common: &dyn Fn(&str) -> bool) -> Option<String> {
    const SETTING: &[&str] = &[
        "us",
        "u.s",
        "uk",
        "eu",
        "china",
        "chinese",
        "america",
        "american",
        "united",
        "states",
        "government",
        "department",
        "commerce",
    ];
    subjects_in_order(text, is_common)
        .into_iter()
        .find(|s| !SETTING.contains(&s.as_str()) && measure::concept(s).is_none())
}

/// The names of a claim in text order (see [`subjects`]).
fn subjects_in_order(text: &str, is_common: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    for word in words(text) {
        let first = word.text.chars().next().unwrap_or(' ');
        if !first.is_uppercase() {
            continue;
        }
        let lower = normalise(word.text);
        if NOT_SUBJECTS.contains(&lower.as_str())
            || crate::dates::is_calendar_name(&lower)
            || lower.chars().count() < 2
        {
            continue;
        }
        let before = text[..word.byte_start].trim_end();
        let starts_sentence = before.is_empty()
            || before.ends_with(['.', '!', '?', ':', '“', '"', '(', '['])
            || before.ends_with("—");
        let acronym = word.text.chars().filter(|c| c.is_uppercase()).count() >= 2;
        // A sentence's first word is capitalised anyway: keep it only when
        // it is not an ordinary word.
        if starts_sentence
            && !acronym
            && (is_common(&word.text.to_lowercase()) || STOPWORDS.contains(&lower.as_str()))
        {
            continue;
        }
        out.push(lower);
    }
    out
}

/// True when the claim opens by referring back to something named before
/// ("The company ...", "It ...").
pub fn refers_back(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase();
    BACK_REFERENCES
        .iter()
        .any(|opening| lower.starts_with(opening))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_fold_plurals_possessives_and_concepts() {
        let terms = content_terms(
            "Hikvision’s cameras are used the world over, which has raised human rights concerns given that nearly 1.2 million Muslims are being detained in camps in Xinjiang.",
        );
        for expected in ["hikvision", "camera", "muslim", "xinjiang", "~detention"] {
            assert!(
                terms.contains(&expected.to_string()),
                "{expected}: {terms:?}"
            );
        }
        assert!(!terms.contains(&"the".to_string()));
    }

    #[test]
    fn subjects_are_names_not_sentence_openers() {
        let subjects = subjects(
            "On Oct 7, Washington put 28 Chinese technology firms on a blacklist, including Hangzhou Hikvision Digital Technology Co and Zhejiang Dahua Technology Co.",
            &|w| w == "on",
        );
        assert!(subjects.contains(&"hikvision".to_string()), "{subjects:?}");
        assert!(subjects.contains(&"dahua".to_string()));
        assert!(!subjects.contains(&"on".to_string()));
        assert!(!subjects.contains(&"oct".to_string()));
        let opener = |w: &str| w == "several";
        assert_eq!(
            super::subjects("Hikvision is a company.", &opener),
            vec!["hikvision"]
        );
        assert!(super::subjects("Several companies were placed on the list.", &opener).is_empty());
        // corpus/004.
        let principal = principal_subject(
            "In October 2019, the U.S. commerce department added Dahua to its entity list, prohibiting it from conducting business with U.S. companies.",
            &|w| w == "in",
        );
        assert_eq!(principal.as_deref(), Some("dahua"));
    }

    #[test]
    fn back_references() {
        assert!(refers_back(
            "The company earned over US$8.2 billion in 2019."
        ));
        assert!(refers_back(
            "It was reportedly once the most valuable AI startup."
        ));
        assert!(!refers_back(
            "Hikvision is one of the largest manufacturers."
        ));
    }
}
