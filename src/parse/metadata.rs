//! Article metadata wherever real articles keep it: YAML (`---`) and TOML
//! (`+++`) front matter, RFC-822 header blocks (`Created:`, `Author:`),
//! Markdown bullet headers (`- Start Date: 2014-03-11`), the header lines of
//! plain articles (`Published at: **...**`, a date line), dates in paths and
//! file names, and lenient date formats (`2024-4-09`, `13-Jun-2000`).

use super::ParseError;
use crate::model::MetadataSource;
use chrono::{DateTime, NaiveDate};
use regex::Regex;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Front matter larger than this is refused (a hostile-input cap).
const MAX_FRONT_MATTER_BYTES: usize = 256 * 1024;

/// The metadata an article states about itself, with where each field came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    /// Front matter `permalink` when it is a site-relative path (`/en/...`).
    pub permalink: Option<String>,
    pub published: Option<String>,
    pub updated: Option<String>,
    pub sources: BTreeMap<String, MetadataSource>,
    /// The text has a byline that names no one (`Written by`): no author, and
    /// the catalog is not asked either.
    pub authors_stated_empty: bool,
}

impl Metadata {
    fn slot(&mut self, field: &str) -> Option<&mut Option<String>> {
        match field {
            "title" => Some(&mut self.title),
            "outlet" => Some(&mut self.outlet),
            "url" => Some(&mut self.url),
            "published" => Some(&mut self.published),
            "updated" => Some(&mut self.updated),
            _ => None,
        }
    }

    /// Set a field unless it already has a value (the first source wins).
    pub fn set(&mut self, field: &str, value: &str, source: MetadataSource) {
        let value = super::block::fold_whitespace(value);
        if value.is_empty() {
            return;
        }
        if let Some(slot) = self.slot(field) {
            if slot.is_none() {
                *slot = Some(value);
                self.sources.insert(field.to_string(), source);
            }
        }
    }

    /// Set a date field from text in any format [`lenient_date`] reads.
    pub fn set_date(&mut self, field: &str, value: &str, source: MetadataSource) {
        if let Some(date) = lenient_date(value) {
            self.set(field, &date, source);
        }
    }

    /// Set the authors unless some are already known.
    pub fn set_authors(&mut self, authors: Vec<String>, source: MetadataSource) {
        if self.authors.is_empty() && !self.authors_stated_empty && !authors.is_empty() {
            self.authors = authors;
            self.sources.insert("authors".into(), source);
        }
    }
}

/// Where a front-matter block ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrontMatter {
    /// Byte offset just past the closing fence line.
    pub end: usize,
}

/// Read YAML (`---`) or TOML (`+++`) front matter at the start of `text`
/// (which starts at source offset `base`, after any BOM).
pub fn front_matter(
    text: &str,
    base: usize,
    meta: &mut Metadata,
) -> Result<Option<FrontMatter>, ParseError> {
    let fence = if text.starts_with("---") {
        "---"
    } else if text.starts_with("+++") {
        "+++"
    } else {
        return Ok(None);
    };
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != fence {
        return Ok(None);
    }
    let start_line = line_of(text, 0, base);
    let body_start = first_line_end + 1;
    let mut offset = body_start.min(text.len());
    let mut close = None;
    for line in text[offset..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == fence || (fence == "---" && trimmed == "...") {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((content_end, end)) = close else {
        return Err(ParseError::FrontMatter {
            line: start_line,
            message: format!("the `{fence}` block is never closed"),
        });
    };
    let content = &text[body_start.min(content_end)..content_end];
    if content.len() > MAX_FRONT_MATTER_BYTES {
        return Err(ParseError::FrontMatter {
            line: start_line,
            message: format!(
                "front matter of {} bytes is over the {MAX_FRONT_MATTER_BYTES}-byte cap",
                content.len()
            ),
        });
    }
    let value = if fence == "---" {
        parse_yaml(content).map_err(|(line, message)| ParseError::FrontMatter {
            line: start_line + line,
            message,
        })?
    } else {
        parse_toml(content).map_err(|(line, message)| ParseError::FrontMatter {
            line: start_line + line,
            message,
        })?
    };
    apply_front_matter(&value, meta);
    Ok(Some(FrontMatter { end }))
}

/// Parse YAML with tight budgets: alias bombs and deep nesting are refused.
fn parse_yaml(content: &str) -> Result<Value, (u32, String)> {
    if content.trim().is_empty() {
        return Ok(Value::Null);
    }
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_events: 100_000,
            max_aliases: 100,
            max_anchors: 100,
            max_nodes: 50_000,
            max_depth: 32,
            max_recorded_anchor_events: 10_000,
            max_recorded_anchor_bytes: 1_000_000,
        },
    };
    serde_saphyr::from_str_with_options::<Value>(content, options).map_err(|err| {
        let line = err.location().map_or(1, |loc| loc.line() as u32);
        let message = err.to_string();
        let message = message.lines().next().unwrap_or("invalid YAML").to_string();
        (line, format!("invalid YAML: {message}"))
    })
}

