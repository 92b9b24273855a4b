//! What every request shares: the archive, its index opened once (a tantivy
//! searcher serves any number of threads), the corpus staleness check, and
//! the bound on index work running at once.
//!
//! The index is opened once, not per request. Before each request the
//! server compares the index folder's generation stamp (two `stat`s) with
//! the one it opened: when an ingest has committed a new generation since,
//! the index is opened again, so the server never answers from an index
//! that has been replaced. When `corpus/` changed without an ingest, every
//! page says so, as the CLI's search does; that check is cached for
//! [`STALENESS_TTL`], so a burst of requests walks the corpus once.

use super::failure::Failure;
use crate::archive::Archive;
use crate::index::freshness::{self, Staleness};
use crate::index::{self, ArchiveIndex};
use anyhow::Result;
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// How long a staleness check of `corpus/` is reused.
pub const STALENESS_TTL: Duration = Duration::from_secs(1);
/// How long a request waits for a turn at the index before it is refused
/// as busy (503).
const QUEUE_TIMEOUT: Duration = Duration::from_secs(30);

/// One opened generation of the index, with what is derived from it.
pub struct Generation {
    pub index: ArchiveIndex,
    /// The index folder's stamp when it was opened.
    stamp: Option<(u64, u64)>,
    /// The last staleness check and when it ran.
    staleness: Mutex<Option<(Instant, Staleness)>>,
    /// The archive's articles (the home page's list), read once per generation.
    articles: OnceLock<Vec<Listed>>,
}

/// One article of the home page's list.
#[derive(Debug, Clone)]
pub struct Listed {
    pub id: String,
    pub path: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub claims: u64,
    pub unresolved_markers: usize,
    /// Why the file was skipped, when it was.
    pub skipped: Option<String>,
}

impl Generation {
    /// The articles of this generation, in path order.
    pub fn articles(&self) -> Result<&[Listed]> {
        if let Some(listed) = self.articles.get() {
            return Ok(listed);
        }
        let listed = self
            .index
            .manifest()?
            .into_iter()
            .map(|entry| {
                let record = entry.record;
                let article = record.article.as_ref();
                Listed {
                    id: entry.article_id,
                    path: record.path.clone(),
                    title: article.and_then(|a| a.title.clone()),
                    outlet: article.and_then(|a| a.outlet.clone()),
                    published: article.and_then(|a| a.published.clone()),
                    claims: record.claims,
                    unresolved_markers: article.map_or(0, |a| a.report.unresolved_markers.len()),
                    skipped: record.skipped.clone(),
                }
            })
            .collect();
        Ok(self.articles.get_or_init(|| listed))
    }
}

/// The server's shared state.
pub struct App {
    pub archive: Archive,
    generation: RwLock<Arc<Generation>>,
    /// Turns at the index: requests beyond this many wait (then 503), so a
    /// flood queues instead of starting a thread per request.
    work: Semaphore,
}

/// What a request works with: the generation it was answered from and
/// whether `corpus/` has changed since that generation was ingested.
pub struct Snapshot {
    pub generation: Arc<Generation>,
    /// The staleness warning, when the corpus changed since the last ingest.
    pub stale: Option<String>,
}

impl Snapshot {
    pub fn index(&self) -> &ArchiveIndex {
        &self.generation.index
    }
}

impl App {
    /// Open the archive's index (building it from `corpus/` when there is
    /// none yet, as every command does).
    pub fn open(archive: Archive, workers: usize) -> Result<App> {
        if !index::index_exists(&archive) {
            // Builds the index (and handles an interrupted first ingest).
            ArchiveIndex::open(&archive)?;
        }
        let generation = open_generation(&archive)?;
        Ok(App {
            archive,
            generation: RwLock::new(Arc::new(generation)),
            work: Semaphore::new(workers.max(1)),
        })
    }

    /// The generation to answer from: the one opened, or the index opened
    /// again when an ingest has replaced it since.
    pub fn current(&self) -> Result<Arc<Generation>> {
        let stamp = index::generation_stamp(&self.archive.index_dir());
        {
            let current = self.generation.read().unwrap_or_else(|p| p.into_inner());
            if stamp.is_some() && current.stamp == stamp {
                return Ok(Arc::clone(&current));
            }
        }
        let mut current = self.generation.write().unwrap_or_else(|p| p.into_inner());
        // Another request may have opened it while this one waited.
        if stamp.is_some() && current.stamp == index::generation_stamp(&self.archive.index_dir()) {
            return Ok(Arc::clone(&current));
        }
        let reopened = Arc::new(open_generation(&self.archive)?);
        eprintln!("claimdex: serve: the index has a new generation: reopened it");
        *current = Arc::clone(&reopened);
        Ok(reopened)
    }

    /// The snapshot a request is answered from.
    pub fn snapshot(&self) -> Result<Snapshot> {
        let generation = self.current()?;
        let stale = self.staleness(&generation)?;
        Ok(Snapshot {
            generation,
            stale: stale.is_stale().then(|| stale.describe()),
        })
    }

    fn staleness(&self, generation: &Generation) -> Result<Staleness> {
        let mut cached = generation
            .staleness
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if let Some((at, staleness)) = cached.as_ref() {
            if at.elapsed() < STALENESS_TTL {
                return Ok(staleness.clone());
            }
        }
        let staleness = freshness::check(&self.archive, &generation.index)?;
        *cached = Some((Instant::now(), staleness.clone()));
        Ok(staleness)
    }

    /// Run index work on a blocking thread, once a turn is free, with the
    /// current snapshot.
    pub async fn blocking<T, F>(self: &Arc<Self>, work: F) -> Result<T, Failure>
    where
        T: Send + 'static,
        F: FnOnce(&App, &Snapshot) -> Result<T, Failure> + Send + 'static,
    {
        let _turn = tokio::time::timeout(QUEUE_TIMEOUT, self.work.acquire())
            .await
            .map_err(|_| Failure::busy())?
            .map_err(|_| Failure::busy())?;
        let app = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let snapshot = app.snapshot()?;
            work(&app, &snapshot)
        })
        .await
        .map_err(|err| Failure::internal(format!("the request's worker failed: {err}")))?
    }
}

fn open_generation(archive: &Archive) -> Result<Generation> {
    let dir = archive.index_dir();
    // The stamp is taken before the open: should a commit land in between,
    // the next request sees a newer stamp and opens again.
    let stamp = index::generation_stamp(&dir);
    let index = ArchiveIndex::open_dir(&dir)?;
    Ok(Generation {
        index,
        stamp,
        staleness: Mutex::new(None),
        articles: OnceLock::new(),
    })
}
