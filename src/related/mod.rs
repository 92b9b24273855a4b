//! Related claims: for one claim, the claims in other articles that state
//! the same fact or speak of the same event, ranked by evidence (shared
//! subject terms, overlapping dates, shared quotations, wording and
//! figures), each saying why it was picked and whether its article is the
//! earlier one.

pub mod corpus;
pub mod retrieve;
pub mod syndication;
pub mod terms;

use crate::dates;
use crate::figures;
use crate::model::{Claim, DatePrecision, Evidence, RelatedClaim};
use corpus::{shared_terms, ClaimCorpus};
use std::collections::HashSet;

/// How many candidates the term index hands over before evidence is weighed.
const CANDIDATES: usize = 200;
/// Below this cosine similarity a candidate needs other evidence as well.
const MIN_SIMILARITY: f32 = 0.08;
/// Below this similarity a candidate is dropped whatever else it shares.
const FLOOR_SIMILARITY: f32 = 0.03;
/// Words in a row two claims must share to count as the same wording.
const SHINGLE: usize = 7;

/// The claims related to `entry`, best first, at most `limit`.
pub fn related(corpus: &ClaimCorpus, entry: usize, limit: usize) -> Vec<RelatedClaim> {
    let mut out: Vec<RelatedClaim> = corpus
        .candidates(entry, CANDIDATES)
        .into_iter()
        .filter_map(|(other, similarity)| judge(corpus, entry, other, similarity))
        .collect();
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.claim.id.cmp(&b.claim.id))
    });
    out.truncate(limit);
    out
}

/// Weigh the evidence that `other` speaks of what `entry` does.
fn judge(
    corpus: &ClaimCorpus,
    entry: usize,
    other: usize,
    similarity: f32,
) -> Option<RelatedClaim> {
    if similarity < FLOOR_SIMILARITY {
        return None;
    }
    let (this_claim, other_claim) = (corpus.claim(entry), corpus.claim(other));
    let mut evidence = Vec::new();
    let mut score = f64::from(similarity);
    // Names in common (Hikvision, Apple) say more than common words do.
    let names = shared_terms(
        &corpus.entries[entry].subjects,
        &corpus.entries[other].subjects,
    )
    .count();
    score += 0.04 * names.min(4) as f64;

    if let Some(quote) = shared_quotation(this_claim, other_claim) {
        score += 0.4;
        evidence.push(Evidence::SharedQuotation { text: quote });
    } else if let Some(wording) = shared_wording(&this_claim.text, &other_claim.text) {
        score += 0.3;
        evidence.push(Evidence::SharedWording { text: wording });
    }
    for (this, other_figure) in shared_figures(corpus, entry, other) {
        score += 0.25;
        evidence.push(Evidence::SharedFigure {
            this,
            other: other_figure,
        });
    }
    if let Some((this, other_date, precision)) = shared_date(this_claim, other_claim) {
        score += match precision {
            DatePrecision::Day | DatePrecision::Week => 0.25,
            DatePrecision::Month => 0.15,
            _ => 0.05,
        };
        evidence.push(Evidence::SharedDate {
            this,
            other: other_date,
        });
    }
    let mut shared: Vec<&String> =
        shared_terms(&corpus.entries[entry].terms, &corpus.entries[other].terms)
            .filter(|t| !t.starts_with('~'))
            .collect();
    // One word in common is chance, whatever the cosine says.
    if evidence.is_empty() && (similarity < MIN_SIMILARITY || shared.len() < 2) {
        return None;
    }
    shared.sort_by(|a, b| corpus.idf(b).total_cmp(&corpus.idf(a)).then(a.cmp(b)));
    shared.truncate(8);
    if !shared.is_empty() {
        evidence.insert(
            0,
            Evidence::SharedTerms {
                terms: shared.into_iter().cloned().collect(),
            },
        );
    }
    Some(RelatedClaim {
        article: corpus.summary(other),
        claim: other_claim.clone(),
        score: (score * 1000.0).round() / 1000.0,
        evidence,
        earlier: earlier(
            corpus.article(entry).published.as_deref(),
            corpus.article(other).published.as_deref(),
        ),
    })
}

/// Whether `other` was published before `this` (by calendar day); `None`
/// when either date is unknown.
pub fn earlier(this: Option<&str>, other: Option<&str>) -> Option<bool> {
    let this = dates::parse_anchor(this?)?;
    let other = dates::parse_anchor(other?)?;
    Some(other < this)
}

