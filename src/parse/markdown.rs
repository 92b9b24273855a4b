//! Markdown articles through pulldown-cmark: one walk over the events with
//! their byte ranges (`into_offset_iter`) turns paragraphs, list items, block
//! quotes, headings, table cells, image alt texts and the prose of HTML
//! blocks into [`Block`]s, footnote definitions and link reference
//! definitions into [`RawDefinition`]s. Code, HTML markup and Liquid tags are
//! not prose. The walk keeps explicit stacks, so deep nesting cannot
//! overflow the call stack. Smart punctuation stays off: text is byte-true.

use super::block::{fold_whitespace, Block, BlockRole, Document, Marker, RawDefinition};
use super::citations::push_marked_text;
use crate::model::{CitationKind, ClaimKind};
use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

/// The URL given to a reference-style link whose definition is missing
/// (`[text][label]` with no `[label]: url`), so it still reads as a link.
const UNDEFINED_URL: &str = "claimdex:undefined-reference";

/// The pulldown-cmark options: all set here, in one place.
pub fn options() -> Options {
    Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Where the walk is.
#[derive(Debug, Clone)]
enum Context {
    Item,
    Quote,
    Heading(u8),
    Code,
    Html,
    Metadata,
    Image,
    Link {
        /// Text offset in the current block where the link text starts.
        at: usize,
        link_type: LinkType,
        url: String,
        reference: String,
        src_start: usize,
    },
    Other,
}

struct Walker<'a> {
    source: &'a str,
    base: usize,
    doc: Document,
    stack: Vec<Context>,
    current: Option<Block>,
    /// The caption block of the image being read.
    image: Option<Block>,
    /// The footnote definition being read: label, text, source offset.
    footnote: Option<(String, String, usize)>,
    /// Contiguous source text not yet scanned for markers: (start, end).
    pending: Option<(usize, usize)>,
    list_numbers: Vec<Option<u64>>,
    html: Option<(usize, usize)>,
    /// Inside an inline `<small>`/`<figcaption>`: `image` collects its text.
    in_inline_caption: bool,
}

/// Read a Markdown article; `text` starts at source offset `base` (after a BOM).
pub fn read(text: &str, base: usize) -> Document {
    // `[text][label]` and `[text][]` without a definition are still
    // reference-style links (unresolved); `[40][41]` is two numbered markers
    // and a bare `[word]` stays text.
    let callback = |link: BrokenLink<'_>| -> Option<(CowStr<'_>, CowStr<'_>)> {
        let written = text.get(link.span.clone()).unwrap_or("");
        let marker_like = |part: &str| {
            part.is_empty()
                || part.bytes().all(|b| b.is_ascii_digit())
                || part.starts_with('^')
                || matches!(part, "Source" | "…" | "...")
        };
        let parts: Vec<&str> = written
            .trim_start_matches('[')
            .trim_end_matches(']')
            .split("][")
            .collect();
        let label = if link.reference.is_empty() {
            parts[0]
        } else {
            link.reference.as_ref()
        };
        let full = matches!(link.link_type, LinkType::Reference | LinkType::Collapsed);
        let plain = !marker_like(parts[0]) && !marker_like(label);
        (full && plain).then(|| (CowStr::from(UNDEFINED_URL), CowStr::from("")))
    };
    let parser = Parser::new_with_broken_link_callback(text, options(), Some(callback));
    let mut definitions: Vec<RawDefinition> = parser
        .reference_definitions()
        .iter()
        .map(|(label, def)| RawDefinition {
            label: label_as_written(text, &def.span).unwrap_or_else(|| label.to_string()),
            kind: if label.bytes().all(|b| b.is_ascii_digit()) {
                CitationKind::Numbered
            } else {
                CitationKind::Link
            },
            text: def.title.as_deref().unwrap_or("").to_string(),
            url: Some(def.dest.to_string()),
            src_start: base + def.span.start,
        })
        .collect();
    definitions.sort_by_key(|d| d.src_start);
    let mut walker = Walker {
        source: text,
        base,
        doc: Document::default(),
        stack: Vec::new(),
        current: None,
        image: None,
        footnote: None,
        pending: None,
        list_numbers: Vec::new(),
        html: None,
        in_inline_caption: false,
    };
    for (event, range) in parser.into_offset_iter() {
        walker.event(event, range);
    }
    walker.flush_block();
    let mut doc = walker.doc;
    doc.definitions.extend(definitions);
    doc.definitions.sort_by_key(|d| d.src_start);
    doc
}

