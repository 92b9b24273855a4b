//! Typographic folding for quotation matching, with a map back to the
//! original text.
//!
//! A quotation typed by a writer and the archived source differ in ways that
//! change nothing of what was said: curly or straight quotation marks and
//! apostrophes, dash forms, whitespace, letter case, Unicode compatibility
//! forms (`…` vs `...`, `ﬁ` vs `fi`). [`fold`] removes exactly those
//! differences (NFKC, then a fold table, then lowercase) and remembers, for
//! every folded character, which original bytes it came from and which fold
//! produced it, so that [`differences`] can say which typographic
//! differences two matched stretches of text had.
//!
//! [`words`] then cuts folded text into word tokens: runs of letters and
//! digits (keeping `company's`, `8.2` and `1,000` whole; hyphens split) and
//! single meaningful symbols (`$`, `%`, `€`); elision marks (`...`, `…`,
//! `[…]`, `(...)`) become their own tokens. Other punctuation is not a word:
//! it only shows up in the gaps between words.

use crate::model::Typography;
use std::collections::BTreeSet;
use std::ops::Range;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

/// How a folded character came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// Copied as it was.
    Kept,
    /// A curly, low or prime quotation mark or apostrophe made straight.
    QuoteMark,
    /// A dash or hyphen form made `-`.
    Dash,
    /// A whitespace run made one space (anything but one plain space).
    Space,
    /// An upper-case letter lowered.
    Case,
    /// A compatibility form (NFKC), or an invisible character dropped.
    Compat,
}

/// One character of folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoldedChar {
    /// The folded character.
    pub ch: char,
    /// Byte range of the original text it came from.
    pub start: usize,
    pub end: usize,
    /// Which fold produced it.
    pub fold: Fold,
}

/// Folded text: the original and its folded characters.
#[derive(Debug, Clone)]
pub struct Folded<'a> {
    pub original: &'a str,
    pub chars: Vec<FoldedChar>,
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A word, number or meaningful symbol: compared when matching.
    Word,
    /// An elision mark (`...`, `…`, `[…]`).
    Elision,
}

/// A token of folded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The folded form, compared when matching.
    pub norm: String,
    pub kind: TokenKind,
    /// Range in [`Folded::chars`].
    pub chars: Range<usize>,
    /// Byte range in the original text.
    pub start: usize,
    pub end: usize,
}

/// Fold `text`: NFKC per character cluster, then quotation marks and
/// apostrophes to `'` and `"`, dashes to `-`, whitespace runs to one space,
/// lower case; zero-width characters and soft hyphens are dropped.
pub fn fold(text: &str) -> Folded<'_> {
    let mut chars: Vec<FoldedChar> = Vec::with_capacity(text.len());
    let mut iter = text.char_indices().peekable();
    while let Some((start, first)) = iter.next() {
        let mut end = start + first.len_utf8();
        // A cluster: the character and the combining marks that follow it.
        while let Some(&(next_start, next)) = iter.peek() {
            if canonical_combining_class(next) == 0 {
                break;
            }
            end = next_start + next.len_utf8();
            iter.next();
        }
        let cluster = &text[start..end];
        if first.is_whitespace() && cluster.len() == first.len_utf8() {
            push_space(&mut chars, start, end, first == ' ');
            continue;
        }
        if first.is_ascii() && cluster.len() == 1 {
            push_folded(&mut chars, first, start, end, Fold::Kept);
            continue;
        }
        let normalized: String = cluster.nfkc().collect();
        let compat = normalized != cluster;
        if normalized.is_empty() || is_invisible(first) {
            // Dropped: attach it to the previous character so that a
            // difference here is still seen.
            if let Some(last) = chars.last_mut() {
                last.end = end;
                last.fold = Fold::Compat;
            }
            continue;
        }
        for ch in normalized.chars() {
            if ch.is_whitespace() {
                push_space(&mut chars, start, end, false);
            } else {
                let fold = if compat { Fold::Compat } else { Fold::Kept };
                push_folded(&mut chars, ch, start, end, fold);
            }
        }
    }
    Folded {
        original: text,
        chars,
    }
}

