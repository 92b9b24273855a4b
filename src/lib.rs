//! claimdex: an archive of articles for people who check and cite facts.
//!
//! Stages, one module each: `parse` (article bytes to claims) with `dates`
//! and `quotes` (what claims speak of), `model` (the data), `index` (tantivy),
//! query stages (`search`, verify, `cite`: citations and exports) and
//! `render` (output). `cli`, `app` and `cmd` are the command-line shell
//! around them.

pub mod app;
pub mod archive;
pub mod chains;
pub mod cite;
pub mod cli;
pub mod cmd;
pub mod conflicts;
pub mod dates;
pub mod error;
pub mod exit;
pub mod figures;
pub mod index;
pub mod model;
pub mod parse;
pub mod quotes;
pub mod related;
pub mod render;
pub mod serve;
pub mod show;
pub mod verify;
