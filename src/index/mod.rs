//! The tantivy index of claims: schema, writing (ingest) and reading (search).
//!
//! NOTE: skeleton; the index work fills this in.
