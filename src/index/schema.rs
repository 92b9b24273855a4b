//! The tantivy schema of the claims index: one document per claim, one
//! manifest document per corpus file (what was ingested, with its hash and
//! the article's metadata), and the commit payload that names the schema
//! version. Field names here are the ones other stages may query directly
//! (verify runs phrase queries on [`TEXT_EXACT`]).

use serde::{Deserialize, Serialize};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, STORED,
};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{Index, IndexSettings};

/// Bumped whenever the schema, the index settings or the meaning of a stored
/// field changes; an index with another version must be rebuilt (`ingest
/// --rebuild`).
pub const SCHEMA_VERSION: u32 = 3;

/// Bytes of stored documents compressed together. Larger blocks compress the
/// stored claims better (neighbouring claims share their article id, section
/// and vocabulary) but a stored document costs the decompression of its
/// whole block; 64 KiB of zstd decompresses in well under a millisecond.
pub const DOCSTORE_BLOCK_SIZE: usize = 64 * 1024;
/// zstd level of the document store: compression costs the ingest (levels 6
/// to 9 compress the stored claims at about the same speed, 3 about 3x
/// faster but 5% larger), while decompression runs at the same speed
/// whatever the level.
pub const DOCSTORE_ZSTD_LEVEL: i32 = 9;

/// What a document stands for: [`KIND_CLAIM`], [`KIND_ARTICLE`] or [`KIND_SKIPPED`].
pub const KIND: &str = "kind";
/// Corpus path (`corpus/...`) of the source file, on every document: the key
/// that replaces or removes everything a file contributed.
pub const PATH: &str = "path";
/// The article id, on every document.
pub const ARTICLE_ID: &str = "article_id";
/// The claim id (`article#n`), on claim documents.
pub const CLAIM_ID: &str = "claim_id";
/// Claim text, stemmed (`en_stem`), frequencies only: word queries.
pub const TEXT: &str = "text";
/// Claim text, unstemmed (`default` tokenizer), with positions: exact
/// phrases, typo-tolerant matching and quotation lookup.
pub const TEXT_EXACT: &str = "text_exact";
/// The article's title, stemmed, on each claim (ranked below the claim's own words).
pub const TITLE: &str = "title";
/// Filter fields on claim documents (`outlet:`, `author:`, `speaker:`, `section:`).
pub const OUTLET: &str = "outlet";
pub const AUTHOR: &str = "author";
pub const SPEAKER: &str = "speaker";
pub const SECTION: &str = "section";
/// Flags of a claim: [`FLAG_CITED`], [`FLAG_DATED`], [`FLAG_UNDATED`],
/// [`FLAG_PUBLISHED`], [`FLAG_UNPUBLISHED`].
pub const FLAGS: &str = "flags";
/// First and last day (days since 1970-01-01) of each event date of a claim.
pub const EVENT_START: &str = "event_start";
pub const EVENT_END: &str = "event_end";
/// The article's publication day (days since 1970-01-01), on each claim.
pub const PUBLISHED: &str = "published";
/// The addresses an article is known by (`chains::article_addresses`: its
/// normalised URL, permalink, corpus path), raw, on article manifest documents.
pub const ADDRESS: &str = "address";
/// The addresses a claim's citations point at (`chains::link_addresses`),
/// raw, on claim documents: what "cited by" looks up.
pub const CITES: &str = "cites";
/// The stored model JSON: a [`crate::model::Claim`] on claim documents, a
/// [`ManifestRecord`] on manifest documents, in the compact form of
/// [`super::stored`].
pub const JSON: &str = "json";

pub const KIND_CLAIM: &str = "claim";
pub const KIND_ARTICLE: &str = "article";
pub const KIND_SKIPPED: &str = "skipped";

pub const FLAG_CITED: &str = "cited";
pub const FLAG_DATED: &str = "dated";
pub const FLAG_UNDATED: &str = "undated";
pub const FLAG_PUBLISHED: &str = "published";
pub const FLAG_UNPUBLISHED: &str = "unpublished";

/// The field handles of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub kind: Field,
    pub path: Field,
    pub article_id: Field,
    pub claim_id: Field,
    pub text: Field,
    pub text_exact: Field,
    pub title: Field,
    pub outlet: Field,
    pub author: Field,
    pub speaker: Field,
    pub section: Field,
    pub flags: Field,
    pub event_start: Field,
    pub event_end: Field,
    pub published: Field,
    pub address: Field,
    pub cites: Field,
    pub json: Field,
}

/// A keyword field: the whole value one term, no frequencies, no field
/// norms. These fields only filter or look up (kind, path, ids, flags,
/// addresses), never rank, so a length norm per document would be wasted.
fn keyword_field() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    )
}

fn text_field(tokenizer: &str, record: IndexRecordOption) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record),
    )
}

