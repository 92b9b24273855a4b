//! Quotation verification: did a source really say this, in these words?
//!
//! [`verify`] folds the quotation's typography ([`normalize`]), asks
//! [`retrieve`] for candidate passages, aligns the quotation's words against
//! each ([`align`]), diffs them ([`diff`]) and decides a verdict per passage
//! and overall ([`verdict`]). The result is a [`Verification`] of the data
//! model; printing it is the command's job.

pub mod align;
pub mod diff;
pub mod normalize;
pub mod retrieve;
pub mod verdict;

use crate::error::Error;
use crate::index::ArchiveIndex;
use crate::model::{
    ArticleSummary, Citation, Claim, DiffOp, DiffPiece, Location, QuoteMatch, Typography, Verdict,
    Verification,
};
use anyhow::Result;
use normalize::{fold, words, Folded, Token, TokenKind};
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::path::Path;

/// A quotation, folded and cut into pieces at its elision marks.
pub struct Quotation<'a> {
    pub folded: Folded<'a>,
    /// The word tokens, in order (elision marks left out).
    pub tokens: Vec<Token>,
    /// Index in `tokens` where each piece starts (the first is 0).
    pub piece_starts: Vec<usize>,
    /// Elision marks before the first or after the last word.
    pub edge_elisions: bool,
}

