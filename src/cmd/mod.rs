//! One module per subcommand, each with `run(&Context, &Args) -> Result<Outcome>`.

pub mod check;
pub mod cite;
pub mod conflicts;
pub mod eval;
pub mod export;
pub mod ingest;
pub mod init;
pub mod list;
pub mod parse;
pub mod related;
pub mod search;
pub mod serve;
pub mod show;
pub mod verify;
