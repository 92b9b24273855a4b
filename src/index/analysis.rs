//! The index writer's text analysis: the very tokens of tantivy's built-in
//! `default` and `en_stem` analyzers, with repeated work memoised.
//!
//! Analysis was most of the indexing CPU of an ingest: each claim's text was
//! analysed twice (`text` stemmed, `text_exact` not), its article's title,
//! outlet, authors and section headings again for every claim, and the
//! Snowball stemmer costs ~1,650 instructions a word. So each writer thread
//! keeps
//!
//! - the `default` analysis (words, offsets, positions) of the texts it saw
//!   last ([`Recent`]): `text_exact` replays the analysis `text` just made of
//!   the same claim text, and the next claims of an article replay their
//!   title, authors, outlet and headings;
//! - the stems it has made ([`Stems`]): `en_stem` is `default` with each word
//!   replaced by its stem, and a word seen before costs a hash lookup.
//!
//! Both memos are keyed by the whole text (or word), so a text is analysed
//! by tantivy's own `default` analyzer and a word stemmed by tantivy's own
//! `Stemmer` filter the first time, and a replay gives the same tokens: the
//! index holds exactly what the built-in analyzers would have made. Only the
//! writer's `Index` gets these analyzers ([`register`]); readers and queries
//! use the built-in ones, and the tests compare the two on whole corpora.

use rustc_hash::FxHashMap;
use std::cell::RefCell;
use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenStream, Tokenizer, TokenizerManager,
};
use tantivy::Index;

/// The analyzer names this module reproduces.
pub const DEFAULT: &str = "default";
pub const EN_STEM: &str = "en_stem";

/// Analyses of recent texts each writer thread keeps: more than the values
/// one claim document repeats from its article (title, outlet, a few
/// authors, a few headings) besides its own text and speakers.
const RECENT_TEXTS: usize = 32;

/// Texts longer than this are analysed but not kept (a claim's text is
/// seldom repeated beyond the next field; this bounds the memo's memory).
const LONGEST_KEPT_TEXT: usize = 64 * 1024;

/// Stems kept per analyzer before the memo starts afresh, so a writer
/// thread's memory stays bounded whatever the vocabulary (a word and its
/// stem take well under 100 bytes: a few MiB at most).
const MEMO_CAPACITY: usize = 64 * 1024;

/// Register the memoised `default` and `en_stem` on the index the writer
/// will use (its segment writers take their analyzers from
/// `index.tokenizers()`).
pub fn register(index: &Index) {
    index.tokenizers().register(DEFAULT, default());
    index.tokenizers().register(EN_STEM, en_stem());
}

/// tantivy's `default` analyzer, memoised.
pub fn default() -> MemoAnalyzer {
    MemoAnalyzer::new(None)
}

/// tantivy's `en_stem` analyzer (`default`, then English stems), memoised.
pub fn en_stem() -> MemoAnalyzer {
    MemoAnalyzer::new(Some(Language::English))
}

/// The built-in analyzer of that name, as every reader of the index has it.
fn built_in(name: &str) -> TextAnalyzer {
    // Only ever called with `DEFAULT` or `EN_STEM`, which
    // `TokenizerManager::default` always registers: another analyzer in
    // their place would index other tokens than every reader looks for.
    TokenizerManager::default()
        .get(name)
        .expect("tantivy's default tokenizer manager has `default` and `en_stem`")
}

/// One text's `default` analysis, compactly: the words one after another in
/// one string, and each token's place.
#[derive(Clone, Default)]
struct Analysis {
    text: String,
    words: String,
    tokens: Vec<TokenPlace>,
}

#[derive(Clone, Copy)]
struct TokenPlace {
    offset_from: usize,
    offset_to: usize,
    position: usize,
    position_length: usize,
    /// End of the token's word in `words` (it starts where the last ended).
    word_end: usize,
}

impl Analysis {
    /// Analyse `text` with `analyzer` into `self`, reusing its buffers.
    fn make(&mut self, analyzer: &mut TextAnalyzer, text: &str) {
        self.text.clear();
        self.text.push_str(text);
        self.words.clear();
        self.tokens.clear();
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            self.words.push_str(&token.text);
            self.tokens.push(TokenPlace {
                offset_from: token.offset_from,
                offset_to: token.offset_to,
                position: token.position,
                position_length: token.position_length,
                word_end: self.words.len(),
            });
        }
    }

    /// Set `token` to the `n`th token (reusing its text's buffer).
    fn fill(&self, n: usize, token: &mut Token) {
        let place = self.tokens[n];
        let start = match n {
            0 => 0,
            _ => self.tokens[n - 1].word_end,
        };
        token.offset_from = place.offset_from;
        token.offset_to = place.offset_to;
        token.position = place.position;
        token.position_length = place.position_length;
        token.text.clear();
        token.text.push_str(&self.words[start..place.word_end]);
    }
}

/// The `default` analyses of the texts a thread analysed last, the least
/// recently used one replaced first.
#[derive(Default)]
struct Recent {
    /// (last use, analysis)
    entries: Vec<(u64, Analysis)>,
    clock: u64,
}

thread_local! {
    /// Shared by all memoised analyzers of the thread: the one for `text`
    /// and the one for `text_exact` see the same claim text.
    static RECENT: RefCell<Recent> = RefCell::new(Recent::default());
}

