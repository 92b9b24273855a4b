//! The stored form of a claim and of a manifest record: the model's JSON
//! with what can be worked out again left out, so the document store holds
//! less. Reading it back gives the very same model value (a round trip is
//! exact; the tests check it on whole corpora).
//!
//! Left out of a claim: values that are null, and the empty lists and false
//! flags named in [`DEFAULTS`] (most claims have no citations, dates or
//! quotes); its `ordinal` when the id ends in it; a date's or quotation's
//! `text` when it is the claim text at its span. Its `location` is written
//! as `[line, end_line - line, byte_start, byte_end - byte_start]` (small
//! numbers compress better). Left out of a manifest record's article: its
//! id, path and hash (the record's own), and its unsourced claim ids are
//! written as ranges of ordinals (`1-6,8,10-22`).
//!
//! Only `--json` output and `claimdex parse` show the model's full form; this
//! one never leaves the index.

use crate::model::Claim;
use anyhow::{Context, Result};
use serde_json::{Map, Value};

use super::schema::ManifestRecord;

/// Keys left out when they hold their default, by where they sit: the
/// claim itself, or each element of one of its lists.
const DEFAULTS: &[(Place, &[(&str, Default)])] = &[
    (
        Place::Claim,
        &[
            ("section", Default::EmptyList),
            ("citations", Default::EmptyList),
            ("attributions", Default::EmptyList),
            ("dates", Default::EmptyList),
            ("quotes", Default::EmptyList),
        ],
    ),
    (Place::Each("citations"), &[("resolved", Default::False)]),
    (
        Place::Each("dates"),
        &[("relative", Default::False), ("resolved", Default::False)],
    ),
    (
        Place::Each("quotes"),
        &[
            ("elisions", Default::EmptyList),
            ("scare", Default::False),
            ("continues", Default::False),
            ("continued", Default::False),
            ("inherited", Default::False),
            ("partial", Default::False),
            ("unclosed", Default::False),
        ],
    ),
];

