//! Search: a parsed query (see `query`) to tantivy queries, ranked hits with
//! highlights, date filters on claim event dates or publication dates, and a
//! typo-tolerant fallback whose hits always rank below the exact ones.
//!
//! Ranking is BM25 over the claim's own (stemmed) words, with the article
//! title's words weighted at a quarter and the words of a multi-word query
//! found together as a phrase boosted.

use super::documents::{claim_of, day_number, event_intervals, published_day};
use super::exclusion::ForwardOnly;
use super::query::{self, FilterField, Item};
use super::schema::{self, Fields};
use super::{damaged, ArchiveIndex};
use crate::error::Error;
use crate::model::{Article, ArticleSummary, Claim, Location, Span};
use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Bound;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::snippet::SnippetGenerator;
use tantivy::Term;

/// Weight of the article title's words against the claim's own.
const TITLE_BOOST: f32 = 0.25;
/// Extra weight when the query's words appear together as a phrase.
const PROXIMITY_BOOST: f32 = 2.0;

/// Which date `--since/--until` compare with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBasis {
    /// The dates the claim speaks of.
    Event,
    /// The article's publication date.
    Published,
}

/// A search to run.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub query: String,
    pub since: Option<String>,
    pub until: Option<String>,
    pub by: DateBasis,
    pub outlet: Option<String>,
    pub article: Option<String>,
    pub cited: bool,
    pub limit: usize,
}

impl SearchRequest {
    /// The best `limit` claims for `query` alone: no date, outlet, article
    /// or citation filter (the request of `export`, `conflicts`, `related`).
    pub fn unfiltered(query: impl Into<String>, limit: usize) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            since: None,
            until: None,
            by: DateBasis::Event,
            outlet: None,
            article: None,
            cited: false,
            limit,
        }
    }
}

/// Hits by score, equal scores by claim id: tantivy breaks ties by document
/// address, which differs between two builds of the same corpus, and the
/// same archive must answer the same query in the same order.
fn in_rank_order(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.claim.id.cmp(&b.claim.id))
    });
    hits
}

/// One hit: the claim (its model fields), its article, score and highlights.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    #[serde(flatten)]
    pub claim: Claim,
    pub article: ArticleSummary,
    pub score: f32,
    /// Byte ranges of `text` that matched the query.
    pub highlights: Vec<Span>,
    /// Found only by the typo-tolerant fallback.
    pub fuzzy: bool,
    /// The same sentence (or nearly) in other articles, earliest dated
    /// first (empty with `--no-collapse`).
    pub also_in: Vec<Syndicated>,
}

/// A claim merged into another hit because it is the same sentence.
#[derive(Debug, Clone, Serialize)]
pub struct Syndicated {
    /// The claim id.
    pub id: String,
    /// Its text, which may differ from the shown hit's by a word or two.
    pub text: String,
    pub article: ArticleSummary,
    pub location: Location,
    pub score: f32,
}

/// The answer to a search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub hits: Vec<Hit>,
    /// Claims the query matched that a date filter left out because their
    /// date (event or publication, per `--by`) is unknown.
    pub undated_excluded: u64,
}

/// An inclusive day range from `--since/--until`.
#[derive(Debug, Clone, Copy)]
struct DateRange {
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
}

impl DateRange {
    fn overlaps(&self, start: NaiveDate, end: NaiveDate) -> bool {
        self.since.is_none_or(|since| end >= since) && self.until.is_none_or(|until| start <= until)
    }
}

/// Parse a `--since/--until` value: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
/// Returns the first and last day it covers.
pub fn parse_date_bound(flag: &str, value: &str) -> Result<(NaiveDate, NaiveDate)> {
    let bad = |position: usize, why: &str| -> anyhow::Error {
        Error::Query {
            position,
            message: format!("{flag} {value:?}: {why} (expected YYYY, YYYY-MM or YYYY-MM-DD)"),
        }
        .into()
    };
    let parts: Vec<&str> = value.split('-').collect();
    if parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
        return Err(bad(1, "malformed date"));
    }
    let mut column = 1;
    let mut numbers = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let width_ok = if i == 0 {
            part.len() == 4
        } else {
            part.len() == 2
        };
        if !width_ok || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad(column, "malformed date"));
        }
        numbers.push((column, part.parse::<u32>().unwrap_or(0)));
        column += part.chars().count() + 1;
    }
    let year = numbers[0].1 as i32;
    let month = numbers.get(1).map(|n| n.1);
    let day = numbers.get(2).map(|n| n.1);
    if let Some(month) = month {
        if !(1..=12).contains(&month) {
            return Err(bad(numbers[1].0, "no such month"));
        }
    }
    let first = NaiveDate::from_ymd_opt(year, month.unwrap_or(1), day.unwrap_or(1))
        .ok_or_else(|| bad(numbers.last().map_or(1, |n| n.0), "no such day"))?;
    let last = match (month, day) {
        (_, Some(_)) => first,
        (Some(month), None) => {
            let (next_year, next_month) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
            NaiveDate::from_ymd_opt(next_year, next_month, 1)
                .and_then(|d| d.pred_opt())
                .ok_or_else(|| bad(1, "date out of range"))?
        }
        (None, None) => {
            NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(|| bad(1, "date out of range"))?
        }
    };
    debug_assert!(first.year() == year);
    Ok((first, last))
}

