//! Attribution patterns: who a quotation is attributed to, read from the
//! clause after it (`"...," said X`, `"...," X wrote`, `"...," according to
//! X`) or before it (`X said, "..."`, `X told Y: "..."`, `According to X,
//! "..."`, `X said in a statement: "..."`), and the split of a speaker
//! phrase into a name and a role (`Hikvision's secretary of the board,
//! Huang Fanghong` is Huang Fanghong, role Hikvision's secretary of the board).

use super::words::{
    ends_phrase, is_between_word, is_capitalized, is_courtesy, is_determiner, is_name_particle,
    is_pronoun, is_speech_verb, is_title, tokens, Token,
};

/// How an attribution names its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// A proper name (`Huang Fanghong`, `The New York Times`).
    Name,
    /// A description without a name (`a spokesman`, `the company`).
    Description,
    /// A personal pronoun (`he`, `they`).
    Pronoun,
}

/// The speaker as the attribution gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The name without title or role; the description or the pronoun when
    /// there is no name.
    pub name: String,
    pub naming: Naming,
    /// Title or role given with the name.
    pub role: Option<String>,
    /// Byte span of the whole speaker phrase (name and role) in the text.
    pub mention: (usize, usize),
}

/// An attribution clause found next to a quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    pub speaker: Speaker,
    /// The attributing verb or phrase (`said`, `according to`).
    pub cue: String,
    /// Byte offset just past the attribution clause (for an attribution
    /// after the quotation: the end of its sentence).
    pub clause_end: usize,
}

/// Leading words that are not part of a speaker phrase.
fn is_connective(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "but" | "and" | "so" | "yet" | "then" | "now" | "however" | "still" | "or" | "later"
    )
}

fn join(text: &str, toks: &[Token]) -> String {
    let mut out = String::new();
    let mut last_end = None;
    for tok in toks {
        if let Some(end) = last_end {
            if tok.start > end || text[end..tok.start].contains(char::is_whitespace) {
                out.push(' ');
            }
        }
        out.push_str(tok.str(text));
        last_end = Some(tok.end);
    }
    out
}

/// One comma-separated part of a speaker phrase, read as a name or not.
struct Part<'a> {
    toks: &'a [Token],
    /// Index in `toks` where the name starts, when the part ends with one.
    name_from: Option<usize>,
}

fn read_part<'a>(text: &str, toks: &'a [Token]) -> Part<'a> {
    let words: Vec<&str> = toks.iter().map(|t| t.str(text)).collect();
    let Some(first) = words.first() else {
        return Part {
            toks,
            name_from: None,
        };
    };
    if is_determiner(first) {
        // "The New York Times": an organisation's name; "the company": not.
        let rest = &words[1..];
        let org = (*first == "The" || *first == "the")
            && !rest.is_empty()
            && rest
                .iter()
                .all(|w| is_capitalized(w) && !is_title(w) && !w.ends_with('’'));
        return Part {
            toks,
            name_from: org.then_some(0),
        };
    }
    // The run of capitalised words the part ends with.
    let mut from = words.len();
    while from > 0 {
        let w = words[from - 1];
        // `de`, `bin` inside a name; `and` joining two names
        // (`Jelena Jankovic and Reid Standish`).
        let inner_particle = (is_name_particle(w)
            || (w == "and" && from > 1 && is_capitalized(words[from - 2])))
            && from < words.len()
            && from > 1;
        if (is_capitalized(w) && !w.ends_with("’s") && !w.ends_with("'s")) || inner_particle {
            from -= 1;
        } else {
            break;
        }
    }
    // Leading titles belong to the role.
    while from < words.len() && (is_title(words[from]) || is_courtesy(words[from])) {
        from += 1;
    }
    Part {
        toks,
        name_from: (from < words.len()).then_some(from),
    }
}

