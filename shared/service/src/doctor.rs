//! What both binaries' `doctor` commands share: a check's outcome, its printed line, the report
//! and its exit, and the checks that are the same on a node and a hub (permissions, disk).

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Ok,
    Warn,
    Fail,
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub level: Level,
    pub what: &'static str,
    pub says: String,
}

impl Check {
    pub fn new(level: Level, what: &'static str, says: impl Into<String>) -> Self {
        Self {
            level,
            what,
            says: says.into(),
        }
    }

    /// The line as printed: `FAIL  certificate   expired on …; …`.
    pub fn line(&self) -> String {
        let level = match self.level {
            Level::Ok => "OK",
            Level::Warn => "WARN",
            Level::Fail => "FAIL",
        };
        format!("{level:<5} {:<13} {}", self.what, self.says)
    }
}

/// Print every line; how many failed.
pub fn print(checks: &[Check]) -> usize {
    for check in checks {
        println!("{}", check.line());
    }
    checks.iter().filter(|c| c.level == Level::Fail).count()
}

/// The one line for the exit when checks failed.
pub fn failed(n: usize) -> String {
    format!(
        "doctor: {n} check{} failed; see the FAIL lines above",
        if n == 1 { "" } else { "s" }
    )
}

/// Files and directories that must be the program's alone: a FAIL for each others can read,
/// with the `chmod` that fixes it; missing ones are skipped.
pub fn private(paths: &[(&str, &Path)]) -> Vec<Check> {
    let mut out = Vec::new();
    for (what, path) in paths {
        let Ok(meta) = std::fs::metadata(path) else {
            continue;
        };
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            let fix = if meta.is_dir() { "700" } else { "600" };
            out.push(Check::new(
                Level::Fail,
                "permissions",
                format!(
                    "the {what} {} can be read by others (mode {mode:03o}): run chmod {fix} {}",
                    path.display(),
                    path.display()
                ),
            ));
        }
    }
    out
}

/// Below this much free space a database may soon fail to grow.
const LOW_DISK_BYTES: u64 = 1 << 30;

/// The free space where `dir` is.
pub fn disk(dir: &Path) -> Check {
    match rustix::fs::statvfs(dir) {
        Ok(fs) => {
            let free = fs.f_bavail.saturating_mul(fs.f_frsize);
            let gib = free as f64 / f64::from(1u32 << 30);
            if free < LOW_DISK_BYTES {
                Check::new(
                    Level::Warn,
                    "disk",
                    format!(
                        "{gib:.2} GiB free where {} is: free some space before the database \
                         cannot grow",
                        dir.display()
                    ),
                )
            } else {
                Check::new(Level::Ok, "disk", format!("{gib:.1} GiB free"))
            }
        }
        Err(e) => Check::new(
            Level::Warn,
            "disk",
            format!("the free space of {} cannot be read: {e}", dir.display()),
        ),
    }
}
