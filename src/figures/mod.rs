//! Figures: the amounts of money, counts and percentages a claim states,
//! normalised ("US$8.2 billion" and "$8.2 billion" are the same 8.2e9
//! dollars), with what they count or measure and the year they refer to.
//! A pure function of the claim text; `related` and `conflicts` compare them.

pub mod measure;

use crate::model::{Figure, FigureKind, FigureQualifier, Span};
use regex::Regex;
use std::sync::LazyLock;

/// A number with an optional currency before it, scale word, percent sign
/// or currency word after it.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<cur>US\$|HK\$|A\$|C\$|S\$|NZ\$|R\$|\$|€|£|¥|\bRM\s?|\bRs\.?\s?|\b(?:USD|EUR|GBP|CNY|RMB|JPY)\s?)?
        (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)
        (?:\s?(?P<scale>[Tt]rillion|[Bb]illion|[Mm]illion|[Tt]housand|bn|tn|m|k|b)\b)?
        (?:\s?(?P<pct>%|percent\b|per\s?cent\b))?
        (?:\s(?P<curword>yuan|dollars|euros|pounds|ringgit|rupees|renminbi)\b)?",
    )
    .expect("figure pattern is valid")
});

/// A count or percentage written in words ("five contracts", "ten-percent stake").
static NUMBER_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)\b(?P<word>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)
        (?P<pct>[-\s]percent\b|[-\s]per\s?cent\b)?\b",
    )
    .expect("number-word pattern is valid")
});

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(1[89]\d\d|20\d\d)\b").expect("year pattern is valid"));

const MONTHS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
];

/// Words that end a counted noun phrase ("1,000 cameras *to* be placed").
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "into", "over",
    "under", "across", "around", "per", "and", "or", "but", "nor", "is", "are", "was", "were",
    "be", "been", "being", "has", "have", "had", "will", "would", "can", "could", "may", "might",
    "that", "which", "who", "whom", "whose", "this", "these", "those", "it", "its", "their",
    "than", "as", "if", "so", "times", "each", "every", "per", "out", "up", "since", "after",
    "before", "during", "until", "while", "when", "where", "what", "about", "also", "not", "no",
    "all", "both", "such", "then", "there", "here", "more", "less", "fewer", "most", "least", "of",
    "had", "do", "does", "did", "between", "through", "against", "among", "via", "i", "we", "you",
    "he", "she", "they", "them", "his", "her", "our", "your", "my", "ago", "year", "years", "old",
    "later", "earlier", "worth", "valued", "says", "said",
];

/// Nouns that end in "-ly" like adverbs do.
const NOUNS_IN_LY: &[&str] = &[
    "family", "families", "supply", "supplies", "assembly", "italy", "monopoly", "anomaly",
    "rally", "ally",
];

/// Words after a number that make it an increment ("11 more companies").
const INCREMENT_WORDS: &[&str] = &["more", "additional", "extra", "further", "new", "other"];

/// Words that describe a counted noun without saying what it is.
const GENERIC_NOUN_WORDS: &[&str] = &[
    "other",
    "ethnic",
    "minority",
    "group",
    "new",
    "additional",
    "so-called",
    "installed",
    "total",
    "major",
    "large",
    "small",
    "various",
    "different",
    "several",
    "key",
];

/// Capitalised words that may stand before a number at the start of a
/// sentence or as a hedge ("Nearly 1.2 million", "In 2016").
const CAPITAL_OK_BEFORE: &[&str] = &[
    "about",
    "around",
    "nearly",
    "almost",
    "over",
    "some",
    "only",
    "just",
    "more",
    "less",
    "fewer",
    "at",
    "in",
    "on",
    "by",
    "for",
    "with",
    "from",
    "to",
    "of",
    "and",
    "but",
    "the",
    "all",
    "approximately",
    "roughly",
    "estimated",
    "an",
    "a",
    "up",
    "under",
    "below",
    "above",
    "than",
    "since",
    "after",
    "before",
    "until",
    "during",
    "another",
    "its",
    "their",
    "these",
    "those",
    "while",
    "when",
    "another",
    "least",
    "almost",
    "exactly",
    "still",
];

