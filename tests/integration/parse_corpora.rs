//! Every article under `../shared/corpora/` parses without error or panic,
//! and every footnote marker whose label the article defines resolves. The
//! test prints how many footnote definitions were found and resolved.

use crate::common;

use claimdex::model::CitationKind;
use claimdex::parse::{parse_guarded, SourceFile};
use std::path::Path;

#[test]
fn shared_corpora_parse_and_defined_footnotes_resolve() {
    let Some(shared) = common::shared_dir("corpora") else {
        return;
    };
    let root = shared.join("corpora");
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&root) {
        let entry = entry.expect("walk corpora");
        let path = entry.path();
        let is_readme = entry
            .file_name()
            .to_string_lossy()
            .to_ascii_lowercase()
            .starts_with("readme.");
        if entry.file_type().is_file() && claimdex::archive::is_article_file(path) && !is_readme {
            files.push(path.to_path_buf());
        }
    }
    files.sort();
    assert!(files.len() > 3000, "only {} articles found", files.len());

    let mut failures = Vec::new();
    let mut claims = 0usize;
    let mut definitions = 0usize;
    let mut referenced = 0usize;
    let mut markers = 0usize;
    let mut resolved = 0usize;
    let mut unresolved_defined = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).expect("read article");
        let relative = path.strip_prefix(&root).unwrap_or(Path::new(""));
        let source = SourceFile {
            id: claimdex::archive::article_id(relative),
            path: relative.display().to_string(),
            bytes: &bytes,
            catalog: None,
        };
        let article = match parse_guarded(&source) {
            Ok(article) => article,
            Err(err) => {
                failures.push(format!("{}: {err}", relative.display()));
                continue;
            }
        };
        claims += article.claims.len();
        let footnotes: Vec<_> = article
            .citation_definitions
            .iter()
            .filter(|d| d.kind == CitationKind::Footnote)
            .collect();
        definitions += footnotes.len();
        referenced += footnotes.iter().filter(|d| d.referenced).count();
        for claim in &article.claims {
            for citation in claim
                .citations
                .iter()
                .filter(|c| c.kind == CitationKind::Footnote)
            {
                markers += 1;
                if citation.resolved {
                    resolved += 1;
                } else if footnotes
                    .iter()
                    .any(|d| d.label.eq_ignore_ascii_case(&citation.label))
                {
                    unresolved_defined.push(format!("{} [{}]", claim.id, citation.label));
                }
            }
        }
    }
    println!(
        "{} articles, {claims} claims; footnote definitions: {definitions} found, {referenced} cited; \
         footnote markers: {markers}, {resolved} resolved, {} unresolved though defined",
        files.len(),
        unresolved_defined.len()
    );
    assert!(
        failures.is_empty(),
        "articles that failed to parse: {failures:#?}"
    );
    assert!(
        unresolved_defined.is_empty(),
        "footnote markers left unresolved although the article defines them: {unresolved_defined:#?}"
    );
    assert!(
        definitions > 2000 && referenced * 100 >= definitions * 97,
        "{referenced}/{definitions}"
    );
}
