//! Quotation-mark pairing: find the double-quoted passages of a text.
//!
//! Curly marks (`“ ”`, `„`) say which way they face; a straight `"` is
//! classified by its neighbours (after a space it opens, before a space or
//! punctuation it closes). Marks nest (`“... the “Belt & Road” and ...”`).
//! Single quotes and apostrophes (`company’s`, `'BOT,'`) are never taken
//! for quotation marks, so they cannot break the pairing.
//!
//! Paragraphs are separated by newlines. News writing leaves a quotation
//! that runs over several paragraphs open at the end of each paragraph and
//! reopens it with a mark at the start of the next: such a quotation is one
//! [`Passage`] of several [`Segment`]s, one per paragraph. A passage still
//! open at the end of a paragraph whose next paragraph does not reopen it is
//! closed there and flagged `unclosed`.

/// A quoted stretch inside one paragraph: byte offsets into the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Offset of the opening mark.
    pub open: usize,
    /// First byte of the quoted words (after the mark and any whitespace).
    pub start: usize,
    /// Just past the last byte of the quoted words (before whitespace and
    /// the closing mark).
    pub end: usize,
    /// Just past the closing mark, or the paragraph end when the segment
    /// is left open.
    pub close_end: usize,
}

/// One quotation: its segments in order (more than one when it runs over
/// paragraphs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub segments: Vec<Segment>,
    /// The last segment was never closed: the quotation ended at a paragraph
    /// end without a closing mark (a typo in the source, or a block quote).
    pub unclosed: bool,
}

impl Passage {
    /// Offset of the first opening mark.
    pub fn open(&self) -> usize {
        self.segments[0].open
    }

    /// Offset just past the closing mark of the last segment.
    pub fn close_end(&self) -> usize {
        self.segments[self.segments.len() - 1].close_end
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Facing {
    Open,
    Close,
    /// A straight mark between two letters or two spaces: decided by state.
    Either,
}

fn is_double_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '‟' | '″')
}

fn opens_after(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | '‘' | '\'')
}

fn closes_before(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '—' | '–' | '-' | '’' | '\''
        )
}

/// Which way the mark at `at` faces, from its glyph and neighbours.
fn facing(text: &str, at: usize, mark: char) -> Facing {
    let prev = text[..at].chars().next_back();
    let next = text[at + mark.len_utf8()..].chars().next();
    let open_context = prev.is_none_or(opens_after) || prev.is_some_and(is_double_mark);
    let close_context = next.is_none_or(closes_before);
    let open_clear = open_context && !next.is_none_or(char::is_whitespace);
    let close_clear = close_context && !prev.is_none_or(char::is_whitespace);
    match mark {
        '“' | '„' | '‟' => {
            // A left mark glued to the end of a word and followed by a space
            // is a mistyped closing mark.
            if close_clear && !open_context {
                Facing::Close
            } else {
                Facing::Open
            }
        }
        '”' | '″' => {
            if open_clear && !close_context {
                Facing::Open
            } else {
                Facing::Close
            }
        }
        _ => {
            if open_clear && !close_clear {
                Facing::Open
            } else if close_clear && !open_clear {
                Facing::Close
            } else {
                Facing::Either
            }
        }
    }
}

/// Trim whitespace from both ends of `text[start..end]`.
fn trimmed(text: &str, start: usize, end: usize) -> (usize, usize) {
    let inner = &text[start..end];
    let lead = inner.len() - inner.trim_start().len();
    let trail = inner.len() - inner.trim_end().len();
    if lead == inner.len() {
        (start, start)
    } else {
        (start + lead, end - trail)
    }
}

/// The line breaks and double quotation marks of `text` with their byte
/// offsets: the only characters `passages` acts on. It steps over other bytes
/// without decoding them (a mark's or a line break's first byte, `\n`, `"`
/// or 0xE2, is never inside another character's UTF-8), which made
/// `passages` ~4% of all parsing time when it decoded every character.
struct Marks<'a> {
    text: &'a str,
    at: usize,
}

impl Iterator for Marks<'_> {
    type Item = (usize, char);

    fn next(&mut self) -> Option<(usize, char)> {
        let bytes = self.text.as_bytes();
        while self.at < bytes.len() {
            let at = self.at;
            if !matches!(bytes[at], b'\n' | b'"' | 0xE2) {
                self.at += 1;
                continue;
            }
            let c = self.text[at..].chars().next()?;
            self.at += c.len_utf8();
            if c == '\n' || is_double_mark(c) {
                return Some((at, c));
            }
        }
        None
    }
}

