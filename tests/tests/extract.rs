//! Measures computed on the node from a patient-level extract: checked against an independent
//! implementation (hand-written SQL over the same CSV files, run by SQLite), and the import's
//! all-or-nothing, its bad-row messages, its idempotence and its revisions.
#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use sqlx::{Row, SqlitePool};
use tandem_node::config::Config;
use tandem_node::extract::import::{self, Outcome, Source};
use tandem_node::kind::Kind;
use tandem_node::state::Node;
use tandem_shared::model::{MeasureEntry, Month};
use tandem_tests::extract::{Synthetic, date, write};
use tandem_tests::kit;

async fn node(dir: &Path) -> Node {
    let node = Node::init(&dir.join("node"), Config::default())
        .await
        .unwrap();
    let text = std::fs::read_to_string(kit::definitions_file()).unwrap();
    let defs = tandem_hub::definitions::DefinitionsFile::parse(&text)
        .unwrap()
        .definitions("Test network", 1);
    node.store.put_definitions(&defs).await.unwrap();
    node
}

fn sources(paths: &[PathBuf]) -> Vec<Source> {
    paths
        .iter()
        .map(|p| Source {
            path: p.clone(),
            table: None,
        })
        .collect()
}

async fn run(node: &Node, paths: &[PathBuf], on: NaiveDate) -> Result<Outcome, tandem_node::Error> {
    import::import(node, sources(paths), &[], on, "test", |_| {}).await
}

/// Every stored measure value, by (measure, month).
async fn values(node: &Node) -> BTreeMap<(String, Month), (MeasureEntry, i64)> {
    node.store
        .records(Kind::MeasureValue)
        .await
        .unwrap()
        .into_iter()
        .map(|r| {
            let e: MeasureEntry = serde_json::from_str(&r.body).unwrap();
            ((e.measure.to_string(), e.month), (e, r.revision))
        })
        .collect()
}

/// The same files loaded into plain SQLite tables, empty cells as NULL.
async fn oracle_database(paths: &[PathBuf]) -> SqlitePool {
    let pool = SqlitePool::connect("sqlite::memory:").await.unwrap();
    for path in paths {
        let table = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let text = std::fs::read_to_string(path).unwrap();
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "CREATE TABLE {table} ({} TEXT)",
            header.join(" TEXT, ")
        )))
        .execute(&pool)
        .await
        .unwrap();
        let marks = vec!["?"; header.len()].join(", ");
        let insert = format!("INSERT INTO {table} VALUES ({marks})");
        let mut tx = pool.begin().await.unwrap();
        for line in lines {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(insert.as_str()));
            for cell in line.split(',') {
                q = q.bind((!cell.is_empty()).then(|| cell.to_owned()));
            }
            q.execute(&mut *tx).await.unwrap();
        }
        tx.commit().await.unwrap();
        if table != "patients" {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "CREATE INDEX {table}_patient ON {table} (patient_id)"
            )))
            .execute(&pool)
            .await
            .unwrap();
        }
    }
    pool
}

