//! Dates: the scanner. Regex rules find candidate spans of date and time
//! expressions and say what each means ([`Expr`]); rules that need context
//! the regex crate cannot look at (a bare `May`, a bare four-digit number)
//! check the words around the match. Overlaps are settled by the caller.

use super::lexicon::{self, Unit, DAY, MONTH, MONTH_FULL, NUMBER, UNIT, WEEKDAY, YEAR};
use super::resolve::{Expr, Placement, YearRef};
use super::timeml;
use chrono::NaiveDate;
use regex::{Captures, Regex, RegexSet, RegexSetBuilder};
use regex_syntax::hir::{Hir, HirKind};
use std::sync::LazyLock;

/// A span of text that reads as a date or time expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub start: usize,
    pub end: usize,
    pub expr: Expr,
}

type Build = fn(&Captures, &str) -> Vec<Candidate>;

struct Rule {
    regex: Regex,
    build: Build,
}

/// Modifiers TimeML keeps inside a date's extent ("early 2019", "the end of May").
const MODIFIER: &str =
    r"(?i:early|late|mid|the middle of|the end of|the beginning of|the start of|the turn of)";

/// Words before a bare month or year that make it a date ("in April").
const DATE_PREPOSITIONS: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "through",
    "to",
    "during",
    "of",
    "before",
    "after",
    "between",
    "and",
    "or",
    "early",
    "late",
    "mid",
    "last",
    "this",
    "next",
    "for",
    "around",
    "on",
    "throughout",
    "starting",
    "beginning",
    "end",
    "circa",
    "year",
    "fiscal",
    "summer",
    "spring",
    "autumn",
    "winter",
    "fall",
    "as",
    "at",
    "into",
    "within",
    "about",
    "over",
    "under",
    "than",
    "then",
    "ending",
    "ended",
    "past",
];

/// Words before a number that make it a year even before a plural noun
/// ("in 1990 sales rose", "since 1066").
const STRONG_PREPOSITIONS: &[&str] = &[
    "in", "since", "until", "till", "during", "circa", "year", "fiscal", "early", "late", "mid",
    "summer", "spring", "autumn", "winter", "fall",
];

/// Words after a bare number that make it a quantity, not a year.
const QUANTITY_FOLLOWERS: &[&str] = &[
    "gmt",
    "utc",
    "est",
    "edt",
    "hours",
    "hrs",
    "people",
    "times",
    "feet",
    "meters",
    "metres",
    "miles",
    "km",
    "kilometers",
    "tons",
    "tonnes",
    "points",
    "percent",
    "per",
    "shares",
    "troops",
    "dollars",
    "yuan",
    "euros",
    "pounds",
    "units",
    "cameras",
    "staff",
    "employees",
    "workers",
    "jobs",
    "members",
    "residents",
    "students",
    "soldiers",
    "pages",
    "words",
    "yards",
    "acres",
    "barrels",
    "votes",
    "cases",
    "deaths",
    "km/h",
    "mph",
    "mm",
];

fn rule(pattern: &str, build: Build) -> Rule {
    Rule {
        regex: Regex::new(pattern).expect("date rule patterns are valid"),
        build,
    }
}

fn whole(caps: &Captures, expr: Expr) -> Vec<Candidate> {
    let m = caps.get(0).expect("group 0 always matches");
    vec![Candidate {
        start: m.start(),
        end: m.end(),
        expr,
    }]
}

fn group<'t>(caps: &Captures<'t>, name: &str) -> Option<&'t str> {
    caps.name(name).map(|m| m.as_str())
}

fn day_number(text: &str) -> Option<u32> {
    text.trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()
}

/// The lower-cased word just before byte `pos`.
fn word_before(text: &str, pos: usize) -> String {
    let before = text.get(..pos).unwrap_or("").trim_end();
    let start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    before[start..].to_ascii_lowercase()
}

/// The word just after byte `pos` (case kept).
fn word_after(text: &str, pos: usize) -> &str {
    let after = text.get(pos..).unwrap_or("").trim_start();
    let end = after
        .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '/' || c == '\''))
        .unwrap_or(after.len());
    &after[..end]
}

fn placement_of(word: Option<&str>) -> Placement {
    match word.map(|w| w.to_ascii_lowercase()).as_deref() {
        Some("last") | Some("this past") | Some("past") => Placement::Last,
        Some("next") | Some("this coming") | Some("coming") => Placement::Next,
        Some("this") => Placement::This,
        _ => Placement::Nearest,
    }
}

fn year_offset(word: &str) -> i32 {
    match word.to_ascii_lowercase().as_str() {
        "last" => -1,
        "next" => 1,
        _ => 0,
    }
}

fn calendar(year: i32, month: Option<u32>, day: Option<u32>) -> Option<Expr> {
    let valid = match (month, day) {
        (Some(m), Some(d)) => NaiveDate::from_ymd_opt(year, m, d).is_some(),
        (Some(m), None) => (1..=12).contains(&m),
        _ => true,
    };
    valid.then_some(Expr::Calendar { year, month, day })
}

/// A day-and-month with an optional year: absolute with the year, relative
/// without (a written weekday then helps pick the year).
fn month_day(month: u32, day: u32, year: Option<i32>, weekday: Option<&str>) -> Option<Expr> {
    match year {
        Some(year) => calendar(year, Some(month), Some(day)),
        None => NaiveDate::from_ymd_opt(2000, month, day).map(|_| Expr::MonthDay {
            month,
            day,
            weekday: weekday.and_then(lexicon::weekday),
        }),
    }
}

fn next_char(text: &str, pos: usize) -> Option<char> {
    text.get(pos..).and_then(|rest| rest.chars().next())
}

fn prev_char(text: &str, pos: usize) -> Option<char> {
    text.get(..pos).and_then(|rest| rest.chars().next_back())
}

/// True when the number ending at `end` runs on into more digits
/// (`2019-10-07` seen as `2019-10`, `10,000`, `3.5`).
fn runs_on(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or("");
    let mut chars = rest.chars();
    match chars.next() {
        Some(c) if c.is_ascii_digit() => true,
        Some(',') | Some('.') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        Some('%') => true,
        _ => false,
    }
}

