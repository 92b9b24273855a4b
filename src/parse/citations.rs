//! Citation markers and their definitions: `[7]`, `[^note]`, `[Source]` and
//! `[text](url)` in running text, reference lists (`References`, `Notes`,
//! `Sources` sections), author-date citations (`(Smith and Jones 2013)`,
//! `(ibid)`), and resolving each marker against the article's definitions.

use super::block::{Block, RawDefinition};
use crate::model::{Citation, CitationDefinition, CitationKind};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Append `piece` (a verbatim slice of the source at `src_start`) to the
/// block, taking out the citation markers of plain text: `[7]`, `[^note]`,
/// `[Source]`; a link `[text](url)` keeps its text and becomes a link citation.
pub fn push_marked_text(block: &mut Block, piece: &str, src_start: usize) {
    let bytes = piece.as_bytes();
    let mut plain_from = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'[' {
            i += 1;
            continue;
        }
        let Some(close) = piece[i + 1..].find(']').map(|c| i + 1 + c) else {
            break;
        };
        let inner = &piece[i + 1..close];
        let marker = if !inner.is_empty()
            && inner.len() <= 6
            && inner.bytes().all(|b| b.is_ascii_digit())
        {
            Some((CitationKind::Numbered, inner.to_string()))
        } else if inner.len() > 1 && inner.starts_with('^') && !inner.contains(char::is_whitespace)
        {
            Some((CitationKind::Footnote, inner.to_string()))
        } else if inner == "Source" {
            Some((CitationKind::SourceMarker, inner.to_string()))
        } else {
            None
        };
        if let Some((kind, label)) = marker {
            block
                .text
                .push_source(&piece[plain_from..i], src_start + plain_from);
            block.add_marker(kind, &label, None, (src_start + i, src_start + close + 1));
            i = close + 1;
            plain_from = i;
            continue;
        }
        // `[text](url)`: keep the text, cite the URL.
        if piece[close + 1..].starts_with('(') && !inner.is_empty() {
            if let Some(paren) = link_destination_end(&piece[close + 2..]).map(|p| close + 2 + p) {
                let url = piece[close + 2..paren].trim();
                if !url.contains(char::is_whitespace) {
                    let is_image = i > 0 && bytes[i - 1] == b'!';
                    let text_end = if is_image { i - 1 } else { i };
                    block
                        .text
                        .push_source(&piece[plain_from..text_end], src_start + plain_from);
                    let at = block.text.text.len();
                    block.text.push_source(inner, src_start + i + 1);
                    if !is_image && !url.is_empty() {
                        block.markers.push(super::block::Marker {
                            at,
                            kind: CitationKind::Link,
                            label: super::block::fold_whitespace(inner),
                            url: Some(url.to_string()),
                            src_start: src_start + i,
                            src_end: src_start + paren + 1,
                            reference: None,
                            at_end: block.text.text.len(),
                        });
                    }
                    i = paren + 1;
                    plain_from = i;
                    continue;
                }
            }
        }
        i = close + 1;
    }
    block
        .text
        .push_source(&piece[plain_from..], src_start + plain_from);
}

/// True for the heading of a reference list: `References`, `Notes`,
/// `Sources`, `Footnotes`, `Bibliography`, `Citations`, `Works cited`.
pub fn is_reference_heading(heading: &str) -> bool {
    let words = heading
        .trim()
        .trim_end_matches(':')
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ')
        .to_ascii_lowercase();
    matches!(
        words.as_str(),
        "references"
            | "reference"
            | "notes"
            | "sources"
            | "footnotes"
            | "endnotes"
            | "bibliography"
            | "citations"
            | "works cited"
            | "notes and references"
            | "references and notes"
            | "sources and references"
    )
}

/// The label a reference-list entry defines: a leading `[3]`, `3.`, `^3`, or
/// the number its list gives it.
pub fn reference_entry_label(block: &Block) -> Option<String> {
    if let Some(first) = block.markers.first() {
        let leading = block.text.text[..first.at].trim().is_empty();
        if leading && matches!(first.kind, CitationKind::Numbered | CitationKind::Footnote) {
            return Some(first.label.clone());
        }
    }
    static NUMBERED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*\(?(\d{1,4})[.)]\s").expect("valid regex"));
    if let Some(caps) = NUMBERED.captures(&block.text.text) {
        return Some(caps[1].to_string());
    }
    block.list_number.map(|n| n.to_string())
}

