//! The data model: the plain serde structs every stage shares.
//!
//! Parsing produces an [`Article`] made of [`Claim`]s; the index stores them;
//! search, verify and cite read them back. This module depends on serde only:
//! no parsing, indexing or printing logic lives here. Field names here are the
//! field names of every `--json` output.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One archived article, parsed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable, readable id derived from the file's path inside the corpus
    /// (for example `000_6552e8afb05e4dcc` or `rust-rfcs/0001-private-fields`).
    pub id: String,
    /// Path of the source file relative to the archive root (`corpus/...`),
    /// or as given on the command line for `claimdex parse`.
    pub path: String,
    /// blake3 hash (hex) of the source bytes, exactly as read.
    pub hash: String,
    /// How the source was read.
    pub format: SourceFormat,
    /// Title, as published.
    pub title: Option<String>,
    /// Authors as written (names, or handles when that is all the source gives).
    pub authors: Vec<String>,
    /// The outlet (publication, site, newsletter) the article appeared in.
    pub outlet: Option<String>,
    /// Canonical URL of the article.
    pub url: Option<String>,
    /// The site-relative path the article is published under, from front
    /// matter `permalink` (`/en/newsletters/2018/10/30/`): what links of the
    /// form `/en/...` from articles of the same corpus folder point at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permalink: Option<String>,
    /// Publication date, ISO 8601 (`2019-11-06` or `2019-11-06T09:00:00+00:00`).
    pub published: Option<String>,
    /// Date of the last update, ISO 8601.
    pub updated: Option<String>,
    /// When the file was ingested into the archive (RFC 3339, UTC): the
    /// access date a citation gives. Set by the index at ingest; `None` for
    /// `claimdex parse` and until the index stores it (cite then falls back
    /// to the corpus file's modification time).
    #[serde(default)]
    pub ingested: Option<String>,
    /// For each metadata field set above (`title`, `authors`, `outlet`, `url`,
    /// `published`, `updated`), where the value came from.
    pub metadata_sources: BTreeMap<String, MetadataSource>,
    /// The article's claims, in document order.
    pub claims: Vec<Claim>,
    /// Footnote definitions, reference lists and link definitions the
    /// article carries: the texts its citations point at.
    pub citation_definitions: Vec<CitationDefinition>,
    /// What a fact-checker should know about the article's sourcing.
    pub report: ArticleReport,
}

/// The syntax an article was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    Markdown,
    PlainText,
    RestructuredText,
}

/// Where a metadata value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetadataSource {
    /// YAML or TOML front matter, or an RFC-822 style header block.
    FrontMatter,
    /// The sidecar catalog (`corpus/catalog.toml`).
    Catalog,
    /// A header line of the text (`Published at: ...`, a date line, a first-line title).
    HeaderLine,
    /// The file name (`2021-07-29-slug.md`) or a front-matter path/permalink.
    FileName,
}

/// One assertion: a sentence, list item, block-quoted passage or caption.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// `<article-id>#<ordinal>`, stable across re-parses of unchanged text.
    pub id: String,
    /// 1-based position of the claim in the article.
    pub ordinal: u32,
    /// Clean text: citation markers removed, whitespace folded.
    pub text: String,
    /// What kind of text the claim is.
    pub kind: ClaimKind,
    /// The heading path the claim sits under (outermost first).
    pub section: Vec<String>,
    /// 1-based number of the paragraph (block) the claim belongs to: the
    /// pinpoint a citation gives.
    pub paragraph: u32,
    /// Where the claim's source bytes are.
    pub location: Location,
    /// The citations that back the claim.
    pub citations: Vec<Citation>,
    /// Named sources the claim leans on ("according to X", "X reported").
    pub attributions: Vec<Attribution>,
    /// Dates the claim speaks of (its event dates).
    pub dates: Vec<DateMention>,
    /// Direct quotations inside the claim.
    pub quotes: Vec<Quote>,
}

/// The kind of a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    Sentence,
    ListItem,
    QuoteBlock,
    Caption,
    Boilerplate,
}

