//! An article as a CSL-JSON item: the one description of a work that every
//! citation format is built from (the prose styles run it through a CSL
//! engine; BibLaTeX and RIS are written from it field by field).
//!
//! Missing metadata is left missing (the styles then print `n.d.` or move the
//! title forward), except the title: an untitled article is titled
//! `[Untitled article]` and described in `genre` by its opening words
//! (APA prints the description in brackets, MLA and Chicago as a phrase, and
//! none of them changes its case), so that a reader can still find the text.
//! An article without a URL names its archived copy (`archive`,
//! `archive_location`), the only place a reader can be sent.

use crate::model::Article;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The CSL item type every archived article gets. We do not know whether an
/// outlet is a newspaper, magazine or blog, so the honest type is a web page
/// on the outlet's site; pandoc reads BibLaTeX `@online` back as this type too.
pub const ITEM_TYPE: &str = "webpage";

/// One CSL-JSON item (the subset of CSL-JSON an archived article fills).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CslItem {
    /// The citation key: the article id, made safe for pandoc and BibLaTeX.
    pub id: String,
    #[serde(rename = "type")]
    pub item_type: String,
    /// The title as published, or `[Untitled article]`.
    pub title: String,
    /// For an untitled article: a description naming its opening words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genre: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub author: Vec<CslName>,
    /// The outlet.
    #[serde(
        rename = "container-title",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub container_title: Option<String>,
    /// Publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<CslDate>,
    /// Access date: the day the article was ingested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<CslDate>,
    #[serde(rename = "URL", default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// For an article without a URL: the archive holding the copy cited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<String>,
    /// For an article without a URL: the copy's path in the archive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive_location: Option<String>,
}

/// The title an untitled article is given.
pub const UNTITLED: &str = "[Untitled article]";

/// The `archive` value of an article cited from its archived copy.
pub const ARCHIVE_NAME: &str = "claimdex archive";

/// A CSL name: a person split into family and given names, or a literal
/// (an organisation, a handle, anything we cannot split with confidence).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CslName {
    Person {
        family: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        given: Option<String>,
        #[serde(
            rename = "non-dropping-particle",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        particle: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        suffix: Option<String>,
    },
    Literal {
        literal: String,
    },
}

/// A CSL date: `{"date-parts": [[year, month?, day?]]}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CslDate {
    #[serde(rename = "date-parts")]
    pub date_parts: [DateParts; 1],
}

/// Year, and month and day when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "Vec<i32>", try_from = "Vec<i32>")]
pub struct DateParts {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl From<DateParts> for Vec<i32> {
    fn from(parts: DateParts) -> Vec<i32> {
        let mut out = vec![parts.year];
        if let Some(month) = parts.month {
            out.push(month as i32);
            if let Some(day) = parts.day {
                out.push(day as i32);
            }
        }
        out
    }
}

impl TryFrom<Vec<i32>> for DateParts {
    type Error = String;
    fn try_from(parts: Vec<i32>) -> Result<DateParts, String> {
        let to_u32 = |v: Option<&i32>| v.and_then(|&v| u32::try_from(v).ok());
        let year = *parts.first().ok_or("empty date-parts")?;
        Ok(DateParts {
            year,
            month: to_u32(parts.get(1)),
            day: to_u32(parts.get(2)),
        })
    }
}

impl CslDate {
    pub fn parts(&self) -> DateParts {
        self.date_parts[0]
    }
}

/// Read the date at the start of an ISO 8601 value: `2019`, `2019-11`,
/// `2019-11-06` or `2019-11-06T09:00:00+00:00`. `None` when it is not a
/// valid calendar date (a citation then says `n.d.` rather than guess).
pub fn parse_iso_date(value: &str) -> Option<DateParts> {
    let date_part = value.trim().split(['T', ' ']).next()?;
    let mut pieces = date_part.split('-');
    let year_text = pieces.next()?;
    if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = year_text.parse().ok()?;
    let month = match pieces.next() {
        None => {
            return Some(DateParts {
                year,
                month: None,
                day: None,
            })
        }
        Some(text) => text.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?,
    };
    let day = match pieces.next() {
        None => {
            return Some(DateParts {
                year,
                month: Some(month),
                day: None,
            })
        }
        Some(text) => text.parse::<u32>().ok()?,
    };
    if pieces.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)?;
    Some(DateParts {
        year,
        month: Some(month),
        day: Some(day),
    })
}