fn parse_toml(content: &str) -> Result<Value, (u32, String)> {
    let table: toml::Table = toml::from_str(content).map_err(|err| {
        let line = err.span().map_or(1, |span| {
            content[..span.start.min(content.len())]
                .matches('\n')
                .count() as u32
                + 1
        });
        (line, format!("invalid TOML: {}", err.message()))
    })?;
    serde_json::to_value(table).map_err(|err| (1, format!("invalid TOML: {err}")))
}

/// Take what the front matter says about the article.
fn apply_front_matter(value: &Value, meta: &mut Metadata) {
    let Value::Object(map) = value else {
        return;
    };
    let get = |key: &str| {
        map.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    };
    let source = MetadataSource::FrontMatter;
    if let Some(title) = get("title").and_then(scalar_text) {
        meta.set("title", &title, source);
    }
    for key in [
        "date",
        "created",
        "published",
        "pubdate",
        "publish_date",
        "date_published",
    ] {
        match get(key) {
            Some(Value::Object(dates)) => {
                for (k, v) in dates {
                    let field = if k.eq_ignore_ascii_case("updated") {
                        "updated"
                    } else {
                        "published"
                    };
                    if let Some(text) = scalar_text(v) {
                        meta.set_date(field, &text, source);
                    }
                }
            }
            Some(other) => {
                if let Some(text) = scalar_text(other) {
                    meta.set_date("published", &text, source);
                }
            }
            None => {}
        }
    }
    for key in [
        "updated",
        "last_updated",
        "modified",
        "lastmod",
        "last-modified",
    ] {
        if let Some(text) = get(key).and_then(scalar_text) {
            meta.set_date("updated", &text, source);
        }
    }
    for key in ["authors", "author", "by"] {
        if let Some(value) = get(key) {
            meta.set_authors(authors_of(value), source);
        }
    }
    for key in ["url", "canonical_url", "canonical"] {
        if let Some(text) = get(key).and_then(scalar_text) {
            if text.starts_with("http://") || text.starts_with("https://") {
                meta.set("url", &text, source);
            }
        }
    }
    for key in ["outlet", "publisher", "site_name", "publication"] {
        if let Some(text) = get(key).and_then(scalar_text) {
            meta.set("outlet", &text, source);
        }
    }
    if let Some(permalink) = get("permalink").and_then(scalar_text) {
        let permalink = permalink.trim();
        if permalink.starts_with('/') && !permalink.starts_with("//") {
            meta.permalink = Some(permalink.to_string());
        }
    }
    for key in ["path", "permalink", "slug"] {
        if let Some(date) = get(key)
            .and_then(scalar_text)
            .and_then(|p| date_in_path(&p))
        {
            meta.set("published", &date, MetadataSource::FileName);
        }
    }
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Authors from a front-matter value: a string (`Name (@handle), Name
/// <email>`), a list of strings, or a list of maps with a `name`.
fn authors_of(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => split_authors(s),
        Value::Array(items) => items.iter().flat_map(authors_of).collect(),
        Value::Object(map) => ["name", "display_name", "github", "handle"]
            .iter()
            .find_map(|key| map.get(*key).and_then(scalar_text))
            .map(|name| vec![name])
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Split an author line (`Barry Warsaw, Jeremy Hylton`, `Name (@handle),
/// Name <email>`) into names, dropping e-mail addresses and keeping a handle
/// only when no name is given.
pub fn split_authors(line: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    for c in line.chars() {
        match c {
            '(' | '<' | '[' => depth += 1,
            ')' | '>' | ']' => depth -= 1,
            _ => {}
        }
        if (c == ',' || c == ';') && depth <= 0 {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    parts.push(current);
    parts
        .iter()
        .flat_map(|part| part.split(" and "))
        .filter_map(|part| author_name(part.trim()))
        .collect()
}

fn author_name(part: &str) -> Option<String> {
    static BRACKETED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s*(<[^>]*>|\([^)]*\))").expect("valid regex"));
    let name = super::block::fold_whitespace(&BRACKETED.replace_all(part, ""));
    let name = name.trim_matches(|c: char| c == '"' || c == '*' || c.is_whitespace());
    if !name.is_empty() {
        return Some(name.to_string());
    }
    // Only a handle or an address: keep it as written, without brackets.
    let inner = part.trim().trim_matches(['(', ')', '<', '>', ' ']);
    (!inner.is_empty()).then(|| inner.to_string())
}

/// The 1-based line of `text[at]`, for text that starts at source line 1
/// (offset `base` is a BOM, which is on line 1).
fn line_of(text: &str, at: usize, _base: usize) -> u32 {
    text[..at].matches('\n').count() as u32 + 1
}

fn ymd(year: i32, month: u32, day: u32) -> Option<String> {
    NaiveDate::from_ymd_opt(year, month, day)
        .filter(|d| (1000..=9999).contains(&d.year_ce_checked()))
        .map(|d| d.format("%Y-%m-%d").to_string())
}

trait YearCe {
    fn year_ce_checked(&self) -> i32;
}
impl YearCe for NaiveDate {
    fn year_ce_checked(&self) -> i32 {
        chrono::Datelike::year(self)
    }
}

/// The longest date text `lenient_date` reads, in bytes.
const DATE_MAX: usize = 64;

/// The characters `lenient_date` trims from either end (with whitespace).
const DATE_TRIMMED: &[char] = &['(', ')', '*', '"', '\''];

/// Read a date written in any of the formats articles use, as ISO 8601: a
/// full RFC 3339 timestamp stays a timestamp, anything else becomes a day.
/// `None` when the text is not a date or names an impossible day.
pub fn lenient_date(text: &str) -> Option<String> {
    static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
            .expect("valid regex")
    });
    static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{1,2})[-/. ]([A-Za-z]{3,9}\.?|\d{1,2})[-/., ]+(\d{4})$")
            .expect("valid regex")
    });
    static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([A-Za-z]{3,9}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
            .expect("valid regex")
    });
    let text = text.trim().trim_matches(DATE_TRIMMED).trim();
    if text.is_empty() || text.len() > DATE_MAX {
        return None;
    }
    if let Ok(stamp) = DateTime::parse_from_rfc3339(text) {
        return (1000..=9999)
            .contains(&chrono::Datelike::year(&stamp))
            .then(|| stamp.to_rfc3339());
    }
    if let Some(caps) = NUMERIC.captures(text) {
        return ymd(
            caps[1].parse().ok()?,
            caps[2].parse().ok()?,
            caps[3].parse().ok()?,
        );
    }
    if let Some(caps) = DAY_FIRST.captures(text) {
        let month = caps[2]
            .parse::<u32>()
            .ok()
            .or_else(|| crate::dates::month_number(&caps[2]))?;
        return ymd(caps[3].parse().ok()?, month, caps[1].parse().ok()?);
    }
    if let Some(caps) = MONTH_FIRST.captures(text) {
        return ymd(
            caps[3].parse().ok()?,
            crate::dates::month_number(&caps[1])?,
            caps[2].parse().ok()?,
        );
    }
    None
}