fn is_invisible(ch: char) -> bool {
    matches!(
        ch,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Append one whitespace character, merging it into a preceding space.
fn push_space(chars: &mut Vec<FoldedChar>, start: usize, end: usize, plain: bool) {
    if let Some(last) = chars.last_mut() {
        if last.ch == ' ' {
            last.end = end;
            last.fold = Fold::Space;
            return;
        }
    }
    chars.push(FoldedChar {
        ch: ' ',
        start,
        end,
        fold: if plain { Fold::Kept } else { Fold::Space },
    });
}

/// Append `ch` after the fold table and lower-casing.
fn push_folded(chars: &mut Vec<FoldedChar>, ch: char, start: usize, end: usize, fold: Fold) {
    let (ch, fold) = match ch {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{2035}' | '`'
        | '\u{00B4}' | '\u{02BC}' => ('\'', Fold::QuoteMark),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{2036}'
        | '\u{00AB}' | '\u{00BB}' | '\u{301D}' | '\u{301E}' => ('"', Fold::QuoteMark),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => ('-', Fold::Dash),
        _ => (ch, fold),
    };
    if ch.is_uppercase() {
        for lower in ch.to_lowercase() {
            chars.push(FoldedChar {
                ch: lower,
                start,
                end,
                fold: if fold == Fold::Kept { Fold::Case } else { fold },
            });
        }
    } else {
        chars.push(FoldedChar {
            ch,
            start,
            end,
            fold,
        });
    }
}

/// Symbols that carry meaning in a quotation and count as words.
fn is_symbol_word(ch: char) -> bool {
    matches!(
        ch,
        '$' | '€'
            | '£'
            | '¥'
            | '₹'
            | '₽'
            | '₩'
            | '¢'
            | '%'
            | '‰'
            | '&'
            | '+'
            | '='
            | '<'
            | '>'
            | '#'
            | '@'
            | '°'
            | '§'
            | '±'
            | '×'
    )
}

fn is_word_char(ch: char) -> bool {
    ch.is_alphanumeric() || (!ch.is_ascii() && canonical_combining_class(ch) != 0)
}

/// The word and elision tokens of folded text.
pub fn words(folded: &Folded) -> Vec<Token> {
    let chars = &folded.chars;
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let ch = chars[i].ch;
        if is_word_char(ch) {
            let begin = i;
            i += 1;
            loop {
                if i < chars.len() && is_word_char(chars[i].ch) {
                    i += 1;
                    continue;
                }
                // Connectors inside a word: `company's`, `8.2`, `1,000`, `u.s`.
                if i + 1 < chars.len() && is_word_char(chars[i + 1].ch) {
                    let prev = chars[i - 1].ch;
                    let next = chars[i + 1].ch;
                    let joins = match chars[i].ch {
                        '\'' => prev.is_alphabetic() && next.is_alphabetic(),
                        '.' => true,
                        ',' => prev.is_ascii_digit() && next.is_ascii_digit(),
                        _ => false,
                    };
                    if joins {
                        i += 2;
                        continue;
                    }
                }
                break;
            }
            tokens.push(token(folded, begin..i, TokenKind::Word));
        } else if is_symbol_word(ch) {
            tokens.push(token(folded, i..i + 1, TokenKind::Word));
            i += 1;
        } else if let Some(len) = elision_at(chars, i) {
            tokens.push(token(folded, i..i + len, TokenKind::Elision));
            i += len;
        } else {
            i += 1;
        }
    }
    tokens
}

/// Length in folded characters of an elision mark starting at `i`:
/// `...` (three or more dots, possibly spaced `. . .`), optionally inside
/// `[...]` or `(...)`.
fn elision_at(chars: &[FoldedChar], i: usize) -> Option<usize> {
    let open = matches!(chars[i].ch, '[' | '(');
    let mut j = if open { i + 1 } else { i };
    let mut dots = 0;
    while j < chars.len() {
        match chars[j].ch {
            '.' => dots += 1,
            ' ' if dots > 0 && j + 1 < chars.len() && chars[j + 1].ch == '.' => {}
            _ => break,
        }
        j += 1;
    }
    if dots < 3 {
        return None;
    }
    if open {
        let close = if chars[i].ch == '[' { ']' } else { ')' };
        if j < chars.len() && chars[j].ch == close {
            return Some(j + 1 - i);
        }
        return None;
    }
    Some(j - i)
}

fn token(folded: &Folded, range: Range<usize>, kind: TokenKind) -> Token {
    let chars = &folded.chars[range.clone()];
    Token {
        norm: chars.iter().map(|c| c.ch).collect(),
        kind,
        start: chars.first().map_or(0, |c| c.start),
        end: chars.last().map_or(0, |c| c.end),
        chars: range,
    }
}