/// The query builder: analyzers and fields of one index.
struct Builder<'a> {
    index: &'a ArchiveIndex,
    fields: Fields,
}

impl Builder<'_> {
    fn analyze(&self, tokenizer: &str, text: &str) -> Vec<String> {
        self.index.analyze(tokenizer, text)
    }

    fn terms_query(field: Field, tokens: &[String]) -> Option<Box<dyn Query>> {
        match tokens {
            [] => None,
            [one] => Some(Box::new(TermQuery::new(
                Term::from_field_text(field, one),
                IndexRecordOption::WithFreqs,
            ))),
            many => Some(Box::new(PhraseQuery::new(
                many.iter()
                    .map(|token| Term::from_field_text(field, token))
                    .collect(),
            ))),
        }
    }

    fn filter_field(&self, field: FilterField) -> Field {
        match field {
            FilterField::Outlet => self.fields.outlet,
            FilterField::Author => self.fields.author,
            FilterField::Speaker => self.fields.speaker,
            FilterField::Section => self.fields.section,
        }
    }

    /// The query for one item; `None` when it holds no searchable word.
    /// `fuzzy` widens single words to their near spellings.
    fn item(&self, item: &Item, excluded: bool, fuzzy: bool) -> Option<Box<dyn Query>> {
        if let Some(field) = item.field {
            let tokens = self.analyze("default", &item.text);
            return Self::terms_query(self.filter_field(field), &tokens);
        }
        let exact = self.analyze("default", &item.text);
        if item.phrase || exact.len() != 1 {
            return Self::terms_query(self.fields.text_exact, &exact);
        }
        let stemmed = self.analyze("en_stem", &item.text);
        let own = Self::terms_query(self.fields.text, &stemmed)?;
        if excluded {
            return Some(own);
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, own)];
        if let Some(title) = Self::terms_query(self.fields.title, &stemmed) {
            clauses.push((Occur::Should, Box::new(BoostQuery::new(title, TITLE_BOOST))));
        }
        if fuzzy {
            let word = &exact[0];
            let distance = match word.chars().count() {
                0..=3 => 0,
                4..=7 => 1,
                _ => 2,
            };
            if distance > 0 {
                let term = Term::from_field_text(self.fields.text_exact, word);
                clauses.push((
                    Occur::Should,
                    Box::new(FuzzyTermQuery::new(term, distance, true)),
                ));
            }
        }
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// The whole query (without filters).
    fn query(&self, parsed: &query::Query, fuzzy: bool) -> Result<Box<dyn Query>> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for group in &parsed.required {
            let mut alternatives: Vec<Box<dyn Query>> = group
                .iter()
                .filter_map(|item| self.item(item, false, fuzzy))
                .collect();
            match alternatives.len() {
                0 => {}
                1 => clauses.push((Occur::Must, alternatives.remove(0))),
                _ => clauses.push((
                    Occur::Must,
                    Box::new(BooleanQuery::new(
                        alternatives
                            .into_iter()
                            .map(|q| (Occur::Should, q))
                            .collect(),
                    )),
                )),
            }
        }
        if clauses.is_empty() {
            if !parsed.required.is_empty() {
                let position = parsed.required[0][0].position;
                return Err(Error::Query {
                    position,
                    message: "the query has no words to search for".to_string(),
                }
                .into());
            }
            // Only exclusions: every claim but those.
            clauses.push((Occur::Must, self.kind_claim()));
        }
        for item in &parsed.excluded {
            if let Some(query) = self.item(item, true, false) {
                clauses.push((Occur::MustNot, Box::new(ForwardOnly(query))));
            }
        }
        // Words of the query found side by side rank above scattered ones.
        let words: Vec<String> = parsed
            .required
            .iter()
            .filter(|group| group.len() == 1)
            .flatten()
            .filter(|item| item.field.is_none() && !item.phrase)
            .flat_map(|item| self.analyze("default", &item.text))
            .collect();
        if words.len() >= 2 {
            let terms = words
                .iter()
                .map(|w| Term::from_field_text(self.fields.text_exact, w))
                .collect();
            let mut phrase = PhraseQuery::new(terms);
            phrase.set_slop(1);
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(phrase), PROXIMITY_BOOST)),
            ));
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }

    fn kind_claim(&self) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(self.fields.kind, schema::KIND_CLAIM),
            IndexRecordOption::Basic,
        ))
    }

    fn flag(&self, flag: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(self.fields.flags, flag),
            IndexRecordOption::Basic,
        ))
    }

    /// Filters from the options (not scored).
    fn filters(&self, request: &SearchRequest, dates: Option<DateRange>) -> Vec<Box<dyn Query>> {
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        if let Some(outlet) = &request.outlet {
            let tokens = self.analyze("default", outlet);
            filters.push(
                Self::terms_query(self.fields.outlet, &tokens)
                    .unwrap_or_else(|| Box::new(tantivy::query::EmptyQuery)),
            );
        }
        if let Some(article) = &request.article {
            filters.push(Box::new(TermQuery::new(
                Term::from_field_text(self.fields.article_id, article),
                IndexRecordOption::Basic,
            )));
        }
        if request.cited {
            filters.push(self.flag(schema::FLAG_CITED));
        }
        if let Some(range) = dates {
            let (start_field, end_field) = match request.by {
                DateBasis::Event => (self.fields.event_start, self.fields.event_end),
                DateBasis::Published => (self.fields.published, self.fields.published),
            };
            // Coarse: some interval starts before `until` and some ends after
            // `since`; hits are then checked exactly.
            if let Some(until) = range.until {
                filters.push(Box::new(RangeQuery::new(
                    Bound::Unbounded,
                    Bound::Included(Term::from_field_i64(start_field, day_number(until))),
                )));
            }
            if let Some(since) = range.since {
                filters.push(Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_i64(end_field, day_number(since))),
                    Bound::Unbounded,
                )));
            }
        }
        filters
    }
}