/// The label of a link reference definition as written in the source.
fn label_as_written(text: &str, span: &std::ops::Range<usize>) -> Option<String> {
    let def = text.get(span.clone())?.trim_start();
    let inner = def.strip_prefix('[')?;
    let end = inner.find("]:")?;
    Some(fold_whitespace(&inner[..end]))
}

impl<'a> Walker<'a> {
    fn in_context(&self, pred: impl Fn(&Context) -> bool) -> bool {
        self.stack.iter().any(pred)
    }

    /// The role a new block gets from where the walk is.
    fn role(&self) -> BlockRole {
        for ctx in self.stack.iter().rev() {
            match ctx {
                Context::Heading(level) => return BlockRole::Heading(*level),
                Context::Item => return BlockRole::Body(ClaimKind::ListItem),
                Context::Quote => return BlockRole::Body(ClaimKind::QuoteBlock),
                _ => {}
            }
        }
        BlockRole::Body(ClaimKind::Sentence)
    }

    fn block(&mut self) -> &mut Block {
        if self.image.is_none() && self.current.is_none() {
            let mut block = Block::new(self.role());
            if matches!(block.role, BlockRole::Body(ClaimKind::ListItem)) {
                block.list_number = self.list_numbers.last().copied().flatten();
            }
            self.current = Some(block);
        }
        self.image
            .as_mut()
            .or(self.current.as_mut())
            .expect("a block exists: made above when neither did")
    }

    /// `<small>`, `<figcaption>` or `<caption>` inside a paragraph: the text
    /// up to its closing tag is a caption. True when the tag was one of these.
    fn inline_caption(&mut self, html: &str) -> bool {
        let lower = html.to_ascii_lowercase();
        let is_caption_tag = |name: &str| {
            ["small", "figcaption", "caption"].iter().any(|tag| {
                name.starts_with(tag)
                    && !name[tag.len()..].starts_with(|c: char| c.is_alphanumeric())
            })
        };
        if let Some(name) = lower.strip_prefix("</") {
            if is_caption_tag(name) && self.in_inline_caption {
                self.in_inline_caption = false;
                if let Some(block) = self.image.take() {
                    if !block.text.is_blank() {
                        self.doc.blocks.push(block);
                    }
                }
                return true;
            }
            return false;
        }
        if let Some(name) = lower.strip_prefix('<') {
            if is_caption_tag(name) && self.image.is_none() && self.footnote.is_none() {
                self.in_inline_caption = true;
                self.image = Some(Block::new(BlockRole::Body(ClaimKind::Caption)));
                return true;
            }
        }
        false
    }

    /// Scan the pending source text for markers and Liquid tags.
    fn flush_pending(&mut self) {
        let Some((start, end)) = self.pending.take() else {
            return;
        };
        let source = self.source;
        let base = self.base;
        let text = &source[start..end];
        let block = self.block();
        for (piece_start, piece) in without_liquid(text) {
            push_marked_text(block, piece, base + start + piece_start);
        }
    }

    fn flush_block(&mut self) {
        self.flush_pending();
        if let Some(block) = self.current.take() {
            if !block.text.is_blank() || !block.markers.is_empty() {
                self.doc.blocks.push(block);
            }
        }
    }

    fn text(&mut self, text: &str, range: std::ops::Range<usize>) {
        if let Some((_, def_text, _)) = &mut self.footnote {
            def_text.push_str(text);
            return;
        }
        if self.in_context(|c| matches!(c, Context::Code | Context::Metadata)) {
            return;
        }
        if self.in_context(|c| matches!(c, Context::Html)) {
            self.html_text(range);
            return;
        }
        let exact = self.source.get(range.clone()) == Some(text);
        if exact {
            match &mut self.pending {
                Some((_, end)) if *end == range.start => *end = range.end,
                _ => {
                    self.flush_pending();
                    self.pending = Some((range.start, range.end));
                }
            }
        } else {
            self.flush_pending();
            let base = self.base;
            self.block()
                .text
                .push_synthetic(text, base + range.start, base + range.end);
        }
    }

    fn html_text(&mut self, range: std::ops::Range<usize>) {
        self.html = Some(match self.html {
            Some((start, _)) => (start, range.end),
            None => (range.start, range.end),
        });
    }

