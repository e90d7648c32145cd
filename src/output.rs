//! Writing the files bigdata-lint produces: the report (`--output`), the baseline
//! (`--write-baseline`) and the starter settings file (`init`).
//!
//! What a path names decides how it is written:
//!
//! * a regular file, or nothing yet: replaced atomically. The bytes go to a new temporary file
//!   beside it (created exclusively, so a link planted at the temporary name is never
//!   followed), which is flushed to disk and renamed over the path: a reader sees the old
//!   content or the new, never a part. A replaced file keeps its permissions, and its owner
//!   and group where the system allows it (as root).
//! * a symbolic link: never replaced. Its target is written instead, by the rule above, with
//!   the temporary file beside the target; a link to a link is followed to the end, and a link
//!   to nothing creates its target, as a shell redirection does.
//! * a character device or a FIFO (`/dev/null`, a terminal, a pipe): written straight, with no
//!   temporary file and no rename; replacing `/dev/null` with a regular file would break the
//!   system for everyone.
//! * an open descriptor (`/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`): written straight
//!   through it, appending, whatever it is open on, so `-o /dev/stdout >> log` appends to the
//!   log as the shell asked.
//! * a directory, a block device or a socket: an error, and nothing is written.
//!
//! [`check_not_an_input`] refuses an output path that is one of the run's inputs before any
//! work is done, so that a report never overwrites a file it was made from.

use std::ffi::OsString;
use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Component, Path, PathBuf};

use bdl_syntax::kind::{NameGuess, guess_from_name};

/// How many links [`write`] follows before it gives up, as the kernel does (`ELOOP`).
const MAX_LINKS: usize = 40;

/// How many temporary names [`write`] tries before it gives up: each is taken only when no file
/// of that name exists, so a name is passed over when a stale or planted file holds it.
const TEMP_ATTEMPTS: usize = 64;

/// Writes `bytes` to `path` as its kind of file requires (see the module documentation).
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    match destination(path)? {
        Destination::Straight { path, append } => write_straight(&path, append, bytes),
        Destination::Replace { path, old } => replace(&path, old.as_ref(), bytes),
    }
}

/// Where and how [`write`] puts the bytes.
#[derive(Debug, PartialEq)]
enum Destination {
    /// Opened and written in place: a device, a FIFO, an open descriptor.
    Straight { path: PathBuf, append: bool },
    /// Replaced by renaming a temporary file over it; `old` is the file replaced, if any.
    Replace { path: PathBuf, old: Option<Kept> },
}

/// What a replaced file keeps: its permissions, owner and group.
#[derive(Debug, PartialEq)]
struct Kept {
    permissions: fs::Permissions,
    #[cfg(unix)]
    owner: (u32, u32),
}

impl Kept {
    fn of(meta: &Metadata) -> Self {
        Self {
            permissions: meta.permissions(),
            #[cfg(unix)]
            owner: {
                use std::os::unix::fs::MetadataExt;
                (meta.uid(), meta.gid())
            },
        }
    }
}