/// Words after which a number is a label, not a count ("version 2", "step 3").
const LABEL_WORDS: &[&str] = &[
    "version", "v", "no", "number", "page", "pages", "section", "chapter", "line", "lines",
    "issue", "step", "level", "phase", "type", "port", "rule", "article", "figure", "table",
    "item", "part", "round", "episode", "season", "release", "pr", "pull", "id", "#",
];

/// The figures stated in `text`, in text order.
pub fn extract(text: &str) -> Vec<Figure> {
    let mut figures = Vec::new();
    for caps in NUMBER.captures_iter(text) {
        let whole = caps.get(0).expect("group 0 always matches");
        let num = caps.name("num").expect("num always matches");
        let currency_symbol = caps.name("cur").map(|m| m.as_str().trim());
        let currency_word = caps.name("curword").map(|m| m.as_str());
        let scale_word = caps.name("scale").map(|m| m.as_str());
        let percent = caps.name("pct").is_some();
        let is_money = currency_symbol.is_some() || currency_word.is_some();

        if !is_money && !boundary_before(text, num.start()) {
            continue;
        }
        if !boundary_after(text, whole.end()) {
            continue;
        }
        let Some(base) = decimal_value(num.as_str()) else {
            continue;
        };
        // Short scales ("m", "bn", "k") only follow money: "30 m" may be metres.
        let scale = match scale_word {
            Some(word) if is_money || word.len() > 2 => scale_factor(word),
            Some(_) => continue,
            None => 1.0,
        };
        let kind = if is_money {
            FigureKind::Money
        } else if percent {
            FigureKind::Percent
        } else {
            FigureKind::Count
        };
        let start = whole.start();
        let mut end = whole.end();
        // "30,000 cameras" keeps the trailing space out of the span.
        while text[..end].ends_with(char::is_whitespace) {
            end -= 1;
        }
        if kind == FigureKind::Count && !plausible_count(text, num.start(), num.as_str(), scale) {
            continue;
        }
        let currency = if is_money {
            Some(currency_code(
                currency_symbol.or(currency_word).unwrap_or("$"),
            ))
        } else {
            None
        };
        let value = if scale > 1.0 && base.fract() != 0.0 {
            // 8.2 * 1e9 in f64 is 8199999999.999999; scale the digits instead.
            let decimals = num.as_str().split_once('.').map_or(0, |(_, f)| f.len());
            (base * 10f64.powi(decimals as i32)).round() * (scale / 10f64.powi(decimals as i32))
        } else {
            base * scale
        };
        if let Some(figure) = build(text, start, end, kind, value, currency) {
            figures.push(figure);
        }
    }
    for caps in NUMBER_WORD.captures_iter(text) {
        let whole = caps.get(0).expect("group 0 always matches");
        let kind = if caps.name("pct").is_some() {
            FigureKind::Percent
        } else {
            FigureKind::Count
        };
        let value = word_value(&caps["word"]);
        if kind == FigureKind::Count && label_before(text, whole.start()) {
            continue;
        }
        if let Some(figure) = build(text, whole.start(), whole.end(), kind, value, None) {
            figures.push(figure);
        }
    }
    figures.sort_by_key(|figure| figure.span.start);
    figures
}

/// Fill in what the figure measures, its hedge and year; `None` for a count
/// that counts nothing the text names.
fn build(
    text: &str,
    start: usize,
    end: usize,
    kind: FigureKind,
    value: f64,
    currency: Option<String>,
) -> Option<Figure> {
    let after = noun_phrase_after(text, end);
    let (noun, measure) = match kind {
        FigureKind::Money => money_measure(text, start, end, after.as_ref()),
        FigureKind::Count => {
            let phrase = after?;
            let measure = phrase.head.clone();
            (Some(phrase.text), Some(measure))
        }
        FigureKind::Percent => match after {
            Some(phrase) => (Some(phrase.text), Some(phrase.head)),
            None => (None, None),
        },
    };
    Some(Figure {
        text: text[start..end].to_string(),
        span: Span { start, end },
        kind,
        value,
        currency,
        noun,
        measure,
        year: year_near(text, start, end),
        qualifier: qualifier_before(text, start),
    })
}

