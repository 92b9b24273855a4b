//! Tests that drive the index writer inside the test process, through a
//! `Directory` that injects faults: I/O errors, a full disk, power cuts
//! (`faults`), and the model-based test of incremental ingest
//! (`ingest_model`). They spawn no process, and run in a binary of their own:
//! a child spawned by another test thread inherits the descriptor of
//! tantivy's lock file until it execs, and would hold the writer's `flock`
//! past its drop (seen as a spurious "index is locked").

// Shared helpers: temporary archives, ../shared, scratch folders.
#[path = "../common/mod.rs"]
pub mod common;

// I/O errors, full disks and power cuts at every operation of an ingest.
mod faults;
// Random create/edit/delete/rename sequences against a model of the index.
mod ingest_model;
