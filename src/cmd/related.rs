//! `claimdex related`.

use crate::app::Context;
use crate::cli::RelatedArgs;
use crate::exit::Outcome;
use anyhow::Result;

pub fn run(_ctx: &Context, _args: &RelatedArgs) -> Result<Outcome> {
    anyhow::bail!("`claimdex related` is not implemented yet")
}