/// Split on top-level commas, setting aside parenthesised tokens.
fn split_parts(text: &str, toks: &[Token]) -> (Vec<Vec<Token>>, Vec<String>) {
    let mut parts = vec![Vec::new()];
    let mut parens = Vec::new();
    let mut depth = 0;
    let mut paren_start = 0;
    for (i, tok) in toks.iter().enumerate() {
        let s = tok.str(text);
        match s {
            "(" => {
                if depth == 0 {
                    paren_start = i;
                }
                depth += 1;
            }
            ")" if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    parens.push(join(text, &toks[paren_start..=i]));
                }
            }
            _ if depth > 0 => {}
            "," | ";" => parts.push(Vec::new()),
            _ => parts.last_mut().expect("parts is never empty").push(*tok),
        }
    }
    parts.retain(|p| !p.is_empty());
    (parts, parens)
}

/// Read a speaker phrase: name, role, naming, mention span.
pub fn read_speaker(text: &str, toks: &[Token]) -> Option<Speaker> {
    let mut toks = toks;
    while let Some(first) = toks.first() {
        let s = first.str(text);
        if !first.word || is_connective(s) {
            toks = &toks[1..];
        } else {
            break;
        }
    }
    while let Some(last) = toks.last() {
        if !last.word && last.str(text) != ")" {
            toks = &toks[..toks.len() - 1];
        } else {
            break;
        }
    }
    if toks.is_empty() {
        return None;
    }
    let (parts, parens) = split_parts(text, toks);
    // Adverbial parts ("In a statement", "Speaking to reporters") are not
    // the speaker.
    let parts: Vec<Vec<Token>> = parts
        .into_iter()
        .filter(|p| {
            let first = p[0].str(text);
            let lower = first.to_lowercase();
            !(ends_phrase(first) && !is_determiner(first)
                || lower.ends_with("ing")
                || lower == "asked"
                || (!is_capitalized(first)
                    && !is_determiner(first)
                    && !is_pronoun(first)
                    && !first.starts_with(|c: char| c.is_ascii_digit())
                    && !p.iter().any(|t| is_capitalized(t.str(text)))))
        })
        .collect();
    if parts.is_empty() {
        return None;
    }
    let read: Vec<Part> = parts.iter().map(|p| read_part(text, p)).collect();
    let mention = (
        parts[0][0].start,
        parts[parts.len() - 1][parts[parts.len() - 1].len() - 1].end,
    );
    if parts[0].len() == 1 && is_pronoun(parts[0][0].str(text)) {
        let first = &parts[0];
        return Some(Speaker {
            name: first[0].str(text).to_string(),
            naming: Naming::Pronoun,
            role: None,
            mention: (first[0].start, first[0].end),
        });
    }
    let Some(named) = read.iter().position(|p| p.name_from.is_some()) else {
        // No name: the description is the speaker (at most its first part
        // and an appositive).
        let first = &parts[0];
        return Some(Speaker {
            name: join(text, first),
            naming: Naming::Description,
            role: None,
            mention: (first[0].start, first[first.len() - 1].end),
        });
    };
    let part = &read[named];
    let from = part.name_from.expect("checked above");
    let name = join(text, &part.toks[from..]);
    let mut role_bits = Vec::new();
    let prefix: Vec<Token> = part.toks[..from]
        .iter()
        .copied()
        .filter(|t| !is_courtesy(t.str(text)))
        .collect();
    if !prefix.is_empty() {
        role_bits.push(join(text, &prefix));
    }
    // An appositive next to the name is its role.
    if named > 0 {
        role_bits.insert(0, join(text, read[named - 1].toks));
    }
    if let Some(next) = read.get(named + 1) {
        role_bits.push(join(text, next.toks));
    }
    role_bits.extend(parens);
    let start = if named > 0 {
        read[named - 1].toks[0].start
    } else {
        part.toks[0].start
    };
    let end = read
        .get(named + 1)
        .map_or(part.toks[part.toks.len() - 1].end, |n| {
            n.toks[n.toks.len() - 1].end
        })
        .max(mention.0);
    Some(Speaker {
        name,
        naming: Naming::Name,
        role: (!role_bits.is_empty()).then(|| role_bits.join(", ")),
        mention: (start, end),
    })
}

fn is_end_of_sentence(text: &str, tok: &Token) -> bool {
    !tok.word && matches!(tok.str(text), "." | "!" | "?" | ";")
}