/// A noun phrase following a figure.
#[derive(Debug, Clone)]
struct NounPhrase {
    /// As written, quotes and trailing punctuation removed.
    text: String,
    /// The stem of the phrase's last noun before any "and other ..." tail.
    head: String,
    /// The words, as written.
    words: Vec<String>,
}

/// The noun phrase right after `end`: up to four words, stopping at a
/// function word or punctuation, extended over one "and other ..." tail.
fn noun_phrase_after(text: &str, end: usize) -> Option<NounPhrase> {
    let rest = &text[end..];
    let mut words: Vec<String> = Vec::new();
    let mut head_len = 0;
    let mut tail_allowed = true;
    let mut tokens = rest.split_whitespace().peekable();
    let mut limit = 4;
    while let Some(raw) = tokens.next() {
        if words.len() >= limit {
            break;
        }
        // A token glued to the figure ("%," or ")") ends the phrase.
        if words.is_empty() && !rest.starts_with(char::is_whitespace) {
            break;
        }
        let starts_clean = raw.starts_with(|c: char| c.is_alphabetic() || "“\"'‘".contains(c));
        if !starts_clean {
            break;
        }
        let unquoted = raw.trim_start_matches(|c: char| "“\"'‘".contains(c));
        let word_len = unquoted
            .find(|c: char| !(c.is_alphabetic() || c == '-' || c == '\''))
            .unwrap_or(unquoted.len());
        let word = unquoted[..word_len].trim_end_matches(['-', '\'']);
        let rest_of_token = &unquoted[word_len..];
        // "groups.[7]" ends the phrase after "groups"; "A4" or "x86" is no word.
        if rest_of_token.starts_with(|c: char| c.is_alphanumeric()) {
            break;
        }
        let ends_clause = rest_of_token.starts_with(|c: char| ",.;:)!?][".contains(c));
        if word.is_empty() {
            break;
        }
        let lower = word.to_lowercase();
        if words.is_empty() && (lower == "more" || lower == "new") {
            continue;
        }
        let adverb =
            lower.len() > 4 && lower.ends_with("ly") && !NOUNS_IN_LY.contains(&lower.as_str());
        if adverb || FUNCTION_WORDS.contains(&lower.as_str()) || MONTHS.contains(&lower.as_str()) {
            if (lower == "and" || lower == "or")
                && tail_allowed
                && !words.is_empty()
                && tokens
                    .peek()
                    .is_some_and(|next| next.eq_ignore_ascii_case("other"))
            {
                tail_allowed = false;
                head_len = words.len();
                words.push(lower);
                limit = words.len() + 5;
                continue;
            }
            break;
        }
        words.push(word.to_string());
        if ends_clause {
            break;
        }
    }
    if head_len == 0 {
        head_len = words.len();
    }
    // A trailing participle is a verb, not the noun ("50 million used").
    if head_len == words.len() {
        while words.last().is_some_and(|w| is_participle(w)) {
            words.pop();
        }
        head_len = words.len();
    }
    if head_len == 0 {
        return None;
    }
    let head = measure::stem(&words[head_len - 1]);
    Some(NounPhrase {
        text: words.join(" "),
        head,
        words,
    })
}

fn is_participle(word: &str) -> bool {
    let lower = word.to_lowercase();
    lower.len() >= 4 && (lower.ends_with("ed") || lower.ends_with("ing")) && lower != "building"
}

