//! The report folder: written next to its final place and swapped in only when
//! complete, so an interrupted run leaves the previous report intact. A folder is
//! replaced only if minyi wrote it (it holds the marker file).

use std::path::{Path, PathBuf};

/// Marker file that says "minyi wrote this folder".
pub const MARKER: &str = ".minyi-report";

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("输出文件夹 {} 已存在且不是 minyi 生成的（里面有其他文件），为避免覆盖，已停止\n  提示：请用 --out 指定一个新的或空的文件夹", .0.display())]
    Foreign(PathBuf),
    #[error("无法写入输出文件夹 {}：{source}\n  提示：请检查磁盘空间和写入权限", path.display())]
    Io { path: PathBuf, source: std::io::Error },
}

/// A report folder being written.
pub struct Staging {
    target: PathBuf,
    dir: tempfile::TempDir,
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
        let dir = tempfile::Builder::new().prefix(".minyi-tmp-").tempdir_in(&parent).map_err(io(&parent))?;
        std::fs::write(dir.path().join(MARKER), "minyi report folder\n").map_err(io(dir.path()))?;
        Ok(Staging { target: target.to_path_buf(), dir })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Write a file (relative path inside the report).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let p = self.dir.path().join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&p, bytes).map_err(io(&p))
    }

    /// Swap the finished folder into place; the previous report is removed only after.
    pub fn commit(self) -> Result<PathBuf, OutputError> {
        let staged = self.dir.keep();
        let target = self.target;
        let parent = staged.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
        if target.exists() {
            let old = tempfile::Builder::new().prefix(".minyi-old-").tempdir_in(&parent).map_err(io(&parent))?.keep();
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

        let foreign = root.path().join("我的文件");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("论文.docx"), b"x").unwrap();
        assert!(matches!(Staging::begin(&foreign), Err(OutputError::Foreign(_))));
    }
}
