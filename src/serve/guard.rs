//! What keeps the web page safe to run: the address it may listen on, the
//! host names it answers to, the size of what it reads, the headers every
//! response carries, and which URLs may become links.
//!
//! - Loopback only, unless `--allow-remote`: anyone who reaches the port can
//!   read the whole archive.
//! - On loopback, only requests naming a loopback host are answered: a web
//!   site whose name a rebinding DNS server points at 127.0.0.1 could
//!   otherwise read the archive through the visitor's browser.
//! - Read-only: no route changes the archive (there is no ingest over HTTP).
//! - Every response forbids inline script, framing and sniffing (CSP
//!   `script-src 'self'`: the one script is `/static/app.js`).
//! - Article text never becomes markup: the templates escape every value,
//!   and only absolute `http:`/`https:` URLs become links.

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// Longest request target (path and query) read, in bytes: a query may be
/// 10 KiB (`index::query::MAX_QUERY_BYTES`), percent-encoding triples it.
pub const MAX_URI_BYTES: usize = 32 * 1024;
/// Largest request body read (a pasted quotation: 1000 words fit many
/// times over).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The Content-Security-Policy of every response.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Is `addr` one the server may listen on? Loopback always; anything else
/// only with `--allow-remote`.
pub fn check_addr(addr: SocketAddr, allow_remote: bool) -> Result<(), crate::error::Error> {
    if addr.ip().is_loopback() || allow_remote {
        return Ok(());
    }
    Err(crate::error::Error::Usage(format!(
        "refusing to serve on {addr}: it is not a loopback address, and anyone who can reach it \
         could read the whole archive; use 127.0.0.1 or [::1], or pass --allow-remote to serve \
         on {addr} anyway"
    )))
}

/// How requests are screened.
#[derive(Debug, Clone)]
pub struct Guard {
    /// Answer requests naming any host (`--allow-remote`).
    pub any_host: bool,
    /// The address the server listens on (its IP is an accepted host).
    pub bound: SocketAddr,
}

impl Guard {
    /// Whether a `Host` header names this server on loopback.
    fn host_allowed(&self, host: Option<&HeaderValue>) -> bool {
        if self.any_host {
            return true;
        }
        // HTTP/1.0 clients may send no Host; browsers always do.
        let Some(host) = host else {
            return true;
        };
        let Ok(host) = host.to_str() else {
            return false;
        };
        let name = match host.strip_prefix('[') {
            Some(rest) => rest.split(']').next().unwrap_or(""),
            None => host.rsplit_once(':').map_or(host, |(name, _)| name),
        };
        if name.eq_ignore_ascii_case("localhost") {
            return true;
        }
        name.parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback() || ip == self.bound.ip())
    }
}

