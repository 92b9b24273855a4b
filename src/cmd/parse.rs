//! `claimdex parse FILE...`: parse article files and print their claims,
//! without touching the index. A readable summary on a terminal, the full
//! model as a JSON array with `--json`. A file that cannot be read or parsed
//! is reported on stderr (naming it and the byte offset) and the others are
//! still printed; the exit code is then non-zero.

use crate::app::Context;
use crate::archive::{article_id, load_catalog, CATALOG_FILE};
use crate::cli::ParseArgs;
use crate::exit::Outcome;
use crate::model::{Article, Catalog, Claim, MetadataSource};
use crate::parse::{parse_guarded, SourceFile};
use anstyle::{AnsiColor, Style};
use anyhow::Result;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(ctx: &Context, args: &ParseArgs) -> Result<Outcome> {
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
        let (id, catalog) = corpus_context(path);
        let entry = catalog
            .as_ref()
            .and_then(|(catalog, relative)| catalog.entry(relative));
        let source = SourceFile {
            id,
            path: path.display().to_string(),
            bytes: &bytes,
            catalog: entry,
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
            print_article(&mut out, article, ctx.color)?;
        }
        out.flush()?;
    }
    if failed {
        Err(anyhow::anyhow!("some files could not be parsed"))
    } else {
        Ok(Outcome::Success)
    }
}

/// The article id and catalog for a file: inside an archive's `corpus/`
/// folder, the id is its path there and the catalog entry applies; anywhere
/// else the id is the file stem and there is no catalog.
fn corpus_context(path: &Path) -> (String, Option<(Catalog, String)>) {
    let stem = path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Ok(absolute) = std::fs::canonicalize(path) else {
        return (stem, None);
    };
    for dir in absolute.ancestors().skip(1) {
        if dir.file_name().is_some_and(|name| name == "corpus") {
            let Ok(relative) = absolute.strip_prefix(dir) else {
                break;
            };
            let relative: PathBuf = relative.to_path_buf();
            let catalog = load_catalog(&dir.join(CATALOG_FILE)).ok();
            let key = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            return (article_id(&relative), catalog.map(|c| (c, key)));
        }
    }
    (stem, None)
}

fn origin(article: &Article, field: &str) -> &'static str {
    match article.metadata_sources.get(field) {
        Some(MetadataSource::FrontMatter) => "front matter",
        Some(MetadataSource::Catalog) => "catalog",
        Some(MetadataSource::HeaderLine) => "header line",
        Some(MetadataSource::FileName) => "file name",
        None => "unknown",
    }
}

fn print_article(out: &mut impl Write, article: &Article, color: bool) -> Result<()> {
    let bold = style(color, Style::new().bold());
    let dim = style(color, Style::new().dimmed());
    let warn = style(color, Style::new().fg_color(Some(AnsiColor::Yellow.into())));
    writeln!(
        out,
        "{}{}{} ({:?}, {} claims, {} definitions)",
        bold.render(),
        article.path,
        bold.render_reset(),
        article.format,
        article.claims.len(),
        article.citation_definitions.len()
    )?;
    let fields = [
        ("title", article.title.clone()),
        (
            "authors",
            (!article.authors.is_empty()).then(|| article.authors.join("; ")),
        ),
        ("outlet", article.outlet.clone()),
        ("url", article.url.clone()),
        ("published", article.published.clone()),
        ("updated", article.updated.clone()),
    ];
    for (name, value) in fields {
        match value {
            Some(value) => writeln!(
                out,
                "  {name:<9} {value} {}({}){}",
                dim.render(),
                origin(article, name),
                dim.render_reset()
            )?,
            None => writeln!(
                out,
                "  {name:<9} {}unknown{}",
                dim.render(),
                dim.render_reset()
            )?,
        }
    }
    let report = &article.report;
    let labels = |items: &[crate::model::ReportItem]| {
        items
            .iter()
            .map(|i| format!("[{}]", i.label))
            .collect::<Vec<_>>()
            .join(" ")
    };
    if !report.unresolved_markers.is_empty() {
        writeln!(
            out,
            "  {}unresolved markers:{} {}",
            warn.render(),
            warn.render_reset(),
            labels(&report.unresolved_markers)
        )?;
    }
    if !report.unused_definitions.is_empty() {
        writeln!(
            out,
            "  {}unused definitions:{} {}",
            warn.render(),
            warn.render_reset(),
            labels(&report.unused_definitions)
        )?;
    }
    if !report.reused_labels.is_empty() {
        writeln!(
            out,
            "  {}labels reused for different statements:{} {}",
            warn.render(),
            warn.render_reset(),
            labels(&report.reused_labels)
        )?;
    }
    for warning in &report.warnings {
        writeln!(
            out,
            "  {}warning:{} {warning}",
            warn.render(),
            warn.render_reset()
        )?;
    }
    writeln!(
        out,
        "  unsourced claims: {} of {}",
        report.unsourced_claims.len(),
        article.claims.len()
    )?;
    let mut section: Option<&Vec<String>> = None;
    for claim in &article.claims {
        if section != Some(&claim.section) {
            if !claim.section.is_empty() {
                writeln!(
                    out,
                    "  {}§ {}{}",
                    bold.render(),
                    claim.section.join(" › "),
                    bold.render_reset()
                )?;
            }
            section = Some(&claim.section);
        }
        print_claim(out, claim, dim)?;
    }
    writeln!(out)?;
    Ok(())
}

fn print_claim(out: &mut impl Write, claim: &Claim, dim: Style) -> Result<()> {
    let kind = match claim.kind {
        crate::model::ClaimKind::Sentence => "",
        crate::model::ClaimKind::ListItem => "list ",
        crate::model::ClaimKind::QuoteBlock => "quote ",
        crate::model::ClaimKind::Caption => "caption ",
        crate::model::ClaimKind::Boilerplate => "boilerplate ",
    };
    write!(
        out,
        "  {}L{:<4} ¶{:<3}{}{}{}",
        dim.render(),
        claim.location.line,
        claim.paragraph,
        dim.render_reset(),
        kind,
        claim.text
    )?;
    for citation in &claim.citations {
        let mark = if citation.resolved { "" } else { "?" };
        write!(
            out,
            " {}[{}{}]{}",
            dim.render(),
            citation.label,
            mark,
            dim.render_reset()
        )?;
    }
    for attribution in &claim.attributions {
        write!(
            out,
            " {}({}: {}){}",
            dim.render(),
            attribution.cue,
            attribution.source,
            dim.render_reset()
        )?;
    }
    writeln!(out)?;
    Ok(())
}

fn style(color: bool, style: Style) -> Style {
    if color {
        style
    } else {
        Style::new()
    }
}
