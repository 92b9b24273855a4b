//! What an index holds, as digests that do not depend on how it was laid out
//! in segments or in which order the documents went in: for every field,
//! every posting (term, document, frequency, positions), every field norm
//! and every fast-field value, and every stored document. Two indexes of the
//! same corpus built by different code print the same lines exactly when
//! they hold the same content (the check behind BENCHMARKS.md's "Index-side
//! ingest CPU").
//!
//! A document is known by the blake3 of its stored JSON (a claim's holds its
//! id, a manifest record its path), so the same stored documents are part
//! of the check; the time of ingest a manifest record holds (`"ingested"`)
//! is masked, the one thing two ingests of the same corpus differ in. Each line is `field kind count digest`, the digest a sum
//! (mod 2^128) of one blake3 per item.
//!
//! `index_content INDEX_DIR`; `INDEX_CONTENT_STORED=FILE` also writes every
//! stored JSON to FILE, one per line, sorted (to see what differs).

use std::collections::BTreeMap;
use std::process::ExitCode;
use tantivy::postings::Postings;
use tantivy::schema::{FieldType, IndexRecordOption, Value};
use tantivy::{DocSet, Index, TantivyDocument, TERMINATED};

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: index_content INDEX_DIR");
        return ExitCode::from(2);
    };
    match run(&dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("index_content: {err}");
            ExitCode::from(3)
        }
    }
}

/// Items counted and their digests summed, by (field, kind).
#[derive(Default)]
struct Digests(BTreeMap<(String, &'static str), (u64, u128)>);

impl Digests {
    fn add(&mut self, field: &str, kind: &'static str, parts: &[&[u8]]) {
        let mut hasher = blake3::Hasher::new();
        for part in parts {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&hasher.finalize().as_bytes()[..16]);
        let entry = self.0.entry((field.to_string(), kind)).or_default();
        entry.0 += 1;
        entry.1 = entry.1.wrapping_add(u128::from_le_bytes(bytes));
    }
}

/// The text with the value of every `"ingested":"..."` blanked.
fn mask_ingest_time(text: &str) -> String {
    const KEY: &str = "\"ingested\":\"";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(KEY) {
        let value = at + KEY.len();
        out.push_str(&rest[..value]);
        rest = &rest[value..];
        rest = &rest[rest.find('"').unwrap_or(rest.len())..];
    }
    out.push_str(rest);
    out
}

fn run(dir: &str) -> tantivy::Result<()> {
    let index = Index::open_in_dir(dir)?;
    let schema = index.schema();
    let searcher = index.reader()?.searcher();
    let mut digests = Digests::default();
    let mut stored_texts = Vec::new();
    for segment in searcher.segment_readers() {
        let store = segment.get_store_reader(64)?;
        // Each document's key: the hash of its stored JSON.
        let mut keys: Vec<Option<[u8; 32]>> = vec![None; segment.max_doc() as usize];
        for doc in segment.doc_ids_alive() {
            let stored: TantivyDocument = store.get(doc)?;
            let text: String = stored
                .field_values()
                .filter_map(|(_, value)| value.as_str().map(str::to_string))
                .collect::<Vec<_>>()
                .join("\u{0}");
            let text = mask_ingest_time(&text);
            digests.add("json", "stored", &[text.as_bytes()]);
            keys[doc as usize] = Some(*blake3::hash(text.as_bytes()).as_bytes());
            stored_texts.push(text);
        }
        for (field, entry) in schema.fields() {
            let name = entry.name();
            if entry.is_indexed() {
                let inverted = segment.inverted_index(field)?;
                let mut terms = inverted.terms().stream()?;
                let mut positions = Vec::new();
                while terms.advance() {
                    let term = terms.key().to_vec();
                    let mut postings = inverted.read_postings_from_terminfo(
                        terms.value(),
                        IndexRecordOption::WithFreqsAndPositions,
                    )?;
                    while postings.doc() != TERMINATED {
                        let doc = postings.doc();
                        if let Some(key) = &keys[doc as usize] {
                            let freq = postings.term_freq().to_le_bytes();
                            positions.clear();
                            postings.positions(&mut positions);
                            let positions: Vec<u8> =
                                positions.iter().flat_map(|p| p.to_le_bytes()).collect();
                            digests.add(name, "posting", &[&term, key, &freq, &positions]);
                        }
                        postings.advance();
                    }
                }
            }
            if entry.has_fieldnorms() {
                if let Some(norms) = segment.fieldnorms_readers().get_field(field)? {
                    for (doc, key) in keys.iter().enumerate() {
                        if let Some(key) = key {
                            let norm = [norms.fieldnorm_id(doc as u32)];
                            digests.add(name, "fieldnorm", &[key, &norm]);
                        }
                    }
                }
            }
            if entry.is_fast() && matches!(entry.field_type(), FieldType::I64(_)) {
                let column = segment.fast_fields().i64(name)?;
                for (doc, key) in keys.iter().enumerate() {
                    if let Some(key) = key {
                        let values: Vec<u8> = column
                            .values_for_doc(doc as u32)
                            .flat_map(|v| v.to_le_bytes())
                            .collect();
                        digests.add(name, "fast", &[key, &values]);
                    }
                }
            }
        }
    }
    if let Some(file) = std::env::var_os("INDEX_CONTENT_STORED") {
        stored_texts.sort();
        stored_texts.push(String::new());
        std::fs::write(file, stored_texts.join("\n"))?;
    }
    for ((field, kind), (count, digest)) in &digests.0 {
        println!("{field} {kind} {count} {digest:032x}");
    }
    Ok(())
}
