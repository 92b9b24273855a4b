//! Conflicts: pairs of related claims in different articles whose figures
//! or dates for the same thing disagree, most certain first.
//!
//! Two figures are compared only when they measure the same thing (same
//! kind and currency, same money measure or counted noun, no clashing
//! predicate such as detained vs living there), the claims share a subject
//! or concept, and the values are within a factor of three (further apart,
//! they are far more often different quantities than a disagreement). The
//! same amount written two ways never conflicts, and hedges are read
//! ("over $4 billion" and "over $7.5 billion" agree). Figures for
//! different years are reported as such, not as contradictions.

use crate::dates;
use crate::figures::{self, measure};
use crate::model::{
    Conflict, ConflictKind, ConflictSide, ConflictVerdict, DateMention, DatePrecision, Figure,
    FigureKind, FigureQualifier,
};
use crate::related::corpus::{shared_terms, ClaimCorpus};
use crate::related::terms;
use rayon::prelude::*;
use std::collections::HashSet;

/// Candidates looked at for each claim.
const CANDIDATES: usize = 40;
/// Minimum similarity for two claims' figures to be compared.
const FIGURE_SIMILARITY: f32 = 0.05;
/// Minimum similarity for two claims' dates to be compared.
const DATE_SIMILARITY: f32 = 0.04;
/// Minimum similarity for two claims' counts under 100 to be compared.
const SMALL_COUNT_SIMILARITY: f32 = 0.25;
/// Words of date expressions, which say nothing about what happened (month
/// and weekday names come from `dates::is_calendar_name`).
const DATE_WORDS: &[&str] = &[
    "week",
    "month",
    "day",
    "today",
    "yesterday",
    "tomorrow",
    "ago",
    "earlier",
    "later",
    "weekend",
    "quarter",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
];
/// Counts under this are structure ("three relays"), not disputed facts.
const MIN_COUNT: f64 = 10.0;
/// Figures further apart than this factor measure different things.
const MAX_RATIO: f64 = 3.0;

