//! The per-article sourcing report: citation markers with no definition,
//! definitions never cited, a numbered label used at two places for
//! different statements, skipped note numbers, and claims with no citation
//! or attribution at all.

use crate::model::{ArticleReport, CitationDefinition, CitationKind, Claim, ClaimKind, ReportItem};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Build the report for an article's claims and definitions.
pub fn build(claims: &[Claim], definitions: &[CitationDefinition]) -> ArticleReport {
    let mut report = ArticleReport::default();
    // Unresolved markers, grouped by label in order of first use (found by
    // label through `position`, so thousands of labels stay linear).
    let mut unresolved: Vec<ReportItem> = Vec::new();
    let mut position: HashMap<&str, usize> = HashMap::new();
    // (item, line) and (item, claim) pairs already listed.
    let mut listed_lines: HashSet<(usize, u32)> = HashSet::new();
    let mut listed_claims: HashSet<(usize, &str)> = HashSet::new();
    // Unresolved numbered labels: the claims each is used in.
    let mut numbered_uses: BTreeMap<u64, (String, Vec<&Claim>)> = BTreeMap::new();
    let mut numbered_listed: HashSet<(u64, &str)> = HashSet::new();
    for claim in claims {
        for citation in claim.citations.iter().filter(|c| !c.resolved) {
            let index = *position.entry(&citation.label).or_insert_with(|| {
                unresolved.push(ReportItem {
                    label: citation.label.clone(),
                    lines: Vec::new(),
                    claims: Vec::new(),
                });
                unresolved.len() - 1
            });
            let item = &mut unresolved[index];
            if listed_lines.insert((index, claim.location.line)) {
                item.lines.push(claim.location.line);
            }
            if listed_claims.insert((index, &claim.id)) {
                item.claims.push(claim.id.clone());
            }
            if citation.kind == CitationKind::Numbered {
                if let Ok(number) = citation.label.parse::<u64>() {
                    let entry = numbered_uses
                        .entry(number)
                        .or_insert_with(|| (citation.label.clone(), Vec::new()));
                    if numbered_listed.insert((number, &claim.id)) {
                        entry.1.push(claim);
                    }
                }
            }
        }
    }
    report.unresolved_markers = unresolved;
    for def in definitions.iter().filter(|d| !d.referenced) {
        report.unused_definitions.push(ReportItem {
            label: def.label.clone(),
            lines: vec![def.line],
            claims: Vec::new(),
        });
    }
    // A numbered note stands for one statement: the same number under
    // claims of different paragraphs is a label reused for different statements.
    for (label, uses) in numbered_uses.values() {
        let paragraphs: BTreeSet<u32> = uses.iter().map(|c| c.paragraph).collect();
        if paragraphs.len() > 1 {
            report.reused_labels.push(ReportItem {
                label: label.clone(),
                lines: uses.iter().map(|c| c.location.line).collect(),
                claims: uses.iter().map(|c| c.id.clone()).collect(),
            });
        }
    }
    // Skipped numbers in a run of numbered notes.
    let numbers: Vec<u64> = numbered_uses.keys().copied().collect();
    if numbers.len() >= 3 {
        let skipped: Vec<String> = numbers
            .windows(2)
            .flat_map(|pair| (pair[0] + 1..pair[1]).take(20))
            .map(|n| n.to_string())
            .collect();
        if !skipped.is_empty() && skipped.len() * 4 < numbers.len() {
            report.warnings.push(format!(
                "numbered notes skip {} (markers may be misnumbered)",
                skipped.join(", ")
            ));
        }
    }
    report.unsourced_claims = claims
        .iter()
        .filter(|c| {
            matches!(
                c.kind,
                ClaimKind::Sentence | ClaimKind::ListItem | ClaimKind::QuoteBlock
            )
        })
        .filter(|c| c.citations.is_empty() && c.attributions.is_empty())
        .map(|c| c.id.clone())
        .collect();
    report
}