fn destination(path: &Path) -> io::Result<Destination> {
    if names_a_descriptor(path) {
        return Ok(Destination::Straight {
            path: path.to_path_buf(),
            append: true,
        });
    }
    // The file as the path reaches it, links followed.
    match fs::metadata(path) {
        Ok(meta) if is_stream(&meta) => {
            return Ok(Destination::Straight {
                path: path.to_path_buf(),
                append: false,
            });
        }
        Ok(meta) if !meta.is_file() => return Err(not_writable(&meta)),
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let Some(target) = follow_links(path)? else {
        return Ok(Destination::Straight {
            path: path.to_path_buf(),
            append: true,
        });
    };
    // The target itself, now that no link is left in the way.
    let old = match fs::symlink_metadata(&target) {
        Ok(meta) if meta.is_file() => Some(Kept::of(&meta)),
        Ok(meta) if is_stream(&meta) => {
            return Ok(Destination::Straight {
                path: target,
                append: false,
            });
        }
        Ok(meta) => return Err(not_writable(&meta)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    Ok(Destination::Replace { path: target, old })
}

/// A character device or a FIFO: a stream to write into, never a file to replace.
fn is_stream(meta: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        kind.is_char_device() || kind.is_fifo()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

/// The error for a directory, a block device or a socket.
fn not_writable(meta: &Metadata) -> io::Error {
    if meta.is_dir() {
        return io::Error::new(io::ErrorKind::IsADirectory, "is a directory");
    }
    io::Error::new(
        io::ErrorKind::InvalidInput,
        "not a regular file, character device or FIFO",
    )
}

/// Follows the symbolic links `path` names, one by one, to the path of the file they lead to
/// (which need not exist). `None` when a link leads to an open descriptor (`/dev/stdout` is a
/// link to `/proc/self/fd/1`), whose own link cannot be read as a path.
fn follow_links(path: &Path) -> io::Result<Option<PathBuf>> {
    let mut current = path.to_path_buf();
    for _ in 0..=MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {}
            Ok(_) => return Ok(Some(current)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Some(current)),
            Err(e) => return Err(e),
        }
        let target = fs::read_link(&current)?;
        current = match current.parent() {
            Some(dir) if target.is_relative() => dir.join(target),
            _ => target,
        };
        if names_a_descriptor(&current) {
            return Ok(None);
        }
    }
    Err(io::Error::other(format!(
        "more than {MAX_LINKS} levels of symbolic links"
    )))
}

/// Whether `path` names an open file descriptor rather than a file: `/dev/stdin`,
/// `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`, `/proc/thread-self/fd/N`,
/// `/proc/PID/fd/N`.
fn names_a_descriptor(path: &Path) -> bool {
    let parts: Vec<&std::ffi::OsStr> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part),
            _ => None,
        })
        .collect();
    if !path.has_root() {
        return false;
    }
    let is_number = |part: &std::ffi::OsStr| {
        part.to_str()
            .is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
    };
    match parts.as_slice() {
        [dev, name] if *dev == "dev" => *name == "stdin" || *name == "stdout" || *name == "stderr",
        [dev, fd, n] if *dev == "dev" && *fd == "fd" => is_number(n),
        [proc, process, fd, n] if *proc == "proc" && *fd == "fd" => {
            (*process == "self" || *process == "thread-self" || is_number(process)) && is_number(n)
        }
        _ => false,
    }
}

/// Writes into a device, a FIFO or an open descriptor as it is: no temporary file, no rename.
fn write_straight(path: &Path, append: bool, bytes: &[u8]) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).append(append).open(path)?;
    file.write_all(bytes)?;
    file.flush()
}

/// Replaces the regular file `path` (or creates it) atomically, keeping what `old` had.
fn replace(path: &Path, old: Option<&Kept>, bytes: &[u8]) -> io::Result<()> {
    let Some(name) = path.file_name() else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a file name",
        ));
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let (temp, file) = create_temp(dir, name, old.is_some())?;
    let written = fill(file, old, bytes).and_then(|()| fs::rename(&temp, path));
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

/// The temporary name beside the file `name` for one attempt. A name too long to take the
/// suffix (file names end at 255 bytes) is left out.
fn temp_name(name: &std::ffi::OsStr, attempt: usize) -> OsString {
    let mut temp = OsString::from(".");
    if name.len() <= 200 {
        temp.push(name);
    } else {
        temp.push("bigdata-lint");
    }
    temp.push(format!(".{}.{attempt}.tmp", std::process::id()));
    temp
}

/// Creates a new temporary file in `dir`. `create_new` fails on any existing name, a symbolic
/// link included, so nothing planted there is followed or overwritten; such a name is passed
/// over. A file that replaces another is created readable by its owner only, and gets the old
/// file's permissions once it is complete.
fn create_temp(dir: &Path, name: &std::ffi::OsStr, private: bool) -> io::Result<(PathBuf, File)> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut last = None;
    for attempt in 0..TEMP_ATTEMPTS {
        let temp = dir.join(temp_name(name, attempt));
        match options.open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no temporary file name is free")))
}

/// Writes the content of the temporary file, gives it the owner and permissions of the file it
/// replaces, and flushes it to disk, so that the rename publishes a complete file.
fn fill(mut file: File, old: Option<&Kept>, bytes: &[u8]) -> io::Result<()> {
    file.write_all(bytes)?;
    if let Some(old) = old {
        #[cfg(unix)]
        keep_owner(&file, old.owner)?;
        // After the owner: changing the owner clears the set-user-ID and set-group-ID bits.
        file.set_permissions(old.permissions.clone())?;
    }
    file.sync_all()
}

