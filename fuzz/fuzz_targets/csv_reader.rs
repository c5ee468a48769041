//! Any bytes given to the labeled-CSV reader give rows or a located error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stance::io::labeled::{parse_labeled_csv, Columns, CsvOptions};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let columns = Columns { text: "text", label: "stance", group: data.first().filter(|b| *b % 2 == 0).map(|_| "target") };
    for options in [
        CsvOptions::default(),
        CsvOptions { delimiter: Some(b';'), lossy: true, strict: false },
        CsvOptions { delimiter: Some(b'\t'), lossy: false, strict: true },
    ] {
        if let Ok(rows) = parse_labeled_csv(data, Path::new("fuzz.csv"), &columns, options) {
            assert_eq!(rows.texts.len(), rows.labels.len());
            assert_eq!(rows.texts.len(), rows.rows.len());
        }
    }
});