fn build_iso(caps: &Captures, text: &str) -> Vec<Candidate> {
    let m = caps.get(0).expect("group 0");
    if runs_on(text, m.end()) || prev_char(text, m.start()).is_some_and(|c| c.is_ascii_digit()) {
        return Vec::new();
    }
    let number = |name: &str| group(caps, name).and_then(|s| s.parse::<u32>().ok());
    let (Some(year), Some(month), Some(day)) = (number("y"), number("m"), number("d")) else {
        return Vec::new();
    };
    let Some(date) = calendar(year as i32, Some(month), Some(day)) else {
        return Vec::new();
    };
    match (number("H"), number("M")) {
        (Some(hour), Some(minute)) if hour < 24 && minute < 60 => whole(
            caps,
            Expr::Clock {
                day: Box::new(date),
                hour,
                minute: Some(minute),
            },
        ),
        (None, None) => whole(caps, date),
        _ => Vec::new(),
    }
}

fn build_numeric_us(caps: &Captures, text: &str) -> Vec<Candidate> {
    let m = caps.get(0).expect("group 0");
    if runs_on(text, m.end())
        || prev_char(text, m.start()).is_some_and(|c| c.is_ascii_digit() || c == '/')
    {
        return Vec::new();
    }
    let number = |name: &str| group(caps, name).and_then(|s| s.parse::<u32>().ok());
    match (number("m"), number("d"), number("y")) {
        (Some(month), Some(day), Some(year)) => calendar(year as i32, Some(month), Some(day))
            .map(|expr| whole(caps, expr))
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// `March 10, 2020`, `May 22 2020`, `Oct 7`, `Nov. 5`, `Friday, Oct. 23`.
fn build_month_day(caps: &Captures, text: &str) -> Vec<Candidate> {
    let m = caps.get(0).expect("group 0");
    let (Some(month), Some(day)) = (
        group(caps, "mon").and_then(lexicon::month_number),
        group(caps, "d").and_then(day_number),
    ) else {
        return Vec::new();
    };
    let year = group(caps, "y").and_then(|y| y.parse::<i32>().ok());
    let day_end = caps.name("d").map_or(m.end(), |d| d.end());
    // "May 5,000" or "Jan 3.5" are not dates.
    if year.is_none() && runs_on(text, day_end) {
        return Vec::new();
    }
    if next_char(text, day_end) == Some(':')
        && next_char(text, day_end + 1).is_some_and(|c| c.is_ascii_digit())
    {
        return Vec::new();
    }
    let mon = group(caps, "mon").unwrap_or("");
    // A bare "May 5" after a noun ("it may 5") cannot happen (capitalised), but
    // a sentence-initial "May" needs a day that reads as one.
    if mon == "May" && year.is_none() && group(caps, "wd").is_none() {
        let before = word_before(text, m.start());
        if before.is_empty() && day > 31 {
            return Vec::new();
        }
    }
    month_day(month, day, year, group(caps, "wd"))
        .map(|expr| whole(caps, expr))
        .unwrap_or_default()
}

/// `March 3-5, 2020`: two dates, joined later into a range.
fn build_month_day_range(caps: &Captures, _text: &str) -> Vec<Candidate> {
    let (Some(month), Some(first), Some(second)) = (
        group(caps, "mon").and_then(lexicon::month_number),
        group(caps, "d").and_then(day_number),
        group(caps, "d2").and_then(day_number),
    ) else {
        return Vec::new();
    };
    if second <= first {
        return Vec::new();
    }
    let year = group(caps, "y").and_then(|y| y.parse::<i32>().ok());
    let m = caps.get(0).expect("group 0");
    let first_end = caps.name("d").map_or(m.end(), |d| d.end());
    let second_start = caps.name("d2").map_or(m.start(), |d| d.start());
    let (Some(a), Some(b)) = (
        month_day(month, first, year, None),
        month_day(month, second, year, None),
    ) else {
        return Vec::new();
    };
    vec![
        Candidate {
            start: m.start(),
            end: first_end,
            expr: a,
        },
        Candidate {
            start: second_start,
            end: m.end(),
            expr: b,
        },
    ]
}

/// `10 March 2020`, `the 5th of May`.
fn build_day_month(caps: &Captures, text: &str) -> Vec<Candidate> {
    let m = caps.get(0).expect("group 0");
    let d = caps.name("d").expect("day group");
    if prev_char(text, d.start())
        .is_some_and(|c| c.is_ascii_digit() || c == '$' || c == '.' || c == ',')
    {
        return Vec::new();
    }
    let (Some(month), Some(day)) = (
        group(caps, "mon").and_then(lexicon::month_number),
        day_number(d.as_str()),
    ) else {
        return Vec::new();
    };
    let year = group(caps, "y").and_then(|y| y.parse::<i32>().ok());
    if year.is_none() {
        // "the 10 May..." is rare; "top 10 May releases" is not a date.
        let before = word_before(text, m.start());
        if !(before.is_empty()
            || DATE_PREPOSITIONS.contains(&before.as_str())
            || group(caps, "wd").is_some())
        {
            return Vec::new();
        }
    }
    month_day(month, day, year, group(caps, "wd"))
        .map(|expr| whole(caps, expr))
        .unwrap_or_default()
}

/// `October 2019`, `early 2019`'s month sibling `late November 2019`.
fn build_month_year(caps: &Captures, text: &str) -> Vec<Candidate> {
    let y = caps.name("y").expect("year group");
    if runs_on(text, y.end()) {
        return Vec::new();
    }
    let (Some(month), Ok(year)) = (
        group(caps, "mon").and_then(lexicon::month_number),
        y.as_str().parse::<i32>(),
    ) else {
        return Vec::new();
    };
    calendar(year, Some(month), None)
        .map(|expr| whole(caps, expr))
        .unwrap_or_default()
}

/// A month without a day or year: `in April`, `last April`, `July this year`.
fn build_month(caps: &Captures, text: &str) -> Vec<Candidate> {
    let m = caps.get(0).expect("group 0");
    let mon = group(caps, "mon").unwrap_or("");
    let Some(month) = lexicon::month_number(mon) else {
        return Vec::new();
    };
    let rel = group(caps, "rel");
    let yrel = group(caps, "yrel");
    let modifier = group(caps, "mod");
    if rel.is_none() && yrel.is_none() && modifier.is_none() {
        let before = word_before(text, m.start());
        let after = word_after(text, m.end());
        let ambiguous = matches!(mon, "May" | "March" | "April" | "June" | "August");
        let prepared = DATE_PREPOSITIONS.contains(&before.as_str());
        // A name ("April Smith", "June Jordan") or a verb ("March on").
        let name_follows = after.chars().next().is_some_and(char::is_uppercase);
        if (ambiguous || name_follows) && !prepared {
            return Vec::new();
        }
    }
    let placement = match yrel {
        Some(word) => Placement::InYear(YearRef::Offset(year_offset(word))),
        None => placement_of(rel),
    };
    whole(caps, Expr::Month { month, placement })
}

/// A four-digit year, only where it reads as one.
fn build_year(caps: &Captures, text: &str) -> Vec<Candidate> {
    let m = caps.get(0).expect("group 0");
    let y = caps.name("y").expect("year group");
    let Ok(year) = y.as_str().parse::<i32>() else {
        return Vec::new();
    };
    if runs_on(text, y.end()) {
        return Vec::new();
    }
    if let Some(c) = prev_char(text, y.start()) {
        if c.is_ascii_digit()
            || matches!(c, '$' | '£' | '€' | '¥' | '#' | '+' | '×' | '/' | ',' | '.')
        {
            return Vec::new();
        }
    }
    if matches!(next_char(text, y.end()), Some('/') | Some(':')) {
        return Vec::new();
    }
    let before = word_before(text, y.start());
    if before == "no." || before == "no" || before == "number" || before == "model" {
        return Vec::new();
    }
    let after = word_after(text, y.end()).to_ascii_lowercase();
    if QUANTITY_FOLLOWERS.contains(&after.as_str()) {
        return Vec::new();
    }
    let strongly = caps.name("mod").is_some()
        || caps.name("fiscal").is_some()
        || STRONG_PREPOSITIONS.contains(&before.as_str());
    let introduced = strongly || DATE_PREPOSITIONS.contains(&before.as_str());
    if !(1900..=2099).contains(&year) && !strongly {
        return Vec::new();
    }
    if !strongly {
        // "2000 cameras", "up to 2016 blocks": a number before a plural noun is a count.
        let plural = after.len() > 3
            && after.ends_with('s')
            && !after.ends_with("ss")
            && after.chars().all(|c| c.is_ascii_lowercase())
            && !matches!(
                after.as_str(),
                "was"
                    | "has"
                    | "is"
                    | "as"
                    | "its"
                    | "this"
                    | "plus"
                    | "saw"
                    | "levels"
                    | "elections"
                    | "figures"
                    | "results"
                    | "sales"
                    | "earnings"
            );
        if plural || (!introduced && !(1900..=2099).contains(&year)) {
            return Vec::new();
        }
    }
    let _ = m;
    whole(
        caps,
        Expr::Calendar {
            year,
            month: None,
            day: None,
        },
    )
}

/// `2016-19`: the short second year of a range.
fn build_year_range_short(caps: &Captures, text: &str) -> Vec<Candidate> {
    let m = caps.get(0).expect("group 0");
    if runs_on(text, m.end())
        || prev_char(text, m.start()).is_some_and(|c| c.is_ascii_digit() || c == '$')
    {
        return Vec::new();
    }
    let a = caps.name("a").expect("first year");
    let b = caps.name("b").expect("second year");
    let (Ok(first), Ok(short)) = (a.as_str().parse::<i32>(), b.as_str().parse::<i32>()) else {
        return Vec::new();
    };
    let second = first / 100 * 100 + short;
    if second <= first {
        return Vec::new();
    }
    vec![
        Candidate {
            start: a.start(),
            end: a.end(),
            expr: Expr::Calendar {
                year: first,
                month: None,
                day: None,
            },
        },
        Candidate {
            start: b.start(),
            end: b.end(),
            expr: Expr::Calendar {
                year: second,
                month: None,
                day: None,
            },
        },
    ]
}

/// `the 1990s`, `the '80s`, `the nineties`.
fn build_decade(caps: &Captures, _text: &str) -> Vec<Candidate> {
    let decade = if let (Some(century), Some(digit)) = (group(caps, "cd"), group(caps, "d")) {
        format!("{century}{digit}").parse::<i32>().ok()
    } else if let Some(digit) = group(caps, "d2") {
        digit.parse::<i32>().ok().map(|d| 190 + d)
    } else if let Some(word) = group(caps, "w") {
        if group(caps, "the").is_none() {
            return Vec::new();
        }
        lexicon::decade_word(word)
    } else {
        None
    };
    decade
        .map(|decade| whole(caps, Expr::Decade(decade)))
        .unwrap_or_default()
}

fn build_century(caps: &Captures, _text: &str) -> Vec<Candidate> {
    let ordinal = match group(caps, "w").map(|w| w.to_ascii_lowercase()).as_deref() {
        Some("eighteenth") => Some(18),
        Some("nineteenth") => Some(19),
        Some("twentieth") => Some(20),
        Some("twenty-first") | Some("twenty first") => Some(21),
        Some(_) => None,
        None => group(caps, "n").and_then(|n| n.parse::<i32>().ok()),
    };
    match ordinal {
        Some(n) if (1..=30).contains(&n) => whole(caps, Expr::Century(n - 1)),
        _ => Vec::new(),
    }
}

fn part_of_day(word: &str) -> Option<&'static str> {
    match word.to_ascii_lowercase().trim_end_matches("'s") {
        "morning" => Some("MO"),
        "afternoon" => Some("AF"),
        "evening" => Some("EV"),
        "night" | "overnight" => Some("NI"),
        _ => None,
    }
}

/// `today`, `yesterday`, `late yesterday`, `tomorrow morning`, `tonight`.
fn build_day_word(caps: &Captures, _text: &str) -> Vec<Candidate> {
    let word = group(caps, "w").unwrap_or("").to_ascii_lowercase();
    // "today's world" means the present, not the day.
    let whole_match = caps.get(0).map_or("", |m| m.as_str());
    if word == "today" && (whole_match.ends_with("'s") || whole_match.ends_with("’s")) {
        return Vec::new();
    }
    let offset = match word.as_str() {
        "today" | "tonight" => 0,
        "yesterday" => -1,
        "tomorrow" => 1,
        _ => return Vec::new(),
    };
    let day = Expr::DayOffset(offset);
    let part = if word == "tonight" {
        Some("NI")
    } else {
        group(caps, "part").and_then(part_of_day)
    };
    let expr = match part {
        Some(part) => Expr::PartOfDay {
            day: Box::new(day),
            part,
        },
        None => day,
    };
    whole(caps, expr)
}

/// `this morning`, `last night`.
fn build_this_part(caps: &Captures, _text: &str) -> Vec<Candidate> {
    let Some(part) = group(caps, "part").and_then(part_of_day) else {
        return Vec::new();
    };
    let last = group(caps, "rel").is_some_and(|r| r.eq_ignore_ascii_case("last"));
    whole(
        caps,
        Expr::PartOfDay {
            day: Box::new(Expr::DayOffset(if last { -1 } else { 0 })),
            part,
        },
    )
}

/// `Monday`, `last Friday`, `Wednesday night`.
fn build_weekday(caps: &Captures, _text: &str) -> Vec<Candidate> {
    let Some(weekday) = group(caps, "wd").and_then(lexicon::weekday) else {
        return Vec::new();
    };
    let day = Expr::Weekday {
        weekday,
        placement: placement_of(group(caps, "rel")),
    };
    // "Friday night": news gold gives the day (the part is rarely resolved
    // to a TimeML time), and so do we.
    whole(caps, day)
}

fn relative_offset(word: &str) -> Option<i32> {
    match word.to_ascii_lowercase().as_str() {
        "last" | "the past" | "this past" | "the last" | "previous" | "the previous" | "past"
        | "the latest" | "latest" | "the most recent" | "most recent" => Some(-1),
        "this" | "the current" | "current" => Some(0),
        "next" | "the coming" | "coming" | "the next" | "the following" | "this coming" => Some(1),
        _ => None,
    }
}

/// `last year`, `this week`, `earlier this month`, `next quarter`, `this weekend`.
fn build_unit_offset(caps: &Captures, _text: &str) -> Vec<Candidate> {
    let (Some(offset), Some(unit_word)) = (
        group(caps, "rel").and_then(relative_offset),
        group(caps, "u"),
    ) else {
        return Vec::new();
    };
    let unit_word = unit_word.to_ascii_lowercase();
    if unit_word == "weekend" {
        return whole(
            caps,
            Expr::Weekend {
                offset: Some(offset),
            },
        );
    }
    let unit = match unit_word.as_str() {
        "fiscal year" | "calendar year" => Unit::Year,
        other => match lexicon::unit(other) {
            Some((unit, _)) => unit,
            None => return Vec::new(),
        },
    };
    // "the latest year" is odd; "the latest quarter" is the last one reported.
    let modifier = group(caps, "mod").map(|m| m.to_ascii_lowercase());
    if let Some(half) = modifier.as_deref().and_then(|m| match m {
        "the first half of" => Some(1),
        "the second half of" => Some(2),
        _ => None,
    }) {
        if unit == Unit::Year {
            return whole(
                caps,
                Expr::Half {
                    year: YearRef::Offset(offset),
                    half,
                },
            );
        }
    }
    whole(caps, Expr::UnitOffset { unit, offset })
}

/// `the quarter`, `the latest quarter`: the last quarter reported, the one
/// before the anchor's. `the weekend`: placed by tense.
fn build_the_unit(caps: &Captures, _text: &str) -> Vec<Candidate> {
    match group(caps, "u").map(|u| u.to_ascii_lowercase()).as_deref() {
        Some("quarter") => whole(
            caps,
            Expr::UnitOffset {
                unit: Unit::Quarter,
                offset: -1,
            },
        ),
        Some("weekend") => whole(caps, Expr::Weekend { offset: None }),
        _ => Vec::new(),
    }
}

/// `year-ago results`: a year back from the anchor; `year-earlier`: from
/// the time the sentence speaks of.
fn build_year_ago_adjective(caps: &Captures, _text: &str) -> Vec<Candidate> {
    let expr = if group(caps, "w").is_some_and(|w| w.eq_ignore_ascii_case("ago")) {
        Expr::Ago {
            amount: Some(1.0),
            unit: Unit::Year,
        }
    } else {
        Expr::Unanchored { unit: Unit::Year }
    };
    whole(caps, expr)
}

/// `the end of the month`: the anchor's month (year, week).
fn build_this_unit(caps: &Captures, _text: &str) -> Vec<Candidate> {
    match group(caps, "u").and_then(lexicon::unit) {
        Some((unit, _)) => whole(caps, Expr::UnitOffset { unit, offset: 0 }),
        None => Vec::new(),
    }
}

/// `the year-ago quarter`: the quarter before the anchor's, a year back.
fn build_year_ago_quarter(caps: &Captures, _text: &str) -> Vec<Candidate> {
    whole(
        caps,
        Expr::UnitOffset {
            unit: Unit::Quarter,
            offset: -5,
        },
    )
}

/// `seven years ago`, `two weeks from now`, `a year earlier`, `a fortnight after`.
fn build_ago(caps: &Captures, _text: &str) -> Vec<Candidate> {
    let (Some(number), Some((unit, scale))) =
        (group(caps, "n"), group(caps, "u").and_then(lexicon::unit))
    else {
        return Vec::new();
    };
    let amount = lexicon::number_value(number).map(|n| n * scale);
    let direction = group(caps, "dir").unwrap_or("").to_ascii_lowercase();
    let m = caps.get(0).expect("group 0");
    match direction.as_str() {
        "ago" | "back" => match amount {
            Some(_) => whole(caps, Expr::Ago { amount, unit }),
            None => whole(caps, Expr::Reference("PAST_REF")),
        },
        "from now" | "hence" => match amount {
            Some(amount) => whole(
                caps,
                Expr::Ago {
                    amount: Some(-amount),
                    unit,
                },
            ),
            None => whole(caps, Expr::Reference("FUTURE_REF")),
        },
        "earlier" | "later" | "previously"
            if !matches!(unit, Unit::Second | Unit::Minute | Unit::Hour) =>
        {
            whole(caps, Expr::Unanchored { unit })
        }
        _ => {
            // "a fortnight after X": the length is the expression, X the anchor.
            let end = caps.name("u").map_or(m.end(), |u| u.end());
            vec![Candidate {
                start: m.start(),
                end,
                expr: Expr::Duration(timeml::duration_value(amount, unit)),
            }]
        }
    }
}

/// `three years`, `the past two months`, `a two-year`, `several days`.
fn build_duration(caps: &Captures, text: &str) -> Vec<Candidate> {
    let m = caps.get(0).expect("group 0");
    let (Some(number), Some(unit_word)) = (group(caps, "n"), group(caps, "u")) else {
        return Vec::new();
    };
    let Some((unit, scale)) = lexicon::unit(unit_word) else {
        return Vec::new();
    };
    // "a quarter of the staff", "three-quarters": fractions.
    if unit == Unit::Quarter && group(caps, "which").is_none() {
        return Vec::new();
    }
    // Ages ("a 30-year-old") are not durations of the text's events.
    let rest = text.get(m.end()..).unwrap_or("");
    if rest.starts_with("-old")
        || rest.starts_with(" old")
        || rest.starts_with("s old")
        || rest.starts_with("s-old")
    {
        return Vec::new();
    }
    // "per day", "a day" after "once": sets, found by their own rule.
    let before = word_before(text, m.start());
    if matches!(
        before.as_str(),
        "per" | "every" | "each" | "once" | "twice" | "times"
    ) {
        return Vec::new();
    }
    // "$500 million a year", "four flights a week": a rate, not a length.
    if matches!(number.to_ascii_lowercase().as_str(), "a" | "an") {
        let rate = before.chars().any(|c| c.is_ascii_digit())
            || matches!(
                before.as_str(),
                "million"
                    | "billion"
                    | "thousand"
                    | "hundred"
                    | "cents"
                    | "percent"
                    | "flights"
                    | "times"
                    | "hours"
                    | "days"
                    | "dollars"
                    | "shares"
            );
        if rate {
            return Vec::new();
        }
    }
    // A digit count needs a unit to be time: "5 days" yes; numbers like "1.5" fine.
    let amount = lexicon::number_value(number).map(|n| n * scale);
    if amount.is_some_and(|a| a >= 1_000.0) {
        return Vec::new();
    }
    if prev_char(text, caps.name("n").map_or(m.start(), |n| n.start()))
        .is_some_and(|c| c == '$' || c == ',' || c == '.')
    {
        return Vec::new();
    }
    whole(caps, Expr::Duration(timeml::duration_value(amount, unit)))
}

/// `recent weeks`, `the coming months`, `for years`.
fn build_vague_duration(caps: &Captures, _text: &str) -> Vec<Candidate> {
    let Some((unit, _)) = group(caps, "u").and_then(lexicon::unit) else {
        return Vec::new();
    };
    let m = caps.get(0).expect("group 0");
    let start = caps.name("span").map_or(m.start(), |s| s.start());
    vec![Candidate {
        start,
        end: m.end(),
        expr: Expr::Duration(timeml::duration_value(None, unit)),
    }]
}

/// `daily`, `every week`, `twice a year`, `every Monday`.
fn build_set(caps: &Captures, _text: &str) -> Vec<Candidate> {
    if let Some(adverb) = group(caps, "adv") {
        let value = match adverb.to_ascii_lowercase().as_str() {
            "daily" | "nightly" => "P1D",
            "weekly" => "P1W",
            "biweekly" => "P2W",
            "monthly" => "P1M",
            "yearly" => "P1Y",
            "hourly" => "PT1H",
            _ => return Vec::new(),
        };
        return whole(caps, Expr::Set(value.to_string()));
    }
    if let Some(weekday) = group(caps, "wd").and_then(lexicon::weekday) {
        let value = format!("XXXX-WXX-{}", weekday.number_from_monday());
        return whole(caps, Expr::Set(value));
    }
    let word = group(caps, "u").unwrap_or("").to_ascii_lowercase();
    let value = match part_of_day(&word) {
        Some(part) => format!("XXXX-XX-XXT{part}"),
        None => match lexicon::unit(&word) {
            Some((unit, scale)) => {
                let amount = group(caps, "n")
                    .and_then(lexicon::number_value)
                    .unwrap_or(1.0)
                    * scale;
                timeml::duration_value(Some(amount), unit)
            }
            None => return Vec::new(),
        },
    };
    whole(caps, Expr::Set(value))
}

fn build_reference(caps: &Captures, text: &str) -> Vec<Candidate> {
    let m = caps.get(0).expect("group 0");
    let word = m.as_str().to_ascii_lowercase();
    let reference = match word.as_str() {
        "now" | "currently" | "nowadays" | "at present" | "presently" | "these days"
        | "at the moment" | "right now" | "today's" => "PRESENT_REF",
        "recently" | "lately" => "PAST_REF",
        "the future" | "the near future" => "FUTURE_REF",
        _ => return Vec::new(),
    };
    if word == "now" && word_after(text, m.end()).eq_ignore_ascii_case("that") {
        return Vec::new();
    }
    whole(caps, Expr::Reference(reference))
}

/// `the third quarter`, `third-quarter`, `the fourth quarter of 2019`, `Q3 2019`.
fn build_quarter(caps: &Captures, _text: &str) -> Vec<Candidate> {
    let Some(quarter) = group(caps, "q").and_then(lexicon::ordinal) else {
        return Vec::new();
    };
    let year = if let Some(y) = group(caps, "y")
        .or(group(caps, "ypos"))
        .and_then(|y| y.parse().ok())
    {
        YearRef::Absolute(y)
    } else if let Some(short) = group(caps, "yy").and_then(|y| y.parse::<i32>().ok()) {
        YearRef::Absolute(2000 + short)
    } else if let Some(rel) = group(caps, "yrel").or(group(caps, "yrel2")) {
        YearRef::Offset(year_offset(rel.split(['\'', '’']).next().unwrap_or("")))
    } else if group(caps, "ago").is_some() {
        YearRef::Offset(-1)
    } else {
        YearRef::Offset(0)
    };
    whole(caps, Expr::Quarter { year, quarter })
}

fn build_half(caps: &Captures, _text: &str) -> Vec<Candidate> {
    let Some(half) = group(caps, "h").map(|h| match h.to_ascii_lowercase().as_str() {
        "first" | "1st" | "1" => 1,
        _ => 2,
    }) else {
        return Vec::new();
    };
    let year = if let Some(y) = group(caps, "y").and_then(|y| y.parse().ok()) {
        YearRef::Absolute(y)
    } else if let Some(rel) = group(caps, "yrel") {
        YearRef::Offset(year_offset(rel))
    } else {
        YearRef::Offset(0)
    };
    whole(caps, Expr::Half { year, half })
}

fn build_season(caps: &Captures, text: &str) -> Vec<Candidate> {
    let m = caps.get(0).expect("group 0");
    let Some(season) = group(caps, "s").and_then(lexicon::season) else {
        return Vec::new();
    };
    let rel = group(caps, "rel").map(|r| r.to_ascii_lowercase());
    let placement = if let Some(y) = group(caps, "y").and_then(|y| y.parse().ok()) {
        Placement::InYear(YearRef::Absolute(y))
    } else if let Some(yrel) = group(caps, "yrel") {
        Placement::InYear(YearRef::Offset(year_offset(yrel)))
    } else {
        match rel.as_deref() {
            None => return Vec::new(),
            // "the fall of Kabul" is not a season.
            Some("the") if word_after(text, m.end()).eq_ignore_ascii_case("of") => {
                return Vec::new()
            }
            Some(r) => placement_of(Some(
                r.trim_start_matches("the ")
                    .trim_start_matches("this ")
                    .trim(),
            )),
        }
    };
    let placement = match (placement, rel.as_deref()) {
        (Placement::Nearest, Some(r)) if r.contains("this") => Placement::This,
        (p, _) => p,
    };
    whole(caps, Expr::Season { season, placement })
}

/// `5 p.m.`, `10:35 a.m. Thursday`, `noon`.
fn build_clock(caps: &Captures, _text: &str) -> Vec<Candidate> {
    let (mut hour, minute) = match group(caps, "word").map(|w| w.to_ascii_lowercase()) {
        Some(word) if word == "midnight" => (24, None),
        Some(_) => (12, None),
        None => {
            let Some(hour) = group(caps, "h").and_then(|h| h.parse::<u32>().ok()) else {
                return Vec::new();
            };
            (hour, group(caps, "mi").and_then(|m| m.parse::<u32>().ok()))
        }
    };
    if let Some(ap) = group(caps, "ap") {
        let pm = ap.to_ascii_lowercase().starts_with('p');
        if hour == 12 {
            hour = if pm { 12 } else { 0 };
        } else if pm {
            hour += 12;
        }
    }
    let day = match group(caps, "day") {
        Some(word) => match lexicon::weekday(word) {
            Some(weekday) => Expr::Weekday {
                weekday,
                placement: Placement::Nearest,
            },
            None => Expr::DayOffset(match word.to_ascii_lowercase().as_str() {
                "yesterday" => -1,
                "tomorrow" => 1,
                _ => 0,
            }),
        },
        None => Expr::DayOffset(0),
    };
    whole(
        caps,
        Expr::Clock {
            day: Box::new(day),
            hour,
            minute,
        },
    )
}

/// `Thanksgiving`, `Christmas Day`, `Election Day`.
fn build_holiday(caps: &Captures, _text: &str) -> Vec<Candidate> {
    let name = caps.get(0).map_or(String::new(), |m| {
        m.as_str().to_lowercase().replace('’', "'")
    });
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    const NAMES: &[&str] = &[
        "new year's day",
        "valentine's day",
        "independence day",
        "july fourth",
        "fourth of july",
        "halloween",
        "veterans day",
        "christmas eve",
        "christmas day",
        "christmas",
        "new year's eve",
        "thanksgiving day",
        "thanksgiving",
        "labor day",
        "memorial day",
        "martin luther king day",
        "election day",
    ];
    match NAMES.iter().find(|n| **n == name) {
        Some(name) => whole(caps, Expr::Holiday(name)),
        None => Vec::new(),
    }
}

/// `nineteen ninety-six`, `the year two thousand`: years in words.
fn build_spoken_year(caps: &Captures, _text: &str) -> Vec<Candidate> {
    let year = if let Some(tail) = group(caps, "tail") {
        let century = if group(caps, "c").is_some_and(|c| c.eq_ignore_ascii_case("twenty")) {
            2000
        } else {
            1900
        };
        lexicon::number_value(tail).map(|n| century + n as i32)
    } else if group(caps, "k").is_some() {
        Some(
            2000 + group(caps, "ones")
                .and_then(lexicon::number_value)
                .unwrap_or(0.0) as i32,
        )
    } else {
        None
    };
    match year {
        Some(year) => whole(
            caps,
            Expr::Calendar {
                year,
                month: None,
                day: None,
            },
        ),
        None => Vec::new(),
    }
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    let rel_unit_words = r"last|this|next|the past|this past|the last|the coming|the next|the current|the previous|the following|coming|current|previous|past|the latest|latest|the most recent|most recent|this coming";
    vec![
        rule(
            r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?",
            build_iso,
        ),
        rule(
            r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12][0-9]|0?[1-9])/(?P<y>\d{4})\b",
            build_numeric_us,
        ),
        rule(
            &format!(
                r"(?:(?P<wd>{WEEKDAY}),?\s+)?\b(?P<mon>{MONTH})\s+(?P<d>{DAY})\b(?:(?:,\s*|\s+)(?P<y>{YEAR})\b)?"
            ),
            build_month_day,
        ),
        rule(
            &format!(
                r"\b(?P<mon>{MONTH})\s+(?P<d>{DAY})\s*(?:-|–|—|to)\s*(?P<d2>{DAY})\b(?:,?\s+(?P<y>{YEAR})\b)?"
            ),
            build_month_day_range,
        ),
        rule(
            &format!(
                r"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?i:the)\s+)?\b(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR})\b)?"
            ),
            build_day_month,
        ),
        rule(
            &format!(
                r"(?:(?P<mod>{MODIFIER})[\s-]*)?\b(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR})\b"
            ),
            build_month_year,
        ),
        rule(
            &format!(
                r"(?:(?P<mod>{MODIFIER})[\s-]*)?(?:\b(?P<rel>(?i:last|this|next|this past|this coming|past))\s+)?\b(?P<mon>{MONTH_FULL}\b|(?:Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.)(?:\s+(?P<yrel>(?i:this|last|next))\s+year\b)?"
            ),
            build_month,
        ),
        rule(
            &format!(
                r"(?:(?P<mod>{MODIFIER})[\s-]*)?(?:(?P<fiscal>(?i:fiscal(?:\s+year)?|FY))\s*)?\b(?P<y>{YEAR})\b"
            ),
            build_year,
        ),
        rule(
            &format!(r"\b(?P<a>{YEAR})\s*(?:-|–|—|/)\s*(?P<b>\d{{2}})\b"),
            build_year_range_short,
        ),
        rule(
            r"(?:(?P<the>(?i:the))\s+)?(?:(?P<mod>(?i:early|late|mid))[\s-]*)?(?:\b(?P<cd>1[0-9]|20)(?P<d>[0-9])0'?s\b|['‘’](?P<d2>[0-9])0s\b|\b(?P<w>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b)",
            build_decade,
        ),
        rule(
            r"(?:(?i:the)\s+)?\b(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>(?i:eighteenth|nineteenth|twentieth|twenty[- ]first)))[\s-]+(?i:century)\b",
            build_century,
        ),
        rule(
            r"(?i)\b(?:(?P<mod>early|late|earlier|later)\s+)?(?P<w>today|yesterday|tomorrow|tonight)\b(?:'s)?(?:\s+(?P<part>morning|afternoon|evening|night)\b)?",
            build_day_word,
        ),
        rule(
            r"(?i)\b(?:(?:early|late|earlier|later)\s+)?(?P<rel>this|last)\s+(?P<part>morning|afternoon|evening|night)\b",
            build_this_part,
        ),
        rule(
            &format!(
                r"(?:\b(?P<rel>(?i:last|this|next|this past|this coming|coming|early|late|earlier|later))\s+)?\b(?P<wd>{WEEKDAY})\b(?:'s)?(?:\s+(?P<part>(?i:morning|afternoon|evening|night))\b)?"
            ),
            build_weekday,
        ),
        rule(
            &format!(
                r"(?i)\b(?:(?P<mod>early|late|earlier|later|the end of|the beginning of|the start of|the middle of|the rest of|the remainder of|the first half of|the second half of)\s+)?(?P<rel>{rel_unit_words})\s+(?P<u>week|month|year|quarter|decade|century|weekend|fiscal year|calendar year)\b"
            ),
            build_unit_offset,
        ),
        rule(r"(?i)\bthe\s+(?P<u>quarter|weekend)\b", build_the_unit),
        rule(r"(?i)\byear-(?P<w>ago|earlier)\b", build_year_ago_adjective),
        rule(
            r"(?i)\b(?:the\s+)?(?:end|beginning|start|middle|rest|remainder)\s+of\s+the\s+(?P<u>week|month|year)\b",
            build_this_unit,
        ),
        rule(
            r"\b(?:New Year[’']s (?:Day|Eve)|Valentine[’']s Day|Independence Day|July Fourth|Fourth of July|Halloween|Veterans Day|Christmas(?: Eve| Day)?|Thanksgiving(?: Day)?|Labor Day|Memorial Day|Martin Luther King Day|Election Day)\b",
            build_holiday,
        ),
        rule(
            r"(?i)\b(?:the\s+year\s+)?(?:(?P<c>nineteen|twenty)[\s-]+(?P<tail>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|oh[\s-](?:one|two|three|four|five|six|seven|eight|nine))|(?P<k>two\s+thousand)(?:\s+(?:and\s+)?(?P<ones>one|two|three|four|five|six|seven|eight|nine|ten))?)\b",
            build_spoken_year,
        ),
        rule(
            r"(?i)\b(?:the\s+)?(?:comparable\s+|same\s+)?(?:year-ago|year-earlier|year ago|year earlier)\s+(?:quarter|period)\b",
            build_year_ago_quarter,
        ),
        rule(
            &format!(
                r"(?i)\b(?:(?:about|nearly|almost|some|more than|less than|roughly|around|over|just over|just under|at least|only|barely|fully|a)\s+)?(?P<n>{NUMBER})[\s-]+(?P<u>{UNIT})\s+(?P<dir>ago|earlier|later|before|after|from now|hence|previously|back|on)\b"
            ),
            build_ago,
        ),
        rule(
            &format!(
                r"(?i)\b(?:(?:about|nearly|almost|some|more than|less than|roughly|around|over|at least|up to|only|just|another|an additional|the)\s+)?(?:(?P<which>past|last|next|first|latest|coming|previous|final|following|recent|other|entire|whole|full|initial|remaining)\s+)?(?P<n>{NUMBER})[\s-]+(?P<u>{UNIT})\b"
            ),
            build_duration,
        ),
        rule(
            r"(?i)(?:\b(?:in|for|over|during)\s+)?(?P<span>\b(?:recent|the coming|coming|the past few|the last few|the next few|the past|the last|the next|the following|ensuing|the ensuing)\s+(?P<u>days|weeks|months|years|decades|centuries)\b)",
            build_vague_duration,
        ),
        rule(
            r"(?i)\bfor\s+(?P<span>(?P<u>weeks|months|years|decades|centuries))\b",
            build_vague_duration,
        ),
        rule(
            &format!(
                r"(?i)\b(?P<adv>daily|weekly|biweekly|monthly|yearly|hourly|nightly)\b|\b(?:every|each)\s+(?P<wd>{WEEKDAY})\b|\b(?:(?:once|twice|(?:\w+|\d+) times)\s+(?:a|an|per|every|each)|every|each|per)\s+(?:(?P<n>{NUMBER})\s+)?(?P<u>second|minute|hour|day|week|month|quarter|year|decade|morning|afternoon|evening|night)s?\b"
            ),
            build_set,
        ),
        rule(
            r"(?i)\b(?:now|currently|nowadays|at present|presently|these days|at the moment|right now|recently|lately|the near future|the future)\b",
            build_reference,
        ),
        rule(
            &format!(
                r"(?i)\b(?:the\s+)?(?:(?P<yrel>last year's|this year's|next year's|last year’s|this year’s|next year’s)\s+|(?:fiscal\s+)?(?P<ypos>{YEAR})(?:'s|’s)?\s+)?(?:(?:(?P<ago>year-ago|year-earlier)|fiscal|calendar|latest|current|comparable|same)[\s-]+)*(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal[\s-]+)?quarter\b(?:\s+(?:of\s+)?(?:(?:fiscal\s+)?(?P<y>{YEAR})\b|(?P<yrel2>last|this|next)\s+year\b|the\s+year\b))?"
            ),
            build_quarter,
        ),
        rule(
            &format!(
                r"\bQ(?P<q>[1-4])(?:\s+(?:of\s+)?(?P<y>{YEAR})\b|\s*['’](?P<yy>\d{{2}})\b)?\b"
            ),
            build_quarter,
        ),
        rule(
            &format!(
                r"(?i)\b(?:the\s+)?(?P<h>first|second|1st|2nd|latter)\s+half\s+of\s+(?:(?:fiscal\s+)?(?P<y>{YEAR})\b|(?P<yrel>this|last|next)\s+year\b|the\s+year\b)"
            ),
            build_half,
        ),
        rule(&format!(r"\bH(?P<h>[12])\s+(?P<y>{YEAR})\b"), build_half),
        rule(
            &format!(
                r"(?i)(?:\b(?P<rel>last|this|next|this past|this coming|the|early|late|mid|the early|the late|earlier this|later this|early this|late this|early next|late last)[\s-]+)?\b(?P<s>spring|summer|fall|autumn|winter)\b(?:\s+(?:of\s+)?(?P<y>{YEAR})\b|\s+(?P<yrel>this|last|next)\s+year\b)?"
            ),
            build_season,
        ),
        rule(
            r"(?i)\b(?:(?:about|around|approximately|shortly after|shortly before|just after|just before)\s+)?(?:(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5][0-9]))?\s*(?P<ap>a\.?m\b\.?|p\.?m\b\.?)|(?P<word>noon|midday|midnight))(?:\s+(?:[ECMP][SD]T|ET|GMT|UTC|BST)\b)?(?:,?\s+(?:on\s+)?(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow)\b)?",
            build_clock,
        ),
    ]
});

