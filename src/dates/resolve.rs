//! Dates: what a found expression means ([`Expr`]) and how it becomes a
//! TimeML value, anchoring relative expressions on the publication date.
//!
//! Rules: a relative expression needs an anchor; without one it stays
//! unresolved (no value). A month-day, month or weekday without a year takes
//! the occurrence on or before the anchor when its words are in the past
//! tense, the one on or after when they speak of the future; with no tense
//! cue, a weekday takes the past one and a month-day or month the past one
//! unless the next one is under a third as far (within about three months:
//! "payable Dec. 7" in a November article).

use super::lexicon::Unit;
use super::timeml::{self, TimexType};
use crate::model::DatePrecision;
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Which way a bare month-day, month or weekday points from the anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Past,
    Future,
    /// No tense cue.
    Unknown,
}

/// A year given outright or counted from the anchor's year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearRef {
    Absolute(i32),
    /// 0 for "this year", -1 for "last year".
    Offset(i32),
}

/// How a month, weekday or season without a year is placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// By the sentence's direction ("in April", "on Monday").
    Nearest,
    /// "last April": the latest one before the anchor's.
    Last,
    /// "next April": the first one after the anchor's.
    Next,
    /// "this April": the one in the anchor's year (week for weekdays).
    This,
    /// "April last year": the one in a given year.
    InYear(YearRef),
}

