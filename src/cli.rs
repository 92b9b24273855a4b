//! Command-line interface declarations (clap derive). No I/O and no logic:
//! `app.rs` turns these into work.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Exit codes, shown at the end of `--help`.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  success: hits found, quotation exact or elided, every file ingested
  1  nothing found; quotation altered, misattributed or not found; some files skipped
  2  error: bad usage, bad query, unreadable input
  3  the index is locked by another ingest
  4  the index is missing, damaged or built by another version: run `claimdex ingest --rebuild`
  5  the source of a claim changed since it was ingested (verify, cite, check --corpus)";

#[derive(Debug, Parser)]
#[command(
    name = "claimdex",
    version,
    about = "Search, verify and cite the claims in an archive of articles",
    long_about = "claimdex breaks archived articles into claims tied to their citations, dates and \
quotations, indexes them, and answers searches, quotation checks and citation requests.",
    after_help = EXIT_CODES_HELP
)]
pub struct Cli {
    /// The archive folder (holding corpus/ and index/). Default: found from
    /// the current folder upward.
    #[arg(long, global = true, env = "CLAIMDEX_ARCHIVE", value_name = "DIR")]
    pub archive: Option<PathBuf>,

    /// When to colour output (NO_COLOR and CLICOLOR are honoured in auto).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a new, empty archive folder.
    Init(InitArgs),
    /// Parse article files and print their claims (does not touch the index).
    Parse(ParseArgs),
    /// Parse the corpus (or add files to it) and write the claims into the index.
    Ingest(IngestArgs),
    /// Search the claims; every hit comes with its citations.
    Search(SearchArgs),
    /// Show one claim (with its neighbours) or one article.
    Show(ShowArgs),
    /// List the archive's articles.
    List(ListArgs),
    /// Check a quotation against the archive: exact, elided, altered, misattributed or not found.
    Verify(VerifyArgs),
    /// Print a citation of a claim or an article.
    Cite(CiteArgs),
    /// Check the index is whole (checksums, files, documents) and, with
    /// --corpus, that every corpus file still holds the bytes it was ingested with.
    Check(CheckArgs),
    /// Export the archive (or what a query matches) for reference managers and other tools.
    Export(ExportArgs),
    /// Claims in other articles that state the same fact or speak of the same event.
    Related(RelatedArgs),
    /// Pairs of claims whose figures or dates for the same thing disagree.
    Conflicts(ConflictsArgs),
    /// Serve the archive as a web page on this machine: search, verify, cite, read.
    Serve(ServeArgs),
    /// Measure the date and quotation extractors on a gold file.
    #[command(subcommand)]
    Eval(EvalCommand),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to create the archive in.
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Article files (.md, .markdown, .txt, .rst).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print the full model as a JSON array of articles.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or folders to copy into corpus/ and ingest. Default: the whole corpus.
    pub paths: Vec<PathBuf>,
    /// Start the index afresh.
    #[arg(long)]
    pub rebuild: bool,
    /// Print the summary as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Skip files larger than this many bytes.
    #[arg(long, default_value_t = 16 * 1024 * 1024, value_name = "BYTES")]
    pub max_file_size: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DateBasis {
    /// The dates the claim itself speaks of.
    Event,
    /// The article's publication date.
    Published,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words, "exact phrases", -excluded, OR, and field filters
    /// (outlet:, author:, speaker:, section:). Quote the query, or put `--`
    /// before it when it starts with `-` (`search -- -police cameras`).
    #[arg(required = true)]
    pub query: Vec<String>,
    /// Only claims dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only claims dated on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Which date --since/--until compare with.
    #[arg(long, value_enum, default_value_t = DateBasis::Event)]
    pub by: DateBasis,
    /// Only claims from this outlet.
    #[arg(long)]
    pub outlet: Option<String>,
    /// Only claims from this article (its id).
    #[arg(long)]
    pub article: Option<String>,
    /// Only claims that carry a citation or attribution.
    #[arg(long)]
    pub cited: bool,
    /// How many hits to print.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Append a citation of each hit in this style.
    #[arg(long, value_name = "STYLE")]
    pub cite: Option<String>,
    /// Do not merge the same sentence found in several articles into one hit.
    #[arg(long)]
    pub no_collapse: bool,
    /// Print the hits as one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A claim id (`article#n`) or an article id.
    pub id: String,
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Also hash every corpus file and name those changed, removed or new
    /// since the last ingest.
    #[arg(long)]
    pub corpus: bool,
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

/// How `verify` decides, shown at the end of `claimdex verify --help`
/// (the values are those of `verify::verdict`; a unit test keeps them in step).
pub const VERIFY_HELP: &str = "\
Verdicts (exit code):
  exact          (0) the words appear as quoted, possibly across neighbouring claims of one
                 article, after folding typography only: curly/straight quotation marks and
                 apostrophes, dashes, whitespace, case, Unicode forms (NFKC). Punctuation
                 between words is not compared (it is reported). The differences are listed.
  elided         (0) the quotation is cut with ..., … or […] and its pieces appear word for
                 word, in order, in one passage (the claims around those sharing words with
                 the quotation, reaching 200 words beyond its length on each side); what
                 each elision left out is shown. Marks at the very start or end are ignored.
  altered        (1) not all words match, but similarity >= 0.75, where similarity =
                 2 x words in common / (quotation words + source words); a word diff
                 (source -> quotation) is shown. One word replaced in 8 gives 0.875, two in 8
                 give 0.75 (altered), three in 11 give 0.727 (not found).
  misattributed  (1) with --speaker: the words are exact or elided, but the source names
                 another speaker or none. Names match when all words of one are words of the
                 other (\"Duan\" matches \"Dawei Duan\"), titles (Mr, Dr...) aside.
  not_found      (1) no passage reaches similarity 0.75; the 3 nearest are shown, marked
                 not matching.
  A match whose source file changed since ingest is marked \"source changed since ingest\"
  and the command exits 5. Quotations of more than 1000 words are refused (exit 2).
  Words are letters and digits (company's, 8.2 and 1,000 stay whole; hyphens split) and
  the symbols $ € £ % & + = # @ °.";

#[derive(Debug, Args)]
#[command(after_help = VERIFY_HELP)]
pub struct VerifyArgs {
    /// The quotation, or `-` to read it from standard input.
    #[arg(allow_hyphen_values = true)]
    pub quote: String,
    /// Who the quotation is attributed to: the source must name this speaker.
    #[arg(long)]
    pub speaker: Option<String>,
    /// Print the verdict as one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CiteArgs {
    /// A claim id (`article#n`) or an article id.
    pub id: String,
    /// apa, mla, chicago (notes-bibliography), harvard, markdown (a footnote),
    /// csl-json, bibtex (BibLaTeX) or ris.
    #[arg(long, default_value = "apa")]
    pub style: String,
    /// Print the citation, its parts and the claim's sources as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// The access date to give (YYYY-MM-DD). Default: the day the article
    /// was ingested.
    #[arg(long, value_name = "DATE")]
    pub accessed: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// csl-json, bibtex, ris or jsonl.
    #[arg(long)]
    pub format: String,
    /// Export only what this search query matches.
    pub query: Vec<String>,
    /// The access date to give every entry (YYYY-MM-DD). Default: the day
    /// each article was ingested.
    #[arg(long, value_name = "DATE")]
    pub accessed: Option<String>,
}

#[derive(Debug, Args)]
pub struct RelatedArgs {
    /// A claim id (`article#n`).
    pub id: String,
    /// How many related claims to print.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ConflictsArgs {
    /// Only pairs where a claim holds all these words.
    pub query: Vec<String>,
    /// How many pairs to print.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

/// What `serve` offers and promises, shown at the end of `claimdex serve --help`.
pub const SERVE_HELP: &str = "\
Pages: / (search and the articles), /search, /verify, /cite?id=ID, /article/ID;
JSON: /api/search, /api/verify, /api/cite, /api/show answer with what --json prints.
The URL is printed on stdout once the server listens (with port 0, the port picked).

Read-only: no page or endpoint changes the archive; ingest with `claimdex ingest`,
and the server opens the new index generation on its next request. When corpus/
changed since the last ingest, every page and API answer says so.

Security: loopback only unless --allow-remote (there is no login: whoever reaches
the port reads the whole archive); requests naming a host other than localhost or
a loopback address are refused; article text is always escaped and only http(s)
URLs become links; requests are limited to 32 KiB of target and 64 KiB of body.

Exit codes:
  0  stopped by Ctrl-C or SIGTERM
  2  bad usage: a non-loopback --addr without --allow-remote, an address in use
  4  the index is missing, damaged or built by another version: run `claimdex ingest --rebuild`";

#[derive(Debug, Args)]
#[command(after_help = SERVE_HELP)]
pub struct ServeArgs {
    /// The address to listen on (IP:PORT). Port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "IP:PORT")]
    pub addr: std::net::SocketAddr,
    /// Allow an --addr that is not loopback (and answer any host name):
    /// anyone who can reach it can read the whole archive.
    #[arg(long)]
    pub allow_remote: bool,
}

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Date extraction and normalisation against TempEval-3 JSONL gold.
    Dates(EvalArgs),
    /// Quotation and speaker extraction against PolNeAR JSONL gold.
    Quotes(EvalArgs),
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The gold JSONL file.
    pub file: PathBuf,
    /// Print the metrics as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Also list each disagreement with the gold (missed, spurious, wrong
    /// value or type): on stderr, or under `disagreements` with --json.
    #[arg(long)]
    pub errors: bool,
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