/// The quoted passages of `text`, in order.
pub fn passages(text: &str) -> Vec<Passage> {
    let mut found = Vec::new();
    // The passage being read, its open segment's mark and content start,
    // and the nesting depth inside it.
    let mut current: Option<Passage> = None;
    let mut seg_open = 0;
    let mut seg_start = 0;
    let mut depth = 0usize;
    let mut iter = Marks { text, at: 0 }.peekable();
    while let Some((at, c)) = iter.next() {
        if c == '\n' {
            if let Some(mut passage) = current.take() {
                let (start, end) = trimmed(text, seg_start, at);
                let segment = Segment {
                    open: seg_open,
                    start,
                    end,
                    close_end: at,
                };
                // Does the next paragraph reopen the quotation?
                let rest = &text[at..];
                let skip = rest.len() - rest.trim_start().len();
                let next_at = at + skip;
                let reopened = text[next_at..]
                    .chars()
                    .next()
                    .filter(|&m| is_double_mark(m) && facing(text, next_at, m) != Facing::Close);
                if end > start {
                    passage.segments.push(segment);
                }
                match reopened {
                    Some(mark) if !passage.segments.is_empty() => {
                        // Continue the passage after the reopening mark.
                        while iter.peek().is_some_and(|&(i, _)| i <= next_at) {
                            iter.next();
                        }
                        seg_open = next_at;
                        seg_start = next_at + mark.len_utf8();
                        depth = 1;
                        current = Some(passage);
                    }
                    _ => {
                        if !passage.segments.is_empty() {
                            passage.unclosed = true;
                            found.push(passage);
                        }
                        depth = 0;
                    }
                }
            }
            continue;
        }
        if !is_double_mark(c) {
            continue;
        }
        let face = facing(text, at, c);
        match (current.is_some(), face) {
            (false, Facing::Open | Facing::Either) => {
                current = Some(Passage {
                    segments: Vec::new(),
                    unclosed: false,
                });
                seg_open = at;
                seg_start = at + c.len_utf8();
                depth = 1;
            }
            (false, Facing::Close) => {} // a stray closing mark
            (true, Facing::Open) => depth += 1,
            (true, Facing::Close | Facing::Either) => {
                depth -= 1;
                if depth == 0 {
                    let mut passage = current.take().expect("a passage is open");
                    let (start, end) = trimmed(text, seg_start, at);
                    if end > start {
                        passage.segments.push(Segment {
                            open: seg_open,
                            start,
                            end,
                            close_end: at + c.len_utf8(),
                        });
                    }
                    if !passage.segments.is_empty() {
                        found.push(passage);
                    }
                }
            }
        }
    }
    if let Some(mut passage) = current.take() {
        let (start, end) = trimmed(text, seg_start, text.len());
        if end > start {
            passage.segments.push(Segment {
                open: seg_open,
                start,
                end,
                close_end: text.len(),
            });
        }
        if !passage.segments.is_empty() {
            passage.unclosed = true;
            found.push(passage);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<Vec<&str>> {
        passages(text)
            .iter()
            .map(|p| p.segments.iter().map(|s| &text[s.start..s.end]).collect())
            .collect()
    }

    #[test]
    fn marks_are_the_line_breaks_and_double_marks() {
        // Every character of the Basic Multilingual Plane and a few beyond:
        // a mark added to `is_double_mark` whose first UTF-8 byte `Marks`
        // does not stop at would be missed here, not only in real text.
        let text: String = (0..0x1_0000u32)
            .chain([0x1_F600, 0x10_FFFF])
            .filter_map(char::from_u32)
            .chain("a “b” —\n„c‟ ″d\" é’ ‘e’ …\n".chars())
            .collect();
        let text = text.as_str();
        let expected: Vec<(usize, char)> = text
            .char_indices()
            .filter(|&(_, c)| c == '\n' || is_double_mark(c))
            .collect();
        assert_eq!(Marks { text, at: 0 }.collect::<Vec<_>>(), expected);
    }

    #[test]
    fn curly_and_straight_marks_pair() {
        let text = "“We hope,” he said. He added: \"It works.\"";
        assert_eq!(quoted(text), vec![vec!["We hope,"], vec!["It works."]]);
    }

    #[test]
    fn apostrophes_and_single_quotes_do_not_break_pairing() {
        let text = "“Hikvision's own site, the company’s 'BOT,' scheme,” wrote X. “Next.”";
        assert_eq!(
            quoted(text),
            vec![
                vec!["Hikvision's own site, the company’s 'BOT,' scheme,"],
                vec!["Next."]
            ]
        );
    }

    #[test]
    fn nested_marks_stay_inside() {
        let text = "wrote: “along the “Belt & Road” and others.” Then";
        assert_eq!(
            quoted(text),
            vec![vec!["along the “Belt & Road” and others."]]
        );
    }

    #[test]
    fn quotation_over_paragraphs_is_one_passage() {
        let text = "“First para.\n\n“Second para.\n“Third.” he said\nNext “x” here";
        let found = passages(text);
        assert_eq!(
            quoted(text),
            vec![vec!["First para.", "Second para.", "Third."], vec!["x"]]
        );
        assert!(!found[0].unclosed);
    }

    #[test]
    fn unclosed_quotation_ends_at_the_paragraph() {
        let text = "He said “never closed.\nA new paragraph with “a quote” in it.";
        let found = passages(text);
        assert_eq!(quoted(text), vec![vec!["never closed."], vec!["a quote"]]);
        assert!(found[0].unclosed);
        assert!(!found[1].unclosed);
    }

    #[test]
    fn straight_marks_by_context() {
        let text =
            "\"I've always been insulted with the term 'African American outreach,' \" he told";
        assert_eq!(
            quoted(text),
            vec![vec![
                "I've always been insulted with the term 'African American outreach,'"
            ]]
        );
    }
}