/// For money: the measure ("revenue") and the word(s) naming it, found in
/// "in sales" after the figure, a noun phrase after it, or up to six words
/// before it in the same sentence ("recorded sales of", "valued at over").
fn money_measure(
    text: &str,
    start: usize,
    end: usize,
    after: Option<&NounPhrase>,
) -> (Option<String>, Option<String>) {
    let following: Vec<&str> = text[end..].split_whitespace().take(2).collect();
    if following.len() == 2 && following[0] == "in" {
        let word = following[1].trim_matches(|c: char| !c.is_alphanumeric());
        if let Some(key) = measure::money_measure(word) {
            return (Some(word.to_string()), Some(key.to_string()));
        }
    }
    if let Some(phrase) = after {
        if let Some(key) = phrase.words.iter().find_map(|w| measure::money_measure(w)) {
            return (Some(phrase.text.clone()), Some(key.to_string()));
        }
    }
    let sentence_start = sentence_bounds(text, start, end).0;
    let before: Vec<&str> = text[sentence_start..start].split_whitespace().collect();
    for (index, raw) in before.iter().enumerate().rev().take(6) {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if let Some(key) = measure::money_measure(word) {
            let adjective = index
                .checked_sub(1)
                .map(|i| before[i].to_lowercase())
                .filter(|w| {
                    ["annual", "total", "net", "gross", "quarterly", "yearly"].contains(&w.as_str())
                });
            let noun = match adjective {
                Some(adj) => format!("{adj} {word}"),
                None => word.to_string(),
            };
            return (Some(noun), Some(key.to_string()));
        }
    }
    match after {
        Some(phrase) => (Some(phrase.text.clone()), Some(phrase.head.clone())),
        None => (None, None),
    }
}

/// The byte range of the sentence holding `start..end` inside `text`.
fn sentence_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    let is_break = |window: &str| {
        let bytes = window.as_bytes();
        // ". " ends a sentence unless it follows a single capital ("U.S. ").
        bytes.len() == 3
            && matches!(bytes[1], b'.' | b'?' | b'!')
            && bytes[2] == b' '
            && !(bytes[0].is_ascii_uppercase() || bytes[0] == b'.')
    };
    let mut sentence_start = 0;
    for i in (0..start.saturating_sub(2)).rev() {
        if text.is_char_boundary(i) && text.is_char_boundary(i + 3) && is_break(&text[i..i + 3]) {
            sentence_start = i + 3;
            break;
        }
    }
    let mut sentence_end = text.len();
    for i in end..text.len().saturating_sub(2) {
        if text.is_char_boundary(i) && text.is_char_boundary(i + 3) && is_break(&text[i..i + 3]) {
            sentence_end = i + 2;
            break;
        }
    }
    (sentence_start, sentence_end)
}

/// The year nearest the figure in its sentence, if the sentence names one.
fn year_near(text: &str, start: usize, end: usize) -> Option<i32> {
    let (from, to) = sentence_bounds(text, start, end);
    YEAR.find_iter(&text[from..to])
        .map(|m| (from + m.start(), from + m.end(), m.as_str()))
        .filter(|(s, e, _)| *e <= start || *s >= end)
        .filter(|(s, e, _)| {
            // Skip years inside ranges ("2016-2019"), which do not pin one year.
            let before = text[..*s].chars().next_back();
            let after = text[*e..].chars().next();
            !matches!(before, Some('-' | '–')) && !matches!(after, Some('-' | '–'))
        })
        .min_by_key(|(s, e, _)| if *e <= start { start - e } else { s - end })
        .and_then(|(_, _, year)| year.parse().ok())
}

/// The hedge written just before the figure.
fn qualifier_before(text: &str, start: usize) -> FigureQualifier {
    let words: Vec<String> = text[..start]
        .split_whitespace()
        .rev()
        .take(3)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '~')
                .to_lowercase()
        })
        .collect();
    let last = |n: usize| -> String {
        let mut taken: Vec<&str> = words.iter().take(n).map(String::as_str).collect();
        taken.reverse();
        taken.join(" ")
    };
    let one = last(1);
    let two = last(2);
    let three = last(3);
    if ["more than", "upwards of", "at least", "excess of"].contains(&two.as_str())
        || three.ends_with("in excess of")
        || ["over", "above", "exceeding"].contains(&one.as_str())
    {
        FigureQualifier::AtLeast
    } else if ["less than", "fewer than", "up to", "just under"].contains(&two.as_str())
        || ["nearly", "almost", "under", "below"].contains(&one.as_str())
    {
        FigureQualifier::AtMost
    } else if [
        "about",
        "approximately",
        "around",
        "roughly",
        "some",
        "estimated",
        "circa",
        "~",
    ]
    .contains(&one.as_str())
    {
        FigureQualifier::Approximate
    } else {
        FigureQualifier::Exact
    }
}

