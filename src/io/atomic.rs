//! Writing files so that a crash or Ctrl-C never leaves a half-written one:
//! write a temporary file beside the target, flush it to disk, rename it over.
//! Devices and FIFOs are the exception: they are opened and written in place.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically (or straight into a device or FIFO).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes)?;
    file.commit()
}

/// A file being written: it appears at its path only on [`AtomicFile::commit`];
/// dropped uncommitted (an error, a panic), it leaves the previous file intact.
///
/// A path that names a device or a FIFO (`/dev/null`, `/dev/stdout`, a named
/// pipe) is opened and written in place: renaming over it would replace the
/// device with a regular file. A symbolic link is followed, so the link
/// stays and its target gets the new contents.
pub struct AtomicFile {
    target: Target,
    file: Option<io::BufWriter<fs::File>>,
}

enum Target {
    /// Written to `temp`, renamed to `path` on commit.
    Renamed { path: PathBuf, temp: PathBuf },
    /// Written in place: not a regular file.
    InPlace,
}

impl AtomicFile {
    pub fn create(path: &Path) -> io::Result<AtomicFile> {
        if fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
            let file = fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| io::Error::new(e.kind(), format!("cannot open {}: {e}", path.display())))?;
            return Ok(AtomicFile { target: Target::InPlace, file: Some(io::BufWriter::new(file)) });
        }
        let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        let path = if is_link { fs::canonicalize(path)? } else { path.to_path_buf() };
        let temp = temp_path(&path);
        let file = fs::File::create(&temp)
            .map_err(|e| io::Error::new(e.kind(), format!("cannot create {}: {e}", temp.display())))?;
        Ok(AtomicFile { target: Target::Renamed { path, temp }, file: Some(io::BufWriter::new(file)) })
    }

    /// Flushes to disk and renames the file into place.
    pub fn commit(mut self) -> io::Result<()> {
        if let Some(writer) = self.file.take() {
            let file = writer.into_inner().map_err(|e| e.into_error())?;
            if let Target::Renamed { path, temp } = &self.target {
                let renamed = file.sync_all().and_then(|()| fs::rename(temp, path));
                if renamed.is_err() {
                    let _ = fs::remove_file(temp);
                }
                renamed?;
            }
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.file.as_mut() {
            Some(file) => file.write(buf),
            None => Err(io::Error::other("file already committed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.as_mut().map_or(Ok(()), |f| f.flush())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let (Some(_), Target::Renamed { temp, .. }) = (self.file.take(), &self.target) {
            let _ = fs::remove_file(temp);
        }
    }
}

/// `dir/.name.tmp-PID`: same directory, so the rename stays on one filesystem.
fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    let temp_name = format!(".{name}.tmp-{}", std::process::id());
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.join(temp_name),
        _ => PathBuf::from(temp_name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.bin");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn atomic_file_appears_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        fs::write(&path, b"old").unwrap();
        let mut file = AtomicFile::create(&path).unwrap();
        file.write_all(b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"old");
        drop(file);
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        let mut file = AtomicFile::create(&path).unwrap();
        file.write_all(b"new").unwrap();
        file.commit().unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_written_in_place_and_stays_a_fifo() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(fifo).unwrap())
        };
        write_atomic(&fifo, b"through the pipe").unwrap();
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_followed_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.csv");
        fs::write(&target, b"old").unwrap();
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read(&target).unwrap(), b"new");
    }

    #[test]
    fn failure_keeps_the_previous_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-dir").join("out.bin");
        assert!(write_atomic(&path, b"x").is_err());
        assert!(!path.exists());
    }
}
