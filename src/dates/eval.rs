//! Dates: the TempEval-3 Task A metric over a TimeML gold set stored as
//! JSON Lines (`../shared/eval/tempeval3/`). Our extractor runs on each
//! document's text, resolving against its document creation time; system
//! and gold expressions are aligned 1:1 by overlap (relaxed match), and
//! strict, value and type scores are computed as the official scorer does:
//! value F1 = value accuracy over relaxed matches × relaxed F1.

use super::{timexes, Timex};
use crate::model::TimexType;
use serde::{Deserialize, Serialize};

/// One gold document.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldDocument {
    pub doc: String,
    /// Document creation time, `YYYY-MM-DD`.
    pub dct: String,
    pub text: String,
    pub timexes: Vec<GoldTimex>,
}

/// One gold TIMEX3; offsets in chars, end-exclusive.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldTimex {
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub timex_type: String,
    pub value: String,
}

/// Precision, recall and F1, in percent.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// The scores over a gold file (counts pooled over documents).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateScores {
    pub documents: usize,
    pub gold: usize,
    pub system: usize,
    pub relaxed_matches: usize,
    pub strict_matches: usize,
    pub value_matches: usize,
    pub type_matches: usize,
    pub relaxed_f1: f64,
    pub relaxed_precision: f64,
    pub relaxed_recall: f64,
    pub strict_f1: f64,
    pub strict_precision: f64,
    pub strict_recall: f64,
    /// Value accuracy over relaxed matches × relaxed F1 (the TempEval-3 ranking score).
    pub value_f1: f64,
    pub value_precision: f64,
    pub value_recall: f64,
    pub type_f1: f64,
    pub type_precision: f64,
    pub type_recall: f64,
}

/// One disagreement with the gold, for reading the errors.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    pub doc: String,
    /// `missed`, `spurious`, `value`, `type` or `extent`.
    pub kind: &'static str,
    pub gold_text: Option<String>,
    pub gold_value: Option<String>,
    pub gold_type: Option<String>,
    pub system_text: Option<String>,
    pub system_value: Option<String>,
    pub system_type: Option<String>,
    /// The gold or system text in a little context.
    pub context: String,
}

/// A system expression with char offsets.
struct SystemTimex {
    start: usize,
    end: usize,
    text: String,
    value: String,
    timex_type: &'static str,
}

fn type_name(timex_type: TimexType) -> &'static str {
    match timex_type {
        TimexType::Date => "DATE",
        TimexType::Time => "TIME",
        TimexType::Duration => "DURATION",
        TimexType::Set => "SET",
    }
}

/// Our expressions in a gold document, ranges split into their ends (as
/// TimeML tags them), offsets turned from bytes into chars.
fn system_timexes(document: &GoldDocument) -> Vec<SystemTimex> {
    let anchor = super::parse_anchor(&document.dct);
    let text = &document.text;
    let char_index = |byte: usize| text.get(..byte).map_or(0, |prefix| prefix.chars().count());
    let mut flat: Vec<Timex> = Vec::new();
    for timex in timexes(text, anchor) {
        if timex.parts.is_empty() {
            flat.push(timex);
        } else {
            flat.extend(timex.parts);
        }
    }
    flat.into_iter()
        .map(|timex| SystemTimex {
            start: char_index(timex.span.start),
            end: char_index(timex.span.end),
            text: timex.text,
            value: timex.value.unwrap_or_default(),
            timex_type: type_name(timex.timex_type),
        })
        .collect()
}

fn prf(matches: usize, system: usize, gold: usize) -> Prf {
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let precision = ratio(matches, system);
    let recall = ratio(matches, gold);
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Prf {
        precision: precision * 100.0,
        recall: recall * 100.0,
        f1: f1 * 100.0,
    }
}

fn context(text: &str, start: usize, end: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let from = start.saturating_sub(40);
    let to = (end + 40).min(chars.len());
    let mut out = String::new();
    out.extend(chars[from..start.min(chars.len())].iter());
    out.push('[');
    out.extend(chars[start.min(chars.len())..end.min(chars.len())].iter());
    out.push(']');
    out.extend(chars[end.min(chars.len())..to].iter());
    out.replace('\n', " ")
}

