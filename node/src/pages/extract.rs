//! The extract page: what the network's dictionary asks for (the tables, their columns and
//! what each means), what was last imported, and an upload that imports in the background
//! and shows its progress. The page refreshes itself while an import runs, so it needs no
//! JavaScript.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use tandem_shared::compute::FieldKind;
use tandem_web::pages::Chrome;
use tandem_web::{Lang, Routes, Rule, Signed};

use crate::Error;
use crate::access::Access;
use crate::extract::import::{self, Source};
use crate::state::NodeSite;

/// The largest upload: a registry's extract of some million rows.
const MAX_UPLOAD: usize = 512 * 1024 * 1024;

pub fn routes() -> Routes<NodeSite, Access> {
    Routes::new()
        .get("/extract", Access::Team, page)
        .post_large("/extract", Access::Record, MAX_UPLOAD, upload)
}

#[derive(Debug)]
struct FieldRow {
    name: String,
    kind: String,
    about: String,
}

#[derive(Debug)]
struct TableView {
    name: String,
    description: String,
    file: String,
    fields: Vec<FieldRow>,
}

#[derive(Template, WebTemplate)]
#[template(path = "extract.html")]
struct ExtractPage {
    chrome: Chrome,
    lang: Lang,
    tables: Vec<TableView>,
    can_import: bool,
    running: String,
    done: String,
    changed: String,
    refused: String,
    problems: Vec<String>,
    error: String,
}

fn kind(lang: Lang, k: &FieldKind) -> String {
    match k {
        FieldKind::Key => lang.t("node-field-key"),
        FieldKind::Date => lang.t("node-field-date"),
        FieldKind::Boolean => lang.t("node-field-boolean"),
        FieldKind::Integer { min, max } => lang.t_with(
            "node-field-integer",
            &[("min", (*min).into()), ("max", (*max).into())],
        ),
        FieldKind::Choice { values } => {
            lang.t_with("node-field-choice", &[("values", values.join(", ").into())])
        }
    }
}

async fn view(
    node: &NodeSite,
    principal: &tandem_web::Principal,
    lang: Lang,
    error: String,
) -> Result<ExtractPage, Error> {
    let defs = node.store.definitions().await?;
    let files = node.store.extract_files().await?;
    let tables = defs
        .as_ref()
        .and_then(|d| d.dictionary.as_ref())
        .map(|d| {
            d.tables
                .iter()
                .map(|t| TableView {
                    name: t.name.clone(),
                    description: t.description.clone(),
                    file: match files.get(&t.name) {
                        Some(f) => lang.t_with(
                            "node-extract-table-file",
                            &[
                                ("file", f.file.clone().into()),
                                (
                                    "rows",
                                    lang.number(u64::try_from(f.rows).unwrap_or(0)).into(),
                                ),
                                ("date", lang.date_time(f.imported_at).into()),
                                ("by", f.imported_by.clone().into()),
                            ],
                        ),
                        None => lang.t("node-extract-table-none"),
                    },
                    fields: t
                        .fields
                        .iter()
                        .map(|f| FieldRow {
                            name: f.name.clone(),
                            kind: kind(lang, &f.kind)
                                + &if f.optional {
                                    format!(" · {}", lang.t("node-field-optional"))
                                } else {
                                    String::new()
                                },
                            about: f.description.clone(),
                        })
                        .collect(),
                })
                .collect()
        })
        .unwrap_or_default();
    let state = node.imports.state();
    let running = state.running.map(|r| {
        let left = r
            .left
            .map(|d| lang.t_with("node-import-left", &[("seconds", d.as_secs().into())]))
            .unwrap_or_default();
        lang.t_with(
            "node-import-running",
            &[
                ("by", r.by.into()),
                ("file", r.file.into()),
                ("rows", lang.number(r.rows as u64).into()),
                ("rate", lang.number(r.rows_per_second as u64).into()),
                ("left", left.into()),
            ],
        )
    });
    let (mut done, mut changed, mut refused, mut problems) =
        (String::new(), String::new(), String::new(), Vec::new());
    if let Some(last) = state.last {
        match last.result {
            Ok(o) => {
                done = match o.months {
                    Some((first, last_month)) => lang.t_with(
                        "node-import-done",
                        &[
                            ("rows", lang.number(o.rows as u64).into()),
                            ("patients", lang.number(o.patients as u64).into()),
                            ("first", lang.month(first.year(), first.number()).into()),
                            (
                                "last",
                                lang.month(last_month.year(), last_month.number()).into(),
                            ),
                            ("added", o.added.len().into()),
                            ("changed", o.changed.len().into()),
                        ],
                    ),
                    None => lang.t("node-import-no-month"),
                };
                if !o.changed.is_empty() {
                    changed = lang.t_with(
                        "node-import-changed",
                        &[(
                            "months",
                            o.changed
                                .iter()
                                .map(|(m, month)| {
                                    format!("{m} {}", lang.month(month.year(), month.number()))
                                })
                                .collect::<Vec<_>>()
                                .join(", ")
                                .into(),
                        )],
                    );
                }
            }
            Err(r) => {
                refused = lang.t_with(
                    "node-import-refused",
                    &[
                        ("file", r.file.into()),
                        ("count", (r.problems.len() + r.more).into()),
                    ],
                );
                problems = r.problems;
                if r.more > 0 {
                    problems.push(lang.t_with("node-import-more", &[("count", r.more.into())]));
                }
            }
        }
    }
    Ok(ExtractPage {
        chrome: Chrome::new(node, Some(principal), lang, "/measures"),
        lang,
        tables,
        can_import: Access::Record.allows(&principal.user),
        running: running.unwrap_or_default(),
        done,
        changed,
        refused,
        problems,
        error,
    })
}

