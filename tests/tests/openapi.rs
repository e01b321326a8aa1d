#![allow(clippy::unwrap_used)]
//! The OpenAPI documents at `/api/v1/openapi.json` of the hub and the node: version 3.1, and
//! every `/api/v1` route of each router in it with its method, and nothing the router does not
//! serve.

use std::collections::BTreeSet;

use reqwest::StatusCode;
use serde_json::{Value, json};
use tandem_tests::kit::{HubProcess, NodeProcess};

type Operations = BTreeSet<(String, String)>;

/// The `/api/v1` routes of a route table, as (method, path).
fn api_routes(table: impl Iterator<Item = (String, String)>) -> Operations {
    table
        .filter(|(_, path)| path.starts_with("/api/v1/"))
        .map(|(method, path)| (method.to_lowercase(), path))
        .collect()
}

/// The operations a document describes, as (method, path).
fn described(doc: &Value) -> Operations {
    doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .filter(|k| ["get", "post", "put", "delete", "patch"].contains(&k.as_str()))
                .map(move |m| (m.clone(), path.clone()))
        })
        .collect()
}

fn assert_same(routed: &Operations, described: &Operations) {
    let missing: Vec<_> = routed.difference(described).collect();
    assert!(
        missing.is_empty(),
        "routes missing from the OpenAPI document: {missing:?}"
    );
    let extra: Vec<_> = described.difference(routed).collect();
    assert!(extra.is_empty(), "described but not routed: {extra:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_describes_every_api_route() {
    let hub = HubProcess::start().await;
    // No token: the description of the API is public, its figures are not.
    let response = reqwest::get(format!("{}/api/v1/openapi.json", hub.web_url()))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let doc: Value = response.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"), "{doc}");
    assert_eq!(doc["info"]["title"], "Tandem hub API");
    assert!(doc["components"]["securitySchemes"]["token"].is_object());

    let routed = api_routes(
        tandem_hub::app::route_table()
            .into_iter()
            .map(|r| (r.method.as_str().to_owned(), r.path.to_owned())),
    );
    assert!(routed.len() >= 9, "{routed:?}");
    let described = described(&doc);
    assert_same(&routed, &described);

    // Each operation says what it answers, and its errors are problem details.
    for (method, path) in &described {
        let op = &doc["paths"][path][method];
        assert!(op["responses"]["200"].is_object(), "{method} {path}");
    }
    let series = &doc["paths"]["/api/v1/measures/{measure}/series"]["get"];
    assert_eq!(series["parameters"][0]["name"], "measure");
    assert_eq!(series["parameters"][0]["in"], "path");
    assert!(
        series["responses"]["404"]["content"]["application/problem+json"].is_object(),
        "{series}"
    );
    assert!(doc["components"]["schemas"]["NetworkSeries"]["properties"]["points"].is_object());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_node_openapi_document_describes_every_api_route() {
    let hub = HubProcess::start().await;
    let node = NodeProcess::start_enrolled(&hub, "alder", "Alder Children's").await;
    // No token: the description of the API is public, the clinic's records are not.
    let response = reqwest::get(format!("{}/openapi.json", node.api))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let doc: Value = response.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"), "{doc}");
    assert_eq!(doc["info"]["title"], "Tandem node API");
    let routed = api_routes(
        tandem_node::api::route_table()
            .into_iter()
            .map(|r| (r.method.as_str().to_owned(), r.path.to_owned())),
    );
    assert!(routed.len() >= 25, "{routed:?}");
    assert_same(&routed, &described(&doc));
    for (method, path) in described(&doc) {
        let op = &doc["paths"][&path][&method];
        assert!(
            op["responses"]
                .as_object()
                .unwrap()
                .keys()
                .any(|k| k.starts_with('2')),
            "{method} {path} says no success"
        );
    }
    // A lead-only operation says a member is refused, and a body's schema is the record's.
    let approve = &doc["paths"]["/api/v1/releases/{id}/approve"]["post"];
    assert!(approve["responses"]["403"].is_object(), "{approve}");
    let project = &doc["components"]["schemas"]["NewProject"];
    assert!(project["properties"]["aim"].is_object(), "{project}");
    assert!(
        !project["required"]
            .as_array()
            .unwrap()
            .contains(&json!("id")),
        "the node makes up an id: {project}"
    );
}