/// Tokens of a speaker phrase after a verb: up to a preposition, a clause
/// or the sentence end, keeping appositives (`said the company's CFO,
/// Dawei Duan`; `said Mr. McGinley, the law professor`).
fn phrase_after_verb<'a>(text: &str, toks: &'a [Token]) -> &'a [Token] {
    let mut end = 0;
    let mut i = 0;
    while i < toks.len() {
        let tok = &toks[i];
        let s = tok.str(text);
        if tok.word {
            if ends_phrase(s) && !is_determiner(s) {
                break;
            }
            // `a press release published on ...`: a participle ends it.
            if i >= 2 && s.ends_with("ed") && !is_capitalized(s) {
                break;
            }
            i += 1;
            end = i;
        } else if s == "," {
            // Continue into an appositive only.
            let next = toks.get(i + 1).map(|t| t.str(text));
            match next {
                Some(n) if (is_capitalized(n) || is_determiner(n)) && !ends_phrase(n) => i += 1,
                _ => break,
            }
        } else if s == "(" {
            match toks[i..].iter().position(|t| t.str(text) == ")") {
                Some(close) => {
                    i += close + 1;
                    end = i;
                }
                None => break,
            }
        } else {
            break;
        }
    }
    &toks[..end]
}

/// The attribution in the clause after a quotation: `text[from..limit]`,
/// where `from` is just past the closing mark.
pub fn after(
    text: &str,
    from: usize,
    limit: usize,
    quote_end_char: Option<char>,
) -> Option<Attribution> {
    let all = tokens(text, from, limit);
    let cut = all
        .iter()
        .position(|t| is_end_of_sentence(text, t))
        .unwrap_or(all.len());
    let clause_end = all.get(cut).map_or(limit, |t| t.end);
    let mut toks = &all[..cut];
    // `,” he said` / `” — he said`: leading punctuation.
    let mut had_comma = false;
    while let Some(first) = toks.first() {
        if first.word {
            break;
        }
        if matches!(first.str(text), "," | "—" | "―" | "–" | "-") {
            had_comma = true;
            toks = &toks[1..];
        } else {
            return None;
        }
    }
    // `, the company wrote: “...”` introduces the next quotation.
    if toks.iter().any(|t| t.str(text) == ":") {
        return None;
    }
    // `” ― Julie A. Diaz Martinez`: a name after a dash, no verb.
    let dash_led = all[..cut]
        .first()
        .is_some_and(|t| matches!(t.str(text), "―" | "—" | "–"));
    if dash_led
        && (1..=6).contains(&toks.len())
        && toks
            .iter()
            .all(|t| t.word && (is_capitalized(t.str(text)) || is_name_particle(t.str(text))))
    {
        let speaker = read_speaker(text, toks)?;
        return Some(Attribution {
            speaker,
            cue: "―".into(),
            clause_end,
        });
    }
    let first = toks.first()?;
    let first_word = first.str(text);
    // After a quotation closed with a full stop, only `"..." X said.`
    // (nothing after the verb) reads as an attribution.
    let ended = matches!(quote_end_char, Some('.'));
    let open = had_comma
        || matches!(
            quote_end_char,
            Some(',' | '?' | '!' | '—' | '–' | '-' | '…')
        );
    if !open && !ended && is_capitalized(first_word) {
        return None;
    }
    // "according to X"
    if first_word.eq_ignore_ascii_case("according")
        && toks.get(1).is_some_and(|t| t.str(text) == "to")
    {
        let phrase = phrase_after_verb(text, by_phrase(text, &toks[2..]));
        let speaker = read_speaker(text, phrase)?;
        return Some(Attribution {
            speaker,
            cue: "according to".into(),
            clause_end,
        });
    }
    // Verb first: `said X`.
    if is_speech_verb(first_word) {
        let phrase = phrase_after_verb(text, &toks[1..]);
        let speaker = read_speaker(text, phrase)?;
        if ended && 1 + phrase.len() < toks.len() {
            return None;
        }
        return Some(Attribution {
            speaker,
            cue: first_word.to_string(),
            clause_end,
        });
    }
    // Speaker first: `X said`, `X, the CFO, reportedly said`.
    let verb = toks
        .iter()
        .take(24)
        .position(|t| t.word && is_speech_verb(t.str(text)))?;
    let mut np_end = verb;
    while np_end > 0 && is_between_word(toks[np_end - 1].str(text)) {
        np_end -= 1;
    }
    let np = &toks[..np_end];
    if np.is_empty()
        || np
            .iter()
            .any(|t| !t.word && !matches!(t.str(text), "," | "(" | ")" | "-"))
    {
        return None;
    }
    let lead = np[0].str(text);
    let named_later = np.len() <= 8 && np[1..].iter().any(|t| is_capitalized(t.str(text)));
    if !(is_capitalized(lead) || is_pronoun(lead) || is_determiner(lead) || named_later) {
        return None;
    }
    // After a full stop the clause is a new sentence: only a bare
    // `"..." Smith said.` reads as an attribution.
    if ended
        && (verb > 4
            || toks.len() > verb + 5
            || np.iter().any(|t| t.str(text) == ",")
            || (verb + 1 < toks.len() && !ends_phrase(toks[verb + 1].str(text))))
    {
        return None;
    }
    let speaker = read_speaker(text, np)?;
    Some(Attribution {
        speaker,
        cue: toks[verb].str(text).to_string(),
        clause_end,
    })
}

