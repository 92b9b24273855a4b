//! Dates: the words of dates (months, weekdays, number words, units) and the
//! regex fragments built from them, shared by the scanner and the resolver.

use chrono::Weekday;

/// Month names and abbreviations, each with its number. Abbreviations are
/// matched with an optional full stop.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sept", 9),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// Regex fragment matching a capitalised month name or abbreviation
/// (abbreviations with an optional full stop).
pub const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)";

/// Regex fragment matching a full month name only (safe without a day).
pub const MONTH_FULL: &str =
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)";

/// Regex fragment matching a weekday name.
pub const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)";

/// Regex fragment matching a day of the month (`7`, `07`, `7th`, `31st`).
pub const DAY: &str = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?";

/// Regex fragment matching a plausible four-digit year (1000-2199).
pub const YEAR: &str = r"(?:1[0-9]{3}|20[0-9]{2}|21[0-9]{2})";

/// Regex fragment matching a cardinal written in words or digits, or the
/// vague quantities TimeML writes as `X`.
pub const NUMBER: &str = r"(?:\d+(?:\.\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a hundred|hundreds of|a dozen|a couple of|a few|a|an|several|few|many|some|dozens of)";

/// Regex fragment matching a calendar or clock unit, singular or plural.
pub const UNIT: &str = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|century|centuries)";

/// The month number of a month name or abbreviation (any case, trailing
/// full stop allowed).
pub fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    MONTHS
        .iter()
        .find(|(name, _)| *name == word)
        .map(|&(_, number)| number)
}

/// The weekday a weekday name (any case) names.
pub fn weekday(word: &str) -> Option<Weekday> {
    match word.to_ascii_lowercase().as_str() {
        "monday" => Some(Weekday::Mon),
        "tuesday" => Some(Weekday::Tue),
        "wednesday" => Some(Weekday::Wed),
        "thursday" => Some(Weekday::Thu),
        "friday" => Some(Weekday::Fri),
        "saturday" => Some(Weekday::Sat),
        "sunday" => Some(Weekday::Sun),
        _ => None,
    }
}

/// A cardinal's value: `Some(n)` for a number, `None` for a vague quantity
/// ("several", "a few"), which TimeML writes as `X`.
pub fn number_value(word: &str) -> Option<f64> {
    let word = word.trim().to_ascii_lowercase();
    if let Ok(value) = word.parse::<f64>() {
        return Some(value);
    }
    let units = |w: &str| -> Option<f64> {
        let value = match w {
            "a" | "an" | "one" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            "eight" => 8,
            "nine" => 9,
            "ten" => 10,
            "eleven" => 11,
            "twelve" | "a dozen" => 12,
            "thirteen" => 13,
            "fourteen" => 14,
            "fifteen" => 15,
            "sixteen" => 16,
            "seventeen" => 17,
            "eighteen" => 18,
            "nineteen" => 19,
            "twenty" => 20,
            "thirty" => 30,
            "forty" => 40,
            "fifty" => 50,
            "sixty" => 60,
            "seventy" => 70,
            "eighty" => 80,
            "ninety" => 90,
            "a hundred" => 100,
            "a couple of" => 2,
            _ => return None,
        };
        Some(value as f64)
    };
    if let Some(value) = units(&word) {
        return Some(value);
    }
    let (tens, ones) = word.split_once(['-', ' '])?;
    Some(units(tens)? + units(ones)?)
}

/// A calendar or clock unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// The unit a unit word names (singular or plural, any case); a fortnight
/// is returned as two weeks.
pub fn unit(word: &str) -> Option<(Unit, f64)> {
    let word = word.to_ascii_lowercase();
    let unit = match word.trim_end_matches('s') {
        "second" => Unit::Second,
        "minute" => Unit::Minute,
        "hour" => Unit::Hour,
        "day" => Unit::Day,
        "week" => Unit::Week,
        "fortnight" => return Some((Unit::Week, 2.0)),
        "month" => Unit::Month,
        "quarter" => Unit::Quarter,
        "year" => Unit::Year,
        "decade" => Unit::Decade,
        "century" | "centurie" => Unit::Century,
        _ => return None,
    };
    Some((unit, 1.0))
}

/// The ordinal a quarter or half is named by (`first`, `2nd`, `Q3`...).
pub fn ordinal(word: &str) -> Option<u32> {
    match word.to_ascii_lowercase().as_str() {
        "first" | "1st" | "1" => Some(1),
        "second" | "2nd" | "2" => Some(2),
        "third" | "3rd" | "3" => Some(3),
        "fourth" | "4th" | "4" | "last" | "final" => Some(4),
        _ => None,
    }
}

/// The TimeML season code of a season word.
pub fn season(word: &str) -> Option<&'static str> {
    match word.to_ascii_lowercase().as_str() {
        "spring" => Some("SP"),
        "summer" => Some("SU"),
        "fall" | "autumn" => Some("FA"),
        "winter" => Some("WI"),
        _ => None,
    }
}

/// The decade (first three digits of its years) a decade word names,
/// assuming the twentieth century ("the nineties" = 199).
pub fn decade_word(word: &str) -> Option<i32> {
    let decade = match word.to_ascii_lowercase().as_str() {
        "twenties" => 2,
        "thirties" => 3,
        "forties" => 4,
        "fifties" => 5,
        "sixties" => 6,
        "seventies" => 7,
        "eighties" => 8,
        "nineties" => 9,
        _ => return None,
    };
    Some(190 + decade)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_have_their_values() {
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("Jun"), Some(6));
        assert_eq!(month_number("Foo"), None);
        assert_eq!(number_value("seven"), Some(7.0));
        assert_eq!(number_value("twenty-five"), Some(25.0));
        assert_eq!(number_value("several"), None);
        assert_eq!(unit("fortnight"), Some((Unit::Week, 2.0)));
        assert_eq!(unit("Centuries"), Some((Unit::Century, 1.0)));
        assert_eq!(decade_word("Nineties"), Some(199));
    }
}
