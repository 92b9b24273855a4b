//! From blocks to an [`Article`]: section paths from headings, reference
//! lists turned into definitions, `[Source]` passages, sentences as claims
//! with their locations, citations resolved, attributions, and the report.

use super::block::{fold_whitespace, Block, BlockRole, Document, Marker, RawDefinition};
use super::citations::{
    author_date_citations, is_reference_heading, reference_entry_label, Resolver,
};
use super::metadata::{apply_header_field, HeaderField, Metadata};
use super::SourceFile;
use crate::model::{
    Article, ArticleReport, Citation, CitationKind, Claim, ClaimKind, Location, MetadataSource,
    SourceFormat,
};
use std::collections::BTreeMap;

/// Byte offset to 1-based line.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }
    fn line(&self, offset: usize) -> u32 {
        self.starts.partition_point(|&s| s <= offset) as u32
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .map(|(i, _)| i)
}

/// A leading Markdown list of `Key: value` items (`- Start Date: 2014-03-11`)
/// is a header block: metadata, not claims.
pub fn take_bullet_header(doc: &mut Document, meta: &mut Metadata) {
    let count = doc
        .blocks
        .iter()
        .take_while(|b| b.role == BlockRole::Body(ClaimKind::ListItem) && header_field(b).is_some())
        .count();
    if count == 0 {
        return;
    }
    let fields: Vec<HeaderField> = doc.blocks[..count]
        .iter()
        .filter_map(header_field)
        .collect();
    let known = fields.iter().any(|f| {
        matches!(
            f.key.to_ascii_lowercase().as_str(),
            "start date" | "feature name" | "rfc pr" | "created" | "author" | "date" | "title"
        )
    });
    if !known {
        return;
    }
    for field in &fields {
        apply_header_field(field, meta, MetadataSource::FrontMatter);
    }
    let header: Vec<Block> = doc.blocks.drain(..count).collect();
    doc.metadata_markers
        .extend(header.into_iter().flat_map(|b| b.markers));
}

fn header_field(block: &Block) -> Option<HeaderField> {
    let text = fold_whitespace(&block.text.text);
    let (key, value) = text.split_once(':')?;
    let key_ok = !key.is_empty()
        && key.len() <= 30
        && key.starts_with(|c: char| c.is_ascii_uppercase())
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '-');
    key_ok.then(|| HeaderField {
        key: key.trim().to_string(),
        value: value.trim().to_string(),
    })
}

/// Words that head a section rather than title an article.
const SECTION_WORDS: &[&str] = &[
    "summary",
    "abstract",
    "motivation",
    "introduction",
    "overview",
    "background",
    "table of contents",
    "contents",
];

/// A body block with where it sits.
struct Placed {
    block: Block,
    section: Vec<String>,
    /// The `[Source]` marker of the passage the block belongs to.
    passage: Option<Marker>,
}

/// Build the article from a front end's document.
pub fn article(
    source: &SourceFile,
    text: &str,
    format: SourceFormat,
    doc: Document,
    meta: &mut Metadata,
) -> Article {
    let lines = LineIndex::new(text);
    let mut raw_definitions = doc.definitions;
    let mut blocks = doc.blocks;
    let metadata_markers = doc.metadata_markers;
    // A leading level-1 heading titles the article when nothing else does.
    if let Some(first) = blocks.first() {
        if first.role == BlockRole::Heading(1) {
            let heading = fold_whitespace(&first.text.text);
            let is_section = SECTION_WORDS.contains(&heading.to_ascii_lowercase().as_str());
            let same = meta.title.as_deref() == Some(heading.as_str());
            if !is_section && (meta.title.is_none() || same) {
                meta.set("title", &heading, MetadataSource::HeaderLine);
                blocks.remove(0);
            }
        }
    }
    let mut placed = place_blocks(blocks, &mut raw_definitions);
    mark_passages(&mut placed);
    let raw: Vec<(RawDefinition, u32)> = raw_definitions
        .into_iter()
        .map(|d| {
            let line = lines.line(d.src_start);
            (d, line)
        })
        .collect();
    let mut resolver = Resolver::new(raw);
    for marker in &metadata_markers {
        resolver.resolve(marker.kind, &marker.label, marker.url.clone());
    }
    let claims = build_claims(&source.id, placed, &lines, &mut resolver);
    let definitions = resolver.definitions;
    let mut report: ArticleReport = super::report::build(&claims, &definitions);
    report.warnings.extend(doc.warnings);
    Article {
        id: source.id.clone(),
        path: source.path.clone(),
        hash: super::content_hash(source.bytes),
        format,
        title: None,
        authors: Vec::new(),
        outlet: None,
        url: None,
        permalink: None,
        published: None,
        updated: None,
        ingested: None,
        metadata_sources: BTreeMap::new(),
        claims,
        citation_definitions: definitions,
        report,
    }
}

