//! Quotations: find direct quotations in claims (including ones that run
//! across sentences and paragraphs) and the speakers they are attributed to.
//!
//! NOTE: skeleton; the extractor fills this in.

use crate::model::Article;

/// Fill every claim's `quotes`.
pub fn annotate(_article: &mut Article) {}