/// A `YYYY-MM-DD` or `YYYY/MM/DD` date inside a path, permalink or file name.
pub fn date_in_path(path: &str) -> Option<String> {
    static IN_PATH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^0-9])(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[^0-9]|$)")
            .expect("valid regex")
    });
    let caps = IN_PATH.captures(path)?;
    ymd(
        caps[1].parse().ok()?,
        caps[2].parse().ok()?,
        caps[3].parse().ok()?,
    )
}

/// One `Key: value` line of an RFC-822 style header block, with the
/// continuation lines folded in.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderField {
    pub key: String,
    pub value: String,
}

/// Apply an RFC-822 style header field (`Title:`, `Author:`, `Created:`).
pub fn apply_header_field(field: &HeaderField, meta: &mut Metadata, source: MetadataSource) {
    let key = field.key.to_ascii_lowercase();
    let value = field.value.trim();
    match key.as_str() {
        "title" | "feature name" | "feature-name" => meta.set("title", value, source),
        "author" | "authors" | "by" => meta.set_authors(split_authors(value), source),
        "created" | "date" | "start date" | "start-date" | "published" => {
            meta.set_date("published", value, source)
        }
        "updated" | "last-modified" | "last modified" => meta.set_date("updated", value, source),
        "url" | "canonical" if value.starts_with("http") => meta.set("url", value, source),
        _ => {}
    }
}