/// Author-date citations in a claim's text: `(Smith 2013)`, `(Smith and
/// Jones 2013, p. 4)`, `(Smith et al. 2013)`, `(ibid)`; as (start, end, label).
pub fn author_date_citations(text: &str) -> Vec<(usize, usize, String)> {
    static AUTHOR_DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\((?:see |cf\. )?((?:[A-Z][\p{L}'’-]+)(?:(?:,? and | & |, )[A-Z][\p{L}'’-]+)*(?: et al\.?)?,? (?:1[5-9]|20)\d{2}[a-z]?)(?:[,:] (?:pp?\. ?)?\d+(?:[-–]\d+)?)?\)|\((ibid\.?|Ibid\.?)(?:,? (?:pp?\. ?)?\d+(?:[-–]\d+)?)?\)",
        )
        .expect("valid regex")
    });
    if !text.contains('(') {
        return Vec::new();
    }
    AUTHOR_DATE
        .captures_iter(text)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            let label = caps.get(1).or_else(|| caps.get(2))?.as_str().to_string();
            Some((whole.start(), whole.end(), label))
        })
        .collect()
}

/// The definitions of an article, looked up by citation kind and label.
pub struct Resolver {
    pub definitions: Vec<CitationDefinition>,
    by_key: HashMap<(u8, String), usize>,
    /// Reference-list entries without a number (author-date sources).
    unlabelled: Vec<usize>,
}

fn kind_key(kind: CitationKind) -> u8 {
    match kind {
        CitationKind::Footnote => 0,
        CitationKind::Numbered => 1,
        CitationKind::Link => 2,
        CitationKind::SourceMarker => 3,
        CitationKind::AuthorDate => 4,
    }
}

impl Resolver {
    pub fn new(raw: Vec<(RawDefinition, u32)>) -> Resolver {
        let mut resolver = Resolver {
            definitions: Vec::with_capacity(raw.len()),
            by_key: HashMap::with_capacity(raw.len()),
            unlabelled: Vec::new(),
        };
        for (def, line) in raw {
            let index = resolver.definitions.len();
            if def.kind == CitationKind::AuthorDate {
                resolver.unlabelled.push(index);
            } else {
                resolver
                    .by_key
                    .entry((kind_key(def.kind), def.label.to_lowercase()))
                    .or_insert(index);
            }
            resolver.definitions.push(CitationDefinition {
                label: def.label,
                kind: def.kind,
                text: super::block::fold_whitespace(&def.text),
                url: def.url,
                line,
                referenced: false,
            });
        }
        resolver
    }

    /// True when the article has a reference list of author-date entries.
    pub fn has_reference_list(&self) -> bool {
        !self.unlabelled.is_empty()
    }

    /// The index of the definition a marker points at. A numbered marker
    /// `[3]` also matches a footnote `[^3]` or a link definition `[3]: url`.
    fn find(&self, kind: CitationKind, label: &str) -> Option<usize> {
        let label = label.to_lowercase();
        let get =
            |k: CitationKind, l: &str| self.by_key.get(&(kind_key(k), l.to_string())).copied();
        match kind {
            CitationKind::Numbered => get(CitationKind::Numbered, &label)
                .or_else(|| get(CitationKind::Footnote, &format!("^{label}")))
                .or_else(|| get(CitationKind::Link, &label)),
            CitationKind::Footnote => get(CitationKind::Footnote, &label),
            CitationKind::Link => get(CitationKind::Link, &label),
            CitationKind::SourceMarker => get(CitationKind::SourceMarker, &label),
            CitationKind::AuthorDate => self.find_author_date(&label),
        }
    }

    /// An author-date label (`Smith and Jones 2013`) matches the entry that
    /// names its first author and its year.
    fn find_author_date(&self, label: &str) -> Option<usize> {
        let first = label.split([' ', ',']).next()?.to_lowercase();
        let year = label
            .split_whitespace()
            .last()?
            .trim_end_matches(|c: char| c.is_ascii_lowercase());
        self.unlabelled.iter().copied().find(|&i| {
            let text = self.definitions[i].text.to_lowercase();
            text.contains(&first) && text.contains(year)
        })
    }

    /// Build the citation for a marker, marking its definition referenced.
    pub fn resolve(&mut self, kind: CitationKind, label: &str, url: Option<String>) -> Citation {
        self.resolve_via(kind, label, label, url)
    }

    /// Like [`Resolver::resolve`], looking the definition up under `lookup`
    /// (a reference-style link's definition label) while keeping `label`.
    pub fn resolve_via(
        &mut self,
        kind: CitationKind,
        lookup: &str,
        label: &str,
        url: Option<String>,
    ) -> Citation {
        match self.find(kind, lookup) {
            Some(index) => {
                let def = &mut self.definitions[index];
                def.referenced = true;
                Citation {
                    label: label.to_string(),
                    kind,
                    text: (!def.text.is_empty()).then(|| def.text.clone()),
                    url: url.or_else(|| def.url.clone()),
                    resolved: true,
                    archived_article: None,
                }
            }
            None => {
                // An inline link carries its own target: it is resolved.
                let resolved = kind == CitationKind::Link && url.is_some();
                Citation {
                    label: label.to_string(),
                    kind,
                    text: None,
                    url,
                    resolved,
                    archived_article: None,
                }
            }
        }
    }
}