/// Position of a claim in its source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// 1-based line of the claim's first byte.
    pub line: u32,
    /// 1-based line of the claim's last byte.
    pub end_line: u32,
    /// Byte offset of the claim's first byte in the source file.
    pub byte_start: usize,
    /// Byte offset just past the claim's last byte in the source file.
    pub byte_end: usize,
}

/// A byte range `[start, end)` inside a claim's `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// One citation a claim carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    /// The label as written: `"7"`, `"^note"`, `"Source"`, the link text, or
    /// `"Smith and Jones 2013"`.
    pub label: String,
    /// The citation's syntax.
    pub kind: CitationKind,
    /// Text of the definition, when the article has one.
    pub text: Option<String>,
    /// URL of the definition or link, when there is one.
    pub url: Option<String>,
    /// False when the article has no definition for this label.
    pub resolved: bool,
    /// When `url` points at an article of this archive (compared
    /// normalised: scheme, `www.`, host case, trailing slash, fragment and
    /// `utm_*` parameters ignored; relative links resolved against the
    /// citing article), that article's id. Filled when the index is read, so
    /// it holds whichever article is archived now; absent when none is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived_article: Option<String>,
}

/// The syntax of a citation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CitationKind {
    /// A GFM footnote `[^1]` or reStructuredText footnote `[1]_`.
    Footnote,
    /// A numbered marker `[7]`.
    Numbered,
    /// A `[Source]` marker closing a quoted passage.
    SourceMarker,
    /// An inline or reference-style link.
    Link,
    /// An author-date in-text citation `(Smith and Jones 2013)`.
    AuthorDate,
}

/// A claim of another article whose citation points at an archived article
/// (`show ARTICLE` lists them as "cited by").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CitedBy {
    /// The citing claim's id.
    pub claim_id: String,
    /// The citing claim's text.
    pub text: String,
    /// The citation's label as written in the citing claim.
    pub label: String,
    /// The URL as the citing article writes it.
    pub url: String,
    /// The citing article.
    pub article: ArticleSummary,
}

/// A definition a citation can point at: a footnote, a reference-list entry
/// or a link definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CitationDefinition {
    /// The label it defines (same spelling as [`Citation::label`]).
    pub label: String,
    /// The kind of citation it serves.
    pub kind: CitationKind,
    /// Its text, whitespace folded.
    pub text: String,
    /// The first URL in it, if any.
    pub url: Option<String>,
    /// 1-based source line of the definition.
    pub line: u32,
    /// Whether any claim cites it.
    pub referenced: bool,
}

/// A named source a claim leans on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// The source as written ("The New York Times", "IPVM's research").
    pub source: String,
    /// The cue that attributes it ("according to", "reported", "told").
    pub cue: String,
    /// Where the attribution phrase is in the claim text.
    pub span: Span,
}

/// How precise a normalised date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Day,
    Week,
    Month,
    Quarter,
    Season,
    Year,
    Decade,
    Century,
}

/// A date expression found in a claim, normalised TimeML style.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    /// The expression as written ("last year", "Oct 7", "March 10, 2020").
    pub text: String,
    /// Where it is in the claim text.
    pub span: Span,
    /// TimeML value truncated to what the text says (`2018`, `2019-10`,
    /// `2019-10-07`, `2019-W45`, `199` for the 1990s); `None` when unresolved.
    pub value: Option<String>,
    /// For a range (`2016-2019`, `from March to May 2020`), the value of its end.
    pub end: Option<String>,
    /// Precision of `value`.
    pub precision: DatePrecision,
    /// True for expressions that need an anchor ("last year", "On Oct 7").
    pub relative: bool,
    /// False when the value could not be worked out (for example a relative
    /// expression in an article with no known date).
    pub resolved: bool,
    /// The anchor date used to resolve a relative expression (ISO date).
    pub anchor: Option<String>,
    /// TimeML type: `date`, or `time` for a clock time or part of a day
    /// ("9 a.m. Tuesday", "Friday night"; `value` then keeps only the day).
    #[serde(default)]
    pub timex_type: TimexType,
}

