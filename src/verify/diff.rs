//! The word diff of a source passage against a quotation (via `similar`, on
//! our own word tokens, so punctuation never makes two words differ), piece
//! by piece, with what the elisions left out between the pieces.

use crate::model::DiffOp;
use similar::{capture_diff_slices, Algorithm, DiffTag};
use std::ops::Range;

/// One diff step, as ranges of word indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub op: DiffOp,
    /// Source words (for `equal`, `delete`, `elided`).
    pub source: Range<usize>,
    /// Quotation words (for `equal`, `insert`).
    pub quote: Range<usize>,
}

/// A word diff and how many words the two sides share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordDiff {
    pub steps: Vec<Step>,
    /// Words in common.
    pub same: usize,
    /// Source words compared (the window without what elisions left out).
    pub source_words: usize,
}

/// Diff each quotation piece against the source words it was aligned with;
/// the source words between two aligned pieces become `elided` steps.
pub fn word_diff(
    quote: &[u32],
    quote_pieces: &[Range<usize>],
    source: &[u32],
    source_pieces: &[Range<usize>],
) -> WordDiff {
    let mut steps = Vec::new();
    let mut same = 0;
    let mut source_words = 0;
    let mut previous_end: Option<usize> = None;
    for (q, s) in quote_pieces.iter().zip(source_pieces) {
        if let Some(end) = previous_end {
            if s.start > end {
                steps.push(Step {
                    op: DiffOp::Elided,
                    source: end..s.start,
                    quote: q.start..q.start,
                });
            }
        }
        if !s.is_empty() {
            previous_end = Some(s.end);
        }
        source_words += s.len();
        let ops = capture_diff_slices(Algorithm::Myers, &source[s.clone()], &quote[q.clone()]);
        for op in ops {
            let (tag, old, new) = op.as_tag_tuple();
            let old = s.start + old.start..s.start + old.end;
            let new = q.start + new.start..q.start + new.end;
            match tag {
                DiffTag::Equal => {
                    same += new.len();
                    steps.push(Step {
                        op: DiffOp::Equal,
                        source: old,
                        quote: new,
                    });
                }
                DiffTag::Delete => steps.push(Step {
                    op: DiffOp::Delete,
                    source: old,
                    quote: new,
                }),
                DiffTag::Insert => steps.push(Step {
                    op: DiffOp::Insert,
                    source: old,
                    quote: new,
                }),
                DiffTag::Replace => {
                    steps.push(Step {
                        op: DiffOp::Delete,
                        source: old.clone(),
                        quote: new.start..new.start,
                    });
                    steps.push(Step {
                        op: DiffOp::Insert,
                        source: old.end..old.end,
                        quote: new,
                    });
                }
            }
        }
    }
    WordDiff {
        steps,
        same,
        source_words,
    }
}

/// `2 * same / (quotation words + source words)`, 0 when both are empty.
pub fn similarity(same: usize, quote_words: usize, source_words: usize) -> f64 {
    let total = quote_words + source_words;
    if total == 0 {
        0.0
    } else {
        2.0 * same as f64 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_number_is_a_delete_and_an_insert() {
        let whole = std::iter::once(0..4).collect::<Vec<_>>();
        let diff = word_diff(&[1, 2, 97, 4], &whole, &[1, 2, 79, 4], &whole);
        assert_eq!(diff.same, 3);
        let ops: Vec<_> = diff.steps.iter().map(|s| s.op).collect();
        assert_eq!(
            ops,
            [DiffOp::Equal, DiffOp::Delete, DiffOp::Insert, DiffOp::Equal]
        );
        assert_eq!(diff.steps[1].source, 2..3);
        assert_eq!(diff.steps[2].quote, 2..3);
    }

    #[test]
    fn elided_words_are_their_own_steps() {
        let diff = word_diff(&[1, 2, 5], &[0..2, 2..3], &[1, 2, 3, 4, 5], &[0..2, 4..5]);
        assert_eq!(diff.same, 3);
        assert_eq!(diff.source_words, 3);
        assert_eq!(diff.steps[1].op, DiffOp::Elided);
        assert_eq!(diff.steps[1].source, 2..4);
    }

    #[test]
    fn similarity_edges() {
        assert_eq!(similarity(0, 0, 0), 0.0);
        assert_eq!(similarity(4, 4, 4), 1.0);
        assert_eq!(similarity(6, 8, 8), 0.75);
    }
}
