//! In-process query latencies of claimdex against bare tantivy on the same
//! index (`bench/run` calls it; see BENCHMARKS.md).
//!
//! `query_latency ARCHIVE [--per-class N] [--seconds S] [--seed X]` opens
//! the archive's index once, draws N queries of each class from the
//! archive's own claims (deterministically, from the seed), and times each
//! query twice: claimdex's library call and the bare tantivy query of the
//! same words (QueryParser, top 10, stored documents loaded), alternating
//! which runs first. A class stops early after S seconds, and the table
//! says how many queries it really ran. Classes:
//! - `term`: one word of a claim; baseline: the word on the `text` field.
//! - `two_terms`: two words of one claim; baseline: both words (OR) on `text`.
//! - `phrase`: 3-6 consecutive words in quotes; baseline: the phrase on `text_exact`.
//! - `phrase_gap`: 4-7 consecutive words with an inner one dropped, in quotes
//!   (it matches no claim as a phrase); baseline: that phrase on `text_exact`.
//! - `verify_exact`: a claim of 8-30 words, verified; baseline: its phrase.
//! - `verify_altered`: the same with one word replaced by a word from
//!   another claim; baseline: a plain OR query of the same words.

use anyhow::{bail, Context, Result};
use claimdex::archive::Archive;
use claimdex::index::search::SearchRequest;
use claimdex::index::ArchiveIndex;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::TantivyDocument;

/// The binary's allocator (src/main.rs), so in-process figures match what
/// `claimdex` itself does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A small deterministic generator (xorshift64*): the same queries every run.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Class {
    Term,
    TwoTerms,
    Phrase,
    PhraseGap,
    VerifyExact,
    VerifyAltered,
}

impl Class {
    const ALL: [Class; 6] = [
        Class::Term,
        Class::TwoTerms,
        Class::Phrase,
        Class::PhraseGap,
        Class::VerifyExact,
        Class::VerifyAltered,
    ];
    fn name(self) -> &'static str {
        match self {
            Class::Term => "term",
            Class::TwoTerms => "two_terms",
            Class::Phrase => "phrase",
            Class::PhraseGap => "phrase_gap",
            Class::VerifyExact => "verify_exact",
            Class::VerifyAltered => "verify_altered",
        }
    }
    fn baseline(self) -> &'static str {
        match self {
            Class::Term | Class::TwoTerms => "tantivy OR on text",
            Class::Phrase | Class::PhraseGap | Class::VerifyExact => "tantivy phrase on text_exact",
            Class::VerifyAltered => "tantivy OR on text_exact",
        }
    }
}

/// One drawn query: what claimdex is asked, and the baseline's words.
struct Drawn {
    claimdex: String,
    baseline: String,
    baseline_field: &'static str,
}

/// Words of a claim as tantivy's default tokenizer would cut them (runs of
/// alphanumerics), keeping only plain words of 3+ letters for queries.
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

fn plain(word: &str) -> bool {
    word.len() >= 3 && word.chars().all(|c| c.is_ascii_alphabetic())
}

fn draw(class: Class, claims: &[Vec<&str>], rng: &mut Draw) -> Drawn {
    loop {
        let claim = &claims[rng.below(claims.len())];
        let n = claim.len();
        match class {
            Class::Term => {
                let w = claim[rng.below(n)];
                if plain(w) {
                    return Drawn {
                        claimdex: w.to_string(),
                        baseline: w.to_string(),
                        baseline_field: "text",
                    };
                }
            }
            Class::TwoTerms => {
                let (a, b) = (claim[rng.below(n)], claim[rng.below(n)]);
                if plain(a) && plain(b) && a != b {
                    let q = format!("{a} {b}");
                    return Drawn {
                        claimdex: q.clone(),
                        baseline: q,
                        baseline_field: "text",
                    };
                }
            }
            Class::Phrase | Class::PhraseGap => {
                let len = 3 + rng.below(4) + usize::from(class == Class::PhraseGap);
                if n < len {
                    continue;
                }
                let start = rng.below(n - len + 1);
                let mut run: Vec<&str> = claim[start..start + len].to_vec();
                if class == Class::PhraseGap {
                    run.remove(1 + rng.below(len - 2));
                }
                let q = format!("\"{}\"", run.join(" "));
                return Drawn {
                    claimdex: q.clone(),
                    baseline: q,
                    baseline_field: "text_exact",
                };
            }
            Class::VerifyExact | Class::VerifyAltered => {
                if !(8..=30).contains(&n) {
                    continue;
                }
                let mut run: Vec<&str> = claim.clone();
                if class == Class::VerifyAltered {
                    let other = &claims[rng.below(claims.len())];
                    let replacement = other[rng.below(other.len())];
                    let at = rng.below(n);
                    if replacement.eq_ignore_ascii_case(run[at]) {
                        continue;
                    }
                    run[at] = replacement;
                }
                let text = run.join(" ");
                return if class == Class::VerifyExact {
                    Drawn {
                        baseline: format!("\"{text}\""),
                        claimdex: text,
                        baseline_field: "text_exact",
                    }
                } else {
                    Drawn {
                        baseline: text.clone(),
                        claimdex: text,
                        baseline_field: "text_exact",
                    }
                };
            }
        }
    }
}

