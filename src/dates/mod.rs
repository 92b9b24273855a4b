//! Dates: find date expressions in claim text and normalise them TimeML
//! style, resolving relative ones against the article's publication date.
//!
//! The pipeline: [`scan`] finds candidate spans (regex rules), the longest
//! non-overlapping ones are kept, adjacent dates joined by `-`/`to` become
//! ranges, [`tense`] reads which way a bare weekday or month-day points, and
//! [`resolve`] anchors the expression and writes its [`timeml`] value.
//! [`timexes`] returns every TimeML expression (dates, times, durations,
//! sets) for evaluation; [`extract`] keeps the dates and times a claim
//! speaks of.

pub mod eval;
mod lexicon;
pub mod resolve;
mod scan;
mod tense;
pub mod timeml;

pub use lexicon::{month_number, weekday};

/// True for a month name or abbreviation or a weekday name (any case): the
/// calendar words other stages must not take for subjects or event words.
pub fn is_calendar_name(word: &str) -> bool {
    month_number(word).is_some() || weekday(word).is_some()
}

use crate::model::{Article, DateMention, DatePrecision, Span, TimexType};
use chrono::NaiveDate;
use resolve::Expr;
use scan::Candidate;

/// One TimeML expression found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Timex {
    /// Byte span in the text.
    pub span: Span,
    /// The expression as written.
    pub text: String,
    pub timex_type: TimexType,
    /// The TimeML value (`2019-10-07`, `P3Y`, `PRESENT_REF`); `None` when
    /// it cannot be worked out.
    pub value: Option<String>,
    /// For a range, the value of its end.
    pub end: Option<String>,
    /// Calendar precision, for dates and times.
    pub precision: Option<DatePrecision>,
    /// Whether it needs an anchor.
    pub relative: bool,
    /// Whether `value` was worked out.
    pub resolved: bool,
    /// The anchor used, for relative expressions.
    pub anchor: Option<String>,
    /// For a range, its two ends (TimeML tags each end on its own).
    pub parts: Vec<Timex>,
}

/// Fill every claim's `dates`, anchored on the article's publication date.
pub fn annotate(article: &mut Article) {
    let anchor = article.published.as_deref().and_then(parse_anchor);
    for claim in &mut article.claims {
        claim.dates = extract(&claim.text, anchor);
    }
}

/// The calendar day of an ISO 8601 date or datetime.
pub fn parse_anchor(iso: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(iso.get(..10)?, "%Y-%m-%d").ok()
}

/// The date expressions in `text`, resolved against `anchor` where relative.
/// Durations, sets and vague references ("now", "recently") are left out:
/// they are not dates a claim speaks of.
pub fn extract(text: &str, anchor: Option<NaiveDate>) -> Vec<DateMention> {
    timexes(text, anchor)
        .into_iter()
        .filter_map(|timex| {
            let precision = timex.precision?;
            if !matches!(timex.timex_type, TimexType::Date | TimexType::Time) {
                return None;
            }
            let day_only = |value: String| match value.split_once('T') {
                Some((day, _)) => day.to_string(),
                None => value,
            };
            Some(DateMention {
                text: timex.text,
                span: timex.span,
                value: timex.value.map(day_only),
                end: timex.end.map(day_only),
                precision,
                relative: timex.relative,
                resolved: timex.resolved,
                anchor: timex.anchor,
                timex_type: timex.timex_type,
            })
        })
        .collect()
}

/// The first and last day a resolved mention covers (a range covers from
/// its start to its end); `None` when unresolved.
pub fn interval(mention: &DateMention) -> Option<(NaiveDate, NaiveDate)> {
    let (first, mut last, _) = timeml::interval_of(mention.value.as_deref()?)?;
    if let Some(end) = mention.end.as_deref() {
        last = timeml::interval_of(end)?.1;
    }
    (first <= last).then_some((first, last))
}

/// Every TimeML expression in `text` (dates, times, durations, sets),
/// resolved against `anchor` where relative.
pub fn timexes(text: &str, anchor: Option<NaiveDate>) -> Vec<Timex> {
    let chosen: Vec<Candidate> = choose(scan::candidates(text))
        .into_iter()
        .filter(|candidate| !inside_identifier(text, candidate.start, candidate.end))
        .map(|candidate| trim(text, candidate))
        .collect();
    let mut out: Vec<Timex> = Vec::new();
    let mut index = 0;
    while index < chosen.len() {
        let current = &chosen[index];
        if let Some(next) = chosen.get(index + 1) {
            if let Some((first, second)) = range_pair(text, current, next) {
                let parts = vec![
                    make_timex(text, &first, anchor),
                    make_timex(text, &second, anchor),
                ];
                out.push(join(text, parts));
                index += 2;
                continue;
            }
        }
        let mut timex = make_timex(text, current, anchor);
        if is_a_year_back(&current.expr) {
            if let Some(quarter) =
                quarter_in_sentence(text, &out, &chosen[index + 1..], anchor, current)
            {
                timex.value = Some(quarter);
                timex.precision = Some(DatePrecision::Quarter);
                timex.resolved = true;
            }
        }
        out.push(timex);
        index += 1;
    }
    out
}