impl DateParts {
    pub fn from_date(date: NaiveDate) -> DateParts {
        DateParts {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }

    /// ISO form (`2019`, `2019-11`, `2019-11-06`).
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }
}

fn csl_date(parts: DateParts) -> CslDate {
    CslDate {
        date_parts: [parts],
    }
}

/// The citation key of an article: its id with every character that pandoc
/// or BibLaTeX would not accept in a key replaced by `-`. The id is stable
/// and unique in the archive, and `claimdex show KEY` finds the article back.
pub fn citation_key(article_id: &str) -> String {
    article_id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "_-:./+".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// The CSL-JSON item for an article.
pub fn item_for(article: &Article) -> CslItem {
    let title = non_empty(article.title.as_deref());
    let url = non_empty(article.url.as_deref());
    CslItem {
        id: citation_key(&article.id),
        item_type: ITEM_TYPE.to_string(),
        genre: match title {
            Some(_) => None,
            None => Some(untitled_description(article)),
        },
        title: title.unwrap_or_else(|| UNTITLED.to_string()),
        author: article
            .authors
            .iter()
            .filter(|name| !name.trim().is_empty())
            .map(|name| split_name(name))
            .collect(),
        container_title: non_empty(article.outlet.as_deref()),
        issued: article
            .published
            .as_deref()
            .and_then(parse_iso_date)
            .map(csl_date),
        accessed: article
            .ingested
            .as_deref()
            .and_then(parse_iso_date)
            .map(csl_date),
        archive: url.is_none().then(|| ARCHIVE_NAME.to_string()),
        archive_location: url.is_none().then(|| article.path.clone()),
        url,
    }
}

fn non_empty(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

/// Words of the first claim quoted in the description of an untitled article.
const DESCRIPTION_WORDS: usize = 12;

/// `article opening “…”` with the first words of the article's first claim
/// (or `article archived as PATH` when it has no text at all).
pub fn untitled_description(article: &Article) -> String {
    let first_text = article
        .claims
        .iter()
        .map(|claim| claim.text.trim())
        .find(|text| !text.is_empty());
    match first_text {
        Some(text) => {
            let words: Vec<&str> = text.split_whitespace().collect();
            let mut opening = words[..words.len().min(DESCRIPTION_WORDS)].join(" ");
            if words.len() > DESCRIPTION_WORDS {
                opening = opening
                    .trim_end_matches(|c: char| c.is_ascii_punctuation() && c != ')')
                    .to_string();
                opening.push('…');
            }
            format!("article opening “{opening}”")
        }
        None => format!("article archived as {}", article.path),
    }
}

/// Words that mark a byline as an organisation or a group rather than a person.
const ORGANISATION_WORDS: &[&str] = &[
    "staff",
    "team",
    "editors",
    "editorial",
    "board",
    "desk",
    "newsroom",
    "press",
    "news",
    "reporters",
    "correspondents",
    "agency",
    "institute",
    "center",
    "centre",
    "committee",
    "council",
    "ministry",
    "department",
    "office",
    "times",
    "post",
    "journal",
    "magazine",
];

/// Lower-case particles that belong to the family name ("van", "de la").
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "du", "la", "le", "ten",
    "ter", "bin", "al",
];

/// Suffixes written after a name.
const SUFFIXES: &[&str] = &["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"];

/// Split a byline name into CSL parts. `Smith, John` and `John Smith` both
/// give family `Smith`, given `John`; a single word, a handle, or anything
/// that reads as an organisation stays a literal name, printed as written.
pub fn split_name(name: &str) -> CslName {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let literal = || CslName::Literal {
        literal: name.clone(),
    };
    if let Some((family, given)) = name.split_once(", ") {
        if family.split_whitespace().count() <= 3 && !given.contains(',') {
            return CslName::Person {
                family: family.to_string(),
                given: Some(given.to_string()),
                particle: None,
                suffix: None,
            };
        }
        return literal();
    }
    let mut words: Vec<&str> = name.split(' ').collect();
    let looks_like_person = (2..=5).contains(&words.len())
        && words.iter().all(|word| {
            word.chars()
                .all(|c| c.is_alphabetic() || "-'’.".contains(c))
                && !ORGANISATION_WORDS.contains(&word.to_lowercase().as_str())
        })
        && !words[0].eq_ignore_ascii_case("the")
        && words[0].chars().next().is_some_and(char::is_uppercase);
    if !looks_like_person {
        return literal();
    }
    let suffix = match words.last() {
        Some(last) if SUFFIXES.contains(last) && words.len() > 2 => words.pop().map(str::to_string),
        _ => None,
    };
    let family = words.pop().unwrap_or_default().to_string();
    let particle_start = words
        .iter()
        .position(|word| PARTICLES.contains(word))
        .filter(|&at| at > 0);
    let particle = particle_start.map(|at| words.split_off(at).join(" "));
    if words.is_empty() {
        return literal();
    }
    CslName::Person {
        family,
        given: Some(words.join(" ")),
        particle,
        suffix,
    }
}

impl CslName {
    /// The name in "Family, Given" order (as BibLaTeX and RIS want it).
    pub fn inverted(&self) -> String {
        match self {
            CslName::Literal { literal } => literal.clone(),
            CslName::Person {
                family,
                given,
                particle,
                suffix,
            } => {
                let family = match particle {
                    Some(particle) => format!("{particle} {family}"),
                    None => family.clone(),
                };
                let mut out = family;
                if let Some(suffix) = suffix {
                    out = format!("{out}, {suffix}");
                }
                if let Some(given) = given {
                    out = format!("{out}, {given}");
                }
                out
            }
        }
    }

    /// The family name (or the literal), for messages and keys.
    pub fn family(&self) -> &str {
        match self {
            CslName::Literal { literal } => literal,
            CslName::Person { family, .. } => family,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_keep_their_precision() {
        assert_eq!(
            parse_iso_date("2019-11-06T09:00:00+00:00").map(|d| d.iso()),
            Some("2019-11-06".into())
        );
        assert_eq!(
            parse_iso_date("2019-11").map(|d| d.iso()),
            Some("2019-11".into())
        );
        assert_eq!(parse_iso_date("2019").map(|d| d.iso()), Some("2019".into()));
        assert_eq!(parse_iso_date("2019-02-30"), None);
        assert_eq!(parse_iso_date("2019-13"), None);
        assert_eq!(parse_iso_date("November 2019"), None);
    }

    #[test]
    fn names_split_into_family_and_given() {
        let person = |family: &str, given: &str| CslName::Person {
            family: family.into(),
            given: Some(given.into()),
            particle: None,
            suffix: None,
        };
        assert_eq!(split_name("Assif Shameen"), person("Shameen", "Assif"));
        assert_eq!(
            split_name("Jing Vivian Zhan"),
            person("Zhan", "Jing Vivian")
        );
        assert_eq!(
            split_name("Emily Baker-White"),
            person("Baker-White", "Emily")
        );
        assert_eq!(split_name("Shameen, Assif"), person("Shameen", "Assif"));
        assert_eq!(
            split_name("Ludwig van Beethoven"),
            CslName::Person {
                family: "Beethoven".into(),
                given: Some("Ludwig".into()),
                particle: Some("van".into()),
                suffix: None
            }
        );
        assert_eq!(
            split_name("Martin Luther King Jr.").inverted(),
            "King, Jr., Martin Luther"
        );
        for literal in [
            "IPVM",
            "Reuters Staff",
            "The Associated Press",
            "@jdoe",
            "CDT Editors",
        ] {
            assert_eq!(
                split_name(literal),
                CslName::Literal {
                    literal: literal.into()
                }
            );
        }
    }

    #[test]
    fn keys_are_safe_article_ids() {
        assert_eq!(citation_key("000_6552e8afb05e4dcc"), "000_6552e8afb05e4dcc");
        assert_eq!(
            citation_key("rust-rfcs/0001 private,fields"),
            "rust-rfcs/0001-private-fields"
        );
    }

    #[test]
    fn date_parts_serialise_as_csl_arrays() {
        let date = csl_date(DateParts {
            year: 2019,
            month: Some(11),
            day: None,
        });
        assert_eq!(
            serde_json::to_string(&date).unwrap(),
            r#"{"date-parts":[[2019,11]]}"#
        );
    }
}
