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
//! Patterns: quotes, lists, nospace, nospace-md, brackets, brackets-md,
//! pairs, stars, emphasis, links, footnotes, notes, quote-marks, dates, rst.

use claimdex::parse::{parse_article, SourceFile};

/// The binary's allocator (src/main.rs), so in-process figures match what
/// `claimdex` itself does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The input of `pattern` at size `n`, and the file name that picks its format.
fn make(pattern: &str, n: usize) -> Option<(String, &'static str)> {
    Some(match pattern {
        "quotes" => (format!("{}Deep claim.\n", "> ".repeat(n)), "c.md"),
        "lists" => (format!("{}Deep item.\n", "- ".repeat(n)), "c.md"),
        "nospace" => (format!("{}.\n", "a".repeat(n)), "c.txt"),
        "nospace-md" => (format!("{}.\n", "a".repeat(n)), "c.md"),
        "brackets" => ("[".repeat(n), "c.txt"),
        "brackets-md" => ("[".repeat(n), "c.md"),
        "pairs" => ("[a]".repeat(n), "c.md"),
        "stars" => ("*".repeat(n), "c.md"),
        "emphasis" => ("*a ".repeat(n), "c.md"),
        "links" => ("[a](b ".repeat(n), "c.md"),
        "footnotes" => {
            let mut text = String::new();
            for i in 0..n {
                text.push_str(&format!("Claim number {i} holds.[^{i}]\n\n"));
            }
            for i in 0..n {
                text.push_str(&format!("[^{i}]: Source {i}.\n"));
            }
            (text, "c.md")
        }
        "notes" => {
            let mut text = String::new();
            for i in 0..n {
                text.push_str(&format!("Claim number {i} holds.[{i}]\n\n"));
            }
            text.push_str("References\n\n");
            for i in 0..n {
                text.push_str(&format!("{i}. Source {i}.\n"));
            }
            (text, "c.txt")
        }
        "quote-marks" => ("He said \"yes ".repeat(n), "c.txt"),
        "dates" => (format!("{}.\n", "on 3 May 2020 and ".repeat(n)), "c.txt"),
        "rst" => {
            let mut text = String::from("Title\n=====\n\n");
            for i in 0..n {
                text.push_str(&" ".repeat(i % 40));
                text.push_str("Some text here.\n\n");
            }
            (text, "c.rst")
        }
        _ => return None,
    })
}

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
    let (Some((small, path)), Some((text, _))) = (make(pattern, 50), make(pattern, n)) else {
        eprintln!("unknown pattern {pattern}");
        std::process::exit(2);
    };
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