/// The TimeML type of a temporal expression. Claims keep dates and times;
/// durations ("three years") and sets ("daily") are found for evaluation
/// against TimeML gold but are not dates a claim speaks of.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimexType {
    #[default]
    Date,
    Time,
    Duration,
    Set,
}

/// A direct quotation inside a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub text: String,
    /// Where the quoted words are in the claim text.
    pub span: Span,
    /// Who is quoted, as named, without title or role; `None` when unattributed.
    pub speaker: Option<String>,
    /// Title or role given with the speaker ("the company's CFO").
    pub role: Option<String>,
    /// The attributing verb or phrase ("said", "wrote", "according to").
    pub cue: Option<String>,
    /// Elisions (`[…]`, `...`) inside the quotation, as spans of the claim text.
    pub elisions: Vec<Span>,
    /// One to three words: a scare quote or a name ("Entity List"), not speech.
    pub scare: bool,
    /// The quotation is not closed in this claim and continues in the next.
    pub continues: bool,
    /// The quotation began in an earlier claim.
    pub continued: bool,
    /// How the attribution names the speaker; `None` when unattributed.
    #[serde(default)]
    pub speaker_kind: Option<SpeakerKind>,
    /// When the attribution gives the speaker as a pronoun ("he said"): the
    /// pronoun as written. `speaker` then holds the named speaker it was
    /// resolved to (`speaker_kind: resolved_pronoun`), or the pronoun itself
    /// when that is not clear (`speaker_kind: pronoun`).
    #[serde(default)]
    pub pronoun: Option<String>,
    /// The speaker is not named next to this quotation but carried over from
    /// the quotation it continues (`"...," he said. "..."`, or the next
    /// paragraph of the same speech).
    #[serde(default)]
    pub inherited: bool,
    /// A fragment inside the writer's own sentence (a mixed quotation:
    /// called it "a disgrace"), not a standalone quoted utterance.
    #[serde(default)]
    pub partial: bool,
    /// The closing mark is missing: the quotation ran to the end of its
    /// paragraph and the next paragraph does not reopen it.
    #[serde(default)]
    pub unclosed: bool,
}

/// How a quotation's attribution names the speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerKind {
    /// A proper name ("Huang Fanghong", "The New York Times").
    Name,
    /// A description without a name ("a spokesman", "the company").
    Description,
    /// A pronoun ("he said") resolved to the nearest preceding named speaker.
    ResolvedPronoun,
    /// A pronoun that could not be resolved with confidence: `speaker` is the
    /// pronoun as written.
    Pronoun,
}

/// The per-article sourcing report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleReport {
    /// Citation markers with no definition in the article.
    pub unresolved_markers: Vec<ReportItem>,
    /// Definitions no claim refers to.
    pub unused_definitions: Vec<ReportItem>,
    /// Labels used at two or more places for different statements.
    pub reused_labels: Vec<ReportItem>,
    /// Ids of claims with no citation and no attribution at all.
    pub unsourced_claims: Vec<String>,
    /// Anything else worth a warning (malformed front matter, dropped markup...).
    pub warnings: Vec<String>,
}

/// One finding of the article report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportItem {
    /// The citation label concerned.
    pub label: String,
    /// 1-based source lines where it occurs.
    pub lines: Vec<u32>,
    /// Ids of the claims concerned, if any.
    pub claims: Vec<String>,
}

/// Metadata the sidecar catalog (`corpus/catalog.toml`) gives for one
/// corpus file: facts the text states without marking them up. Every field
/// but `file` is optional; absent means unknown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogEntry {
    /// File name relative to `corpus/`.
    pub file: String,
    pub title: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub updated: Option<String>,
    /// Where in the text each fact was read, for the reader of the catalog.
    pub note: Option<String>,
}

/// The whole sidecar catalog.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    #[serde(default, rename = "article")]
    pub articles: Vec<CatalogEntry>,
}

/// The answer of `claimdex verify`: is this quotation in the archive, in
/// these words, from this speaker?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The words appear as quoted, after folding typography only.
    Exact,
    /// The quotation's pieces (cut at `...`, `…`, `[…]`) appear in order in one passage.
    Elided,
    /// The words are found but the source names another speaker, or none.
    Misattributed,
    /// A passage matches most of the words, but some differ.
    Altered,
    /// Nothing matches closely enough.
    NotFound,
}

