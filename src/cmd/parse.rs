//! `claimdex parse FILE...`: parse article files and print their claims,
//! without touching the index.

use crate::app::Context;
use crate::cli::ParseArgs;
use crate::exit::Outcome;
use crate::model::Article;
use crate::parse::{parse_guarded, SourceFile};
use anyhow::Result;
use std::io::Write;

pub fn run(_ctx: &Context, args: &ParseArgs) -> Result<Outcome> {
    let mut articles: Vec<Article> = Vec::new();
    let mut failed = false;
    for path in &args.files {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(err) => {
                eprintln!("claimdex: error: {}: {err}", path.display());
                failed = true;
                continue;
            }
        };
        let id = path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        let source = SourceFile {
            id,
            path: path.display().to_string(),
            bytes: &bytes,
            catalog: None,
        };
        match parse_guarded(&source) {
            Ok(article) => articles.push(article),
            Err(err) => {
                eprintln!("claimdex: error: {}: {err}", path.display());
                failed = true;
            }
        }
    }
    if args.json {
        crate::render::print_json(&articles)?;
    } else {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        for article in &articles {
            writeln!(out, "{} ({} claims)", article.path, article.claims.len())?;
            for claim in &article.claims {
                writeln!(out, "  {:>4}  {}", claim.location.line, claim.text)?;
            }
        }
    }
    if failed {
        Err(anyhow::anyhow!("some files could not be parsed"))
    } else {
        Ok(Outcome::Success)
    }
}