/// `a blog post by Tony Porter`: the author after `by`.
fn by_phrase<'a>(text: &str, toks: &'a [Token]) -> &'a [Token] {
    match toks.iter().take(8).position(|t| t.str(text) == "by") {
        Some(by) if by + 1 < toks.len() => &toks[by + 1..],
        _ => toks,
    }
}

/// The subject of a verb is the end of what precedes it: after the last
/// dash, at most the last two comma-separated parts (a name and its
/// appositive), without a leading `as`/`when`.
fn subject_region<'a>(text: &str, toks: &'a [Token]) -> &'a [Token] {
    let mut toks = toks;
    if let Some(dash) = toks
        .iter()
        .rposition(|t| !t.word && matches!(t.str(text), "—" | "―" | "–"))
    {
        toks = &toks[dash + 1..];
    }
    let mut depth = 0i32;
    let mut commas = Vec::new();
    for (i, tok) in toks.iter().enumerate() {
        match tok.str(text) {
            "(" => depth += 1,
            ")" => depth -= 1,
            "," if depth == 0 => commas.push(i),
            _ => {}
        }
    }
    // Ignore a trailing comma (`X, the CFO,` before the verb).
    if commas.last().is_some_and(|&c| c + 1 == toks.len()) {
        commas.pop();
    }
    if commas.len() >= 2 {
        toks = &toks[commas[commas.len() - 2] + 1..];
    }
    // `In a Bloomberg interview Trump`: the name after an opening phrase.
    if toks.first().is_some_and(|t| ends_phrase(t.str(text)))
        && !toks.iter().any(|t| t.str(text) == ",")
    {
        let run = toks
            .iter()
            .rev()
            .take_while(|t| t.word && is_capitalized(t.str(text)))
            .count();
        let before_run = toks.len().checked_sub(run + 1).map(|i| toks[i].str(text));
        if run > 0
            && before_run
                .is_some_and(|w| !is_capitalized(w) && !ends_phrase(w) && !is_determiner(w))
        {
            return &toks[toks.len() - run..];
        }
    }
    while let Some(first) = toks.first() {
        let lower = first.str(text).to_lowercase();
        if matches!(
            lower.as_str(),
            "as" | "when"
                | "while"
                | "and"
                | "but"
                | "because"
                | "where"
                | "so"
                | "though"
                | "then"
        ) {
            toks = &toks[1..];
        } else {
            break;
        }
    }
    toks
}

