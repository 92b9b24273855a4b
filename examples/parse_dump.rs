//! Parse every article file under the given folders and print one line per
//! file, sorted by path: the path, a tab, and the article as JSON (or the
//! error). Two builds' outputs compared with `cmp` show whether a change to
//! the parser changed any claim, span, citation, date or quote.
//!
//! ```sh
//! cargo run --release --example parse_dump -- corpus ../shared/corpora > after.txt
//! ```

use claimdex::parse::{parse_article, SourceFile};
use std::io::Write;

fn main() {
    let mut paths = Vec::new();
    for dir in std::env::args().skip(1) {
        for entry in walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
        {
            if entry.file_type().is_file() && claimdex::archive::is_article_file(entry.path()) {
                paths.push(entry.path().to_path_buf());
            }
        }
    }
    paths.sort();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for path in paths {
        let shown = path.display().to_string();
        let line = match std::fs::read(&path) {
            Ok(bytes) => {
                let source = SourceFile {
                    id: shown.clone(),
                    path: shown.clone(),
                    bytes: &bytes,
                    catalog: None,
                };
                match parse_article(&source) {
                    Ok(article) => serde_json::to_string(&article)
                        .unwrap_or_else(|err| format!("{{\"error\":{:?}}}", err.to_string())),
                    Err(err) => format!("{{\"error\":{:?}}}", err.to_string()),
                }
            }
            Err(err) => format!("{{\"error\":{:?}}}", err.to_string()),
        };
        if writeln!(out, "{shown}\t{line}").is_err() {
            return; // stdout closed (piped into head)
        }
    }
}
