//! The shipped corpus holds the five seed articles byte for byte.

use crate::common;

#[test]
fn seeds_are_in_corpus_byte_for_byte() {
    let Some(shared) = common::shared_dir("seeds") else {
        return;
    };
    let mut count = 0;
    for entry in std::fs::read_dir(shared.join("seeds")).unwrap() {
        let entry = entry.unwrap();
        let ours = common::corpus_dir().join(entry.file_name());
        assert_eq!(
            std::fs::read(entry.path()).unwrap(),
            std::fs::read(&ours).unwrap_or_default(),
            "{} differs from the seed",
            ours.display()
        );
        count += 1;
    }
    assert_eq!(count, 5);
}