/// Which typographic differences two stretches of folded text have.
/// `inside_word` says whether the stretches are matched words (a quote mark
/// there is an apostrophe) or the gaps between matched words (where
/// punctuation differences are reported too).
pub fn differences(
    a: &Folded,
    a_range: Range<usize>,
    b: &Folded,
    b_range: Range<usize>,
    inside_word: bool,
    found: &mut BTreeSet<Typography>,
) {
    let a_chars = &a.chars[a_range];
    let b_chars = &b.chars[b_range];
    let same_folded =
        a_chars.len() == b_chars.len() && a_chars.iter().zip(b_chars).all(|(x, y)| x.ch == y.ch);
    if same_folded {
        for (x, y) in a_chars.iter().zip(b_chars) {
            if a.original[x.start..x.end] == b.original[y.start..y.end] {
                continue;
            }
            let fold = if x.fold != Fold::Kept { x.fold } else { y.fold };
            found.insert(match fold {
                Fold::QuoteMark if inside_word => Typography::Apostrophes,
                Fold::QuoteMark => Typography::QuotationMarks,
                Fold::Dash => Typography::Dashes,
                Fold::Space => Typography::Whitespace,
                Fold::Case => Typography::Case,
                Fold::Compat | Fold::Kept => Typography::UnicodeForms,
            });
        }
        return;
    }
    // Gaps that differ after folding: tell punctuation, quotation marks and
    // spacing apart.
    let keep = |chars: &[FoldedChar], pick: fn(char) -> bool| -> String {
        chars.iter().map(|c| c.ch).filter(|&c| pick(c)).collect()
    };
    let is_mark = |c: char| c == '\'' || c == '"';
    let is_other = |c: char| c != ' ' && c != '\'' && c != '"';
    if keep(a_chars, is_other) != keep(b_chars, is_other) {
        found.insert(Typography::Punctuation);
    }
    if keep(a_chars, is_mark) != keep(b_chars, is_mark) {
        found.insert(Typography::QuotationMarks);
    }
    if keep(a_chars, |c| c == ' ') != keep(b_chars, |c| c == ' ') {
        found.insert(Typography::Whitespace);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        words(&fold(text)).into_iter().map(|t| t.norm).collect()
    }

    #[test]
    fn folds_quotes_dashes_case_and_compat_forms() {
        let folded = fold("“Don’t”—the ﬁnal  Word…");
        let text: String = folded.chars.iter().map(|c| c.ch).collect();
        assert_eq!(text, "\"don't\"-the final word...");
    }

    #[test]
    fn offsets_point_back_into_the_original() {
        let original = "the company’s Chief";
        let folded = fold(original);
        let tokens = words(&folded);
        assert_eq!(&original[tokens[1].start..tokens[1].end], "company’s");
        assert_eq!(tokens[1].norm, "company's");
        assert_eq!(&original[tokens[2].start..tokens[2].end], "Chief");
    }

    #[test]
    fn words_keep_numbers_and_symbols_and_split_hyphens() {
        assert_eq!(
            norms("a $79 million, 1,000-camera (8.2%) project."),
            ["a", "$", "79", "million", "1,000", "camera", "8.2", "%", "project"]
        );
        assert_eq!(norms("Covid-19"), ["covid", "19"]);
    }

    #[test]
    fn elision_marks_are_tokens() {
        let tokens = words(&fold("one [...] two … three . . . four (...) five"));
        let kinds: Vec<_> = tokens.iter().map(|t| t.kind).collect();
        use TokenKind::*;
        assert_eq!(
            kinds,
            [Word, Elision, Word, Elision, Word, Elision, Word, Elision, Word]
        );
    }

    #[test]
    fn combining_marks_compose_before_comparing() {
        assert_eq!(norms("cafe\u{301}"), norms("café"));
    }

    #[test]
    fn differences_name_the_kind() {
        let a = fold("company’s “word” —");
        let b = fold("Company's \"word\" -");
        let mut found = BTreeSet::new();
        let (ta, tb) = (words(&a), words(&b));
        differences(
            &a,
            ta[0].chars.clone(),
            &b,
            tb[0].chars.clone(),
            true,
            &mut found,
        );
        assert_eq!(
            found,
            BTreeSet::from([Typography::Apostrophes, Typography::Case])
        );
        found.clear();
        differences(
            &a,
            0..a.chars.len(),
            &b,
            0..b.chars.len(),
            false,
            &mut found,
        );
        assert!(found.contains(&Typography::QuotationMarks));
        assert!(found.contains(&Typography::Dashes));
    }
}
