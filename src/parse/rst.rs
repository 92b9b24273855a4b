//! reStructuredText articles (`.rst`, the Python PEPs) read as plain text
//! with just enough reST: the RFC-822 header block (`Title:`, `Author:`,
//! `Created:`), underlined section titles, paragraphs, bullet and numbered
//! lists, block quotes, footnotes (`[1]_`, `[#name]_`, `[#]_` with
//! `.. [1] text`), hyperlink targets (`.. _name: url`) and inline links
//! (`` `text <url>`_ ``). Code (`::` literal blocks, `.. code-block::`,
//! doctests), comments and tables are not prose.

use super::block::{fold_whitespace, Block, BlockRole, Document, Marker, RawDefinition};
use super::metadata::{apply_header_field, HeaderField, Metadata};
use crate::model::{CitationKind, ClaimKind, MetadataSource};

#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    start: usize,
}

impl Line<'_> {
    fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
    fn indent(&self) -> usize {
        self.text.len() - self.text.trim_start().len()
    }
    fn trimmed(&self) -> &str {
        self.text.trim()
    }
}

/// Directives whose body is not prose (code, media, tables of contents);
/// every other directive (`note`, `warning`, PEP `rejected`...) has a prose body.
const SKIPPED_DIRECTIVES: &[&str] = &[
    "code-block",
    "code",
    "sourcecode",
    "literalinclude",
    "include",
    "math",
    "raw",
    "image",
    "csv-table",
    "toctree",
    "contents",
    "sectnum",
    "highlight",
    "role",
    "default-role",
    "header",
    "footer",
    "meta",
    "target-notes",
    "graphviz",
    "productionlist",
    "parsed-literal",
    "doctest",
    "testcode",
    "testoutput",
    "index",
    "data",
    "function",
    "class",
    "method",
    "attribute",
    "module",
    "autoclass",
    "autofunction",
    "mermaid",
];

