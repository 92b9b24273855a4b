//! claimdex's integration tests through the real binary, in one test
//! binary (as ripgrep's are): one link instead of one per file, so a fresh
//! `cargo test` builds fast. Each module is one area, named after it.
//!
//! Two kinds of test live apart: `tests/in_process/` drives the index
//! writer inside the test process (fault injection, the ingest model), and
//! must not share a process with tests that spawn the binary (a child
//! spawned between another thread's open and close of tantivy's lock file
//! inherits the descriptor and holds the `flock` past the writer's drop);
//! `tests/complexity.rs` is the release-only timing test.

// Shared helpers: the binary, temporary archives, ../shared, corpora.
#[path = "../common/mod.rs"]
pub mod common;

// Parsing: golden seeds, real corpora, properties, dates, quotations.
mod corpus_seeds;
mod dates;
mod parse;
mod parse_corpora;
mod parse_props;
mod quotes;

// The index: ingest, its analysis, stored form, chains.
mod analysis;
mod chains;
mod ingest;
mod stored_form;

// Reading the archive: search, verify, related claims, citations.
mod cite;
mod related;
mod search;
mod verify;

// The web page: the server, its API and a real browser.
mod serve;

// Hostile input: files, paths, queries.
mod hostile_files;
mod hostile_paths;
mod hostile_queries;

// Reliability: corruption, kills (faults, power cuts and the ingest model
// are in tests/in_process/).
mod corruption;
mod kill;