/// A quotation both claims carry (one may hold part of the other's).
fn shared_quotation(a: &Claim, b: &Claim) -> Option<String> {
    for qa in a.quotes.iter().filter(|q| !q.scare) {
        for qb in b.quotes.iter().filter(|q| !q.scare) {
            let (wa, wb) = (folded_words(&qa.text), folded_words(&qb.text));
            if wa.len() < 3 || wb.len() < 3 {
                continue;
            }
            let (short, long) = if wa.len() <= wb.len() {
                (&wa, &wb)
            } else {
                (&wb, &wa)
            };
            let contained = long.windows(short.len()).any(|w| w == short.as_slice());
            if contained || longest_common_run(&wa, &wb) >= SHINGLE {
                let text = if qa.text.len() <= qb.text.len() {
                    &qa.text
                } else {
                    &qb.text
                };
                return Some(text.clone());
            }
        }
    }
    None
}

/// The longest run of at least [`SHINGLE`] words both texts share, as
/// written in `a`.
fn shared_wording(a: &str, b: &str) -> Option<String> {
    let words_a = terms::words(a);
    let folded_a: Vec<String> = words_a.iter().map(|w| w.text.to_lowercase()).collect();
    let folded_b = folded_words(b);
    if folded_a.len() < SHINGLE || folded_b.len() < SHINGLE {
        return None;
    }
    let shingles: HashSet<&[String]> = folded_b.windows(SHINGLE).collect();
    let mut best: Option<(usize, usize)> = None;
    let mut i = 0;
    while i + SHINGLE <= folded_a.len() {
        if shingles.contains(&folded_a[i..i + SHINGLE]) {
            let mut end = i + SHINGLE;
            while end < folded_a.len() && shingles.contains(&folded_a[end + 1 - SHINGLE..end + 1]) {
                end += 1;
            }
            if best.is_none_or(|(s, e)| end - i > e - s) {
                best = Some((i, end));
            }
            i = end;
        } else {
            i += 1;
        }
    }
    let (start, end) = best?;
    let from = words_a[start].byte_start;
    let last = &words_a[end - 1];
    Some(a[from..last.byte_start + last.text.len()].to_string())
}

fn folded_words(text: &str) -> Vec<String> {
    terms::words(text)
        .into_iter()
        .map(|w| w.text.to_lowercase())
        .collect()
}

fn longest_common_run(a: &[String], b: &[String]) -> usize {
    let mut best = 0;
    let mut previous = vec![0usize; b.len() + 1];
    for wa in a {
        let mut current = vec![0usize; b.len() + 1];
        for (j, wb) in b.iter().enumerate() {
            if wa == wb {
                current[j + 1] = previous[j] + 1;
                best = best.max(current[j + 1]);
            }
        }
        previous = current;
    }
    best
}

/// Figures both claims state (same amount of the same kind of thing).
fn shared_figures(corpus: &ClaimCorpus, a: usize, b: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for fa in &corpus.entries[a].figures {
        for fb in &corpus.entries[b].figures {
            if figures::same_amount(fa, fb) && figures::same_measure(fa, fb) {
                out.push((fa.text.clone(), fb.text.clone()));
            }
        }
    }
    out.dedup();
    out
}

/// The most precise pair of overlapping dates the claims give.
fn shared_date(a: &Claim, b: &Claim) -> Option<(String, String, DatePrecision)> {
    let mut best: Option<(String, String, DatePrecision)> = None;
    for da in &a.dates {
        let Some((a_start, a_end)) = dates::interval(da) else {
            continue;
        };
        for db in &b.dates {
            let Some((b_start, b_end)) = dates::interval(db) else {
                continue;
            };
            if a_start <= b_end && b_start <= a_end {
                let precision = da.precision.max(db.precision);
                if best.as_ref().is_none_or(|(_, _, p)| precision < *p) {
                    best = Some((da.text.clone(), db.text.clone(), precision));
                }
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_wording_finds_the_copied_passage() {
        // corpus/000 and corpus/004 quote the same Entity List ruling.
        let a = "According to the ruling, the companies were placed on the list because of their involvement “in human rights violations and abuses in the implementation of China’s campaign of repression, mass arbitrary detention”.";
        let b = "The department said the “entities have been implicated in human rights violations and abuses in the implementation of China’s campaign of repression, mass arbitrary detention, and high-technology surveillance against Uyghurs.”";
        let wording = shared_wording(a, b).expect("shared passage");
        assert!(
            wording.starts_with("in human rights violations and abuses in the implementation"),
            "{wording}"
        );
        assert!(shared_wording(a, "An unrelated claim about thermal cameras in use.").is_none());
    }

    #[test]
    fn earlier_compares_calendar_days() {
        assert_eq!(
            earlier(Some("2020-11-09"), Some("2019-11-06T09:00:00+00:00")),
            Some(true)
        );
        assert_eq!(earlier(Some("2019-11-06"), Some("2020-11-09")), Some(false));
        assert_eq!(earlier(None, Some("2020-11-09")), None);
    }
}
