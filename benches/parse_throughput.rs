//! Parse throughput on a real corpus: `cargo bench --bench parse_throughput
//! [-- DIR]` (default `../shared/corpora/tech-proposals-newsletters`). Prints
//! MB/s for the whole parser (one core), for pulldown-cmark's event walk
//! alone on the Markdown files, for our sentence splitter alone, and for the
//! date and quotation extractors alone over the parsed claims' text.

use claimdex::parse::{parse_article, sentences, SourceFile};
use std::time::Instant;

/// The binary's allocator (src/main.rs), so in-process figures match what
/// `claimdex` itself does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_else(|| "../shared/corpora/tech-proposals-newsletters".to_string());
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for entry in walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if entry.file_type().is_file() && claimdex::archive::is_article_file(path) {
            files.push((
                path.display().to_string(),
                std::fs::read(path).expect("read"),
            ));
        }
    }
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let mb = bytes as f64 / 1e6;
    println!("{} files, {:.1} MB in {dir}", files.len(), mb);
    let md_mb = files
        .iter()
        .filter(|(p, _)| p.ends_with(".md"))
        .map(|(_, b)| b.len())
        .sum::<usize>() as f64
        / 1e6;
    let best_of = |label: &str, mb: f64, run: &dyn Fn() -> usize| {
        let mut best = f64::MAX;
        let mut first = 0.0;
        let mut count = 0;
        for run_number in 0..3 {
            let started = Instant::now();
            count = run();
            let took = started.elapsed().as_secs_f64();
            if run_number == 0 {
                first = took;
            }
            best = best.min(took);
        }
        // The first run also builds the regexes and warms their lazy DFAs,
        // as one ingest does.
        println!(
            "{label:<30} {:>8.1} MB/s  ({best:.3} s best of 3, first {first:.3} s, {count} items)",
            mb / best
        );
    };
    best_of("parse_article (1 core)", mb, &|| {
        files
            .iter()
            .map(|(path, bytes)| {
                let source = SourceFile {
                    id: path.clone(),
                    path: path.clone(),
                    bytes,
                    catalog: None,
                };
                parse_article(&source).map_or(0, |a| a.claims.len())
            })
            .sum()
    });
    best_of("pulldown-cmark events (.md)", md_mb, &|| {
        files
            .iter()
            .filter(|(p, _)| p.ends_with(".md"))
            .filter_map(|(_, b)| std::str::from_utf8(b).ok())
            .map(|t| {
                pulldown_cmark::Parser::new_ext(t, claimdex::parse::markdown::options())
                    .into_offset_iter()
                    .count()
            })
            .sum()
    });
    best_of("sentences::split (whole text)", mb, &|| {
        files
            .iter()
            .filter_map(|(_, b)| std::str::from_utf8(b).ok())
            .map(|t| sentences::split(t).len())
            .sum()
    });
    let claims: Vec<String> = files
        .iter()
        .filter_map(|(path, bytes)| {
            parse_article(&SourceFile {
                id: path.clone(),
                path: path.clone(),
                bytes,
                catalog: None,
            })
            .ok()
        })
        .flat_map(|article| article.claims.into_iter().map(|claim| claim.text))
        .collect();
    let claims_mb = claims.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    best_of("dates::extract (claims)", claims_mb, &|| {
        claims
            .iter()
            .map(|text| claimdex::dates::extract(text, None).len())
            .sum()
    });
}