/// Every candidate in `text`, overlapping ones included, in rule order.
pub fn candidates(text: &str) -> Vec<Candidate> {
    // One pass of all the rules together says which can match at all; only
    // those run their own (capturing) search. Most sentences hold no date, so
    // this saves a pass per rule; the candidates are the same.
    let matching: Vec<bool> = match RULE_SET.as_ref() {
        Some(set) => {
            let matches = set.matches(text);
            (0..RULES.len()).map(|i| matches.matched(i)).collect()
        }
        None => vec![true; RULES.len()],
    };
    candidates_of_rules(text, &matching)
}

/// The candidates of the rules whose flag in `run` is set, in rule order.
fn candidates_of_rules(text: &str, run: &[bool]) -> Vec<Candidate> {
    let mut found = Vec::new();
    for (rule, _) in RULES.iter().zip(run).filter(|(_, run)| **run) {
        for caps in rule.regex.captures_iter(text) {
            found.extend((rule.build)(&caps, text));
        }
    }
    found
}

/// Every rule's trigger in one set, or `None` when the set is too large to
/// build (then every rule runs, as it would without the set).
///
/// A rule's trigger matches wherever the rule does (see [`trigger`]) and is
/// smaller: fewer alternatives live at once means fewer states for the regex
/// crate's lazy DFA to build on first use in each thread, and no word
/// boundaries means it never gives up on non-ASCII text. With the whole rules
/// in the set, their Unicode `\b` made the DFA fall back to the PikeVM at the
/// first curly quote or dash (40% of all parse time on the tech-proposals
/// corpus), and building the DFA's states for ~30 whole rules took 0.5 s of
/// every thread's first pass.
static RULE_SET: LazyLock<Option<RegexSet>> = LazyLock::new(|| {
    let triggers: Option<Vec<String>> = RULES
        .iter()
        .map(|rule| trigger(rule.regex.as_str()))
        .collect();
    RegexSetBuilder::new(triggers?)
        .size_limit(64 * 1024 * 1024)
        .dfa_size_limit(16 * 1024 * 1024)
        .build()
        .ok()
});

