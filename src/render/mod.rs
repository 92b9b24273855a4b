//! Output: the one place that decides how results look on stdout (human text
//! with optional colour, or JSON) and where warnings go (stderr).

pub mod claims;

use crate::cli::ColorChoice;
use anyhow::Result;
use std::io::{IsTerminal, Write};

/// Whether results on stdout may carry colour: `--color`, then `NO_COLOR`
/// (non-empty disables), `CLICOLOR_FORCE`, `CLICOLOR=0`, `TERM=dumb`, and a terminal.
pub fn color_enabled(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
            if set("NO_COLOR") {
                return false;
            }
            if std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0") {
                return true;
            }
            if std::env::var_os("CLICOLOR").is_some_and(|v| v == "0")
                || std::env::var_os("TERM").is_some_and(|v| v == "dumb")
            {
                return false;
            }
            std::io::stdout().is_terminal()
        }
    }
}

/// Write one JSON document to stdout, ending with a newline. The document
/// is serialised first and written as plain bytes, so a closed pipe
/// (`| head -1`) surfaces as an `io::Error` the caller treats as a quiet exit
/// (serde_json would wrap it in its own error type and hide it).
pub fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    out.write_all(text.as_bytes())?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// Print a warning on stderr.
pub fn warn(message: &str) {
    eprintln!("claimdex: warning: {message}");
}

/// Print a note on stderr: something the reader should know about a result
/// (a missing piece of metadata, a pinpoint to carry along).
pub fn note(message: &str) {
    eprintln!("claimdex: note: {message}");
}