/// The header line of a plain article, if the line is one.
#[derive(Debug, Clone, PartialEq)]
pub enum HeaderLine {
    Published(String),
    Updated(String),
    Authors(Vec<String>),
    /// A byline that names no one.
    NoAuthor,
    Original {
        outlet: String,
        url: String,
    },
    /// A date line (`November 9, 2020 Updated: November 9, 2020`).
    Dates {
        published: String,
        updated: Option<String>,
    },
}

/// Recognise a header line of a plain article.
pub fn header_line(line: &str) -> Option<HeaderLine> {
    static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?i)(published(?: at| on)?|updated(?: at| on)?|date|author|authors|by|written by|original|source)\s*:?\s*(.*)$")
            .expect("valid regex")
    });
    static LINK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\[([^\]]+)\]\((\S+)\)$").expect("valid regex"));
    static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:Published:?\s*)?(.+?)(?:\s+(?:Updated|Last updated):?\s*(.+))?$")
            .expect("valid regex")
    });
    let line = line.trim();
    if line.is_empty() {
        return None;
    }
    if let Some(caps) = LABELLED.captures(line) {
        let label = caps[1].to_ascii_lowercase();
        let value = caps[2].trim().trim_matches('*').trim();
        let has_colon = line[caps[1].len()..].trim_start().starts_with(':');
        match label.as_str() {
            "written by" if value.is_empty() => return Some(HeaderLine::NoAuthor),
            "written by" | "by" if value.split_whitespace().count() <= 6 => {
                return Some(HeaderLine::Authors(split_authors(value)))
            }
            "author" | "authors" if has_colon && !value.is_empty() => {
                return Some(HeaderLine::Authors(split_authors(value)))
            }
            "original" | "source" if has_colon => {
                if let Some(link) = LINK.captures(value) {
                    return Some(HeaderLine::Original {
                        outlet: link[1].to_string(),
                        url: link[2].to_string(),
                    });
                }
            }
            l if l.starts_with("published") || l == "date" => {
                if let Some(date) = lenient_date(value) {
                    return Some(HeaderLine::Published(date));
                }
            }
            l if l.starts_with("updated") => {
                if let Some(date) = lenient_date(value) {
                    return Some(HeaderLine::Updated(date));
                }
            }
            _ => {}
        }
    }
    // A date line is two dates of at most `DATE_MAX` bytes each (past what
    // `lenient_date` trims off) and the words between. A longer line cannot
    // be one, so it skips DATE_LINE, whose capture search over a very long
    // line (a file of 40,000 `[`) falls back to the regex crate's slowest
    // engine.
    let kept = line
        .chars()
        .filter(|&c| !(c.is_whitespace() || DATE_TRIMMED.contains(&c)))
        .count();
    if kept > 2 * DATE_MAX + "Published:".len() + "Last updated:".len() {
        return None;
    }
    let caps = DATE_LINE.captures(line)?;
    let published = lenient_date(&caps[1])?;
    let updated = match caps.get(2) {
        Some(m) => Some(lenient_date(m.as_str())?),
        None => None,
    };
    Some(HeaderLine::Dates { published, updated })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_dates() {
        assert_eq!(lenient_date("2024-4-09").as_deref(), Some("2024-04-09"));
        assert_eq!(lenient_date("13-Jun-2000").as_deref(), Some("2000-06-13"));
        assert_eq!(lenient_date("(2015-02-26)").as_deref(), Some("2015-02-26"));
        assert_eq!(lenient_date("2014/03/11 ").as_deref(), Some("2014-03-11"));
        assert_eq!(lenient_date("26-02-2015").as_deref(), Some("2015-02-26"));
        assert_eq!(
            lenient_date("November 9, 2020").as_deref(),
            Some("2020-11-09")
        );
        assert_eq!(
            lenient_date("2019-11-06T09:00:00+00:00").as_deref(),
            Some("2019-11-06T09:00:00+00:00")
        );
        assert_eq!(lenient_date("2023-02-30"), None);
        assert_eq!(lenient_date("Hikvision"), None);
    }

    #[test]
    fn dates_in_paths() {
        assert_eq!(
            date_in_path("2021/07/29/Rust-1.54.0").as_deref(),
            Some("2021-07-29")
        );
        assert_eq!(
            date_in_path("/en/newsletters/2019/02/05/").as_deref(),
            Some("2019-02-05")
        );
        assert_eq!(
            date_in_path("2021-07-29-slug.md").as_deref(),
            Some("2021-07-29")
        );
        assert_eq!(date_in_path("pep-0001.rst"), None);
    }

    #[test]
    fn author_lists() {
        assert_eq!(
            split_authors("Vitalik Buterin (@vbuterin), Jane Doe <jane@example.com>, (@solo)"),
            vec!["Vitalik Buterin", "Jane Doe", "@solo"]
        );
        assert_eq!(
            split_authors("Barry Warsaw, Jeremy Hylton"),
            vec!["Barry Warsaw", "Jeremy Hylton"]
        );
    }

    #[test]
    fn plain_header_lines() {
        assert_eq!(
            header_line("Published at: **2019-11-06T09:00:00+00:00**"),
            Some(HeaderLine::Published("2019-11-06T09:00:00+00:00".into()))
        );
        assert_eq!(
            header_line("Author: **Assif Shameen**"),
            Some(HeaderLine::Authors(vec!["Assif Shameen".into()]))
        );
        assert_eq!(header_line("Written by"), Some(HeaderLine::NoAuthor));
        assert_eq!(
            header_line("November 9, 2020 Updated: November 9, 2020"),
            Some(HeaderLine::Dates {
                published: "2020-11-09".into(),
                updated: Some("2020-11-09".into())
            })
        );
        assert!(matches!(
            header_line("Original: [The Edge Markets](https://example.com/a)"),
            Some(HeaderLine::Original { .. })
        ));
        assert_eq!(header_line("Hikvision is big."), None);
        // A long line is not a date line, unless all but a date is what
        // `lenient_date` trims off.
        assert_eq!(header_line(&"[".repeat(40_000)), None);
        assert_eq!(
            header_line(&format!("2020-01-02{}", ")".repeat(500))),
            Some(HeaderLine::Dates {
                published: "2020-01-02".to_string(),
                updated: None
            })
        );
    }

    #[test]
    fn yaml_front_matter_and_errors() {
        let mut meta = Metadata::default();
        let text = "---\ntitle: Hello\nauthor: A (@a), B <b@x>\ncreated: 2020-1-2\n---\nbody";
        let fm = front_matter(text, 0, &mut meta).unwrap().unwrap();
        assert_eq!(&text[fm.end..], "body");
        assert_eq!(meta.title.as_deref(), Some("Hello"));
        assert_eq!(meta.authors, vec!["A", "B"]);
        assert_eq!(meta.published.as_deref(), Some("2020-01-02"));

        let bad = "---\ntitle: [unclosed\n---\n";
        let err = front_matter(bad, 0, &mut Metadata::default()).unwrap_err();
        assert!(
            matches!(err, ParseError::FrontMatter { line, .. } if line >= 2),
            "{err:?}"
        );
        let open = "---\ntitle: x\n";
        assert!(matches!(
            front_matter(open, 0, &mut Metadata::default()),
            Err(ParseError::FrontMatter { line: 1, .. })
        ));
    }

    #[test]
    fn yaml_alias_bombs_are_refused() {
        let mut bomb = String::from("---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
        let mut prev = "a";
        for name in names {
            bomb.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
            prev = name;
        }
        bomb.push_str("---\n");
        let started = std::time::Instant::now();
        let result = front_matter(&bomb, 0, &mut Metadata::default());
        assert!(
            matches!(result, Err(ParseError::FrontMatter { .. })),
            "{result:?}"
        );
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn toml_front_matter_with_path_date() {
        let mut meta = Metadata::default();
        let text = "+++\npath = \"2021/07/29/Rust-1.54.0\"\ntitle = \"Announcing\"\nauthors = [\"The Team\"]\n+++\n\nBody";
        front_matter(text, 0, &mut meta).unwrap().unwrap();
        assert_eq!(meta.published.as_deref(), Some("2021-07-29"));
        assert_eq!(meta.sources["published"], MetadataSource::FileName);
        assert_eq!(meta.authors, vec!["The Team"]);
        let bad = "+++\ntitle = \n+++\n";
        assert!(matches!(
            front_matter(bad, 0, &mut Metadata::default()),
            Err(ParseError::FrontMatter { line: 2, .. })
        ));
    }
}
