//! Verdicts: the thresholds that turn an alignment into `exact`, `elided`,
//! `altered` or `not_found`, the speaker check that makes `misattributed`,
//! and how one verdict is chosen when several passages were compared.
//!
//! The thresholds are documented in `claimdex verify --help` and the README;
//! change all three together.

use crate::model::{QuoteMatch, Verdict};
use crate::verify::normalize::{fold, words};
use std::cmp::Ordering;
use std::collections::BTreeSet;

/// A passage whose similarity with the quotation is at least this (and whose
/// words are not all the same) is `altered`; below it, the quotation is
/// `not_found` there. Similarity is `2 * same words / (quotation words +
/// source words)`: one word replaced in eight gives 0.875, two in eight
/// 0.75 (altered), three in eleven 0.727 (not found).
pub const ALTERED_MIN_SIMILARITY: f64 = 0.75;

/// How many nearest passages a `not_found` verdict shows.
pub const NEAREST_SHOWN: usize = 3;

/// The longest quotation checked, in words.
pub const MAX_QUOTE_WORDS: usize = 1000;

/// How many words beyond the quotation's own length a passage reaches on
/// each side of a claim that shares words with it; for an elided quotation,
/// this is also how much text its elisions may leave out in all.
pub const ELISION_REACH_WORDS: usize = 200;

/// The verdict on the wording alone.
pub fn wording(cost: u32, has_elisions: bool, similarity: f64) -> Verdict {
    if cost == 0 {
        if has_elisions {
            Verdict::Elided
        } else {
            Verdict::Exact
        }
    } else if similarity >= ALTERED_MIN_SIMILARITY {
        Verdict::Altered
    } else {
        Verdict::NotFound
    }
}

/// The verdict once the speaker is checked: right words from the wrong (or
/// no) speaker are `misattributed`; altered wording stays `altered`.
pub fn with_speaker(wording: Verdict, speaker_matches: Option<bool>) -> Verdict {
    match (wording, speaker_matches) {
        (Verdict::Exact | Verdict::Elided, Some(false)) => Verdict::Misattributed,
        (verdict, _) => verdict,
    }
}

/// Whether two names can be the same person: after folding typography and
/// dropping titles, every word of one is a word of the other ("Duan" and
/// "Dawei Duan", "Huang Fanghong" and "Fanghong Huang").
pub fn same_person(asked: &str, named: &str) -> bool {
    let a = name_words(asked);
    let b = name_words(named);
    !a.is_empty() && !b.is_empty() && (a.is_subset(&b) || b.is_subset(&a))
}

fn name_words(name: &str) -> BTreeSet<String> {
    const TITLES: &[&str] = &[
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
    ];
    words(&fold(name))
        .into_iter()
        .map(|t| t.norm.trim_end_matches("'s").to_string())
        .filter(|w| !TITLES.contains(&w.as_str()))
        .collect()
}

/// How good a verdict is for the question asked: lower is better.
pub fn rank(verdict: Verdict) -> u8 {
    match verdict {
        Verdict::Exact | Verdict::Elided => 0,
        Verdict::Misattributed => 1,
        Verdict::Altered => 2,
        Verdict::NotFound => 3,
    }
}

/// Order of the matches shown: better verdicts, then closer wording, then
/// the earliest dated (undated last), then by path and line.
pub fn match_order(a: &QuoteMatch, b: &QuoteMatch) -> Ordering {
    rank(a.verdict)
        .cmp(&rank(b.verdict))
        .then_with(|| rounded(b.similarity).cmp(&rounded(a.similarity)))
        .then_with(|| {
            let (da, db) = (&a.article.published, &b.article.published);
            da.is_none().cmp(&db.is_none()).then_with(|| da.cmp(db))
        })
        .then_with(|| a.article.path.cmp(&b.article.path))
        .then_with(|| a.location.line.cmp(&b.location.line))
}

fn rounded(similarity: f64) -> i64 {
    (similarity * 1000.0).round() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_at_their_edges() {
        assert_eq!(wording(0, false, 1.0), Verdict::Exact);
        assert_eq!(wording(0, true, 1.0), Verdict::Elided);
        assert_eq!(wording(2, false, 0.75), Verdict::Altered);
        assert_eq!(wording(3, false, 0.7499), Verdict::NotFound);
    }

    #[test]
    fn wrong_speaker_only_matters_for_found_words() {
        assert_eq!(
            with_speaker(Verdict::Exact, Some(false)),
            Verdict::Misattributed
        );
        assert_eq!(with_speaker(Verdict::Exact, Some(true)), Verdict::Exact);
        assert_eq!(
            with_speaker(Verdict::Altered, Some(false)),
            Verdict::Altered
        );
        assert_eq!(with_speaker(Verdict::Elided, None), Verdict::Elided);
    }

    #[test]
    fn names_match_by_their_words() {
        assert!(same_person("Duan", "Dawei Duan"));
        assert!(same_person("Fanghong Huang", "Huang Fanghong"));
        assert!(same_person("Dr. Jane Smith", "Jane Smith"));
        assert!(!same_person("Dawei Duan", "Huang Fanghong"));
        assert!(!same_person("Dr.", "Jane Smith"));
    }
}

#[cfg(test)]
mod help_tests {
    use super::*;

    #[test]
    fn help_states_the_thresholds_in_use() {
        let help = crate::cli::VERIFY_HELP;
        assert!(help.contains(&format!("similarity >= {ALTERED_MIN_SIMILARITY}")));
        assert!(help.contains(&format!("the {NEAREST_SHOWN} nearest")));
        assert!(help.contains(&format!("more than {MAX_QUOTE_WORDS} words")));
        assert!(help.contains(&format!("{ELISION_REACH_WORDS} words beyond")));
    }
}
