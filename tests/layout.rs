//! The source tree keeps its shape: folders follow the data and each uses
//! only the folders below it in `lib.rs`'s list, and no file grows past
//! about 800 lines.

use std::fs;
use std::path::{Path, PathBuf};

/// Each folder's layer: a folder may use its own layer's leaves and any lower layer.
const LAYERS: &[(&str, u8)] = &[
    ("io", 0),
    ("text", 0),
    ("rng", 0),
    ("features", 1),
    ("model", 2),
    ("eval", 3),
    ("batch", 3),
    ("article", 4),
    ("render", 5),
    ("serve", 6),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn library_files() -> Vec<(String, PathBuf)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files
        .into_iter()
        .filter_map(|path| {
            let relative = path.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
            let folder = relative.split('/').next().unwrap().trim_end_matches(".rs").to_string();
            (folder != "bin" && folder != "lib").then_some((folder, path))
        })
        .collect()
}

fn layer(folder: &str) -> u8 {
    LAYERS.iter().find(|(name, _)| *name == folder).unwrap_or_else(|| panic!("folder {folder} has no layer")).1
}

/// The code of a file without its unit tests (tests may use anything).
fn non_test_code(path: &Path) -> Option<String> {
    let text = fs::read_to_string(path).unwrap();
    let is_test_file = path.file_name().is_some_and(|n| n == "tests.rs");
    (!is_test_file).then(|| text.split("#[cfg(test)]").next().unwrap_or_default().to_string())
}

#[test]
fn folders_use_only_folders_below_them() {
    let mut violations = Vec::new();
    for (folder, path) in library_files() {
        let Some(code) = non_test_code(&path) else { continue };
        for (i, _) in code.match_indices("crate::") {
            let used: String = code[i + 7..].chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
            if used != folder && layer(&used) >= layer(&folder) {
                violations.push(format!("{} uses crate::{used}", path.display()));
            }
        }
    }
    assert!(violations.is_empty(), "layering broken: {violations:#?}");
}

#[test]
fn no_source_file_is_over_800_lines() {
    let long: Vec<String> = library_files()
        .into_iter()
        .map(|(_, path)| (fs::read_to_string(&path).unwrap().lines().count(), path))
        .filter(|(lines, _)| *lines > 800)
        .map(|(lines, path)| format!("{}: {lines} lines", path.display()))
        .collect();
    assert!(long.is_empty(), "split these by concern: {long:?}");
}
