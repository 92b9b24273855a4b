//! `claimdex serve`: the real binary serving a temporary archive on a free
//! loopback port. The API must answer with the very bytes `--json` prints;
//! the pages must show what the CLI shows; hostile article text must stay
//! text; the server must say when its index is stale and follow a new
//! ingest; and it must refuse what it is not meant to do.

mod browser;
mod server;

use crate::common::{self, TempArchive};
use server::Server;
use std::path::Path;

/// `claimdex ARGS --json` on the server's archive: its stdout, verbatim.
fn cli_json(server: &Server, args: &[&str]) -> String {
    let output = server
        .archive
        .cmd()
        .args(args)
        .arg("--json")
        .output()
        .expect("run claimdex");
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// An archive holding the hostile fixtures (script tags, event handlers and
/// `javascript:` URLs in titles, outlets, text, quotations and links).
pub fn hostile_archive() -> TempArchive {
    let archive = TempArchive::empty();
    common::copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/integration/serve/hostile"),
        &archive.corpus(),
    );
    archive
}

#[test]
fn the_api_answers_with_the_bytes_the_cli_prints() {
    let server = Server::start(TempArchive::with_seeds());
    let search = server.get_query("/api/search", &[("q", "thermal cameras")]);
    assert_eq!(search.status, 200);
    assert_eq!(
        search.header("content-type"),
        Some("application/json"),
        "{}",
        search.body
    );
    assert_eq!(
        search.body,
        cli_json(&server, &["search", "thermal cameras"])
    );

    let filtered = server.get_query(
        "/api/search",
        &[
            ("q", "Hikvision"),
            ("cited", "true"),
            ("limit", "3"),
            ("no_collapse", "true"),
        ],
    );
    assert_eq!(
        filtered.body,
        cli_json(
            &server,
            &[
                "search",
                "Hikvision",
                "--cited",
                "--limit",
                "3",
                "--no-collapse"
            ]
        )
    );

    let quote = "won a $97 million safe city project";
    let verify = server.get_query("/api/verify", &[("quote", quote)]);
    assert_eq!(verify.body, cli_json(&server, &["verify", quote]));
    let posted = server.post(
        "/api/verify",
        "application/json",
        serde_json::json!({"quote": quote}).to_string().as_bytes(),
    );
    assert_eq!(posted.body, verify.body);

    let speaker = [
        (
            "quote",
            "We hope the company receives a fair and just treatment",
        ),
        ("speaker", "Charles Rollet"),
    ];
    let misattributed = server.get_query("/api/verify", &speaker);
    assert_eq!(
        misattributed.body,
        cli_json(
            &server,
            &["verify", speaker[0].1, "--speaker", speaker[1].1]
        )
    );

    for style in ["apa", "chicago", "bibtex", "ris", "csl-json"] {
        let cite = server.get_query(
            "/api/cite",
            &[("id", "001_1674b80705788502#20"), ("style", style)],
        );
        assert_eq!(cite.status, 200, "{}", cite.body);
        assert_eq!(
            cite.body,
            cli_json(
                &server,
                &["cite", "001_1674b80705788502#20", "--style", style]
            ),
            "{style}"
        );
    }

    for id in ["004_5d856545bff2f73d", "004_5d856545bff2f73d#5"] {
        let show = server.get_query("/api/show", &[("id", id)]);
        assert_eq!(show.body, cli_json(&server, &["show", id]), "{id}");
    }
}

