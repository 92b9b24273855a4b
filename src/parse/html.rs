//! Prose inside HTML: the text between tags of an HTML block (`<figure>`,
//! `<figcaption>`, `<small>`, `<details>`), mapped back to its source bytes.
//! Tags, comments and the contents of `<script>`, `<style>`, `<pre>` and
//! `<code>` are markup, not prose.

use super::block::MappedText;

/// Tags whose text is a caption rather than body prose.
const CAPTION_TAGS: &[&str] = &["figcaption", "caption", "small", "figure"];

/// Tags whose contents are not prose.
const SKIPPED_TAGS: &[&str] = &["script", "style", "pre", "code", "svg", "math"];

/// The prose of an HTML fragment that starts at source offset `src_start`,
/// appended to `out`; returns whether it sits in a caption tag.
pub fn prose(html: &str, src_start: usize, out: &mut MappedText) -> bool {
    let bytes = html.as_bytes();
    let mut caption = false;
    let mut skip_until: Option<String> = None;
    let mut text_from = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        if skip_until.is_none() {
            push_text(out, &html[text_from..i], src_start + text_from);
        }
        let end = if html[i..].starts_with("<!--") {
            html[i..].find("-->").map_or(html.len(), |e| i + e + 3)
        } else {
            html[i..].find('>').map_or(html.len(), |e| i + e + 1)
        };
        let tag = &html[i..end];
        let name = tag_name(tag);
        let closing = tag.starts_with("</");
        if let Some(waiting) = &skip_until {
            if closing && name == *waiting {
                skip_until = None;
            }
        } else if !closing && SKIPPED_TAGS.contains(&name.as_str()) && !tag.ends_with("/>") {
            skip_until = Some(name.clone());
        } else if CAPTION_TAGS.contains(&name.as_str()) {
            caption = true;
        }
        if matches!(
            name.as_str(),
            "br" | "p" | "div" | "li" | "td" | "th" | "tr"
        ) {
            out.push_break(src_start + i, src_start + end);
        }
        i = end;
        text_from = end;
    }
    if skip_until.is_none() {
        push_text(out, &html[text_from..], src_start + text_from);
    }
    caption
}

fn push_text(out: &mut MappedText, text: &str, src_start: usize) {
    if text.trim().is_empty() {
        if !text.is_empty() {
            out.push_break(src_start, src_start + text.len());
        }
        return;
    }
    out.push_source(text, src_start);
}

fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('<')
        .trim_start_matches('/')
        .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_text_between_tags() {
        let html = "<figure><img src=\"a.png\"><figcaption>A cat &amp; a dog</figcaption></figure>";
        let mut out = MappedText::default();
        assert!(prose(html, 10, &mut out));
        assert_eq!(out.text.trim(), "A cat &amp; a dog");
        let at = out.text.find('A').unwrap();
        assert_eq!(out.src_start(at), 10 + html.find("A cat").unwrap());
    }

    #[test]
    fn skips_comments_and_code() {
        let html =
            "<details><summary>More</summary><!-- hidden --><pre>let x = 1;</pre> done</details>";
        let mut out = MappedText::default();
        assert!(!prose(html, 0, &mut out));
        assert_eq!(super::super::block::fold_whitespace(&out.text), "More done");
    }
}
