//! Property tests of the parser: for any input it never panics, and every
//! character of body prose lands in exactly one claim (nothing dropped,
//! nothing doubled, in order), at a byte span that holds it.
//!
//! "Body prose" is defined per generated document:
//! - plain text: every line is a body paragraph (each ends with a sentence
//!   mark, the first a period, so none reads as a title, heading, header
//!   line or furniture); its
//!   prose is the line's non-whitespace characters once the citation markers
//!   `[N]`, `[^x]` and `[Source]` are taken out;
//! - Markdown: the text of paragraphs, list items and block quotes, not
//!   headings, code blocks or footnote definitions, again without markers.
//!
//! Whitespace is not prose (claims fold it), so the check compares the
//! sequences of non-whitespace characters.

use claimdex::model::Article;
use claimdex::parse::{parse_article, SourceFile};
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "The",
    "company",
    "said",
    "U.S.",
    "Mr.",
    "Dr.",
    "Co.",
    "Inc.",
    "$8.2",
    "billion",
    "0.3°C",
    "99%",
    "“quoted",
    "text,”",
    "Oct.",
    "7,",
    "reported",
    "Hikvision’s",
    "e.g.",
    "J.",
    "Smith",
    "No.",
    "5",
    "(see",
    "below)",
    "a",
    "it",
    "—",
    "naïve",
    "日本",
    "in",
    "2019.",
    "“Done.”",
    "iFlytek",
    "groups.",
    "etc.",
    "p.m.",
    "[…]",
    "according",
    "to",
    "Reuters",
    "wrote",
    "O’Neil",
];

const MARKERS: &[&str] = &["[7]", "[12]", "[^n]", "[Source]"];

fn word() -> impl Strategy<Value = String> {
    (
        0..WORDS.len(),
        prop::option::weighted(0.15, 0..MARKERS.len()),
    )
        .prop_map(|(w, m)| {
            let mut word = WORDS[w].to_string();
            if let Some(m) = m {
                word.push_str(MARKERS[m]);
            }
            word
        })
}

fn sentence() -> impl Strategy<Value = String> {
    (prop::collection::vec(word(), 2..12), 0..3usize).prop_map(|(words, end)| {
        let mut s = words.join(" ");
        s.push(['.', '?', '!'][end]);
        s
    })
}

fn line() -> impl Strategy<Value = String> {
    prop::collection::vec(sentence(), 1..4).prop_map(|s| s.join(" "))
}

/// Non-whitespace characters of `text` with the citation markers taken out.
fn prose(text: &str) -> String {
    let mut out = text.to_string();
    for marker in MARKERS {
        out = out.replace(marker, "");
    }
    out.chars().filter(|c| !c.is_whitespace()).collect()
}

fn claims_prose(article: &Article) -> String {
    article
        .claims
        .iter()
        .flat_map(|c| c.text.chars())
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Each claim's span holds exactly its text once markers and whitespace
/// are taken out (plain text has no other markup).
fn check_spans(source: &str, article: &Article) -> Result<(), TestCaseError> {
    for claim in &article.claims {
        let slice = source
            .get(claim.location.byte_start..claim.location.byte_end)
            .ok_or_else(|| TestCaseError::fail(format!("bad span for {claim:?}")))?;
        let expected: String = claim.text.chars().filter(|c| !c.is_whitespace()).collect();
        prop_assert_eq!(prose(slice), expected, "span {:?}", slice);
        let line = source[..claim.location.byte_start].matches('\n').count() as u32 + 1;
        prop_assert_eq!(claim.location.line, line);
    }
    Ok(())
}

fn parse(path: &str, text: &str) -> Article {
    let source = SourceFile {
        id: "prop".into(),
        path: path.into(),
        bytes: text.as_bytes(),
        catalog: None,
    };
    parse_article(&source).expect("generated text parses")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn plain_text_prose_lands_in_exactly_one_claim(
        lines in prop::collection::vec(line(), 1..12),
        blank_between in any::<bool>(),
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let newline = if crlf { "\r\n" } else { "\n" };
        let separator = if blank_between { format!("{newline}{newline}") } else { newline.to_string() };
        // A first line ending in `?` or `!` may be a title ("What is a PEP?").
        let mut lines = lines;
        if let Some(first) = lines.first_mut() {
            first.pop();
            first.push('.');
        }
        let mut text = if bom { "\u{feff}".to_string() } else { String::new() };
        text.push_str(&lines.join(&separator));
        text.push_str(newline);
        let article = parse("a.txt", &text);
        prop_assert_eq!(claims_prose(&article), prose(&lines.concat()));
        check_spans(&text, &article)?;
        for (i, claim) in article.claims.iter().enumerate() {
            prop_assert_eq!(claim.ordinal as usize, i + 1);
        }
    }

    #[test]
    fn markdown_prose_lands_in_exactly_one_claim(
        blocks in prop::collection::vec((0..5usize, line()), 1..10),
    ) {
        let mut text = String::new();
        let mut expected = String::new();
        for (kind, line) in &blocks {
            // "2019. The." would open an ordered list: start with a word.
            let line = &format!("Text {line}");
            match kind {
                0 => { text.push_str(line); expected.push_str(line); }
                1 => { text.push_str("- "); text.push_str(line); expected.push_str(line); }
                2 => { text.push_str("> "); text.push_str(line); expected.push_str(line); }
                3 => { text.push_str("## Heading words"); }
                _ => { text.push_str("```\ncode [^n] [7] here\n```"); }
            }
            text.push_str("\n\n");
        }
        text.push_str("[^n]: A note.\n");
        let article = parse("a.md", &text);
        prop_assert_eq!(claims_prose(&article), prose(&expected));
        for claim in &article.claims {
            prop_assert!(text.get(claim.location.byte_start..claim.location.byte_end).is_some());
        }
    }

    #[test]
    fn any_text_parses_without_panic(text in "\\PC{0,400}", ext in 0..3usize) {
        let path = ["a.md", "a.txt", "a.rst"][ext];
        let source = SourceFile { id: "x".into(), path: path.into(), bytes: text.as_bytes(), catalog: None };
        if let Ok(article) = parse_article(&source) {
            for claim in &article.claims {
                prop_assert!(text.get(claim.location.byte_start..claim.location.byte_end).is_some());
                prop_assert!(!claim.text.is_empty());
            }
        }
    }

    #[test]
    fn markup_heavy_text_parses_without_panic(
        parts in prop::collection::vec(prop::sample::select(vec![
            "---\n", "+++\n", "> ", "- ", "# ", "[^a]", "[^a]: ", "[1]", "[1]_", ".. [1] ", "``", "`",
            "::\n", "\n", "\n\n", "    ", "<div>", "</div>", "<!--", "-->", "{% x %}", "{{", "![a](b)",
            "[t](u)", "[t][r]", "[r]: http://x\n", "word. ", "Word ", "====\n", "\r\n", "|", "*", "\u{feff}",
            "title: [\n", "a: &a x\n", "[Source]", ":\n", "(Smith 2013)", "(ibid)",
        ]), 0..60),
        ext in 0..3usize,
    ) {
        let text: String = parts.concat();
        let path = ["a.md", "a.txt", "a.rst"][ext];
        let source = SourceFile { id: "x".into(), path: path.into(), bytes: text.as_bytes(), catalog: None };
        if let Ok(article) = parse_article(&source) {
            for claim in &article.claims {
                prop_assert!(text.get(claim.location.byte_start..claim.location.byte_end).is_some());
                prop_assert!(claim.location.line <= claim.location.end_line);
            }
        }
    }
}