/// A colon introduction without a speech verb (`Buzzfeed recently
/// discovered that ...: "..."`): the name the clause opens with, when it
/// opens with one, and the verb after it as the cue.
pub fn colon_subject(text: &str, toks: &[Token], to: usize) -> Option<Attribution> {
    // Skip adverbial openings (`This week,`, `In 2019,`).
    let mut start = 0;
    while let Some(comma) = toks[start..].iter().position(|t| t.str(text) == ",") {
        let first = toks[start].str(text);
        let adverbial = ends_phrase(first) || first.to_lowercase().ends_with("ly");
        if adverbial && comma <= 6 {
            start += comma + 1;
        } else {
            break;
        }
    }
    let toks = &toks[start..];
    let run = toks
        .iter()
        .take_while(|t| t.word && (is_capitalized(t.str(text)) || is_name_particle(t.str(text))))
        .count();
    let next = toks.get(run)?;
    let next_word = next.str(text);
    if run == 0
        || !next.word
        || is_capitalized(next_word)
        || ends_phrase(next_word) && next_word != "at"
    {
        return None;
    }
    let mut cue_at = run;
    while toks
        .get(cue_at)
        .is_some_and(|t| is_between_word(t.str(text)))
    {
        cue_at += 1;
    }
    // `Emily Baker-White at Forbes published`: the outlet is a role.
    let speaker = read_speaker(text, &toks[..run])?;
    if speaker.naming != Naming::Name {
        return None;
    }
    let cue = toks
        .iter()
        .skip(cue_at)
        .find(|t| t.word && !is_capitalized(t.str(text)) && !ends_phrase(t.str(text)))
        .map(|t| t.str(text).to_string())?;
    Some(Attribution {
        speaker,
        cue,
        clause_end: to,
    })
}

/// The attribution in the clause before a quotation: `text[from..to]`,
/// where `to` is the opening mark; the clause must end with `,` or `:`.
pub fn before(text: &str, from: usize, to: usize) -> Option<Attribution> {
    before_within(text, from, to, 9)
}