#[test]
fn api_errors_carry_the_cli_exit_code() {
    let server = Server::start(TempArchive::with_seeds());
    let bad_date = server.get_query("/api/search", &[("q", "cameras"), ("since", "2019-13")]);
    assert_eq!(bad_date.status, 400);
    let error: serde_json::Value = serde_json::from_str(&bad_date.body).expect("JSON error");
    assert_eq!(error["exit_code"], 2);
    assert!(
        error["error"]
            .as_str()
            .unwrap_or("")
            .contains("no such month"),
        "{error}"
    );
    let missing = server.get_query("/api/show", &[("id", "no_such_article")]);
    assert_eq!(missing.status, 404);
    let unknown_style = server.get_query(
        "/api/cite",
        &[("id", "001_1674b80705788502"), ("style", "vancouver")],
    );
    assert_eq!(unknown_style.status, 400);
    assert!(
        unknown_style.body.contains("unknown citation style"),
        "{}",
        unknown_style.body
    );
    let too_many = server.get_query("/api/search", &[("q", "cameras"), ("limit", "1000")]);
    assert_eq!(too_many.status, 400);
    let no_words = server.get_query("/api/verify", &[("quote", "... …")]);
    assert_eq!(no_words.status, 400);
    assert!(no_words.body.contains("no words"), "{}", no_words.body);
}

