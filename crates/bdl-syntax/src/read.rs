//! Reading a file that a repository controls, safely: only regular files, never more than a
//! size limit, and never blocking on a FIFO, socket or device, even when the path was swapped
//! for one (or for a symbolic link to one) after it was discovered.
//!
//! The file is opened with `O_NONBLOCK` (so opening a FIFO returns at once instead of waiting
//! for a writer), then the *opened descriptor* is checked with `fstat`: what is read is what
//! was checked, not whatever the path names a moment later. Every file bigdata-lint reads goes
//! through here: the files it lints, `.gitignore` / `.ignore` files and settings files.

use std::fs::File;
use std::io::{self, Read as _};
use std::path::Path;

/// What [`read_regular`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum ReadOutcome {
    /// The whole content of a regular file of at most the limit.
    Bytes(Vec<u8>),
    /// A regular file above the limit. `size` is its stated size when that alone was over the
    /// limit (nothing was read); `None` when the size said less but more arrived (a growing
    /// file, a pseudo-file).
    TooLarge { size: Option<u64> },
    /// Not a regular file (a FIFO, socket, device or directory): closed without reading.
    NotRegular,
    /// A symbolic link, where [`read_regular_no_follow`] was asked not to follow one: not
    /// opened.
    Link,
}

/// The message for a file that is not a regular file.
pub const NOT_A_REGULAR_FILE: &str =
    "not a regular file (a FIFO, socket or device): skipped without reading it";

/// Largest single read: some pseudo-files reject larger ones.
const READ_CHUNK: usize = 64 * 1024;
/// Room left after a file's stated size (see [`read_regular`]).
const END_ROOM: usize = 4 * 1024;

