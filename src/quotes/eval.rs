//! Scoring the quotation extractor against PolNeAR gold (JSON Lines, one
//! article a line, offsets in chars), as `../shared/eval/polnear/README.md`
//! suggests: direct quotations only (`kind == "direct"`), 1:1 greedy
//! matching micro-averaged over the file, exact and overlap match levels,
//! speaker accuracy over matched quotations, and end-to-end quote+speaker
//! F1, each speaker figure strict (the predicted speaker phrase overlaps the
//! gold source span) and lenient (also accepting a named speaker when the
//! gold source is a pronoun or a description, or one sharing a name word
//! with the gold source).

use super::extract::{extract, Found};
use super::words::{is_determiner, is_pronoun};
use serde::{Deserialize, Serialize};

/// One gold quotation segment of the PolNeAR file.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldQuote {
    pub start: usize,
    pub end: usize,
    #[serde(default)]
    pub speaker: Option<String>,
    #[serde(default)]
    pub speaker_start: Option<usize>,
    #[serde(default)]
    pub speaker_end: Option<usize>,
    pub kind: String,
}

/// One article line of the PolNeAR file (fields the metric needs).
#[derive(Debug, Clone, Deserialize)]
pub struct GoldArticle {
    pub id: String,
    pub text: String,
    pub quotes: Vec<GoldQuote>,
}

/// One predicted quotation segment, in chars.
#[derive(Debug, Clone, PartialEq)]
pub struct Predicted {
    pub start: usize,
    pub end: usize,
    /// The speaker phrase's char span, when attributed.
    pub speaker_span: Option<(usize, usize)>,
    /// The speaker's name as the extractor gives it.
    pub speaker: Option<String>,
    /// A standalone quotation, not a fragment of the writer's sentence.
    pub direct: bool,
}

/// Char offset of every byte offset of `text` (valid at char boundaries).
fn char_offsets(text: &str) -> Vec<usize> {
    let mut map = vec![0; text.len() + 1];
    let mut chars = 0;
    for (byte, c) in text.char_indices() {
        for slot in &mut map[byte..byte + c.len_utf8()] {
            *slot = chars;
        }
        chars += 1;
    }
    map[text.len()] = chars;
    map
}

/// The extractor's quotation segments of a text, with char offsets.
pub fn predict(text: &str) -> Vec<Predicted> {
    let chars = char_offsets(text);
    let mut out = Vec::new();
    for found in extract(text) {
        let Found {
            passage,
            attribution,
            partial,
            ..
        } = found;
        for segment in &passage.segments {
            out.push(Predicted {
                start: chars[segment.start],
                end: chars[segment.end],
                speaker_span: attribution
                    .as_ref()
                    .map(|a| (chars[a.speaker.mention.0], chars[a.speaker.mention.1])),
                speaker: attribution.as_ref().map(|a| a.speaker.name.clone()),
                direct: !partial,
            });
        }
    }
    out
}

/// Precision, recall and F1 of one count.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub true_positives: usize,
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

fn prf(tp_pred: usize, predicted: usize, tp_gold: usize, gold: usize) -> Prf {
    let precision = ratio(tp_pred, predicted);
    let recall = ratio(tp_gold, gold);
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Prf {
        precision,
        recall,
        f1,
        true_positives: tp_gold,
    }
}

/// Quote extraction at both match levels.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct QuoteF1 {
    pub exact: Prf,
    pub overlap: Prf,
}

/// The figures of one gold file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Always `"direct"`: gold quotations with `kind == "direct"`, against
    /// predicted quotations that are not fragments (`partial`).
    pub scope: String,
    pub articles: usize,
    pub gold_quotes: usize,
    pub predicted_quotes: usize,
    pub quote_f1: QuoteF1,
    /// Over overlap-matched quotations: the predicted speaker phrase
    /// overlaps the gold source span.
    pub speaker_accuracy: f64,
    /// Also accepting a named speaker for a pronoun/description gold
    /// source, or one sharing a name word with it.
    pub speaker_accuracy_lenient: f64,
    /// A true positive needs an overlap quote match and a strict speaker match.
    pub quote_speaker_f1: Prf,
    /// The same with the lenient speaker match.
    pub quote_speaker_f1_lenient: Prf,
    /// Exact/overlap quote F1 over every gold quotation (direct and mixed)
    /// against every predicted one (fragments included): for reference.
    pub all_quotes_f1: QuoteF1,
}

/// Running counts over a file.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    articles: usize,
    gold: usize,
    predicted: usize,
    exact: usize,
    overlap: usize,
    speaker_strict: usize,
    speaker_lenient: usize,
    all_gold: usize,
    all_predicted: usize,
    all_exact: usize,
    all_overlap: usize,
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// 1:1 greedy matching: exact matches, then the largest overlap.
/// Returns for each gold the index of its predicted match.
fn match_greedy(gold: &[&GoldQuote], pred: &[&Predicted], exact_only: bool) -> Vec<Option<usize>> {
    let mut used = vec![false; pred.len()];
    let mut out = vec![None; gold.len()];
    for (g, gq) in gold.iter().enumerate() {
        if let Some(p) = (0..pred.len())
            .find(|&p| !used[p] && pred[p].start == gq.start && pred[p].end == gq.end)
        {
            used[p] = true;
            out[g] = Some(p);
        }
    }
    if exact_only {
        return out;
    }
    for (g, gq) in gold.iter().enumerate() {
        if out[g].is_some() {
            continue;
        }
        let best = (0..pred.len())
            .filter(|&p| !used[p])
            .map(|p| {
                (
                    p,
                    overlaps((gq.start, gq.end), (pred[p].start, pred[p].end)),
                )
            })
            .filter(|&(_, o)| o > 0)
            .max_by_key(|&(_, o)| o);
        if let Some((p, _)) = best {
            used[p] = true;
            out[g] = Some(p);
        }
    }
    out
}