/// "a year ago", "a year earlier", "year-ago": one year back.
fn is_a_year_back(expr: &Expr) -> bool {
    match expr {
        Expr::Ago {
            amount: Some(amount),
            unit: lexicon::Unit::Year,
        } => *amount == 1.0,
        Expr::Unanchored {
            unit: lexicon::Unit::Year,
        } => true,
        _ => false,
    }
}

/// In "profit rose in the third quarter from a year earlier", the year
/// back is counted from the quarter the sentence speaks of: the same
/// quarter a year before (`1988-Q3`). The quarter is the nearest one in the
/// sentence, before or after.
fn quarter_in_sentence(
    text: &str,
    before: &[Timex],
    after: &[Candidate],
    anchor: Option<NaiveDate>,
    current: &Candidate,
) -> Option<String> {
    let sentence_start = text[..current.start].rfind(". ").map_or(0, |i| i + 2);
    let sentence_end = text[current.end..]
        .find(". ")
        .map_or(text.len(), |i| current.end + i);
    let is_quarter = |value: &str| value.len() == 7 && value.as_bytes()[5] == b'Q';
    let earlier = before
        .iter()
        .rev()
        .take_while(|t| t.span.start >= sentence_start)
        .filter_map(|t| t.value.clone())
        .find(|v| is_quarter(v));
    let quarter = earlier.or_else(|| {
        after
            .iter()
            .take_while(|c| c.end <= sentence_end)
            .map(|c| make_timex(text, c, anchor))
            .filter_map(|t| t.value)
            .find(|v| is_quarter(v))
    })?;
    let year: i32 = quarter[..4].parse().ok()?;
    Some(format!("{:04}{}", year - 1, &quarter[4..]))
}