#[test]
fn the_search_page_shows_hits_with_their_backing_and_links() {
    let server = Server::start(TempArchive::with_seeds());
    let page = server.get_query("/search", &[("q", "thermal cameras")]);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<mark>thermal</mark>"), "no highlight");
    // Seed 000's claim 37 carries the unresolved marker [22].
    assert!(page
        .body
        .contains(r#"data-claim="000_6552e8afb05e4dcc#37""#));
    assert!(page
        .body
        .contains("unresolved</span> <span class=\"muted\">(no definition of [22]"));
    assert!(page
        .body
        .contains(r#"href="/article/000_6552e8afb05e4dcc#claim-37""#));
    assert!(page.body.contains("Tony Porter"), "speaker missing");
    assert!(page.body.contains("2020-04-21"), "resolved date missing");

    let bad = server.get_query("/search", &[("q", "\"unclosed phrase")]);
    assert_eq!(bad.status, 400);
    assert!(
        bad.body.contains(r#"id="error""#),
        "the error is not shown with the form"
    );
    assert!(bad.body.contains("position"), "the error names no position");

    let none = server.get_query("/search", &[("q", "zzzqqqxxyy")]);
    assert!(none.body.contains(r#"id="no-hits""#));
}

#[test]
fn the_verify_page_shows_the_verdict_diff_and_elisions() {
    let server = Server::start(TempArchive::with_seeds());
    let altered = server.post_form(
        "/verify",
        &[("quote", "won a $97 million safe city project")],
    );
    assert_eq!(altered.status, 200);
    assert!(altered.body.contains(r#"data-verdict="altered""#));
    assert!(altered
        .body
        .contains(r#"<span class="diff-delete" title="delete">79</span>"#));
    assert!(altered
        .body
        .contains(r#"<span class="diff-insert" title="insert">97</span>"#));

    let elided = server.post_form(
        "/verify",
        &[(
            "quote",
            "Hikvision proudly posted […] a $79 million safe city project",
        )],
    );
    assert!(elided.body.contains(r#"data-verdict="elided""#));
    assert!(
        elided.body.contains("elision 1: left out “"),
        "omitted text not shown"
    );

    let misattributed = server.post_form(
        "/verify",
        &[
            (
                "quote",
                "We hope the company receives a fair and just treatment",
            ),
            ("speaker", "Charles Rollet"),
        ],
    );
    assert!(misattributed
        .body
        .contains(r#"data-verdict="misattributed""#));
    assert!(misattributed.body.contains("Huang Fanghong"));
    assert!(misattributed.body.contains("NOT the speaker asked about"));

    let linked = server.get_query(
        "/verify",
        &[("quote", "won a $97 million safe city project")],
    );
    assert!(linked.body.contains(r#"data-verdict="altered""#));
}

#[test]
fn the_cite_page_has_every_style_and_the_downloads_are_the_cli_records() {
    let server = Server::start(TempArchive::with_seeds());
    let id = "001_1674b80705788502#20";
    let page = server.get_query("/cite", &[("id", id)]);
    assert_eq!(page.status, 200, "{}", page.body);
    for style in [
        "apa", "mla", "chicago", "harvard", "markdown", "csl-json", "bibtex", "ris",
    ] {
        assert!(
            page.body.contains(&format!(r#"id="style-{style}""#)),
            "{style}"
        );
        assert!(
            page.body.contains(&format!(r#"data-copy="ref-{style}""#)),
            "no copy button for {style}"
        );
    }
    assert!(
        page.body.contains("(Shameen, 2019, para. 7)"),
        "APA in-text"
    );

    for (format, ext) in [("bibtex", "bib"), ("ris", "ris"), ("csl-json", "json")] {
        let download = server.get_query("/cite/download", &[("id", id), ("format", format)]);
        assert_eq!(download.status, 200, "{}", download.body);
        assert_eq!(
            download.header("content-disposition"),
            Some(format!("attachment; filename=\"001_1674b80705788502.{ext}\"").as_str())
        );
        let cli = server
            .archive
            .cmd()
            .args(["cite", id, "--style", format])
            .output()
            .expect("cite");
        assert_eq!(download.body.as_bytes(), cli.stdout.as_slice(), "{format}");
    }
    let not_a_download = server.get_query("/cite/download", &[("id", id), ("format", "apa")]);
    assert_eq!(not_a_download.status, 400);
    let accessed = server.get_query("/cite", &[("id", id), ("accessed", "2024-05-01")]);
    assert!(
        accessed.body.contains("(Accessed: 1 May 2024)"),
        "Harvard access date"
    );
}

#[test]
fn the_article_page_marks_claims_metadata_sources_and_the_report() {
    let server = Server::start(TempArchive::with_seeds());
    let show: serde_json::Value =
        serde_json::from_str(&cli_json(&server, &["show", "000_6552e8afb05e4dcc"])).unwrap();
    let claims = show["claims"].as_array().unwrap().len();
    let page = server.get("/article/000_6552e8afb05e4dcc");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.body.matches(r#"<span class="claim claim-"#).count(),
        claims
    );
    assert!(page.body.contains(r#"id="claim-37""#));
    assert!(page
        .body
        .contains(r#"title="unresolved: no definition of [22] in the article">[22?]"#));
    let unresolved = show["report"]["unresolved_markers"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(
        page.body
            .matches(r#"<span class="unresolved">unresolved marker</span>"#)
            .count(),
        unresolved
    );

    let dated = server.get("/article/001_1674b80705788502");
    assert!(dated.body.contains(r#"<tr data-field="outlet"><th>outlet</th><td>The Edge Markets</td><td class="source">header line</td></tr>"#), "outlet row");
    assert!(
        dated.body.contains(r#"class="quote""#),
        "no quotation marked"
    );
    assert!(!dated.body.contains(r#"id="source-changed""#));

    let missing = server.get("/article/no_such_article");
    assert_eq!(missing.status, 404);
    let source = server.get("/source/001_1674b80705788502");
    assert_eq!(
        source.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    let original =
        std::fs::read_to_string(server.archive.corpus().join("001_1674b80705788502.txt")).unwrap();
    assert_eq!(source.body, original);
}

/// Every attribute of every tag of a page (`name` or `name="value"`):
/// article text may hold `onerror=` as escaped text, never as an attribute.
fn tag_attributes(html: &str) -> Vec<String> {
    let tag = regex::Regex::new(r#"<[a-z][a-z0-9]*((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*/?>"#).unwrap();
    let attribute = regex::Regex::new(r#"[a-z-]+(?:="[^"]*")?"#).unwrap();
    let mut out = Vec::new();
    let mut tags = 0;
    for found in tag.captures_iter(html) {
        tags += 1;
        out.extend(
            attribute
                .find_iter(&found[1])
                .map(|a| a.as_str().to_string()),
        );
    }
    // Every `<` that opens a tag was read as one: none holds anything else.
    assert_eq!(
        tags,
        html.matches('<').count() - html.matches("</").count() - html.matches("<!").count(),
        "a tag the pattern cannot read"
    );
    out
}

#[test]
fn hostile_article_text_stays_text_and_javascript_urls_never_become_links() {
    let server = Server::start(hostile_archive());
    let pages = [
        server.get("/"),
        server.get("/articles"),
        server.get("/article/hostile"),
        server.get("/article/hostile-plain"),
        server.get_query("/search", &[("q", "mayor")]),
        server.get_query("/search", &[("q", "plain hostile")]),
        server.get_query("/search", &[("q", "fine")]),
        server.get_query("/cite", &[("id", "hostile")]),
        server.get_query("/cite", &[("id", "hostile-plain#1")]),
        server.post_form(
            "/verify",
            &[("quote", "we will win"), ("speaker", "<script>x</script>")],
        ),
    ];
    let mut article_pages = 0;
    for page in &pages {
        let lower = page.body.to_ascii_lowercase();
        // The one script element is ours.
        assert_eq!(lower.matches("<script").count(), 1, "{}", page.body);
        assert!(lower.contains(r#"<script src="/static/app.js" defer></script>"#));
        for hostile in ["<img", "<iframe", "<svg", "<b "] {
            assert!(!lower.contains(hostile), "{hostile} in {}", page.body);
        }
        for attribute in tag_attributes(&lower) {
            assert!(
                !attribute.starts_with("on"),
                "an event handler attribute: {attribute}"
            );
            if let Some((name, value)) = attribute.split_once('=') {
                if ["href", "src", "action", "formaction"].contains(&name) {
                    let value = value.trim_matches('"').trim();
                    assert!(
                        value.starts_with('/')
                            || value.starts_with('#')
                            || value.starts_with("http"),
                        "a link that is not ours or http(s): {attribute}"
                    );
                }
            }
        }
        if page.body.contains("window.__pwned") {
            article_pages += 1;
            assert!(
                page.body.contains("&#60;"),
                "markup not escaped: {}",
                page.body
            );
        }
    }
    assert!(
        article_pages >= 6,
        "the hostile strings were not shown at all"
    );
    // The catalog's javascript: URL is shown as text, not as a link.
    let article = server.get("/article/hostile-plain");
    assert!(
        article
            .body
            .contains("<td>javascript:window.__pwned=&#39;catalog-url&#39;</td>"),
        "{}",
        article.body
    );
}

#[test]
fn limits_hosts_and_paths_are_refused() {
    let server = Server::start(TempArchive::with_seeds());
    let home = server.get("/");
    let csp = home.header("content-security-policy").unwrap_or("");
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(home.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(home.header("x-frame-options"), Some("DENY"));
    assert!(server
        .get("/api/")
        .header("content-security-policy")
        .is_some());

    let long = "a".repeat(40 * 1024);
    assert_eq!(server.get(&format!("/search?q={long}")).status, 414);
    let over_query = "word ".repeat(2100);
    let refused = server.get_query("/api/search", &[("q", &over_query)]);
    assert_eq!(refused.status, 400);
    assert!(refused.body.contains("too long"), "{}", refused.body);
    let big_body = vec![b'a'; 100 * 1024];
    assert_eq!(
        server
            .post("/api/verify", "application/json", &big_body)
            .status,
        413
    );
    let big_form = format!("quote={}", "a".repeat(100 * 1024));
    assert_eq!(
        server
            .post(
                "/verify",
                "application/x-www-form-urlencoded",
                big_form.as_bytes()
            )
            .status,
        413
    );

    let rebinding = server.raw_get("/api/search?q=cameras", "evil.example");
    assert!(rebinding.starts_with("HTTP/1.1 421"), "{rebinding}");
    let localhost = server.raw_get(
        "/",
        &format!("localhost:{}", server.addr.rsplit(':').next().unwrap()),
    );
    assert!(localhost.starts_with("HTTP/1.1 200"), "{localhost}");

    for target in [
        "/article/../../../../etc/passwd",
        "/article/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "/source/../../../../etc/passwd",
        "/source/..%2F..%2F..%2Fetc%2Fpasswd",
        "/source/%2Fetc%2Fpasswd",
        "/static/../Cargo.toml",
        "/../../etc/passwd",
    ] {
        let answer = server.raw_get(target, "127.0.0.1");
        assert!(
            answer.starts_with("HTTP/1.1 404") || answer.starts_with("HTTP/1.1 400"),
            "{target}: {answer}"
        );
        assert!(!answer.contains("root:"), "{target} served a file");
        assert!(!answer.contains("[package]"), "{target} served a file");
    }
    // The server is read-only: no ingest over HTTP.
    for path in ["/api/ingest", "/ingest"] {
        let answer = server.post(path, "application/json", b"{}");
        assert!(
            answer.status == 404 || answer.status == 405,
            "{path}: {}",
            answer.status
        );
    }
}

#[test]
fn a_changed_corpus_is_said_and_a_new_ingest_is_served() {
    let server = Server::start(TempArchive::with_seeds());
    let before = server.get_query("/api/search", &[("q", "pangolin")]);
    assert!(before.header("claimdex-warning").is_none());
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&before.body).unwrap()["hits"]
            .as_array()
            .unwrap()
            .len(),
        0
    );

    std::fs::write(
        server.archive.corpus().join("005_new.txt"),
        "A pangolin was seen in the archive on March 3, 2021.\n",
    )
    .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1200));
    let stale = server.get_query("/api/search", &[("q", "cameras")]);
    let warning = stale.header("claimdex-warning").unwrap_or("");
    assert!(
        warning.contains("the index is stale") && warning.contains("005_new.txt"),
        "{warning:?}"
    );
    let page = server.get("/");
    assert!(page.body.contains(r#"id="stale""#), "no banner");

    server.archive.cmd().arg("ingest").assert().success();
    std::thread::sleep(std::time::Duration::from_millis(1200));
    let after = server.get_query("/api/search", &[("q", "pangolin")]);
    assert!(
        after.header("claimdex-warning").is_none(),
        "{:?}",
        after.header("claimdex-warning")
    );
    assert_eq!(
        after.body,
        cli_json(&server, &["search", "pangolin"]),
        "the server did not follow the new generation"
    );
    assert!(after.body.contains("005_new#1"));
}

#[test]
fn a_source_changed_since_ingest_is_said_on_every_view() {
    let server = Server::start(TempArchive::with_seeds());
    let file = server.archive.corpus().join("002_f21834c6df345147.txt");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text = text.replace("$79 million", "$80 million");
    std::fs::write(&file, text).unwrap();
    let article = server.get("/article/002_f21834c6df345147");
    assert!(article.body.contains(r#"id="source-changed""#), "no banner");
    let cite = server.get_query("/cite", &[("id", "002_f21834c6df345147")]);
    assert_eq!(cite.status, 409);
    assert!(cite.body.contains(r#"id="source-changed""#));
    let api = server.get_query("/api/cite", &[("id", "002_f21834c6df345147")]);
    assert_eq!(api.status, 409);
    assert!(api.body.contains("\"exit_code\": 5"), "{}", api.body);
    let verify = server.post_form(
        "/verify",
        &[("quote", "won a $79 million safe city project")],
    );
    assert!(
        verify.body.contains("Source changed since ingest"),
        "{}",
        verify.body
    );
}

#[test]
fn serve_refuses_a_non_loopback_address_and_stops_cleanly() {
    let archive = TempArchive::with_seeds();
    let refused = archive
        .cmd()
        .args(["serve", "--addr", "0.0.0.0:0"])
        .output()
        .expect("run serve");
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("not a loopback address") && stderr.contains("--allow-remote"),
        "{stderr}"
    );
    let help = archive.cmd().args(["serve", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(
        help.contains("Exit codes:") && help.contains("Read-only"),
        "{help}"
    );

    let server = Server::start(archive);
    assert_eq!(server.get("/").status, 200);
    assert!(server.stop().success(), "SIGTERM is a clean stop (exit 0)");
}