/// Read a reStructuredText article whose text starts at source offset `base`.
pub fn read(text: &str, base: usize, meta: &mut Metadata) -> Document {
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
    let mut doc = Document::default();
    let mut index = read_header(&lines, meta);
    let mut title_styles: Vec<(char, bool)> = Vec::new();
    let mut auto_refs = InlineState::new(&lines);
    let mut auto_defs = 0usize;
    // Indented chunks after `::` are literal (code); after a prose
    // directive they are its body.
    let mut literal_after: Option<usize> = None;
    let mut prose_body_indent: Option<usize> = None;
    while index < lines.len() {
        let line = lines[index];
        if line.is_blank() {
            index += 1;
            continue;
        }
        let indent = line.indent();
        let trimmed = line.trimmed();
        if let Some(base_indent) = literal_after {
            if indent > base_indent {
                index = skip_indented(&lines, index, base_indent);
                continue;
            }
            literal_after = None;
        }
        if prose_body_indent.is_some_and(|i| indent <= i) {
            prose_body_indent = None;
        }
        // Section title: underline (and maybe overline).
        if let Some((level_style, consumed, title_line)) = section_title(&lines, index) {
            let level = match title_styles.iter().position(|s| *s == level_style) {
                Some(p) => p + 1,
                None => {
                    title_styles.push(level_style);
                    title_styles.len()
                }
            };
            let mut block = Block::new(BlockRole::Heading(level.min(6) as u8));
            let title = title_line.text.trim();
            let lead = title_line.text.len() - title_line.text.trim_start().len();
            block.text.push_source(title, title_line.start + lead);
            doc.blocks.push(block);
            index += consumed;
            continue;
        }
        if is_table_border(trimmed) {
            index = read_table(&lines, index, &mut doc, &mut auto_refs);
            continue;
        }
        if is_transition(trimmed) || trimmed.starts_with(">>>") {
            index = skip_chunk(&lines, index);
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("..") {
            if rest.is_empty() || rest.starts_with(' ') {
                index = explicit_markup(
                    &lines,
                    index,
                    &mut doc,
                    &mut auto_defs,
                    &mut auto_refs,
                    &mut prose_body_indent,
                );
                continue;
            }
        }
        // A paragraph or list item: lines up to a blank line or the next item.
        let bullet = bullet_len(trimmed);
        let role = if bullet > 0 {
            BlockRole::Body(ClaimKind::ListItem)
        } else if indent > 0 && prose_body_indent.is_none() {
            BlockRole::Body(ClaimKind::QuoteBlock)
        } else {
            BlockRole::Body(ClaimKind::Sentence)
        };
        let mut block = Block::new(role);
        if bullet > 0 {
            block.list_number = trimmed
                .trim_start_matches('(')
                .split(['.', ')'])
                .next()
                .and_then(|n| n.parse().ok());
        }
        let mut end = index;
        let mut last_text = String::new();
        let mut last_indent = indent + bullet;
        while end < lines.len() {
            let l = lines[end];
            if l.is_blank()
                || (end > index && (bullet_len(l.trimmed()) > 0 && l.indent() <= indent))
            {
                break;
            }
            if end > index && l.trimmed().starts_with("..") && l.indent() <= indent {
                break;
            }
            let lead = l.indent() + if end == index { bullet } else { 0 };
            let content = &l.text[lead.min(l.text.len())..];
            if end > index {
                block.text.push_break(l.start - 1, l.start);
            }
            push_inline(&mut block, content, l.start + lead, &mut auto_refs);
            last_text = l.trimmed().to_string();
            last_indent = if end == index {
                indent + bullet
            } else {
                l.indent()
            };
            end += 1;
        }
        if last_text.ends_with("::") {
            strip_literal_marker(&mut block);
            literal_after = Some(last_indent);
        }
        if !block.text.is_blank() || !block.markers.is_empty() {
            doc.blocks.push(block);
        }
        index = end.max(index + 1);
    }
    doc
}

/// Read the RFC-822 header block at the top; returns the first body line.
fn read_header(lines: &[Line], meta: &mut Metadata) -> usize {
    let first = lines
        .iter()
        .position(|l| !l.is_blank())
        .unwrap_or(lines.len());
    let is_field = |l: &Line| {
        let t = l.text;
        let Some(colon) = t
            .find(": ")
            .or_else(|| t.ends_with(':').then(|| t.len() - 1))
        else {
            return false;
        };
        colon > 0
            && !t.starts_with(char::is_whitespace)
            && t[..colon]
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == ' ')
    };
    if first >= lines.len() || !is_field(&lines[first]) {
        return first;
    }
    let mut fields: Vec<HeaderField> = Vec::new();
    let mut index = first;
    while index < lines.len() && !lines[index].is_blank() {
        let line = lines[index];
        if line.text.starts_with(char::is_whitespace) {
            if let Some(field) = fields.last_mut() {
                field.value.push(' ');
                field.value.push_str(line.trimmed());
            }
        } else if is_field(&line) {
            let (key, value) = line.text.split_once(':').unwrap_or((line.text, ""));
            fields.push(HeaderField {
                key: key.trim().to_string(),
                value: value.trim().to_string(),
            });
        } else {
            break;
        }
        index += 1;
    }
    for field in &fields {
        apply_header_field(field, meta, MetadataSource::FrontMatter);
    }
    index
}

/// A section title at `index`: its style (underline char, has overline), the
/// number of lines it takes, and the title line.
fn section_title<'a>(lines: &[Line<'a>], index: usize) -> Option<((char, bool), usize, Line<'a>)> {
    let line = lines[index];
    let next = lines.get(index + 1)?;
    if is_adornment(line.trimmed()) && line.indent() == 0 {
        // Overline, title, underline.
        let title = *next;
        let under = lines.get(index + 2)?;
        if !title.is_blank() && is_adornment(under.trimmed()) {
            let c = line.trimmed().chars().next()?;
            return Some(((c, true), 3, title));
        }
        return None;
    }
    if line.indent() == 0
        && is_adornment(next.text.trim_end())
        && next.indent() == 0
        && next.text.trim_end().chars().count() >= line.trimmed().chars().count().min(4)
        && (index == 0 || lines[index - 1].is_blank())
        && !line.trimmed().starts_with("..")
    {
        let c = next.trimmed().chars().next()?;
        return Some(((c, false), 2, line));
    }
    None
}