/// The four measures by hand, in SQL, with every date bound computed outside it.
const ORACLE: &str = "
WITH pop AS MATERIALIZED (
  SELECT m.month, m.period_start, m.period_end, m.steroid_cutoff, p.patient_id, p.diagnosis
  FROM months m JOIN patients p
    ON p.enrolled_on <= m.period_end AND (p.exited_on IS NULL OR p.exited_on > m.period_end)
  WHERE EXISTS (SELECT 1 FROM visits v WHERE v.patient_id = p.patient_id
                AND v.visit_date BETWEEN m.win13_start AND m.period_end)
),
scored AS MATERIALIZED (
  SELECT pop.month, pop.patient_id, v.pga,
         ROW_NUMBER() OVER (PARTITION BY pop.month, pop.patient_id ORDER BY v.visit_date DESC) AS rn
  FROM pop JOIN months m ON m.month = pop.month
  JOIN visits v ON v.patient_id = pop.patient_id AND v.pga IS NOT NULL
   AND v.visit_date BETWEEN m.win13_start AND m.period_end
),
latest AS MATERIALIZED (
  SELECT pop.month, pop.patient_id, v.pcdai, v.pucai,
         ROW_NUMBER() OVER (PARTITION BY pop.month, pop.patient_id ORDER BY v.visit_date DESC) AS rn
  FROM pop JOIN months m ON m.month = pop.month
  JOIN visits v ON v.patient_id = pop.patient_id
   AND v.visit_date BETWEEN m.win13_start AND m.period_end
)
SELECT 'remission', pop.month, COUNT(*), COALESCE(SUM(s.pga = 'quiescent'), 0)
FROM pop LEFT JOIN scored s ON s.month = pop.month AND s.patient_id = pop.patient_id AND s.rn = 1
GROUP BY pop.month
UNION ALL
SELECT 'visit-score', pop.month, COUNT(*), COALESCE(SUM(
     (pop.diagnosis = 'crohns' AND l.pcdai IS NOT NULL) OR
     (pop.diagnosis IN ('ulcerative_colitis', 'ibd_unclassified') AND l.pucai IS NOT NULL)), 0)
FROM pop LEFT JOIN latest l ON l.month = pop.month AND l.patient_id = pop.patient_id AND l.rn = 1
GROUP BY pop.month
UNION ALL
SELECT 'admissions', pop.month, COUNT(*), SUM(
  (SELECT COUNT(*) FROM admissions a WHERE a.patient_id = pop.patient_id
     AND a.admitted_on BETWEEN pop.period_start AND pop.period_end
     AND a.planned = 'false' AND a.reason = 'ibd'))
FROM pop GROUP BY pop.month
UNION ALL
SELECT 'steroids', pop.month, COUNT(*), SUM(EXISTS (
     SELECT 1 FROM medications c WHERE c.patient_id = pop.patient_id
       AND c.drug_class = 'corticosteroid' AND c.route IN ('oral', 'intravenous')
       AND c.started_on <= pop.period_end
       AND (c.stopped_on IS NULL OR c.stopped_on >= pop.period_end)
       AND c.started_on < pop.steroid_cutoff))
FROM pop GROUP BY pop.month
";

/// (measure, month) → (denominator, numerator), by the SQL above.
async fn oracle(
    paths: &[PathBuf],
    first: Month,
    last: Month,
) -> BTreeMap<(String, Month), (u64, u64)> {
    let pool = oracle_database(paths).await;
    sqlx::query(
        "CREATE TABLE months (month TEXT, period_start TEXT, period_end TEXT, win13_start TEXT,
                              steroid_cutoff TEXT)",
    )
    .execute(&pool)
    .await
    .unwrap();
    for m in first.through(last) {
        let end = m.last_day();
        sqlx::query("INSERT INTO months VALUES (?, ?, ?, ?, ?)")
            .bind(m.to_string())
            .bind(m.first_day().to_string())
            .bind(end.to_string())
            .bind(m.plus(-12).unwrap().first_day().to_string())
            .bind((end - chrono::Duration::days(90)).to_string())
            .execute(&pool)
            .await
            .unwrap();
    }
    sqlx::query(ORACLE)
        .fetch_all(&pool)
        .await
        .unwrap()
        .into_iter()
        .map(|r| {
            let month: String = r.get(1);
            (
                (r.get::<String, _>(0), month.parse().unwrap()),
                (r.get::<i64, _>(2) as u64, r.get::<i64, _>(3) as u64),
            )
        })
        .collect()
}