/// Is the gold source a pronoun or a description (no proper name)?
fn is_pronoun_or_description(speaker: &str) -> bool {
    let first = speaker.split_whitespace().next().unwrap_or("");
    is_pronoun(speaker.trim())
        || is_determiner(first)
        || !speaker
            .split_whitespace()
            .any(|w| w.chars().next().is_some_and(char::is_uppercase))
}

fn name_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2 && w.chars().next().is_some_and(char::is_uppercase))
        .map(str::to_lowercase)
        .collect()
}

/// (strict, lenient) speaker match of a matched pair.
fn speaker_match(gold: &GoldQuote, pred: &Predicted) -> (bool, bool) {
    let (Some(gs), Some(ge)) = (gold.speaker_start, gold.speaker_end) else {
        let none = pred.speaker.is_none();
        return (none, none);
    };
    let strict = pred
        .speaker_span
        .is_some_and(|span| overlaps(span, (gs, ge)) > 0);
    let lenient = strict
        || match (&gold.speaker, &pred.speaker) {
            (Some(g), Some(p)) => {
                is_pronoun_or_description(g) && !is_pronoun(p)
                    || name_words(p).iter().any(|w| name_words(g).contains(w))
            }
            _ => false,
        };
    (strict, lenient)
}

impl Tally {
    /// Score one article.
    pub fn add(&mut self, article: &GoldArticle) {
        let predicted = predict(&article.text);
        self.articles += 1;
        let gold: Vec<&GoldQuote> = article
            .quotes
            .iter()
            .filter(|q| q.kind == "direct")
            .collect();
        let pred: Vec<&Predicted> = predicted.iter().filter(|p| p.direct).collect();
        self.gold += gold.len();
        self.predicted += pred.len();
        self.exact += match_greedy(&gold, &pred, true).iter().flatten().count();
        for (g, m) in match_greedy(&gold, &pred, false).iter().enumerate() {
            if let Some(p) = m {
                self.overlap += 1;
                let (strict, lenient) = speaker_match(gold[g], pred[*p]);
                self.speaker_strict += usize::from(strict);
                self.speaker_lenient += usize::from(lenient);
            }
        }
        let all_gold: Vec<&GoldQuote> = article.quotes.iter().collect();
        let all_pred: Vec<&Predicted> = predicted.iter().collect();
        self.all_gold += all_gold.len();
        self.all_predicted += all_pred.len();
        self.all_exact += match_greedy(&all_gold, &all_pred, true)
            .iter()
            .flatten()
            .count();
        self.all_overlap += match_greedy(&all_gold, &all_pred, false)
            .iter()
            .flatten()
            .count();
    }

    /// The figures so far.
    pub fn report(&self) -> Report {
        Report {
            scope: "direct".into(),
            articles: self.articles,
            gold_quotes: self.gold,
            predicted_quotes: self.predicted,
            quote_f1: QuoteF1 {
                exact: prf(self.exact, self.predicted, self.exact, self.gold),
                overlap: prf(self.overlap, self.predicted, self.overlap, self.gold),
            },
            speaker_accuracy: ratio(self.speaker_strict, self.overlap),
            speaker_accuracy_lenient: ratio(self.speaker_lenient, self.overlap),
            quote_speaker_f1: prf(
                self.speaker_strict,
                self.predicted,
                self.speaker_strict,
                self.gold,
            ),
            quote_speaker_f1_lenient: prf(
                self.speaker_lenient,
                self.predicted,
                self.speaker_lenient,
                self.gold,
            ),
            all_quotes_f1: QuoteF1 {
                exact: prf(
                    self.all_exact,
                    self.all_predicted,
                    self.all_exact,
                    self.all_gold,
                ),
                overlap: prf(
                    self.all_overlap,
                    self.all_predicted,
                    self.all_overlap,
                    self.all_gold,
                ),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(start: usize, end: usize, speaker: Option<(usize, usize, &str)>) -> GoldQuote {
        GoldQuote {
            start,
            end,
            speaker: speaker.map(|s| s.2.to_string()),
            speaker_start: speaker.map(|s| s.0),
            speaker_end: speaker.map(|s| s.1),
            kind: "direct".into(),
        }
    }

    #[test]
    fn char_offsets_count_chars_not_bytes() {
        let text = "“Ça va,” he said.";
        let predicted = predict(text);
        assert_eq!(predicted.len(), 1);
        assert_eq!((predicted[0].start, predicted[0].end), (1, 7));
        assert_eq!(predicted[0].speaker_span, Some((9, 11)));
    }

    #[test]
    fn scoring_counts_exact_overlap_and_speakers() {
        let text = "“We hope so,” he said. Later “Fine then.” And “Never.” Trump said.".to_string();
        // Gold: the first two quotes, the second attributed to "Trump".
        let article = GoldArticle {
            id: "t".into(),
            quotes: vec![
                gold(1, 12, Some((14, 16, "he"))),
                gold(30, 40, Some((56, 61, "Trump"))),
            ],
            text,
        };
        let mut tally = Tally::default();
        tally.add(&article);
        let report = tally.report();
        assert_eq!(report.gold_quotes, 2);
        assert_eq!(report.quote_f1.exact.true_positives, 1);
        assert!(report.quote_f1.overlap.true_positives >= 1);
        assert!(report.speaker_accuracy > 0.0);
    }

    #[test]
    fn lenient_accepts_a_name_for_a_pronoun() {
        assert!(is_pronoun_or_description("he"));
        assert!(is_pronoun_or_description("the influential US daily"));
        assert!(!is_pronoun_or_description("Mr. Alexander"));
    }
}