/// Give each body block its section path; blocks under a reference-list
/// heading become definitions.
fn place_blocks(blocks: Vec<Block>, definitions: &mut Vec<RawDefinition>) -> Vec<Placed> {
    // Sized up front: growing a vector of thousands of blocks copies it out
    // of the cache (RELIABILITY.md, complexity).
    let mut placed = Vec::with_capacity(blocks.len());
    let mut sections: Vec<(u8, String)> = Vec::new();
    let mut lead_in: Option<String> = None;
    let mut references_level: Option<u8> = None;
    for block in blocks {
        match block.role {
            BlockRole::Heading(level) => {
                let title = fold_whitespace(&block.text.text);
                while sections.last().is_some_and(|(l, _)| *l >= level) {
                    sections.pop();
                }
                if references_level.is_some_and(|l| level <= l) {
                    references_level = None;
                }
                if is_reference_heading(&title) {
                    references_level = Some(level);
                }
                sections.push((level, title));
                lead_in = None;
            }
            BlockRole::LeadIn => {
                let title = fold_whitespace(&block.text.text);
                lead_in = Some(title.trim_end_matches(':').trim().to_string());
            }
            BlockRole::Body(kind) => {
                if kind != ClaimKind::ListItem {
                    lead_in = None;
                }
                if references_level.is_some() && kind != ClaimKind::Caption {
                    definitions.push(reference_entry(&block));
                    continue;
                }
                let mut section: Vec<String> = sections.iter().map(|(_, t)| t.clone()).collect();
                if let Some(lead) = &lead_in {
                    section.push(lead.clone());
                }
                placed.push(Placed {
                    block,
                    section,
                    passage: None,
                });
            }
        }
    }
    placed
}

/// A reference-list entry as a definition.
fn reference_entry(block: &Block) -> RawDefinition {
    let label = reference_entry_label(block);
    let mut text = fold_whitespace(&block.text.text);
    if let Some(label) = &label {
        for prefix in [
            format!("{label}. "),
            format!("{label}) "),
            format!("({label}) "),
        ] {
            if let Some(rest) = text.strip_prefix(&prefix) {
                text = rest.to_string();
                break;
            }
        }
    }
    let url = block
        .markers
        .iter()
        .find_map(|m| m.url.clone())
        .or_else(|| super::block::first_url(&text));
    RawDefinition {
        kind: if label.is_some() {
            CitationKind::Numbered
        } else {
            CitationKind::AuthorDate
        },
        label: label.unwrap_or_default(),
        text,
        url,
        src_start: block.text.src_start(0),
    }
}

/// A `[Source]` marker closing a paragraph closes the passage that an
/// earlier paragraph ending in `:` introduced: every block of the passage
/// is a quoted block carrying that marker.
fn mark_passages(placed: &mut [Placed]) {
    for end in 0..placed.len() {
        let block = &placed[end].block;
        let trimmed_len = block.text.text.trim_end().len();
        let Some(position) = block
            .markers
            .iter()
            .rposition(|m| m.kind == CitationKind::SourceMarker && m.at >= trimmed_len)
        else {
            continue;
        };
        let marker = placed[end].block.markers.remove(position);
        let mut start = end;
        let mut intro = None;
        for j in (end.saturating_sub(30)..end).rev() {
            let other = &placed[j];
            if other.passage.is_some()
                || other.section != placed[end].section
                || other
                    .block
                    .markers
                    .iter()
                    .any(|m| m.kind == CitationKind::SourceMarker)
            {
                break;
            }
            if other.block.text.text.trim_end().ends_with(':') {
                intro = Some(j);
                break;
            }
        }
        if let Some(j) = intro {
            start = j + 1;
        }
        for item in &mut placed[start..=end] {
            if intro.is_some() && item.block.role == BlockRole::Body(ClaimKind::Sentence) {
                item.block.role = BlockRole::Body(ClaimKind::QuoteBlock);
            }
            item.passage = Some(marker.clone());
        }
    }
}

