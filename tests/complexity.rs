//! Complexity ratios (RELIABILITY.md §4 H5): for each pathological input the
//! parse time at 4n is within 5x the time at n, so no input makes the parser
//! or the query parser quadratic.
//!
//! Ignored by default: timings belong in an optimised build on a quiet
//! machine. `.ci/run` runs it as `CLAIMDEX_COMPLEXITY_FAIL_AT=8 cargo test
//! --release --test complexity -- --ignored --nocapture`, which prints one
//! line per pattern and whether the 5x goal was met (the figures in
//! RELIABILITY.md), and fails at 8x (see `fail_at`).
//! A ratio, not an absolute time, is asserted, so a slow or loaded machine
//! shifts both sides alike. Each side is the fastest of `RUNS` runs, the
//! runs at n and at 4n taking turns, timed as the CPU time of the parsing
//! thread: other processes only ever add wall time (a 20 ms parse is
//! preempted more often than a 5 ms one on a busy machine), so the
//! minimum CPU time is the figure least moved by them. The median of 5 wall
//! times moved ratios from 4x to 8.8x between two runs on 2 cores at load 7,
//! where instruction counts under callgrind gave 4.0x both times.
//!
//! The citation patterns (footnotes, numbered notes) start at n = 4,000:
//! their parse keeps about 1 KB per note (pulldown-cmark's tree, blocks,
//! claims), so at n = 1,000 the whole parse fits the per-core cache (1 MiB
//! here) and at 4,000 it does not. A linear parse across that boundary
//! steps up once by a constant factor (per footnote 1.8-2.8 µs at 1,000,
//! 2.0-3.6 µs at 4,000, while instructions grow 4.1x): the ratio then
//! measured the cache, 4.3x to 6.8x from run to run, not the growth this
//! test is for. From 4,000 both sides are out of the cache, as a large
//! hostile file is; a quadratic step would still give about 16x.

#[path = "common/pathological.rs"]
#[allow(dead_code)] // `key` and `pattern` serve examples/complexity_input.rs
mod pathological;

use claimdex::parse::{parse_article, SourceFile};
use pathological::{Target, PATTERNS};
use std::time::Duration;

/// The binary's allocator (src/main.rs), so the parse is timed as ingest runs it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Below this, timer noise dominates: the time at n is at least this.
const FLOOR: Duration = Duration::from_micros(200);
const RUNS: usize = 7;
/// The goal (issue 8): t(4n) within 5x t(n).
const LIMIT: f64 = 5.0;

/// What the test fails at: the goal, unless `CLAIMDEX_COMPLEXITY_FAIL_AT`
/// sets another ratio. CI sets 8: on this shared host a neighbour
/// contending for memory can slow the larger input alone by 40-65% for
/// seconds (RELIABILITY.md, complexity), while no linear parse reaches 8x
/// and a quadratic one gives about 16x every time.
fn fail_at() -> f64 {
    std::env::var("CLAIMDEX_COMPLEXITY_FAIL_AT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(LIMIT)
}
/// Rounds of `RUNS` more runs for a ratio over the limit, `PAUSE` apart.
const EXTRA_ROUNDS: usize = 6;
const PAUSE: Duration = Duration::from_millis(500);

fn time_of(input: &str, run: &dyn Fn(&str)) -> Duration {
    let start = thread_time();
    run(input);
    thread_time().saturating_sub(start)
}

/// The CPU time this thread has used: unlike wall time, it does not count
/// the time other processes held the core.
#[cfg(unix)]
fn thread_time() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid timespec for the call to fill.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

#[cfg(not(unix))]
fn thread_time() -> Duration {
    use std::time::Instant;
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

fn parse(path: &str, text: &str) {
    let source = SourceFile {
        id: "c".to_string(),
        path: path.to_string(),
        bytes: text.as_bytes(),
        catalog: None,
    };
    let _ = std::hint::black_box(parse_article(&source));
}

/// The ratio t(4n)/t(n) for one pattern, printed as a table row.
fn ratio(name: &str, n: usize, make: &dyn Fn(usize) -> String, run: &dyn Fn(&str)) -> f64 {
    let (small, large) = (make(n), make(4 * n));
    run(&small); // warm up allocations and lazy regexes
    let (mut a, mut b) = (Duration::MAX, Duration::MAX);
    let mut runs = 0;
    let mut ratio = f64::INFINITY;
    // A ratio over the limit is measured again with more runs (pooled with
    // the first ones), each round after a pause, before it counts: a burst
    // of load on a shared machine, or a neighbour thrashing the shared last
    // level cache (which slows the larger input far more), can hold every
    // run of one side for a second or so; a quadratic parse cannot hide
    // from runs spread over several seconds.
    while runs < RUNS * (1 + EXTRA_ROUNDS) && (runs == 0 || ratio > LIMIT) {
        if runs > 0 {
            std::thread::sleep(PAUSE);
        }
        for _ in 0..RUNS {
            a = a.min(time_of(&small, run));
            b = b.min(time_of(&large, run));
        }
        runs += RUNS;
        ratio = b.as_secs_f64() / a.max(FLOOR).as_secs_f64();
    }
    let a = a.max(FLOOR);
    println!(
        "complexity: {name:<28} n={n:<7} t(n)={a:>10.3?} t(4n)={b:>10.3?} ratio={ratio:.2} ({runs} runs each)"
    );
    ratio
}

#[test]
#[ignore = "timing: run in release by .ci/run (--ignored)"]
fn parse_and_query_time_grow_linearly() {
    let mut worst = (0.0_f64, "");
    for pattern in PATTERNS {
        let run = |text: &str| match pattern.target {
            Target::Parse(path) => parse(path, text),
            Target::Query => {
                let _ = std::hint::black_box(claimdex::index::query::parse(text));
            }
        };
        let r = ratio(pattern.name, pattern.n, &pattern.make, &run);
        if r > worst.0 {
            worst = (r, pattern.name);
        }
    }
    let verdict = if worst.0 <= LIMIT { "met" } else { "MISSED" };
    println!(
        "complexity: worst ratio {:.2} ({}); goal {LIMIT}x {verdict}",
        worst.0, worst.1
    );
    let fail_at = fail_at();
    assert!(
        worst.0 <= fail_at,
        "superlinear: {} grows {:.2}x when its input grows 4x (fails at {fail_at}x)",
        worst.1,
        worst.0
    );
}
