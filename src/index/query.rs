//! The search query language, parsed by hand so every error can name its
//! position: words, `"exact phrases"` (straight or curly quotes), `-excluded`
//! items, `OR` between items, and field filters `outlet:`, `author:`,
//! `speaker:`, `section:` (with a word or a quoted phrase). Items are joined
//! by AND. Positions in errors are 1-based character columns.

use crate::error::Error;

/// Longest query accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 10 * 1024;
/// Most items accepted in one query.
pub const MAX_ITEMS: usize = 256;

/// A field a query item may be restricted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterField {
    Outlet,
    Author,
    Speaker,
    Section,
}

impl FilterField {
    pub const ALL: [FilterField; 4] = [
        FilterField::Outlet,
        FilterField::Author,
        FilterField::Speaker,
        FilterField::Section,
    ];

    pub fn name(self) -> &'static str {
        match self {
            FilterField::Outlet => "outlet",
            FilterField::Author => "author",
            FilterField::Speaker => "speaker",
            FilterField::Section => "section",
        }
    }
}

/// One word or phrase, possibly restricted to a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub field: Option<FilterField>,
    pub text: String,
    /// Written in quotes: matched exactly (unstemmed, words in order).
    pub phrase: bool,
    /// 1-based character position where the item starts.
    pub position: usize,
}

/// A parsed query: every group must match (one of its items at least),
/// no excluded item may.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub required: Vec<Vec<Item>>,
    pub excluded: Vec<Item>,
    /// Characters and words that are operators in other query languages
    /// (grouping, wildcards, regexes, boosts, `AND`/`NOT`) but not in this
    /// one, with their 1-based positions: they were read as plain text,
    /// and the caller says so.
    pub ignored: Vec<(usize, String)>,
}

/// Characters that are syntax elsewhere (Lucene, tantivy, regexes) and
/// plain text here.
const FOREIGN_SYNTAX: &[char] = &['(', ')', '[', ']', '{', '}', '*', '?', '~', '^', '\\'];

impl Query {
    /// The unfielded words and phrases that must match, in order: what the
    /// phrase-proximity boost and the typo-tolerant fallback work on.
    pub fn plain_items(&self) -> impl Iterator<Item = &Item> {
        self.required
            .iter()
            .flatten()
            .filter(|item| item.field.is_none())
    }
}

enum Token {
    Or(usize),
    Item { negated: bool, item: Item },
}

fn error(position: usize, message: impl Into<String>) -> anyhow::Error {
    Error::Query {
        position,
        message: message.into(),
    }
    .into()
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201E}')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201D}' | '\u{201C}')
}

/// Parse a query.
pub fn parse(input: &str) -> anyhow::Result<Query> {
    if input.len() > MAX_QUERY_BYTES {
        return Err(error(
            MAX_QUERY_BYTES,
            format!(
                "the query is too long ({} bytes; the limit is {MAX_QUERY_BYTES})",
                input.len()
            ),
        ));
    }
    if let Some(column) = input.chars().position(|c| c == '\0') {
        return Err(error(column + 1, "the query holds a NUL character"));
    }
    let mut ignored = Vec::new();
    let tokens = tokenize(input, &mut ignored)?;
    if tokens.len() > MAX_ITEMS {
        return Err(error(
            1,
            format!("the query has more than {MAX_ITEMS} items"),
        ));
    }
    let mut query = assemble(tokens)?;
    query.ignored = ignored;
    Ok(query)
}

/// What [`Query::ignored`] lists, as one sentence (at most 8 positions).
pub fn describe_ignored(ignored: &[(usize, String)]) -> Option<String> {
    if ignored.is_empty() {
        return None;
    }
    let mut shown: Vec<String> = ignored
        .iter()
        .take(8)
        .map(|(position, what)| format!("'{what}' at {position}"))
        .collect();
    if ignored.len() > 8 {
        shown.push(format!("and {} more", ignored.len() - 8));
    }
    Some(format!(
        "read as plain text, not as operators: {} (this query language has words, \
         \"phrases\", -exclusions, OR and field: filters; no grouping, wildcards, regexes, \
         boosts or AND/NOT)",
        shown.join(", ")
    ))
}