fn is_adornment(text: &str) -> bool {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    text.len() >= 3 && "=-~^\"'`*+#:._".contains(first) && chars.all(|c| c == first)
}

fn is_transition(text: &str) -> bool {
    text.len() >= 4 && is_adornment(text)
}

fn is_table_border(text: &str) -> bool {
    (text.starts_with("+-") || text.starts_with("+=")) && text.ends_with('+')
        || (text.starts_with("==")
            && text.contains(' ')
            && text.chars().all(|c| c == '=' || c == ' '))
}

/// A simple or grid table: each row's text is a block (cells read in order,
/// separated by spaces); border lines are markup. Returns the next line.
fn read_table(
    lines: &[Line],
    mut index: usize,
    doc: &mut Document,
    auto_refs: &mut InlineState,
) -> usize {
    let mut borders = 0;
    while index < lines.len() {
        let line = lines[index];
        let trimmed = line.trimmed();
        if line.is_blank() {
            // A simple table ends at a blank line after its closing border.
            if borders >= 3 || lines.get(index + 1).is_none_or(|l| l.is_blank()) {
                break;
            }
            index += 1;
            continue;
        }
        if is_table_border(trimmed) || is_adornment(trimmed) {
            borders += 1;
            index += 1;
            continue;
        }
        let mut block = Block::new(BlockRole::Body(ClaimKind::Sentence));
        let mut from = 0;
        for (i, c) in line.text.char_indices().chain([(line.text.len(), '|')]) {
            if c == '|' {
                let cell = &line.text[from..i];
                let lead = cell.len() - cell.trim_start().len();
                if !cell.trim().is_empty() {
                    block.text.push_break(line.start + from, line.start + from);
                    push_inline(&mut block, cell.trim(), line.start + from + lead, auto_refs);
                }
                from = i + 1;
            }
        }
        if !block.text.is_blank() || !block.markers.is_empty() {
            doc.blocks.push(block);
        }
        index += 1;
    }
    index
}

/// The length of a bullet or enumerator (`* `, `- `, `#. `, `3. `, `(a) `).
fn bullet_len(text: &str) -> usize {
    super::block::list_marker_len(text, &["* ", "- ", "+ ", "• ", "#. "])
}

/// Skip the lines indented deeper than `base_indent` (and blank lines among them).
fn skip_indented(lines: &[Line], mut index: usize, base_indent: usize) -> usize {
    while index < lines.len() {
        let l = lines[index];
        if !l.is_blank() && l.indent() <= base_indent {
            break;
        }
        index += 1;
    }
    index
}

fn skip_chunk(lines: &[Line], mut index: usize) -> usize {
    while index < lines.len() && !lines[index].is_blank() {
        index += 1;
    }
    index
}

