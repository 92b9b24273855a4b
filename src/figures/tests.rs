//! Unit tests of the figures extractor on real sentences: the seed corpus
//! (`corpus/`) and the openly licensed shared corpora (Privacy Guides,
//! CC BY-SA 4.0; the Rust blog, MIT/Apache-2.0).

use super::*;
use crate::model::{FigureKind, FigureQualifier};

fn only(text: &str, kind: FigureKind) -> Vec<Figure> {
    extract(text)
        .into_iter()
        .filter(|f| f.kind == kind)
        .collect()
}

#[test]
fn hikvision_revenue_with_currency_scale_year_and_hedge() {
    // corpus/000: Hikvision's revenue.
    let text = "Hikvision is one of the largest manufacturers of facial recognition cameras in the world. The company earned over US$8.2 billion in 2019.[8]";
    let money = only(text, FigureKind::Money);
    assert_eq!(money.len(), 1, "{money:?}");
    let figure = &money[0];
    assert_eq!(figure.text, "US$8.2 billion");
    assert_eq!(&text[figure.span.start..figure.span.end], "US$8.2 billion");
    assert_eq!(figure.value, 8.2e9);
    assert_eq!(figure.currency.as_deref(), Some("USD"));
    assert_eq!(figure.measure.as_deref(), Some("revenue"));
    assert_eq!(figure.year, Some(2019));
    assert_eq!(figure.qualifier, FigureQualifier::AtLeast);
}

#[test]
fn the_same_figure_written_two_ways_is_the_same_amount() {
    let ours = &extract("The company earned over US$8.2 billion in 2019.")[0];
    let theirs = &extract("The company earned over $8.2 billion in 2019.")[0];
    assert_eq!(theirs.currency.as_deref(), Some("$"));
    assert!(same_amount(ours, theirs));
    assert!(!ranges_disjoint(ours, theirs));
    let ringgit = &extract("valued at over US$1 billion (RM4.2 billion).")[1];
    assert_eq!(ringgit.currency.as_deref(), Some("MYR"));
    assert!(!currencies_compatible(Some("USD"), Some("MYR")));
}

#[test]
fn dahua_sales_in_2017() {
    // corpus/000: Dahua's sales.
    let text = "The company has distribution partners in over 180 countries and recorded sales of $2.89 billion in 2017.[19]";
    let figures = extract(text);
    let money = figures
        .iter()
        .find(|f| f.kind == FigureKind::Money)
        .unwrap();
    assert_eq!(money.value, 2.89e9);
    assert_eq!(money.currency.as_deref(), Some("$"));
    assert_eq!(money.noun.as_deref(), Some("sales"));
    assert_eq!(money.measure.as_deref(), Some("revenue"));
    assert_eq!(money.year, Some(2017));
    let count = figures
        .iter()
        .find(|f| f.kind == FigureKind::Count)
        .unwrap();
    assert_eq!(count.value, 180.0);
    assert_eq!(count.noun.as_deref(), Some("countries"));
    assert_eq!(count.qualifier, FigureQualifier::AtLeast);
}

#[test]
fn sales_after_the_figure() {
    let figure = &extract("Dahua recorded $2.89 billion in sales in 2017.")[0];
    assert_eq!(figure.noun.as_deref(), Some("sales"));
    assert_eq!(figure.measure.as_deref(), Some("revenue"));
    assert_eq!(figure.year, Some(2017));
}

#[test]
fn dahua_annual_revenue_without_a_year() {
    // corpus/004.
    let text = "Its share of the global video surveillance equipment and service market is the second in the world, according to Chinese state media Global Times, with annual revenue of $3.7 billion. The company has 16,000 employees.";
    let figures = extract(text);
    assert_eq!(figures.len(), 2, "{figures:?}");
    assert_eq!(figures[0].value, 3.7e9);
    assert_eq!(figures[0].noun.as_deref(), Some("annual revenue"));
    assert_eq!(figures[0].year, None);
    assert_eq!(figures[1].value, 16000.0);
    assert_eq!(figures[1].measure.as_deref(), Some("employee"));
}

#[test]
fn short_scale_money_and_contracts() {
    // corpus/002, IPVM quoted by Infosecurity Magazine.
    let text = "For a $46m project in Xinjiang's Karakax (or Moyu) county, Hikvision is listed as the sole winner in Chinese bidding documents.";
    let figure = &extract(text)[0];
    assert_eq!(figure.text, "$46m");
    assert_eq!(figure.value, 46e6);
    assert_eq!(figure.measure.as_deref(), Some("contract"));
    let text = "“In 2017, Hikvision proudly posted that it had won a $79 million safe city project in Xinjiang's capital of Urumqi, stating the project included about 30,000 cameras and data centers.";
    let figures = extract(text);
    assert_eq!(figures.len(), 2, "{figures:?}");
    assert_eq!(figures[0].value, 79e6);
    assert_eq!(figures[0].noun.as_deref(), Some("safe city project"));
    assert_eq!(figures[0].year, Some(2017));
    assert_eq!(figures[1].value, 30000.0);
    assert_eq!(figures[1].noun.as_deref(), Some("cameras"));
    assert_eq!(figures[1].qualifier, FigureQualifier::Approximate);
}

