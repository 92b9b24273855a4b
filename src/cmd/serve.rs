//! `claimdex serve [--addr IP:PORT]`: the archive as a web page (see
//! [`crate::serve`]).

use crate::app::Context;
use crate::cli::ServeArgs;
use crate::exit::Outcome;
use anyhow::Result;

pub fn run(ctx: &Context, args: &ServeArgs) -> Result<Outcome> {
    let config = crate::serve::Config {
        addr: args.addr,
        allow_remote: args.allow_remote,
    };
    // A refused address is reported before any work (such as a first build).
    crate::serve::guard::check_addr(config.addr, config.allow_remote)?;
    let archive = ctx.archive()?;
    crate::serve::run(archive, &config)?;
    Ok(Outcome::Success)
}
