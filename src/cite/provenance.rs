//! What a citation may rely on about the archived copy: that the source file
//! is still the one that was ingested (else `SourceChanged`, exit 5), and
//! the day it was ingested (the access date).

use crate::archive::Archive;
use crate::error::Error;
use crate::model::Article;
use crate::parse::content_hash;
use anyhow::Result;
use chrono::{DateTime, SecondsFormat, Utc};

/// Check that the article's source file still has the hash it was ingested
/// with, and fill `ingested` when the index has not recorded it: then the
/// corpus file's modification time stands in (ingest copies a file into
/// `corpus/`, so that is when the archive got it).
pub fn prepare(archive: &Archive, article: &mut Article) -> Result<()> {
    let path = archive.root.join(&article.path);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::SourceChanged(format!(
                "{} (article {}) is no longer in the corpus",
                article.path, article.id
            ))
            .into())
        }
        Err(err) => {
            return Err(anyhow::Error::new(err).context(format!("cannot read {}", path.display())))
        }
    };
    let now = content_hash(&bytes);
    if now != article.hash {
        return Err(Error::SourceChanged(format!(
            "{} (article {}) has hash {} but was ingested with {}",
            article.path,
            article.id,
            short(&now),
            short(&article.hash)
        ))
        .into());
    }
    if article.ingested.is_none() {
        article.ingested = std::fs::metadata(&path)
            .and_then(|meta| meta.modified())
            .ok()
            .map(|time| DateTime::<Utc>::from(time).to_rfc3339_opts(SecondsFormat::Secs, true));
    }
    Ok(())
}

/// Read an `--accessed` value: a calendar day `YYYY-MM-DD`, stored as
/// that day's midnight UTC in `Article::ingested` form.
pub fn parse_access_date(value: &str) -> Result<String, Error> {
    chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map(|day| format!("{}T00:00:00Z", day.format("%Y-%m-%d")))
        .map_err(|_| {
            Error::Usage(format!(
                "--accessed `{value}` is not a date: give it as YYYY-MM-DD"
            ))
        })
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}
