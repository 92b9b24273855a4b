//! `claimdex show`.

use crate::app::Context;
use crate::cli::ShowArgs;
use crate::exit::Outcome;
use anyhow::Result;

pub fn run(_ctx: &Context, _args: &ShowArgs) -> Result<Outcome> {
    anyhow::bail!("`claimdex show` is not implemented yet")
}