/// Score our extractor on gold documents; also return the disagreements.
pub fn score(documents: &[GoldDocument]) -> (DateScores, Vec<Disagreement>) {
    let (mut gold_total, mut system_total) = (0, 0);
    let (mut relaxed, mut strict, mut value, mut typ) = (0, 0, 0, 0);
    let mut disagreements = Vec::new();
    for document in documents {
        let system = system_timexes(document);
        gold_total += document.timexes.len();
        system_total += system.len();
        let mut used = vec![false; system.len()];
        for gold in &document.timexes {
            // The unmatched system expression overlapping most.
            let best = system
                .iter()
                .enumerate()
                .filter(|(i, s)| !used[*i] && s.start < gold.end && gold.start < s.end)
                .max_by_key(|(i, s)| {
                    let overlap = s.end.min(gold.end) - s.start.max(gold.start);
                    (overlap, std::cmp::Reverse(*i))
                })
                .map(|(i, _)| i);
            let disagreement = |kind: &'static str, s: Option<&SystemTimex>| Disagreement {
                doc: document.doc.clone(),
                kind,
                gold_text: Some(gold.text.clone()),
                gold_value: Some(gold.value.clone()),
                gold_type: Some(gold.timex_type.clone()),
                system_text: s.map(|s| s.text.clone()),
                system_value: s.map(|s| s.value.clone()),
                system_type: s.map(|s| s.timex_type.to_string()),
                context: context(&document.text, gold.start, gold.end),
            };
            let Some(index) = best else {
                disagreements.push(disagreement("missed", None));
                continue;
            };
            used[index] = true;
            let s = &system[index];
            relaxed += 1;
            if s.start == gold.start && s.end == gold.end {
                strict += 1;
            } else {
                disagreements.push(disagreement("extent", Some(s)));
            }
            if s.value == gold.value {
                value += 1;
            } else {
                disagreements.push(disagreement("value", Some(s)));
            }
            if s.timex_type == gold.timex_type {
                typ += 1;
            } else {
                disagreements.push(disagreement("type", Some(s)));
            }
        }
        for (s, _) in system.iter().zip(&used).filter(|(_, used)| !**used) {
            disagreements.push(Disagreement {
                doc: document.doc.clone(),
                kind: "spurious",
                gold_text: None,
                gold_value: None,
                gold_type: None,
                system_text: Some(s.text.clone()),
                system_value: Some(s.value.clone()),
                system_type: Some(s.timex_type.to_string()),
                context: context(&document.text, s.start, s.end),
            });
        }
    }
    let relaxed_prf = prf(relaxed, system_total, gold_total);
    let strict_prf = prf(strict, system_total, gold_total);
    let value_prf = prf(value, system_total, gold_total);
    let type_prf = prf(typ, system_total, gold_total);
    let scores = DateScores {
        documents: documents.len(),
        gold: gold_total,
        system: system_total,
        relaxed_matches: relaxed,
        strict_matches: strict,
        value_matches: value,
        type_matches: typ,
        relaxed_f1: relaxed_prf.f1,
        relaxed_precision: relaxed_prf.precision,
        relaxed_recall: relaxed_prf.recall,
        strict_f1: strict_prf.f1,
        strict_precision: strict_prf.precision,
        strict_recall: strict_prf.recall,
        // accuracy × F1 = 2·value / (system + gold): the F1 of value matches.
        value_f1: value_prf.f1,
        value_precision: value_prf.precision,
        value_recall: value_prf.recall,
        type_f1: type_prf.f1,
        type_precision: type_prf.precision,
        type_recall: type_prf.recall,
    };
    (scores, disagreements)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(text: &str, timexes: Vec<GoldTimex>) -> GoldDocument {
        GoldDocument {
            doc: "d".into(),
            dct: "2019-11-06".into(),
            text: text.into(),
            timexes,
        }
    }

    fn gold(text: &str, needle: &str, typ: &str, value: &str) -> GoldTimex {
        let byte = text.find(needle).unwrap();
        let start = text[..byte].chars().count();
        GoldTimex {
            start,
            end: start + needle.chars().count(),
            text: needle.into(),
            timex_type: typ.into(),
            value: value.into(),
        }
    }

    #[test]
    fn value_f1_is_accuracy_times_relaxed_f1() {
        // Chars before the dates are multi-byte: offsets must be chars.
        let text = "Café: on Oct 7 they met, and last year too.";
        let docs = [document(
            text,
            vec![
                gold(text, "Oct 7", "DATE", "2019-10-07"),
                gold(text, "last year", "DATE", "2017"),
            ],
        )];
        let (scores, disagreements) = score(&docs);
        assert_eq!(scores.gold, 2);
        assert_eq!(scores.system, 2);
        assert_eq!(scores.relaxed_matches, 2);
        assert_eq!(scores.strict_matches, 2);
        assert_eq!(scores.value_matches, 1);
        assert!((scores.relaxed_f1 - 100.0).abs() < 1e-9);
        assert!((scores.value_f1 - 50.0).abs() < 1e-9);
        assert_eq!(disagreements.len(), 1);
        assert_eq!(disagreements[0].kind, "value");
    }

    #[test]
    fn misses_and_spurious_count() {
        let text = "It rained on Monday and in 1990 too.";
        let docs = [document(text, vec![gold(text, "rained", "DATE", "X")])];
        let (scores, _) = score(&docs);
        assert_eq!(scores.relaxed_matches, 0);
        assert_eq!(scores.system, 2);
        assert_eq!(scores.relaxed_f1, 0.0);
    }
}
