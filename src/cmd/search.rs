//! `claimdex search`.

use crate::app::Context;
use crate::cli::SearchArgs;
use crate::exit::Outcome;
use anyhow::Result;

pub fn run(_ctx: &Context, _args: &SearchArgs) -> Result<Outcome> {
    anyhow::bail!("`claimdex search` is not implemented yet")
}
