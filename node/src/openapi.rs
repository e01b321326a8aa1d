//! The OpenAPI 3.1 description of the node's local API (`/api/v1`), served at
//! `GET /api/v1/openapi.json`. The bodies' schemas come from the types the handlers read and
//! write; the operations are listed here, one line each. A test checks that every `/api/v1`
//! route of the router is in it, and the contract test holds the node to it under fuzzing.

use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use tandem_shared::model::{MeasureEntry, PartnershipProfile, PdsaCycle, Practice, Project};
use utoipa::ToSchema;

use crate::api::{
    Approval, BuildRelease, CatalogueEntry, OutboxView, RecordView, ReleaseView, RosterBody,
    RosterSaved, Status,
};
use crate::review::Choice;
use crate::store::SyncError;
use crate::sync::SyncReport;

/// Who may call an operation, as the route table says.
#[derive(Clone, Copy)]
enum Who {
    /// Anyone on the clinic's team, patient partners included.
    Team,
    /// Staff who record improvement work.
    Record,
    /// The clinic's leads.
    Lead,
}

/// The schemas of the bodies, by name, with the schemas they refer to.
fn schemas() -> Map<String, Value> {
    let mut out = Map::new();
    let mut add = |name: &str, schema: utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>| {
        let mut schema = serde_json::to_value(schema).unwrap_or_default();
        inline_text(&mut schema);
        out.insert(name.to_owned(), schema);
    };
    fn nested<T: ToSchema>(
        add: &mut impl FnMut(&str, utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>),
    ) {
        let mut found = Vec::new();
        T::schemas(&mut found);
        for (name, schema) in found {
            add(&name, schema);
        }
    }
    macro_rules! schema {
        ($name:literal, $ty:ty) => {
            add($name, <$ty as utoipa::PartialSchema>::schema());
            nested::<$ty>(&mut add);
        };
    }
    schema!("Project", Project<String>);
    schema!("PdsaCycle", PdsaCycle<String>);
    schema!("PartnershipProfile", PartnershipProfile);
    schema!("Practice", Practice<String>);
    schema!("MeasureEntry", MeasureEntry);
    schema!("RecordView", RecordView);
    schema!("ReleaseView", ReleaseView);
    schema!("BuildRelease", BuildRelease);
    schema!("Approval", Approval);
    schema!("OutboxView", OutboxView);
    schema!("Choice", Choice);
    schema!("RosterBody", RosterBody);
    schema!("RosterSaved", RosterSaved);
    schema!("SyncError", SyncError);
    schema!("SyncReport", SyncReport);
    schema!("CatalogueEntry", CatalogueEntry);
    schema!("Status", Status);
    schema!("Month", tandem_shared::model::Month);
    schema!("MeasureId", tandem_shared::model::MeasureId);
    schema!("Tag", tandem_shared::model::Tag);
    // What a client sends to create or replace a record: the server fills in the id from the
    // URL or a new one, and a cycle's sequence number, so neither is required.
    for (name, from, filled) in [
        ("NewProject", "Project", &["id"][..]),
        ("NewPdsaCycle", "PdsaCycle", &["id", "sequence"]),
        ("NewPartnershipProfile", "PartnershipProfile", &["id"]),
        ("NewPractice", "Practice", &["id"]),
        ("NewMeasureEntry", "MeasureEntry", &["measure", "month"]),
    ] {
        let mut schema = out[from].clone();
        if let Some(required) = schema.get_mut("required").and_then(Value::as_array_mut) {
            required.retain(|r| !filled.iter().any(|f| r == f));
        }
        out.insert(name.into(), schema);
    }
    out
}

/// The records' text fields are generic (`Project<T>`, text before and after redaction), and
/// utoipa refers to their `T` by name: here it is always a string.
fn inline_text(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if map.get("$ref").and_then(Value::as_str) == Some("#/components/schemas/String") {
                *schema = json!({"type": "string"});
            } else {
                map.values_mut().for_each(inline_text);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(inline_text),
        _ => {}
    }
}

