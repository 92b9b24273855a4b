//! Dates: TimeML values. Formats them (weeks, durations), reads back their
//! precision, and turns a calendar value into the days it covers.

use crate::model::DatePrecision;
pub use crate::model::TimexType;
use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::lexicon::Unit;

/// The ISO week value of a day (`2019-W45`).
pub fn week_value(date: NaiveDate) -> String {
    let week = date.iso_week();
    format!("{:04}-W{:02}", week.year(), week.week())
}

/// A duration value: `P3Y`, `PT2H`, `PXM` when the amount is vague.
pub fn duration_value(amount: Option<f64>, unit: Unit) -> String {
    let (amount, scale) = match unit {
        Unit::Decade => (amount, 10.0),
        Unit::Century => (amount, 100.0),
        _ => (amount, 1.0),
    };
    let number = match amount {
        Some(amount) => {
            let amount = amount * scale;
            if amount.fract() == 0.0 {
                format!("{}", amount as i64)
            } else {
                format!("{amount}")
            }
        }
        None => "X".to_string(),
    };
    match unit {
        Unit::Second => format!("PT{number}S"),
        Unit::Minute => format!("PT{number}M"),
        Unit::Hour => format!("PT{number}H"),
        Unit::Day => format!("P{number}D"),
        Unit::Week => format!("P{number}W"),
        Unit::Month => format!("P{number}M"),
        Unit::Quarter => format!("P{number}Q"),
        Unit::Year | Unit::Decade | Unit::Century => {
            if amount.is_none() {
                match unit {
                    Unit::Decade => "PXE".to_string(),
                    Unit::Century => "PXC".to_string(),
                    _ => "PXY".to_string(),
                }
            } else {
                format!("P{number}Y")
            }
        }
    }
}

fn digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// The calendar precision of a DATE or TIME value; `None` for values that
/// are not calendar positions (`PRESENT_REF`, durations).
pub fn precision_of(value: &str) -> Option<DatePrecision> {
    interval_of(value).map(|(_, _, precision)| precision)
}

