//! Words and punctuation of an attribution clause, with byte offsets, and
//! the closed word lists attribution patterns rely on (speech verbs,
//! pronouns, titles, abbreviations).

/// A word or a punctuation mark: `text[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// True for a word (letters, digits, inner apostrophes, hyphens, dots).
    pub word: bool,
}

impl Token {
    pub fn str<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '&' | '.' | '/')
}

/// Abbreviations whose final dot does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "prof", "rev",
    "st", "jr", "sr", "inc", "co", "corp", "ltd", "no", "vs", "mt", "ft", "adm", "cmdr", "maj",
    "supt", "pres", "sens", "reps", "atty", "u.s", "u.k", "u.n", "d.c", "jan", "feb", "mar", "apr",
    "aug", "sept", "sep", "oct", "nov", "dec", "wash", "calif", "fla", "mass", "ariz", "conn",
    "penn", "ill", "mich", "minn", "tenn", "va", "md", "nev", "wis", "ky", "la", "ala", "okla",
    "ore", "colo", "ind", "kan", "neb", "miss", "mo", "n.y", "n.j", "n.c", "s.c", "r", "d", "i",
];

/// True when the word (without its final dot) is an abbreviation or an initial.
pub fn is_abbreviation(word: &str) -> bool {
    let bare = word.trim_end_matches('.');
    let lower = bare.to_lowercase();
    (bare.chars().count() == 1 && bare.chars().all(char::is_uppercase))
        || ABBREVIATIONS.contains(&lower.as_str())
        || (bare.contains('.') && bare.len() <= 6)
}

/// Split `text[from..to]` into tokens. A dot after an abbreviation or an
/// initial stays with its word (`Mr.`, `U.S.`, `J.`).
pub fn tokens(text: &str, from: usize, to: usize) -> Vec<Token> {
    let mut out = Vec::new();
    let slice = &text[from..to];
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if word_char(c) {
            let mut j = i + 1;
            while j < chars.len() {
                let cj = chars[j].1;
                if word_char(cj) {
                    j += 1;
                } else if joiner(cj) && chars.get(j + 1).is_some_and(|&(_, n)| word_char(n)) {
                    j += 2;
                } else {
                    break;
                }
            }
            let mut end = chars.get(j).map_or(slice.len(), |&(a, _)| a);
            // The dot of an abbreviation, or one before `)` or `,`
            // (`(D-Md.)`, `R-Ky.,`), is not a full stop.
            let dot_inside = chars
                .get(j + 1)
                .is_some_and(|&(_, n)| matches!(n, ')' | ','));
            if chars.get(j).is_some_and(|&(_, n)| n == '.')
                && (is_abbreviation(&slice[at..end]) || dot_inside)
            {
                end += 1;
                j += 1;
            }
            out.push(Token {
                start: from + at,
                end: from + end,
                word: true,
            });
            i = j;
        } else {
            out.push(Token {
                start: from + at,
                end: from + at + c.len_utf8(),
                word: false,
            });
            i += 1;
        }
    }
    out
}

