//! `claimdex list`.

use crate::app::Context;
use crate::cli::ListArgs;
use crate::exit::Outcome;
use anyhow::Result;

pub fn run(_ctx: &Context, _args: &ListArgs) -> Result<Outcome> {
    anyhow::bail!("`claimdex list` is not implemented yet")
}