impl Recent {
    /// Copy the analysis of `text` into `into`, made with `analyzer` and
    /// kept unless it is already known.
    fn analyse(&mut self, analyzer: &mut TextAnalyzer, text: &str, into: &mut Analysis) {
        self.clock += 1;
        if let Some((used, known)) = self.entries.iter_mut().find(|(_, a)| a.text == text) {
            *used = self.clock;
            into.clone_from(known);
            return;
        }
        into.make(analyzer, text);
        if text.len() > LONGEST_KEPT_TEXT {
            return;
        }
        if self.entries.len() < RECENT_TEXTS {
            self.entries.push((self.clock, into.clone()));
        } else if let Some((used, oldest)) = self.entries.iter_mut().min_by_key(|(used, _)| *used) {
            *used = self.clock;
            oldest.clone_from(into);
        }
    }
}

/// tantivy's `default` analyzer, or `default` then a stemmer, with the
/// analyses of recent texts and the stems kept.
#[derive(Clone)]
pub struct MemoAnalyzer {
    /// The built-in `default` analyzer, for texts not seen lately.
    default: TextAnalyzer,
    /// The stems, for `en_stem`.
    stems: Option<Stems>,
    /// The analysis being replayed, and the token handed out.
    current: Analysis,
    token: Token,
}

impl MemoAnalyzer {
    fn new(stemmer: Option<Language>) -> MemoAnalyzer {
        MemoAnalyzer {
            default: built_in(DEFAULT),
            stems: stemmer.map(Stems::new),
            current: Analysis::default(),
            token: Token::default(),
        }
    }
}

impl Tokenizer for MemoAnalyzer {
    type TokenStream<'a> = MemoStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> MemoStream<'a> {
        RECENT.with(|recent| {
            recent
                .borrow_mut()
                .analyse(&mut self.default, text, &mut self.current)
        });
        MemoStream {
            analysis: &self.current,
            next: 0,
            token: &mut self.token,
            stems: self.stems.as_mut(),
        }
    }
}

/// The token stream of [`MemoAnalyzer`]: its analysis replayed, each word
/// stemmed for `en_stem`.
pub struct MemoStream<'a> {
    analysis: &'a Analysis,
    next: usize,
    token: &'a mut Token,
    stems: Option<&'a mut Stems>,
}

impl TokenStream for MemoStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next >= self.analysis.tokens.len() {
            return false;
        }
        self.analysis.fill(self.next, self.token);
        self.next += 1;
        if let Some(stems) = self.stems.as_deref_mut() {
            stems.stem_in_place(&mut self.token.text);
        }
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// The stem memo: word → stem, and tantivy's stemmer for words not seen yet.
#[derive(Clone)]
struct Stems {
    /// tantivy's `Stemmer` behind a tokenizer that hands it the whole
    /// word as one token: the stem the built-in analyzer would make.
    stemmer: TextAnalyzer,
    known: FxHashMap<String, String>,
}

impl Stems {
    fn new(language: Language) -> Stems {
        Stems {
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(language))
                .build(),
            known: FxHashMap::default(),
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

/// The tokens `analyzer` makes of `text` (for the tests that compare these
/// analyzers with the built-in ones).
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
    let mut stream = analyzer.token_stream(text);
    let mut tokens = Vec::new();
    while let Some(token) = stream.next() {
        tokens.push(token.clone());
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts() -> Vec<String> {
        let mut texts: Vec<String> = [
            "Running runners ran; the runner's RUNS were running.",
            "Ünïcödé wörds, straße and ÉCOLE: généralement généralisation",
            "",
            "a",
            "averyveryveryveryveryveryveryverylongwordthatisdropped kept",
            "Generalizations generalize generally; generalizations again.",
            "I’m 42 years old, it’s 3.14159 and x86_64 runs",
        ]
        .map(String::from)
        .to_vec();
        // More texts than the memo keeps, so some are replaced.
        texts.extend((0..RECENT_TEXTS * 2).map(|n| format!("text {n} of many texts")));
        texts
    }

    #[test]
    fn memoised_analyzers_make_the_built_in_tokens() {
        for (name, memoised) in [(DEFAULT, default()), (EN_STEM, en_stem())] {
            let mut built_in = built_in(name);
            let mut memoised = TextAnalyzer::from(memoised);
            // Over and over, in changing orders: later passes replay.
            for round in 0..3 {
                let mut texts = texts();
                texts.rotate_left(round * 5);
                for text in texts.iter().chain(texts.iter().rev()) {
                    assert_eq!(
                        tokens(&mut memoised, text),
                        tokens(&mut built_in, text),
                        "{name} {text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_full_stem_memo_starts_afresh_and_stays_exact() {
        let mut built_in = built_in(EN_STEM);
        let mut memoised = TextAnalyzer::from(en_stem());
        let text: String = (0..MEMO_CAPACITY + 10)
            .map(|n| format!("word{n}ing "))
            .collect();
        assert_eq!(tokens(&mut memoised, &text), tokens(&mut built_in, &text));
        assert_eq!(tokens(&mut memoised, &text), tokens(&mut built_in, &text));
    }
}
