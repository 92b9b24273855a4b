//! `claimdex conflicts`.

use crate::app::Context;
use crate::cli::ConflictsArgs;
use crate::exit::Outcome;
use anyhow::Result;

pub fn run(_ctx: &Context, _args: &ConflictsArgs) -> Result<Outcome> {
    anyhow::bail!("`claimdex conflicts` is not implemented yet")
}
