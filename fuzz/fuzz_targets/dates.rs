//! The date normaliser: text plus a publication date (any day chrono can
//! hold, from the first four bytes) -> `dates::extract` and the intervals
//! the index stores. Never a panic; every mention's span slices the text to
//! its words; every interval runs forwards.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let (head, rest) = data.split_at(4);
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let days = i32::from_le_bytes([head[0], head[1], head[2], head[3]]);
    // Mostly near today (the common case), sometimes anywhere chrono allows.
    let anchor = if days % 4 == 0 {
        NaiveDate::from_num_days_from_ce_opt(days)
    } else {
        NaiveDate::from_num_days_from_ce_opt(738_000 + days % 40_000)
    };
    for mention in claimdex::dates::extract(text, anchor) {
        let got = text.get(mention.span.start..mention.span.end);
        assert_eq!(got, Some(mention.text.as_str()));
        if let Some((first, last)) = claimdex::dates::interval(&mention) {
            assert!(first <= last);
            let _ = claimdex::index::documents::day_number(first);
        }
    }
});