#[tokio::test]
async fn computed_measures_agree_with_an_independent_sql_implementation() {
    for seed in [1, 2] {
        let tmp = tempfile::tempdir().unwrap();
        let (paths, _) = write(tmp.path(), &Synthetic::small(seed)).unwrap();
        let node = node(tmp.path()).await;
        let outcome = run(&node, &paths, date(2026, 11, 20)).await.unwrap();
        let (first, last) = outcome.months.unwrap();
        assert_eq!(
            last,
            "2026-10".parse().unwrap(),
            "the last month that settled"
        );
        assert_eq!(outcome.patients, 300);
        let ours = values(&node).await;
        let theirs = oracle(&paths, first, last).await;
        let mut compared = 0;
        let mut nonzero = 0;
        for ((measure, month), (e, _)) in &ours {
            let (d, n) = theirs
                .get(&(measure.clone(), *month))
                .copied()
                .unwrap_or((0, 0));
            assert_eq!(
                (e.denominator.unwrap_or(0), e.numerator.unwrap_or(0)),
                (d, n),
                "seed {seed}, {measure} {month}: node vs SQL (denominator, numerator)"
            );
            compared += 1;
            nonzero += usize::from(n > 0);
        }
        for key in theirs.keys() {
            assert!(
                ours.contains_key(key),
                "seed {seed}: the node computed no {key:?}"
            );
        }
        assert_eq!(compared, 4 * (last.index() - first.index() + 1) as usize);
        // A comparison of zeros would prove nothing.
        assert!(
            nonzero > compared / 2,
            "seed {seed}: only {nonzero} of {compared} numerators above 0"
        );
    }
}

#[tokio::test]
async fn importing_the_same_files_again_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (paths, _) = write(tmp.path(), &Synthetic::small(3)).unwrap();
    let node = node(tmp.path()).await;
    let first = run(&node, &paths, date(2026, 11, 20)).await.unwrap();
    assert!(!first.added.is_empty() && first.changed.is_empty());
    let before = values(&node).await;
    let again = run(&node, &paths, date(2026, 11, 20)).await.unwrap();
    assert!(again.nothing_changed(), "{again:?}");
    assert!(again.tables.iter().all(|t| t.same));
    assert_eq!(
        values(&node).await,
        before,
        "no value and no revision moved"
    );
}

#[tokio::test]
async fn a_corrected_file_recomputes_and_names_the_months_that_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let (paths, _) = write(tmp.path(), &Synthetic::small(4)).unwrap();
    let node = node(tmp.path()).await;
    run(&node, &paths, date(2026, 11, 20)).await.unwrap();
    let before = values(&node).await;
    // Correct the assessments of October 2026: severe and moderate become quiescent.
    let visits = &paths[1];
    let text = std::fs::read_to_string(visits).unwrap();
    let fixed: String = text
        .lines()
        .map(|l| {
            let l = if l.contains(",2026-10-") {
                l.replace(",severe,", ",quiescent,")
                    .replace(",moderate,", ",quiescent,")
            } else {
                l.to_owned()
            };
            l + "\n"
        })
        .collect();
    assert_ne!(fixed, text);
    std::fs::write(visits, fixed).unwrap();
    let outcome = run(&node, &paths[1..2], date(2026, 11, 20)).await.unwrap();
    assert!(!outcome.changed.is_empty(), "{outcome:?}");
    assert!(
        outcome
            .changed
            .iter()
            .all(|(m, _)| m.as_str() == "remission"),
        "{:?}",
        outcome.changed
    );
    assert!(outcome.tables[0].table == "visits" && !outcome.tables[0].same);
    let after = values(&node).await;
    for (key, (entry, revision)) in &after {
        let (old, old_revision) = &before[key];
        let listed = outcome.changed.contains(&(entry.measure.clone(), key.1));
        assert_eq!(listed, entry != old, "{key:?}");
        assert_eq!(
            *revision,
            old_revision + i64::from(listed),
            "{key:?}: a change is a new revision"
        );
    }
}

fn expect_bad(result: Result<Outcome, tandem_node::Error>, needles: &[&str]) -> String {
    let message = match result {
        Err(e @ tandem_node::Error::Extract(_)) => e.to_string(),
        other => panic!("expected a bad extract, got {other:?}"),
    };
    for n in needles {
        assert!(message.contains(n), "{message:?} should say {n:?}");
    }
    message
}