    fn finish_html_block(&mut self) {
        let Some((start, end)) = self.html.take() else {
            return;
        };
        let mut block = Block::new(BlockRole::Body(ClaimKind::Sentence));
        let caption =
            super::html::prose(&self.source[start..end], self.base + start, &mut block.text);
        if caption {
            block.role = BlockRole::Body(ClaimKind::Caption);
        }
        let stripped = block.text.text.trim().to_string();
        if !stripped.is_empty() && without_liquid(&stripped).len() == 1 {
            self.doc.blocks.push(block);
        }
    }

    fn event(&mut self, event: Event<'a>, range: std::ops::Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(text) => self.text(&text, range),
            Event::Code(code) => {
                if let Some((_, def_text, _)) = &mut self.footnote {
                    def_text.push_str(&code);
                    return;
                }
                self.flush_pending();
                let base = self.base;
                let offset = self
                    .source
                    .get(range.clone())
                    .and_then(|s| s.find(code.as_ref()))
                    .map(|i| range.start + i);
                let block = self.block();
                match offset {
                    Some(at) => block.text.push_source(&code, base + at),
                    None => block
                        .text
                        .push_synthetic(&code, base + range.start, base + range.end),
                }
            }
            Event::InlineMath(math) => {
                self.flush_pending();
                let base = self.base;
                self.block()
                    .text
                    .push_synthetic(&math, base + range.start, base + range.end);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, def_text, _)) = &mut self.footnote {
                    def_text.push(' ');
                    return;
                }
                self.flush_pending();
                let base = self.base;
                if self.current.is_some() || self.image.is_some() {
                    self.block()
                        .text
                        .push_break(base + range.start, base + range.end);
                }
            }
            Event::Html(_) => self.html_text(range),
            Event::InlineHtml(html) => {
                self.flush_pending();
                if self.inline_caption(&html) {
                    return;
                }
                let is_break = html
                    .trim_start_matches('<')
                    .to_ascii_lowercase()
                    .starts_with("br");
                if is_break && self.current.is_some() {
                    let base = self.base;
                    self.block()
                        .text
                        .push_break(base + range.start, base + range.end);
                }
            }
            Event::FootnoteReference(label) => {
                self.flush_pending();
                let base = self.base;
                let label = format!("^{label}");
                if self.footnote.is_none() {
                    self.block().add_marker(
                        CitationKind::Footnote,
                        &label,
                        None,
                        (base + range.start, base + range.end),
                    );
                }
            }
            Event::DisplayMath(_) | Event::Rule | Event::TaskListMarker(_) => {
                if matches!(event, Event::Rule) {
                    self.flush_block();
                }
            }
        }
    }

    fn start(&mut self, tag: Tag<'a>, range: std::ops::Range<usize>) {
        let ctx = match tag {
            Tag::Paragraph => {
                if self.image.is_none() {
                    self.flush_block();
                }
                return;
            }
            Tag::Heading { level, .. } => {
                self.flush_block();
                Context::Heading(level as u8)
            }
            Tag::BlockQuote(_) => {
                self.flush_block();
                Context::Quote
            }
            Tag::CodeBlock(_) => {
                self.flush_block();
                Context::Code
            }
            Tag::HtmlBlock => {
                self.flush_block();
                self.html = None;
                Context::Html
            }
            Tag::List(start) => {
                self.flush_block();
                self.list_numbers.push(start);
                Context::Other
            }
            Tag::Item => {
                self.flush_block();
                Context::Item
            }
            Tag::FootnoteDefinition(label) => {
                self.flush_block();
                self.footnote = Some((format!("^{label}"), String::new(), self.base + range.start));
                Context::Other
            }
            Tag::MetadataBlock(_) => Context::Metadata,
            Tag::TableCell | Tag::TableRow | Tag::TableHead | Tag::Table(_) => {
                self.flush_block();
                Context::Other
            }
            Tag::Image { .. } => {
                self.flush_pending();
                if self.footnote.is_none() {
                    self.image = Some(Block::new(BlockRole::Body(ClaimKind::Caption)));
                }
                Context::Image
            }
            Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            } => {
                self.flush_pending();
                let at = if self.footnote.is_some() {
                    0
                } else {
                    self.block().text.text.len()
                };
                Context::Link {
                    at,
                    link_type,
                    url: dest_url.to_string(),
                    reference: id.to_string(),
                    src_start: self.base + range.start,
                }
            }
            _ => Context::Other,
        };
        self.stack.push(ctx);
    }

    fn end(&mut self, tag: TagEnd, range: std::ops::Range<usize>) {
        match tag {
            TagEnd::Paragraph => {
                if self.in_inline_caption {
                    self.in_inline_caption = false;
                    self.flush_pending();
                    if let Some(block) = self.image.take() {
                        if !block.text.is_blank() {
                            self.doc.blocks.push(block);
                        }
                    }
                }
                if self.image.is_none() {
                    self.flush_block();
                }
                return;
            }
            TagEnd::Heading(_) | TagEnd::BlockQuote(_) | TagEnd::Item | TagEnd::TableCell => {
                self.flush_block();
            }
            TagEnd::CodeBlock => self.flush_block(),
            TagEnd::HtmlBlock => self.finish_html_block(),
            TagEnd::List(_) => {
                self.flush_block();
                self.list_numbers.pop();
            }
            TagEnd::FootnoteDefinition => {
                self.flush_block();
                if let Some((label, text, src_start)) = self.footnote.take() {
                    self.doc.definitions.push(RawDefinition {
                        url: super::block::first_url(&text),
                        label,
                        kind: CitationKind::Footnote,
                        text,
                        src_start,
                    });
                }
            }
            TagEnd::Image => {
                self.flush_pending();
                if let Some(block) = self.image.take() {
                    if !block.text.is_blank() {
                        self.doc.blocks.push(block);
                    }
                }
            }
            TagEnd::Link => {
                self.flush_pending();
                if let Some(Context::Link {
                    at,
                    link_type,
                    url,
                    reference,
                    src_start,
                }) = self.stack.pop()
                {
                    self.end_link(
                        at,
                        link_type,
                        url,
                        reference,
                        (src_start, self.base + range.end),
                    );
                }
                return;
            }
            _ => {}
        }
        self.stack.pop();
    }

    /// A finished link: `[7]` defined as `[7]: url` is a numbered marker
    /// taken out of the text; any other link keeps its text and cites its URL.
    fn end_link(
        &mut self,
        at: usize,
        link_type: LinkType,
        url: String,
        reference: String,
        (src_start, src_end): (usize, usize),
    ) {
        if self.footnote.is_some() || self.image.is_some() {
            return;
        }
        let block = self.block();
        let end = block.text.text.len();
        let link_text = fold_whitespace(&block.text.text[at.min(end)..]);
        let by_reference = matches!(
            link_type,
            LinkType::Reference
                | LinkType::Collapsed
                | LinkType::Shortcut
                | LinkType::ReferenceUnknown
                | LinkType::CollapsedUnknown
        );
        let url = if url == UNDEFINED_URL {
            String::new()
        } else {
            url
        };
        let numbered = by_reference
            && !link_text.is_empty()
            && link_text.len() <= 6
            && link_text.bytes().all(|b| b.is_ascii_digit());
        if numbered {
            block.text.truncate(at);
            block
                .markers
                .retain(|m| m.at < at || m.kind != CitationKind::Link);
            block.markers.push(Marker {
                at,
                kind: CitationKind::Numbered,
                label: link_text,
                url: Some(url),
                src_start,
                src_end,
                reference: Some(reference),
                at_end: at,
            });
            return;
        }
        let label = if link_text.is_empty() {
            url.clone()
        } else {
            link_text
        };
        block.markers.push(Marker {
            at,
            kind: CitationKind::Link,
            label,
            url: (!url.is_empty()).then_some(url),
            src_start,
            src_end,
            reference: by_reference.then_some(reference),
            at_end: end,
        });
    }
}

