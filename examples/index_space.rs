//! Where an index's bytes go: per component (`.store`, `.idx`, `.pos`,
//! `.term`, `.fast`, `.fieldnorm`) and per field, summed over segments, from
//! tantivy's own space accounting. With `--stored`, also the uncompressed
//! bytes of every stored value, by field, and for a stored JSON object by
//! top-level key (what the document store compresses). Works on any tantivy
//! index (claimdex's or tantivy-cli's), for the index-size figures of
//! BENCHMARKS.md.
//!
//! `index_space INDEX_DIR [--stored]`; `INDEX_SPACE_DUMP=FILE` with
//! `--stored` also writes each stored text value to FILE, one per line.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;
use tantivy::schema::Value;
use tantivy::{Index, TantivyDocument};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stored = args.iter().any(|a| a == "--stored");
    let Some(dir) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: index_space INDEX_DIR [--stored]");
        return ExitCode::from(2);
    };
    match run(dir, stored) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("index_space: {err}");
            ExitCode::from(3)
        }
    }
}

fn mib(bytes: u64) -> String {
    format!("{:.2}", bytes as f64 / 1_048_576.0)
}

fn run(dir: &str, stored: bool) -> tantivy::Result<()> {
    let index = Index::open_in_dir(dir)?;
    let searcher = index.reader()?.searcher();
    let usage = searcher.space_usage()?;
    let mut by_component: BTreeMap<&str, u64> = BTreeMap::new();
    let mut by_field: BTreeMap<(&str, String), u64> = BTreeMap::new();
    let mut docs = 0u64;
    for segment in usage.segments() {
        docs += u64::from(segment.num_docs());
        let parts = [
            ("term", segment.termdict()),
            ("idx", segment.postings()),
            ("pos", segment.positions()),
            ("fast", segment.fast_fields()),
            ("fieldnorm", segment.fieldnorms()),
        ];
        for (name, per_field) in parts {
            *by_component.entry(name).or_default() += per_field.total().get_bytes();
            for field in per_field.fields() {
                *by_field
                    .entry((name, field.field_name().to_string()))
                    .or_default() += field.total().get_bytes();
            }
        }
        *by_component.entry("store").or_default() += segment.store().total().get_bytes();
        *by_component.entry("del").or_default() += segment.deletes().get_bytes();
    }
    println!(
        "{} segments, {docs} documents, {} MiB",
        usage.segments().len(),
        mib(usage.total().get_bytes())
    );
    println!("\ncomponent MiB");
    for (name, bytes) in &by_component {
        println!("{name} {}", mib(*bytes));
    }
    println!("\ncomponent field MiB");
    for ((name, field), bytes) in &by_field {
        if *bytes > 0 {
            println!("{name} {field} {}", mib(*bytes));
        }
    }
    if stored {
        stored_bytes(&index, &searcher)?;
    }
    Ok(())
}

/// Uncompressed bytes of the stored values, by field and JSON key.
fn stored_bytes(index: &Index, searcher: &tantivy::Searcher) -> tantivy::Result<()> {
    let schema = index.schema();
    let mut by_key: BTreeMap<String, u64> = BTreeMap::new();
    let mut dump = match std::env::var_os("INDEX_SPACE_DUMP") {
        Some(path) => Some(std::io::BufWriter::new(std::fs::File::create(path)?)),
        None => None,
    };
    for segment in searcher.segment_readers() {
        let store = segment.get_store_reader(0)?;
        for doc in store.iter::<TantivyDocument>(segment.alive_bitset()) {
            let doc = doc?;
            for (field, value) in doc.field_values() {
                let name = schema.get_field_name(field).to_string();
                let Some(text) = value.as_str() else {
                    *by_key.entry(name).or_default() += 8;
                    continue;
                };
                *by_key.entry(name.clone()).or_default() += text.len() as u64;
                if let Some(out) = dump.as_mut() {
                    writeln!(out, "{text}")?;
                }
                if let Ok(serde_json::Value::Object(object)) = serde_json::from_str(text) {
                    let kind = if object.contains_key("article_id") {
                        "manifest"
                    } else {
                        "claim"
                    };
                    for (key, value) in object {
                        let bytes = key.len() + 4 + value.to_string().len();
                        *by_key.entry(format!("{name}.{kind}.{key}")).or_default() += bytes as u64;
                    }
                }
            }
        }
    }
    println!("\nstored value MiB (uncompressed)");
    for (key, bytes) in &by_key {
        println!("{key} {}", mib(*bytes));
    }
    Ok(())
}