/// The meaning of one date or time expression, before anchoring.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A calendar date of year, month or day precision, fully written.
    Calendar {
        year: i32,
        month: Option<u32>,
        day: Option<u32>,
    },
    /// A clock time on a day (`day` is itself a day expression).
    Clock {
        day: Box<Expr>,
        hour: u32,
        minute: Option<u32>,
    },
    /// A part of a day ("Friday night", "this morning"): TimeML `MO`, `AF`, `EV`, `NI`.
    PartOfDay { day: Box<Expr>, part: &'static str },
    /// A day and month without a year ("Oct 7").
    /// The weekday, when written ("Monday, Oct. 26"), picks the year.
    MonthDay {
        month: u32,
        day: u32,
        weekday: Option<Weekday>,
    },
    /// A holiday on a fixed or floating day ("Thanksgiving", "Christmas"),
    /// placed like a month-day.
    Holiday(&'static str),
    /// A month without a day ("October", "last April", "July this year").
    Month { month: u32, placement: Placement },
    /// A weekday ("Monday", "last Friday").
    Weekday {
        weekday: Weekday,
        placement: Placement,
    },
    /// Days from the anchor: today 0, yesterday -1, tomorrow 1.
    DayOffset(i64),
    /// Units from the anchor's: "last week" (Week, -1), "this year" (Year, 0).
    UnitOffset { unit: Unit, offset: i32 },
    /// The weekend of the anchor's week shifted by whole weeks ("this
    /// weekend" 0, "last weekend" -1); `None` for "the weekend", placed by tense.
    Weekend { offset: Option<i32> },
    /// "seven years ago": `amount` units back from the anchor (negative for
    /// "from now"); `None` for a vague amount.
    Ago { amount: Option<f64>, unit: Unit },
    /// A quarter of a year.
    Quarter { year: YearRef, quarter: u32 },
    /// A half of a year.
    Half { year: YearRef, half: u32 },
    /// A season of a year (`SP`, `SU`, `FA`, `WI`).
    Season {
        season: &'static str,
        placement: Placement,
    },
    /// A decade, by its first three digits (199 for the 1990s).
    Decade(i32),
    /// A century, by its first two digits (19 for the twentieth century).
    Century(i32),
    /// `PRESENT_REF`, `PAST_REF` or `FUTURE_REF`: now, recently, soon.
    Reference(&'static str),
    /// A length of time, already a TimeML value (`P3Y`, `PXM`).
    Duration(String),
    /// A recurrence, already a TimeML value (`P1D` for daily).
    Set(String),
    /// A date counted from a time the text gives elsewhere ("a year
    /// earlier"): relative, but not to the publication date, so never
    /// resolved here. `unit` gives its precision.
    Unanchored { unit: Unit },
}

/// What an expression resolves to.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    pub timex_type: TimexType,
    /// The TimeML value; `None` when it cannot be worked out.
    pub value: Option<String>,
    /// Calendar precision of `value`, for dates and times.
    pub precision: Option<DatePrecision>,
    /// Whether the expression needs an anchor to mean a date.
    pub relative: bool,
}

impl Expr {
    /// Whether the expression needs an anchor to mean a date.
    pub fn is_relative(&self) -> bool {
        match self {
            Expr::Calendar { .. }
            | Expr::Decade(_)
            | Expr::Century(_)
            | Expr::Reference(_)
            | Expr::Duration(_)
            | Expr::Set(_) => false,
            Expr::Clock { day, .. } | Expr::PartOfDay { day, .. } => day.is_relative(),
            Expr::Quarter { year, .. } | Expr::Half { year, .. } => {
                matches!(year, YearRef::Offset(_))
            }
            _ => true,
        }
    }

    /// The calendar precision the expression has once resolved; `None` for
    /// durations, sets and `PRESENT_REF`-style references.
    pub fn precision(&self) -> Option<DatePrecision> {
        match self {
            Expr::Calendar { month, day, .. } => Some(match (month, day) {
                (Some(_), Some(_)) => DatePrecision::Day,
                (Some(_), None) => DatePrecision::Month,
                _ => DatePrecision::Year,
            }),
            Expr::Clock { .. }
            | Expr::PartOfDay { .. }
            | Expr::MonthDay { .. }
            | Expr::Holiday(_)
            | Expr::Weekday { .. }
            | Expr::DayOffset(_) => Some(DatePrecision::Day),
            Expr::Month { .. } => Some(DatePrecision::Month),
            Expr::Weekend { .. } => Some(DatePrecision::Week),
            Expr::UnitOffset { unit, .. } | Expr::Ago { unit, .. } | Expr::Unanchored { unit } => {
                unit_precision(*unit)
            }
            Expr::Quarter { .. } | Expr::Half { .. } => Some(DatePrecision::Quarter),
            Expr::Season { .. } => Some(DatePrecision::Season),
            Expr::Decade(_) => Some(DatePrecision::Decade),
            Expr::Century(_) => Some(DatePrecision::Century),
            Expr::Reference(_) | Expr::Duration(_) | Expr::Set(_) => None,
        }
    }

    /// The TimeML type of the expression.
    pub fn timex_type(&self) -> TimexType {
        match self {
            Expr::Clock { .. } | Expr::PartOfDay { .. } => TimexType::Time,
            Expr::Duration(_) => TimexType::Duration,
            Expr::Set(_) => TimexType::Set,
            _ => TimexType::Date,
        }
    }
}

/// Resolve an expression against an optional anchor.
pub fn resolve(expr: &Expr, anchor: Option<NaiveDate>, direction: Direction) -> Resolution {
    let relative = expr.is_relative();
    let timex_type = expr.timex_type();
    let mut value = if relative {
        anchor.and_then(|anchor| value_of(expr, Some(anchor), direction))
    } else {
        value_of(expr, anchor, direction)
    };
    let mut precision = value.as_deref().and_then(timeml::precision_of);
    // A calendar expression whose value is off the calendar (a year past
    // 9999 or before 0) is not resolved rather than written wrongly.
    if expr.precision().is_some() && precision.is_none() {
        value = None;
    }
    if expr.precision().is_none() {
        precision = None;
    }
    Resolution {
        timex_type,
        value,
        precision,
        relative,
    }
}

fn day_value(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn year_of(year: YearRef, anchor: Option<NaiveDate>) -> Option<i32> {
    match year {
        YearRef::Absolute(year) => Some(year),
        YearRef::Offset(offset) => Some(anchor?.year() + offset),
    }
}

/// The day an expression of day precision falls on.
fn day_of(expr: &Expr, anchor: Option<NaiveDate>, direction: Direction) -> Option<NaiveDate> {
    let value = value_of(expr, anchor, direction)?;
    NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok()
}

fn value_of(expr: &Expr, anchor: Option<NaiveDate>, direction: Direction) -> Option<String> {
    match expr {
        Expr::Calendar { year, month, day } => match (month, day) {
            (Some(month), Some(day)) => NaiveDate::from_ymd_opt(*year, *month, *day).map(day_value),
            (Some(month), None) if (1..=12).contains(month) => {
                Some(format!("{year:04}-{month:02}"))
            }
            (None, _) if (0..=9999).contains(year) => Some(format!("{year:04}")),
            _ => None,
        },
        Expr::Clock { day, hour, minute } => {
            let date = day_of(day, anchor, direction)?;
            Some(format!(
                "{}T{:02}:{:02}",
                day_value(date),
                hour,
                minute.unwrap_or(0)
            ))
        }
        Expr::PartOfDay { day, part } => {
            let date = day_of(day, anchor, direction)?;
            Some(format!("{}T{}", day_value(date), part))
        }
        Expr::MonthDay {
            month,
            day,
            weekday: Some(weekday),
        } => {
            // The year, next to the anchor's, whose date falls on that weekday.
            let anchor = anchor?;
            let date = [0, -1, 1]
                .iter()
                .filter_map(|k| NaiveDate::from_ymd_opt(anchor.year() + k, *month, *day))
                .find(|date| date.weekday() == *weekday);
            match date {
                Some(date) => Some(day_value(date)),
                None => value_of(
                    &Expr::MonthDay {
                        month: *month,
                        day: *day,
                        weekday: None,
                    },
                    Some(anchor),
                    direction,
                ),
            }
        }
        Expr::MonthDay {
            month,
            day,
            weekday: None,
        } => {
            let anchor = anchor?;
            let this_year = NaiveDate::from_ymd_opt(anchor.year(), *month, *day);
            let past = match this_year {
                Some(date) if date <= anchor => date,
                _ => previous_valid(anchor.year() - 1, *month, *day, -1)?,
            };
            let future = match this_year {
                Some(date) if date >= anchor => date,
                _ => previous_valid(anchor.year() + 1, *month, *day, 1)?,
            };
            let date = match direction {
                Direction::Past => past,
                Direction::Future => future,
                Direction::Unknown => {
                    if (future - anchor).num_days() * 3 < (anchor - past).num_days() {
                        future
                    } else {
                        past
                    }
                }
            };
            Some(day_value(date))
        }
        Expr::Holiday(name) => {
            let anchor = anchor?;
            let year = anchor.year();
            let past = [year, year - 1]
                .iter()
                .filter_map(|y| holiday(name, *y))
                .find(|date| *date <= anchor)?;
            let future = [year, year + 1]
                .iter()
                .filter_map(|y| holiday(name, *y))
                .find(|date| *date >= anchor)?;
            let date = match direction {
                Direction::Past => past,
                Direction::Future => future,
                Direction::Unknown => {
                    if (future - anchor).num_days() * 3 < (anchor - past).num_days() {
                        future
                    } else {
                        past
                    }
                }
            };
            Some(day_value(date))
        }
        Expr::Month { month, placement } => {
            let anchor = anchor?;
            let (year, current) = (anchor.year(), anchor.month());
            let year = match placement {
                Placement::Nearest => {
                    let back = (current as i32 - *month as i32).rem_euclid(12);
                    let ahead = (*month as i32 - current as i32).rem_euclid(12);
                    let future = match direction {
                        Direction::Past => false,
                        Direction::Future => true,
                        Direction::Unknown => ahead * 3 < back,
                    };
                    match future {
                        false if *month > current => year - 1,
                        true if *month < current => year + 1,
                        _ => year,
                    }
                }
                Placement::Last if *month >= current => year - 1,
                Placement::Next if *month <= current => year + 1,
                Placement::InYear(year_ref) => year_of(*year_ref, Some(anchor))?,
                _ => year,
            };
            Some(format!("{year:04}-{month:02}"))
        }
        Expr::Weekday { weekday, placement } => {
            let anchor = anchor?;
            let back = (7 + anchor.weekday().num_days_from_monday() as i64
                - weekday.num_days_from_monday() as i64)
                % 7;
            let date = match (placement, direction) {
                (Placement::Last, _) => anchor - Duration::days(if back == 0 { 7 } else { back }),
                (Placement::Next, _) => {
                    anchor + Duration::days(if back == 0 { 7 } else { 7 - back })
                }
                (Placement::This, _) => {
                    let monday =
                        anchor - Duration::days(anchor.weekday().num_days_from_monday() as i64);
                    monday + Duration::days(weekday.num_days_from_monday() as i64)
                }
                (_, Direction::Past | Direction::Unknown) => anchor - Duration::days(back),
                (_, Direction::Future) => anchor + Duration::days((7 - back) % 7),
            };
            Some(day_value(date))
        }
        Expr::DayOffset(days) => Some(day_value(
            anchor?.checked_add_signed(Duration::days(*days))?,
        )),
        Expr::UnitOffset { unit, offset } => unit_value(anchor?, *unit, *offset as i64),
        Expr::Weekend { offset } => {
            let anchor = anchor?;
            // "the weekend": the last one, or the coming one in the future tense.
            let shift = match (offset, direction) {
                (Some(offset), _) => *offset as i64,
                (None, Direction::Future) => 0,
                (None, _) if anchor.weekday().num_days_from_monday() >= 5 => 0,
                (None, _) => -1,
            };
            let week = anchor.checked_add_signed(Duration::weeks(shift))?;
            Some(format!("{}-WE", timeml::week_value(week)))
        }
        Expr::Ago { amount, unit } => {
            let amount = (*amount)?;
            if amount.fract() != 0.0 || amount > 10_000.0 {
                return None;
            }
            unit_value(anchor?, *unit, -(amount as i64))
        }
        Expr::Quarter { year, quarter } => {
            Some(format!("{:04}-Q{}", year_of(*year, anchor)?, quarter))
        }
        Expr::Half { year, half } => Some(format!("{:04}-H{}", year_of(*year, anchor)?, half)),
        Expr::Season { season, placement } => {
            let year = match placement {
                Placement::InYear(YearRef::Absolute(year)) => *year,
                _ => {
                    let anchor = anchor?;
                    let year = anchor.year();
                    let start = season_start(season);
                    let month = anchor.month();
                    match placement {
                        Placement::Last if month < start + 3 => year - 1,
                        Placement::Next if month >= start => year + 1,
                        Placement::InYear(YearRef::Offset(offset)) => year + offset,
                        _ => year,
                    }
                }
            };
            Some(format!("{year:04}-{season}"))
        }
        Expr::Decade(decade) => Some(format!("{decade:03}")),
        Expr::Century(century) => Some(format!("{century:02}")),
        Expr::Reference(reference) => Some(reference.to_string()),
        Expr::Duration(value) | Expr::Set(value) => Some(value.clone()),
        Expr::Unanchored { .. } => None,
    }
}

/// The `n`th `weekday` of a month (`n` = -1 for the last).
fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: i32) -> Option<NaiveDate> {
    if n > 0 {
        NaiveDate::from_weekday_of_month_opt(year, month, weekday, n as u8)
    } else {
        (1..=5)
            .rev()
            .find_map(|k| NaiveDate::from_weekday_of_month_opt(year, month, weekday, k))
    }
}

/// The day of a holiday in a year (US holidays where they float).
pub fn holiday(name: &str, year: i32) -> Option<NaiveDate> {
    let fixed = |month, day| NaiveDate::from_ymd_opt(year, month, day);
    match name {
        "new year's day" => fixed(1, 1),
        "valentine's day" => fixed(2, 14),
        "independence day" | "july fourth" | "fourth of july" => fixed(7, 4),
        "halloween" => fixed(10, 31),
        "veterans day" => fixed(11, 11),
        "christmas eve" => fixed(12, 24),
        "christmas" | "christmas day" => fixed(12, 25),
        "new year's eve" => fixed(12, 31),
        "thanksgiving" | "thanksgiving day" => nth_weekday(year, 11, Weekday::Thu, 4),
        "labor day" => nth_weekday(year, 9, Weekday::Mon, 1),
        "memorial day" => nth_weekday(year, 5, Weekday::Mon, -1),
        "martin luther king day" => nth_weekday(year, 1, Weekday::Mon, 3),
        "election day" => nth_weekday(year, 11, Weekday::Mon, 1)?.succ_opt(),
        _ => None,
    }
}

fn unit_precision(unit: Unit) -> Option<DatePrecision> {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => None,
        Unit::Day => Some(DatePrecision::Day),
        Unit::Week => Some(DatePrecision::Week),
        Unit::Month => Some(DatePrecision::Month),
        Unit::Quarter => Some(DatePrecision::Quarter),
        Unit::Year => Some(DatePrecision::Year),
        Unit::Decade => Some(DatePrecision::Decade),
        Unit::Century => Some(DatePrecision::Century),
    }
}

