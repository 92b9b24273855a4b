//! `claimdex export`.

use crate::app::Context;
use crate::cli::ExportArgs;
use crate::exit::Outcome;
use anyhow::Result;

pub fn run(_ctx: &Context, _args: &ExportArgs) -> Result<Outcome> {
    anyhow::bail!("`claimdex export` is not implemented yet")
}
