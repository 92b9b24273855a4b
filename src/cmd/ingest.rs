//! `claimdex ingest`.

use crate::app::Context;
use crate::cli::IngestArgs;
use crate::exit::Outcome;
use anyhow::Result;

pub fn run(_ctx: &Context, _args: &IngestArgs) -> Result<Outcome> {
    anyhow::bail!("`claimdex ingest` is not implemented yet")
}
