//! The index writer's memoised analyzers (`index::analysis`) make exactly
//! the tokens of tantivy's built-in `default` and `en_stem` (text, offsets,
//! positions) on every text a claim document is indexed with, fed in the
//! order the writer sees them, so that the memos replay: the seed corpus and
//! real corpora in `../shared`.

use crate::common;

use claimdex::index::analysis;
use claimdex::model::Article;
use tantivy::tokenizer::{TextAnalyzer, TokenizerManager};

/// The analyzers of one writer thread, by the schema's tokenizer names,
/// beside the built-in ones.
struct Analyzers {
    memo_default: TextAnalyzer,
    memo_stem: TextAnalyzer,
    default: TextAnalyzer,
    stem: TextAnalyzer,
}

impl Analyzers {
    fn new() -> Analyzers {
        let built_in = TokenizerManager::default();
        Analyzers {
            memo_default: analysis::default().into(),
            memo_stem: analysis::en_stem().into(),
            default: built_in.get("default").unwrap(),
            stem: built_in.get("en_stem").unwrap(),
        }
    }

    /// Compare one text's tokens; the number of tokens.
    fn check(&mut self, stemmed: bool, text: &str, what: &str) -> usize {
        let (memo, built_in) = if stemmed {
            (&mut self.memo_stem, &mut self.stem)
        } else {
            (&mut self.memo_default, &mut self.default)
        };
        let expected = analysis::tokens(built_in, text);
        assert_eq!(analysis::tokens(memo, text), expected, "{what}: {text:?}");
        expected.len()
    }
}

/// Analyse every text of every claim document as the writer does (fields in
/// schema order), checking each against the built-in analyzers; the number
/// of tokens checked.
fn check_articles(articles: &[Article]) -> usize {
    let mut analyzers = Analyzers::new();
    let mut tokens = 0;
    for article in articles {
        for claim in &article.claims {
            let what = &claim.id;
            tokens += analyzers.check(true, &claim.text, what);
            tokens += analyzers.check(false, &claim.text, what);
            if let Some(title) = &article.title {
                tokens += analyzers.check(true, title, what);
            }
            if let Some(outlet) = &article.outlet {
                tokens += analyzers.check(false, outlet, what);
            }
            for author in &article.authors {
                tokens += analyzers.check(false, author, what);
            }
            for speaker in claim.quotes.iter().filter_map(|q| q.speaker.as_deref()) {
                tokens += analyzers.check(false, speaker, what);
            }
            for attribution in &claim.attributions {
                tokens += analyzers.check(false, &attribution.source, what);
            }
            for heading in &claim.section {
                tokens += analyzers.check(false, heading, what);
            }
        }
    }
    tokens
}

#[test]
fn seed_claims_get_the_built_in_tokens() {
    let tokens = check_articles(&common::parsed_articles_in(&common::corpus_dir(), 1));
    assert!(tokens > 10_000, "only {tokens} tokens checked");
}

#[test]
fn claims_of_real_corpora_get_the_built_in_tokens() {
    let Some(shared) = common::shared_dir("corpora/tech-proposals-newsletters") else {
        return;
    };
    let corpora = shared.join("corpora");
    let mut total = 0;
    for (folder, step) in [
        ("tech-proposals-newsletters/rust-blog", 2),
        ("tech-proposals-newsletters/python-peps", 10),
        ("tech-proposals-newsletters/bitcoin-optech", 10),
        ("tech-proposals-newsletters/ethereum-eips", 10),
        ("tech-proposals-newsletters/rust-rfcs", 10),
        ("privacyguides-news-analysis", 1),
    ] {
        let dir = corpora.join(folder);
        if !dir.is_dir() {
            continue;
        }
        total += check_articles(&common::parsed_articles_in(&dir, step));
    }
    assert!(total > 500_000, "only {total} tokens checked");
}
