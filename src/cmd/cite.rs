//! `claimdex cite`.

use crate::app::Context;
use crate::cli::CiteArgs;
use crate::exit::Outcome;
use anyhow::Result;

pub fn run(_ctx: &Context, _args: &CiteArgs) -> Result<Outcome> {
    anyhow::bail!("`claimdex cite` is not implemented yet")
}
