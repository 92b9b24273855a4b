//! The parser's intermediate form: the blocks (paragraphs, list items,
//! headings, captions) each front end (Markdown, plain text,
//! reStructuredText) reads out of a file, their clean text with a map back to
//! the source bytes, and the citation markers taken out of that text.

use crate::model::{CitationKind, ClaimKind};

/// A block's text, built from pieces of the source, with a map from every
/// byte of the text back to the source bytes it came from.
#[derive(Debug, Clone, Default)]
pub struct MappedText {
    pub text: String,
    runs: Vec<Run>,
}

/// One piece of a [`MappedText`]: `text[text_start..]` came from
/// `source[src_start..src_end]`, byte for byte when `exact`.
#[derive(Debug, Clone, Copy)]
struct Run {
    text_start: usize,
    src_start: usize,
    src_end: usize,
    exact: bool,
}

impl MappedText {
    /// Append a piece that is a verbatim copy of `source[src_start..]`.
    pub fn push_source(&mut self, piece: &str, src_start: usize) {
        if piece.is_empty() {
            return;
        }
        self.runs.push(Run {
            text_start: self.text.len(),
            src_start,
            src_end: src_start + piece.len(),
            exact: true,
        });
        self.text.push_str(piece);
    }

    /// Append a piece that stands for `source[src_start..src_end]` without
    /// being a copy of it (a line break read as a space, an entity).
    pub fn push_synthetic(&mut self, piece: &str, src_start: usize, src_end: usize) {
        if piece.is_empty() {
            return;
        }
        self.runs.push(Run {
            text_start: self.text.len(),
            src_start,
            src_end: src_end.max(src_start),
            exact: false,
        });
        self.text.push_str(piece);
    }

    /// Append a space standing for a line break at `src`, unless the text
    /// is empty or already ends with whitespace.
    pub fn push_break(&mut self, src_start: usize, src_end: usize) {
        if !self.text.is_empty() && !self.text.ends_with(char::is_whitespace) {
            self.push_synthetic(" ", src_start, src_end);
        }
    }

    /// Cut the text back to `len` bytes (a char boundary), dropping the map
    /// of what is cut.
    pub fn truncate(&mut self, len: usize) {
        if len >= self.text.len() {
            return;
        }
        self.text.truncate(len);
        while self.runs.last().is_some_and(|run| run.text_start >= len) {
            self.runs.pop();
        }
        if let Some(run) = self.runs.last_mut() {
            if run.exact {
                run.src_end = run.src_start + (len - run.text_start);
            }
        }
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    fn run_at(&self, at: usize) -> Option<&Run> {
        let index = self.runs.partition_point(|run| run.text_start <= at);
        index.checked_sub(1).map(|i| &self.runs[i])
    }

    /// The source offset of the text byte at `at`.
    pub fn src_start(&self, at: usize) -> usize {
        match self.run_at(at) {
            Some(run) if run.exact => run.src_start + (at - run.text_start),
            Some(run) => run.src_start,
            None => self.runs.first().map_or(0, |run| run.src_start),
        }
    }

    /// The source offset just past the text bytes ending at `end` (exclusive).
    pub fn src_end(&self, end: usize) -> usize {
        if end == 0 {
            return self.src_start(0);
        }
        match self.run_at(end - 1) {
            Some(run) if run.exact => run.src_start + (end - run.text_start),
            Some(run) => run.src_end,
            None => 0,
        }
    }
}

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockRole {
    /// Body text whose sentences become claims of this kind.
    Body(ClaimKind),
    /// A heading at this level (1 = outermost).
    Heading(u8),
    /// A label heading ("Notable Products:") that names only the list
    /// right under it, one level below the current section.
    LeadIn,
}

/// A citation marker taken out of a block's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// Offset in the block text where the marker stood.
    pub at: usize,
    pub kind: CitationKind,
    /// The label as written (`7`, `^note`, `Source`, link text).
    pub label: String,
    /// The URL a link marker carries itself.
    pub url: Option<String>,
    /// The marker's source bytes.
    pub src_start: usize,
    pub src_end: usize,
    /// For a reference-style link, the definition label it uses.
    pub reference: Option<String>,
    /// A link whose text stays in the claim (the marker spans that text,
    /// `at..at_end`); other markers are zero-width in the text.
    pub at_end: usize,
}

/// One block of a document.
#[derive(Debug, Clone)]
pub struct Block {
    pub role: BlockRole,
    pub text: MappedText,
    pub markers: Vec<Marker>,
    /// The number a numbered list gives the item (`3.` in `3. text`).
    pub list_number: Option<u64>,
}

impl Block {
    pub fn new(role: BlockRole) -> Block {
        Block {
            role,
            text: MappedText::default(),
            markers: Vec::new(),
            list_number: None,
        }
    }

    /// Add a zero-width marker at the current end of the text.
    pub fn add_marker(
        &mut self,
        kind: CitationKind,
        label: &str,
        url: Option<String>,
        src: (usize, usize),
    ) {
        let at = self.text.text.len();
        self.markers.push(Marker {
            at,
            kind,
            label: label.to_string(),
            url,
            src_start: src.0,
            src_end: src.1,
            reference: None,
            at_end: at,
        });
    }
}

/// A definition a front end found outside the body: a footnote, a link
/// reference definition, an reST footnote.
#[derive(Debug, Clone, PartialEq)]
pub struct RawDefinition {
    pub label: String,
    pub kind: CitationKind,
    pub text: String,
    pub url: Option<String>,
    /// Source byte offset of the definition.
    pub src_start: usize,
}

/// What a front end reads out of a file.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
    pub definitions: Vec<RawDefinition>,
    /// Markers in header lines that became metadata: their definitions are
    /// cited (by the metadata), not unused.
    pub metadata_markers: Vec<Marker>,
    pub warnings: Vec<String>,
}

/// Fold runs of whitespace into single spaces and trim.
/// The length of a list-item marker at the start of `text`: one of
/// `bullets` (each with its space), or an enumerator of one to three digits
/// and `.` or `)` and a space (`3. `, `12) `); 0 when there is none.
pub fn list_marker_len(text: &str, bullets: &[&str]) -> usize {
    if let Some(bullet) = bullets.iter().find(|bullet| text.starts_with(**bullet)) {
        return bullet.len();
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits)
        && matches!(text.as_bytes().get(digits), Some(b'.' | b')'))
        && text.as_bytes().get(digits + 1) == Some(&b' ')
    {
        return digits + 2;
    }
    0
}

pub fn fold_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The first `http(s)://` URL in a text, without trailing punctuation.
pub fn first_url(text: &str) -> Option<String> {
    let start = text.find("https://").or_else(|| text.find("http://"))?;
    let rest = &text[start..];
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | ']'))
        .unwrap_or(rest.len());
    let url = rest[..end].trim_end_matches(['.', ',', ';', ':', ')', '\'', '’']);
    (url.len() > 8).then(|| url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapped_text_maps_exact_and_synthetic_pieces() {
        let source = "ab\r\ncd";
        let mut text = MappedText::default();
        text.push_source(&source[0..2], 0);
        text.push_break(2, 4);
        text.push_source(&source[4..6], 4);
        assert_eq!(text.text, "ab cd");
        assert_eq!(text.src_start(0), 0);
        assert_eq!(text.src_start(3), 4);
        assert_eq!(text.src_end(5), 6);
        assert_eq!(text.src_end(3), 4);
    }

    #[test]
    fn urls_lose_trailing_punctuation() {
        assert_eq!(
            first_url("see https://example.com/a)."),
            Some("https://example.com/a".into())
        );
        assert_eq!(first_url("no link"), None);
    }
}
