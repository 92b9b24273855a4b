//! Verify latency: in process (the `verify` library call on an opened index)
//! and whole process (the release binary, spawned), median and p99, for
//! exact quotations and altered ones (one word replaced), sampled from the
//! archive's own claims.
//!
//! `cargo bench --bench verify -- [ARCHIVE] [QUERIES]`: ARCHIVE defaults to
//! an archive made in a temporary folder whose `corpus` links to the largest
//! corpus under `../shared/corpora/`; QUERIES (default 1000 in process, a
//! tenth of that whole process) are drawn with a fixed seed, so runs compare.

use claimdex::archive::Archive;
use claimdex::index::ArchiveIndex;
use claimdex::model::Verdict;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

/// The binary's allocator (src/main.rs), so in-process figures match what
/// `claimdex` itself does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A small deterministic generator (no dependency needed for sampling).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn report(label: &str, mut times: Vec<Duration>, verdicts: &[Verdict], expected: Verdict) {
    times.sort();
    let hits = verdicts.iter().filter(|&&v| v == expected).count();
    println!(
        "{label:<34} n={:<5} median {:>8.2} ms  p99 {:>8.2} ms  ({hits}/{} {expected:?})",
        times.len(),
        percentile(&times, 50.0).as_secs_f64() * 1000.0,
        percentile(&times, 99.0).as_secs_f64() * 1000.0,
        verdicts.len(),
    );
}

/// The default archive: a temporary folder whose `corpus` is a link to the
/// largest shared corpus.
fn default_archive() -> Option<(tempfile::TempDir, PathBuf)> {
    let corpora = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    let mut largest: Option<(u64, PathBuf)> = None;
    for entry in std::fs::read_dir(&corpora).ok()?.flatten() {
        let size: u64 = walkdir::WalkDir::new(entry.path())
            .into_iter()
            .flatten()
            .filter_map(|e| e.metadata().ok())
            .filter(|m| m.is_file())
            .map(|m| m.len())
            .sum();
        if largest.as_ref().is_none_or(|(s, _)| size > *s) {
            largest = Some((size, entry.path()));
        }
    }
    let (_, corpus) = largest?;
    let dir = tempfile::tempdir().ok()?;
    std::os::unix::fs::symlink(corpus.canonicalize().ok()?, dir.path().join("corpus")).ok()?;
    std::fs::create_dir_all(dir.path().join("index")).ok()?;
    let root = dir.path().to_path_buf();
    Some((dir, root))
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let _keep;
    let root = match args.first() {
        Some(path) => PathBuf::from(path),
        None => match default_archive() {
            Some((dir, root)) => {
                _keep = dir;
                root
            }
            None => {
                eprintln!("no archive given and ../shared/corpora not found");
                return Ok(());
            }
        },
    };
    let queries: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(1000);
    let archive = Archive::locate(Some(&root))?;
    let started = Instant::now();
    let index = ArchiveIndex::open(&archive)?;
    println!(
        "archive {} opened in {:.2} s",
        root.display(),
        started.elapsed().as_secs_f64()
    );

    // Sample quotations: 6 to 15 consecutive words of prose claims.
    let articles = index.articles()?;
    let mut rng = Lcg(0x5eed);
    let mut exact = Vec::new();
    let mut altered = Vec::new();
    let claims: Vec<&str> = articles
        .iter()
        .flat_map(|a| a.claims.iter())
        .map(|c| c.text.as_str())
        .filter(|t| {
            let words = t.split_whitespace().count();
            (8..=60).contains(&words)
                && t.chars().filter(|c| c.is_alphabetic()).count() * 10 > t.len() * 7
        })
        .collect();
    if claims.is_empty() {
        eprintln!("no prose claims to sample");
        return Ok(());
    }
    while exact.len() < queries {
        let text = claims[rng.below(claims.len())];
        let words: Vec<&str> = text.split_whitespace().collect();
        let len = 6 + rng.below(10).min(words.len() - 6);
        let start = rng.below(words.len() - len + 1);
        let quote = words[start..start + len].join(" ");
        let mut changed = words[start..start + len].to_vec();
        let at = rng.below(len);
        changed[at] = "zebra";
        exact.push(quote);
        altered.push(changed.join(" "));
    }

    for (label, quotes, expected) in [
        ("in process, exact", &exact, Verdict::Exact),
        ("in process, altered (1 word)", &altered, Verdict::Altered),
    ] {
        let mut times = Vec::with_capacity(quotes.len());
        let mut verdicts = Vec::with_capacity(quotes.len());
        for quote in quotes.iter() {
            let t = Instant::now();
            let v = claimdex::verify::verify(&index, &archive.root, quote, None)?;
            times.push(t.elapsed());
            if v.verdict != expected {
                eprintln!("  {label}: {:?} for {quote:?}", v.verdict);
            }
            verdicts.push(v.verdict);
        }
        report(label, times, &verdicts, expected);
    }

    // Baselines in process: a plain tantivy OR query of the same words (top
    // 10) and a phrase query of the exact quotation, on the same index.
    for (label, quotes, phrase) in [
        ("baseline: OR query, altered words", &altered, false),
        ("baseline: phrase query, exact", &exact, true),
    ] {
        let field = index.fields().text_exact;
        let mut times = Vec::with_capacity(quotes.len());
        for quote in quotes.iter() {
            let t = Instant::now();
            let mut analyzer = index
                .tantivy()
                .tokenizers()
                .get("default")
                .expect("default tokenizer");
            let mut stream = analyzer.token_stream(quote);
            let mut terms = Vec::new();
            while let Some(token) = stream.next() {
                terms.push(Term::from_field_text(field, &token.text));
            }
            let query: Box<dyn Query> = if phrase && terms.len() > 1 {
                Box::new(PhraseQuery::new(terms))
            } else {
                Box::new(BooleanQuery::new(
                    terms
                        .into_iter()
                        .map(|term| {
                            (
                                Occur::Should,
                                Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
                                    as Box<dyn Query>,
                            )
                        })
                        .collect(),
                ))
            };
            let top = index
                .searcher()
                .search(&query, &TopDocs::with_limit(10).order_by_score())?;
            for (_, address) in top {
                let _doc: tantivy::TantivyDocument = index.searcher().doc(address)?;
            }
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "{label:<34} n={:<5} median {:>8.2} ms  p99 {:>8.2} ms",
            times.len(),
            percentile(&times, 50.0).as_secs_f64() * 1000.0,
            percentile(&times, 99.0).as_secs_f64() * 1000.0,
        );
    }

    let binary = env!("CARGO_BIN_EXE_claimdex");
    let runs = (queries / 10).max(10);
    for (label, quotes, expected) in [
        ("whole process, exact", &exact, Verdict::Exact),
        (
            "whole process, altered (1 word)",
            &altered,
            Verdict::Altered,
        ),
    ] {
        let mut times = Vec::with_capacity(runs);
        let mut verdicts = Vec::with_capacity(runs);
        for quote in quotes.iter().take(runs) {
            let t = Instant::now();
            let output = std::process::Command::new(binary)
                .args(["--archive"])
                .arg(&root)
                .args(["verify", "--json", quote])
                .output()?;
            times.push(t.elapsed());
            let json: serde_json::Value =
                serde_json::from_slice(&output.stdout).unwrap_or_default();
            let verdict =
                serde_json::from_value(json["verdict"].clone()).unwrap_or(Verdict::NotFound);
            verdicts.push(verdict);
        }
        report(label, times, &verdicts, expected);
    }
    Ok(())
}
