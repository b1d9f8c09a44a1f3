//! Writing an output file whole or not at all: a regular file is replaced atomically through an exclusively
//! created temporary file beside it (never through a planted symlink, keeping its permission bits); a symlink
//! stays a link; devices, FIFOs and sockets are written as they are; names of open descriptors are appended
//! to. Errors are one line.

use super::{Bad, clip, io_reason};
use std::io::Write;

/// Writes the output to `path` (`-o`). A device, FIFO or socket (`/dev/null`, `/dev/stdout` on a pipe or a
/// terminal) is opened and written as it is, never replaced. A regular file, existing or new, is replaced
/// whole or not at all: the bytes go to a temporary file created exclusively beside it (a symlink planted at
/// that name is never followed), which is then renamed over it, keeping the old file's permission bits.
/// A symlink (a chain of them, or a dangling one) stays a symlink; the file it leads to is written, as `>` in
/// a shell would. On failure nothing is left behind and the error is one line.
pub fn write_atomically(path: &str, bytes: &[u8]) -> Result<(), Bad> {
    write_output(std::path::Path::new(path), bytes)
        .map_err(|e| Bad(format!("cannot write \"{}\": {}", clip(path), io_reason(&e))))
}

pub fn write_output(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::ErrorKind;
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(ErrorKind::IsADirectory.into()),
        // A name for an open descriptor (/dev/stdout, /dev/fd/N, /proc/self/fd/N) means that descriptor,
        // as a shell's redirection made it: appended to, never replaced, whatever file is behind it.
        Ok(_) if names_a_descriptor(path) => {
            let mut file = std::fs::OpenOptions::new().append(true).open(path)?;
            file.write_all(bytes)?;
            file.flush()
        }
        Ok(meta) if !meta.is_file() => write_in_place(path, bytes, false),
        Ok(meta) => {
            let real = resolve_links(path)?;
            if is_same_file(&meta, &real) {
                replace_file(&real, bytes, Some(meta.permissions()))
            } else {
                // The name does not lead to the file by any path we can rename over (a /proc/self/fd/N of a
                // deleted file, or a race): write the file itself.
                write_in_place(path, bytes, true)
            }
        }
        // Nothing there yet, or a dangling symlink: create the file the name leads to.
        Err(e) if e.kind() == ErrorKind::NotFound => replace_file(&resolve_links(path)?, bytes, None),
        Err(e) => Err(e),
    }
}

/// Whether `path` names one of the process's open descriptors rather than a file.
fn names_a_descriptor(path: &std::path::Path) -> bool {
    let p = path.to_string_lossy();
    matches!(p.as_ref(), "/dev/stdout" | "/dev/stderr")
        || ["/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/"].iter().any(|d| p.starts_with(d))
}

/// Follows `path` through symlinks to the name of the file itself (which may not exist yet).
fn resolve_links(path: &std::path::Path) -> std::io::Result<std::path::PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = std::fs::read_link(&p)?;
                // A relative link is relative to the directory holding it; an absolute one replaces it all.
                p = match p.parent() {
                    Some(dir) => dir.join(link),
                    None => link,
                };
            }
            Ok(_) => return Ok(p),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(p),
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

#[cfg(unix)]
fn is_same_file(meta: &std::fs::Metadata, real: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::symlink_metadata(real).is_ok_and(|m| m.is_file() && m.dev() == meta.dev() && m.ino() == meta.ino())
}

#[cfg(not(unix))]
fn is_same_file(_meta: &std::fs::Metadata, real: &std::path::Path) -> bool {
    std::fs::symlink_metadata(real).is_ok_and(|m| m.is_file())
}

/// Opens an existing file that is not to be replaced (a device, a FIFO) and writes it.
fn write_in_place(path: &std::path::Path, bytes: &[u8], truncate: bool) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new().write(true).truncate(truncate).open(path)?;
    file.write_all(bytes)?;
    file.flush()
}

/// Replaces the regular file `target` (not a symlink) atomically, giving it `perms` if it existed.
fn replace_file(target: &std::path::Path, bytes: &[u8], perms: Option<std::fs::Permissions>) -> std::io::Result<()> {
    let (tmp, mut file) = create_temp_beside(target, perms.as_ref())?;
    let res = (|| {
        #[cfg(unix)]
        if let Some(perms) = perms {
            // The new file starts with the old mode less the umask; give it the old bits exactly.
            file.set_permissions(perms)?;
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, target)
    })();
    if res.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    res
}

/// Creates a new, empty temporary file in `target`'s directory with a name no other run uses, exclusively:
/// an existing file or symlink at that name is never opened, a new name is tried instead.
fn create_temp_beside(
    target: &std::path::Path,
    perms: Option<&std::fs::Permissions>,
) -> std::io::Result<(std::path::PathBuf, std::fs::File)> {
    static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    // "/", "." and ".." name directories.
    let Some(name) = target.file_name() else { return Err(std::io::ErrorKind::IsADirectory.into()) };
    // Keep the name short enough that the temporary name stays under the usual 255-byte limit.
    let mut short = String::new();
    for c in name.to_string_lossy().chars() {
        if short.len() >= 100 {
            break;
        }
        short.push(c);
    }
    let mut last = None;
    for _ in 0..100 {
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = target.with_file_name(format!(".{short}.{}-{n}.archdiag-tmp", process_tag()));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            // Never more open than the file it replaces, even for a moment.
            options.mode(perms.map_or(0o666, |p| p.mode() & 0o777));
        }
        #[cfg(not(unix))]
        let _ = perms;
        match options.open(&tmp) {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::ErrorKind::AlreadyExists.into()))
}

/// Tells this run's temporary names from other runs'. WASI has no process id (`std::process::id` panics),
/// so the clock stands in; the exclusive create catches any clash.
#[cfg(not(target_os = "wasi"))]
fn process_tag() -> String {
    std::process::id().to_string()
}

#[cfg(target_os = "wasi")]
fn process_tag() -> String {
    let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    format!("w{:x}", t.as_nanos())
}
