//! Word alignment of a quotation against a candidate passage.
//!
//! The quotation need not match a whole sentence: it is aligned against the
//! best-matching window of the passage (semi-global edit distance over word
//! ids: the passage's words before and after the window cost nothing). A
//! quotation cut at elision marks is a list of pieces; skipping passage words
//! between two pieces costs nothing either, so the pieces are found in order
//! with what the elisions left out between them. Everything else (a word
//! replaced, added or dropped) costs one. `O(quotation words × passage words)`.

use std::ops::Range;

/// Where a quotation's pieces fell in a passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alignment {
    /// For each piece of the quotation, the passage words it was aligned
    /// with (empty when none of its words were found).
    pub pieces: Vec<Range<usize>>,
    /// Words replaced, added or dropped (0: every piece found word for word).
    pub cost: u32,
}

impl Alignment {
    /// The passage words from the first piece's start to the last piece's end.
    pub fn window(&self) -> Range<usize> {
        let start = self.pieces.first().map_or(0, |r| r.start);
        let end = self.pieces.last().map_or(start, |r| r.end).max(start);
        start..end
    }
}

/// Align `quote` (word ids; piece `k` is `quote[piece_starts[k]..next start]`)
/// against `source` (word ids).
pub fn align(quote: &[u32], piece_starts: &[usize], source: &[u32]) -> Alignment {
    let m = quote.len();
    let n = source.len();
    let width = n + 1;
    // Rows where skipping source words is free: before the first word, and
    // at every elision between pieces.
    let mut free = vec![false; m + 1];
    free[0] = true;
    for &start in piece_starts.iter().skip(1) {
        if start < m {
            free[start] = true;
        }
    }
    // Cost of an edit (a word replaced, added or dropped); a matched word
    // earns -1, so among alignments with the fewest edits the one pairing
    // the most words wins (edits * STEP always outweighs the matches).
    let step = (m + 1) as i64;
    let mut cost = vec![0i64; (m + 1) * width];
    for i in 1..=m {
        let row = i * width;
        let above = (i - 1) * width;
        cost[row] = cost[above] + step;
        let skip_cost = if free[i] { 0 } else { step };
        for j in 1..=n {
            let pair = if quote[i - 1] == source[j - 1] {
                -1
            } else {
                step
            };
            let substitute = cost[above + j - 1] + pair;
            let insert = cost[above + j] + step;
            let skip = cost[row + j - 1] + skip_cost;
            cost[row + j] = substitute.min(insert).min(skip);
        }
    }
    let last = m * width;
    let mut end = 0;
    for j in 1..=n {
        if cost[last + j] < cost[last + end] {
            end = j;
        }
    }
    // A quotation whose last words differ: replaced words (the passage goes
    // on) rather than added ones, when both cost the same.
    while end < n && cost[last + end + 1] == cost[last + end] {
        end += 1;
    }

    // Walk back, preferring matches, so that each piece ends as late and the
    // window starts as late as an optimal alignment allows.
    let piece_of = |i: usize| piece_starts.iter().rposition(|&s| s <= i).unwrap_or(0);
    let mut lo = vec![usize::MAX; piece_starts.len().max(1)];
    let mut hi = vec![0usize; piece_starts.len().max(1)];
    let mut at = vec![end; piece_starts.len().max(1)];
    let mut edits = 0u32;
    let (mut i, mut j) = (m, end);
    while i > 0 {
        let here = cost[i * width + j];
        let piece = piece_of(i - 1);
        at[piece] = j;
        let diag = (j > 0).then(|| cost[(i - 1) * width + j - 1]);
        let same = j > 0 && quote[i - 1] == source[j - 1];
        if same && diag.map(|d| d - 1) == Some(here) {
            note(&mut lo, &mut hi, piece, j - 1);
            i -= 1;
            j -= 1;
        } else if free[i] && j > 0 && cost[i * width + j - 1] == here {
            j -= 1;
        } else if !same && diag.map(|d| d + step) == Some(here) {
            note(&mut lo, &mut hi, piece, j - 1);
            edits += 1;
            i -= 1;
            j -= 1;
        } else if cost[(i - 1) * width + j] + step == here {
            edits += 1;
            i -= 1;
        } else {
            // A source word the quotation dropped inside a piece.
            note(&mut lo, &mut hi, piece, j - 1);
            edits += 1;
            j -= 1;
        }
    }
    let pieces = lo
        .iter()
        .zip(&hi)
        .zip(&at)
        .map(|((&lo, &hi), &at)| if lo == usize::MAX { at..at } else { lo..hi + 1 })
        .collect();
    Alignment {
        pieces,
        cost: edits,
    }
}

fn note(lo: &mut [usize], hi: &mut [usize], piece: usize, column: usize) {
    lo[piece] = lo[piece].min(column);
    hi[piece] = hi[piece].max(column);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_window_not_the_whole_passage() {
        let a = align(&[3, 4, 5], &[0], &[1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(a.cost, 0);
        assert_eq!(a.window(), 2..5);
        assert_eq!(a.pieces.len(), 1);
    }

    #[test]
    fn a_replaced_word_costs_one_and_keeps_the_window() {
        let a = align(&[3, 9, 5], &[0], &[1, 2, 3, 4, 5, 6]);
        assert_eq!(a.cost, 1);
        assert_eq!(a.window(), 2..5);
    }

    #[test]
    fn a_dropped_word_stays_inside_the_window() {
        let a = align(&[3, 5, 6], &[0], &[1, 3, 4, 5, 6, 7]);
        assert_eq!(a.cost, 1);
        assert_eq!(a.window(), 1..5);
    }

    #[test]
    fn elided_pieces_skip_for_free_and_end_late() {
        // "1 2 [...] 7 8" in "0 1 2 3 1 2 5 6 7 8 9": the first piece is the
        // occurrence nearest the second.
        let a = align(&[1, 2, 7, 8], &[0, 2], &[0, 1, 2, 3, 1, 2, 5, 6, 7, 8, 9]);
        assert_eq!(a.cost, 0);
        assert_eq!(a.pieces, [4..6, 8..10]);
    }

    #[test]
    fn a_different_last_word_is_replaced_not_added() {
        let a = align(&[1, 2, 9], &[0], &[1, 2, 3, 4]);
        assert_eq!(a.cost, 1);
        assert_eq!(a.window(), 0..3);
    }

    #[test]
    fn a_piece_not_found_is_empty() {
        let a = align(&[1, 2, 40, 41], &[0, 2], &[1, 2]);
        assert_eq!(a.cost, 2);
        assert_eq!(a.pieces[0], 0..2);
        assert!(a.pieces[1].is_empty());
    }
}