impl<'a> Quotation<'a> {
    /// Fold and cut `text`; a usage error when it has no words or too many.
    pub fn parse(text: &'a str) -> Result<Quotation<'a>> {
        let folded = fold(text);
        let mut tokens = Vec::new();
        let mut piece_starts = vec![0];
        let mut edge_elisions = false;
        let mut pending_elision = false;
        for token in words(&folded) {
            match token.kind {
                TokenKind::Elision if tokens.is_empty() => edge_elisions = true,
                TokenKind::Elision => pending_elision = true,
                TokenKind::Word => {
                    if pending_elision {
                        piece_starts.push(tokens.len());
                        pending_elision = false;
                    }
                    tokens.push(token);
                }
            }
        }
        if pending_elision {
            edge_elisions = true;
        }
        if tokens.is_empty() {
            return Err(Error::Usage("the quotation has no words to check".to_string()).into());
        }
        if tokens.len() > verdict::MAX_QUOTE_WORDS {
            return Err(Error::Usage(format!(
                "the quotation has {} words; verify checks at most {} at a time (check it in parts)",
                tokens.len(),
                verdict::MAX_QUOTE_WORDS
            ))
            .into());
        }
        Ok(Quotation {
            folded,
            tokens,
            piece_starts,
            edge_elisions,
        })
    }

    /// Whether elision marks cut the quotation into several pieces.
    pub fn is_elided(&self) -> bool {
        self.piece_starts.len() > 1
    }

    /// Each piece as a range of word indices.
    pub fn pieces(&self) -> Vec<Range<usize>> {
        let mut ends: Vec<usize> = self.piece_starts.iter().skip(1).copied().collect();
        ends.push(self.tokens.len());
        self.piece_starts
            .iter()
            .zip(ends)
            .map(|(&s, e)| s..e)
            .collect()
    }
}

/// Word ids shared by the quotation and the passages: a passage word the
/// quotation lacks gets [`UNKNOWN`].
struct Vocabulary(HashMap<String, u32>);

const UNKNOWN: u32 = u32::MAX;

impl Vocabulary {
    fn id(&self, word: &str) -> u32 {
        self.0.get(word).copied().unwrap_or(UNKNOWN)
    }
}

/// Check `quote` (optionally as said by `speaker`) against the archive.
/// `root` is the archive folder, to compare each matched article's source
/// file with the hash it was ingested with.
pub fn verify(
    index: &ArchiveIndex,
    root: &Path,
    quote: &str,
    speaker: Option<&str>,
) -> Result<Verification> {
    let quotation = Quotation::parse(quote)?;
    let mut vocabulary = Vocabulary(HashMap::new());
    let mut distinct = Vec::new();
    let quote_ids: Vec<u32> = quotation
        .tokens
        .iter()
        .map(|t| {
            let next = vocabulary.0.len() as u32;
            *vocabulary.0.entry(t.norm.clone()).or_insert_with(|| {
                distinct.push(t.norm.clone());
                next
            })
        })
        .collect();
    let slack = if quotation.is_elided() {
        verdict::ELISION_REACH_WORDS
    } else {
        0
    };
    let phrase = (!quotation.is_elided()).then(|| {
        let words: Vec<&str> = quotation.tokens.iter().map(|t| t.norm.as_str()).collect();
        words.join(" ")
    });
    let query = retrieve::Query {
        phrase: phrase.as_deref(),
        words: &distinct,
        reach: quote_ids.len() + slack,
    };
    let passages = retrieve::candidate_passages(index, &query)?;

    let mut best_per_article: HashMap<String, QuoteMatch> = HashMap::new();
    for passage in &passages {
        let Some(found) = compare(
            &quotation,
            &quote_ids,
            &vocabulary,
            &passage.article_id,
            &passage.claims,
            speaker,
        ) else {
            continue;
        };
        match best_per_article.get(&found.article.id) {
            Some(kept) if verdict::match_order(kept, &found).is_le() => {}
            _ => {
                best_per_article.insert(found.article.id.clone(), found);
            }
        }
    }
    let mut all: Vec<QuoteMatch> = best_per_article.into_values().collect();
    all.sort_by(verdict::match_order);

    let found_words: Vec<QuoteMatch> = all
        .iter()
        .filter(|m| {
            matches!(
                m.verdict,
                Verdict::Exact | Verdict::Elided | Verdict::Misattributed
            )
        })
        .cloned()
        .collect();
    let (overall, mut matches) = if !found_words.is_empty() {
        let wording = if quotation.is_elided() {
            Verdict::Elided
        } else {
            Verdict::Exact
        };
        let any_right_speaker = found_words
            .iter()
            .any(|m| m.verdict != Verdict::Misattributed);
        let overall = if any_right_speaker {
            wording
        } else {
            Verdict::Misattributed
        };
        (overall, found_words)
    } else if all.iter().any(|m| m.verdict == Verdict::Altered) {
        let altered = all
            .iter()
            .filter(|m| m.verdict == Verdict::Altered)
            .cloned()
            .collect();
        (Verdict::Altered, altered)
    } else {
        let mut nearest: Vec<QuoteMatch> = all.into_iter().filter(|m| m.similarity > 0.0).collect();
        nearest.truncate(verdict::NEAREST_SHOWN);
        (Verdict::NotFound, nearest)
    };
    if overall != Verdict::Altered {
        for m in &mut matches {
            m.diff = None;
        }
    }
    let mut headers: HashMap<String, Option<ArticleSummary>> = HashMap::new();
    for m in &mut matches {
        let header = match headers.get(&m.article.id) {
            Some(header) => header.clone(),
            None => {
                let header = retrieve::article_header(index, &m.article.id)?
                    .map(|a| ArticleSummary::from(&a));
                headers.insert(m.article.id.clone(), header.clone());
                header
            }
        };
        if let Some(header) = header {
            m.article = header;
        }
    }
    matches.sort_by(verdict::match_order);

    let mut notes = Vec::new();
    let mut hashes: HashMap<String, bool> = HashMap::new();
    for m in &mut matches {
        let changed = *hashes
            .entry(m.article.path.clone())
            .or_insert_with(|| source_changed(root, &m.article.path, &m.article.hash));
        m.source_changed = changed;
    }
    let changed = matches.iter().filter(|m| m.source_changed).count();
    if changed > 0 {
        notes.push(format!(
            "source changed since ingest: {changed} matched article(s) no longer have the bytes they were ingested from; run `claimdex ingest` and verify again"
        ));
    }
    if quotation.edge_elisions {
        notes.push(
            "elision marks at the start or end of the quotation leave nothing out between its words; they were not counted as elisions"
                .to_string(),
        );
    }
    if quote_ids.len() < 3 {
        notes.push(format!(
            "a quotation of {} word(s) proves little: short phrases recur in unrelated text",
            quote_ids.len()
        ));
    }
    if speaker.is_some()
        && matches
            .iter()
            .any(|m| m.verdict != Verdict::NotFound && !m.quoted)
    {
        notes.push(
            "where the source names no speaker, it does not present the words as a quotation (or its quotation could not be attributed)"
                .to_string(),
        );
    }
    Ok(Verification {
        verdict: overall,
        quote: quote.to_string(),
        speaker: speaker.map(str::to_string),
        matches,
        notes,
    })
}

/// True when the article's source file no longer has the hash it was
/// ingested with (or cannot be read).
fn source_changed(root: &Path, path: &str, hash: &str) -> bool {
    match std::fs::read(root.join(path)) {
        Ok(bytes) => crate::parse::content_hash(&bytes) != hash,
        Err(_) => true,
    }
}

/// Compare the quotation with one passage; `None` when they share no word.
fn compare(
    quotation: &Quotation,
    quote_ids: &[u32],
    vocabulary: &Vocabulary,
    article_id: &str,
    claims: &[Claim],
    speaker: Option<&str>,
) -> Option<QuoteMatch> {
    // The passage's claims joined by single spaces, with each claim's offset.
    let mut joined = String::new();
    let mut offsets = Vec::with_capacity(claims.len());
    for claim in claims {
        if !joined.is_empty() {
            joined.push(' ');
        }
        offsets.push(joined.len());
        joined.push_str(&claim.text);
    }
    let folded = fold(&joined);
    let tokens: Vec<Token> = words(&folded)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Word)
        .collect();
    let source_ids: Vec<u32> = tokens.iter().map(|t| vocabulary.id(&t.norm)).collect();
    if !source_ids.iter().any(|&id| id != UNKNOWN) {
        return None;
    }
    let alignment = align::align(quote_ids, &quotation.piece_starts, &source_ids);
    let window = alignment.window();
    if window.is_empty() {
        return None;
    }
    let quote_pieces = quotation.pieces();
    let word_diff = diff::word_diff(quote_ids, &quote_pieces, &source_ids, &alignment.pieces);
    let similarity = diff::similarity(word_diff.same, quote_ids.len(), word_diff.source_words);
    let wording = verdict::wording(alignment.cost, quotation.is_elided(), similarity);

