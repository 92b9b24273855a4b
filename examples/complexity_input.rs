//! Parse one pathological input (the patterns of `tests/complexity.rs`) of
//! size n, once, after a warm-up parse of the same pattern at size 50, for
//! counting instructions: the ratio of counts at 4n and n is a noise-free
//! complexity figure on a shared machine.
//!
//! ```sh
//! cargo build --release --example complexity_input
//! valgrind --tool=callgrind --toggle-collect='complexity_input::measured*' \
//!     target/release/examples/complexity_input notes 1000
//! ```
//!
//! A third argument repeats the measured parse that many times (for
//! `perf record`).
//!
//! Patterns: the keys of `tests/common/pathological.rs` (quotes, lists,
//! nospace, nospace-md, brackets, brackets-md, pairs, stars, emphasis, links,
//! footnotes, notes, quote-marks, dates, rst); the query patterns are for
//! the timing test only.

#[path = "../tests/common/pathological.rs"]
#[allow(dead_code)] // the table's query patterns and fields this tool does not use
mod pathological;

use claimdex::parse::{parse_article, SourceFile};
use pathological::Target;

/// The binary's allocator (src/main.rs), so in-process figures match what
/// `claimdex` itself does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn parse(id: &str, text: &str, path: &str) -> usize {
    let source = SourceFile {
        id: id.to_string(),
        path: path.to_string(),
        bytes: text.as_bytes(),
        catalog: None,
    };
    parse_article(&source).map_or(0, |article| article.claims.len())
}

/// The warm-up: builds the lazy regexes (kept out of the count).
#[inline(never)]
fn warm_up(text: &str, path: &str) -> usize {
    parse("warm", text, path)
}

/// The parse whose instructions are counted.
#[inline(never)]
fn measured(text: &str, path: &str) -> usize {
    parse("measured", text, path)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(pattern), Some(n)) = (args.get(1), args.get(2).and_then(|n| n.parse().ok())) else {
        eprintln!("usage: complexity_input PATTERN N");
        std::process::exit(2);
    };
    let Some((Target::Parse(path), make)) =
        pathological::pattern(pattern).map(|p| (p.target, p.make))
    else {
        eprintln!("unknown parse pattern {pattern}");
        std::process::exit(2);
    };
    let (small, text) = (make(50), make(n));
    std::hint::black_box(warm_up(&small, path));
    // An optional third argument repeats the measured parse (for `perf`).
    let repeat: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(1);
    let started = std::time::Instant::now();
    let mut claims = 0;
    for _ in 0..repeat {
        claims = std::hint::black_box(measured(&text, path));
    }
    println!(
        "{pattern} n={n}: {claims} claims, {:?} per parse",
        started.elapsed() / repeat.max(1) as u32
    );
}
