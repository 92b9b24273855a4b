//! `claimdex check`.

use crate::app::Context;
use crate::cli::CheckArgs;
use crate::exit::Outcome;
use anyhow::Result;

pub fn run(_ctx: &Context, _args: &CheckArgs) -> Result<Outcome> {
    anyhow::bail!("`claimdex check` is not implemented yet")
}
