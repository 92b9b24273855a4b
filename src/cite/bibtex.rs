//! BibLaTeX export: one `@online` entry per article, written from the CSL
//! item. `@online` with `journaltitle`, `date`, `url` and `urldate` is what
//! biber and pandoc read back as a web page on the outlet's site (classic
//! BibTeX has no `url`/`urldate`, so we write BibLaTeX). The CSL `genre`
//! (an untitled article's description) is BibLaTeX `type`; the archived
//! copy of a URL-less article goes in `library`.
//!
//! Escaping: LaTeX specials in text fields are escaped; every title word
//! holding a capital is wrapped in braces so that sentence-casing styles
//! (and pandoc's reader) keep proper nouns as published; organisation and
//! handle names are wrapped whole so they are not split into first/last.

use super::csl::{CslItem, CslName, DateParts};

/// The BibLaTeX entry for one item.
pub fn entry(item: &CslItem) -> String {
    let mut fields: Vec<(&str, String)> = Vec::new();
    if !item.author.is_empty() {
        let names: Vec<String> = item.author.iter().map(name).collect();
        fields.push(("author", names.join(" and ")));
    }
    fields.push(("title", protect_title(&item.title)));
    if let Some(genre) = &item.genre {
        fields.push(("type", literal(genre)));
    }
    if let Some(outlet) = &item.container_title {
        fields.push(("journaltitle", protect_title(outlet)));
    }
    if let Some(issued) = &item.issued {
        fields.push(("date", date(issued.parts())));
    }
    if let Some(url) = &item.url {
        fields.push(("url", url_value(url)));
    }
    if let Some(accessed) = &item.accessed {
        fields.push(("urldate", date(accessed.parts())));
    }
    if let (Some(archive), Some(location)) = (&item.archive, &item.archive_location) {
        fields.push(("library", escape(&format!("{archive}, {location}"))));
    }
    let mut out = format!("@online{{{},\n", item.id);
    for (field, value) in fields {
        out.push_str(&format!("  {field} = {{{value}}},\n"));
    }
    out.push_str("}\n");
    out
}

/// Entries for many items, separated by blank lines.
pub fn entries<'a>(items: impl IntoIterator<Item = &'a CslItem>) -> String {
    items.into_iter().map(entry).collect::<Vec<_>>().join("\n")
}

fn name(name: &CslName) -> String {
    match name {
        CslName::Literal { literal } => format!("{{{}}}", escape(literal)),
        CslName::Person {
            family,
            given,
            particle,
            suffix,
        } => {
            // BibLaTeX name order: "von Last, Jr, First".
            let mut out = match particle {
                Some(particle) => format!("{} {}", escape(particle), escape(family)),
                None => escape(family),
            };
            if let Some(suffix) = suffix {
                out = format!("{out}, {}", escape(suffix));
            }
            if let Some(given) = given {
                out = format!("{out}, {}", escape(given));
            }
            out
        }
    }
}

fn date(parts: DateParts) -> String {
    parts.iso()
}

/// URLs are verbatim fields: only unbalanced braces would break them, so
/// braces are percent-encoded and nothing else is touched.
fn url_value(url: &str) -> String {
    url.replace('{', "%7B").replace('}', "%7D")
}

/// Escape a text field and brace every word that holds a capital letter.
pub fn protect_title(title: &str) -> String {
    let mut out = String::new();
    for (index, word) in title.split(' ').enumerate() {
        if index > 0 {
            out.push(' ');
        }
        let escaped = escape(word);
        if word.chars().any(char::is_uppercase) {
            out.push('{');
            out.push_str(&escaped);
            out.push('}');
        } else {
            out.push_str(&escaped);
        }
    }
    out
}

/// A key-like field (`type`) that pandoc and biber take as written, without
/// reading LaTeX in it: only braces and backslashes, which would break the
/// entry, are replaced.
fn literal(text: &str) -> String {
    text.replace('{', "(").replace('}', ")").replace('\\', "/")
}

/// Escape the characters LaTeX and BibTeX give a meaning to.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\{"),
            '}' => out.push_str("\\}"),
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specials_are_escaped_and_capitals_protected() {
        assert_eq!(protect_title("AT&T's 50% cut"), "{AT\\&T's} 50\\% cut");
        assert_eq!(
            escape("a_b {c} ~ ^ \\"),
            "a\\_b \\{c\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}"
        );
    }
}