/// Gives the new file the old one's owner and group where the system allows it: root may give
/// a file away; anyone may set the group to one of their own groups. Otherwise the new file
/// stays the writer's, as after any editor's save.
#[cfg(unix)]
fn keep_owner(file: &File, (uid, gid): (u32, u32)) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, fchown};
    let meta = file.metadata()?;
    if (meta.uid(), meta.gid()) == (uid, gid) {
        return Ok(());
    }
    if fchown(file, Some(uid), Some(gid)).is_err() && meta.gid() != gid {
        let _ = fchown(file, None, Some(gid));
    }
    Ok(())
}

/// Refuses an output path that is one of the run's inputs, before any work is done: a file
/// named as a path argument (`-o Job.java Job.java`), a file of a linted kind inside a linted
/// directory (`-o src/Job.java src`), or another input such as the `--baseline` file.
/// `flag` names the option and `what` the file it writes (`report`), for the message.
///
/// Only an existing regular file can be overwritten, so nothing else is refused. A file is
/// compared by identity (device and inode, links followed) with the path arguments, and by
/// where it really is (its canonical path) with the directories: the walk never follows a
/// link, so a file reached only through one is not linted, while the report written through
/// that link would land on the file itself. A file of a linted kind that the walk would pass
/// over (ignored, hidden, excluded) is refused all the same: the rule stays simple to state,
/// and reports do not carry such names.
pub fn check_not_an_input(
    flag: &str,
    what: &str,
    output: &Path,
    paths: &[PathBuf],
    other_inputs: &[(&str, &Path)],
) -> Result<(), String> {
    let Ok(meta) = fs::metadata(output) else {
        return Ok(());
    };
    if !meta.is_file() {
        return Ok(());
    }
    let shown = output.display();
    for (option, input) in other_inputs {
        if fs::metadata(input).is_ok_and(|m| same_file(input, &m, output, &meta)) {
            return Err(format!(
                "{flag} {shown} is the {option} file; the {what} would overwrite it"
            ));
        }
    }
    let canonical = fs::canonicalize(output).ok();
    let lintable = canonical
        .as_deref()
        .is_some_and(|p| guess_from_name(p) != NameGuess::Other);
    for path in paths {
        let Ok(input) = fs::metadata(path) else {
            continue;
        };
        if same_file(path, &input, output, &meta) {
            return Err(format!(
                "{flag} {shown} is one of the linted files; the {what} would overwrite it"
            ));
        }
        if input.is_dir()
            && lintable
            && let (Some(file), Ok(dir)) = (canonical.as_deref(), fs::canonicalize(path))
            && file.starts_with(&dir)
        {
            return Err(format!(
                "{flag} {shown} is a file of a linted kind in the linted directory {}; the \
                 {what} would overwrite it",
                path.display()
            ));
        }
    }
    Ok(())
}