fn claimdex_query(index: &ArchiveIndex, archive: &Archive, class: Class, q: &str) -> Result<usize> {
    match class {
        Class::VerifyExact | Class::VerifyAltered => {
            let found = claimdex::verify::verify(index, &archive.root, q, None)?;
            Ok(found.matches.len())
        }
        _ => {
            let request = SearchRequest::unfiltered(q, 10);
            Ok(index.search(&request)?.hits.len())
        }
    }
}

fn baseline_query(index: &ArchiveIndex, field: &str, q: &str) -> Result<usize> {
    let tantivy = index.tantivy();
    let field = tantivy.schema().get_field(field)?;
    let parser = QueryParser::for_index(tantivy, vec![field]);
    // Lower-cased as the index's tokenizer does anyway, so that a claim's
    // "NOT", "AND" or "OR" is a word here, not the parser's operator.
    let query = parser
        .parse_query(&q.to_lowercase())
        .with_context(|| format!("baseline query {q:?}"))?;
    let searcher = index.searcher();
    let top = searcher.search(&query, &TopDocs::with_limit(10).order_by_score())?;
    for (_, address) in &top {
        let _doc: TantivyDocument = searcher.doc(*address)?;
    }
    Ok(top.len())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let mut root: Option<PathBuf> = None;
    let (mut per_class, mut seconds, mut seed) = (1000usize, 120u64, 0x9E37_79B9_7F4A_7C15u64);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().with_context(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--per-class" => per_class = value("--per-class")?.parse()?,
            "--seconds" => seconds = value("--seconds")?.parse()?,
            "--seed" => seed = value("--seed")?.parse()?,
            other if other.starts_with("--") => bail!("unknown option {other}"),
            other => root = Some(PathBuf::from(other)),
        }
    }
    let root = root.context("usage: query_latency ARCHIVE [--per-class N] [--seconds S]")?;
    let archive = Archive::locate(Some(&root))?;
    let index = ArchiveIndex::open(&archive)?;
    let articles = index.articles()?;
    let texts: Vec<String> = articles
        .iter()
        .flat_map(|a| a.claims.iter().map(|c| c.text.clone()))
        .collect();
    let claims: Vec<Vec<&str>> = texts
        .iter()
        .map(|t| words(t))
        .filter(|w| w.len() >= 4)
        .collect();
    if claims.is_empty() {
        bail!("the archive has no claims of 4+ words to draw queries from");
    }
    println!(
        "in-process latencies: {} claims to draw from, up to {per_class} queries per class, {seconds} s cap per class",
        claims.len()
    );
    println!("| class | queries | claimdex median ms | claimdex p99 ms | baseline | baseline median ms | baseline p99 ms | ratio median | ratio p99 |");
    println!("|---|---|---|---|---|---|---|---|---|");
    let mut rng = Draw(seed);
    for class in Class::ALL {
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        let started = Instant::now();
        for i in 0..per_class {
            if started.elapsed() > Duration::from_secs(seconds) {
                break;
            }
            let q = draw(class, &claims, &mut rng);
            let time_ours = || -> Result<Duration> {
                let t = Instant::now();
                std::hint::black_box(claimdex_query(&index, &archive, class, &q.claimdex)?);
                Ok(t.elapsed())
            };
            let time_theirs = || -> Result<Duration> {
                let t = Instant::now();
                std::hint::black_box(baseline_query(&index, q.baseline_field, &q.baseline)?);
                Ok(t.elapsed())
            };
            if i % 2 == 0 {
                ours.push(time_ours()?);
                theirs.push(time_theirs()?);
            } else {
                theirs.push(time_theirs()?);
                ours.push(time_ours()?);
            }
        }
        ours.sort();
        theirs.sort();
        let (om, op) = (percentile(&ours, 0.5), percentile(&ours, 0.99));
        let (tm, tp) = (percentile(&theirs, 0.5), percentile(&theirs, 0.99));
        println!(
            "| {} | {} | {:.3} | {:.3} | {} | {:.3} | {:.3} | {:.2}x | {:.2}x |",
            class.name(),
            ours.len(),
            ms(om),
            ms(op),
            class.baseline(),
            ms(tm),
            ms(tp),
            om.as_secs_f64() / tm.as_secs_f64().max(1e-9),
            op.as_secs_f64() / tp.as_secs_f64().max(1e-9),
        );
    }
    Ok(())
}
