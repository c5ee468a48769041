//! Where a command may write. Never over one of its own inputs, whatever
//! `--force` says (following links and hard links); never over an existing
//! regular file without `--force`; never into a directory. Devices and FIFOs
//! are written by opening them (see [`crate::io::atomic`]), so they are
//! accepted as they are: writing to `/dev/null` replaces nothing.

use std::fs;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OutputError {
    #[error("{flag} {output} is the same file as the input {input}; writing it would destroy the input, so choose another path (--force does not override this)")]
    SameAsInput { flag: String, output: PathBuf, input: PathBuf },
    #[error("{flag} {output} already exists; pass --force to overwrite it")]
    Exists { flag: String, output: PathBuf },
    #[error("{flag} {output} is a directory; give a file path")]
    Directory { flag: String, output: PathBuf },
}

/// Checks that `output` (given with `flag`) may be written by a command
/// reading `inputs` (`-` for standard input is skipped).
pub fn check_output(flag: &str, output: &Path, inputs: &[&Path], force: bool) -> Result<(), OutputError> {
    let Ok(meta) = fs::metadata(output) else {
        // Nothing there (or a dangling link): it cannot be an input.
        return Ok(());
    };
    if let Some(input) = inputs.iter().find(|input| input.as_os_str() != "-" && same_file(output, input)) {
        return Err(OutputError::SameAsInput {
            flag: flag.to_string(),
            output: output.to_path_buf(),
            input: input.to_path_buf(),
        });
    }
    if meta.is_dir() {
        return Err(OutputError::Directory { flag: flag.to_string(), output: output.to_path_buf() });
    }
    if meta.is_file() && !force {
        return Err(OutputError::Exists { flag: flag.to_string(), output: output.to_path_buf() });
    }
    Ok(())
}

/// Whether two paths name the same file once links are followed.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a_meta), Ok(b_meta)) => same_inode(&a_meta, &b_meta)
            .unwrap_or_else(|| matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)),
        _ => false,
    }
}

#[cfg(unix)]
fn same_inode(a: &fs::Metadata, b: &fs::Metadata) -> Option<bool> {
    use std::os::unix::fs::MetadataExt;
    Some(a.dev() == b.dev() && a.ino() == b.ino())
}

#[cfg(not(unix))]
fn same_inode(_: &fs::Metadata, _: &fs::Metadata) -> Option<bool> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_input_is_never_an_output_even_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data.csv");
        fs::write(&data, "text,label\n").unwrap();
        for force in [false, true] {
            let error = check_output("--out", &data, &[Path::new("-"), &data], force).unwrap_err();
            assert!(matches!(error, OutputError::SameAsInput { .. }), "{error}");
        }
        // The same file through another spelling of its path.
        let other_spelling = dir.path().join(".").join("data.csv");
        assert!(check_output("--out", &other_spelling, &[&data], true).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn links_to_an_input_are_the_input() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data.csv");
        fs::write(&data, "text,label\n").unwrap();
        let soft = dir.path().join("soft.csv");
        std::os::unix::fs::symlink(&data, &soft).unwrap();
        let hard = dir.path().join("hard.csv");
        fs::hard_link(&data, &hard).unwrap();
        for output in [&soft, &hard] {
            assert!(matches!(check_output("--out", output, &[&data], true), Err(OutputError::SameAsInput { .. })));
        }
    }

    #[test]
    fn existing_files_need_force_and_directories_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("old.model");
        fs::write(&old, "x").unwrap();
        assert!(matches!(check_output("--out", &old, &[], false), Err(OutputError::Exists { .. })));
        assert_eq!(check_output("--out", &old, &[], true), Ok(()));
        assert_eq!(check_output("--out", &dir.path().join("new.model"), &[], false), Ok(()));
        assert!(matches!(check_output("--out", dir.path(), &[], true), Err(OutputError::Directory { .. })));
    }
}