#[test]
fn counts_with_the_noun_they_count() {
    // corpus/000.
    let text = "In 2018, for example, the Financial Times reported that Hikvision had sold 1,000 facial recognition cameras to be placed at mosques in Xinjiang.[9]";
    let figures = extract(text);
    assert_eq!(figures.len(), 1, "{figures:?}");
    assert_eq!(figures[0].value, 1000.0);
    assert_eq!(
        figures[0].noun.as_deref(),
        Some("facial recognition cameras")
    );
    assert_eq!(figures[0].measure.as_deref(), Some("camera"));
    assert_eq!(figures[0].year, Some(2018));

    // corpus/000, Megvii's press release.
    let text = "According to one press release on the company’s website, for example, the company’s “AI-enabled temperature screening solution has been deployed at 191 supermarkets across Beijing, including well-known chain operators Chaoshifa and Wumart.”[31]";
    let figures = extract(text);
    assert_eq!(figures.len(), 1, "{figures:?}");
    assert_eq!(figures[0].noun.as_deref(), Some("supermarkets"));
}

#[test]
fn detention_estimates_and_population() {
    // corpus/002.
    let text = "Hikvision’s cameras are used the world over, which has raised human rights concerns given the recent revelation that nearly 1.2 million Muslims are being detained in camps in Xinjiang, where Hikvision won five contracts worth billions of yuan last year, according to Forbes.";
    let figures = extract(text);
    assert_eq!(figures.len(), 2, "{figures:?}");
    assert_eq!(figures[0].value, 1.2e6);
    assert_eq!(figures[0].noun.as_deref(), Some("Muslims"));
    assert_eq!(figures[0].qualifier, FigureQualifier::AtMost);
    assert_eq!(figures[1].value, 5.0);
    assert_eq!(figures[1].noun.as_deref(), Some("contracts"));

    // corpus/000.
    let text = "A complex web of surveillance technologies in the region has supported the forced imprisonment of an estimated 1 million ethnic Uyghurs and other minority Turkic Muslim groups.[7]";
    let figure = &extract(text)[0];
    assert_eq!(figure.value, 1e6);
    assert_eq!(figure.qualifier, FigureQualifier::Approximate);
    assert_eq!(
        figure.noun.as_deref(),
        Some("ethnic Uyghurs and other minority Turkic Muslim groups")
    );
    assert_eq!(figure.measure.as_deref(), Some("uyghur"));
    assert!(noun_terms(figure).contains(&"muslim".to_string()));
    let muslims = &figures[0];
    assert!(same_measure(figure, muslims));
    assert!(ranges_disjoint(figure, muslims));
}

#[test]
fn dates_markers_labels_and_model_names_are_not_counts() {
    // corpus/000: dates, a footnote marker, "COVID-19", "5G" and an event name.
    for text in [
        "Dahua Technologies was placed on the Bureau of Industry & Security’s “Entity List” alongside Hikvision on October 9, 2019, after it was “determined by the U.S. Government to be acting contrary to the foreign policy interests of the United States.”",
        "Since the outbreak of COVID-19, the company has begun promoting its technology in a bid to slow the spread of the virus.",
        "Another recently released product is the 5G Intelligent Security Robot.",
        "“Working together, we can make a difference. Hikvision USA is very grateful to have the opportunity to work with Mission 500, Feeding America, and others in the security industry to support children and families in need.”[18]",
        "Screenshot from BBC, March 10, 2020.",
    ] {
        let figures = extract(text);
        assert!(figures.is_empty(), "{text}: {figures:?}");
    }
}

#[test]
fn cameras_in_china_and_america() {
    // corpus/002.
    let text = "In 2016 IHS Markit reported that China had approximately 176 million video surveillance cameras in use through its public streets, buildings and public spaces, more than three times the 50 million used in America, Bloomberg reported.";
    let figures = extract(text);
    let cameras = &figures[0];
    assert_eq!(cameras.value, 176e6);
    assert_eq!(cameras.noun.as_deref(), Some("video surveillance cameras"));
    assert_eq!(cameras.year, Some(2016));
    assert_eq!(cameras.qualifier, FigureQualifier::Approximate);
    // "50 million used" names nothing it counts.
    assert!(figures.iter().all(|f| f.value != 50e6), "{figures:?}");
}

#[test]
fn percentages_from_privacy_guides() {
    // ../shared/corpora/privacyguides-news-analysis/multi-party-computation.md
    let text = "The wage data of 112,600 employees was collected, representing about 11% of the Greater Boston workforce.";
    let figures = extract(text);
    assert_eq!(figures.len(), 2, "{figures:?}");
    assert_eq!(figures[0].value, 112600.0);
    assert_eq!(figures[0].noun.as_deref(), Some("employees"));
    assert_eq!(figures[1].kind, FigureKind::Percent);
    assert_eq!(figures[1].value, 11.0);
    assert_eq!(figures[1].qualifier, FigureQualifier::Approximate);
}

#[test]
fn counts_from_the_rust_blog() {
    // ../shared/corpora/tech-proposals-newsletters/rust-blog/Rust-1.69.0.md
    let text = "However, it contains many small improvements, including over 3,000 commits from over 500 contributors.";
    let figures = extract(text);
    assert_eq!(figures.len(), 2, "{figures:?}");
    assert_eq!(figures[0].noun.as_deref(), Some("commits"));
    assert_eq!(figures[1].noun.as_deref(), Some("contributors"));
    assert_eq!(figures[1].qualifier, FigureQualifier::AtLeast);
    // A version number is not a count.
    assert!(extract("Rust 1.69.0 introduces no major new features.").is_empty());
}

#[test]
fn percent_written_in_words() {
    // corpus/003.
    let text = "This week, Emily Baker-White at Forbes published an investigation finding that Intel, which recently agreed to give the U.S. government a ten-percent stake in the company, has been working with sanctioned Chinese surveillance firms:";
    let figures = extract(text);
    assert_eq!(figures.len(), 1, "{figures:?}");
    assert_eq!(figures[0].kind, FigureKind::Percent);
    assert_eq!(figures[0].value, 10.0);
    assert_eq!(figures[0].noun.as_deref(), Some("stake"));
}