/// Screen a request (target size, host name) and add the security headers
/// to whatever answers it.
pub async fn screen(State(guard): State<Arc<Guard>>, request: Request, next: Next) -> Response {
    let target_len = request
        .uri()
        .path_and_query()
        .map_or(0, |target| target.as_str().len());
    let mut response = if target_len > MAX_URI_BYTES {
        (
            StatusCode::URI_TOO_LONG,
            format!("the request is over {MAX_URI_BYTES} bytes long; a query may have 10 KiB\n"),
        )
            .into_response()
    } else if !guard.host_allowed(request.headers().get(header::HOST)) {
        (
            StatusCode::MISDIRECTED_REQUEST,
            "this server answers only requests for localhost or a loopback address \
             (open it as http://127.0.0.1:PORT/)\n",
        )
            .into_response()
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    // A route may set a stricter policy of its own (the source view's sandbox).
    headers
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(CSP));
    for (name, value) in [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    // Answers change with every ingest: never reuse a stored one.
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}

/// The link target for a URL an article gives: absolute `http:` and
/// `https:` URLs only (as the WHATWG parser a browser uses reads them, so
/// `java\tscript:` is `javascript:`). Anything else stays text.
pub fn safe_href(raw: &str) -> Option<String> {
    let url = url::Url::parse(raw.trim()).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// Longest claim or article id accepted.
pub const MAX_ID_BYTES: usize = 2048;

/// An id from a request, checked before it is looked up. Ids are keys in
/// the index, never paths: nothing is opened by an id, so `..` cannot
/// reach a file (the only file read, the source view, is the path the
/// index records, checked by [`corpus_file`]).
pub fn checked_id(id: &str) -> Result<&str, super::failure::Failure> {
    use super::failure::Failure;
    let id = id.trim();
    if id.is_empty() {
        return Err(Failure::bad_request("no id given"));
    }
    if id.len() > MAX_ID_BYTES {
        return Err(Failure::bad_request(format!(
            "the id is over {MAX_ID_BYTES} bytes: no article has one that long"
        )));
    }
    if let Some(position) = id.chars().position(char::is_control) {
        return Err(Failure::bad_request(format!(
            "the id holds a control character at position {}",
            position + 1
        )));
    }
    Ok(id)
}

/// The file of a corpus path the index records (`corpus/...`), when it is
/// inside the archive's `corpus/` folder: relative, without `..`, and not
/// reached through a link.
pub fn corpus_file(
    archive: &crate::archive::Archive,
    recorded: &str,
) -> Option<std::path::PathBuf> {
    use std::path::{Component, Path};
    let relative = Path::new(recorded);
    let plain = relative
        .components()
        .all(|part| matches!(part, Component::Normal(_)));
    if !plain || !recorded.starts_with("corpus/") {
        return None;
    }
    let corpus = archive.corpus_dir().canonicalize().ok()?;
    let file = archive.root.join(relative).canonicalize().ok()?;
    file.starts_with(&corpus).then_some(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_absolute_http_urls_become_links() {
        assert_eq!(
            safe_href("https://example.com/a?b=1"),
            Some("https://example.com/a?b=1".to_string())
        );
        assert!(safe_href("http://example.com").is_some());
        for hostile in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "/relative/path",
            "//example.com/protocol-relative",
            "file:///etc/passwd",
            "",
        ] {
            assert_eq!(safe_href(hostile), None, "{hostile:?} became a link");
        }
    }

    #[test]
    fn a_link_keeps_no_raw_quote_or_angle_bracket() {
        let href = safe_href("https://example.com/\"><script>").unwrap_or_default();
        assert!(!href.contains('"') && !href.contains('<'), "{href}");
    }

    #[test]
    fn loopback_addresses_are_allowed_others_need_the_flag() {
        let loopback: SocketAddr = "127.0.0.1:7878".parse().unwrap();
        let v6: SocketAddr = "[::1]:7878".parse().unwrap();
        let any: SocketAddr = "0.0.0.0:7878".parse().unwrap();
        assert!(check_addr(loopback, false).is_ok());
        assert!(check_addr(v6, false).is_ok());
        assert!(check_addr(any, false).is_err());
        assert!(check_addr(any, true).is_ok());
    }

    #[test]
    fn only_loopback_host_names_are_answered() {
        let guard = Guard {
            any_host: false,
            bound: "127.0.0.1:7878".parse().unwrap(),
        };
        let allowed = |host: &str| guard.host_allowed(Some(&HeaderValue::from_str(host).unwrap()));
        for host in [
            "localhost",
            "localhost:7878",
            "LOCALHOST:1",
            "127.0.0.1:7878",
            "127.1.2.3",
            "[::1]:7878",
        ] {
            assert!(allowed(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:7878",
            "10.0.0.1:7878",
            "localhost.evil.example",
        ] {
            assert!(!allowed(host), "{host}");
        }
    }

    #[test]
    fn ids_with_control_characters_or_no_text_are_refused() {
        assert!(checked_id("001_1674b80705788502#3").is_ok());
        assert!(checked_id("rust-rfcs/0001-private-fields").is_ok());
        assert!(checked_id("").is_err());
        assert!(checked_id("a\u{0}b").is_err());
        assert!(checked_id(&"x".repeat(MAX_ID_BYTES + 1)).is_err());
    }
}