/// An explicit markup block at `index` (`.. [1] text`, `.. _name: url`,
/// `.. directive::`, a comment); returns the next line to read.
fn explicit_markup(
    lines: &[Line],
    index: usize,
    doc: &mut Document,
    auto_defs: &mut usize,
    auto_refs: &mut InlineState,
    prose_body_indent: &mut Option<usize>,
) -> usize {
    let line = lines[index];
    let indent = line.indent();
    let body = line.trimmed()[2..].trim_start();
    let end = skip_indented(lines, index + 1, indent);
    // Text of the block: the first line's rest plus the indented lines.
    let gather = |first: &str| {
        let mut text = first.to_string();
        for l in &lines[index + 1..end] {
            text.push(' ');
            text.push_str(l.trimmed());
        }
        fold_whitespace(&text)
    };
    if let Some(rest) = body.strip_prefix('[') {
        if let Some(close) = rest.find(']') {
            let mut label = rest[..close].to_string();
            if label == "#" {
                *auto_defs += 1;
                label = format!("#{auto_defs}");
            }
            let text = gather(&rest[close + 1..]);
            doc.definitions.push(RawDefinition {
                url: super::block::first_url(&text),
                label,
                kind: CitationKind::Footnote,
                text,
                src_start: line.start,
            });
            return end;
        }
    }
    if let Some(rest) = body.strip_prefix('_') {
        if let Some((name, target)) = rest.rsplit_once(": ").or_else(|| rest.split_once(':')) {
            let name = name.trim_matches('`').to_string();
            let target = gather(target);
            doc.definitions.push(RawDefinition {
                label: name,
                kind: CitationKind::Link,
                url: Some(target.clone()).filter(|t| !t.is_empty()),
                text: String::new(),
                src_start: line.start,
            });
            return end;
        }
    }
    if let Some((name, argument)) = body.split_once("::") {
        let name = name.trim().to_ascii_lowercase();
        let is_directive = !name.is_empty() && !name.contains(char::is_whitespace);
        if is_directive && !SKIPPED_DIRECTIVES.contains(&name.as_str()) {
            // An admonition's text (on its line and indented below) is prose.
            let argument = argument.trim();
            if !argument.is_empty() {
                let mut block = Block::new(BlockRole::Body(ClaimKind::Sentence));
                let at = line.text.len() - line.text.trim_start().len() + 2;
                let offset = at + line.text[at..].find(argument).unwrap_or(0);
                push_inline(&mut block, argument, line.start + offset, auto_refs);
                doc.blocks.push(block);
            }
            *prose_body_indent = Some(indent);
            return skip_options(lines, index + 1, indent);
        }
    }
    end
}

/// Skip a directive's `:option: value` lines.
fn skip_options(lines: &[Line], mut index: usize, indent: usize) -> usize {
    while index < lines.len() {
        let l = lines[index];
        if l.is_blank() || l.indent() <= indent || !l.trimmed().starts_with(':') {
            break;
        }
        index += 1;
    }
    index
}

/// `Example::` reads `Example:`; a lone ` ::` disappears.
fn strip_literal_marker(block: &mut Block) {
    let text = block.text.text.trim_end();
    if let Some(without) = text.strip_suffix("::") {
        let keep = if without.ends_with(char::is_whitespace) || without.is_empty() {
            without.trim_end().len()
        } else {
            without.len() + 1
        };
        block.text.truncate(keep);
    }
}

