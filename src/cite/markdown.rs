//! The Markdown footnote style: a footnote definition whose text is the
//! Chicago notes-bibliography note (from the CSL engine, in Markdown markup)
//! with the claim's paragraph pinpoint, followed by the sources the claim
//! relies on as the article gives them.

use super::sources::ClaimSource;
use super::styles::escape_markdown;

/// The footnote label: the citation key with the characters footnote labels
/// cannot hold replaced, plus `-para-N` for a claim.
pub fn label(key: &str, paragraph: Option<u32>) -> String {
    let base: String = key
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    match paragraph {
        Some(p) => format!("{base}-para-{p}"),
        None => base,
    }
}

/// `[^label]: note` plus, for a claim, what it relies on.
pub fn footnote(label: &str, note: &str, sources: &[ClaimSource]) -> String {
    let mut out = format!("[^{label}]: {note}");
    if !sources.is_empty() {
        let described: Vec<String> = sources.iter().map(describe).collect();
        out.push_str(" The article cites for this claim: ");
        out.push_str(&described.join("; "));
        out.push('.');
    }
    out
}

/// The source as the article gives it, in Markdown (URLs as autolinks).
fn describe(source: &ClaimSource) -> String {
    let marker = escape_markdown(&source.marker());
    if !source.resolved {
        return format!("{marker} (unresolved: the article has no definition for it)");
    }
    let mut out = marker;
    if let Some(text) = &source.text {
        let text = match &source.url {
            Some(url) => text.replace(url.as_str(), ""),
            None => text.clone(),
        };
        let text = text.trim();
        if !text.is_empty() {
            out.push_str(": ");
            out.push_str(&escape_markdown(text));
        }
    }
    if let Some(url) = &source.url {
        out.push_str(&format!(" <{url}>"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_footnote_safe() {
        assert_eq!(
            label("rust-rfcs/0001.x", Some(3)),
            "rust-rfcs-0001-x-para-3"
        );
        assert_eq!(label("000_65", None), "000_65");
    }
}