/// Verbs (and verb forms) that introduce speech or writing.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "telling",
    "wrote",
    "writes",
    "writing",
    "added",
    "adds",
    "adding",
    "noted",
    "notes",
    "noting",
    "explained",
    "explains",
    "explaining",
    "continued",
    "continues",
    "continuing",
    "stated",
    "states",
    "argued",
    "argues",
    "arguing",
    "asked",
    "asks",
    "asking",
    "declared",
    "declares",
    "warned",
    "warns",
    "warning",
    "insisted",
    "insists",
    "claimed",
    "claims",
    "recalled",
    "recalls",
    "remarked",
    "replied",
    "replies",
    "responded",
    "responds",
    "tweeted",
    "tweets",
    "tweeting",
    "posted",
    "reported",
    "reports",
    "concluded",
    "concludes",
    "acknowledged",
    "acknowledges",
    "admitted",
    "admits",
    "announced",
    "announces",
    "observed",
    "observes",
    "commented",
    "joked",
    "jokes",
    "quipped",
    "stressed",
    "stresses",
    "emphasized",
    "emphasised",
    "contended",
    "countered",
    "conceded",
    "concedes",
    "suggested",
    "suggests",
    "predicted",
    "exclaimed",
    "shouted",
    "yelled",
    "complained",
    "complains",
    "lamented",
    "boasted",
    "boasts",
    "promised",
    "promises",
    "vowed",
    "vows",
    "urged",
    "urges",
    "pleaded",
    "scolded",
    "testified",
    "agreed",
    "agrees",
    "mused",
    "wondered",
    "cautioned",
    "charged",
    "blasted",
    "chimed",
    "interjected",
    "recounted",
    "thundered",
    "alleged",
    "alleges",
    "denied",
    "denies",
    "maintained",
    "maintains",
    "opined",
    "read",
    "reads",
    "explained",
    "tweeted",
    "posted",
    "proclaimed",
    "announced",
    "wrote",
    "shot",
    "fired",
    "retorted",
    "snapped",
    "sniped",
    "mocked",
    "bragged",
    "touted",
    "touts",
    "conceded",
    "pointed",
    "answered",
    "answers",
    "described",
    "describes",
    "quoted",
    "quotes",
    "stating",
    "declaring",
    "adding",
    "calling",
    "called",
    "screamed",
    "cried",
    "demanded",
    "demands",
    "advised",
    "assured",
    "confirmed",
    "confirms",
    "revealed",
    "reveals",
    "suggested",
    "hinted",
    "wrote",
    "put",
    "yells",
    "yell",
    "shouts",
    "screams",
    "chants",
    "declares",
    "recalls",
    "remarks",
    "observes",
    "insists",
    "explained",
    "elaborated",
    "teased",
    "chanted",
    "sang",
    "prayed",
    "reminded",
    "whispered",
    "responded",
    "begged",
    "muttered",
    "concurred",
    "disputed",
    "objected",
    "protested",
    "reasoned",
    "speculated",
    "surmised",
    "theorized",
    "summed",
    "underscored",
    "highlighted",
    "acknowledged",
    "concluded",
    "recalled",
    "went",
    "goes",
];

/// True for a speech verb (case-insensitive).
pub fn is_speech_verb(word: &str) -> bool {
    let lower = word.to_lowercase();
    SPEECH_VERBS.contains(&lower.as_str())
}

/// Personal pronouns that can stand for a speaker.
const PRONOUNS: &[&str] = &["he", "she", "they", "i", "we", "it", "you"];

pub fn is_pronoun(word: &str) -> bool {
    PRONOUNS.contains(&word.to_lowercase().as_str())
}

/// Words that start a description rather than a name.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "one", "two", "three", "several", "some", "another", "his", "her", "their",
    "its", "our", "my", "your", "this", "that", "these", "those", "many", "most", "other", "both",
    "each", "every", "any", "no",
];

pub fn is_determiner(word: &str) -> bool {
    DETERMINERS.contains(&word.to_lowercase().as_str())
}

/// Adverbs and auxiliaries that can sit between a speaker and the verb.
const BETWEEN: &[&str] = &[
    "reportedly",
    "also",
    "later",
    "then",
    "once",
    "again",
    "recently",
    "previously",
    "further",
    "has",
    "had",
    "have",
    "was",
    "is",
    "would",
    "will",
    "could",
    "can",
    "had",
    "simply",
    "flatly",
    "quickly",
    "immediately",
    "bluntly",
    "publicly",
    "privately",
    "repeatedly",
    "often",
    "has",
    "just",
    "only",
    "even",
    "still",
    "first",
    "angrily",
    "famously",
    "frankly",
    "jokingly",
    "softly",
    "tersely",
    "wryly",
    "did",
    "does",
    "allegedly",
    "apparently",
    "reportedly",
    "then",
];

pub fn is_between_word(word: &str) -> bool {
    BETWEEN.contains(&word.to_lowercase().as_str())
}