/// The pieces of `text` outside Jekyll/Liquid tags (`{% ... %}`, `{{ ... }}`),
/// with their offsets.
pub fn without_liquid(text: &str) -> Vec<(usize, &str)> {
    if !text.contains('{') {
        return vec![(0, text)];
    }
    let mut pieces = Vec::new();
    let mut from = 0;
    let mut i = 0;
    while let Some(open) = text[i..].find('{').map(|o| i + o) {
        let close = match text.get(open..open + 2) {
            Some("{%") => text[open..].find("%}").map(|c| open + c + 2),
            Some("{{") => text[open..].find("}}").map(|c| open + c + 2),
            _ => None,
        };
        match close {
            Some(close) => {
                if open > from {
                    pieces.push((from, &text[from..open]));
                }
                from = close;
                i = close;
            }
            None => i = open + 1,
        }
    }
    if from < text.len() {
        pieces.push((from, &text[from..]));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<(BlockRole, String)> {
        read(text, 0)
            .blocks
            .into_iter()
            .map(|b| (b.role, fold_whitespace(&b.text.text)))
            .collect()
    }

    #[test]
    fn paragraphs_lists_quotes_headings() {
        let text = "# Title\n\nA para\nwraps.\n\n- one\n- two\n\n> quoted text\n\n```\ncode [^x] [1]\n```\n";
        let got = blocks(text);
        assert_eq!(got[0], (BlockRole::Heading(1), "Title".into()));
        assert_eq!(
            got[1],
            (BlockRole::Body(ClaimKind::Sentence), "A para wraps.".into())
        );
        assert_eq!(got[2], (BlockRole::Body(ClaimKind::ListItem), "one".into()));
        assert_eq!(
            got[4],
            (BlockRole::Body(ClaimKind::QuoteBlock), "quoted text".into())
        );
        assert_eq!(got.len(), 5);
    }

    #[test]
    fn footnotes_and_numbered_markers() {
        let text =
            "Claim one.[^a] Claim two.[7] Undefined[^zz].\n\n[^a]: The source, https://x.org/a\n";
        let doc = read(text, 0);
        let block = &doc.blocks[0];
        assert_eq!(
            fold_whitespace(&block.text.text),
            "Claim one. Claim two. Undefined."
        );
        let labels: Vec<_> = block
            .markers
            .iter()
            .map(|m| (m.kind, m.label.as_str()))
            .collect();
        assert_eq!(
            labels,
            vec![
                (CitationKind::Footnote, "^a"),
                (CitationKind::Numbered, "7"),
                (CitationKind::Footnote, "^zz")
            ]
        );
        assert_eq!(doc.definitions.len(), 1);
        assert_eq!(doc.definitions[0].url.as_deref(), Some("https://x.org/a"));
    }

    #[test]
    fn reference_links_and_defined_numbers() {
        let text =
            "See [the spec][s] and this.[1]\n\n[s]: https://x.org/spec\n[1]: https://x.org/one\n";
        let doc = read(text, 0);
        let block = &doc.blocks[0];
        assert_eq!(block.text.text, "See the spec and this.");
        assert_eq!(block.markers[0].kind, CitationKind::Link);
        assert_eq!(block.markers[0].reference.as_deref(), Some("s"));
        assert_eq!(block.markers[1].kind, CitationKind::Numbered);
        assert_eq!(block.markers[1].url.as_deref(), Some("https://x.org/one"));
        assert_eq!(doc.definitions.len(), 2);
    }

    #[test]
    fn html_prose_kept_and_liquid_dropped() {
        let text = "<figure>\n<img src=\"a.png\">\n<figcaption>A caption here.</figcaption>\n</figure>\n\n{% include references.md %}\n\nText {{ x }} stays.\n";
        let got = blocks(text);
        assert_eq!(
            got[0],
            (
                BlockRole::Body(ClaimKind::Caption),
                "A caption here.".into()
            )
        );
        assert_eq!(got[1].1, "Text stays.");
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn images_are_captions_and_spans_map_back() {
        let text = "Before ![Alt words](x.png) after.";
        let doc = read(text, 5);
        assert_eq!(doc.blocks[0].role, BlockRole::Body(ClaimKind::Caption));
        assert_eq!(doc.blocks[0].text.text, "Alt words");
        assert_eq!(doc.blocks[0].text.src_start(0), 5 + 9);
        assert_eq!(fold_whitespace(&doc.blocks[1].text.text), "Before after.");
    }

    #[test]
    fn undefined_reference_links_and_inline_captions() {
        let text = "It was [released][0.18.0] and see [AEAD][] or [topic x] and [40][41].\n\n![alt](a.png)\n<small>Image: Someone</small>\n";
        let doc = read(text, 0);
        let block = &doc.blocks[0];
        assert_eq!(
            block.text.text,
            "It was released and see AEAD or [topic x] and ."
        );
        let got: Vec<_> = block
            .markers
            .iter()
            .map(|m| (m.kind, m.label.as_str(), m.url.is_some()))
            .collect();
        assert_eq!(
            got,
            vec![
                (CitationKind::Link, "released", false),
                (CitationKind::Link, "AEAD", false),
                (CitationKind::Numbered, "40", false),
                (CitationKind::Numbered, "41", false)
            ]
        );
        assert_eq!(doc.blocks[2].role, BlockRole::Body(ClaimKind::Caption));
        assert_eq!(doc.blocks[2].text.text, "Image: Someone");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let text = format!("{}deep", "> ".repeat(10_000));
        let handle = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || read(&text, 0).blocks.len())
            .unwrap();
        assert_eq!(handle.join().unwrap(), 1);
    }
}
