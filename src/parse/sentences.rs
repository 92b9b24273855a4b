//! Sentence splitting: our own splitter, faster than UAX#29 and right on the
//! cases news and proposal text needs (abbreviations, initials, dotted
//! acronyms, numbers, quotation marks closing after the period).
//!
//! It scans bytes (the ASCII fast path) and decodes a character only where a
//! decision needs one. A split happens after `.`, `!`, `?` or `…` (plus any
//! closing quotes and brackets) when whitespace follows and the next word
//! can start a sentence.

/// The sentences of `text` as byte ranges `[start, end)`, trimmed of
/// whitespace. Together they hold every non-whitespace byte of `text`,
/// once, in order.
pub fn split(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut out = Vec::new();
    let mut start = skip_whitespace(text, 0);
    let mut i = start;
    while i < len {
        let term = match bytes[i] {
            b'.' | b'!' | b'?' => 1,
            0xE2 if bytes[i..].starts_with("…".as_bytes()) => 3,
            _ => {
                i += 1;
                continue;
            }
        };
        let end = extend_closing(text, i + term);
        if end >= len {
            break;
        }
        let Some(ws) = whitespace_len(text, end) else {
            i = end;
            continue;
        };
        let next = skip_whitespace(text, end + ws);
        if next >= len {
            break;
        }
        if is_boundary(text, start, i, end, next) {
            out.push((start, end));
            start = next;
        }
        i = next;
    }
    if start < len {
        let end = text.trim_end().len();
        if end > start {
            out.push((start, end));
        }
    }
    out
}

/// Titles and abbreviations that never end a sentence.
const NEVER_FINAL: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Rev", "Hon", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt",
    "Sgt", "Maj", "Adm", "Fr", "Mt", "St", "Sr", "Jr", "vs", "v", "cf", "Messrs",
];

/// Abbreviations that do not end a sentence before a number (`No. 5`, `Oct. 7`).
const BEFORE_NUMBER: &[&str] = &[
    "No", "Nos", "no", "Fig", "Figs", "fig", "Vol", "vol", "p", "pp", "ch", "Ch", "sec", "Sec",
    "Art", "art", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
    "Dec", "approx", "ca", "Ed", "ed", "Eq", "eq", "Nr",
];

/// Abbreviations that end a sentence only before a word that often starts one
/// (`... Technology Co. In July` splits, `Co. and` and `U.S. Government` do not).
const USUALLY_INNER: &[&str] = &[
    "Inc", "Co", "Corp", "Ltd", "Bros", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec", "etc", "al", "No", "approx", "est", "Dept", "Univ", "Assn", "Ave",
    "Blvd", "Fig", "Figs", "Vol", "resp", "ibid", "Ibid", "op", "cit", "viz", "ca",
];

/// Words that often start a sentence, used to decide after an abbreviation.
const STARTERS: &[&str] = &[
    "A",
    "About",
    "After",
    "Also",
    "Although",
    "An",
    "And",
    "Another",
    "As",
    "At",
    "Before",
    "Both",
    "But",
    "By",
    "Despite",
    "During",
    "Each",
    "Earlier",
    "Following",
    "For",
    "From",
    "He",
    "Her",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Last",
    "Later",
    "Many",
    "Meanwhile",
    "More",
    "Most",
    "Now",
    "On",
    "One",
    "Other",
    "Our",
    "She",
    "Since",
    "Some",
    "So",
    "Still",
    "Such",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "To",
    "Today",
    "Under",
    "We",
    "What",
    "When",
    "Where",
    "While",
    "Who",
    "Why",
    "With",
    "Yet",
    "You",
    "According",
    "Several",
    "Then",
    "Thus",
    "Instead",
    "Because",
];

fn is_boundary(text: &str, start: usize, term: usize, end: usize, next: usize) -> bool {
    let next_word = word_at(text, next);
    let Some(first) = next_word.chars().next() else {
        return true;
    };
    if first.is_lowercase() && !next_word.chars().skip(1).any(char::is_uppercase) {
        return false;
    }
    if matches!(
        first,
        ',' | ';' | ':' | ')' | ']' | '}' | '-' | '–' | '—' | '%'
    ) {
        return false;
    }
    // An elision `[…]` or a lone mark is not a sentence of its own.
    if !text[start..end].chars().any(char::is_alphanumeric) {
        return false;
    }
    if text.as_bytes()[term] != b'.' || end - term > 1 && text[term..end].starts_with("..") {
        return true;
    }
    // The period of an ellipsis `...` ends a sentence like `…`.
    let before = word_before(text, start, term);
    if before.ends_with('.') {
        return true;
    }
    if before.is_empty() {
        return true;
    }
    let word_start = term - before.len();
    if before.bytes().all(|b| b.is_ascii_digit()) {
        // `1.` opening an enumeration is not a sentence of its own.
        return word_start != start;
    }
    if NEVER_FINAL.contains(&before) {
        return false;
    }
    let next_is_number = first.is_ascii_digit();
    if next_is_number && BEFORE_NUMBER.contains(&before) {
        return false;
    }
    let is_initial = before.chars().count() == 1 && before.chars().all(char::is_uppercase);
    let is_dotted = before.contains('.');
    if is_initial || is_dotted || USUALLY_INNER.contains(&before) {
        let bare = next_word.trim_start_matches(['"', '“', '‘', '\'', '(']);
        let bare = bare.trim_end_matches(|c: char| !c.is_alphanumeric());
        return STARTERS.contains(&bare);
    }
    true
}