/// Where the `)` closing a link destination is in `after` (the text after
/// `](`): the destination may be surrounded by whitespace but holds none, so
/// the search stops at the first whitespace run not followed by `)`. (A
/// search for `)` over the rest of the block made many unclosed `[a](b`
/// quadratic.)
fn link_destination_end(after: &str) -> Option<usize> {
    let lead = after.len() - after.trim_start().len();
    let body = &after[lead..];
    let stop = body.find(|c: char| c == ')' || c.is_whitespace())?;
    if body[stop..].starts_with(')') {
        return Some(lead + stop);
    }
    let rest = &body[stop..];
    let space = rest.len() - rest.trim_start().len();
    rest[space..]
        .starts_with(')')
        .then_some(lead + stop + space)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ClaimKind;
    use crate::parse::block::BlockRole;

    #[test]
    fn a_link_destination_ends_at_its_paren_and_holds_no_whitespace() {
        assert_eq!(link_destination_end("http://x) rest"), Some(8));
        assert_eq!(link_destination_end(" http://x ) rest"), Some(10));
        assert_eq!(link_destination_end("b c) rest"), None);
        assert_eq!(link_destination_end("b [a](b [a](b"), None);
        assert_eq!(link_destination_end(")"), Some(0));
    }

    fn marked(text: &str) -> Block {
        let mut block = Block::new(BlockRole::Body(ClaimKind::Sentence));
        push_marked_text(&mut block, text, 100);
        block
    }

    #[test]
    fn markers_are_taken_out_of_the_text() {
        let block = marked("Muslim groups.[7] Products[40][41][42] and a [^n] note [Source]");
        assert_eq!(block.text.text, "Muslim groups. Products and a  note ");
        let labels: Vec<_> = block.markers.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(labels, vec!["7", "40", "41", "42", "^n", "Source"]);
        assert_eq!(block.markers[0].at, "Muslim groups.".len());
        assert_eq!(block.markers[0].src_start, 100 + "Muslim groups.".len());
    }

    #[test]
    fn links_keep_their_text_and_editorial_brackets_stay() {
        let block = marked("See [the report](https://x.org/r) on the XUAR [Xinjiang] […] now.");
        assert_eq!(
            block.text.text,
            "See the report on the XUAR [Xinjiang] […] now."
        );
        assert_eq!(block.markers.len(), 1);
        assert_eq!(block.markers[0].kind, CitationKind::Link);
        assert_eq!(block.markers[0].url.as_deref(), Some("https://x.org/r"));
        assert_eq!(block.text.src_start(4), 105);
    }

    #[test]
    fn author_date_forms() {
        let found = author_date_citations("as shown (Smith and Jones 2013) and (ibid) and (Lee et al. 2001, p. 4) but not (Rust code)");
        let labels: Vec<_> = found.iter().map(|f| f.2.as_str()).collect();
        assert_eq!(
            labels,
            vec!["Smith and Jones 2013", "ibid", "Lee et al. 2001"]
        );
    }

    #[test]
    fn reference_headings() {
        assert!(is_reference_heading("References"));
        assert!(is_reference_heading("Notes:"));
        assert!(is_reference_heading("7. Sources"));
        assert!(!is_reference_heading("Hikvision"));
    }

    #[test]
    fn resolver_matches_kinds_and_author_date() {
        let def = |label: &str, kind, text: &str| {
            (
                RawDefinition {
                    label: label.into(),
                    kind,
                    text: text.into(),
                    url: None,
                    src_start: 0,
                },
                1,
            )
        };
        let mut resolver = Resolver::new(vec![
            def("3", CitationKind::Numbered, "A report"),
            def(
                "",
                CitationKind::AuthorDate,
                "Smith, J. and Jones, K. (2013). Title.",
            ),
        ]);
        assert!(resolver.resolve(CitationKind::Numbered, "3", None).resolved);
        assert!(!resolver.resolve(CitationKind::Numbered, "4", None).resolved);
        assert!(
            resolver
                .resolve(CitationKind::AuthorDate, "Smith and Jones 2013", None)
                .resolved
        );
        assert!(resolver.definitions.iter().all(|d| d.referenced));
    }
}