/// A typographic difference between a quotation and its source, which
/// `verify` folds away (it never changes the verdict).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Typography {
    /// Curly vs straight (or added/removed) quotation marks.
    QuotationMarks,
    /// Curly vs straight apostrophes inside words.
    Apostrophes,
    /// Hyphen, en dash, em dash or minus forms.
    Dashes,
    /// Spaces, line breaks, non-breaking spaces.
    Whitespace,
    /// Upper vs lower case.
    Case,
    /// Unicode compatibility forms (`…` vs `...`, ligatures, combining accents).
    UnicodeForms,
    /// Punctuation between words (a comma, a full stop); the words are the same.
    Punctuation,
}

/// The result of verifying one quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verification {
    /// The overall verdict.
    pub verdict: Verdict,
    /// The quotation as given.
    pub quote: String,
    /// The speaker the quotation was checked against (`--speaker`), if any.
    pub speaker: Option<String>,
    /// The passages that support the verdict, earliest dated first; for
    /// `not_found`, the nearest passages, each marked `not_found`.
    pub matches: Vec<QuoteMatch>,
    /// What the reader should know about how far the answer goes.
    pub notes: Vec<String>,
}

/// One passage of one article compared with a quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteMatch {
    /// The verdict for this passage alone.
    pub verdict: Verdict,
    /// The article the passage is in.
    pub article: ArticleSummary,
    /// The claim the matched words start in.
    pub claim_id: String,
    /// Every claim the matched words run across, in order.
    pub claim_ids: Vec<String>,
    /// Where the claims are in the source file (first claim's line to last claim's end).
    pub location: Location,
    /// The source's words that the quotation was matched against, as written.
    pub text: String,
    /// Share of words in common, `2 * same / (quotation words + source words)`,
    /// from 0 to 1 (text left out at elision marks does not count).
    pub similarity: f64,
    /// Typographic differences folded away to match.
    pub typography: Vec<Typography>,
    /// What each elision mark of the quotation left out, in order.
    pub omitted: Vec<String>,
    /// For `altered`: the word diff, source against quotation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diff: Option<Vec<DiffPiece>>,
    /// The speaker the source names for these words; `None` when it names none.
    pub speaker: Option<String>,
    /// The speaker's title or role, as the source gives it.
    pub role: Option<String>,
    /// Whether the source presents these words as a quotation at all.
    pub quoted: bool,
    /// With `--speaker`: whether the source's speaker is the one asked about.
    pub speaker_matches: Option<bool>,
    /// The citations the matched claims carry.
    pub citations: Vec<Citation>,
    /// The article's source file changed (or vanished) since it was ingested:
    /// this match cannot be trusted until `claimdex ingest` re-reads it.
    pub source_changed: bool,
}

/// The article fields shown beside one of its claims (search hits, verify
/// matches, related claims).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: String,
    pub path: String,
    /// blake3 hash (hex) of the source bytes the article was ingested from.
    pub hash: String,
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
}

impl From<&Article> for ArticleSummary {
    fn from(article: &Article) -> Self {
        ArticleSummary {
            id: article.id.clone(),
            path: article.path.clone(),
            hash: article.hash.clone(),
            title: article.title.clone(),
            authors: article.authors.clone(),
            outlet: article.outlet.clone(),
            url: article.url.clone(),
            published: article.published.clone(),
        }
    }
}

/// One piece of a word diff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiffPiece {
    pub op: DiffOp,
    /// The words, as written in the source (`equal`, `delete`, `elided`) or
    /// the quotation (`insert`).
    pub text: String,
}

/// What a diff piece is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiffOp {
    /// In both.
    Equal,
    /// In the source, not in the quotation.
    Delete,
    /// In the quotation, not in the source.
    Insert,
    /// Left out of the quotation at an elision mark.
    Elided,
}

