//! The pathological inputs of the complexity ratios (RELIABILITY.md §4 H5),
//! in one place for the timing test (`tests/complexity.rs`) and the
//! instruction-count tool (`examples/complexity_input.rs`, which includes
//! this file by path).

/// What an input is fed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The article parser, as a file with this name (its extension picks
    /// the format).
    Parse(&'static str),
    /// The query parser.
    Query,
}

/// One pathological input, generated at any size n.
pub struct Pattern {
    /// Short key (`complexity_input KEY N`).
    pub key: &'static str,
    /// Name in the printed table.
    pub name: &'static str,
    /// The n the ratio t(4n)/t(n) starts from.
    pub n: usize,
    pub target: Target,
    pub make: fn(usize) -> String,
}

fn footnotes(n: usize) -> String {
    let mut text = String::new();
    for i in 0..n {
        text.push_str(&format!("Claim number {i} holds.[^{i}]\n\n"));
    }
    for i in 0..n {
        text.push_str(&format!("[^{i}]: Source {i}.\n"));
    }
    text
}

fn numbered_notes(n: usize) -> String {
    let mut text = String::new();
    for i in 0..n {
        text.push_str(&format!("Claim number {i} holds.[{i}]\n\n"));
    }
    text.push_str("References\n\n");
    for i in 0..n {
        text.push_str(&format!("{i}. Source {i}.\n"));
    }
    text
}

fn indented_blocks(n: usize) -> String {
    let mut text = String::from("Title\n=====\n\n");
    for i in 0..n {
        text.push_str(&" ".repeat(i % 40));
        text.push_str("Some text here.\n\n");
    }
    text
}

/// Every pattern. The citation patterns start at n = 4,000: their parse
/// keeps about 1 KB per note, so at 1,000 the whole parse fits the per-core
/// cache and at 4,000 it does not, and a ratio across that boundary
/// measures the cache, not growth (RELIABILITY.md, complexity).
pub const PATTERNS: &[Pattern] = &[
    Pattern {
        key: "quotes",
        name: "nested block quotes (md)",
        n: 2_500,
        target: Target::Parse("c.md"),
        make: |n| format!("{}Deep claim.\n", "> ".repeat(n)),
    },
    Pattern {
        key: "lists",
        name: "nested lists (md)",
        n: 2_500,
        target: Target::Parse("c.md"),
        make: |n| format!("{}Deep item.\n", "- ".repeat(n)),
    },
    Pattern {
        key: "nospace-md",
        name: "line without spaces (md)",
        n: 50_000,
        target: Target::Parse("c.md"),
        make: |n| format!("{}.\n", "a".repeat(n)),
    },
    Pattern {
        key: "nospace",
        name: "line without spaces (txt)",
        n: 50_000,
        target: Target::Parse("c.txt"),
        make: |n| format!("{}.\n", "a".repeat(n)),
    },
    Pattern {
        key: "brackets-md",
        name: "open brackets [ (md)",
        n: 10_000,
        target: Target::Parse("c.md"),
        make: |n| "[".repeat(n),
    },
    Pattern {
        key: "brackets",
        name: "open brackets [ (txt)",
        n: 10_000,
        target: Target::Parse("c.txt"),
        make: |n| "[".repeat(n),
    },
    Pattern {
        key: "pairs",
        name: "bracket pairs [a] (md)",
        n: 5_000,
        target: Target::Parse("c.md"),
        make: |n| "[a]".repeat(n),
    },
    Pattern {
        key: "stars",
        name: "asterisks * (md)",
        n: 10_000,
        target: Target::Parse("c.md"),
        make: |n| "*".repeat(n),
    },
    Pattern {
        key: "emphasis",
        name: "emphasis openers *a (md)",
        n: 5_000,
        target: Target::Parse("c.md"),
        make: |n| "*a ".repeat(n),
    },
    Pattern {
        key: "links",
        name: "links [a](b (md)",
        n: 5_000,
        target: Target::Parse("c.md"),
        make: |n| "[a](b ".repeat(n),
    },
    Pattern {
        key: "footnotes",
        name: "footnotes refs+defs (md)",
        n: 4_000,
        target: Target::Parse("c.md"),
        make: footnotes,
    },
    Pattern {
        key: "notes",
        name: "numbered notes [n] (txt)",
        n: 4_000,
        target: Target::Parse("c.txt"),
        make: numbered_notes,
    },
    Pattern {
        key: "quote-marks",
        name: "quotation marks \" (txt)",
        n: 5_000,
        target: Target::Parse("c.txt"),
        make: |n| "He said \"yes ".repeat(n),
    },
    Pattern {
        key: "dates",
        name: "dates in one sentence (txt)",
        n: 1_000,
        target: Target::Parse("c.txt"),
        make: |n| format!("{}.\n", "on 3 May 2020 and ".repeat(n)),
    },
    Pattern {
        key: "rst",
        name: "indented blocks (rst)",
        n: 2_500,
        target: Target::Parse("c.rst"),
        make: indented_blocks,
    },
    Pattern {
        key: "query-parens",
        name: "query: open parentheses",
        n: 2_000,
        target: Target::Query,
        make: |n| format!("{}a", "(".repeat(n)),
    },
    Pattern {
        key: "query-quotes",
        name: "query: quote marks",
        n: 500,
        target: Target::Query,
        make: |n| "\"a\" ".repeat(n).chars().take(10_000).collect(),
    },
];

/// The pattern of a key.
pub fn pattern(key: &str) -> Option<&'static Pattern> {
    PATTERNS.iter().find(|p| p.key == key)
}
