//! Entry point: parse arguments, run the command, map the outcome to an exit code.

use clap::Parser;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: parsing builds many small
/// strings and vectors per claim, and glibc's malloc spent a quarter of the
/// parse time in allocation and returned large blocks to the kernel after
/// each article, to fault them in again for the next.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    claimdex::parse::install_panic_hook();
    let cli = claimdex::cli::Cli::parse();
    match claimdex::app::run(cli) {
        Ok(outcome) => outcome.into(),
        Err(err) if claimdex::exit::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("claimdex: error: {err:#}");
            ExitCode::from(claimdex::exit::code_for(&err))
        }
    }
}