fn with_filters(query: &dyn Query, filters: &[Box<dyn Query>]) -> BooleanQuery {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query.box_clone())];
    for filter in filters {
        clauses.push((
            Occur::Must,
            Box::new(BoostQuery::new(filter.box_clone(), 0.0)),
        ));
    }
    BooleanQuery::new(clauses)
}

impl ArchiveIndex {
    /// Run a search.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let parsed = query::parse(&request.query)?;
        let since = request
            .since
            .as_deref()
            .map(|v| parse_date_bound("--since", v))
            .transpose()?;
        let until = request
            .until
            .as_deref()
            .map(|v| parse_date_bound("--until", v))
            .transpose()?;
        let dates = (since.is_some() || until.is_some()).then_some(DateRange {
            since: since.map(|(first, _)| first),
            until: until.map(|(_, last)| last),
        });
        let builder = Builder {
            index: self,
            fields: *self.fields(),
        };
        let filters = builder.filters(request, dates);
        let exact = builder.query(&parsed, false)?;
        let mut hits = self.collect(
            request,
            &with_filters(&*exact, &filters),
            dates,
            &HashSet::new(),
        )?;
        for hit in &mut hits {
            hit.fuzzy = false;
        }
        if hits.len() < request.limit {
            let fuzzy = builder.query(&parsed, true)?;
            let seen: HashSet<String> = hits.iter().map(|h| h.claim.id.clone()).collect();
            let mut more = self.collect(
                &SearchRequest {
                    limit: request.limit - hits.len(),
                    ..request.clone()
                },
                &with_filters(&*fuzzy, &filters),
                dates,
                &seen,
            )?;
            // Never above an exact hit.
            let floor = hits.last().map_or(f32::INFINITY, |h| h.score);
            let top = more.first().map_or(1.0, |h| h.score).max(f32::MIN_POSITIVE);
            for hit in &mut more {
                hit.fuzzy = true;
                if floor.is_finite() {
                    hit.score = floor * 0.99 * (hit.score / top);
                }
            }
            hits.extend(more);
        }
        let undated_excluded = match dates {
            None => 0,
            Some(_) => {
                let flag = match request.by {
                    DateBasis::Event => schema::FLAG_UNDATED,
                    DateBasis::Published => schema::FLAG_UNPUBLISHED,
                };
                let no_dates = builder.filters(request, None);
                let mut query = with_filters(&*exact, &no_dates);
                query = BooleanQuery::new(vec![
                    (Occur::Must, Box::new(query)),
                    (Occur::Must, builder.flag(flag)),
                ]);
                self.searcher()
                    .search(&query, &Count)
                    .map_err(|err| damaged(format!("cannot search the index: {err}")))?
                    as u64
            }
        };
        self.highlight(&builder, &parsed, &mut hits);
        for hit in &mut hits {
            let article = &hit.article;
            self.resolve_citations(
                &article.id,
                &article.path,
                article.url.as_deref(),
                &mut hit.claim,
            )?;
        }
        Ok(SearchResults {
            hits,
            undated_excluded,
        })
    }

    /// The top hits of a query, checked exactly against the date range.
    fn collect(
        &self,
        request: &SearchRequest,
        query: &dyn Query,
        dates: Option<DateRange>,
        skip: &HashSet<String>,
    ) -> Result<Vec<Hit>> {
        let mut hits = Vec::new();
        if request.limit == 0 {
            return Ok(hits);
        }
        let mut articles: HashMap<String, Option<Article>> = HashMap::new();
        let mut offset = 0;
        let mut fetch = request.limit + skip.len();
        if dates.is_some() {
            fetch = fetch * 2 + 16;
        }
        loop {
            let top = self
                .searcher()
                .search(
                    query,
                    &TopDocs::with_limit(fetch)
                        .and_offset(offset)
                        .order_by_score(),
                )
                .map_err(|err| damaged(format!("cannot search the index: {err}")))?;
            let exhausted = top.len() < fetch;
            for (score, address) in top {
                let doc = self.document(address)?;
                let claim = claim_of(self.fields(), &doc).map_err(damaged)?;
                if skip.contains(&claim.id) {
                    continue;
                }
                let article_id = claim
                    .id
                    .rsplit_once('#')
                    .map_or(claim.id.as_str(), |(a, _)| a)
                    .to_string();
                if !articles.contains_key(&article_id) {
                    let header = self.article_header(&article_id)?;
                    articles.insert(article_id.clone(), header);
                }
                let Some(Some(article)) = articles.get(&article_id) else {
                    continue;
                };
                if let Some(range) = dates {
                    let inside = match request.by {
                        DateBasis::Event => event_intervals(&claim)
                            .into_iter()
                            .any(|(start, end)| range.overlaps(start, end)),
                        DateBasis::Published => {
                            published_day(article).is_some_and(|day| range.overlaps(day, day))
                        }
                    };
                    if !inside {
                        continue;
                    }
                }
                hits.push(Hit {
                    claim,
                    article: ArticleSummary::from(article),
                    score,
                    highlights: Vec::new(),
                    fuzzy: false,
                    also_in: Vec::new(),
                });
                if hits.len() >= request.limit {
                    return Ok(in_rank_order(hits));
                }
            }
            if exhausted {
                return Ok(in_rank_order(hits));
            }
            offset += fetch;
            fetch *= 2;
        }
    }

    /// Mark the query's words in each hit's text.
    fn highlight(&self, builder: &Builder, parsed: &query::Query, hits: &mut [Hit]) {
        let mut stemmed: BTreeMap<String, f32> = BTreeMap::new();
        let mut exact: BTreeMap<String, f32> = BTreeMap::new();
        for item in parsed.plain_items() {
            let tokens = builder.analyze("default", &item.text);
            if item.phrase || tokens.len() != 1 {
                exact.extend(tokens.into_iter().map(|t| (t, 1.0)));
            } else {
                stemmed.extend(
                    builder
                        .analyze("en_stem", &item.text)
                        .into_iter()
                        .map(|t| (t, 1.0)),
                );
            }
        }
        let tokenizers = self.tantivy().tokenizers();
        let mut generators = Vec::new();
        for (terms, tokenizer, field) in [
            (stemmed, "en_stem", builder.fields.text),
            (exact, "default", builder.fields.text_exact),
        ] {
            if let (false, Some(analyzer)) = (terms.is_empty(), tokenizers.get(tokenizer)) {
                generators.push(SnippetGenerator::new(terms, analyzer, field, usize::MAX));
            }
        }
        for hit in hits {
            let mut ranges = Vec::new();
            for generator in &generators {
                let snippet = generator.snippet(&hit.claim.text);
                let offset = snippet.fragment_range().start;
                ranges.extend(
                    snippet
                        .highlighted()
                        .iter()
                        .map(|r| r.start + offset..r.end + offset),
                );
            }
            hit.highlights = tantivy::snippet::collapse_overlapped_ranges(&ranges)
                .into_iter()
                .map(|r| Span {
                    start: r.start,
                    end: r.end,
                })
                .collect();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_bounds_cover_their_period() {
        let (a, b) = parse_date_bound("--since", "2020").unwrap();
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2020-01-01".into(), "2020-12-31".into())
        );
        let (a, b) = parse_date_bound("--since", "2020-02").unwrap();
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2020-02-01".into(), "2020-02-29".into())
        );
        let (a, b) = parse_date_bound("--until", "2019-11-06").unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn malformed_date_bounds_name_the_position() {
        for (value, position) in [
            ("2020-13", 6),
            ("20x0", 1),
            ("2021-02-30", 9),
            ("2020-1", 6),
        ] {
            let err = parse_date_bound("--since", value).unwrap_err();
            match err.downcast_ref::<Error>() {
                Some(Error::Query { position: p, .. }) => assert_eq!(*p, position, "{value}"),
                other => panic!("{value}: {other:?}"),
            }
        }
    }
}