#[tokio::test]
async fn bad_rows_are_reported_by_line_and_column_and_nothing_is_imported() {
    let tmp = tempfile::tempdir().unwrap();
    let (paths, _) = write(tmp.path(), &Synthetic::small(5)).unwrap();
    let node = node(tmp.path()).await;
    let bad = tmp.path().join("bad");
    std::fs::create_dir(&bad).unwrap();
    let case = std::cell::Cell::new(0);
    let copy = |name: &str, edit: &dyn Fn(String) -> String| {
        let source = paths.iter().find(|p| p.ends_with(name)).unwrap();
        case.set(case.get() + 1);
        let dir = bad.join(case.get().to_string());
        std::fs::create_dir(&dir).unwrap();
        let target = dir.join(name);
        std::fs::write(&target, edit(std::fs::read_to_string(source).unwrap())).unwrap();
        let mut all: Vec<PathBuf> = paths
            .iter()
            .filter(|p| !p.ends_with(name))
            .cloned()
            .collect();
        all.push(target);
        all
    };
    let line = |text: &str, n: usize| text.lines().nth(n - 1).unwrap().to_owned();
    let cases: Vec<(Vec<PathBuf>, Vec<&str>)> = vec![
        (
            copy("visits.csv", &|t| {
                let l = line(&t, 4);
                let mut cells: Vec<&str> = l.split(',').collect();
                cells[3] = "quiet";
                let bad = cells.join(",");
                t.replacen(&l, &bad, 1)
            }),
            vec![
                "visits.csv",
                "line 4, column pga",
                "\"quiet\" is not one of",
                "quiescent, mild",
            ],
        ),
        (
            copy("patients.csv", &|t| {
                let l = line(&t, 3);
                let mut cells: Vec<&str> = l.split(',').collect();
                cells[4] = "31/01/2024";
                t.replacen(&l, &cells.join(","), 1)
            }),
            vec!["patients.csv", "line 3, column enrolled_on", "YYYY-MM-DD"],
        ),
        (
            copy("visits.csv", &|t| {
                let dup = line(&t, 2);
                format!("{t}{dup}\n")
            }),
            vec![
                "visits.csv",
                "repeats the key (patient_id, visit_date) of line 2",
            ],
        ),
        (
            copy("visits.csv", &|t| {
                format!("{t}Z999999,2024-01-01,in_person,mild,,\n")
            }),
            vec![
                "visits.csv",
                "patient \"Z999999\" is not in the patients table",
            ],
        ),
        (
            copy("visits.csv", &|t| {
                format!("{t}P000001,2024-01-01,in_person\n")
            }),
            vec!["visits.csv", "has 3 cells where the header has 6"],
        ),
        (
            copy("visits.csv", &|t| {
                let l = line(&t, 5);
                let mut cells: Vec<&str> = l.split(',').collect();
                cells[4] = "140";
                cells[5] = "";
                t.replacen(&l, &cells.join(","), 1)
            }),
            vec!["line 5, column pcdai: 140 is outside 0 to 100"],
        ),
        (
            copy("medications.csv", &|t| {
                let l = line(&t, 2);
                let mut cells: Vec<String> = l.split(',').map(str::to_owned).collect();
                cells[5] = "2000-01-01".into();
                t.replacen(&l, &cells.join(","), 1)
            }),
            vec![
                "medications.csv",
                "line 2, column stopped_on: the end date is before",
            ],
        ),
    ];
    for (files, needles) in cases {
        expect_bad(run(&node, &files, date(2026, 11, 20)).await, &needles);
        assert!(
            values(&node).await.is_empty(),
            "nothing was computed or stored"
        );
        assert!(
            node.store.extract_files().await.unwrap().is_empty(),
            "no table was kept"
        );
    }
    // Many bad rows: twenty listed, the rest counted.
    let many = copy("visits.csv", &|t| t.replace(",telehealth,", ",video,"));
    let message = expect_bad(
        run(&node, &many, date(2026, 11, 20)).await,
        &["is not one of"],
    );
    assert!(message.contains("more"), "{message}");
    assert_eq!(message.matches("line ").count(), 20, "{message}");
    // A good import, then a bad corrected file: the good one stays exactly as it was.
    run(&node, &paths, date(2026, 11, 20)).await.unwrap();
    let kept = values(&node).await;
    let files = node.store.extract_files().await.unwrap();
    let broken = copy("visits.csv", &|t| {
        format!("{t}P000001,2026-13-01,in_person,,,\n")
    });
    expect_bad(
        run(&node, &broken, date(2026, 11, 20)).await,
        &["2026-13-01"],
    );
    assert_eq!(values(&node).await, kept);
    assert_eq!(node.store.extract_files().await.unwrap(), files);
}

