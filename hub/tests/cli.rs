//! The `tandem-hub` command line refuses bad input with one clear line and a non-zero exit.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::path::Path;
use std::process::{Command, Output};

fn hub(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tandem-hub"))
        .args(args)
        .env("TANDEM_HUB_DATA_DIR", dir)
        .env_remove("TANDEM_HUB_DATABASE_URL")
        .env_remove("TANDEM_HUB_CONFIG")
        .env_remove("RUST_LOG")
        .output()
        .expect("tandem-hub runs")
}

/// The one line a failed command printed.
fn failure(out: &Output) -> String {
    assert!(!out.status.success(), "expected a failure: {out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr).trim().to_owned();
    assert_eq!(
        stderr.lines().count(),
        1,
        "expected one line, got:\n{stderr}"
    );
    assert!(stderr.starts_with("tandem-hub: "), "{stderr}");
    stderr
}

#[test]
fn a_missing_config_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = hub(
        dir.path(),
        &["--config", "/nonexistent/hub.toml", "clinic", "list"],
    );
    let line = failure(&out);
    assert!(
        line.contains("cannot read the config file /nonexistent/hub.toml"),
        "{line}"
    );
}

#[test]
fn a_config_file_with_an_unknown_key_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("hub.toml");
    std::fs::write(&config, "web_port = 8080\n").unwrap();
    let line = failure(&hub(
        dir.path(),
        &["--config", config.to_str().unwrap(), "clinic", "list"],
    ));
    assert!(line.contains("web_port"), "{line}");
}

#[test]
fn an_unsupported_database_url_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tandem-hub"))
        .args(["clinic", "list"])
        .env("TANDEM_HUB_DATA_DIR", dir.path())
        .env(
            "TANDEM_HUB_DATABASE_URL",
            "mysql://user:secret@localhost/hub",
        )
        .output()
        .unwrap();
    let line = failure(&out);
    assert!(line.contains("must start with sqlite://"), "{line}");
    assert!(!line.contains("secret"), "the password leaked: {line}");
}

#[test]
fn a_bad_clinic_id_is_refused_with_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    let line = failure(&hub(
        dir.path(),
        &["clinic", "add", "Bad Id", "--name", "X"],
    ));
    assert!(
        line.contains("lowercase letters, digits and hyphens"),
        "{line}"
    );
    let ok = hub(
        dir.path(),
        &["clinic", "add", "riverside", "--name", "Riverside"],
    );
    assert!(ok.status.success(), "{ok:?}");
    let line = failure(&hub(
        dir.path(),
        &["clinic", "add", "riverside", "--name", "Again"],
    ));
    assert!(line.contains("already exists"), "{line}");
}

#[test]
fn mistakes_in_a_definitions_file_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("defs.toml");
    let measure = |id: &str, goal: &str| {
        format!(
            "[[measures]]\nid = \"{id}\"\ntitle = \"T\"\ndescription = \"D\"\ndefinition = \"Def\"\n\
             kind = {{ type = \"proportion\" }}\nbetter = \"higher_is_better\"\nfamily = \"outcome\"\n\
             goal = {goal}\n"
        )
    };
    for (text, expected) in [
        (
            measure("remission", "80"),
            "a proportion's goal is between 0 and 1",
        ),
        (
            format!(
                "{}{}",
                measure("remission", "0.8"),
                measure("remission", "0.7")
            ),
            "defined twice",
        ),
        (
            "[policy]\nmin_cell_size = 3\n".to_owned() + &measure("a", "0.5"),
            "between 5 and",
        ),
        ("measures = 1\n".to_owned(), "definitions file is not valid"),
    ] {
        std::fs::write(&file, text).unwrap();
        let line = failure(&hub(
            dir.path(),
            &["definitions", "load", file.to_str().unwrap()],
        ));
        assert!(line.contains(expected), "{line}");
    }
}

#[test]
fn a_database_migrated_by_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    assert!(hub(dir.path(), &["clinic", "list"]).status.success());
    let db = dir.path().join("hub.db");
    let status = Command::new("python3")
        .args([
            "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); \
             c.execute(\"INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES (999, 'future', 1, x'00', 0)\"); c.commit()",
            db.to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert!(status.success());
    let line = failure(&hub(dir.path(), &["clinic", "list"]));
    assert!(
        line.contains("migrated by a newer version of tandem-hub"),
        "{line}"
    );
}

#[test]
fn migrate_store_refuses_a_missing_or_empty_source() {
    let dir = tempfile::tempdir().unwrap();
    let missing = format!("sqlite://{}", dir.path().join("nope.db").display());
    let target = format!("sqlite://{}", dir.path().join("target.db").display());
    let line = failure(&hub(
        dir.path(),
        &["migrate-store", "--from", &missing, "--to", &target],
    ));
    assert!(line.contains("there is no SQLite database at"), "{line}");
    assert!(
        !dir.path().join("nope.db").exists(),
        "no empty source was made"
    );
    assert!(hub(dir.path(), &["clinic", "list"]).status.success());
    let empty = format!("sqlite://{}", dir.path().join("hub.db").display());
    let line = failure(&hub(
        dir.path(),
        &["migrate-store", "--from", &empty, "--to", &target],
    ));
    assert!(line.contains("holds no network"), "{line}");
}
