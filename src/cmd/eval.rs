//! `claimdex eval dates|quotes`: run the extractors on a gold file and print the metrics.

use crate::app::Context;
use crate::cli::EvalArgs;
use crate::exit::Outcome;
use anyhow::Result;

pub fn dates(_ctx: &Context, _args: &EvalArgs) -> Result<Outcome> {
    anyhow::bail!("`claimdex eval dates` is not implemented yet")
}

pub fn quotes(_ctx: &Context, _args: &EvalArgs) -> Result<Outcome> {
    anyhow::bail!("`claimdex eval quotes` is not implemented yet")
}
