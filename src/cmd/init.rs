//! `claimdex init DIR`: make a new, empty archive.

use crate::app::Context;
use crate::archive::Archive;
use crate::cli::InitArgs;
use crate::exit::Outcome;
use anyhow::Result;

pub fn run(_ctx: &Context, args: &InitArgs) -> Result<Outcome> {
    let archive = Archive::init(&args.dir)?;
    println!("initialised an empty archive in {}", archive.root.display());
    Ok(Outcome::Success)
}