/// The conflicts among the corpus's claims; with `scope`, only pairs where
/// at least one claim is in it. Most certain first: contradictions, then
/// differences explained by different years.
pub fn find(corpus: &ClaimCorpus, scope: Option<&HashSet<usize>>) -> Vec<Conflict> {
    let interesting: Vec<usize> = (0..corpus.entries.len())
        .filter(|&i| scope.is_none_or(|s| s.contains(&i)))
        .filter(|&i| !corpus.entries[i].figures.is_empty() || has_pinned_date(corpus, i))
        .collect();
    // A pair can only conflict when both claims state a figure or both a
    // pinned date: candidates are looked for among those claims alone, so
    // the work grows with them, not with every claim of the archive.
    let comparable: Vec<bool> = (0..corpus.entries.len())
        .map(|i| !corpus.entries[i].figures.is_empty() || has_pinned_date(corpus, i))
        .collect();
    let postings = corpus.postings_of(|i| comparable[i]);
    let mut found: Vec<(usize, usize, Conflict)> = interesting
        .par_iter()
        .flat_map_iter(|&i| {
            corpus
                .candidates_in(&postings, i, CANDIDATES)
                .into_iter()
                .filter(move |&(j, _)| {
                    // Each pair once: from its lower entry, unless only one side is in scope.
                    i < j || scope.is_some_and(|s| !s.contains(&j))
                })
                .flat_map(move |(j, similarity)| {
                    let mut out = figure_conflicts(corpus, i, j, similarity);
                    out.extend(date_conflict(corpus, i, j, similarity));
                    out.into_iter().map(move |c| (i.min(j), i.max(j), c))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    found.sort_by(|a, b| {
        rank(&a.2)
            .cmp(&rank(&b.2))
            .then(b.2.certainty.total_cmp(&a.2.certainty))
            .then((a.0, a.1).cmp(&(b.0, b.1)))
    });
    // A pair found from both ends (when only one side is in scope) is kept once.
    let mut seen = HashSet::new();
    found
        .into_iter()
        .filter(|(i, j, c)| seen.insert((*i, *j, c.explanation.clone())))
        .map(|(_, _, conflict)| conflict)
        .collect()
}

fn rank(conflict: &Conflict) -> u8 {
    match conflict.verdict {
        ConflictVerdict::Contradiction => 0,
        ConflictVerdict::UnknownYear => 1,
        ConflictVerdict::DifferentYears => 2,
    }
}

/// The figure conflicts between two claims.
fn figure_conflicts(corpus: &ClaimCorpus, i: usize, j: usize, similarity: f32) -> Vec<Conflict> {
    let (ei, ej) = (&corpus.entries[i], &corpus.entries[j]);
    if similarity < FIGURE_SIMILARITY || ei.figures.is_empty() || ej.figures.is_empty() {
        return Vec::new();
    }
    let shared_subjects = shared_terms(&ei.subjects, &ej.subjects).count();
    let (concepts_i, concepts_j) = (
        concepts(&corpus.claim(i).text),
        concepts(&corpus.claim(j).text),
    );
    let shared_concept = concepts_i.iter().any(|c| concepts_j.contains(c));
    let mut out = Vec::new();
    for fa in &ei.figures {
        for fb in &ej.figures {
            if !figures::same_measure(fa, fb) || figures::same_amount(fa, fb) {
                continue;
            }
            // A figure and the same figure in another article agree: skip
            // pairs where either claim states the other's amount as well.
            if ej
                .figures
                .iter()
                .any(|f| figures::same_amount(fa, f) && figures::same_measure(fa, f))
                || ei
                    .figures
                    .iter()
                    .any(|f| figures::same_amount(fb, f) && figures::same_measure(fb, f))
            {
                continue;
            }
            // Increments ("11 more companies") are not totals.
            if figures::is_increment(&corpus.claim(i).text, fa)
                || figures::is_increment(&corpus.claim(j).text, fb)
            {
                continue;
            }
            if fa.kind == FigureKind::Count && fa.value.min(fb.value) < MIN_COUNT {
                continue;
            }
            // Small counts are sizes of sets that differ from claim to claim
            // ("five companies", "28 firms"): only very close claims compare them.
            if fa.kind == FigureKind::Count
                && fa.value.min(fb.value) < 100.0
                && similarity < SMALL_COUNT_SIMILARITY
            {
                continue;
            }
            let ratio = fa.value.max(fb.value) / fa.value.min(fb.value).max(f64::MIN_POSITIVE);
            if ratio > MAX_RATIO {
                continue;
            }
            // "detained" against "live in": different quantities of the same people.
            if !concepts_i.is_empty() && !concepts_j.is_empty() && !shared_concept {
                continue;
            }
            let context = match fa.kind {
                FigureKind::Money => shared_subjects > 0,
                FigureKind::Count | FigureKind::Percent => shared_subjects > 0 || shared_concept,
            };
            if !context || !figures::ranges_disjoint(fa, fb) {
                continue;
            }
            out.push(figure_conflict(
                corpus,
                (i, fa),
                (j, fb),
                similarity,
                shared_subjects,
            ));
        }
    }
    out
}

fn figure_conflict(
    corpus: &ClaimCorpus,
    (i, fa): (usize, &Figure),
    (j, fb): (usize, &Figure),
    similarity: f32,
    shared_subjects: usize,
) -> Conflict {
    let side = |entry: usize, figure: &Figure| {
        let published_year = corpus
            .article(entry)
            .published
            .as_deref()
            .and_then(dates::parse_anchor)
            .map(|d| chrono::Datelike::year(&d));
        ConflictSide {
            article: corpus.summary(entry),
            claim: corpus.claim(entry).clone(),
            figure: Some(figure.clone()),
            date: None,
            year: figure.year.or(published_year),
            year_from_published: figure.year.is_none() && published_year.is_some(),
        }
    };
    let (a, b) = ordered(side(i, fa), side(j, fb));
    let verdict = match (a.year, b.year) {
        (Some(ya), Some(yb)) if ya != yb => ConflictVerdict::DifferentYears,
        (Some(_), None) | (None, Some(_)) if fa.year.is_some() || fb.year.is_some() => {
            ConflictVerdict::UnknownYear
        }
        _ => ConflictVerdict::Contradiction,
    };
    let hedged = [fa, fb]
        .iter()
        .filter(|f| f.qualifier != FigureQualifier::Exact)
        .count();
    let same_head = fa.measure == fb.measure;
    let certainty = (0.3
        + 0.35 * (f64::from(similarity) * 2.5).min(1.0)
        + 0.15 * f64::from(u8::from(shared_subjects > 0))
        + 0.2 * f64::from(u8::from(same_head)))
        * [1.0, 0.85, 0.7][hedged];
    let about = match fa.kind {
        FigureKind::Money => fa.measure.clone(),
        FigureKind::Count | FigureKind::Percent => {
            let theirs = figures::noun_terms(fb);
            figures::noun_terms(fa)
                .into_iter()
                .find(|t| theirs.contains(t))
                .or_else(|| fa.measure.clone())
        }
    }
    .unwrap_or_else(|| "figure".to_string());
    let fa_side = a.figure.as_ref().expect("figure side");
    let fb_side = b.figure.as_ref().expect("figure side");
    let describe = |side: &ConflictSide, figure: &Figure| match side.year {
        Some(year) if side.year_from_published => format!("{} (published {year})", figure.text),
        Some(year) => format!("{} ({year})", figure.text),
        None => figure.text.clone(),
    };
    let explanation = match verdict {
        ConflictVerdict::DifferentYears => format!(
            "{about}: {} vs {}: the figures refer to different years, not a contradiction",
            describe(&a, fa_side),
            describe(&b, fb_side)
        ),
        ConflictVerdict::UnknownYear => format!(
            "{about}: {} vs {}: one source gives no year and its article is undated, so they may refer to different years",
            describe(&a, fa_side),
            describe(&b, fb_side)
        ),
        ConflictVerdict::Contradiction => format!(
            "{about}: {} vs {}: the two sources give different figures",
            describe(&a, fa_side),
            describe(&b, fb_side)
        ),
    };
    Conflict {
        kind: ConflictKind::Figure,
        verdict,
        certainty: (certainty * 100.0).round() / 100.0,
        about,
        explanation,
        a,
        b,
    }
}

/// True when the claim has a resolved date of month precision or finer.
fn has_pinned_date(corpus: &ClaimCorpus, entry: usize) -> bool {
    corpus.claim(entry).dates.iter().any(pinned)
}

fn pinned(mention: &DateMention) -> bool {
    // Weeks ("last week") are too loose to contradict anything.
    matches!(mention.precision, DatePrecision::Day | DatePrecision::Month)
        && mention.resolved
        && dates::interval(mention).is_some()
}

/// A date conflict: two related claims about the same named subjects and
/// the same kind of event (both, or two subjects in common, one of them a
/// claim's principal subject) whose day- or month-precise dates all
/// disagree, the closest pair within two months of each other (a year when
/// the claims also share the kind of event).
fn date_conflict(corpus: &ClaimCorpus, i: usize, j: usize, similarity: f32) -> Option<Conflict> {
    if similarity < DATE_SIMILARITY {
        return None;
    }
    let (ci, cj) = (corpus.claim(i), corpus.claim(j));
    let di: Vec<&DateMention> = ci.dates.iter().filter(|d| pinned(d)).collect();
    let dj: Vec<&DateMention> = cj.dates.iter().filter(|d| pinned(d)).collect();
    if di.is_empty() || dj.is_empty() {
        return None;
    }
    let (ei, ej) = (&corpus.entries[i], &corpus.entries[j]);
    let shared_subjects = shared_terms(&ei.subjects, &ej.subjects).count();
    let shared_concept = concepts(&ci.text)
        .iter()
        .any(|c| concepts(&cj.text).contains(c));
    if !(shared_subjects >= 2 || (shared_subjects >= 1 && shared_concept)) {
        return None;
    }
    // Names alone do not make one event ("Apple removed the feature" and
    // "Apple won a case"): the claims must share the kind of event, or a
    // word that is neither a name nor a date word.
    let event_word = shared_terms(&ei.terms, &ej.terms).any(|t| {
        !t.starts_with('~')
            && ei.subjects.binary_search(t).is_err()
            && ej.subjects.binary_search(t).is_err()
            && !DATE_WORDS.contains(&t.as_str())
            && !crate::dates::is_calendar_name(t)
    });
    if !(shared_concept || event_word) {
        return None;
    }
    // The same kind of event for someone else ("CloudWalk was added to the
    // Entity List" against "Dahua was added") is another event: one claim's
    // principal subject must be named by the other.
    let names = |principal: &Option<String>, subjects: &[String]| {
        principal
            .as_ref()
            .is_some_and(|p| subjects.binary_search(p).is_ok())
    };
    if !(names(&ei.principal, &ej.subjects) || names(&ej.principal, &ei.subjects)) {
        return None;
    }
    let mut closest: Option<(i64, &DateMention, &DateMention)> = None;
    for a in &di {
        let (a_start, a_end) = dates::interval(a)?;
        for b in &dj {
            let (b_start, b_end) = dates::interval(b)?;
            if a_start <= b_end && b_start <= a_end {
                return None; // They agree on some date.
            }
            let gap = if a_end < b_start {
                (b_start - a_end).num_days()
            } else {
                (a_start - b_end).num_days()
            };
            if closest.is_none_or(|(g, _, _)| gap < g) {
                closest = Some((gap, a, b));
            }
        }
    }
    let (gap, da, db) = closest?;
    // Misdatings of one event are usually days or weeks apart; further
    // apart, only claims naming the same kind of event (a shared concept)
    // and two subjects are taken for one event.
    if gap > 366 || (gap > 62 && !(shared_concept && shared_subjects >= 2)) {
        return None;
    }
    let side = |entry: usize, mention: &DateMention| ConflictSide {
        article: corpus.summary(entry),
        claim: corpus.claim(entry).clone(),
        figure: None,
        date: Some(mention.clone()),
        year: None,
        year_from_published: false,
    };
    let (a, b) = ordered(side(i, da), side(j, db));
    let value = |side: &ConflictSide| {
        let date = side.date.as_ref().expect("date side");
        format!("{} ({})", date.text, date.value.as_deref().unwrap_or("?"))
    };
    let certainty = 0.25
        + 0.4 * (f64::from(similarity) * 2.5).min(1.0)
        + 0.1 * (shared_subjects.min(3) as f64)
        + if shared_concept { 0.05 } else { 0.0 };
    Some(Conflict {
        kind: ConflictKind::Date,
        verdict: ConflictVerdict::Contradiction,
        certainty: (certainty.min(1.0) * 100.0).round() / 100.0,
        about: "event date".to_string(),
        explanation: format!(
            "event date: {} vs {}: the two sources date the same event differently",
            value(&a),
            value(&b)
        ),
        a,
        b,
    })
}

/// The concepts a claim's words signal (`detention`, `blacklist`...).
fn concepts(text: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = terms::words(text)
        .iter()
        .filter_map(|w| measure::concept(w.text))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The two sides, the earlier-published article first (when known).
fn ordered(a: ConflictSide, b: ConflictSide) -> (ConflictSide, ConflictSide) {
    let key = |side: &ConflictSide| {
        side.article
            .published
            .as_deref()
            .and_then(dates::parse_anchor)
    };
    match (key(&a), key(&b)) {
        (Some(ka), Some(kb)) if kb < ka => (b, a),
        (None, Some(_)) => (b, a),
        _ => (a, b),
    }
}