#[derive(Clone, Copy)]
enum Place {
    Claim,
    Each(&'static str),
}

#[derive(Clone, Copy)]
enum Default {
    EmptyList,
    False,
}

impl Default {
    fn value(self) -> Value {
        match self {
            Default::EmptyList => Value::Array(Vec::new()),
            Default::False => Value::Bool(false),
        }
    }
}

/// The objects a [`Place`] names inside a claim object.
fn objects_at(claim: &mut Map<String, Value>, place: Place) -> Vec<&mut Map<String, Value>> {
    match place {
        Place::Claim => vec![claim],
        Place::Each(list) => match claim.get_mut(list) {
            Some(Value::Array(items)) => {
                items.iter_mut().filter_map(Value::as_object_mut).collect()
            }
            _ => Vec::new(),
        },
    }
}

/// The claim's stored JSON.
pub fn claim_to_stored(claim: &Claim) -> Result<String> {
    let mut value = serde_json::to_value(claim)?;
    let object = value
        .as_object_mut()
        .context("a claim does not serialise to a JSON object")?;
    if ordinal_in_id(&claim.id) == Some(claim.ordinal) {
        object.remove("ordinal");
    }
    let location = &claim.location;
    if location.end_line >= location.line && location.byte_end >= location.byte_start {
        object.insert(
            "location".to_string(),
            serde_json::json!([
                location.line,
                location.end_line - location.line,
                location.byte_start,
                location.byte_end - location.byte_start
            ]),
        );
    }
    for list in ["dates", "quotes"] {
        if let Some(Value::Array(items)) = object.get_mut(list) {
            for item in items.iter_mut().filter_map(Value::as_object_mut) {
                if span_text(&claim.text, item).is_some_and(|at_span| {
                    item.get("text").and_then(Value::as_str) == Some(at_span)
                }) {
                    item.remove("text");
                }
            }
        }
    }
    for (place, keys) in DEFAULTS {
        for item in objects_at(object, *place) {
            for (key, default) in *keys {
                if item.get(*key) == Some(&default.value()) {
                    item.remove(*key);
                }
            }
        }
    }
    remove_nulls(&mut value);
    Ok(serde_json::to_string(&value)?)
}

/// The claim a stored JSON holds.
pub fn claim_from_stored(text: &str) -> Result<Claim> {
    let mut value: Value = serde_json::from_str(text)?;
    let object = value
        .as_object_mut()
        .context("a stored claim is not a JSON object")?;
    if !object.contains_key("ordinal") {
        let id = object.get("id").and_then(Value::as_str).unwrap_or_default();
        let ordinal =
            ordinal_in_id(id).context("a stored claim has neither ordinal nor one in its id")?;
        object.insert("ordinal".to_string(), Value::from(ordinal));
    }
    if let Some(Value::Array(parts)) = object.get("location") {
        let numbers: Vec<u64> = parts.iter().filter_map(Value::as_u64).collect();
        let [line, lines, start, length] = numbers[..] else {
            anyhow::bail!("a stored claim's location is not four numbers");
        };
        object.insert(
            "location".to_string(),
            serde_json::json!({
                "line": line,
                "end_line": line + lines,
                "byte_start": start,
                "byte_end": start + length,
            }),
        );
    }
    for (place, keys) in DEFAULTS {
        for item in objects_at(object, *place) {
            for (key, default) in *keys {
                item.entry(*key).or_insert_with(|| default.value());
            }
        }
    }
    let text = object
        .get("text")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    for list in ["dates", "quotes"] {
        if let Some(Value::Array(items)) = object.get_mut(list) {
            for item in items.iter_mut().filter_map(Value::as_object_mut) {
                if !item.contains_key("text") {
                    let at_span = span_text(&text, item)
                        .context("a stored date or quotation has no text and no valid span")?
                        .to_string();
                    item.insert("text".to_string(), Value::String(at_span));
                }
            }
        }
    }
    Ok(serde_json::from_value(value)?)
}

/// The manifest record's stored JSON.
pub fn record_to_stored(record: &ManifestRecord) -> Result<String> {
    let mut value = serde_json::to_value(record)?;
    if let Some(Value::Object(article)) = value.get_mut("article") {
        for (key, own) in [
            ("id", &record.article_id),
            ("path", &record.path),
            ("hash", &record.hash),
        ] {
            if article.get(key).and_then(Value::as_str) == Some(own.as_str()) {
                article.remove(key);
            }
        }
        let prefix = format!("{}#", record.article_id);
        if let Some(ids) = article
            .get_mut("report")
            .and_then(|report| report.get_mut("unsourced_claims"))
        {
            if let Some(ranges) = ordinal_ranges(ids, &prefix) {
                *ids = Value::String(ranges);
            }
        }
    }
    remove_nulls(&mut value);
    Ok(serde_json::to_string(&value)?)
}

/// The manifest record a stored JSON holds.
pub fn record_from_stored(text: &str) -> Result<ManifestRecord> {
    let mut value: Value = serde_json::from_str(text)?;
    let object = value
        .as_object_mut()
        .context("a stored manifest record is not a JSON object")?;
    let own = |key: &str| object.get(key).cloned().unwrap_or(Value::Null);
    let (article_id, path, hash) = (own("article_id"), own("path"), own("hash"));
    if let Some(Value::Object(article)) = object.get_mut("article") {
        article.entry("id").or_insert(article_id.clone());
        article.entry("path").or_insert(path);
        article.entry("hash").or_insert(hash);
        let prefix = article_id.as_str().unwrap_or_default().to_string();
        if let Some(ids) = article
            .get_mut("report")
            .and_then(|report| report.get_mut("unsourced_claims"))
        {
            if let Some(ranges) = ids.as_str() {
                *ids = Value::Array(ids_of_ranges(ranges, &prefix)?);
            }
        }
    }
    Ok(serde_json::from_value(value)?)
}

/// A manifest record's own fields, its article left unread (`article` is
/// `None`): what ingest, the staleness check and `check` need of every
/// file. Reading every record whole holds every article's metadata and
/// report at once (its unsourced claim ids expanded): 21 MB at 1x and over
/// 400 MB at 10x, the peak of a whole ingest.
pub fn record_fields_from_stored(text: &str) -> Result<ManifestRecord> {
    #[derive(serde::Deserialize)]
    struct OwnFields {
        article_id: String,
        path: String,
        hash: String,
        catalog_hash: String,
        size: u64,
        mtime_ns: i128,
        claims: u64,
        #[serde(default)]
        skipped: Option<String>,
    }
    let own: OwnFields = serde_json::from_str(text)?;
    Ok(ManifestRecord {
        article_id: own.article_id,
        path: own.path,
        hash: own.hash,
        catalog_hash: own.catalog_hash,
        size: own.size,
        mtime_ns: own.mtime_ns,
        claims: own.claims,
        skipped: own.skipped,
        article: None,
    })
}

/// Claim ids `prefix` + ordinal, in increasing order, as ordinal ranges
/// (`1-6,8,10-22`); `None` when the ids are not all of that form.
fn ordinal_ranges(ids: &Value, prefix: &str) -> Option<String> {
    let mut ordinals = Vec::new();
    for id in ids.as_array()? {
        let n = id.as_str()?.strip_prefix(prefix)?;
        if !ordinal_text_is_canonical(n) {
            return None;
        }
        let n: u64 = n.parse().ok()?;
        if ordinals.last().is_some_and(|last| *last >= n) {
            return None;
        }
        ordinals.push(n);
    }
    let mut ranges: Vec<String> = Vec::new();
    let mut i = 0;
    while i < ordinals.len() {
        let mut j = i;
        while j + 1 < ordinals.len() && ordinals[j + 1] == ordinals[j] + 1 {
            j += 1;
        }
        ranges.push(if i == j {
            ordinals[i].to_string()
        } else {
            format!("{}-{}", ordinals[i], ordinals[j])
        });
        i = j + 1;
    }
    Some(ranges.join(","))
}

/// The claim ids that [`ordinal_ranges`] wrote as `ranges`.
fn ids_of_ranges(ranges: &str, prefix: &str) -> Result<Vec<Value>> {
    let mut ids = Vec::new();
    for range in ranges.split(',').filter(|r| !r.is_empty()) {
        let (first, last) = range.split_once('-').unwrap_or((range, range));
        let bad = || format!("a stored list of claim ordinals is malformed: {range:?}");
        let first: u64 = first.parse().with_context(bad)?;
        let last: u64 = last.parse().with_context(bad)?;
        anyhow::ensure!(first <= last, bad());
        ids.extend((first..=last).map(|n| Value::String(format!("{prefix}#{n}"))));
    }
    Ok(ids)
}

/// The ordinal a claim id ends in (`article#12` → 12), when written plainly.
fn ordinal_in_id(id: &str) -> Option<u32> {
    let (_, n) = id.rsplit_once('#')?;
    if !ordinal_text_is_canonical(n) {
        return None;
    }
    n.parse().ok()
}

/// Digits only, no leading zero: the ordinal reads back to the same text.
fn ordinal_text_is_canonical(n: &str) -> bool {
    !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && (n == "0" || !n.starts_with('0'))
}

/// The claim text at an item's `span`, when the span is valid.
fn span_text<'a>(text: &'a str, item: &Map<String, Value>) -> Option<&'a str> {
    let span = item.get("span")?;
    let start = usize::try_from(span.get("start")?.as_u64()?).ok()?;
    let end = usize::try_from(span.get("end")?.as_u64()?).ok()?;
    text.get(start..end)
}

/// Remove every object entry whose value is null (an `Option` that is
/// `None`; a missing `Option` field reads back as `None`).
fn remove_nulls(value: &mut Value) {
    match value {
        Value::Object(object) => {
            object.retain(|_, item| !item.is_null());
            object.values_mut().for_each(remove_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(remove_nulls),
        _ => {}
    }
}
