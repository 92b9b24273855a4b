//! RIS export (Zotero, EndNote, Mendeley): one `ELEC` (web page) record per
//! article, written from the CSL item. Tags as Zotero reads them for a web
//! page: `TI` title, `AU` authors ("Family, Given"), `T2` site (the outlet),
//! `PY`/`DA` publication date, `Y2` access date, `UR` URL, `ID` the key,
//! `M3` (type of work) an untitled article's description, `N1` a note
//! naming the archived copy of an article without a URL.

use super::csl::{CslItem, DateParts};

/// The RIS record for one item.
pub fn record(item: &CslItem) -> String {
    let mut lines: Vec<(&str, String)> = vec![("TY", "ELEC".to_string())];
    lines.push(("ID", item.id.clone()));
    for author in &item.author {
        lines.push(("AU", author.inverted()));
    }
    lines.push(("TI", item.title.clone()));
    if let Some(genre) = &item.genre {
        lines.push(("M3", genre.clone()));
    }
    if let Some(outlet) = &item.container_title {
        lines.push(("T2", outlet.clone()));
    }
    if let Some(issued) = &item.issued {
        let parts = issued.parts();
        lines.push(("PY", format!("{:04}", parts.year)));
        lines.push(("DA", ris_date(parts)));
    }
    if let Some(url) = &item.url {
        lines.push(("UR", url.clone()));
    }
    if let Some(accessed) = &item.accessed {
        lines.push(("Y2", ris_date(accessed.parts())));
    }
    if let (Some(archive), Some(location)) = (&item.archive, &item.archive_location) {
        lines.push(("N1", format!("Archived copy: {archive}, {location}")));
    }
    let mut out = String::new();
    for (tag, value) in lines {
        // A value must stay on its tag's line.
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push_str(&format!("{tag}  - {value}\n"));
    }
    out.push_str("ER  - \n");
    out
}

/// Records for many items, separated by blank lines.
pub fn records<'a>(items: impl IntoIterator<Item = &'a CslItem>) -> String {
    items.into_iter().map(record).collect::<Vec<_>>().join("\n")
}

/// RIS dates: `YYYY/MM/DD/` with empty parts for what is unknown.
fn ris_date(parts: DateParts) -> String {
    let month = parts.month.map(|m| format!("{m:02}")).unwrap_or_default();
    let day = parts.day.map(|d| format!("{d:02}")).unwrap_or_default();
    format!("{:04}/{month}/{day}/", parts.year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_leave_unknown_parts_empty() {
        assert_eq!(
            ris_date(DateParts {
                year: 2019,
                month: Some(11),
                day: Some(6)
            }),
            "2019/11/06/"
        );
        assert_eq!(
            ris_date(DateParts {
                year: 2019,
                month: None,
                day: None
            }),
            "2019///"
        );
    }
}
