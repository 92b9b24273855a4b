//! Plain-text articles (`.txt`): header lines (title, `Published at:`,
//! `Author:`, `Original:`, a bare `Written by`, a date line) become metadata;
//! the body is read paragraph by paragraph as written: one paragraph per line
//! when lines are long (the seeds), or runs of lines between blank lines when
//! the text is hard-wrapped. Short title-like lines are headings, `- ` lines
//! list items, `![alt]()` images and photo credits captions, and a trailing
//! short line without a period site furniture (boilerplate).

use super::block::{Block, BlockRole, Document, RawDefinition};
use super::citations::push_marked_text;
use super::metadata::{header_line, HeaderLine, Metadata};
use crate::model::{CitationKind, ClaimKind, MetadataSource};
use regex::Regex;
use std::sync::LazyLock;

/// One source line: its text without the line ending, and its offset.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    start: usize,
}

impl Line<'_> {
    fn trimmed(&self) -> &str {
        self.text.trim()
    }
    fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
    fn indent(&self) -> usize {
        self.text.len() - self.text.trim_start().len()
    }
}

fn lines_of(text: &str, base: usize) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let content = raw.strip_suffix('\n').unwrap_or(raw);
        let content = content.strip_suffix('\r').unwrap_or(content);
        lines.push(Line {
            text: content,
            start: base + offset,
        });
        offset += raw.len();
    }
    lines
}

/// Read a plain-text article whose text starts at source offset `base`.
pub fn read(text: &str, base: usize, meta: &mut Metadata) -> Document {
    let lines = lines_of(text, base);
    let body_from = read_header(&lines, meta);
    let body = &lines[body_from..];
    let wrapped = is_hard_wrapped(body);
    let mut doc = Document::default();
    let last_content = body.iter().rposition(|l| !l.is_blank());
    let mut previous_image_alt: Option<String> = None;
    let mut index = 0;
    while index < body.len() {
        let line = body[index];
        if line.is_blank() {
            index += 1;
            continue;
        }
        let trimmed = line.trimmed();
        let is_last = Some(index) == last_content;
        if let Some(def) = definition_line(line) {
            doc.definitions.push(def);
            index += 1;
            continue;
        }
        let mut role = classify(line, is_last, &previous_image_alt);
        let continues = wrapped
            && body
                .get(index + 1)
                .is_some_and(|next| !next.is_blank() && !is_list_item(next.trimmed()));
        if continues && matches!(role, BlockRole::Heading(_) | BlockRole::LeadIn) {
            role = BlockRole::Body(ClaimKind::Sentence);
        }
        // A label right above a list names only that list ("Notable Products").
        let list_follows = body[index + 1..]
            .iter()
            .find(|l| !l.is_blank())
            .is_some_and(|l| is_list_item(l.trimmed()));
        if role == BlockRole::Heading(1) && list_follows && !trimmed.starts_with('#') {
            role = BlockRole::LeadIn;
        }
        previous_image_alt = image_alt(trimmed).map(str::to_string);
        let mut block = Block::new(role);
        let lead = line.indent() + list_marker_len(trimmed, role);
        if let Some(number) = list_number(trimmed, role) {
            block.list_number = Some(number);
        }
        push_line(&mut block, &line.text[lead..], line.start + lead);
        index += 1;
        // Hard-wrapped prose: the following lines up to a blank line, a list
        // item or a heading belong to the same paragraph.
        if wrapped && matches!(role, BlockRole::Body(_)) {
            while index < body.len() {
                let next = body[index];
                if next.is_blank()
                    || is_list_item(next.trimmed())
                    || next.trimmed().starts_with('#')
                {
                    break;
                }
                block.text.push_break(next.start - 1, next.start);
                let lead = next.indent();
                push_line(&mut block, &next.text[lead..], next.start + lead);
                index += 1;
            }
        }
        if !block.text.is_blank() || !block.markers.is_empty() {
            doc.blocks.push(block);
        }
    }
    doc
}