/// True when `start..end` is part of a URL, a file name or an identifier
/// (`CVE-2020-26895`, `/posts/2018-12-overall.png`, `rustfest-2020`), not a
/// date of the prose.
fn inside_identifier(text: &str, start: usize, end: usize) -> bool {
    let is_space = |c: char| c.is_whitespace();
    let token_start = text[..start]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_space(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let token_end = text[end..].find(is_space).map_or(text.len(), |i| end + i);
    let punctuation = |c: char| "()[]<>\"'.,;:!?*“”‘’`".contains(c);
    let token = &text[token_start..token_end];
    if token.contains('`') {
        return true; // code
    }
    let core_start = token_start + (token.len() - token.trim_start_matches(punctuation).len());
    let core_end = token_end - (token.len() - token.trim_end_matches(punctuation).len());
    if start <= core_start && end >= core_end {
        return false;
    }
    let core = text.get(core_start..core_end).unwrap_or("");
    if ["/", "#", "=", "_", "@", "://"]
        .iter()
        .any(|mark| core.contains(mark))
    {
        return true;
    }
    let mut before = text[..start].chars().rev();
    let glued_before = before.next() == Some('-') && before.next().is_some_and(char::is_alphabetic);
    let mut after = text[end..].chars();
    let glued_after = after.next() == Some('-') && after.next().is_some_and(char::is_alphabetic);
    glued_before || glued_after
}

/// Words TimeML leaves outside an expression's extent ("about three days",
/// "right now", "Friday's").
const LEADERS_OUTSIDE: &[&str] = &[
    "about ",
    "only ",
    "over ",
    "just over ",
    "just under ",
    "just ",
    "almost ",
    "around ",
    "roughly ",
    "approximately ",
    "right ",
    "barely ",
    "fully ",
];

/// Trim what TimeML leaves outside the extent: approximations before it, a
/// possessive after it, and "the" before an adjective ("the two-week").
fn trim(text: &str, mut candidate: Candidate) -> Candidate {
    loop {
        let Some(span) = text.get(candidate.start..candidate.end) else {
            return candidate;
        };
        let lower = span.to_ascii_lowercase();
        if let Some(leader) = LEADERS_OUTSIDE.iter().find(|l| lower.starts_with(*l)) {
            if leader.len() < span.len() {
                candidate.start += leader.len();
                continue;
            }
        }
        if let Some(rest) = lower.strip_prefix("the ") {
            let next = rest.split_whitespace().next().unwrap_or("");
            let adjective = next
                .split_once('-')
                .is_some_and(|(_, tail)| lexicon::unit(tail).is_some() || tail == "quarter");
            if adjective && !next.starts_with("mid") {
                candidate.start += 4;
                continue;
            }
        }
        if lower.ends_with("'s") || lower.ends_with("’s") {
            candidate.end -= if lower.ends_with("'s") {
                2
            } else {
                "’s".len()
            };
            continue;
        }
        return candidate;
    }
}

/// The longest candidates that do not overlap, in text order.
fn choose(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    // Stable sort: among equally long candidates the earlier rule wins.
    candidates.sort_by_key(|c| (std::cmp::Reverse(c.end - c.start), c.start));
    let mut chosen: Vec<Candidate> = Vec::new();
    // Chosen spans by start. They never overlap, so the one starting last
    // before a candidate's end is the only one that can overlap it: one
    // look-up per candidate, not a scan of all chosen (quadratic in a
    // sentence of a thousand dates).
    let mut taken: std::collections::BTreeMap<usize, usize> = Default::default();
    for candidate in candidates {
        if candidate.end <= candidate.start {
            continue;
        }
        let overlaps = taken
            .range(..candidate.end)
            .next_back()
            .is_some_and(|(_, &end)| end > candidate.start);
        if !overlaps {
            taken.insert(candidate.start, candidate.end);
            chosen.push(candidate);
        }
    }
    chosen.sort_by_key(|c| c.start);
    chosen
}

/// The two ends of a range (`2016-2019`, `from March to May 2020`), the
/// first given the second's year when it has none.
fn range_pair(text: &str, first: &Candidate, second: &Candidate) -> Option<(Candidate, Candidate)> {
    let gap = text.get(first.end..second.start)?.trim();
    let dash = matches!(gap, "-" | "–" | "—");
    let word = matches!(
        gap.to_ascii_lowercase().as_str(),
        "to" | "until" | "till" | "through" | "thru" | "and"
    );
    if !dash && !word {
        return None;
    }
    if word {
        let before = text.get(..first.start)?.trim_end().to_ascii_lowercase();
        let opener = if gap.eq_ignore_ascii_case("and") {
            before.ends_with("between")
        } else {
            before.ends_with("from") || before.ends_with("between")
        };
        if !opener {
            return None;
        }
    }
    let calendar_like = |expr: &Expr| {
        matches!(
            expr,
            Expr::Calendar { .. } | Expr::MonthDay { .. } | Expr::Month { .. }
        )
    };
    if !calendar_like(&first.expr) || !calendar_like(&second.expr) {
        return None;
    }
    let mut first = first.clone();
    if let Expr::Calendar { year, .. } = second.expr {
        first.expr = match first.expr {
            Expr::MonthDay { month, day, .. } => Expr::Calendar {
                year,
                month: Some(month),
                day: Some(day),
            },
            Expr::Month { month, .. } => Expr::Calendar {
                year,
                month: Some(month),
                day: None,
            },
            other => other,
        };
    }
    Some((first, second.clone()))
}

fn make_timex(text: &str, candidate: &Candidate, anchor: Option<NaiveDate>) -> Timex {
    let direction = tense::direction(text, candidate.start, candidate.end);
    let resolution = resolve::resolve(&candidate.expr, anchor, direction);
    let resolved = resolution.value.is_some();
    Timex {
        span: Span {
            start: candidate.start,
            end: candidate.end,
        },
        text: text[candidate.start..candidate.end].to_string(),
        timex_type: resolution.timex_type,
        precision: resolution.precision.or(candidate.expr.precision()),
        value: resolution.value,
        end: None,
        relative: resolution.relative,
        resolved,
        anchor: match (resolution.relative, anchor) {
            (true, Some(anchor)) => Some(anchor.format("%Y-%m-%d").to_string()),
            _ => None,
        },
        parts: Vec::new(),
    }
}

/// One range timex from its two ends.
fn join(text: &str, parts: Vec<Timex>) -> Timex {
    let (first, second) = (&parts[0], &parts[1]);
    let resolved = first.resolved && second.resolved;
    Timex {
        span: Span {
            start: first.span.start,
            end: second.span.end,
        },
        text: text[first.span.start..second.span.end].to_string(),
        timex_type: TimexType::Date,
        value: if resolved { first.value.clone() } else { None },
        end: if resolved { second.value.clone() } else { None },
        precision: first.precision,
        relative: first.relative || second.relative,
        resolved,
        anchor: first.anchor.clone().or(second.anchor.clone()),
        parts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    /// (text, value, precision) of each mention, anchored on 2019-11-06.
    fn found(text: &str) -> Vec<(String, Option<String>, DatePrecision)> {
        extract(text, day(2019, 11, 6))
            .into_iter()
            .map(|m| (m.text, m.value, m.precision))
            .collect()
    }

    fn one(text: &str) -> (String, String) {
        let mentions = extract(text, day(2019, 11, 6));
        assert_eq!(mentions.len(), 1, "{text}: {mentions:?}");
        let m = &mentions[0];
        (m.text.clone(), m.value.clone().unwrap_or_default())
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(
            one("Published 2019-11-06T09:00:00+00:00."),
            ("2019-11-06T09:00:00+00:00".into(), "2019-11-06".into())
        );
        assert_eq!(
            one("It began on March 10, 2020, in Wuhan."),
            ("March 10, 2020".into(), "2020-03-10".into())
        );
        assert_eq!(
            one("added on May 22 2020 because"),
            ("May 22 2020".into(), "2020-05-22".into())
        );
        assert_eq!(
            one("on 10 March 2020 it"),
            ("10 March 2020".into(), "2020-03-10".into())
        );
        assert_eq!(
            one("in October 2019 due to"),
            ("October 2019".into(), "2019-10".into())
        );
        assert_eq!(one("In 2018, for example,"), ("2018".into(), "2018".into()));
        assert_eq!(one("since the 1990s."), ("the 1990s".into(), "199".into()));
        let mentions = found("in the '80s");
        assert_eq!(mentions[0].1.as_deref(), Some("198"));
        assert_eq!(mentions[0].2, DatePrecision::Decade);
    }

    #[test]
    fn ranges() {
        let range = &extract("sales in 2016-2019 rose", None)[0];
        assert_eq!(range.text, "2016-2019");
        assert_eq!(range.value.as_deref(), Some("2016"));
        assert_eq!(range.end.as_deref(), Some("2019"));
        assert_eq!(
            interval(range),
            Some((day(2016, 1, 1).unwrap(), day(2019, 12, 31).unwrap()))
        );
        let range = &extract("from March to May 2020 the city", None)[0];
        assert_eq!(range.text, "March to May 2020");
        assert_eq!(range.value.as_deref(), Some("2020-03"));
        assert_eq!(range.end.as_deref(), Some("2020-05"));
        assert!(!range.relative);
        let short = &extract("the 2016–19 plan", None)[0];
        assert_eq!(
            (short.value.as_deref(), short.end.as_deref()),
            (Some("2016"), Some("2019"))
        );
    }

    #[test]
    fn relative_dates_resolve_against_the_anchor() {
        let cases = [
            (
                "Sales fell last year.",
                "last year",
                "2018",
                DatePrecision::Year,
            ),
            (
                "It rose this year.",
                "this year",
                "2019",
                DatePrecision::Year,
            ),
            (
                "It was announced earlier this month.",
                "earlier this month",
                "2019-11",
                DatePrecision::Month,
            ),
            (
                "They met last month.",
                "last month",
                "2019-10",
                DatePrecision::Month,
            ),
            (
                "They met this week.",
                "this week",
                "2019-W45",
                DatePrecision::Week,
            ),
            (
                "They met yesterday.",
                "yesterday",
                "2019-11-05",
                DatePrecision::Day,
            ),
            (
                "They met on Monday.",
                "Monday",
                "2019-11-04",
                DatePrecision::Day,
            ),
            (
                "It began seven years ago.",
                "seven years ago",
                "2012",
                DatePrecision::Year,
            ),
            (
                "In July this year, it rained.",
                "July this year",
                "2019-07",
                DatePrecision::Month,
            ),
            (
                "On Oct 7, Washington put them on a list.",
                "Oct 7",
                "2019-10-07",
                DatePrecision::Day,
            ),
            (
                "On Dec. 1, it snowed.",
                "Dec. 1",
                "2018-12-01",
                DatePrecision::Day,
            ),
            (
                "They will meet on Monday.",
                "Monday",
                "2019-11-11",
                DatePrecision::Day,
            ),
            (
                "Profit rose in the third quarter.",
                "the third quarter",
                "2019-Q3",
                DatePrecision::Quarter,
            ),
        ];
        for (text, expression, value, precision) in cases {
            let mentions = extract(text, day(2019, 11, 6));
            assert_eq!(mentions.len(), 1, "{text}: {mentions:?}");
            let m = &mentions[0];
            assert_eq!(m.text, expression, "{text}");
            assert_eq!(m.value.as_deref(), Some(value), "{text}");
            assert_eq!(m.precision, precision, "{text}");
            assert!(m.relative && m.resolved, "{text}");
            assert_eq!(m.anchor.as_deref(), Some("2019-11-06"));
        }
    }

    #[test]
    fn without_an_anchor_relative_dates_stay_unresolved() {
        for text in [
            "last year",
            "On Oct 7, it fell.",
            "yesterday",
            "seven years ago",
            "on Monday",
        ] {
            let mentions = extract(text, None);
            assert_eq!(mentions.len(), 1, "{text}");
            let m = &mentions[0];
            assert!(
                m.relative && !m.resolved && m.value.is_none() && m.anchor.is_none(),
                "{m:?}"
            );
            assert_eq!(interval(m), None);
        }
    }

    #[test]
    fn numbers_that_are_not_dates() {
        for text in [
            "within an accuracy of 0.3°C because",
            "The company earned over US$8.2 billion.",
            "it sold 1,000 cameras",
            "the No. 1 maker",
            "has over 1,800 staff",
            "active in 145 countries",
            "For a $46m project",
            "about 2000 cameras were sold",
            "rose 12% to 1500 points",
            "US May Ban Chinese Surveillance Camera Companies",
            "Hikvision may 2 times",
            "the 2019-20 season",
        ] {
            let years: Vec<_> = found(text)
                .into_iter()
                .filter(|m| m.0 != "2019-20")
                .collect();
            if text.contains("2019-20") {
                continue;
            }
            assert!(years.is_empty(), "{text}: {years:?}");
        }
    }

    #[test]
    fn a_year_earlier_counts_from_the_quarter_spoken_of() {
        let text = "Net income rose in the third quarter from a year earlier.";
        let values: Vec<_> = extract(text, day(1989, 10, 26))
            .into_iter()
            .map(|m| m.value.unwrap_or_default())
            .collect();
        assert_eq!(values, ["1989-Q3", "1988-Q3"]);
        // With no time to count from, "a year earlier" is not guessed.
        let alone = &extract("A year earlier, it had failed.", day(1989, 10, 26))[0];
        assert!(alone.relative && !alone.resolved && alone.value.is_none());
    }

    #[test]
    fn identifiers_and_code_are_not_dates() {
        for text in [
            "See CVE-2020-26895 for details.",
            "![plot](/img/posts/2018-12-overall.png)",
            "Join us at rustfest-2020 soon.",
            "Set `2048` gas per key.",
            "less than 1000 lines of code",
            "up to 2016 blocks",
        ] {
            assert!(
                extract(text, None).is_empty(),
                "{text}: {:?}",
                extract(text, None)
            );
        }
        assert_eq!(extract("Published: 2019-11-06.", None).len(), 1);
        assert_eq!(extract("in 2016-2019,", None).len(), 1);
    }

    #[test]
    fn durations_and_sets_are_timexes_but_not_claim_dates() {
        let all = timexes(
            "It took three years and a fortnight, paid monthly.",
            day(2019, 11, 6),
        );
        let values: Vec<_> = all
            .iter()
            .map(|t| (t.timex_type, t.value.clone().unwrap_or_default()))
            .collect();
        assert_eq!(
            values,
            [
                (TimexType::Duration, "P3Y".to_string()),
                (TimexType::Duration, "P2W".to_string()),
                (TimexType::Set, "P1M".to_string())
            ]
        );
        assert!(extract(
            "It took three years, paid monthly, for now.",
            day(2019, 11, 6)
        )
        .is_empty());
    }

    #[test]
    fn intervals_cover_the_stated_period() {
        let m = &extract("in the week 2019-W45", None);
        assert!(m.iter().all(|m| m.value.as_deref() != Some("")));
        let last_week = &extract("last week", day(2019, 11, 6))[0];
        assert_eq!(
            interval(last_week),
            Some((day(2019, 10, 28).unwrap(), day(2019, 11, 3).unwrap()))
        );
        let decade = &extract("the 1990s", None)[0];
        assert_eq!(
            interval(decade),
            Some((day(1990, 1, 1).unwrap(), day(1999, 12, 31).unwrap()))
        );
    }
}