/// [`before`], with the verb at most `reach` tokens before the mark (a
/// colon introducing a block quotation can follow a long clause).
pub fn before_within(text: &str, from: usize, to: usize, reach: usize) -> Option<Attribution> {
    let all = tokens(text, from, to);
    let last = all.last()?;
    // `X said "..."`: the verb right before the mark.
    let bare_verb = last.word
        && is_speech_verb(last.str(text))
        && !matches!(
            last.str(text).to_lowercase().as_str(),
            "called" | "calling" | "described" | "describes" | "put" | "read" | "reads"
        );
    if !bare_verb && (last.word || !matches!(last.str(text), "," | ":" | "—" | "–")) {
        return None;
    }
    let toks = if bare_verb {
        &all[..]
    } else {
        &all[..all.len() - 1]
    };
    // "According to X, "
    if let Some(acc) = toks
        .windows(2)
        .rposition(|w| w[0].str(text).eq_ignore_ascii_case("according") && w[1].str(text) == "to")
    {
        let rest = by_phrase(text, &toks[acc + 2..]);
        let speaker = read_speaker(text, rest)?;
        return Some(Attribution {
            speaker,
            cue: "according to".into(),
            clause_end: to,
        });
    }
    let colon = last.str(text) == ":";
    let verb = toks
        .iter()
        .rposition(|t| t.word && is_speech_verb(t.str(text)));
    let Some(verb) = verb.filter(|&v| toks.len() - v <= reach) else {
        return if colon {
            colon_subject(text, toks, to)
        } else {
            None
        };
    };
    let mut np_end = verb;
    while np_end > 0 && is_between_word(toks[np_end - 1].str(text)) {
        np_end -= 1;
    }
    // `Said Ellis: "..."`: the speaker after the verb.
    if np_end == 0 {
        let phrase = phrase_after_verb(text, &toks[verb + 1..]);
        let speaker = read_speaker(text, phrase)?;
        return Some(Attribution {
            speaker,
            cue: toks[verb].str(text).to_string(),
            clause_end: to,
        });
    }
    let np = subject_region(text, &toks[..np_end]);
    let speaker = read_speaker(text, np)?;
    if speaker.naming == Naming::Description && speaker.name.split(' ').count() > 10 {
        return None;
    }
    Some(Attribution {
        speaker,
        cue: toks[verb].str(text).to_string(),
        clause_end: to,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The attribution after the first closing mark of `text`.
    fn after_of(text: &str) -> Option<(String, Option<String>, String)> {
        let close = text.find('”').expect("closing mark");
        let end_char = text[..close].chars().next_back();
        after(text, close + '”'.len_utf8(), text.len(), end_char)
            .map(|a| (a.speaker.name, a.speaker.role, a.cue))
    }

    fn before_of(text: &str) -> Option<(String, Option<String>, String)> {
        let open = text.find('“').expect("opening mark");
        before(text, 0, open).map(|a| (a.speaker.name, a.speaker.role, a.cue))
    }

    fn some(name: &str, role: Option<&str>, cue: &str) -> Option<(String, Option<String>, String)> {
        Some((name.into(), role.map(String::from), cue.into()))
    }

    #[test]
    fn said_x_after() {
        assert_eq!(
            after_of("“We will,” said the company’s Chief Financial Officer, Dawei Duan."),
            some(
                "Dawei Duan",
                Some("the company’s Chief Financial Officer"),
                "said"
            )
        );
        assert_eq!(
            after_of("“Own website,” wrote Charles Rollet for IPVM. “In 2017"),
            some("Charles Rollet", None, "wrote")
        );
        assert_eq!(
            after_of("“Fine,” said Mr. McGinley, the law professor."),
            some("McGinley", Some("the law professor"), "said")
        );
    }

    #[test]
    fn x_said_after() {
        assert_eq!(
            after_of("“We hope,” Hikvision’s secretary of the board, Huang Fanghong, reportedly said in a statement."),
            some("Huang Fanghong", Some("Hikvision’s secretary of the board"), "said")
        );
        assert_eq!(
            after_of("“Bad things,” Trump warned in Everett."),
            some("Trump", None, "warned")
        );
        assert_eq!(
            after_of("“Coal isn't the villain,” he said."),
            some("he", None, "said")
        );
        assert_eq!(
            after_of("“Quite so,” notes Smith."),
            some("Smith", None, "notes")
        );
        assert_eq!(
            after_of("“Quite so,” Smith wrote."),
            some("Smith", None, "wrote")
        );
        assert_eq!(
            after_of("“It is,” Sen. Lindsey Graham (R-S.C.) told The Huffington Post."),
            some("Lindsey Graham", Some("Sen., (R-S.C.)"), "told")
        );
    }

    #[test]
    fn according_to_after() {
        assert_eq!(
            after_of("“solution,” according to a press release by Dahua."),
            some("Dahua", None, "according to")
        );
    }

    #[test]
    fn no_attribution_after_a_full_sentence() {
        assert_eq!(after_of("“It works.” Trump said the wall is ready."), None);
        assert_eq!(after_of("“Entity List” greatly restricts trade."), None);
    }

    #[test]
    fn before_patterns_more() {
        assert_eq!(
            before_of("Earlier this month, Jelena Jankovic and Reid Standish reported: “Leaked"),
            some("Jelena Jankovic and Reid Standish", None, "reported")
        );
        assert_eq!(
            before_of("In a Bloomberg interview Trump declared “I think"),
            some("Trump", None, "declared")
        );
    }

    #[test]
    fn before_patterns() {
        assert_eq!(
            before_of("Marianne Chew, Hikvision USA Director of Marketing, said, “Working"),
            some(
                "Marianne Chew",
                Some("Hikvision USA Director of Marketing"),
                "said"
            )
        );
        assert_eq!(
            before_of("Trump told reporters: “We"),
            some("Trump", None, "told")
        );
        assert_eq!(
            before_of("The company said in a statement: “We"),
            some("The company", None, "said")
        );
        assert_eq!(
            before_of("According to Limbaugh, “[I]f"),
            some("Limbaugh", None, "according to")
        );
        assert_eq!(
            before_of("Democratic nominee Hillary Clinton, at a later press gaggle, said, “I’ve"),
            some("Hillary Clinton", Some("Democratic nominee"), "said")
        );
        assert_eq!(
            before_of("Uniview vice president Ximen Yan said: “Probably"),
            some("Ximen Yan", Some("Uniview vice president"), "said")
        );
        assert_eq!(
            before_of("She continued, “When"),
            some("She", None, "continued")
        );
        assert_eq!(before_of("It was called “Entity"), None);
    }
}