/// Consume the header lines at the top; returns the index of the first body line.
fn read_header(lines: &[Line], meta: &mut Metadata) -> usize {
    let mut index = 0;
    let mut seen_title = false;
    while index < lines.len() {
        let line = lines[index];
        let trimmed = line.trimmed();
        if trimmed.is_empty() {
            index += 1;
            continue;
        }
        if !seen_title && meta.title.is_none() {
            seen_title = true;
            if let Some(title) = trimmed.strip_prefix("# ") {
                meta.set("title", title, MetadataSource::HeaderLine);
                index += 1;
                continue;
            }
            let more_follows = lines[index + 1..].iter().any(|l| !l.is_blank())
                && lines.get(index + 1).is_some_and(Line::is_blank);
            if more_follows && is_first_line_title(trimmed) && header_line(trimmed).is_none() {
                meta.set("title", trimmed, MetadataSource::HeaderLine);
                index += 1;
                continue;
            }
        }
        let source = MetadataSource::HeaderLine;
        match header_line(trimmed) {
            Some(HeaderLine::Published(date)) => meta.set("published", &date, source),
            Some(HeaderLine::Updated(date)) => meta.set("updated", &date, source),
            Some(HeaderLine::Authors(names)) => meta.set_authors(names, source),
            Some(HeaderLine::NoAuthor) => {
                if meta.authors.is_empty() {
                    meta.authors_stated_empty = true;
                }
            }
            Some(HeaderLine::Original { outlet, url }) => {
                meta.set("outlet", &outlet, source);
                meta.set("url", &url, source);
            }
            Some(HeaderLine::Dates { published, updated }) => {
                meta.set("published", &published, source);
                if let Some(updated) = updated {
                    meta.set("updated", &updated, source);
                }
            }
            None => return index,
        }
        index += 1;
    }
    index
}

/// True when the body is hard-wrapped prose: it has blank lines between
/// paragraphs and runs of short consecutive lines.
fn is_hard_wrapped(lines: &[Line]) -> bool {
    let mut lengths: Vec<usize> = lines
        .iter()
        .filter(|l| !l.is_blank())
        .map(|l| l.trimmed().chars().count())
        .collect();
    if lengths.len() < 3 || !lines.iter().any(Line::is_blank) {
        return false;
    }
    let consecutive = lines
        .windows(2)
        .filter(|pair| !pair[0].is_blank() && !pair[1].is_blank())
        .count();
    lengths.sort_unstable();
    let median = lengths[lengths.len() / 2];
    median <= 100 && consecutive * 3 >= lengths.len()
}

fn classify(line: Line, is_last: bool, previous_image_alt: &Option<String>) -> BlockRole {
    let trimmed = line.trimmed();
    if let Some(rest) = trimmed.strip_prefix('#') {
        let level = 1 + rest.bytes().take_while(|&b| b == b'#').count();
        let after = &rest[level - 1..];
        if level <= 6 && (after.starts_with(' ') || after.is_empty()) {
            return BlockRole::Heading(level as u8);
        }
    }
    if image_alt(trimmed).is_some() || is_caption(trimmed, previous_image_alt) {
        return BlockRole::Body(ClaimKind::Caption);
    }
    if is_list_item(trimmed) {
        return BlockRole::Body(ClaimKind::ListItem);
    }
    if is_last {
        let ends_prose = trimmed.ends_with(['.', '"', '”', ')', ']', '’', '\'']);
        if !ends_prose && trimmed.split_whitespace().count() <= 12 {
            return BlockRole::Body(ClaimKind::Boilerplate);
        }
        return BlockRole::Body(ClaimKind::Sentence);
    }
    if is_title_like(trimmed) {
        if trimmed.ends_with(':') {
            return BlockRole::LeadIn;
        }
        return BlockRole::Heading(1);
    }
    BlockRole::Body(ClaimKind::Sentence)
}

/// A short line that reads as a title: few words, no sentence punctuation at
/// the end, no sentence break inside, no citation marker.
pub fn is_title_like(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let first_ok = line.chars().next().is_some_and(char::is_alphanumeric);
    first_ok
        && words <= 10
        && line.chars().count() <= 90
        && !line.ends_with(['.', '!', '?', ',', ';', '"', '”', '’', ')', ']', '\''])
        && !line.contains(". ")
        && !line.contains('[')
}

/// A first line that reads as the article's title: a longer title than a
/// section heading may be, still without sentence punctuation.
fn is_first_line_title(line: &str) -> bool {
    line.split_whitespace().count() <= 20
        && line.chars().count() <= 160
        && line.chars().next().is_some_and(char::is_alphanumeric)
        && !line.ends_with(['.', '!', ',', ';', ':', '"', '”', ')', ']'])
        && !line.contains(". ")
        && !line.contains('[')
}

fn is_list_item(line: &str) -> bool {
    list_marker_len(line, BlockRole::Body(ClaimKind::ListItem)) > 0
}

/// The length of a list marker (`- `, `* `, `• `, `3. `) at the start of a
/// list-item line.
fn list_marker_len(line: &str, role: BlockRole) -> usize {
    if role != BlockRole::Body(ClaimKind::ListItem) {
        return 0;
    }
    super::block::list_marker_len(line, &["- ", "* ", "+ ", "• ", "– "])
}

