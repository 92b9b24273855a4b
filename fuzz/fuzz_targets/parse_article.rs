//! Article bytes -> `parse_article`: never a panic, and every claim's byte
//! span lies in the source, on character boundaries, starting with the
//! claim's first character; every date mention's span slices its claim's
//! text. The first byte picks the format (Markdown, plain text, reST).
#![no_main]

use claimdex::parse::{parse_article, SourceFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let path = ["a.md", "a.txt", "a.rst"][pick as usize % 3];
    let source = SourceFile {
        id: "a".to_string(),
        path: path.to_string(),
        bytes,
        catalog: None,
    };
    let Ok(article) = parse_article(&source) else {
        return;
    };
    let text = std::str::from_utf8(bytes).expect("a parsed file is UTF-8");
    for claim in &article.claims {
        let (start, end) = (claim.location.byte_start, claim.location.byte_end);
        let slice = text
            .get(start..end)
            .unwrap_or_else(|| panic!("span {start}..{end} outside or inside a character"));
        if let Some(first) = claim.text.chars().next() {
            if !first.is_whitespace() {
                assert!(
                    slice.contains(first),
                    "span {start}..{end} ({slice:?}) misses the start of {:?}",
                    claim.text
                );
            }
        }
        for mention in &claim.dates {
            let got = claim.text.get(mention.span.start..mention.span.end);
            assert_eq!(got, Some(mention.text.as_str()), "date span in {:?}", claim.text);
        }
    }
});