fn reference(schema: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{schema}")})
}

fn body(description: &str, schema: Value) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": schema}}})
}

fn problem(description: &str) -> Value {
    json!({"description": description,
        "content": {"application/problem+json": {"schema": reference("ProblemDetails")}}})
}

fn list_of(schema: &str) -> Value {
    json!({"type": "array", "items": reference(schema)})
}

/// One operation: who may call it, what it reads, and what it answers besides the shared
/// answers of `tandem_service::openapi::complete`.
fn operation(
    tag: &str,
    summary: &str,
    who: Who,
    request: Option<&str>,
    responses: &[(&str, Value)],
) -> Value {
    let mut op = json!({"tags": [tag], "summary": summary, "responses": {}});
    if let Some(schema) = request {
        op["requestBody"] = json!({"required": true,
            "content": {"application/json": {"schema": reference(schema)}}});
    }
    for (status, response) in responses {
        op["responses"][*status] = response.clone();
    }
    if !matches!(who, Who::Team) {
        op["responses"]["403"] = problem("This person's role may not do this");
    }
    op
}

fn parameter(name: &str, place: &str, schema: Value, description: &str) -> Value {
    json!({"name": name, "in": place, "required": place == "path", "schema": schema,
        "description": description})
}

/// The node's document, with what every operation may answer.
pub fn document() -> utoipa::openapi::OpenApi {
    let record = |s| {
        body(
            "The record and where it stands in the release gate",
            reference(s),
        )
    };
    let mut paths = Map::new();
    let mut add = |path: &str, method: &str, op: Value| {
        let item = paths.entry(path).or_insert_with(|| json!({}));
        item[method] = op;
    };
    let record_id = parameter(
        "id",
        "path",
        json!({"type": "string", "format": "uuid"}),
        "The record's id",
    );
    for (path, tag, schema, new) in [
        ("projects", "projects", "Project", "NewProject"),
        ("cycles", "cycles", "PdsaCycle", "NewPdsaCycle"),
        (
            "partnership-profiles",
            "partnership",
            "PartnershipProfile",
            "NewPartnershipProfile",
        ),
        ("practices", "practices", "Practice", "NewPractice"),
    ] {
        // Patient partners record their own partnership profiles; the rest is for staff.
        let writer = if tag == "partnership" {
            Who::Team
        } else {
            Who::Record
        };
        let many = format!("/api/v1/{path}");
        let one = format!("/api/v1/{path}/{{id}}");
        let views = body(
            "Every record of this kind, with where each stands",
            list_of("RecordView"),
        );
        add(
            &many,
            "get",
            operation(tag, "List them", Who::Team, None, &[("200", views)]),
        );
        let create = operation(
            tag,
            &format!("Record a new one (a {schema}); the id is made up if not given"),
            writer,
            Some(new),
            &[
                ("201", record("RecordView")),
                (
                    "409",
                    problem("A record with this id already exists: use PUT"),
                ),
                (
                    "422",
                    problem(
                        "The record breaks a rule (a reference to nothing, a length), and which",
                    ),
                ),
            ],
        );
        add(&many, "post", create);
        let mut get = operation(
            tag,
            "One of them",
            Who::Team,
            None,
            &[
                ("200", record("RecordView")),
                ("404", problem("No record with this id")),
            ],
        );
        get["parameters"] = json!([record_id]);
        add(&one, "get", get);
        let mut put = operation(
            tag,
            &format!("Replace one (a {schema}), or create it with this id"),
            writer,
            Some(new),
            &[
                ("200", record("RecordView")),
                ("201", record("RecordView")),
                (
                    "422",
                    problem("The record breaks a rule, or its id is not the one in the URL"),
                ),
            ],
        );
        put["parameters"] = json!([record_id]);
        add(&one, "put", put);
    }

    let status = body("Where the node stands", reference("Status"));
    add(
        "/api/v1/status",
        "get",
        operation(
            "node",
            "Where the node stands",
            Who::Team,
            None,
            &[("200", status)],
        ),
    );
    let measures = body(
        "The network's measure definitions, as the hub published them",
        json!({"type": "array", "items": {"type": "object"}}),
    );
    add(
        "/api/v1/measures",
        "get",
        operation(
            "measures",
            "The network's measures",
            Who::Team,
            None,
            &[("200", measures)],
        ),
    );
    let mut values = operation(
        "measures",
        "Monthly values recorded here",
        Who::Team,
        None,
        &[
            (
                "200",
                body(
                    "The values, each with where it stands",
                    list_of("RecordView"),
                ),
            ),
            ("400", problem("The query string cannot be read")),
        ],
    );
    values["parameters"] = json!([parameter(
        "measure",
        "query",
        reference("MeasureId"),
        "Only this measure's values"
    )]);
    add("/api/v1/measure-values", "get", values);
    let mut put_value = operation(
        "measures",
        "Record a month's value of a measure",
        Who::Record,
        Some("NewMeasureEntry"),
        &[
            ("200", record("RecordView")),
            ("201", record("RecordView")),
            (
                "422",
                problem(
                    "Not a measure of the network, not a month, or a value that breaks its rules",
                ),
            ),
        ],
    );
    put_value["parameters"] = json!([
        parameter(
            "measure",
            "path",
            reference("MeasureId"),
            "The measure's id"
        ),
        parameter("month", "path", reference("Month"), "The month, YYYY-MM"),
    ]);
    add("/api/v1/measure-values/{measure}/{month}", "put", put_value);

    let release_id = parameter(
        "id",
        "path",
        json!({"type": "integer", "format": "int64"}),
        "The release's number",
    );
    let reviews = body("The latest releases, newest first", list_of("ReleaseView"));
    add(
        "/api/v1/releases",
        "get",
        operation(
            "releases",
            "Releases built for review",
            Who::Team,
            None,
            &[("200", reviews)],
        ),
    );
    let build = operation(
        "releases",
        "Build a release for review: the exact bytes that would leave, de-identified",
        Who::Record,
        Some("BuildRelease"),
        &[
            (
                "201",
                body("The release, for review", reference("ReleaseView")),
            ),
            ("404", problem("A record named is not on this node")),
            ("422", problem("Neither or both of unreleased and items")),
        ],
    );
    add("/api/v1/releases", "post", build);
    let mut one_release = operation(
        "releases",
        "One release, for review",
        Who::Team,
        None,
        &[
            ("200", body("The release", reference("ReleaseView"))),
            ("404", problem("No release with this number")),
        ],
    );
    one_release["parameters"] = json!([release_id]);
    add("/api/v1/releases/{id}", "get", one_release);
    let mut approve = operation(
        "releases",
        "Approve the exact bytes reviewed, by their SHA-256: they join the outbox",
        Who::Lead,
        Some("Approval"),
        &[
            (
                "200",
                body(
                    "The approved release in the outbox",
                    reference("OutboxView"),
                ),
            ),
            ("404", problem("No release with this number")),
            ("409", problem("Already approved or withdrawn")),
            (
                "422",
                problem("The hash is not this release's, or the release cannot be approved"),
            ),
        ],
    );
    approve["parameters"] = json!([release_id]);
    add("/api/v1/releases/{id}/approve", "post", approve);
    let outbox = body(
        "Every approved release, newest first, with exactly what it carried",
        list_of("OutboxView"),
    );
    add(
        "/api/v1/outbox",
        "get",
        operation(
            "outbox",
            "The outbound log",
            Who::Team,
            None,
            &[("200", outbox)],
        ),
    );
    let mut withdraw = operation(
        "outbox",
        "Withdraw an approved release that has not reached the hub",
        Who::Lead,
        None,
        &[
            (
                "204",
                json!({"description": "Withdrawn: it will not be sent"}),
            ),
            ("404", problem("No release with this number in the outbox")),
            (
                "409",
                problem("It had already reached the hub; it is now shown as sent"),
            ),
        ],
    );
    withdraw["parameters"] = json!([parameter(
        "sequence",
        "path",
        json!({"type": "integer", "format": "int64", "minimum": 0}),
        "The release's number in the outbox"
    )]);
    add("/api/v1/outbox/{sequence}/withdraw", "post", withdraw);
    let choice = operation(
        "releases",
        "Add a redaction the scrubber missed, or remove a false one",
        Who::Record,
        Some("Choice"),
        &[
            ("201", body("The choice, as kept", reference("Choice"))),
            ("404", problem("The record is not on this node")),
            (
                "422",
                problem("The text changed since it was reviewed, or the span is not in it"),
            ),
        ],
    );
    add("/api/v1/redactions", "post", choice);
    let roster = body("One person's name per line", reference("RosterBody"));
    add(
        "/api/v1/roster",
        "get",
        operation(
            "roster",
            "The names always redacted",
            Who::Lead,
            None,
            &[("200", roster)],
        ),
    );
    let set_roster = operation(
        "roster",
        "Replace the names always redacted",
        Who::Lead,
        Some("RosterBody"),
        &[(
            "200",
            body("How many names it holds", reference("RosterSaved")),
        )],
    );
    add("/api/v1/roster", "put", set_roster);
    let errors = body(
        "What the hub refused, and why, newest first",
        list_of("SyncError"),
    );
    add(
        "/api/v1/sync-errors",
        "get",
        operation(
            "sync",
            "What the hub refused",
            Who::Team,
            None,
            &[("200", errors)],
        ),
    );
    let sync = operation(
        "sync",
        "Sync with the hub now",
        Who::Record,
        None,
        &[
            (
                "200",
                body("What was sent and received", reference("SyncReport")),
            ),
            (
                "409",
                problem("A sync is already running, or the node is not enrolled"),
            ),
            ("502", problem("The hub could not be reached, or refused")),
        ],
    );
    add("/api/v1/sync", "post", sync);
    let catalogue = body(
        "The practices the network shared",
        list_of("CatalogueEntry"),
    );
    add(
        "/api/v1/catalogue",
        "get",
        operation(
            "catalogue",
            "The network's practices",
            Who::Team,
            None,
            &[("200", catalogue)],
        ),
    );
    let mut this = operation(
        "api",
        "This document",
        Who::Team,
        None,
        &[(
            "200",
            body("The OpenAPI 3.1 document", json!({"type": "object"})),
        )],
    );
    this["security"] = json!([{}]);
    add("/api/v1/openapi.json", "get", this);

    let doc = json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Tandem node API",
            "description": "The clinic's own API, on this server only: record improvement \
                work, build releases, review and approve the exact bytes that leave, and see \
                what left. Nothing here leaves the clinic until a lead approves it. Errors are \
                application/problem+json.",
            "version": env!("CARGO_PKG_VERSION"),
            "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"},
        },
        "paths": paths,
        "components": {"schemas": schemas()},
        "security": [{"token": []}],
    });
    // The document is built from values this module wrote, so it always reads back.
    let doc = serde_json::from_value(doc).unwrap_or_default();
    tandem_service::openapi::complete(
        doc,
        "A personal API token (`tandem-node token create --user LOGIN`), or the session \
         cookie of a signed-in person.",
    )
}

/// `GET /api/v1/openapi.json`.
pub async fn openapi_json() -> Response {
    axum::Json(document()).into_response()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    #[test]
    fn the_document_reads_back_whole() {
        let doc = serde_json::to_value(super::document()).unwrap();
        assert_eq!(doc["info"]["title"], "Tandem node API");
        let paths = doc["paths"].as_object().unwrap();
        assert!(paths.len() >= 20, "{}", paths.len());
        // Nothing was lost reading it back: every reference resolves.
        let text = doc.to_string();
        for (i, _) in text.match_indices("#/components/schemas/") {
            let name: String = text[i + 21..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            assert!(
                doc["components"]["schemas"][&name].is_object(),
                "{name} is referred to but not defined"
            );
        }
    }
}
