//! The query path: any string -> our query parser, the `--since/--until`
//! parser, and a search over a small index of the seed corpus (built once).
//! Never a panic: a query is an answer or an error naming a position.
#![no_main]

use claimdex::archive::Archive;
use claimdex::index::search::{parse_date_bound, SearchRequest};
use claimdex::index::{ingest, ArchiveIndex};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn index() -> &'static ArchiveIndex {
    static INDEX: OnceLock<(tempfile::TempDir, ArchiveIndex)> = OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let corpus = dir.path().join("corpus");
            std::fs::create_dir_all(&corpus).expect("corpus dir");
            let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus");
            for entry in std::fs::read_dir(seeds).expect("seed corpus") {
                let path = entry.expect("entry").path();
                std::fs::copy(&path, corpus.join(path.file_name().expect("name")))
                    .expect("copy seed");
            }
            let archive = Archive {
                root: dir.path().to_path_buf(),
            };
            let options = ingest::IngestOptions {
                progress: false,
                ..ingest::IngestOptions::default()
            };
            ingest::run(&archive, &options).expect("seed ingest");
            let index = ArchiveIndex::open(&archive).expect("open seed index");
            (dir, index)
        })
        .1
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = parse_date_bound("--since", text);
    if claimdex::index::query::parse(text).is_err() {
        return;
    }
    let request = SearchRequest::unfiltered(text, 5);
    let _ = index().search(&request);
});
