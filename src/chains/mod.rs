//! Citation chains: the addresses an article is known by, and the
//! addresses a link in an article points at, so that a citation can be
//! traced to the archived article it cites.
//!
//! An address is a plain string key (indexed as a raw term):
//! - `url:` + a normalised absolute URL (`example.com/a/b?x=1`): scheme,
//!   `www.`, host case, default port, trailing slash, fragment and `utm_*`
//!   parameters do not count;
//! - `site:` + the corpus folder + a site-relative path
//!   (`site:bitcoin-optech:/en/newsletters/2018/10/30`): a link `/en/...`
//!   points at the article of the same corpus folder whose front matter
//!   `permalink` is that path (the folder stands for the site, whose host
//!   the files do not give);
//! - `path:` + a corpus path (`path:corpus/ethereum-eips/eip-1559.md`): a
//!   relative link `./eip-1559.md` points at the file beside the article.
//!
//! Both sides are computed from one article alone (the cited article's own
//! metadata; the citing article's link and its own location), so the
//! answer does not depend on which was ingested first.

use crate::model::Article;
use url::Url;

const URL_PREFIX: &str = "url:";
const SITE_PREFIX: &str = "site:";
const PATH_PREFIX: &str = "path:";

/// A normalised absolute http(s) URL (`example.com/path?q=1`), or `None`
/// for anything else (mail, relative links, other schemes).
pub fn normalize_url(raw: &str) -> Option<String> {
    let raw = raw.trim().trim_start_matches('<').trim_end_matches('>');
    let raw = match raw.strip_prefix("//") {
        Some(rest) => format!("https://{rest}"),
        None => raw.to_string(),
    };
    let url = Url::parse(&raw).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let host = url.host_str()?.to_ascii_lowercase();
    let host = host
        .strip_prefix("www.")
        .unwrap_or(&host)
        .trim_end_matches('.');
    let mut key = host.to_string();
    if let Some(port) = url.port() {
        // `Url` drops the scheme's default port already.
        key.push_str(&format!(":{port}"));
    }
    key.push_str(&normalize_path(url.path()));
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(name, _)| !name.to_ascii_lowercase().starts_with("utm_"))
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    if !kept.is_empty() {
        let query = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(kept)
            .finish();
        key.push('?');
        key.push_str(&query);
    }
    Some(key)
}

/// A path without its trailing slash (`/` for the root, kept as empty).
fn normalize_path(path: &str) -> String {
    path.trim_end_matches('/').to_string()
}

/// The corpus folder an article sits in (`bitcoin-optech` for
/// `corpus/bitcoin-optech/newsletters/x.md`; empty for a file directly in
/// `corpus/`): the site its site-relative links and permalink belong to.
fn site_of(path: &str) -> &str {
    let inside = path.strip_prefix("corpus/").unwrap_or(path);
    match inside.split_once('/') {
        Some((folder, _)) => folder,
        None => "",
    }
}

fn site_address(path: &str, site_path: &str) -> String {
    format!(
        "{SITE_PREFIX}{}:{}",
        site_of(path),
        normalize_path(site_path)
    )
}

/// The addresses an archived article is known by: its URL (front matter or
/// catalog), its permalink within its corpus folder, its corpus path.
pub fn article_addresses(article: &Article) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(key) = article.url.as_deref().and_then(normalize_url) {
        out.push(format!("{URL_PREFIX}{key}"));
    }
    if let Some(permalink) = &article.permalink {
        out.push(site_address(&article.path, permalink));
    }
    out.push(format!("{PATH_PREFIX}{}", article.path));
    out.dedup();
    out
}