/// A pattern that matches inside every match of `pattern` (so a text with no
/// match of the trigger has none of the pattern): the pattern with its
/// optional parts at either end left out and its look-around assertions
/// (`\b`, `^`, `$`) dropped. `None` if the pattern does not parse.
fn trigger(pattern: &str) -> Option<String> {
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    Some(without_looks(&core_of(&hir)).to_string())
}

/// The part of `hir` every match of it contains: a concatenation loses the
/// items at either end that can match nothing (`(?:the\s+)?`, `\b`), a group
/// its capture, an alternation keeps the core of each branch.
fn core_of(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Capture(capture) => core_of(&capture.sub),
        HirKind::Alternation(branches) => Hir::alternation(branches.iter().map(core_of).collect()),
        HirKind::Concat(items) => {
            let nullable = |item: &Hir| item.properties().minimum_len() == Some(0);
            let first = items.iter().position(|item| !nullable(item));
            let last = items.iter().rposition(|item| !nullable(item));
            match (first, last) {
                (Some(first), Some(last)) if first == last => core_of(&items[first]),
                (Some(first), Some(last)) => Hir::concat(items[first..=last].to_vec()),
                _ => Hir::empty(),
            }
        }
        _ => hir.clone(),
    }
}

/// `hir` with every look-around assertion replaced by the empty pattern,
/// which matches wherever the assertion held (and elsewhere).
fn without_looks(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Look(_) => Hir::empty(),
        HirKind::Capture(capture) => without_looks(&capture.sub),
        HirKind::Alternation(branches) => {
            Hir::alternation(branches.iter().map(without_looks).collect())
        }
        HirKind::Concat(items) => Hir::concat(items.iter().map(without_looks).collect()),
        HirKind::Repetition(repetition) => Hir::repetition(regex_syntax::hir::Repetition {
            sub: Box::new(without_looks(&repetition.sub)),
            ..repetition.clone()
        }),
        _ => hir.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triggers_drop_optional_ends_and_word_boundaries() {
        let t = |p: &str| trigger(p).expect("parses");
        // Compared as printed by regex-syntax (which adds groups).
        assert_eq!(t(r"(?:the\s+)?\bMay\b(?:\s+\d{4})?"), t("May"));
        assert_eq!(t(r"\b(?P<y>\d{4})-\d{2}\b"), t(r"\d{4}-\d{2}"));
        // A look inside the kept middle goes too; nothing is left of an
        // all-optional pattern.
        assert_eq!(t(r"a\bb"), t("ab"));
        assert_eq!(t(r"(?:x)?\b"), t(""));
    }

    #[test]
    fn the_prefilter_set_is_built_and_keeps_every_candidate() {
        assert!(RULE_SET.is_some(), "the rule set fits its size limits");
        let every_rule = vec![true; RULES.len()];
        for text in [
            "On 3 May 2020 — “yesterday” — the CEO said revenue rose.",
            "Der Bericht vom 12. März: «last Tuesday» at 3 p.m. EST, ﬁscal 2019.",
            "ſummer 2021 and K̲elvin; naïve 1999–2001 projections, Q3 ’19 and the 1990s.",
            "éMay 2020, 2020é, ä2019ä: since 1066 — “in 1990” — early next week.",
            "No date here at all, just words with accents: café, naïve, Zürich.",
            "Every Monday, twice a week, three years ago, the past few months, now.",
            "In the first quarter of 2019, H1 2020 and the second half of next year.",
            "Tonight, at noon on Friday, and by the end of the month, 2019-05-03T10:00Z.",
        ] {
            assert_eq!(
                candidates(text),
                candidates_of_rules(text, &every_rule),
                "{text}"
            );
        }
    }
}