/// The first valid `month`-`day` counting from `year` in steps of `step`
/// years (29 February waits for a leap year).
fn previous_valid(year: i32, month: u32, day: u32, step: i32) -> Option<NaiveDate> {
    (0..8).find_map(|k| NaiveDate::from_ymd_opt(year + k * step, month, day))
}

fn season_start(season: &str) -> u32 {
    match season {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        _ => 12,
    }
}

/// The value of the unit `offset` units from the anchor's.
fn unit_value(anchor: NaiveDate, unit: Unit, offset: i64) -> Option<String> {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => None,
        Unit::Day => Some(day_value(
            anchor.checked_add_signed(Duration::days(offset))?,
        )),
        Unit::Week => Some(timeml::week_value(
            anchor.checked_add_signed(Duration::weeks(offset))?,
        )),
        Unit::Month => {
            let months = anchor.year() as i64 * 12 + anchor.month0() as i64 + offset;
            Some(format!(
                "{:04}-{:02}",
                months.div_euclid(12),
                months.rem_euclid(12) + 1
            ))
        }
        Unit::Quarter => {
            let quarters = anchor.year() as i64 * 4 + (anchor.month0() / 3) as i64 + offset;
            Some(format!(
                "{:04}-Q{}",
                quarters.div_euclid(4),
                quarters.rem_euclid(4) + 1
            ))
        }
        Unit::Year => Some(format!("{:04}", anchor.year() as i64 + offset)),
        Unit::Decade => Some(format!("{:03}", anchor.year() as i64 / 10 + offset)),
        Unit::Century => Some(format!("{:02}", anchor.year() as i64 / 100 + offset)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor() -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2019, 11, 6) // a Wednesday
    }

    fn value(expr: Expr) -> Option<String> {
        resolve(&expr, anchor(), Direction::Past).value
    }

    #[test]
    fn bare_month_day_is_on_or_before_the_anchor() {
        assert_eq!(
            value(Expr::MonthDay {
                month: 10,
                day: 7,
                weekday: None
            })
            .as_deref(),
            Some("2019-10-07")
        );
        assert_eq!(
            value(Expr::MonthDay {
                month: 12,
                day: 1,
                weekday: None
            })
            .as_deref(),
            Some("2018-12-01")
        );
        assert_eq!(
            value(Expr::MonthDay {
                month: 11,
                day: 6,
                weekday: None
            })
            .as_deref(),
            Some("2019-11-06")
        );
        let future = resolve(
            &Expr::MonthDay {
                month: 10,
                day: 7,
                weekday: None,
            },
            anchor(),
            Direction::Future,
        );
        assert_eq!(future.value.as_deref(), Some("2020-10-07"));
    }

    #[test]
    fn weekdays_and_units() {
        let monday = Expr::Weekday {
            weekday: Weekday::Mon,
            placement: Placement::Nearest,
        };
        assert_eq!(value(monday).as_deref(), Some("2019-11-04"));
        let wednesday = Expr::Weekday {
            weekday: Weekday::Wed,
            placement: Placement::Last,
        };
        assert_eq!(value(wednesday).as_deref(), Some("2019-10-30"));
        let last_month = Expr::UnitOffset {
            unit: Unit::Month,
            offset: -1,
        };
        assert_eq!(value(last_month).as_deref(), Some("2019-10"));
        let this_week = Expr::UnitOffset {
            unit: Unit::Week,
            offset: 0,
        };
        assert_eq!(value(this_week).as_deref(), Some("2019-W45"));
        let ago = Expr::Ago {
            amount: Some(7.0),
            unit: Unit::Year,
        };
        assert_eq!(value(ago).as_deref(), Some("2012"));
        let january = Expr::UnitOffset {
            unit: Unit::Month,
            offset: -10,
        };
        assert_eq!(value(january).as_deref(), Some("2019-01"));
    }

    #[test]
    fn relative_without_anchor_stays_unresolved() {
        let resolution = resolve(&Expr::DayOffset(-1), None, Direction::Past);
        assert!(resolution.relative);
        assert_eq!(resolution.value, None);
        let absolute = resolve(
            &Expr::Calendar {
                year: 2018,
                month: None,
                day: None,
            },
            None,
            Direction::Past,
        );
        assert_eq!(absolute.value.as_deref(), Some("2018"));
        assert!(!absolute.relative);
    }
}
