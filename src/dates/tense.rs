//! Dates: which way a bare weekday, month-day or month points from the
//! publication date, read from the tense of the words around it ("will meet
//! on Monday" is the next Monday, "met on Monday" the last one).

use super::resolve::Direction;

/// Words that put the sentence in the future.
const FUTURE: &[&str] = &[
    "will",
    "'ll",
    "shall",
    "won't",
    "expected",
    "expects",
    "scheduled",
    "slated",
    "plans",
    "plan",
    "planning",
    "due",
    "upcoming",
    "intends",
    "until",
    "till",
    "begins",
    "starts",
    "ends",
    "expires",
    "opens",
    "payable",
    "effective",
    "resume",
    "resumes",
    "deadline",
    "expire",
    "tomorrow",
    "would",
    "soon",
    "planned",
    "'d",
];

/// Words that put the sentence in the past (besides verbs ending in -ed).
const PAST: &[&str] = &[
    "said", "was", "were", "had", "did", "ago", "since", "began", "told", "made", "took", "saw",
    "came", "went", "gave", "sold", "won", "lost", "fell", "rose", "left", "met", "held", "got",
    "paid", "put", "set", "hit", "cut", "shut", "quit", "spoke", "wrote", "became", "found",
    "knew", "thought", "brought", "bought", "sent", "spent", "built", "led", "ran", "grew", "drew",
    "flew", "broke", "chose",
];

/// Words ending in -ed that do not mark the past here.
const NOT_PAST: &[&str] = &[
    "expected",
    "scheduled",
    "slated",
    "proposed",
    "need",
    "red",
    "bed",
    "united",
    "based",
    "limited",
    "speed",
    "feed",
    "seed",
    "indeed",
    "shed",
    "hundred",
];

fn cue(word: &str) -> Option<Direction> {
    let word = word.to_ascii_lowercase();
    let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
    if FUTURE.contains(&word) {
        return Some(Direction::Future);
    }
    if PAST.contains(&word) || (word.len() > 3 && word.ends_with("ed") && !NOT_PAST.contains(&word))
    {
        return Some(Direction::Past);
    }
    None
}

/// The direction of the expression at `start..end` of `text`: the nearest
/// tense cue in its sentence before it (up to twelve words), else after it
/// (up to six words); [`Direction::Unknown`] when nothing says.
pub fn direction(text: &str, start: usize, end: usize) -> Direction {
    // Only twelve words before and six after count: look no further than
    // this many bytes each way, so a sentence of a thousand dates costs a
    // thousand short looks, not a thousand scans of the sentence.
    const REACH: usize = 512;
    let mut from = start.saturating_sub(REACH);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = end.saturating_add(REACH).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let before = text.get(from..start).unwrap_or("");
    let sentence_start = before
        .rfind([';', '\n', '!', '?'])
        .map(|i| i + 1)
        .max(before.rfind(". ").map(|i| i + 2))
        .unwrap_or(0);
    let after = text.get(end..to).unwrap_or("");
    let sentence_end = after
        .find([';', '\n', '!', '?'])
        .min(after.find(". "))
        .or_else(|| after.find(['\n', ';', '!', '?']))
        .unwrap_or(after.len());
    let words_before: Vec<&str> = before[sentence_start..].split_whitespace().collect();
    let window = words_before.len().saturating_sub(12);
    for (index, word) in words_before.iter().enumerate().skip(window).rev() {
        // "will be paid", "to be completed": a participle after "be" says
        // nothing; the words before it do.
        let after_be = index > 0
            && matches!(
                words_before[index - 1].to_ascii_lowercase().as_str(),
                "be" | "been" | "being"
            );
        if after_be {
            continue;
        }
        if let Some(direction) = cue(word) {
            return direction;
        }
    }
    for word in after[..sentence_end].split_whitespace().take(6) {
        if let Some(direction) = cue(word) {
            return direction;
        }
    }
    Direction::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str) -> Direction {
        let start = text.find(needle).unwrap();
        direction(text, start, start + needle.len())
    }

    #[test]
    fn tense_decides() {
        assert_eq!(
            at("The board will meet on Monday.", "Monday"),
            Direction::Future
        );
        assert_eq!(at("The board met on Monday.", "Monday"), Direction::Past);
        assert_eq!(
            at("On Oct 7, Washington put 28 firms on a list.", "Oct 7"),
            Direction::Past
        );
        assert_eq!(at("Talks on Monday", "Monday"), Direction::Unknown);
        assert_eq!(at("It will be paid Dec. 14.", "Dec. 14"), Direction::Future);
        assert_eq!(
            at("He said it. The vote is expected on Friday.", "Friday"),
            Direction::Future
        );
    }
}