/// The addresses a link written in the article at corpus path `path`
/// (whose own URL is `base`, when known) may point at. Empty for a link to
/// a place in the same article (`#section`) or a non-web scheme.
pub fn link_addresses(path: &str, base: Option<&str>, link: &str) -> Vec<String> {
    let link = link.trim().trim_start_matches('<').trim_end_matches('>');
    if link.is_empty() || link.starts_with('#') {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Some(key) = normalize_url(link) {
        out.push(format!("{URL_PREFIX}{key}"));
        return out;
    }
    if has_scheme(link) {
        return out; // mailto:, ftp:, ...
    }
    // Relative to the citing article's own URL, when it has one.
    if let Some(absolute) = base
        .and_then(|b| Url::parse(b).ok())
        .and_then(|b| b.join(link).ok())
        .and_then(|u| normalize_url(u.as_str()))
    {
        out.push(format!("{URL_PREFIX}{absolute}"));
    }
    let bare = link.split(['#', '?']).next().unwrap_or("");
    if bare.is_empty() {
        return out;
    }
    if bare.starts_with('/') {
        out.push(site_address(path, bare));
    } else if let Some(file) = corpus_relative(path, bare) {
        out.push(format!("{PATH_PREFIX}{file}"));
    }
    out.dedup();
    out
}

fn has_scheme(link: &str) -> bool {
    match link.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// A relative file link (`./eip-1559.md`, `../text/0001-x.md`) resolved
/// against the citing file's folder; `None` when it climbs out of `corpus/`.
fn corpus_relative(path: &str, link: &str) -> Option<String> {
    let mut parts: Vec<String> = path.split('/').map(str::to_string).collect();
    parts.pop(); // the citing file's own name
    for piece in link.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => {
                let decoded = url::form_urlencoded::parse(format!("x={other}").as_bytes())
                    .next()
                    .map(|(_, v)| v.into_owned())
                    .unwrap_or_else(|| other.to_string());
                parts.push(decoded);
            }
        }
    }
    let joined = parts.join("/");
    joined.starts_with("corpus/").then_some(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_variants_normalise_alike() {
        let want = normalize_url("https://example.com/news/a-story").unwrap();
        for variant in [
            "http://example.com/news/a-story",
            "https://www.example.com/news/a-story/",
            "https://EXAMPLE.com/news/a-story#section-2",
            "https://example.com/news/a-story?utm_source=feed&utm_medium=rss",
            "https://example.com:443/news/a-story",
            "//www.example.com/news/a-story/",
        ] {
            assert_eq!(
                normalize_url(variant).as_deref(),
                Some(want.as_str()),
                "{variant}"
            );
        }
        // Paths and other parameters do count.
        assert_ne!(
            normalize_url("https://example.com/News/a-story"),
            Some(want.clone())
        );
        assert_eq!(
            normalize_url("https://example.com/a?id=7&utm_campaign=x").as_deref(),
            Some("example.com/a?id=7")
        );
        assert_eq!(normalize_url("mailto:someone@example.com"), None);
        assert_eq!(normalize_url("/en/newsletters/2018/10/30/"), None);
    }

    #[test]
    fn relative_links_resolve_against_the_citing_article() {
        let from = "corpus/bitcoin-optech/newsletters/2018-10-30-newsletter.md";
        assert_eq!(
            link_addresses(
                from,
                None,
                "/en/newsletters/2018/07/24/#first-use-of-output-script-descriptors"
            ),
            vec!["site:bitcoin-optech:/en/newsletters/2018/07/24".to_string()]
        );
        assert_eq!(
            link_addresses("corpus/ethereum-eips/eip-4844.md", None, "./eip-1559.md"),
            vec!["path:corpus/ethereum-eips/eip-1559.md".to_string()]
        );
        assert_eq!(
            link_addresses("corpus/a/b/c.md", None, "../d%20e.md#x"),
            vec!["path:corpus/a/d e.md".to_string()]
        );
        assert!(link_addresses("corpus/x.md", None, "../../etc/passwd").is_empty());
        assert!(link_addresses("corpus/x.md", None, "#signet").is_empty());
        assert!(link_addresses("corpus/x.md", None, "mailto:a@b.c").is_empty());
        // With the article's own URL, a relative link is also that URL joined.
        let both = link_addresses(
            "corpus/x.md",
            Some("https://blog.example.org/2020/01/post/"),
            "../older/",
        );
        assert!(both.contains(&"url:blog.example.org/2020/01/older".to_string()));
    }

    #[test]
    fn article_addresses_match_the_links_to_it() {
        let article: Article = serde_json::from_value(serde_json::json!({
            "id": "bitcoin-optech/newsletters/2018-07-24-newsletter",
            "path": "corpus/bitcoin-optech/newsletters/2018-07-24-newsletter.md",
            "hash": "", "format": "markdown", "title": null, "authors": [],
            "outlet": null, "url": "https://bitcoinops.org/en/newsletters/2018/07/24/",
            "permalink": "/en/newsletters/2018/07/24/",
            "published": null, "updated": null, "metadata_sources": {},
            "claims": [], "citation_definitions": [],
            "report": {"unresolved_markers": [], "unused_definitions": [],
                       "reused_labels": [], "unsourced_claims": [], "warnings": []}
        }))
        .unwrap();
        let addresses = article_addresses(&article);
        for (from, link) in [
            (
                "corpus/bitcoin-optech/newsletters/2018-10-30-newsletter.md",
                "/en/newsletters/2018/07/24/#x",
            ),
            (
                "corpus/elsewhere.md",
                "http://www.bitcoinops.org/en/newsletters/2018/07/24",
            ),
            (
                "corpus/bitcoin-optech/newsletters/2018-10-30-newsletter.md",
                "2018-07-24-newsletter.md",
            ),
        ] {
            let links = link_addresses(from, None, link);
            assert!(
                links.iter().any(|l| addresses.contains(l)),
                "{link}: {links:?} vs {addresses:?}"
            );
        }
        // Another corpus folder is another site.
        let links = link_addresses("corpus/rust-blog/x.md", None, "/en/newsletters/2018/07/24/");
        assert!(!links.iter().any(|l| addresses.contains(l)));
    }
}