    let byte_start = tokens[window.start].start;
    let byte_end = tokens[window.end - 1].end;
    let claim_at = |byte: usize| offsets.partition_point(|&o| o <= byte) - 1;
    let (first, last) = (claim_at(byte_start), claim_at(byte_end - 1));
    let matched = &claims[first..=last];

    let source_text = |range: Range<usize>| -> String {
        if range.is_empty() {
            String::new()
        } else {
            joined[tokens[range.start].start..tokens[range.end - 1].end].to_string()
        }
    };
    let quote_text = |range: Range<usize>| -> String {
        if range.is_empty() {
            String::new()
        } else {
            let t = &quotation.tokens;
            quotation.folded.original[t[range.start].start..t[range.end - 1].end].to_string()
        }
    };

    let omitted = alignment
        .pieces
        .windows(2)
        .map(|pair| source_text(pair[0].end..pair[1].start.max(pair[0].end)))
        .collect();
    let typography = if wording == Verdict::NotFound {
        Vec::new()
    } else {
        typography(quotation, &folded, &tokens, &word_diff.steps)
    };
    let diff = (wording == Verdict::Altered).then(|| {
        word_diff
            .steps
            .iter()
            .map(|step| DiffPiece {
                op: step.op,
                text: match step.op {
                    DiffOp::Insert => quote_text(step.quote.clone()),
                    _ => source_text(step.source.clone()),
                },
            })
            .collect()
    });

