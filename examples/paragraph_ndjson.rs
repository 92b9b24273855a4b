//! Benchmark input for the tantivy-cli baseline (`bench/run`): the same
//! article text claimdex ingests, as one JSON document per paragraph
//! (`{"body": "..."}`, paragraphs split at blank lines), the shape
//! `tantivy index` reads from standard input.
//!
//! `paragraph_ndjson DIR > out.ndjson` walks DIR for the files claimdex
//! ingests (`.md`, `.markdown`, `.txt`, `.rst`) in sorted order.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: paragraph_ndjson DIR > out.ndjson");
        return ExitCode::from(2);
    };
    match run(&dir) {
        Ok((files, paragraphs)) => {
            eprintln!("paragraph_ndjson: {files} files, {paragraphs} paragraphs");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("paragraph_ndjson: {err}");
            ExitCode::from(3)
        }
    }
}

fn run(dir: &str) -> std::io::Result<(usize, usize)> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let (mut files, mut paragraphs) = (0, 0);
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry?;
        if !entry.file_type().is_file() || !claimdex::archive::is_article_file(entry.path()) {
            continue;
        }
        let bytes = std::fs::read(entry.path())?;
        let text = String::from_utf8_lossy(&bytes);
        files += 1;
        let normalised = text.replace("\r\n", "\n");
        for paragraph in normalised.split("\n\n") {
            let paragraph = paragraph.trim();
            if paragraph.is_empty() {
                continue;
            }
            paragraphs += 1;
            serde_json::to_writer(&mut out, &serde_json::json!({ "body": paragraph }))?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok((files, paragraphs))
}