/// Whether two paths lead to the same file: the same device and inode on Unix (links, `..`
/// and bind mounts do not hide it), the same canonical path elsewhere.
fn same_file(a: &Path, a_meta: &Metadata, b: &Path, b_meta: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = (a, b);
        (a_meta.dev(), a_meta.ino()) == (b_meta.dev(), b_meta.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = (a_meta, b_meta);
        matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(a), Ok(b)) if a == b)
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt, symlink};

    use super::*;

    fn dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("bdl-output-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("read_dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn mkfifo(path: &Path) {
        let status = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .expect("mkfifo runs");
        assert!(status.success());
    }

    #[test]
    fn a_new_file_is_created_and_no_temporary_file_is_left() {
        let dir = dir("new");
        write(&dir.join("report.json"), b"{}\n").expect("write");
        assert_eq!(fs::read(dir.join("report.json")).expect("read"), b"{}\n");
        assert_eq!(names(&dir), ["report.json"]);
        fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn a_replaced_file_keeps_its_permissions_and_owner() {
        let dir = dir("keep");
        let report = dir.join("report.json");
        for mode in [0o600, 0o640, 0o444] {
            fs::write(&report, b"old").expect("write");
            fs::set_permissions(&report, fs::Permissions::from_mode(mode)).expect("chmod");
            let inode = fs::metadata(&report).expect("stat").ino();
            write(&report, b"new").expect("write");
            let meta = fs::metadata(&report).expect("stat");
            assert_eq!(meta.mode() & 0o7777, mode);
            assert_ne!(meta.ino(), inode, "replaced, not written in place");
            assert_eq!(fs::read(&report).expect("read"), b"new");
            fs::set_permissions(&report, fs::Permissions::from_mode(0o644)).expect("chmod");
        }
        // Only root can give a file away; then the owner and group are kept too.
        if std::os::unix::fs::chown(&report, Some(4321), Some(4322)).is_ok() {
            write(&report, b"newer").expect("write");
            let meta = fs::metadata(&report).expect("stat");
            assert_eq!((meta.uid(), meta.gid()), (4321, 4322));
        }
        assert_eq!(names(&dir), ["report.json"]);
        fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn a_link_is_kept_and_its_target_replaced() {
        let dir = dir("link");
        fs::create_dir(dir.join("real")).expect("mkdir");
        fs::create_dir(dir.join("links")).expect("mkdir");
        fs::write(dir.join("real/report.json"), b"old").expect("write");
        fs::set_permissions(
            dir.join("real/report.json"),
            fs::Permissions::from_mode(0o600),
        )
        .expect("chmod");
        // A relative link to a relative link.
        symlink("../real/report.json", dir.join("links/one")).expect("symlink");
        symlink("one", dir.join("links/two")).expect("symlink");
        write(&dir.join("links/two"), b"new").expect("write");
        for link in ["links/one", "links/two"] {
            let meta = fs::symlink_metadata(dir.join(link)).expect("lstat");
            assert!(meta.file_type().is_symlink(), "{link} was replaced");
        }
        let target = fs::metadata(dir.join("real/report.json")).expect("stat");
        assert_eq!(target.mode() & 0o777, 0o600);
        assert_eq!(
            fs::read(dir.join("real/report.json")).expect("read"),
            b"new"
        );
        // The temporary file was beside the target and is gone.
        assert_eq!(names(&dir.join("real")), ["report.json"]);
        assert_eq!(names(&dir.join("links")), ["one", "two"]);
        // A link to nothing creates its target.
        symlink("../real/new.json", dir.join("links/dangling")).expect("symlink");
        write(&dir.join("links/dangling"), b"created").expect("write");
        assert!(
            fs::symlink_metadata(dir.join("links/dangling"))
                .expect("lstat")
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            fs::read(dir.join("real/new.json")).expect("read"),
            b"created"
        );
        fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn a_name_at_the_length_limit_is_replaced() {
        let dir = dir("long");
        let name = "r".repeat(250);
        fs::write(dir.join(&name), b"old").expect("write");
        write(&dir.join(&name), b"new").expect("write");
        assert_eq!(fs::read(dir.join(&name)).expect("read"), b"new");
        assert_eq!(names(&dir), [name]);
        fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn a_link_loop_is_an_error() {
        let dir = dir("loop");
        symlink("b", dir.join("a")).expect("symlink");
        symlink("a", dir.join("b")).expect("symlink");
        assert!(write(&dir.join("a"), b"x").is_err());
        assert_eq!(names(&dir), ["a", "b"]);
        fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn a_fifo_is_written_into_and_stays_a_fifo() {
        let dir = dir("fifo");
        let fifo = dir.join("report.fifo");
        mkfifo(&fifo);
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(fifo).expect("read the FIFO"))
        };
        write(&fifo, b"report\n").expect("write");
        assert_eq!(reader.join().expect("reader"), b"report\n");
        let meta = fs::symlink_metadata(&fifo).expect("lstat");
        assert!(meta.file_type().is_fifo());
        assert_eq!(names(&dir), ["report.fifo"]);
        fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn a_character_device_is_written_into_and_stays_one() {
        let null = Path::new("/dev/null");
        let before = fs::metadata(null).expect("stat");
        if !before.file_type().is_char_device() {
            return;
        }
        assert_eq!(
            destination(null).expect("destination"),
            Destination::Straight {
                path: null.to_path_buf(),
                append: false
            }
        );
        // Through a link, as a stand-in for the device itself.
        let dir = dir("device");
        symlink(null, dir.join("null")).expect("symlink");
        write(&dir.join("null"), b"report\n").expect("write");
        let after = fs::metadata(null).expect("stat");
        assert!(after.file_type().is_char_device());
        assert_eq!((after.dev(), after.ino()), (before.dev(), before.ino()));
        assert!(
            fs::symlink_metadata(dir.join("null"))
                .expect("lstat")
                .file_type()
                .is_symlink()
        );
        assert_eq!(names(&dir), ["null"]);
        fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn descriptors_are_written_through() {
        for path in [
            "/dev/stdout",
            "/dev/stderr",
            "/dev/fd/1",
            "/proc/self/fd/1",
            "/proc/thread-self/fd/2",
            "/proc/42/fd/3",
        ] {
            assert!(names_a_descriptor(Path::new(path)), "{path}");
        }
        for path in [
            "dev/stdout",
            "/dev/null",
            "/dev/fd",
            "/proc/self/fd",
            "/proc/self/status",
            "/home/me/dev/stdout",
            "/dev/fd/x",
        ] {
            assert!(!names_a_descriptor(Path::new(path)), "{path}");
        }
        // A link to a descriptor, as `/dev/stdout` is to `/proc/self/fd/1`.
        let dir = dir("descriptor");
        symlink("/proc/self/fd/1", dir.join("out")).expect("symlink");
        assert_eq!(follow_links(&dir.join("out")).expect("follow"), None);
        fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn a_link_planted_at_the_temporary_name_is_not_followed() {
        let dir = dir("planted");
        fs::write(dir.join("victim"), b"victim").expect("write");
        let first = temp_name(std::ffi::OsStr::new("report.json"), 0);
        symlink(dir.join("victim"), dir.join(&first)).expect("symlink");
        write(&dir.join("report.json"), b"report").expect("write");
        assert_eq!(fs::read(dir.join("victim")).expect("read"), b"victim");
        assert_eq!(fs::read(dir.join("report.json")).expect("read"), b"report");
        let planted = fs::symlink_metadata(dir.join(&first)).expect("lstat");
        assert!(planted.file_type().is_symlink());
        fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn directories_are_refused() {
        let dir = dir("directory");
        let error = write(&dir, b"x").expect_err("a directory");
        assert_eq!(error.kind(), io::ErrorKind::IsADirectory);
        symlink(&dir, dir.join("link")).expect("symlink");
        assert!(write(&dir.join("link"), b"x").is_err());
        assert_eq!(names(&dir), ["link"]);
        fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn an_output_that_is_an_input_is_refused() {
        let dir = dir("inputs");
        let src = dir.join("src");
        fs::create_dir(&src).expect("mkdir");
        fs::write(src.join("Job.java"), b"class Job {}").expect("write");
        fs::write(src.join("report.json"), b"{}").expect("write");
        fs::write(dir.join("notes.txt"), b"notes").expect("write");
        fs::write(dir.join("baseline.json"), b"{}").expect("write");
        symlink("src/Job.java", dir.join("link.json")).expect("symlink");
        let baseline = dir.join("baseline.json");
        let check = |output: &Path, path: &Path| {
            check_not_an_input(
                "--output",
                "report",
                output,
                &[path.to_path_buf()],
                &[("--baseline", &baseline)],
            )
        };
        let job = src.join("Job.java");
        // A path argument, whatever its kind; and through a link.
        assert!(check(&job, &job).is_err());
        assert!(check(&dir.join("notes.txt"), &dir.join("notes.txt")).is_err());
        assert!(check(&dir.join("link.json"), &job).is_err());
        // A file of a linted kind in a linted directory, named directly or through a link.
        let message = check(&job, &dir).expect_err("in the directory");
        assert!(message.contains("in the linted directory"), "{message}");
        assert!(check(&dir.join("link.json"), &src).is_err());
        // Another input.
        let message = check(&baseline, &src).expect_err("baseline");
        assert!(message.contains("is the --baseline file"), "{message}");
        // Not lintable, not named, not there yet, not a regular file: fine.
        assert!(check(&src.join("report.json"), &src).is_ok());
        assert!(check(&src.join("New.java"), &src).is_ok());
        assert!(check(&dir.join("notes.txt"), &src).is_ok());
        assert!(check(Path::new("/dev/null"), &dir).is_ok());
        fs::remove_dir_all(&dir).expect("clean up");
    }
}
