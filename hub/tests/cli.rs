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
    // A migration this build does not know, as a newer tandem-hub would have left it.
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async {
            use sqlx::Connection;
            let url = format!("sqlite://{}", db.display());
            let mut conn = sqlx::sqlite::SqliteConnection::connect(&url).await.unwrap();
            sqlx::query(
                "INSERT INTO _sqlx_migrations
                   (version, description, success, checksum, execution_time)
                 VALUES (999, 'future', 1, x'00', 0)",
            )
            .execute(&mut conn)
            .await
            .unwrap();
        });
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

/// `tandem-hub spc` with `input` on standard input, from an empty directory, no config.
fn spc(input: &[u8]) -> Output {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tandem-hub"))
        .arg("spc")
        .current_dir(dir.path())
        .env_remove("TANDEM_HUB_CONFIG")
        .env_remove("TANDEM_HUB_DATA_DIR")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn spc_charts_a_published_example() {
    // Montgomery, Introduction to Statistical Quality Control, Example 6.1 (7.1 in the 6th
    // edition): 30 samples of 50 orange-juice cans. Printed: p̄ = 0.2313, UCL = 0.4102,
    // LCL = 0.0524, samples 15 and 23 beyond the limits.
    let d = [
        12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11, 20, 18, 24, 15, 9,
        12, 7, 13, 9, 6,
    ];
    let request = serde_json::json!({"chart": "p", "numerator": d, "denominator": vec![50; 30]});
    let out = spc(request.to_string().as_bytes());
    assert!(out.status.success(), "{out:?}");
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let close = |v: &serde_json::Value, x: f64| (v.as_f64().unwrap() - x).abs() < 5e-5;
    assert!(close(&result["points"][0]["cl"], 0.2313), "{result}");
    assert!(close(&result["points"][0]["ucl"], 0.4102), "{result}");
    assert!(close(&result["points"][0]["lcl"], 0.0524), "{result}");
    let beyond: Vec<usize> = result["points"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .filter(|(_, p)| p["beyond_limits"] == true)
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(beyond, [15, 23]);
    assert_eq!(result["parts"][0]["from"], 1);
    assert_eq!(result["parts"][0]["to"], 30);
}

#[test]
fn spc_refuses_bad_requests_with_exit_code_2_and_one_line() {
    for (input, expect) in [
        (r#"{"chart": "xbar", "y": [1, 2, 3]}"#, "xbar"),
        (
            r#"{"chart": "p", "numerator": [1, 2], "denominator": [10]}"#,
            "values",
        ),
        (
            r#"{"chart": "p", "numerator": [11, 2], "denominator": [10, 10]}"#,
            "11",
        ),
        (r#"{"chart": "i", "y": [1, 2, 3], "exclude": [9]}"#, "9"),
        (r#"{"chart": "i", "y": [1, 2, 3], "freeze": 5}"#, "5"),
        (r#"{"chart": "c", "y": [-1, 2, 3]}"#, "negative"),
        ("not json", "JSON"),
        ("", "JSON"),
    ] {
        let out = spc(input.as_bytes());
        assert_eq!(out.status.code(), Some(2), "{input}: {out:?}");
        let line = failure(&out);
        assert!(line.contains(expect), "{input}: {line}");
        assert!(out.stdout.is_empty());
    }
}