fn list_number(line: &str, role: BlockRole) -> Option<u64> {
    if role != BlockRole::Body(ClaimKind::ListItem) {
        return None;
    }
    let digits: String = line.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// The alt text of a line that is only an image `![alt](url)`.
fn image_alt(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("![")?;
    let close = rest.find("](")?;
    rest[close..].ends_with(')').then(|| &rest[..close])
}

/// A photo caption or credit line.
fn is_caption(line: &str, previous_image_alt: &Option<String>) -> bool {
    static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(screenshot|photo|image|picture|credit|illustration)s?\b|\((?:[^()]*\b(?:getty images|afp|reuters|ap photo|photo|images|via|courtesy)\b[^()]*)\)\s*$")
            .expect("valid regex")
    });
    if let Some(alt) = previous_image_alt {
        let alt = alt.trim().trim_end_matches('.');
        if !alt.is_empty() && line.trim_end_matches('.') == alt {
            return true;
        }
    }
    CREDIT.is_match(line)
}

/// A footnote or link definition line: `[^1]: text`, `[1]: url`.
fn definition_line(line: Line) -> Option<RawDefinition> {
    static DEFINITION: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\[(\^?[^\]\s]{1,40})\]:\s*(.*)$").expect("valid regex"));
    let trimmed = line.trimmed();
    let caps = DEFINITION.captures(trimmed)?;
    let label = caps[1].to_string();
    let text = caps[2].to_string();
    let kind = if label.starts_with('^') {
        CitationKind::Footnote
    } else if label.bytes().all(|b| b.is_ascii_digit()) {
        CitationKind::Numbered
    } else {
        CitationKind::Link
    };
    Some(RawDefinition {
        url: super::block::first_url(&text),
        label,
        kind,
        text,
        src_start: line.start,
    })
}

fn push_line(block: &mut Block, text: &str, start: usize) {
    if let Some(alt) = image_alt(text.trim()) {
        let offset = text.find("![").map_or(0, |i| i + 2);
        block.text.push_source(alt, start + offset);
        return;
    }
    push_marked_text(block, text, start);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(text: &str) -> Vec<(BlockRole, String)> {
        let mut meta = Metadata::default();
        read(text, 0, &mut meta)
            .blocks
            .into_iter()
            .map(|b| (b.role, b.text.text))
            .collect()
    }

    #[test]
    fn headings_lead_ins_lists_and_furniture() {
        let text = "First sentence here. Second one.\nHikvision\nNotable Products:\n- Thermal Screening\nHikvision is big.[8]\nWhat’s hot on Infosecurity Magazine?";
        let got = roles(text);
        assert_eq!(got[1].0, BlockRole::Heading(1));
        assert_eq!(got[2].0, BlockRole::LeadIn);
        assert_eq!(
            got[3],
            (
                BlockRole::Body(ClaimKind::ListItem),
                "Thermal Screening".into()
            )
        );
        assert_eq!(got[4].1, "Hikvision is big.");
        assert_eq!(got[5].0, BlockRole::Body(ClaimKind::Boilerplate));
    }

    #[test]
    fn header_lines_are_metadata() {
        let text = "\n# Tech: A title\n\nPublished at: **2019-11-06T09:00:00+00:00**\n\nAuthor: **Assif Shameen**\n\nOriginal: [The Edge](https://e.com/a)\n\nBody text here.\n";
        let mut meta = Metadata::default();
        let doc = read(text, 0, &mut meta);
        assert_eq!(meta.title.as_deref(), Some("Tech: A title"));
        assert_eq!(meta.authors, vec!["Assif Shameen"]);
        assert_eq!(meta.outlet.as_deref(), Some("The Edge"));
        assert_eq!(meta.url.as_deref(), Some("https://e.com/a"));
        assert_eq!(doc.blocks.len(), 1);
    }

    #[test]
    fn images_and_credits_are_captions() {
        let text = "Intro sentence.\n![A cat on a mat]()\nA cat on a mat.\nCameras in Hangzhou on May 29, 2019. (STR/AFP via Getty Images)\nScreenshot from BBC, March 10, 2020.\nEnd.";
        let got = roles(text);
        assert_eq!(
            got[1],
            (BlockRole::Body(ClaimKind::Caption), "A cat on a mat".into())
        );
        assert!(
            got[2..5]
                .iter()
                .all(|g| g.0 == BlockRole::Body(ClaimKind::Caption)),
            "{got:?}"
        );
    }

    #[test]
    fn hard_wrapped_paragraphs_join() {
        let text = "A first line that\ncontinues here.\n\nSecond paragraph\nwraps too.\n\nThird one\nends.\n";
        let got = roles(text);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].1, "A first line that continues here.");
    }

    #[test]
    fn crlf_lines_keep_offsets() {
        let text = "First sentence.\r\nSecond sentence.\r\n";
        let mut meta = Metadata::default();
        let doc = read(text, 3, &mut meta);
        assert_eq!(doc.blocks[1].text.text, "Second sentence.");
        assert_eq!(doc.blocks[1].text.src_start(0), 3 + 17);
    }
}
