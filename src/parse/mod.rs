//! Parsing: article bytes in, an [`Article`] of claims out. A pure function
//! of the bytes (and the catalog entry): no file system, no index.
//!
//! NOTE: this is the skeleton's naive line-per-claim parser; the full parser
//! (Markdown, plain text, reStructuredText, metadata, sentences, citations)
//! replaces it.

use crate::model::{
    Article, ArticleReport, CatalogEntry, Claim, ClaimKind, Location, SourceFormat,
};
use std::collections::BTreeMap;

/// One source file to parse.
#[derive(Debug, Clone)]
pub struct SourceFile<'a> {
    /// The article id (see `archive::article_id`).
    pub id: String,
    /// The path to record and show (`corpus/...`).
    pub path: String,
    /// The bytes exactly as read.
    pub bytes: &'a [u8],
    /// What the sidecar catalog says about the file, if anything.
    pub catalog: Option<&'a CatalogEntry>,
}

/// Why a file could not be parsed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ParseError {
    #[error("not valid UTF-8 at byte offset {offset}")]
    NotUtf8 { offset: usize },
    #[error("holds a NUL byte at byte offset {offset} (binary file?)")]
    NulByte { offset: usize },
    #[error("malformed front matter at line {line}: {message}")]
    FrontMatter { line: u32, message: String },
    #[error("the parser failed: {0}")]
    Panicked(String),
}

/// The blake3 hash (hex) of source bytes.
pub fn content_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// Check that the bytes are text we may quote: UTF-8 without NUL bytes.
pub fn decode(bytes: &[u8]) -> Result<&str, ParseError> {
    let text = std::str::from_utf8(bytes).map_err(|err| ParseError::NotUtf8 {
        offset: err.valid_up_to(),
    })?;
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(ParseError::NulByte { offset });
    }
    Ok(text)
}

/// Parse one article, catching a parser panic as that file's error.
pub fn parse_guarded(source: &SourceFile) -> Result<Article, ParseError> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parse_article(source))) {
        Ok(result) => result,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string());
            Err(ParseError::Panicked(message))
        }
    }
}

/// Parse one article.
pub fn parse_article(source: &SourceFile) -> Result<Article, ParseError> {
    let text = decode(source.bytes)?;
    let mut claims = Vec::new();
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let ordinal = claims.len() as u32 + 1;
            let start = offset + (line.len() - line.trim_start().len());
            claims.push(Claim {
                id: format!("{}#{}", source.id, ordinal),
                ordinal,
                text: trimmed.split_whitespace().collect::<Vec<_>>().join(" "),
                kind: ClaimKind::Sentence,
                section: Vec::new(),
                paragraph: ordinal,
                location: Location {
                    line: index as u32 + 1,
                    end_line: index as u32 + 1,
                    byte_start: start,
                    byte_end: start + trimmed.len(),
                },
                citations: Vec::new(),
                attributions: Vec::new(),
                dates: Vec::new(),
                quotes: Vec::new(),
            });
        }
        offset += line.len();
    }
    let mut article = Article {
        id: source.id.clone(),
        path: source.path.clone(),
        hash: content_hash(source.bytes),
        format: SourceFormat::PlainText,
        title: None,
        authors: Vec::new(),
        outlet: None,
        url: None,
        published: None,
        updated: None,
        ingested: None,
        metadata_sources: BTreeMap::new(),
        claims,
        citation_definitions: Vec::new(),
        report: ArticleReport::default(),
    };
    crate::dates::annotate(&mut article);
    crate::quotes::annotate(&mut article);
    Ok(article)
}
