//! The tantivy index of claims: schema, ingest (writing), search (our query
//! language) and [`ArchiveIndex`], the read API the query stages (search,
//! show, verify, cite, related) use.
//!
//! Everything the index knows lives in one tantivy commit: the claim
//! documents, one manifest document per corpus file (path, hash, article
//! metadata) and the payload naming the schema version. A reader sees one
//! whole generation or the one before, never a mix.

pub mod analysis;
pub mod documents;
pub mod exclusion;
pub mod freshness;
pub mod ingest;
pub mod integrity;
pub mod links;
pub mod query;
pub mod readonly;
pub mod schema;
pub mod search;
pub mod stored;

use crate::archive::Archive;
use crate::error::Error;
use crate::model::{Article, Claim};
use anyhow::{Context, Result};
use schema::{Fields, ManifestRecord, Payload};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Index, ReloadPolicy, Searcher, TantivyDocument, Term};

/// Read access to the archive's articles and claims, backed by the index.
pub struct ArchiveIndex {
    index: Index,
    searcher: Searcher,
    fields: Fields,
    payload: Payload,
    /// Address → archived article id, as looked up so far (see `links`).
    addresses: Mutex<HashMap<String, Option<String>>>,
}

/// One corpus file as the index records it.
#[derive(Debug, Clone, PartialEq)]
pub struct ManifestEntry {
    /// The article id the file was indexed under.
    pub article_id: String,
    pub record: ManifestRecord,
}

/// True when the archive has a committed index (it may still be damaged).
pub fn index_exists(archive: &Archive) -> bool {
    archive.index_dir().join("meta.json").is_file()
}

/// True when `dir` holds a created tantivy index with no commit at all: no
/// payload and no segments (what a first ingest killed before its commit
/// leaves).
fn never_committed(dir: &Path) -> bool {
    Index::open_in_dir(dir)
        .and_then(|index| index.load_metas())
        .is_ok_and(|metas| metas.payload.is_none() && metas.segments.is_empty())
}

/// True when `dir` holds files of a tantivy index (anything but our
/// README): without `meta.json` that is a damaged index, not a missing one,
/// and it is never silently rebuilt.
fn holds_index_files(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|entry| entry.file_name() != "README.md")
    })
}

/// What changes when a commit or a rebuild replaces the generation in `dir`:
/// the folder itself (a rebuild swaps it) and `meta.json` (a commit writes a
/// new file and renames it into place). A long-lived reader (`claimdex
/// serve`) compares it with the stamp it opened to see a new generation.
pub fn generation_stamp(dir: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let folder = std::fs::metadata(dir).ok()?.ino();
    let meta = std::fs::metadata(dir.join("meta.json")).ok()?.ino();
    Some((folder, meta))
}

/// The error for an index that cannot be trusted.
pub(crate) fn damaged(what: impl std::fmt::Display) -> anyhow::Error {
    Error::IndexDamaged(what.to_string()).into()
}

/// The error for a failed read of the index: an I/O failure (the disk, a
/// permission, a lock) is reported as what it is, not as damage to rebuild
/// from (fault injection found transient read errors sent users to
/// `--rebuild`); anything else means the index cannot be trusted.
pub(crate) fn read_error(
    what: impl std::fmt::Display,
    err: tantivy::TantivyError,
) -> anyhow::Error {
    if is_io_failure(&err) {
        anyhow::Error::new(err).context(what.to_string())
    } else {
        damaged(format!("{what}: {err}"))
    }
}

/// An I/O error of the system, not a missing file or bytes that do not
/// decode (those are damage).
fn is_io_failure(err: &tantivy::TantivyError) -> bool {
    use tantivy::directory::error::{LockError, OpenReadError, OpenWriteError};
    use tantivy::TantivyError;
    let io = match err {
        TantivyError::IoError(io) => io,
        TantivyError::OpenReadError(OpenReadError::IoError { io_error, .. }) => io_error,
        TantivyError::OpenWriteError(OpenWriteError::IoError { io_error, .. }) => io_error,
        TantivyError::LockFailure(LockError::IoError(io), _) => io,
        _ => return false,
    };
    !matches!(
        io.kind(),
        std::io::ErrorKind::InvalidData
            | std::io::ErrorKind::UnexpectedEof
            | std::io::ErrorKind::NotFound
    )
}

impl ArchiveIndex {
    /// Open the archive's index, building it from `corpus/` first when there
    /// is none yet (one line on stderr says so).
    pub fn open(archive: &Archive) -> Result<ArchiveIndex> {
        let build = |why: &str| {
            eprintln!("claimdex: {why}: building it from corpus/ (claimdex ingest)");
            let options = ingest::IngestOptions {
                progress: false,
                ..ingest::IngestOptions::default()
            };
            ingest::run(archive, &options)
        };
        let dir = archive.index_dir();
        if !index_exists(archive) && !holds_index_files(&dir) {
            build("no index yet")?;
        }
        match Self::open_dir(&dir) {
            // A first ingest interrupted before its commit leaves a created
            // index holding nothing: not damage, just not built yet (the
            // ingest treats it so too).
            Err(err) if never_committed(&dir) => {
                build("the index was never committed (an interrupted first ingest)")
                    .map_err(|build_err| build_err.context(format!("{err:#}")))?;
                Self::open_dir(&dir)
            }
            result => result,
        }
    }

