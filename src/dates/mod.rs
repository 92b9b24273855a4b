//! Dates: find date expressions in claim text and normalise them TimeML
//! style, resolving relative ones against the article's publication date.
//!
//! NOTE: skeleton; the extractor fills this in.

use crate::model::{Article, DateMention};
use chrono::NaiveDate;

/// Fill every claim's `dates`, anchored on the article's publication date.
pub fn annotate(article: &mut Article) {
    let anchor = article.published.as_deref().and_then(parse_anchor);
    for claim in &mut article.claims {
        claim.dates = extract(&claim.text, anchor);
    }
}

/// The calendar day of an ISO 8601 date or datetime.
pub fn parse_anchor(iso: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(iso.get(..10)?, "%Y-%m-%d").ok()
}

/// The date expressions in `text`, resolved against `anchor` where relative.
pub fn extract(_text: &str, _anchor: Option<NaiveDate>) -> Vec<DateMention> {
    Vec::new()
}

/// The first and last day a resolved mention covers (a range covers from
/// its start to its end); `None` when unresolved.
pub fn interval(_mention: &DateMention) -> Option<(NaiveDate, NaiveDate)> {
    None
}