/// A figure a claim states: an amount of money, a count of something, or a
/// percentage, normalised so that two ways of writing it compare equal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The figure as written ("US$8.2 billion", "1,000", "ten-percent").
    pub text: String,
    /// Where it is in the claim text.
    pub span: Span,
    /// Money, count or percentage.
    pub kind: FigureKind,
    /// The value with its scale applied (8.2e9 for "US$8.2 billion"; 10 for "10%").
    pub value: f64,
    /// For money: ISO 4217 code (`USD`, `MYR`, `EUR`, `CNY`...), or `$` for a
    /// dollar sign that does not say whose dollar.
    pub currency: Option<String>,
    /// What the figure counts or measures, as written ("facial recognition
    /// cameras", "sales", "annual revenue"); `None` when the text does not say.
    pub noun: Option<String>,
    /// The normalised key two figures must share to be about the same kind
    /// of thing: the counted noun's stem ("camera") or the money measure
    /// ("revenue", "valuation", "funding", "contract").
    pub measure: Option<String>,
    /// The year the figure refers to, when the claim gives one ("in 2019").
    pub year: Option<i32>,
    /// Hedges written with the figure ("over", "nearly", "an estimated").
    pub qualifier: FigureQualifier,
}

/// The kind of a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    Money,
    Count,
    Percent,
}

/// How exactly a figure is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureQualifier {
    /// Stated as is.
    Exact,
    /// "about", "approximately", "an estimated", "some".
    Approximate,
    /// A lower bound: "over", "more than", "in excess of", "at least".
    AtLeast,
    /// An upper bound or near-miss: "nearly", "almost", "under", "up to".
    AtMost,
}

/// One piece of evidence that two claims speak of the same fact or event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Evidence {
    /// Subject words both claims use (the rarest first).
    SharedTerms { terms: Vec<String> },
    /// A date of one claim overlaps a date of the other.
    SharedDate { this: String, other: String },
    /// Both claims carry the same quotation (or one carries part of the other's).
    SharedQuotation { text: String },
    /// A run of the same words in both claims (copied or syndicated wording).
    SharedWording { text: String },
    /// Both claims state the same figure, however written.
    SharedFigure { this: String, other: String },
}

/// A claim in another article that states the same fact or speaks of the
/// same event as the claim asked about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelatedClaim {
    pub article: ArticleSummary,
    pub claim: Claim,
    /// How close the two claims are (higher is closer; not a probability).
    pub score: f64,
    /// Why the claim was picked, strongest first.
    pub evidence: Vec<Evidence>,
    /// True when the other article was published before the claim's article,
    /// false when after or on the same day, `None` when either date is unknown.
    pub earlier: Option<bool>,
}

/// What a disagreement between two claims is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// The two claims give different figures for the same thing.
    Figure,
    /// The two claims date the same event differently.
    Date,
}

/// How a disagreement reads once the years the figures refer to are known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictVerdict {
    /// The claims contradict each other.
    Contradiction,
    /// One figure names its year, the other neither names one nor comes from
    /// a dated article: they may refer to different years.
    UnknownYear,
    /// The figures differ, but they refer to different years: not a contradiction.
    DifferentYears,
}

/// One side of a conflict: the claim, its article and the figure or date it gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictSide {
    pub article: ArticleSummary,
    pub claim: Claim,
    /// The figure this side gives (for a figure conflict).
    pub figure: Option<Figure>,
    /// The date this side gives (for a date conflict).
    pub date: Option<DateMention>,
    /// The year the figure refers to: the claim's own, or the article's
    /// publication year when the claim gives none (`year_from_published`).
    pub year: Option<i32>,
    /// True when `year` was taken from the article's publication date.
    pub year_from_published: bool,
}

/// Two related claims whose figures or dates for the same thing disagree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub kind: ConflictKind,
    pub verdict: ConflictVerdict,
    /// How sure claimdex is that both claims speak of the same thing and
    /// really disagree, from 0 to 1.
    pub certainty: f64,
    /// What the two claims disagree about ("revenue", "camera", "event date").
    pub about: String,
    /// One sentence saying what differs and why it was flagged.
    pub explanation: String,
    /// The claim from the earlier-published article first when known.
    pub a: ConflictSide,
    pub b: ConflictSide,
}