    /// Open a committed index folder for reading. A folder that does not
    /// hold a whole index of this schema version is `Error::IndexDamaged`.
    ///
    /// A reader opens files by path, one after another; a commit (new
    /// `meta.json`, old segment files collected) or a rebuild (the folder
    /// swapped) between two of them makes the files disagree. When that
    /// happened, the open is tried again, so a reader sees the generation
    /// before or after, never a false "damaged".
    pub fn open_dir(dir: &Path) -> Result<ArchiveIndex> {
        let mut retries = 0;
        loop {
            let before = generation_stamp(dir);
            match Self::open_dir_once(dir) {
                Err(_) if retries < 5 && generation_stamp(dir) != before => retries += 1,
                result => return result,
            }
        }
    }

    fn open_dir_once(dir: &Path) -> Result<ArchiveIndex> {
        if !dir.join("meta.json").is_file() {
            return Err(damaged(format!("no index in {}", dir.display())));
        }
        let opened = if readonly::is_read_only(dir) {
            crate::render::warn(&format!(
                "{} is read-only here: reading it without tantivy's meta lock",
                dir.display()
            ));
            readonly::ReadOnlyDirectory::open(dir).and_then(Index::open)
        } else {
            Index::open_in_dir(dir)
        };
        let index = opened.map_err(|err| {
            read_error(format!("cannot open the index in {}", dir.display()), err)
        })?;
        integrity::check_on_open(&index, dir)?;
        Self::from_index(index)
    }