/// Prepositions and time words that end a speaker phrase after the verb
/// (`wrote Charles Rollet for IPVM`, `said Trump on Monday`).
const PHRASE_ENDERS: &[&str] = &[
    "for",
    "in",
    "at",
    "on",
    "to",
    "during",
    "after",
    "before",
    "from",
    "with",
    "about",
    "via",
    "while",
    "when",
    "as",
    "last",
    "this",
    "yesterday",
    "today",
    "tonight",
    "earlier",
    "who",
    "which",
    "whose",
    "that",
    "and",
    "but",
    "because",
    "since",
    "in",
    "recently",
    "told",
    "by",
    "into",
    "over",
    "under",
    "according",
    "adding",
    "noting",
    "saying",
    "if",
    "though",
    "although",
    "where",
    "following",
    "amid",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

pub fn ends_phrase(word: &str) -> bool {
    PHRASE_ENDERS.contains(&word.to_lowercase().as_str())
}

/// Title words: part of a role, never of a name (`President Obama`,
/// `Chief Financial Officer`).
const TITLES: &[&str] = &[
    "president",
    "vice",
    "sen",
    "sen.",
    "senator",
    "rep",
    "rep.",
    "representative",
    "gov",
    "gov.",
    "governor",
    "secretary",
    "minister",
    "chief",
    "officer",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "cfo",
    "coo",
    "cto",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "dr",
    "dr.",
    "prof",
    "prof.",
    "professor",
    "gen",
    "gen.",
    "general",
    "judge",
    "justice",
    "mayor",
    "speaker",
    "leader",
    "attorney",
    "commissioner",
    "ambassador",
    "congressman",
    "congresswoman",
    "sheriff",
    "pastor",
    "rev",
    "rev.",
    "reverend",
    "pope",
    "king",
    "queen",
    "prince",
    "princess",
    "lt",
    "lt.",
    "col",
    "col.",
    "sgt",
    "sgt.",
    "capt",
    "capt.",
    "adm",
    "adm.",
    "admiral",
    "captain",
    "colonel",
    "sergeant",
    "lieutenant",
    "deputy",
    "executive",
    "founder",
    "co-founder",
    "manager",
    "head",
    "analyst",
    "editor",
    "nominee",
    "candidate",
    "former",
    "acting",
    "interim",
    "senior",
    "state",
    "first",
    "lady",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "miss",
    "democratic",
    "republican",
    "gop",
    "democrat",
    "independent",
    "presidential",
    "rnc",
    "dnc",
    "chairperson",
    "premier",
    "chancellor",
    "sir",
    "dame",
    "lord",
    "lady",
    "detective",
    "officer",
    "agent",
    "inspector",
    "assistant",
    "associate",
    "board",
    "fbi",
    "cia",
    "press",
    "campaign",
    "communications",
    "strategist",
    "pollster",
    "adviser",
    "advisor",
    "aide",
    "counsel",
    "economist",
    "marketing",
    "of",
];

pub fn is_title(word: &str) -> bool {
    TITLES.contains(&word.to_lowercase().as_str())
}

/// Courtesy titles dropped from a name and not worth keeping as a role.
pub fn is_courtesy(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "mr." | "mrs." | "ms." | "miss" | "mr" | "mrs" | "ms"
    )
}

/// True for a word that starts with an upper-case letter or a digit.
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Lower-case words allowed inside a name (`Charles de Gaulle`, `bin Salman`).
pub fn is_name_particle(word: &str) -> bool {
    matches!(
        word,
        "de" | "da"
            | "di"
            | "del"
            | "della"
            | "van"
            | "von"
            | "der"
            | "den"
            | "bin"
            | "al"
            | "el"
            | "la"
            | "le"
            | "du"
            | "dos"
            | "das"
            | "ibn"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokens(text, 0, text.len())
            .iter()
            .map(|t| t.str(text))
            .collect()
    }

    #[test]
    fn abbreviations_keep_their_dot() {
        assert_eq!(
            words("said Mr. McGinley, the U.S. company’s CFO."),
            vec![
                "said",
                "Mr.",
                "McGinley",
                ",",
                "the",
                "U.S.",
                "company’s",
                "CFO",
                "."
            ]
        );
    }

    #[test]
    fn word_lists() {
        assert!(is_speech_verb("Said"));
        assert!(is_pronoun("She"));
        assert!(!is_pronoun("Sheila"));
        assert!(is_title("Chief"));
    }
}
