//! Runs a parsed command line: resolves the shared settings, then hands each
//! subcommand to its module in `cmd/`.

use crate::cli::{Cli, Command, EvalCommand};
use crate::cmd;
use crate::exit::Outcome;
use anyhow::Result;

/// Settings every command shares, resolved from the command line.
#[derive(Debug, Clone)]
pub struct Context {
    /// `--archive` / `CLAIMDEX_ARCHIVE`, if given.
    pub archive: Option<std::path::PathBuf>,
    /// Whether results on stdout may carry colour.
    pub color: bool,
}

impl Context {
    /// Locate the archive the command works on.
    pub fn archive(&self) -> Result<crate::archive::Archive> {
        crate::archive::Archive::locate(self.archive.as_deref())
    }
}

pub fn run(cli: Cli) -> Result<Outcome> {
    let ctx = Context {
        archive: cli.archive.clone(),
        color: crate::render::color_enabled(cli.color),
    };
    match &cli.command {
        Command::Init(args) => cmd::init::run(&ctx, args),
        Command::Parse(args) => cmd::parse::run(&ctx, args),
        Command::Ingest(args) => cmd::ingest::run(&ctx, args),
        Command::Search(args) => cmd::search::run(&ctx, args),
        Command::Serve(args) => cmd::serve::run(&ctx, args),
        Command::Show(args) => cmd::show::run(&ctx, args),
        Command::List(args) => cmd::list::run(&ctx, args),
        Command::Verify(args) => cmd::verify::run(&ctx, args),
        Command::Check(args) => cmd::check::run(&ctx, args),
        Command::Cite(args) => cmd::cite::run(&ctx, args),
        Command::Export(args) => cmd::export::run(&ctx, args),
        Command::Related(args) => cmd::related::run(&ctx, args),
        Command::Conflicts(args) => cmd::conflicts::run(&ctx, args),
        Command::Eval(EvalCommand::Dates(args)) => cmd::eval::dates(&ctx, args),
        Command::Eval(EvalCommand::Quotes(args)) => cmd::eval::quotes(&ctx, args),
    }
}