/// Append one line of reST text, handling inline markup.
fn push_inline(block: &mut Block, text: &str, start: usize, auto_refs: &mut InlineState) {
    let bytes = text.as_bytes();
    let mut from = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'[' => {
                // Footnote reference `[1]_`, `[#name]_`, `[#]_`, `[CIT]_`.
                if let Some(close) = text[i..].find("]_").map(|c| i + c) {
                    let label = &text[i + 1..close];
                    let valid = !label.is_empty()
                        && label.len() <= 40
                        && !label.contains(char::is_whitespace)
                        && !text[close + 2..].starts_with('_');
                    if valid {
                        block.text.push_source(&text[from..i], start + from);
                        let label = if label == "#" {
                            auto_refs.auto += 1;
                            format!("#{}", auto_refs.auto)
                        } else {
                            label.to_string()
                        };
                        block.add_marker(
                            CitationKind::Footnote,
                            &label,
                            None,
                            (start + i, start + close + 2),
                        );
                        i = close + 2;
                        from = i;
                        continue;
                    }
                }
                i += 1;
            }
            b'`' => {
                let (inner_start, open_len) = if text[i..].starts_with("``") {
                    (i + 2, 2)
                } else {
                    (i + 1, 1)
                };
                let closer = if open_len == 2 { "``" } else { "`" };
                let Some(close) = text[inner_start..].find(closer).map(|c| inner_start + c) else {
                    i += open_len;
                    continue;
                };
                // A role prefix `:pep:` right before.
                let role_start = role_prefix_start(text, from, i);
                block
                    .text
                    .push_source(&text[from..role_start], start + from);
                let inner = &text[inner_start..close];
                let mut after = close + open_len;
                let role = &text[role_start..i];
                if open_len == 1 && text[after..].starts_with("__") {
                    after += 2;
                } else if open_len == 1 && text[after..].starts_with('_') {
                    after += 1;
                }
                let is_link = open_len == 1 && role.is_empty() && after > close + 1;
                let (shown_check, target_check) = split_target(inner);
                let internal = target_check.is_none()
                    && auto_refs
                        .sections
                        .contains(&fold_whitespace(shown_check).to_lowercase())
                    && !auto_refs
                        .targets
                        .contains(&fold_whitespace(shown_check).to_lowercase());
                let is_link = is_link && !internal;
                let (shown, target) = split_target(inner);
                let shown_start = inner_start + (shown.as_ptr() as usize - inner.as_ptr() as usize);
                let at = block.text.text.len();
                if role == ":pep:" || role == ":rfc:" {
                    let prefix = if role == ":pep:" { "PEP " } else { "RFC " };
                    if target.is_none() && shown.bytes().all(|b| b.is_ascii_digit() || b == b'#') {
                        block
                            .text
                            .push_synthetic(prefix, start + role_start, start + inner_start);
                    }
                }
                block.text.push_source(shown, start + shown_start);
                if is_link {
                    block.markers.push(Marker {
                        at,
                        kind: CitationKind::Link,
                        label: fold_whitespace(shown),
                        url: target.map(str::to_string),
                        src_start: start + i,
                        src_end: start + after,
                        reference: target.is_none().then(|| shown.to_string()),
                        at_end: block.text.text.len(),
                    });
                }
                i = after;
                from = i;
            }
            b'*' => {
                // Emphasis delimiters `*em*` and `**strong**` are markup.
                let run = bytes[i..].iter().take_while(|&&b| b == b'*').count();
                let before = text[..i].chars().next_back();
                let after = text[i + run..].chars().next();
                let opens = before.is_none_or(|c| c.is_whitespace() || "([{\"'“‘/-".contains(c))
                    && after.is_some_and(|c| !c.is_whitespace());
                let closes = before.is_some_and(|c| !c.is_whitespace())
                    && after.is_none_or(|c| !c.is_alphanumeric());
                if run <= 2 && (opens || closes) {
                    block.text.push_source(&text[from..i], start + from);
                    from = i + run;
                }
                i += run;
            }
            b'_' if i > 0 => {
                // A simple reference `name_` to a target `.. _name: url`.
                let word_start = text[..i]
                    .rfind(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.'))
                    .map_or(0, |p| {
                        p + text[p..].chars().next().map_or(1, char::len_utf8)
                    });
                let name = &text[word_start.max(from)..i];
                let ends = text[i + 1..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric() && c != '_');
                if ends && !name.is_empty() && auto_refs.targets.contains(&name.to_lowercase()) {
                    block
                        .text
                        .push_source(&text[from..word_start.max(from)], start + from);
                    let at = block.text.text.len();
                    block.text.push_source(name, start + word_start.max(from));
                    block.markers.push(Marker {
                        at,
                        kind: CitationKind::Link,
                        label: name.to_string(),
                        url: None,
                        src_start: start + word_start.max(from),
                        src_end: start + i + 1,
                        reference: Some(name.to_string()),
                        at_end: block.text.text.len(),
                    });
                    from = i + 1;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    block.text.push_source(&text[from..], start + from);
}

/// What inline markup needs to know about the whole document.
#[derive(Debug, Default)]
struct InlineState {
    /// Auto-numbered footnote references `[#]_` seen so far.
    auto: usize,
    /// Hyperlink target names (`.. _name: url`), lowercased.
    targets: std::collections::HashSet<String>,
    /// Section titles, lowercased: `` `Title`_ `` links to a section, not a source.
    sections: std::collections::HashSet<String>,
}

impl InlineState {
    fn new(lines: &[Line]) -> InlineState {
        let mut state = InlineState::default();
        for (i, line) in lines.iter().enumerate() {
            let trimmed = line.trimmed();
            if let Some(rest) = trimmed.strip_prefix(".. _") {
                if let Some((name, _)) = rest.rsplit_once(": ").or_else(|| rest.split_once(':')) {
                    state
                        .targets
                        .insert(fold_whitespace(name.trim_matches('`')).to_lowercase());
                }
            }
            let underlined = lines
                .get(i + 1)
                .is_some_and(|next| is_adornment(next.trimmed()));
            if underlined && !line.is_blank() && !is_adornment(trimmed) {
                state
                    .sections
                    .insert(fold_whitespace(trimmed).to_lowercase());
            }
        }
        state
    }
}

/// The start of a `:role:` written right before a backquote at `tick`.
fn role_prefix_start(text: &str, from: usize, tick: usize) -> usize {
    let head = &text[from..tick];
    if !head.ends_with(':') {
        return tick;
    }
    let body = &head[..head.len() - 1];
    match body.rfind(':') {
        Some(colon)
            if body[colon + 1..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':' || c == '+')
                && !body[colon + 1..].is_empty() =>
        {
            from + colon
        }
        _ => tick,
    }
}

/// `text <target>` splits into the shown text and the target.
fn split_target(inner: &str) -> (&str, Option<&str>) {
    if inner.ends_with('>') {
        if let Some(open) = inner.rfind('<') {
            let shown = inner[..open].trim_end();
            let target = &inner[open + 1..inner.len() - 1];
            if !shown.is_empty() {
                return (shown, Some(target));
            }
            return (target, Some(target));
        }
    }
    (inner, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PEP: &str = "PEP: 1\nTitle: PEP Purpose\nAuthor: Barry Warsaw, Jeremy Hylton <j@x.org>\nCreated: 13-Jun-2000\nPost-History: 21-Mar-2001,\n              07-Apr-2013\n\n\nWhat is a PEP?\n==============\n\nA PEP is a design\ndocument [1]_ see `GitHub <https://github.com/python/peps>`__.\n\nExample::\n\n    code [2]_ here\n\n* item one [#a]_\n  continues\n* item two\n\nReferences\n----------\n\n.. [1] The first note\n   continued.\n.. [#a] Named note.\n\n.. code-block:: python\n\n   x = 1\n";

    #[test]
    fn reads_header_sections_and_footnotes() {
        let mut meta = Metadata::default();
        let doc = read(PEP, 0, &mut meta);
        assert_eq!(meta.title.as_deref(), Some("PEP Purpose"));
        assert_eq!(meta.authors, vec!["Barry Warsaw", "Jeremy Hylton"]);
        assert_eq!(meta.published.as_deref(), Some("2000-06-13"));
        let texts: Vec<_> = doc
            .blocks
            .iter()
            .map(|b| (b.role, fold_whitespace(&b.text.text)))
            .collect();
        assert_eq!(texts[0], (BlockRole::Heading(1), "What is a PEP?".into()));
        assert_eq!(texts[1].1, "A PEP is a design document see GitHub.");
        assert_eq!(texts[2].1, "Example:");
        assert_eq!(
            texts[3],
            (
                BlockRole::Body(ClaimKind::ListItem),
                "item one continues".into()
            )
        );
        assert_eq!(texts[5], (BlockRole::Heading(2), "References".into()));
        assert_eq!(texts.len(), 6, "{texts:?}");
        let labels: Vec<_> = doc
            .definitions
            .iter()
            .map(|d| (d.label.as_str(), d.text.as_str()))
            .collect();
        assert_eq!(
            labels,
            vec![("1", "The first note continued."), ("#a", "Named note.")]
        );
        assert_eq!(doc.blocks[1].markers[0].label, "1");
        assert_eq!(
            doc.blocks[1].markers[1].url.as_deref(),
            Some("https://github.com/python/peps")
        );
    }

    #[test]
    fn roles_read_as_text() {
        let mut block = Block::new(BlockRole::Body(ClaimKind::Sentence));
        push_inline(
            &mut block,
            "As :pep:`8` says, use ``x`` here, **bold** and *em* a * b.",
            0,
            &mut InlineState::default(),
        );
        assert_eq!(
            block.text.text,
            "As PEP 8 says, use x here, bold and em a * b."
        );
    }
}
