//! The report folder: written next to its final place and swapped in only when
//! complete, so an interrupted run leaves the previous report intact. A folder is
//! replaced only if minyi wrote it (it holds the marker file).
//!
//! An interrupted run leaves nothing behind either: the staging folder holds a lock
//! file locked for as long as its run lives (the system releases the lock when the
//! process dies, however it dies), so the next run into the same parent folder removes
//! staging folders nobody holds; and [`abandon_all`] removes the folders of this
//! process, for a signal handler to call before exiting.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Marker file that says "minyi wrote this folder".
pub(crate) const MARKER: &str = ".minyi-report";
/// Lock file of a staging folder, locked by the run writing it.
const LOCK: &str = ".minyi-lock";
/// Name prefixes of staging folders and of replaced reports about to be removed.
const STAGING_PREFIX: &str = ".minyi-tmp-";
const OLD_PREFIX: &str = ".minyi-old-";

/// Staging folders of this process that are not committed yet, and whether the process
/// is abandoning them (after which no new one may be made). A folder is created and
/// registered under this lock, so a signal can never fall between the two.
struct Active {
    dirs: Vec<PathBuf>,
    abandoned: bool,
}

static ACTIVE: Mutex<Active> = Mutex::new(Active { dirs: Vec::new(), abandoned: false });

fn active() -> std::sync::MutexGuard<'static, Active> {
    ACTIVE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Remove every staging folder of this process (for a signal handler about to exit).
