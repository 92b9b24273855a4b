//! Parsing: article bytes in, an [`Article`] of claims out. A pure function
//! of the bytes (and the catalog entry): no file system, no index.
//!
//! Each format has a front end that reads the file into blocks
//! ([`markdown`], [`plain`], [`rst`], with [`metadata`] for front matter and
//! header lines); this module turns blocks into claims: sections from the
//! headings, reference lists into definitions, sentences ([`sentences`]),
//! citations resolved against the definitions ([`citations`]), attributions
//! ([`attributions`]) and the sourcing report ([`report`]).

mod assemble;
pub mod attributions;
pub mod block;
pub mod citations;
pub mod html;
pub mod markdown;
pub mod metadata;
pub mod plain;
pub mod report;
pub mod rst;
pub mod sentences;

use crate::model::{Article, CatalogEntry, MetadataSource, SourceFormat};
use metadata::Metadata;

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
/// The first problem in the file is the one named (a NUL before an invalid
/// UTF-8 sequence is reported as the NUL).
pub fn decode(bytes: &[u8]) -> Result<&str, ParseError> {
    let nul = bytes.iter().position(|&b| b == 0);
    match std::str::from_utf8(bytes) {
        Ok(text) => match nul {
            Some(offset) => Err(ParseError::NulByte { offset }),
            None => Ok(text),
        },
        Err(err) => match nul {
            Some(offset) if offset < err.valid_up_to() => Err(ParseError::NulByte { offset }),
            _ => Err(ParseError::NotUtf8 {
                offset: err.valid_up_to(),
            }),
        },
    }
}

thread_local! {
    /// Set while this thread runs a guarded parse: a panic there becomes
    /// the file's error and is not printed as a crash.
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Where the last guarded panic happened (`file:line`), for its message.
    static PANIC_AT: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Install the process's panic hook: a panic inside [`parse_guarded`] is
/// recorded quietly (it becomes that file's error); any other panic is a
/// bug and is printed as one, by the default hook, after a one-line note.
pub fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if GUARDED.with(std::cell::Cell::get) {
            let at = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()));
            PANIC_AT.with(|slot| *slot.borrow_mut() = at);
            return;
        }
        eprintln!("claimdex: internal error (a bug; please report it with the message below)");
        default(info);
    }));
}

/// Parse one article, catching a parser panic as that file's error.
pub fn parse_guarded(source: &SourceFile) -> Result<Article, ParseError> {
    let was_guarded = GUARDED.with(|g| g.replace(true));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        #[cfg(debug_assertions)]
        panic_on_request(source);
        parse_article(source)
    }));
    GUARDED.with(|g| g.set(was_guarded));
    match outcome {
        Ok(result) => result,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string());
            let at = PANIC_AT.with(|slot| slot.borrow_mut().take());
            Err(ParseError::Panicked(match at {
                Some(at) => format!("{message} (at {at}; a bug, please report it)"),
                None => format!("{message} (a bug, please report it)"),
            }))
        }
    }
}

/// Debug builds only: `CLAIMDEX_TEST_PANIC=NAME` makes the parse of a file
/// whose path ends with NAME panic, so tests can prove a parser panic stays
/// that file's error. Release builds do not have this.
#[cfg(debug_assertions)]
fn panic_on_request(source: &SourceFile) {
    if let Some(name) = std::env::var_os("CLAIMDEX_TEST_PANIC") {
        if !name.is_empty() && source.path.ends_with(&*name.to_string_lossy()) {
            panic!("CLAIMDEX_TEST_PANIC asked this parse to panic");
        }
    }
}

/// The format a file is read as, from its extension.
pub fn format_of(path: &str) -> SourceFormat {
    let ext = std::path::Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "md" | "markdown" | "mdown" | "mkd" => SourceFormat::Markdown,
        "rst" | "rest" => SourceFormat::RestructuredText,
        _ => SourceFormat::PlainText,
    }
}

/// Parse one article.
pub fn parse_article(source: &SourceFile) -> Result<Article, ParseError> {
    let text = decode(source.bytes)?;
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[bom..];
    let format = format_of(&source.path);
    let mut meta = Metadata::default();
    let doc = match format {
        SourceFormat::RestructuredText => rst::read(body, bom, &mut meta),
        SourceFormat::Markdown | SourceFormat::PlainText => {
            let from = metadata::front_matter(body, bom, &mut meta)?.map_or(0, |fm| fm.end);
            if format == SourceFormat::Markdown {
                let mut doc = markdown::read(&body[from..], bom + from);
                assemble::take_bullet_header(&mut doc, &mut meta);
                doc
            } else {
                plain::read(&body[from..], bom + from, &mut meta)
            }
        }
    };
    if let Some(date) = metadata::date_in_path(&source.path) {
        meta.set("published", &date, MetadataSource::FileName);
    }
    let mut article = assemble::article(source, text, format, doc, &mut meta);
    apply_catalog(&mut article, meta, source.catalog);
    crate::dates::annotate(&mut article);
    crate::quotes::annotate(&mut article);
    Ok(article)
}

/// Fill the article's metadata: the text's own first, then the catalog for
/// the fields the text does not give.
fn apply_catalog(article: &mut Article, mut meta: Metadata, catalog: Option<&CatalogEntry>) {
    if let Some(entry) = catalog {
        let source = MetadataSource::Catalog;
        for (field, value) in [
            ("title", &entry.title),
            ("outlet", &entry.outlet),
            ("url", &entry.url),
            ("published", &entry.published),
            ("updated", &entry.updated),
        ] {
            if let Some(value) = value {
                meta.set(field, value, source);
            }
        }
        meta.set_authors(entry.authors.clone(), source);
    }
    article.title = meta.title;
    article.authors = meta.authors;
    article.outlet = meta.outlet;
    article.url = meta.url;
    article.permalink = meta.permalink;
    article.published = meta.published;
    article.updated = meta.updated;
    article.metadata_sources = meta.sources;
}