#[tokio::test]
async fn columns_are_found_by_name_or_by_a_saved_mapping_and_others_are_not_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let (paths, _) = write(tmp.path(), &Synthetic::small(6)).unwrap();
    let node = node(tmp.path()).await;
    // A registry's own column names, and a column with a name in it that must not be kept.
    let visits = tmp.path().join("clinic-visits.csv");
    let text = std::fs::read_to_string(&paths[1]).unwrap();
    let mut lines = text.lines();
    lines.next();
    let mut out = String::from("MRN,Date of visit,visit_type,PGA,pcdai,pucai,Doctor\n");
    for l in lines {
        out.push_str(l);
        out.push_str(",Dr Alder\n");
    }
    std::fs::write(&visits, out).unwrap();
    let files = vec![
        paths[0].clone(),
        visits.clone(),
        paths[2].clone(),
        paths[3].clone(),
    ];
    let refused = run(&node, &files, date(2026, 11, 20))
        .await
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains("fit no table") && refused.contains("--map"),
        "{refused}"
    );
    let map = [
        ("visits", "patient_id", "MRN"),
        ("visits", "visit_date", "Date of visit"),
        ("visits", "pga", "PGA"),
    ]
    .map(|(t, f, c)| (t.to_owned(), f.to_owned(), c.to_owned()));
    let outcome = import::import(
        &node,
        sources(&files),
        &map,
        date(2026, 11, 20),
        "test",
        |_| {},
    )
    .await
    .unwrap();
    let t = outcome.tables.iter().find(|t| t.table == "visits").unwrap();
    assert_eq!(t.unused_columns, ["Doctor"]);
    let rows = node.store.extract_rows("visits").await.unwrap();
    assert!(rows.iter().all(|(_, cells)| !cells.contains("Alder")));
    // The mapping is remembered: the same file imports again with no --map.
    let again = run(&node, &files, date(2026, 11, 20)).await.unwrap();
    assert!(again.nothing_changed());
}

#[tokio::test]
async fn the_command_line_imports_and_refuses_with_one_line() {
    let tmp = tempfile::tempdir().unwrap();
    let (paths, _) = write(tmp.path(), &Synthetic::small(7)).unwrap();
    let dir = tmp.path().join("node");
    drop(node(tmp.path()).await);
    let cli = |args: &[&str]| {
        std::process::Command::new(kit::binary("tandem-node"))
            .arg("--data-dir")
            .arg(&dir)
            .args(args)
            .output()
            .unwrap()
    };
    let p: Vec<&str> = paths.iter().map(|p| p.to_str().unwrap()).collect();
    let out = cli(&[&["import", "--extracted-on", "2026-11-20"][..], &p].concat());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("3600 rows into visits"), "{stdout}");
    assert!(
        stdout.contains("computed 2021-01 to 2026-10 for 300 patients"),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("rows/s"), "progress is shown: {stderr}");
    let again = cli(&[&["import", "--extracted-on", "2026-11-20"][..], &p[1..2]].concat());
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 new values, 0 changed"));
    let bad = tmp.path().join("visits.csv");
    std::fs::write(
        &bad,
        "patient_id,visit_date,visit_type,pga,pcdai,pucai\nP000001,yesterday,in_person,,,\n",
    )
    .unwrap();
    let out = cli(&["import", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("line 2, column visit_date") && err.contains("nothing was imported"),
        "{err}"
    );
    let out = cli(&["import", "--map", "visits.pga", p[1]]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("TABLE.FIELD=COLUMN"));
}