/// True when nothing glues the number to the word before it ("COVID-19", "A4").
fn boundary_before(text: &str, start: usize) -> bool {
    match text[..start].chars().next_back() {
        None => true,
        Some(c) => !(c.is_alphanumeric() || "-–.,/#_$:[+".contains(c)),
    }
}

/// True when nothing glues the figure to the word after it ("5G", "1st", "0.3°C").
fn boundary_after(text: &str, end: usize) -> bool {
    match text[end..].chars().next() {
        None => true,
        Some(c) => !(c.is_alphanumeric() || "°]_-/".contains(c)),
    }
}

/// Whether a bare number is a count rather than a year, a day of a date,
/// a footnote marker or a label ("PEP 8", "Mission 500").
fn plausible_count(text: &str, start: usize, digits: &str, scale: f64) -> bool {
    if scale == 1.0 && digits.len() == 4 && !digits.contains(',') {
        if let Ok(n) = digits.parse::<u32>() {
            if (1800..=2100).contains(&n) {
                return false;
            }
        }
    }
    if label_before(text, start) {
        return false;
    }
    let next = text[start + digits.len()..]
        .split_whitespace()
        .next()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        });
    if next.is_some_and(|w| MONTHS.contains(&w.as_str())) {
        return false;
    }
    true
}

/// True when the word before `start` makes the number a label or a date:
/// a month, a label word, or a capitalised name ("Mission 500").
fn label_before(text: &str, start: usize) -> bool {
    let before = &text[..start];
    let Some(raw) = before.split_whitespace().next_back() else {
        return false;
    };
    if !before.ends_with(char::is_whitespace) {
        return false;
    }
    let word = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '#');
    let lower = word.to_lowercase();
    if MONTHS.contains(&lower.as_str()) || LABEL_WORDS.contains(&lower.as_str()) {
        return true;
    }
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    if !capitalised || CAPITAL_OK_BEFORE.contains(&lower.as_str()) {
        return false;
    }
    // A capitalised word that starts a sentence says nothing; inside one it names.
    let rest = before[..before.len() - raw.len() - 1].trim_end();
    !(rest.is_empty() || rest.ends_with(['.', '!', '?', ':', '“', '"']))
        && raw.ends_with(|c: char| c.is_alphanumeric())
}

/// The value of "8.2" or "1,000" as an f64 with the scale applied by
/// integer arithmetic first, so "8.2 billion" is exactly 8.2e9.
fn decimal_value(digits: &str) -> Option<f64> {
    let plain = digits.replace(',', "");
    let decimals = plain.split_once('.').map_or(0, |(_, frac)| frac.len());
    let mantissa: u64 = plain.replace('.', "").parse().ok()?;
    Some(mantissa as f64 / 10f64.powi(decimals as i32))
}

fn scale_factor(word: &str) -> f64 {
    match word.to_lowercase().as_str() {
        "trillion" | "tn" => 1e12,
        "billion" | "bn" | "b" => 1e9,
        "million" | "m" => 1e6,
        "thousand" | "k" => 1e3,
        _ => 1.0,
    }
}