/// Opens `path` for reading without blocking on a FIFO. A symbolic link the path names is
/// followed only with `follow` (the descriptor is checked afterwards either way); without it,
/// `Ok(None)` says the path is a link.
fn open_nonblocking(path: &Path, follow: bool) -> io::Result<Option<File>> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: opening a FIFO without a writer returns at once. O_NOCTTY: a terminal
        // device never becomes the controlling terminal. O_NOFOLLOW: the open itself refuses
        // a link, so a link swapped in after a check is refused too.
        let nofollow = if follow { 0 } else { libc::O_NOFOLLOW };
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | nofollow);
    }
    #[cfg(not(unix))]
    if !follow && std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Ok(None);
    }
    match options.open(path) {
        Ok(file) => Ok(Some(file)),
        // O_NOFOLLOW on a link fails with ELOOP; tell it from a real loop in the directories
        // above by looking at the name itself.
        Err(_)
            if !follow
                && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) =>
        {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Reads `path` if it is a regular file of at most `limit` bytes. The check is made on the
/// opened descriptor, so a path swapped for a FIFO or a link to a device between discovery and
/// reading is refused, not read. Reading stops as soon as more than `limit` bytes arrived, so a
/// file whose stated size lies (`/proc` entries, files still being written) costs at most the
/// limit. The buffer is sized from the stated size, so an ordinary file is read with one
/// allocation.
pub fn read_regular(path: &Path, limit: u64) -> io::Result<ReadOutcome> {
    read_checked(path, limit, true)
}

/// [`read_regular`] for a file found by a walk that does not follow links: a symbolic link at
/// `path` (one swapped in since the walk saw a regular file there) is never followed, so the
/// read cannot leave the walked tree; it is [`ReadOutcome::Link`].
pub fn read_regular_no_follow(path: &Path, limit: u64) -> io::Result<ReadOutcome> {
    read_checked(path, limit, false)
}

fn read_checked(path: &Path, limit: u64, follow: bool) -> io::Result<ReadOutcome> {
    let Some(file) = open_nonblocking(path, follow)? else {
        return Ok(ReadOutcome::Link);
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Ok(ReadOutcome::NotRegular);
    }
    if meta.len() > limit {
        return Ok(ReadOutcome::TooLarge {
            size: Some(meta.len()),
        });
    }
    read_bounded(file, meta.len(), limit)
}

/// Reads an opened file, never more than `limit` bytes.
fn read_bounded(mut file: File, size_hint: u64, limit: u64) -> io::Result<ReadOutcome> {
    // Room beyond the hint for the read that sees the end (or the rest of a file that grew).
    // Not one byte: some pseudo-files reject reads of less than a record (`/proc/*/pagemap`
    // reads 8 bytes at a time).
    let capacity = usize::try_from(size_hint.min(limit))
        .unwrap_or(0)
        .saturating_add(END_ROOM);
    let mut bytes = Vec::with_capacity(capacity);
    loop {
        let filled = bytes.len();
        if filled == bytes.capacity() {
            bytes.reserve(READ_CHUNK);
        }
        let room = (bytes.capacity() - filled).min(READ_CHUNK);
        bytes.resize(filled + room, 0);
        match file.read(&mut bytes[filled..]) {
            Ok(0) => {
                bytes.truncate(filled);
                return Ok(ReadOutcome::Bytes(bytes));
            }
            Ok(n) => {
                bytes.truncate(filled + n);
                if bytes.len() as u64 > limit {
                    return Ok(ReadOutcome::TooLarge { size: None });
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => bytes.truncate(filled),
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("bdl-read-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn reads_whatever_the_stated_size_says() {
        let dir = dir("hint");
        let path = dir.join("A.java");
        let content: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &content).expect("write");
        // A right hint, a hint too small (the file grew) and one too large (it shrank).
        for hint in [200_000, 0, 10, 1_000_000] {
            let file = File::open(&path).expect("open");
            let read = read_bounded(file, hint, 1 << 20).expect("read");
            assert_eq!(read, ReadOutcome::Bytes(content.clone()), "hint {hint}");
        }
        // Past the limit, whatever the hint.
        for hint in [0, 200_000] {
            let file = File::open(&path).expect("open");
            let read = read_bounded(file, hint, 199_999).expect("read");
            assert_eq!(read, ReadOutcome::TooLarge { size: None });
        }
        assert_eq!(
            read_regular(&path, 199_999).expect("read"),
            ReadOutcome::TooLarge {
                size: Some(200_000)
            }
        );
        match read_regular(&path, 200_000).expect("read") {
            ReadOutcome::Bytes(b) => assert_eq!(b.len(), 200_000),
            other => panic!("expected the bytes, got {other:?}"),
        }
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn directories_and_devices_are_not_read() {
        let dir = dir("kinds");
        assert_eq!(
            read_regular(&dir, 1 << 20).expect("open"),
            ReadOutcome::NotRegular
        );
        #[cfg(unix)]
        {
            assert_eq!(
                read_regular(Path::new("/dev/zero"), 1 << 20).expect("open"),
                ReadOutcome::NotRegular
            );
            let link = dir.join(".gitignore");
            std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
            assert_eq!(
                read_regular(&link, 1 << 20).expect("open"),
                ReadOutcome::NotRegular
            );
        }
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_fifo_is_opened_without_blocking_and_refused() {
        let dir = dir("fifo");
        let fifo = dir.join("Job.java");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(status.success());
        // Without O_NONBLOCK this open would wait for a writer forever.
        assert_eq!(
            read_regular(&fifo, 1 << 20).expect("open"),
            ReadOutcome::NotRegular
        );
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[cfg(unix)]
    #[test]
    fn without_follow_a_link_is_never_opened() {
        let dir = dir("nofollow");
        let target = dir.join("Target.java");
        std::fs::write(&target, "class Target {}\n").expect("write");
        let link = dir.join("Link.java");
        std::os::unix::fs::symlink(&target, &link).expect("symlink");
        assert_eq!(
            read_regular_no_follow(&link, 1 << 20).expect("open"),
            ReadOutcome::Link
        );
        // A dangling link and a link to a device alike.
        let dangling = dir.join("Dangling.java");
        std::os::unix::fs::symlink(dir.join("missing"), &dangling).expect("symlink");
        assert_eq!(
            read_regular_no_follow(&dangling, 1 << 20).expect("open"),
            ReadOutcome::Link
        );
        // Followed when asked, and a regular file reads the same either way.
        assert_eq!(
            read_regular(&link, 1 << 20).expect("read"),
            ReadOutcome::Bytes(b"class Target {}\n".to_vec())
        );
        assert_eq!(
            read_regular_no_follow(&target, 1 << 20).expect("read"),
            ReadOutcome::Bytes(b"class Target {}\n".to_vec())
        );
        // A missing file is still an error.
        assert!(read_regular_no_follow(&dir.join("missing"), 1 << 20).is_err());
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
}
