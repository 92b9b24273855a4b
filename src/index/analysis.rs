//! The index writer's text analysis: the very tokens of tantivy's built-in
//! `en_stem` analyzer, with the English stemmer's work memoised.
//!
//! Stemming was most of the indexing CPU of an ingest (a word costs the
//! Snowball stemmer ~1,650 instructions, and a claim's words are stemmed for
//! `text` and its article's title again for `title` on every claim). Words
//! repeat, so each writer thread keeps the stems it has made: a repeated word
//! costs a hash lookup. A stem is made the first time by tantivy's own
//! `Stemmer` filter on the very word the built-in analyzer would hand it,
//! so the tokens (text, offsets, positions) are the built-in ones and the
//! index holds exactly what it would without the memo. Only the writer's
//! `Index` gets this analyzer ([`register`]); readers and queries use the
//! built-in one, and the tests compare the two on whole corpora.

use std::collections::HashMap;
use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    Token, TokenFilter, TokenStream, Tokenizer,
};
use tantivy::Index;

/// The analyzer name whose built-in this module reproduces.
pub const EN_STEM: &str = "en_stem";

/// Longest token the built-in analyzers keep, in bytes (tantivy's
/// `RemoveLongFilter::limit(40)` in `TokenizerManager::default`).
const LONGEST_TOKEN: usize = 40;

/// Stems kept per analyzer before the memo starts afresh, so a writer
/// thread's memory stays bounded whatever the vocabulary (a word and its
/// stem take well under 100 bytes: a few MiB at most).
const MEMO_CAPACITY: usize = 64 * 1024;

/// Register the memoised `en_stem` on the index the writer will use (its
/// segment writers take their analyzers from `index.tokenizers()`).
pub fn register(index: &Index) {
    index.tokenizers().register(EN_STEM, en_stem());
}

/// `en_stem` as tantivy builds it (simple words, long ones removed,
/// lower-cased, English stems), with the stems memoised.
pub fn en_stem() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_TOKEN))
        .filter(LowerCaser)
        .filter(MemoStemmer::new(Language::English))
        .build()
}

/// A token filter that replaces each token's text by its stem, as tantivy's
/// `Stemmer` does, remembering the stems it has made.
#[derive(Clone)]
pub struct MemoStemmer {
    language: Language,
}

impl MemoStemmer {
    pub fn new(language: Language) -> MemoStemmer {
        MemoStemmer { language }
    }
}

impl TokenFilter for MemoStemmer {
    type Tokenizer<T: Tokenizer> = MemoStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MemoStemmerFilter<T> {
        MemoStemmerFilter {
            inner: tokenizer,
            stems: Stems::new(self.language),
        }
    }
}

/// The tokenizer [`MemoStemmer`] makes of the one before it.
#[derive(Clone)]
pub struct MemoStemmerFilter<T> {
    inner: T,
    stems: Stems,
}

impl<T: Tokenizer> Tokenizer for MemoStemmerFilter<T> {
    type TokenStream<'a> = MemoStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MemoStemmerStream {
            tail: self.inner.token_stream(text),
            stems: &mut self.stems,
        }
    }
}

/// The token stream of [`MemoStemmerFilter`].
pub struct MemoStemmerStream<'a, T> {
    tail: T,
    stems: &'a mut Stems,
}

impl<T: TokenStream> TokenStream for MemoStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.stems.stem_in_place(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// The memo: word → stem, and tantivy's stemmer for words not seen yet.
#[derive(Clone)]
struct Stems {
    /// tantivy's `Stemmer` behind a tokenizer that hands it the whole
    /// word as one token: the stem the built-in analyzer would make.
    stemmer: TextAnalyzer,
    known: HashMap<String, String>,
}

impl Stems {
    fn new(language: Language) -> Stems {
        Stems {
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(language))
                .build(),
            known: HashMap::new(),
        }
    }

    /// Replace `word` by its stem.
    fn stem_in_place(&mut self, word: &mut String) {
        if let Some(stem) = self.known.get(word.as_str()) {
            if stem != word {
                word.clear();
                word.push_str(stem);
            }
            return;
        }
        let stem = self.stem_of(word);
        if self.known.len() >= MEMO_CAPACITY {
            self.known.clear();
        }
        let word = std::mem::replace(word, stem.clone());
        self.known.insert(word, stem);
    }

    /// The stem tantivy's `Stemmer` makes of one word.
    fn stem_of(&mut self, word: &str) -> String {
        let mut stream = self.stemmer.token_stream(word);
        // The raw tokenizer makes exactly one token of any text.
        match stream.next() {
            Some(token) => token.text.clone(),
            None => word.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TokenizerManager;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
        let mut stream = analyzer.token_stream(text);
        let mut tokens = Vec::new();
        while let Some(token) = stream.next() {
            tokens.push(token.clone());
        }
        tokens
    }

    #[test]
    fn memoised_en_stem_makes_the_built_in_tokens() {
        let mut built_in = TokenizerManager::default().get(EN_STEM).unwrap();
        let mut memoised = en_stem();
        let texts = [
            "Running runners ran; the runner's RUNS were running.",
            "Ünïcödé wörds, straße and ÉCOLE: généralement généralisation",
            "",
            "a",
            "averyveryveryveryveryveryveryverylongwordthatisdropped kept",
            "Generalizations generalize generally; generalizations again.",
            "I’m 42 years old, it’s 3.14159 and x86_64 runs",
        ];
        // Twice over: the second pass answers from the memo.
        for text in texts.iter().chain(texts.iter()) {
            assert_eq!(
                tokens(&mut memoised, text),
                tokens(&mut built_in, text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_full_memo_starts_afresh_and_stays_exact() {
        let mut built_in = TokenizerManager::default().get(EN_STEM).unwrap();
        let mut memoised = en_stem();
        let text: String = (0..MEMO_CAPACITY + 10)
            .map(|n| format!("word{n}ing "))
            .collect();
        assert_eq!(tokens(&mut memoised, &text), tokens(&mut built_in, &text));
        assert_eq!(tokens(&mut memoised, &text), tokens(&mut built_in, &text));
    }
}