/// Build the schema.
pub fn build() -> Schema {
    let mut builder = Schema::builder();
    builder.add_text_field(KIND, keyword_field());
    builder.add_text_field(PATH, keyword_field());
    builder.add_text_field(ARTICLE_ID, keyword_field());
    builder.add_text_field(CLAIM_ID, keyword_field());
    builder.add_text_field(TEXT, text_field("en_stem", IndexRecordOption::WithFreqs));
    builder.add_text_field(
        TEXT_EXACT,
        text_field("default", IndexRecordOption::WithFreqsAndPositions),
    );
    builder.add_text_field(TITLE, text_field("en_stem", IndexRecordOption::WithFreqs));
    for name in [OUTLET, AUTHOR, SPEAKER, SECTION] {
        builder.add_text_field(
            name,
            text_field("default", IndexRecordOption::WithFreqsAndPositions),
        );
    }
    builder.add_text_field(FLAGS, keyword_field());
    let day = NumericOptions::default().set_fast();
    builder.add_i64_field(EVENT_START, day.clone());
    builder.add_i64_field(EVENT_END, day.clone());
    builder.add_i64_field(PUBLISHED, day);
    builder.add_text_field(ADDRESS, keyword_field());
    builder.add_text_field(CITES, keyword_field());
    builder.add_text_field(JSON, STORED);
    builder.build()
}

/// The index settings claimdex writes: zstd for the document store, in
/// blocks of [`DOCSTORE_BLOCK_SIZE`].
pub fn settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(DOCSTORE_ZSTD_LEVEL),
        }),
        docstore_blocksize: DOCSTORE_BLOCK_SIZE,
        ..IndexSettings::default()
    }
}

/// Whether an index has this version's schema and settings (an index
/// created by another version has not).
pub fn is_current(index: &Index) -> bool {
    let same = |a: serde_json::Result<serde_json::Value>,
                b: serde_json::Result<serde_json::Value>| {
        matches!((a, b), (Ok(a), Ok(b)) if a == b)
    };
    same(
        serde_json::to_value(index.schema()),
        serde_json::to_value(build()),
    ) && same(
        serde_json::to_value(index.settings()),
        serde_json::to_value(settings()),
    )
}

/// Create a new, empty claimdex index (schema and settings) in `dir`.
pub fn create_in_dir(dir: &std::path::Path) -> tantivy::Result<Index> {
    Index::builder()
        .schema(build())
        .settings(settings())
        .create_in_dir(dir)
}

impl Fields {
    /// Look the fields up in a schema; an error names the missing field
    /// (an index from another version).
    pub fn of(schema: &Schema) -> tantivy::Result<Fields> {
        let get = |name: &str| schema.get_field(name);
        Ok(Fields {
            kind: get(KIND)?,
            path: get(PATH)?,
            article_id: get(ARTICLE_ID)?,
            claim_id: get(CLAIM_ID)?,
            text: get(TEXT)?,
            text_exact: get(TEXT_EXACT)?,
            title: get(TITLE)?,
            outlet: get(OUTLET)?,
            author: get(AUTHOR)?,
            speaker: get(SPEAKER)?,
            section: get(SECTION)?,
            flags: get(FLAGS)?,
            event_start: get(EVENT_START)?,
            event_end: get(EVENT_END)?,
            published: get(PUBLISHED)?,
            address: get(ADDRESS)?,
            cites: get(CITES)?,
            json: get(JSON)?,
        })
    }
}

/// The commit payload: written with every commit, read on every open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Payload {
    /// [`SCHEMA_VERSION`] of the writer.
    pub schema_version: u32,
    /// The claimdex version that wrote the commit.
    pub claimdex_version: String,
    /// Articles, skipped files and claims in the index after this commit.
    pub articles: u64,
    pub skipped: u64,
    pub claims: u64,
    /// Fingerprint of the corpus's paths, sizes and modification times when
    /// ingested (see `freshness`): a cheap staleness check for `search`.
    pub corpus_fingerprint: String,
    /// The opstamp of the commit this payload was written with: `meta.json`
    /// must name the same one.
    pub opstamp: u64,
    /// blake3 of the payload's other fields ([`Payload::seal`]): a payload
    /// changed on disk no longer matches it.
    pub seal: String,
}

impl Payload {
    /// The payload with its seal set.
    pub fn sealed(mut self) -> Payload {
        self.seal = self.computed_seal();
        self
    }

    /// True when the seal matches the other fields.
    pub fn seal_is_valid(&self) -> bool {
        self.seal == self.computed_seal()
    }

    fn computed_seal(&self) -> String {
        let unsealed = Payload {
            seal: String::new(),
            ..self.clone()
        };
        // Serialising a struct of plain fields cannot fail.
        let text = serde_json::to_string(&unsealed).unwrap_or_default();
        blake3::hash(text.as_bytes()).to_hex().to_string()
    }
}

/// The path the catalog file is fingerprinted under.
pub const CATALOG_PATH: &str = "corpus/catalog.toml";

/// What the manifest document of one corpus file records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestRecord {
    /// The article id the file is indexed under.
    pub article_id: String,
    /// `corpus/...` path.
    pub path: String,
    /// blake3 hash (hex) of the bytes ingested.
    pub hash: String,
    /// blake3 hash (hex) of the file's catalog entry as used (empty when it
    /// has none): a catalog edit re-reads the file.
    pub catalog_hash: String,
    /// Size in bytes and modification time (ns since the epoch) when
    /// ingested: a cheap hint for the staleness check, never for skipping.
    pub size: u64,
    pub mtime_ns: i128,
    /// Number of claims indexed from the file.
    pub claims: u64,
    /// Why the file was skipped, for a skipped file.
    pub skipped: Option<String>,
    /// The article's metadata, definitions and report (its `claims` left
    /// empty: they are the claim documents), for an ingested file.
    pub article: Option<crate::model::Article>,
}