fn tokenize(input: &str, ignored: &mut Vec<(usize, String)>) -> anyhow::Result<Vec<Token>> {
    let chars: Vec<char> = input.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let mut negated = false;
        if chars[i] == '-' && chars.get(i + 1).is_some_and(|c| !c.is_whitespace()) {
            negated = true;
            i += 1;
        }
        // A field prefix: letters then ':' then something that is not a space
        // (`https://` is a word, not a field).
        let mut field = None;
        let name_end = (i..chars.len())
            .find(|&j| !chars[j].is_ascii_alphabetic())
            .unwrap_or(chars.len());
        if name_end > i && chars.get(name_end) == Some(&':') {
            let name: String = chars[i..name_end].iter().collect::<String>().to_lowercase();
            let after = chars.get(name_end + 1).copied();
            let is_url = after == Some('/');
            if !is_url {
                let known = FilterField::ALL.iter().find(|f| f.name() == name).copied();
                let Some(known) = known else {
                    let names: Vec<&str> = FilterField::ALL.iter().map(|f| f.name()).collect();
                    return Err(error(
                        i + 1,
                        format!(
                            "unknown field '{name}:' (the fields are {})",
                            names.join(", ")
                        ),
                    ));
                };
                if after.is_none_or(char::is_whitespace) {
                    return Err(error(
                        i + 1,
                        format!("the field '{name}:' has no value after it"),
                    ));
                }
                field = Some(known);
                i = name_end + 1;
            }
        }
        if is_open_quote(chars[i]) {
            let open = i;
            let close = (i + 1..chars.len()).find(|&j| is_close_quote(chars[j]));
            let Some(close) = close else {
                return Err(error(
                    open + 1,
                    "unbalanced quote: the quote opened here is never closed",
                ));
            };
            let text: String = chars[open + 1..close].iter().collect();
            i = close + 1;
            if text.trim().is_empty() {
                return Err(error(open + 1, "empty phrase \"\""));
            }
            tokens.push(Token::Item {
                negated,
                item: Item {
                    field,
                    text,
                    phrase: true,
                    position: start + 1,
                },
            });
            continue;
        }
        let word_end = (i..chars.len())
            .find(|&j| chars[j].is_whitespace() || is_open_quote(chars[j]))
            .unwrap_or(chars.len());
        let text: String = chars[i..word_end].iter().collect();
        for (j, &c) in chars.iter().enumerate().take(word_end).skip(i) {
            let regex_slash = c == '/' && chars[i] == '/';
            if FOREIGN_SYNTAX.contains(&c) || regex_slash {
                ignored.push((j + 1, c.to_string()));
            }
        }
        if (text == "AND" || text == "NOT") && field.is_none() {
            ignored.push((start + 1, text.clone()));
        }
        i = word_end;
        if text == "OR" && !negated && field.is_none() {
            tokens.push(Token::Or(start + 1));
            continue;
        }
        tokens.push(Token::Item {
            negated,
            item: Item {
                field,
                text,
                phrase: false,
                position: start + 1,
            },
        });
    }
    Ok(tokens)
}

fn assemble(tokens: Vec<Token>) -> anyhow::Result<Query> {
    let mut query = Query::default();
    let mut pending_or: Option<usize> = None;
    let mut last_was_positive = false;
    for token in tokens {
        match token {
            Token::Or(position) => {
                if !last_was_positive || pending_or.is_some() {
                    return Err(error(position, "OR needs a word or phrase on each side"));
                }
                pending_or = Some(position);
            }
            Token::Item {
                negated: true,
                item,
            } => {
                if let Some(position) = pending_or {
                    return Err(error(
                        position,
                        "OR cannot join an excluded item (-word); use it on its own",
                    ));
                }
                query.excluded.push(item);
                last_was_positive = false;
            }
            Token::Item {
                negated: false,
                item,
            } => {
                match (pending_or.take(), query.required.last_mut()) {
                    (Some(_), Some(group)) => group.push(item),
                    _ => query.required.push(vec![item]),
                }
                last_was_positive = true;
            }
        }
    }
    if let Some(position) = pending_or {
        return Err(error(position, "OR needs a word or phrase on each side"));
    }
    if query.required.is_empty() && query.excluded.is_empty() {
        return Err(error(1, "the query is empty"));
    }
    Ok(query)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn position_of(input: &str) -> usize {
        let err = parse(input).unwrap_err();
        match err.downcast_ref::<Error>() {
            Some(Error::Query { position, .. }) => *position,
            other => panic!("not a query error: {other:?}"),
        }
    }

    #[test]
    fn words_phrases_exclusions_and_or() {
        let query = parse(r#"thermal "facial recognition" -police camera OR drone"#).unwrap();
        assert_eq!(query.required.len(), 3);
        assert!(query.required[1][0].phrase);
        assert_eq!(query.required[2].len(), 2);
        assert_eq!(query.excluded[0].text, "police");
    }

    #[test]
    fn fields_with_words_and_phrases() {
        let query = parse(r#"outlet:"Infosecurity Magazine" speaker:smith"#).unwrap();
        assert_eq!(query.required[0][0].field, Some(FilterField::Outlet));
        assert!(query.required[0][0].phrase);
        assert_eq!(query.required[1][0].text, "smith");
    }

    #[test]
    fn errors_name_their_position() {
        assert_eq!(position_of(r#"cameras "thermal imaging"#), 9);
        assert_eq!(position_of("cameras nosuch:x"), 9);
        assert_eq!(position_of("OR cameras"), 1);
        assert_eq!(position_of("cameras OR"), 9);
        assert_eq!(position_of("outlet: x"), 1);
        assert_eq!(position_of(""), 1);
    }

    #[test]
    fn foreign_syntax_is_listed_with_positions() {
        let query = parse("(cameras AND drone*) /x.*/").unwrap();
        let listed: Vec<(usize, &str)> = query
            .ignored
            .iter()
            .map(|(p, w)| (*p, w.as_str()))
            .collect();
        assert_eq!(
            listed,
            vec![
                (1, "("),
                (10, "AND"),
                (19, "*"),
                (20, ")"),
                (22, "/"),
                (25, "*"),
                (26, "/")
            ]
        );
        assert!(parse("plain words").unwrap().ignored.is_empty());
        assert!(parse("https://example.com").unwrap().ignored.is_empty());
    }

    #[test]
    fn urls_and_times_are_words() {
        let query = parse("https://example.com 10:30").unwrap();
        assert_eq!(query.required.len(), 2);
        assert_eq!(query.required[0][0].field, None);
    }
}