fn word_value(word: &str) -> f64 {
    const WORDS: &[&str] = &[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    let lower = word.to_lowercase();
    if let Some(n) = WORDS.iter().position(|w| *w == lower) {
        return n as f64;
    }
    match lower.as_str() {
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => 100.0,
    }
}

/// The ISO 4217 code for a currency symbol or word; `$` stays `$` (whose
/// dollar is not said) and `¥` stays `¥` (yen or yuan).
fn currency_code(symbol: &str) -> String {
    let code = match symbol.trim_end_matches('.') {
        "US$" | "USD" => "USD",
        "HK$" => "HKD",
        "A$" => "AUD",
        "C$" => "CAD",
        "S$" => "SGD",
        "NZ$" => "NZD",
        "R$" => "BRL",
        "€" | "EUR" | "euros" => "EUR",
        "£" | "GBP" | "pounds" => "GBP",
        "RM" | "ringgit" => "MYR",
        "Rs" | "rupees" => "INR",
        "CNY" | "RMB" | "yuan" | "renminbi" => "CNY",
        "JPY" => "JPY",
        "¥" => "¥",
        _ => "$",
    };
    code.to_string()
}

/// True when two currencies may be the same: equal codes, or a bare `$`
/// beside any dollar, or `¥` beside yen or yuan.
pub fn currencies_compatible(a: Option<&str>, b: Option<&str>) -> bool {
    const DOLLARS: &[&str] = &["$", "USD", "HKD", "AUD", "CAD", "SGD", "NZD"];
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) if a == b => true,
        (Some("$"), Some(other)) | (Some(other), Some("$")) => DOLLARS.contains(&other),
        (Some("¥"), Some(other)) | (Some(other), Some("¥")) => ["JPY", "CNY"].contains(&other),
        _ => false,
    }
}

/// True when two figures state the same amount, however written
/// ("US$8.2 billion" and "$8.2 billion").
pub fn same_amount(a: &Figure, b: &Figure) -> bool {
    a.kind == b.kind
        && currencies_compatible(a.currency.as_deref(), b.currency.as_deref())
        && (a.value - b.value).abs() <= 0.005 * a.value.abs().max(b.value.abs())
}

/// The values a figure allows once its hedge is read: exact ±1%, approximate
/// ±5%, a lower bound up to infinity, "nearly" from 90% of the figure to it.
pub fn range(figure: &Figure) -> (f64, f64) {
    let v = figure.value;
    match figure.qualifier {
        FigureQualifier::Exact => (v * 0.99, v * 1.01),
        FigureQualifier::Approximate => (v * 0.95, v * 1.05),
        FigureQualifier::AtLeast => (v, f64::INFINITY),
        FigureQualifier::AtMost => (v * 0.9, v),
    }
}

/// True when no value satisfies both figures.
pub fn ranges_disjoint(a: &Figure, b: &Figure) -> bool {
    let (a_low, a_high) = range(a);
    let (b_low, b_high) = range(b);
    a_high < b_low || b_high < a_low
}

/// The stems of the words naming what a figure counts, without generic
/// describers ("ethnic Uyghurs and other minority Turkic Muslim groups" →
/// uyghur, turkic, muslim).
pub fn noun_terms(figure: &Figure) -> Vec<String> {
    let Some(noun) = &figure.noun else {
        return Vec::new();
    };
    noun.split_whitespace()
        .map(measure::stem)
        .filter(|w| {
            !GENERIC_NOUN_WORDS.contains(&w.as_str()) && !FUNCTION_WORDS.contains(&w.as_str())
        })
        .collect()
}

/// True when the figure counts an increment rather than a total ("added
/// 11 more Chinese companies", "3,500 additional cameras").
pub fn is_increment(text: &str, figure: &Figure) -> bool {
    text.get(figure.span.end..)
        .and_then(|rest| rest.split_whitespace().next())
        .is_some_and(|next| INCREMENT_WORDS.contains(&next.to_lowercase().as_str()))
}

/// True when two figures are of the same kind of thing: the same kind and
/// currency, and the same money measure or a counted noun in common.
pub fn same_measure(a: &Figure, b: &Figure) -> bool {
    if a.kind != b.kind || !currencies_compatible(a.currency.as_deref(), b.currency.as_deref()) {
        return false;
    }
    match a.kind {
        FigureKind::Money => a.measure.is_some() && a.measure == b.measure,
        FigureKind::Count | FigureKind::Percent => {
            if a.measure.is_some() && a.measure == b.measure {
                return true;
            }
            let theirs = noun_terms(b);
            noun_terms(a).iter().any(|term| theirs.contains(term))
        }
    }
}

#[cfg(test)]
mod tests;
