//! `claimdex verify`.

use crate::app::Context;
use crate::cli::VerifyArgs;
use crate::exit::Outcome;
use anyhow::Result;

pub fn run(_ctx: &Context, _args: &VerifyArgs) -> Result<Outcome> {
    anyhow::bail!("`claimdex verify` is not implemented yet")
}