pub fn abandon_all() {
    let mut a = active();
    a.abandoned = true;
    // Writes hold this lock too: no file is being added while the folders go.
    for dir in a.dirs.drain(..) {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// Remove staging folders of earlier runs in `parent` that were interrupted: a folder
/// minyi made (its marker) whose lock nobody holds. Returns how many were removed.
pub(crate) fn remove_stale(parent: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(parent) else { return 0 };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        let dir = e.path();
        if !(name.starts_with(STAGING_PREFIX) || name.starts_with(OLD_PREFIX)) || !dir.is_dir() || !dir.join(MARKER).exists() {
            continue;
        }
        let stale = match File::open(dir.join(LOCK)) {
            // try_lock succeeds only when no live run holds the lock; ours is dropped at once.
            Ok(f) => f.try_lock().is_ok(),
            // Written by a version without lock files, or a replaced report: nobody writes it.
            Err(_) => true,
        };
        if stale && std::fs::remove_dir_all(&dir).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("输出文件夹 {} 已存在且不是 minyi 生成的（里面有其他文件），为避免覆盖，已停止\n  提示：请用 --out 指定一个新的或空的文件夹", .0.display())]
    Foreign(PathBuf),
    #[error("无法写入输出文件夹 {}：{source}\n  提示：请检查磁盘空间和写入权限", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("运行已中断，未写出报告")]
    Interrupted,
}

/// A report folder being written.
pub struct Staging {
    target: PathBuf,
    dir: tempfile::TempDir,
    /// Held (locked) until the folder is committed or dropped.
    lock: File,
    _active: Registered,
}

/// The staging folder's entry in [`ACTIVE`], removed when the staging ends either way.
struct Registered(PathBuf);

impl Drop for Registered {
    fn drop(&mut self) {
        active().dirs.retain(|d| d != &self.0);
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> OutputError + '_ {
    move |source| OutputError::Io { path: path.to_path_buf(), source }
}

impl Staging {
    /// Start writing the report that will end up at `target`.
    pub fn begin(target: &Path) -> Result<Staging, OutputError> {
        if target.exists() {
            let foreign = if target.is_dir() {
                let mut entries = std::fs::read_dir(target).map_err(io(target))?;
                entries.next().is_some() && !target.join(MARKER).exists()
            } else {
                true
            };
            if foreign {
                return Err(OutputError::Foreign(target.to_path_buf()));
            }
        }
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(io(&parent))?;
        remove_stale(&parent);
        let mut registry = active();
        if registry.abandoned {
            return Err(OutputError::Interrupted);
        }
        let dir = tempfile::Builder::new().prefix(STAGING_PREFIX).tempdir_in(&parent).map_err(io(&parent))?;
        registry.dirs.push(dir.path().to_path_buf());
        drop(registry);
        let registered = Registered(dir.path().to_path_buf());
        // The lock before the marker: a folder with a marker and no lock file is never a live run's.
        let lock_path = dir.path().join(LOCK);
        let lock = File::create(&lock_path).map_err(io(&lock_path))?;
        lock.lock().map_err(io(&lock_path))?;
        std::fs::write(dir.path().join(MARKER), "minyi report folder\n").map_err(io(dir.path()))?;
        Ok(Staging { target: target.to_path_buf(), dir, lock, _active: registered })
    }

    /// Write a file (relative path inside the report). Under the registry's lock: once
    /// the folder is abandoned no write may recreate it.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let registry = active();
        if registry.abandoned {
            return Err(OutputError::Interrupted);
        }
        let p = self.dir.path().join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&p, bytes).map_err(io(&p))
    }

    /// Swap the finished folder into place; the previous report is removed only after.
    pub fn commit(self) -> Result<PathBuf, OutputError> {
        let Staging { target, dir, lock, _active } = self;
        // The swap under the registry's lock: a signal's abandon waits for it to finish,
        // and a swap never starts once the run is abandoned.
        let mut registry = active();
        if registry.abandoned {
            return Err(OutputError::Interrupted);
        }
        registry.dirs.retain(|d| d != dir.path());
        std::mem::forget(_active); // unregistered above, under the lock it would take
        let staged = dir.keep();
        let parent = staged.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
        if target.exists() {
            let old = tempfile::Builder::new().prefix(OLD_PREFIX).tempdir_in(&parent).map_err(io(&parent))?.keep();
            std::fs::remove_dir(&old).map_err(io(&old))?;
            std::fs::rename(&target, &old).map_err(io(&target))?;
            if let Err(e) = std::fs::rename(&staged, &target) {
                let _ = std::fs::rename(&old, &target);
                return Err(OutputError::Io { path: target, source: e });
            }
            let _ = std::fs::remove_dir_all(&old);
        } else {
            std::fs::rename(&staged, &target).map_err(io(&target))?;
        }
        drop(registry);
        // Renamed, the folder is no staging folder any more: the lock file can go.
        let _ = std::fs::remove_file(target.join(LOCK));
        drop(lock);
        Ok(target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_own_folder_refuses_foreign_and_keeps_old_on_abort() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("报告");
        let s = Staging::begin(&target).unwrap();
        s.write("a.txt", b"1").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read(target.join("a.txt")).unwrap(), b"1");

        // An abandoned run (dropped before commit) leaves the previous report intact.
        let s = Staging::begin(&target).unwrap();
        s.write("a.txt", b"2").unwrap();
        drop(s);
        assert_eq!(std::fs::read(target.join("a.txt")).unwrap(), b"1");

        let s = Staging::begin(&target).unwrap();
        s.write("b.txt", b"3").unwrap();
        s.commit().unwrap();
        assert!(!target.join("a.txt").exists() && target.join("b.txt").exists());
        let leftovers: Vec<_> = std::fs::read_dir(root.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary folders left behind");

        // A staging folder of a killed run (marker, lock file nobody holds) and one of a
        // version without lock files are removed by the next run; a live run's is kept.
        for name in [".minyi-tmp-killed", ".minyi-tmp-oldversion"] {
            std::fs::create_dir(root.path().join(name)).unwrap();
            std::fs::write(root.path().join(name).join(MARKER), "").unwrap();
            std::fs::write(root.path().join(name).join("results.json"), "{}").unwrap();
        }
        std::fs::write(root.path().join(".minyi-tmp-killed").join(LOCK), "").unwrap();
        let live = Staging::begin(&root.path().join("另一份")).unwrap();
        assert!(!root.path().join(".minyi-tmp-killed").exists() && !root.path().join(".minyi-tmp-oldversion").exists());
        let s = Staging::begin(&target).unwrap();
        assert!(live.dir.path().exists(), "a live run's staging folder is not touched");
        abandon_all();
        assert!(!live.dir.path().exists() && !s.dir.path().exists(), "abandon_all removes this process's folders");
        drop((live, s));

        let foreign = root.path().join("我的文件");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("论文.docx"), b"x").unwrap();
        assert!(matches!(Staging::begin(&foreign), Err(OutputError::Foreign(_))));
    }
}