    /// Read an opened tantivy index: check its payload and schema, open a
    /// reader on the committed generation.
    pub fn from_index(index: Index) -> Result<ArchiveIndex> {
        let payload = read_payload(&index)?;
        let fields = Fields::of(&index.schema())
            .map_err(|err| damaged(format!("the index schema is not claimdex's: {err}")))?;
        let reader: tantivy::IndexReader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|err| read_error("cannot read the index", err))?;
        let searcher = reader.searcher();
        Ok(ArchiveIndex {
            index,
            searcher,
            fields,
            payload,
            addresses: Mutex::new(HashMap::new()),
        })
    }

    /// The cache of address lookups (a poisoned lock only means another
    /// thread panicked mid-insert; the map is still a valid cache).
    fn address_cache(&self) -> MutexGuard<'_, HashMap<String, Option<String>>> {
        self.addresses
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The tantivy index (for stages that run their own queries).
    pub fn tantivy(&self) -> &Index {
        &self.index
    }

    /// The tokens the index's analyzer `tokenizer` (`default`: lower-cased
    /// words; `en_stem`: stemmed) makes of `text`: the terms a query for it
    /// must use. Empty for an analyzer the index does not know.
    pub fn analyze(&self, tokenizer: &str, text: &str) -> Vec<String> {
        let Some(mut analyzer) = self.index.tokenizers().get(tokenizer) else {
            return Vec::new();
        };
        let mut stream = analyzer.token_stream(text);
        let mut tokens = Vec::new();
        while let Some(token) = stream.next() {
            tokens.push(token.text.clone());
        }
        tokens
    }

    /// The searcher of the opened generation.
    pub fn searcher(&self) -> &Searcher {
        &self.searcher
    }

    /// The schema's field handles.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The payload of the opened commit.
    pub fn payload(&self) -> &Payload {
        &self.payload
    }

    /// Every document whose `field` holds exactly `value`, in index order.
    fn documents_with(
        &self,
        field: tantivy::schema::Field,
        value: &str,
    ) -> Result<Vec<TantivyDocument>> {
        self.documents_matching(&term_query(field, value))
    }

    /// Every document a query matches, in index order.
    fn documents_matching(
        &self,
        query: &dyn tantivy::query::Query,
    ) -> Result<Vec<TantivyDocument>> {
        self.addresses_matching(query)?
            .into_iter()
            .map(|address| self.document(address))
            .collect()
    }

    /// The address of every document a query matches, in index order.
    fn addresses_matching(&self, query: &dyn tantivy::query::Query) -> Result<Vec<DocAddress>> {
        let found = self
            .searcher
            .search(query, &DocSetCollector)
            .map_err(|err| read_error("cannot search the index", err))?;
        let mut addresses: Vec<DocAddress> = found.into_iter().collect();
        addresses.sort();
        Ok(addresses)
    }

    /// One stored document.
    pub fn document(&self, address: DocAddress) -> Result<TantivyDocument> {
        self.searcher
            .doc(address)
            .map_err(|err| read_error("cannot read a stored document", err))
    }

    /// What the index records about each corpus file (ingested or skipped),
    /// sorted by path.
    pub fn manifest(&self) -> Result<Vec<ManifestEntry>> {
        let mut entries = Vec::new();
        for kind in [schema::KIND_ARTICLE, schema::KIND_SKIPPED] {
            for doc in self.documents_with(self.fields.kind, kind)? {
                entries.push(self.manifest_entry(&doc)?);
            }
        }
        entries.sort_by(|a, b| a.record.path.cmp(&b.record.path));
        Ok(entries)
    }

    /// [`Self::manifest`] without each article's metadata and report
    /// (`record.article` is `None`): paths, hashes, sizes, times and claim
    /// counts, in a small constant per file however large the articles.
    pub fn manifest_files(&self) -> Result<Vec<ManifestEntry>> {
        let mut entries = Vec::new();
        for kind in [schema::KIND_ARTICLE, schema::KIND_SKIPPED] {
            // One stored document at a time: only the records are kept.
            for address in self.addresses_matching(&term_query(self.fields.kind, kind))? {
                let doc = self.document(address)?;
                let record = documents::record_fields_of(&self.fields, &doc).map_err(damaged)?;
                entries.push(ManifestEntry {
                    article_id: record.article_id.clone(),
                    record,
                });
            }
        }
        entries.sort_by(|a, b| a.record.path.cmp(&b.record.path));
        Ok(entries)
    }

    fn manifest_entry(&self, doc: &TantivyDocument) -> Result<ManifestEntry> {
        let record = documents::record_of(&self.fields, doc).map_err(damaged)?;
        Ok(ManifestEntry {
            article_id: record.article_id.clone(),
            record,
        })
    }

    /// The article metadata (claims left empty) of an article id, from its
    /// manifest document.
    pub fn article_header(&self, id: &str) -> Result<Option<Article>> {
        let query = BooleanQuery::intersection(vec![
            Box::new(term_query(self.fields.kind, schema::KIND_ARTICLE)),
            Box::new(term_query(self.fields.article_id, id)),
        ]);
        match self.documents_matching(&query)?.first() {
            Some(doc) => Ok(self.manifest_entry(doc)?.record.article),
            None => Ok(None),
        }
    }

    /// Every article, in id order, with its claims.
    pub fn articles(&self) -> Result<Vec<Article>> {
        let mut ids: Vec<String> = self
            .manifest_files()?
            .into_iter()
            .filter(|entry| entry.record.skipped.is_none())
            .map(|entry| entry.article_id)
            .collect();
        ids.sort();
        ids.dedup();
        let mut articles = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(article) = self.article(&id)? {
                articles.push(article);
            }
        }
        Ok(articles)
    }

    /// One article by id, with its claims in order.
    pub fn article(&self, id: &str) -> Result<Option<Article>> {
        let Some(mut article) = self.article_header(id)? else {
            return Ok(None);
        };
        let query = BooleanQuery::intersection(vec![
            Box::new(term_query(self.fields.kind, schema::KIND_CLAIM)),
            Box::new(term_query(self.fields.article_id, id)),
        ]);
        let mut claims = self
            .documents_matching(&query)?
            .iter()
            .map(|doc| documents::claim_of(&self.fields, doc).map_err(damaged))
            .collect::<Result<Vec<Claim>>>()?;
        claims.sort_by_key(|claim| claim.ordinal);
        article.claims = claims;
        self.resolve_article_citations(&mut article)?;
        Ok(Some(article))
    }

    /// One claim by id (`article#n`), with its article.
    pub fn claim(&self, id: &str) -> Result<Option<(Article, Claim)>> {
        let Some((article_id, _)) = id.rsplit_once('#') else {
            return Ok(None);
        };
        let Some(article) = self.article(article_id)? else {
            return Ok(None);
        };
        let claim = article.claims.iter().find(|c| c.id == id).cloned();
        Ok(claim.map(|claim| (article, claim)))
    }
}

fn term_query(field: tantivy::schema::Field, value: &str) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    )
}

/// Read and check the commit payload.
pub(crate) fn read_payload(index: &Index) -> Result<Payload> {
    let metas = index
        .load_metas()
        .map_err(|err| read_error("cannot read the index metadata", err))?;
    payload_of(&metas)
}

/// Check the commit payload of metadata already read.
pub(crate) fn payload_of(metas: &tantivy::IndexMeta) -> Result<Payload> {
    let Some(text) = &metas.payload else {
        return Err(damaged("the index has no claimdex commit payload"));
    };
    let payload: Payload = serde_json::from_str(text)
        .context("malformed payload")
        .map_err(|err| damaged(format!("the index commit payload is unreadable: {err:#}")))?;
    if payload.schema_version != schema::SCHEMA_VERSION {
        return Err(Error::IndexOutdated(format!(
            "the index was built with schema version {} (claimdex {}); this claimdex uses schema version {}",
            payload.schema_version,
            payload.claimdex_version,
            schema::SCHEMA_VERSION
        ))
        .into());
    }
    if !payload.seal_is_valid() {
        return Err(damaged(
            "the commit payload in meta.json does not match its seal (meta.json was changed)",
        ));
    }
    if payload.opstamp != metas.opstamp {
        return Err(damaged(format!(
            "meta.json names commit {} but its payload was written with commit {}",
            metas.opstamp, payload.opstamp
        )));
    }
    Ok(payload)
}
