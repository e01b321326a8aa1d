//! Files that must survive a crash whole and that only their owner may read: keys and
//! certificates.

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// Write `contents` to `path` with permissions `mode`, atomically: a crash leaves either the
/// old file or the new one, never half of one.
pub fn write_atomic(path: &Path, contents: &str, mode: u32) -> io::Result<()> {
    let tmp = path.with_extension("tmp");
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(mode)
        .open(&tmp)?;
    file.write_all(contents.as_bytes())?;
    file.sync_all()?;
    fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn private_files_are_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key.pem");
        super::write_atomic(&path, "secret", 0o600).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "secret");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
