//! Crash points for the fault tests. With `TANDEM_FAULT=NAME` in its environment, a process
//! stops dead when it reaches the point NAME: it sends itself `SIGKILL`, so no answer is sent,
//! no destructor runs and nothing is flushed, as a power cut at that instant would. The tests use it to
//! crash at an exact step (after a commit and before the answer, say) rather than at a moment
//! picked by a timer. Unset, as in every real deployment, a point costs one load of a static.

use std::sync::OnceLock;

/// The environment variable that arms one crash point.
pub const VARIABLE: &str = "TANDEM_FAULT";

/// Stop the process dead here if `TANDEM_FAULT` names this point.
pub fn point(name: &str) {
    static ARMED: OnceLock<Option<String>> = OnceLock::new();
    let armed = ARMED.get_or_init(|| std::env::var(VARIABLE).ok().filter(|v| !v.is_empty()));
    if armed.as_deref() == Some(name) {
        eprintln!("fault point {name} reached: stopping dead ({VARIABLE})");
        let _ = std::process::Command::new("kill")
            .args(["-KILL", &std::process::id().to_string()])
            .status();
        // Without `kill`, as near as the standard library comes.
        std::process::abort();
    }
}
