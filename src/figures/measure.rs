//! The small vocabulary that tells what a figure measures: money words
//! ("revenue", "valued at", "raised") and the predicates that say what a
//! count is of ("detained", "live in", "employees"). Two figures are only
//! compared when they measure the same thing.

/// Money measures: the key, then words that signal it (lowercase, as tokens).
const MONEY_MEASURES: &[(&str, &[&str])] = &[
    (
        "revenue",
        &[
            "revenue", "revenues", "sales", "earned", "earns", "earn", "turnover", "income",
        ],
    ),
    ("profit", &["profit", "profits", "earnings"]),
    (
        "valuation",
        &[
            "valued",
            "valuation",
            "valuations",
            "worth",
            "capitalisation",
            "capitalization",
        ],
    ),
    (
        "funding",
        &[
            "raised",
            "raise",
            "raising",
            "funding",
            "investment",
            "invested",
            "financing",
        ],
    ),
    (
        "contract",
        &[
            "project",
            "projects",
            "contract",
            "contracts",
            "deal",
            "deals",
            "tender",
        ],
    ),
    ("fine", &["fine", "fined", "penalty", "settlement"]),
    (
        "cost",
        &["cost", "costs", "price", "spent", "spend", "budget"],
    ),
];

/// Event and predicate concepts: the key, then words that signal it.
const CONCEPTS: &[(&str, &[&str])] = &[
    (
        "detention",
        &[
            "detained",
            "detain",
            "detention",
            "detaining",
            "imprisonment",
            "imprisoned",
            "internment",
            "interned",
            "incarcerated",
            "incarceration",
            "camps",
            "camp",
        ],
    ),
    (
        "population",
        &[
            "live",
            "lives",
            "living",
            "population",
            "inhabitants",
            "residents",
        ],
    ),
    (
        "employment",
        &[
            "employees",
            "employee",
            "staff",
            "employs",
            "workforce",
            "employ",
        ],
    ),
    (
        "blacklist",
        &[
            "blacklist",
            "blacklisted",
            "sanctions",
            "sanctioned",
            "entity",
        ],
    ),
    ("installed", &["installed", "deployed", "operation", "use"]),
];

/// The money measure a token signals, if any.
pub fn money_measure(token: &str) -> Option<&'static str> {
    lookup(MONEY_MEASURES, token)
}

/// The concept a token signals, if any.
pub fn concept(token: &str) -> Option<&'static str> {
    lookup(CONCEPTS, token)
}

fn lookup(table: &[(&'static str, &[&str])], token: &str) -> Option<&'static str> {
    let lower = token.to_lowercase();
    table
        .iter()
        .find(|(_, words)| words.contains(&lower.as_str()))
        .map(|(key, _)| *key)
}

/// A crude English stem for comparing nouns: lowercase, plural `-s`,
/// `-es` after sibilants and `-ies` folded ("cameras" → "camera",
/// "companies" → "company", "Muslims" → "muslim").
pub fn stem(word: &str) -> String {
    let lower = word.to_lowercase();
    let lower = lower.trim_end_matches(['\'', '’']).to_string();
    if let Some(base) = lower.strip_suffix("ies") {
        if base.len() >= 2 {
            return format!("{base}y");
        }
    }
    for suffix in ["sses", "shes", "ches", "xes"] {
        if lower.ends_with(suffix) {
            return lower[..lower.len() - 2].to_string();
        }
    }
    if lower.len() > 3 && lower.ends_with('s') && !lower.ends_with("ss") && !lower.ends_with("us") {
        return lower[..lower.len() - 1].to_string();
    }
    lower
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_fold_plurals() {
        assert_eq!(stem("cameras"), "camera");
        assert_eq!(stem("Companies"), "company");
        assert_eq!(stem("Muslims"), "muslim");
        assert_eq!(stem("businesses"), "business");
        assert_eq!(stem("status"), "status");
    }

    #[test]
    fn measures_and_concepts_are_found() {
        assert_eq!(money_measure("Sales"), Some("revenue"));
        assert_eq!(money_measure("valued"), Some("valuation"));
        assert_eq!(concept("imprisonment"), Some("detention"));
        assert_eq!(concept("detained"), Some("detention"));
        assert_eq!(concept("cameras"), None);
    }
}