    let (named, role, quoted) = source_speaker(claims, &offsets, first, last, byte_start, byte_end);
    let speaker_matches = speaker.map(|asked| {
        named
            .as_deref()
            .is_some_and(|named| verdict::same_person(asked, named))
    });
    let mut citations: Vec<Citation> = Vec::new();
    for claim in matched {
        for citation in &claim.citations {
            if !citations.contains(citation) {
                citations.push(citation.clone());
            }
        }
    }
    let (first_claim, last_claim) = (&claims[first], &claims[last]);
    Some(QuoteMatch {
        verdict: verdict::with_speaker(wording, speaker_matches),
        // Filled from the article's header once the match is reported.
        article: ArticleSummary {
            id: article_id.to_string(),
            path: String::new(),
            hash: String::new(),
            title: None,
            authors: Vec::new(),
            outlet: None,
            url: None,
            published: None,
        },
        claim_id: first_claim.id.clone(),
        claim_ids: matched.iter().map(|c| c.id.clone()).collect(),
        location: Location {
            line: first_claim.location.line,
            end_line: last_claim.location.end_line,
            byte_start: first_claim.location.byte_start,
            byte_end: last_claim.location.byte_end,
        },
        // A passage that does not match is shown whole, not as the few
        // words the alignment could pair.
        text: if wording == Verdict::NotFound {
            let start = offsets[first];
            let end = offsets[last] + claims[last].text.len();
            joined[start..end].to_string()
        } else {
            joined[byte_start..byte_end].to_string()
        },
        similarity: (similarity * 1000.0).round() / 1000.0,
        typography,
        omitted,
        diff,
        speaker: named,
        role,
        quoted,
        speaker_matches,
        citations,
        source_changed: false,
    })
}

/// The typographic differences between the quotation's words and the
/// source words they matched, and between the gaps of consecutive matched
/// words (the gaps before the first and after the last word are not compared).
fn typography(
    quotation: &Quotation,
    folded: &Folded,
    tokens: &[Token],
    steps: &[diff::Step],
) -> Vec<Typography> {
    let mut found = BTreeSet::new();
    let quote_tokens = &quotation.tokens;
    for step in steps.iter().filter(|s| s.op == DiffOp::Equal) {
        for k in 0..step.quote.len() {
            let (q, s) = (step.quote.start + k, step.source.start + k);
            normalize::differences(
                &quotation.folded,
                quote_tokens[q].chars.clone(),
                folded,
                tokens[s].chars.clone(),
                true,
                &mut found,
            );
            if k + 1 < step.quote.len() {
                normalize::differences(
                    &quotation.folded,
                    quote_tokens[q].chars.end..quote_tokens[q + 1].chars.start,
                    folded,
                    tokens[s].chars.end..tokens[s + 1].chars.start,
                    false,
                    &mut found,
                );
            }
        }
    }
    found.into_iter().collect()
}

/// Who the source says spoke the matched words: the speaker of the first
/// quotation (in the claims' `quotes`) that overlaps them, following a
/// quotation that continues from an earlier claim of the passage back to
/// where it opened. Returns (speaker, role, whether the words are quoted).
fn source_speaker(
    claims: &[Claim],
    offsets: &[usize],
    first: usize,
    last: usize,
    byte_start: usize,
    byte_end: usize,
) -> (Option<String>, Option<String>, bool) {
    let mut quoted = false;
    for c in first..=last {
        let claim = &claims[c];
        let base = offsets[c];
        for quote in &claim.quotes {
            let (start, end) = (base + quote.span.start, base + quote.span.end);
            if start >= byte_end || end <= byte_start {
                continue;
            }
            quoted = true;
            if quote.speaker.is_some() {
                return (quote.speaker.clone(), quote.role.clone(), true);
            }
            if quote.continued {
                // Walk back to the claim where the quotation opened.
                for earlier in (0..c).rev() {
                    let opening = claims[earlier]
                        .quotes
                        .iter()
                        .rev()
                        .find(|q| q.continues || q.speaker.is_some());
                    match opening {
                        Some(q) if q.speaker.is_some() => {
                            return (q.speaker.clone(), q.role.clone(), true)
                        }
                        Some(q) if q.continued => continue,
                        _ => break,
                    }
                }
            }
        }
    }
    (None, None, quoted)
}