/// Extend past repeated terminators and closing quotes or brackets.
fn extend_closing(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while at < bytes.len() {
        match bytes[at] {
            b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b']' => at += 1,
            0xE2 => {
                let rest = &text[at..];
                if rest.starts_with('”') || rest.starts_with('’') || rest.starts_with('…') {
                    at += 3;
                } else {
                    break;
                }
            }
            0xC2 if text[at..].starts_with('»') => at += 2,
            _ => break,
        }
    }
    at
}

/// The byte length of the whitespace character at `at`, if it is one.
fn whitespace_len(text: &str, at: usize) -> Option<usize> {
    let b = text.as_bytes()[at];
    if b < 0x80 {
        return b.is_ascii_whitespace().then_some(1);
    }
    let c = text[at..].chars().next()?;
    c.is_whitespace().then(|| c.len_utf8())
}

fn skip_whitespace(text: &str, mut at: usize) -> usize {
    while at < text.len() {
        match whitespace_len(text, at) {
            Some(n) => at += n,
            None => break,
        }
    }
    at
}

/// The whitespace-delimited word starting at `at`.
fn word_at(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    &rest[..end]
}

/// The word right before the terminator at `term`, without opening
/// punctuation (`(e.g` gives `e.g`).
fn word_before(text: &str, start: usize, term: usize) -> &str {
    let head = &text[start..term];
    let from = head
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘' | '['))
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    &head[from..]
}

#[cfg(test)]
mod tests {
    use super::split;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            sentences("One is here. Two is there!  Three? "),
            vec!["One is here.", "Two is there!", "Three?"]
        );
    }

    #[test]
    fn keeps_abbreviations_and_numbers() {
        let text = "The U.S. Government said Mr. Smith paid $8.2 billion on Oct. 7 to Dr. Jones of Acme Co. and No. 5 rose 0.3°C, or 99%. Next one.";
        assert_eq!(sentences(text).len(), 2, "{:?}", sentences(text));
    }

    #[test]
    fn corporate_suffix_ends_a_sentence_before_a_starter() {
        let text = "Also listed was Yixin Technology Co. In July this year, more were added.";
        assert_eq!(sentences(text).len(), 2);
        let text = "It was Hikvision Digital Technology Co. and Dahua.";
        assert_eq!(sentences(text).len(), 1);
    }

    #[test]
    fn initials_stay_inside_names() {
        let text = "Megan K. Stack wrote in The New York Times. Isaac B. Kardon agreed.";
        assert_eq!(
            sentences(text),
            vec![
                "Megan K. Stack wrote in The New York Times.",
                "Isaac B. Kardon agreed."
            ]
        );
    }

    #[test]
    fn quotes_close_after_the_period() {
        let text = "He said, “We are done.” Then he left. “Why?” she asked.";
        assert_eq!(
            sentences(text),
            vec![
                "He said, “We are done.”",
                "Then he left.",
                "“Why?” she asked."
            ]
        );
    }

    #[test]
    fn nbsp_counts_as_whitespace() {
        let text = "Adding Hangzhou Hikvision Digital Technology Co.\u{a0}and Dahua. Then more.";
        assert_eq!(sentences(text).len(), 2);
    }

    #[test]
    fn lowercase_continuation_does_not_split_but_camel_case_does() {
        assert_eq!(sentences("It was 3 p.m. when it ended. e.g. this").len(), 1);
        assert_eq!(sentences("It ended. iFlytek then spoke.").len(), 2);
    }

    #[test]
    fn elisions_open_the_next_sentence() {
        assert_eq!(
            sentences("[…] The company said so."),
            vec!["[…] The company said so."]
        );
    }

    #[test]
    fn ellipsis_and_enumerations() {
        assert_eq!(sentences("Wait… Then it came.").len(), 2);
        assert_eq!(sentences("Wait... Then it came.").len(), 2);
        assert_eq!(sentences("1. First point here.").len(), 1);
    }

    #[test]
    fn every_non_whitespace_byte_is_kept_once() {
        let text = "  A. B.  C d. \n E? ";
        let joined: String = sentences(text).concat();
        let expected: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let got: String = joined.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(got, expected);
    }
}