fn build_claims(
    article_id: &str,
    placed: Vec<Placed>,
    lines: &LineIndex,
    resolver: &mut Resolver,
) -> Vec<Claim> {
    // At least one claim per placed block; sized up front, see `place_blocks`.
    let mut claims: Vec<Claim> = Vec::with_capacity(placed.len());
    let mut paragraph = 0u32;
    let author_date = resolver.has_reference_list();
    let mut last_author_date: Option<Citation> = None;
    for item in placed {
        let BlockRole::Body(kind) = item.block.role else {
            continue;
        };
        let block = &item.block;
        let text = &block.text.text;
        let ranges = if matches!(kind, ClaimKind::Caption | ClaimKind::Boilerplate) {
            let start = text.len() - text.trim_start().len();
            vec![(start, text.trim_end().len().max(start))]
        } else {
            super::sentences::split(text)
        };
        let ranges: Vec<(usize, usize)> = ranges.into_iter().filter(|(s, e)| e > s).collect();
        if ranges.is_empty() {
            continue;
        }
        paragraph += 1;
        // Each marker belongs to the last sentence starting at or before it.
        let mut assigned: Vec<Vec<&Marker>> = vec![Vec::new(); ranges.len()];
        for marker in &block.markers {
            let index = ranges
                .partition_point(|(s, _)| *s <= marker.at)
                .saturating_sub(1);
            assigned[index].push(marker);
        }
        for (index, (start, end)) in ranges.iter().copied().enumerate() {
            let claim_text = fold_whitespace(&text[start..end]);
            let byte_start = block.text.src_start(start);
            let mut byte_end = block.text.src_end(end).max(byte_start);
            let mut citations: Vec<Citation> = Vec::new();
            for marker in &assigned[index] {
                if marker.at_end == marker.at && marker.at >= end {
                    byte_end = byte_end.max(marker.src_end);
                }
                let citation = match (&marker.kind, &marker.reference) {
                    (CitationKind::Link, Some(reference)) => resolver.resolve_via(
                        CitationKind::Link,
                        reference,
                        &marker.label,
                        marker.url.clone(),
                    ),
                    _ => resolver.resolve(marker.kind, &marker.label, marker.url.clone()),
                };
                if !citations.contains(&citation) {
                    citations.push(citation);
                }
            }
            if let Some(marker) = &item.passage {
                let citation = resolver.resolve(marker.kind, &marker.label, marker.url.clone());
                if !citations.contains(&citation) {
                    citations.push(citation);
                }
            }
            if author_date {
                for (_, _, label) in author_date_citations(&claim_text) {
                    let citation = if label.to_ascii_lowercase().starts_with("ibid") {
                        match &last_author_date {
                            Some(previous) => Citation {
                                label: label.clone(),
                                ..previous.clone()
                            },
                            None => resolver.resolve(CitationKind::AuthorDate, &label, None),
                        }
                    } else {
                        resolver.resolve(CitationKind::AuthorDate, &label, None)
                    };
                    if citation.resolved {
                        last_author_date = Some(citation.clone());
                    }
                    citations.push(citation);
                }
            }
            let attributions = if matches!(kind, ClaimKind::Caption | ClaimKind::Boilerplate) {
                Vec::new()
            } else {
                super::attributions::find(&claim_text)
            };
            let ordinal = claims.len() as u32 + 1;
            let last_byte = byte_end.saturating_sub(1).max(byte_start);
            claims.push(Claim {
                id: format!("{article_id}#{ordinal}"),
                ordinal,
                text: claim_text,
                kind,
                section: item.section.clone(),
                paragraph,
                location: Location {
                    line: lines.line(byte_start),
                    end_line: lines.line(last_byte),
                    byte_start,
                    byte_end,
                },
                citations,
                attributions,
                dates: Vec::new(),
                quotes: Vec::new(),
            });
        }
    }
    claims
}