/// The first and last day a calendar value covers, with its precision.
/// Times (`2019-10-07T14:00`, `2019-10-07TNI`) cover their day.
pub fn interval_of(value: &str) -> Option<(NaiveDate, NaiveDate, DatePrecision)> {
    let date_part = value.split('T').next()?;
    let parts: Vec<&str> = date_part.split('-').collect();
    let year = |text: &str| -> Option<i32> {
        if text.len() == 4 && digits(text) {
            text.parse().ok()
        } else {
            None
        }
    };
    match parts.as_slice() {
        [y] if y.len() == 4 && digits(y) => {
            let year = year(y)?;
            Some((
                NaiveDate::from_ymd_opt(year, 1, 1)?,
                NaiveDate::from_ymd_opt(year, 12, 31)?,
                DatePrecision::Year,
            ))
        }
        [d] if d.len() == 3 && digits(d) => {
            let start: i32 = d.parse::<i32>().ok()? * 10;
            Some((
                NaiveDate::from_ymd_opt(start, 1, 1)?,
                NaiveDate::from_ymd_opt(start + 9, 12, 31)?,
                DatePrecision::Decade,
            ))
        }
        [c] if c.len() == 2 && digits(c) => {
            let start: i32 = c.parse::<i32>().ok()? * 100;
            Some((
                NaiveDate::from_ymd_opt(start, 1, 1)?,
                NaiveDate::from_ymd_opt(start + 99, 12, 31)?,
                DatePrecision::Century,
            ))
        }
        [y, m] if m.len() == 2 && digits(m) => {
            let year = year(y)?;
            let month: u32 = m.parse().ok()?;
            let first = NaiveDate::from_ymd_opt(year, month, 1)?;
            Some((first, last_of_month(first)?, DatePrecision::Month))
        }
        [y, part] if part.len() == 2 && part.starts_with('Q') => {
            let year = year(y)?;
            let quarter: u32 = part[1..].parse().ok()?;
            if !(1..=4).contains(&quarter) {
                return None;
            }
            let first = NaiveDate::from_ymd_opt(year, quarter * 3 - 2, 1)?;
            let last = last_of_month(NaiveDate::from_ymd_opt(year, quarter * 3, 1)?)?;
            Some((first, last, DatePrecision::Quarter))
        }
        [y, part] if part.len() == 2 && part.starts_with('H') => {
            let year = year(y)?;
            let half: u32 = part[1..].parse().ok()?;
            if !(1..=2).contains(&half) {
                return None;
            }
            let first = NaiveDate::from_ymd_opt(year, half * 6 - 5, 1)?;
            let last = last_of_month(NaiveDate::from_ymd_opt(year, half * 6, 1)?)?;
            Some((first, last, DatePrecision::Quarter))
        }
        [y, season] if matches!(*season, "SP" | "SU" | "FA" | "WI") => {
            let year = year(y)?;
            let (start, end_year, end_month) = match *season {
                "SP" => (3, year, 5),
                "SU" => (6, year, 8),
                "FA" => (9, year, 11),
                _ => (12, year + 1, 2),
            };
            let first = NaiveDate::from_ymd_opt(year, start, 1)?;
            let last = last_of_month(NaiveDate::from_ymd_opt(end_year, end_month, 1)?)?;
            Some((first, last, DatePrecision::Season))
        }
        [y, w] | [y, w, _] if w.len() == 3 && w.starts_with('W') && digits(&w[1..]) => {
            let week: u32 = w[1..].parse().ok()?;
            let monday = NaiveDate::from_isoywd_opt(year(y)?, week, Weekday::Mon)?;
            match parts.get(2) {
                None => Some((monday, monday + Duration::days(6), DatePrecision::Week)),
                Some(&"WE") => Some((
                    monday + Duration::days(5),
                    monday + Duration::days(6),
                    DatePrecision::Week,
                )),
                Some(_) => None,
            }
        }
        [y, m, d] if m.len() == 2 && d.len() == 2 && digits(m) && digits(d) => {
            let date = NaiveDate::from_ymd_opt(year(y)?, m.parse().ok()?, d.parse().ok()?)?;
            Some((date, date, DatePrecision::Day))
        }
        _ => None,
    }
}

fn last_of_month(first: NaiveDate) -> Option<NaiveDate> {
    let (year, month) = if first.month() == 12 {
        (first.year() + 1, 1)
    } else {
        (first.year(), first.month() + 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1)?.pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn values_cover_their_days() {
        assert_eq!(
            interval_of("2018"),
            Some((day(2018, 1, 1), day(2018, 12, 31), DatePrecision::Year))
        );
        assert_eq!(
            interval_of("2020-02"),
            Some((day(2020, 2, 1), day(2020, 2, 29), DatePrecision::Month))
        );
        assert_eq!(
            interval_of("199"),
            Some((day(1990, 1, 1), day(1999, 12, 31), DatePrecision::Decade))
        );
        assert_eq!(
            interval_of("2019-W45"),
            Some((day(2019, 11, 4), day(2019, 11, 10), DatePrecision::Week))
        );
        assert_eq!(
            interval_of("1989-Q3"),
            Some((day(1989, 7, 1), day(1989, 9, 30), DatePrecision::Quarter))
        );
        assert_eq!(
            interval_of("2019-10-07T14:30"),
            Some((day(2019, 10, 7), day(2019, 10, 7), DatePrecision::Day))
        );
        assert_eq!(interval_of("PRESENT_REF"), None);
        assert_eq!(interval_of("P3Y"), None);
        assert_eq!(interval_of("2019-13"), None);
    }

    #[test]
    fn durations_are_written_timeml_style() {
        assert_eq!(duration_value(Some(3.0), Unit::Year), "P3Y");
        assert_eq!(duration_value(Some(2.0), Unit::Decade), "P20Y");
        assert_eq!(duration_value(None, Unit::Month), "PXM");
        assert_eq!(duration_value(Some(1.5), Unit::Hour), "PT1.5H");
        assert_eq!(week_value(day(2019, 11, 6)), "2019-W45");
    }
}
