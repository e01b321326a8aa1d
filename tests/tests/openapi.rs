#![allow(clippy::unwrap_used)]
//! The OpenAPI document at `/api/v1/openapi.json`: version 3.1, and every `/api/v1` route of
//! the hub's router in it with its method, and nothing the router does not serve.

use std::collections::BTreeSet;

use reqwest::StatusCode;
use serde_json::Value;
use tandem_tests::kit::HubProcess;

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

    let routed: BTreeSet<(String, String)> = tandem_hub::app::route_table()
        .into_iter()
        .filter(|r| r.path.starts_with("/api/v1/"))
        .map(|r| (r.method.as_str().to_lowercase(), r.path.to_owned()))
        .collect();
    assert!(routed.len() >= 9, "{routed:?}");
    let described: BTreeSet<(String, String)> = doc["paths"]
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
        .collect();
    let missing: Vec<_> = routed.difference(&described).collect();
    assert!(
        missing.is_empty(),
        "routes missing from the OpenAPI document: {missing:?}"
    );
    let extra: Vec<_> = described.difference(&routed).collect();
    assert!(extra.is_empty(), "described but not routed: {extra:?}");

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