async fn page(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
) -> Result<Response, Error> {
    let page = view(&node, &principal, lang, String::new()).await?;
    let running = !page.running.is_empty();
    let mut response = page.into_response();
    if running {
        // The page refreshes itself until the import ends: progress without JavaScript.
        response
            .headers_mut()
            .insert("refresh", axum::http::HeaderValue::from_static("2"));
    }
    Ok(response)
}

/// A file name safe to write in the upload folder.
fn safe_name(name: &str, n: usize) -> String {
    let base: String = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    if base.trim_matches(['.', '_']).is_empty() {
        format!("file-{n}.csv")
    } else {
        base
    }
}

async fn upload(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    mut multipart: Multipart,
) -> Result<Response, Error> {
    let refuse = |error: String| async {
        let page = view(&node, &principal, lang, error).await?;
        Ok::<_, Error>((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
    };
    if import::plan(node.store.definitions().await?.as_ref()).is_err() {
        return refuse(lang.t("node-import-no-dictionary")).await;
    }
    let folder = node
        .dir
        .join("imports")
        .join(uuid::Uuid::new_v4().to_string());
    std::fs::create_dir_all(&folder)
        .map_err(Error::io(format!("cannot create {}", folder.display())))?;
    let mut sources = Vec::new();
    let mut extracted_on = None;
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        Error::Rule(tandem_shared::Error::Invalid(format!(
            "the upload could not be read: {e}"
        )))
    };
    let result: Result<(), Error> = async {
        while let Some(mut field) = multipart.next_field().await.map_err(unreadable)? {
            match field.name() {
                Some("files") => {
                    let name = safe_name(field.file_name().unwrap_or(""), sources.len());
                    // One folder per file keeps its own name for the messages.
                    let dir = folder.join(sources.len().to_string());
                    tokio::fs::create_dir_all(&dir)
                        .await
                        .map_err(Error::io(format!("cannot create {}", dir.display())))?;
                    let path = dir.join(name);
                    let mut out = tokio::fs::File::create(&path)
                        .await
                        .map_err(Error::io(format!("cannot write {}", path.display())))?;
                    let mut size = 0;
                    while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
                        size += chunk.len();
                        tokio::io::AsyncWriteExt::write_all(&mut out, &chunk)
                            .await
                            .map_err(Error::io(format!("cannot write {}", path.display())))?;
                    }
                    if size > 0 {
                        sources.push(Source { path, table: None });
                    }
                }
                Some("extracted_on") => {
                    let text = field.text().await.map_err(unreadable)?;
                    if !text.trim().is_empty() {
                        extracted_on = Some(
                            chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(
                                |_| {
                                    Error::Rule(tandem_shared::Error::Invalid(lang.t_with(
                                        "node-import-bad-date",
                                        &[("text", text.clone().into())],
                                    )))
                                },
                            )?,
                        );
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
    .await;
    let discard = || {
        let _ = std::fs::remove_dir_all(&folder);
    };
    if let Err(e) = result {
        discard();
        return match e {
            Error::Rule(e) => refuse(e.to_string()).await,
            other => Err(other),
        };
    }
    if sources.is_empty() {
        discard();
        return refuse(lang.t("node-import-no-files")).await;
    }
    let by = principal.user.display_name.clone();
    if !node.imports.start(&by) {
        discard();
        return refuse(lang.t("node-import-busy")).await;
    }
    let on = extracted_on.unwrap_or_else(|| chrono::Local::now().date_naive());
    let job = node.clone();
    tokio::spawn(async move {
        let jobs = job.imports.clone();
        let result = import::import(&job, sources, &[], on, &by, move |p| jobs.progress(&p)).await;
        if let Ok(o) = &result {
            let summary = format!(
                "{} rows, {} new values, {} changed",
                o.rows,
                o.added.len(),
                o.changed.len()
            );
            tandem_web::people::audit(&job.web, &by, "extract-imported", "extract", &summary).await;
        }
        job.imports.finish(&by, result);
        let _ = std::fs::remove_dir_all(&folder);
    });
    Ok(Redirect::to("/extract").into_response())
}
