//! The baseline process of the benchmarks (`bench/run`): everything a bare
//! tantivy program needs to answer one query, and nothing claimdex adds.
//! It opens an index folder, parses the query on one field with tantivy's
//! own `QueryParser`, collects the top 10 and prints each hit's stored
//! document as JSON, one per line.
//!
//! `bare_tantivy INDEX_DIR FIELD QUERY [--phrase]`: with `--phrase` the
//! words are searched as one exact phrase (the baseline of `claimdex verify`),
//! otherwise as tantivy's default OR of the words (the baseline of
//! `claimdex search`).

use std::io::Write;
use std::process::ExitCode;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::{Document, Index, TantivyDocument};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let phrase = args.iter().any(|a| a == "--phrase");
    let rest: Vec<&String> = args.iter().filter(|a| *a != "--phrase").collect();
    let [dir, field, query] = rest.as_slice() else {
        eprintln!("usage: bare_tantivy INDEX_DIR FIELD QUERY [--phrase]");
        return ExitCode::from(2);
    };
    match run(dir, field, query, phrase) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("bare_tantivy: {err}");
            ExitCode::from(3)
        }
    }
}

fn run(dir: &str, field: &str, query: &str, phrase: bool) -> tantivy::Result<()> {
    let index = Index::open_in_dir(dir)?;
    let schema = index.schema();
    let field = schema.get_field(field)?;
    let searcher = index.reader()?.searcher();
    let parser = QueryParser::for_index(&index, vec![field]);
    let text = if phrase {
        format!("\"{}\"", query.replace('"', " "))
    } else {
        query.to_string()
    };
    let query = parser
        .parse_query(&text)
        .map_err(|err| tantivy::TantivyError::InvalidArgument(err.to_string()))?;
    let top = searcher.search(&query, &TopDocs::with_limit(10).order_by_score())?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (_score, address) in top {
        let doc: TantivyDocument = searcher.doc(address)?;
        writeln!(out, "{}", doc.to_json(&schema))?;
    }
    Ok(())
}
