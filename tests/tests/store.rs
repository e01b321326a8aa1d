//! One test suite for the hub's `Store`, run against both backends: each test once on a fresh
//! SQLite file and once on a fresh PostgreSQL database. Without `TANDEM_TEST_POSTGRES` the
//! PostgreSQL half is skipped, and says so on the terminal.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::sync::Arc;

use chrono::{Duration, Utc};
use serde_json::{Value, json};
use tandem_hub::Error;
use tandem_hub::catalogue::{FamilyText, search};
use tandem_hub::ingest;
use tandem_hub::store::Answer;
use tandem_hub::store::{
    self, CheckedRelease, CodeStatus, IngestOutcome, IssuedCertificate, Rollup, SearchResults,
    Store,
};
use tandem_hub::store::{Decision, NewStory, StoryState};
use tandem_shared::model::{ClinicId, Language, MeasureId, Tag};
use tandem_shared::protocol::{IdempotencyKey, ProtocolVersion, ReleaseEnvelope, ReleaseItem};
use tandem_tests::database::{Backend, TestDatabase};

/// Run a test body against a fresh store of each backend.
macro_rules! on_both_backends {
    ($($name:ident),+ $(,)?) => {
        $(mod $name {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                run(Backend::Sqlite, |s| Box::pin(super::$name(s))).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                run(Backend::Postgres, |s| Box::pin(super::$name(s))).await;
            }
        })+
    };
}

type Body = fn(Arc<dyn Store>) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>;

async fn run(backend: Backend, body: Body) {
    let Some(db) = TestDatabase::create(backend).await else {
        return;
    };
    let store = store::open(&db.url, 8).await.unwrap();
    body(store).await;
    db.finish().await;
}

on_both_backends!(
    settings_are_kept_and_replaced,
    definitions_get_a_new_version_each_time,
    a_clinic_is_created_once,
    enrolment_codes_work_once_and_expire,
    revoking_a_clinic_revokes_its_certificates_and_codes,
    a_release_is_stored_once_and_replayed_after,
    a_later_value_supersedes_and_rollups_follow,
    a_correction_leaves_the_months_between_alone,
    refused_items_are_not_stored_but_the_sequence_moves_on,
    records_practices_and_catalogue_cursors,
    a_snapshot_copies_everything,
    the_same_release_sent_concurrently_is_stored_once,
    concurrent_releases_from_many_clinics_sum_exactly,
    continuous_values_supersede_exactly,
    people_are_added_once_and_found_by_any_case_of_their_login,
    sessions_links_and_tokens_hold_only_what_they_should,
    failed_logins_are_counted_per_login_and_address_and_the_audit_log_reads_newest_first,
    a_clinics_status_shows_its_last_call_definitions_and_certificate,
    completeness_reads_first_months_and_first_receipts,
    family_texts_keep_their_history_and_search_finds_only_what_is_published_and_public,
);

fn clinic(id: &str) -> ClinicId {
    ClinicId::new(id).unwrap()
}

fn item(v: Value) -> ReleaseItem {
    serde_json::from_value(v).unwrap()
}

fn value(measure: &str, month: &str, n: u64, d: u64) -> ReleaseItem {
    item(json!({"kind": "measure_value", "item": {
        "measure": measure, "month": month, "numerator": n, "denominator": d, "suppressed": false}}))
}

fn suppressed(measure: &str, month: &str, d: Option<u64>) -> ReleaseItem {
    item(json!({"kind": "measure_value", "item": {
        "measure": measure, "month": month, "denominator": d, "suppressed": true}}))
}

fn envelope(key: u128, sequence: u64, items: Vec<ReleaseItem>) -> ReleaseEnvelope {
    ReleaseEnvelope {
        protocol_version: ProtocolVersion,
        idempotency_key: IdempotencyKey(uuid::Uuid::from_u128(key)),
        sequence,
        definitions_version: None,
        items,
    }
}

/// Store a release whose items all passed the checks, except those listed as refused.
async fn ingest(
    store: &dyn Store,
    clinic: &ClinicId,
    envelope: &ReleaseEnvelope,
    refused: &[usize],
) -> Result<IngestOutcome, Error> {
    let verdicts = (0..envelope.items.len())
        .map(|i| {
            if refused.contains(&i) {
                Err(("small-cell".to_owned(), "too small".to_owned()))
            } else {
                Ok(())
            }
        })
        .collect();
    let release = CheckedRelease {
        clinic,
        envelope,
        digest: envelope.payload_digest(),
        verdicts,
        definitions: None,
        received_at: Utc::now(),
    };
    ingest::store_release(store, &release).await
}

/// The clinic most tests release as, created in `store`.
async fn enrolled_alder(store: &dyn Store) -> ClinicId {
    let alder = clinic("alder");
    store
        .create_clinic(&alder, "Alder", Utc::now())
        .await
        .unwrap();
    alder
}

fn stored(outcome: IngestOutcome) -> Answer {
    match outcome {
        IngestOutcome::Stored(a) => a,
        other => panic!("expected the release to be stored, got {other:?}"),
    }
}

async fn series(store: &dyn Store, measure: &str) -> Vec<Rollup> {
    store
        .network_series(&MeasureId::new(measure).unwrap())
        .await
        .unwrap()
}

async fn settings_are_kept_and_replaced(store: Arc<dyn Store>) {
    assert_eq!(store.setting("simulated").await.unwrap(), None);
    store.set_setting("simulated", "true").await.unwrap();
    store.set_setting("simulated", "false").await.unwrap();
    assert_eq!(
        store.setting("simulated").await.unwrap().as_deref(),
        Some("false")
    );
}

async fn definitions_get_a_new_version_each_time(store: Arc<dyn Store>) {
    assert!(store.definitions().await.unwrap().is_none());
    let text = std::fs::read_to_string(tandem_tests::kit::definitions_file()).unwrap();
    let file = tandem_hub::definitions::DefinitionsFile::parse(&text).unwrap();
    let defs = file.definitions("Test", 0);
    assert_eq!(store.put_definitions(&defs).await.unwrap(), 1);
    assert_eq!(store.put_definitions(&defs).await.unwrap(), 2);
    let current = store.definitions().await.unwrap().unwrap();
    assert_eq!(current.version, 2);
    assert_eq!(current.measures, defs.measures);
    assert_eq!(current.vocabulary, defs.vocabulary);
    assert!(
        current
            .vocabulary
            .label(&Tag::new("transition").unwrap())
            .is_some()
    );
}

async fn a_clinic_is_created_once(store: Arc<dyn Store>) {
    let now = Utc::now();
    store
        .create_clinic(&clinic("birch"), "Birch", now)
        .await
        .unwrap();
    store
        .create_clinic(&clinic("alder"), "Alder", now)
        .await
        .unwrap();
    let err = store
        .create_clinic(&clinic("alder"), "Again", now)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
    let all = store.clinics().await.unwrap();
    assert_eq!(
        all.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["alder", "birch"]
    );
    let alder = store.clinic(&clinic("alder")).await.unwrap().unwrap();
    assert_eq!((alder.name.as_str(), alder.last_sequence), ("Alder", 0));
    assert!(store.clinic(&clinic("cedar")).await.unwrap().is_none());
}

async fn enrolment_codes_work_once_and_expire(store: Arc<dyn Store>) {
    let now = Utc::now();
    let alder = clinic("alder");
    store.create_clinic(&alder, "Alder", now).await.unwrap();
    store
        .add_enrolment_code(&alder, "h1", now + Duration::hours(1), now)
        .await
        .unwrap();
    store
        .add_enrolment_code(&alder, "h2", now - Duration::seconds(1), now)
        .await
        .unwrap();
    assert!(
        matches!(store.check_enrolment_code("h1", now).await.unwrap(), CodeStatus::Valid(c) if c.id == alder)
    );
    assert_eq!(
        store.check_enrolment_code("h2", now).await.unwrap(),
        CodeStatus::Expired
    );
    assert_eq!(
        store.check_enrolment_code("nope", now).await.unwrap(),
        CodeStatus::Unknown
    );
    let cert = IssuedCertificate {
        serial: "0a1b".into(),
        clinic: alder.clone(),
        not_after: now + Duration::days(90),
        revoked: false,
    };
    assert!(store.complete_enrolment("h1", &cert, now).await.unwrap());
    assert_eq!(
        store.check_enrolment_code("h1", now).await.unwrap(),
        CodeStatus::Used
    );
    let again = IssuedCertificate {
        serial: "0a1c".into(),
        ..cert.clone()
    };
    assert!(
        !store.complete_enrolment("h1", &again, now).await.unwrap(),
        "a code works once"
    );
    assert!(
        store.certificate("0a1c").await.unwrap().is_none(),
        "nothing recorded for it"
    );
    assert!(
        !store.complete_enrolment("h2", &again, now).await.unwrap(),
        "an expired code fails"
    );
    let found = store.certificate("0a1b").await.unwrap().unwrap();
    assert_eq!((found.clinic, found.revoked), (alder, false));
    assert_eq!(
        found.not_after.timestamp(),
        cert.not_after.timestamp(),
        "expiry kept to the second"
    );
}

async fn revoking_a_clinic_revokes_its_certificates_and_codes(store: Arc<dyn Store>) {
    let now = Utc::now();
    let alder = clinic("alder");
    store.create_clinic(&alder, "Alder", now).await.unwrap();
    store
        .add_enrolment_code(&alder, "h1", now + Duration::hours(1), now)
        .await
        .unwrap();
    let cert = IssuedCertificate {
        serial: "01".into(),
        clinic: alder.clone(),
        not_after: now + Duration::days(90),
        revoked: false,
    };
    store.record_certificate(&cert, now).await.unwrap();
    store.revoke_clinic(&alder, now).await.unwrap();
    assert!(store.certificate("01").await.unwrap().unwrap().revoked);
    assert!(
        store
            .clinic(&alder)
            .await
            .unwrap()
            .unwrap()
            .revoked_at
            .is_some()
    );
    assert_eq!(
        store.check_enrolment_code("h1", now).await.unwrap(),
        CodeStatus::Used
    );
    let err = store
        .revoke_clinic(&clinic("nobody"), now)
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("no clinic with id nobody"),
        "{err}"
    );
}

async fn a_release_is_stored_once_and_replayed_after(store: Arc<dyn Store>) {
    let alder = enrolled_alder(store.as_ref()).await;
    let first = envelope(1, 1, vec![value("remission", "2026-01", 30, 60)]);
    let answer = stored(ingest(store.as_ref(), &alder, &first, &[]).await.unwrap());
    assert_eq!(answer.status, 200);
    let replay = ingest(store.as_ref(), &alder, &first, &[]).await.unwrap();
    assert_eq!(
        replay,
        IngestOutcome::Replayed(answer),
        "the same answer, byte for byte"
    );
    let changed = envelope(1, 1, vec![value("remission", "2026-01", 31, 60)]);
    assert_eq!(
        ingest(store.as_ref(), &alder, &changed, &[]).await.unwrap(),
        IngestOutcome::ConflictingReplay { sequence: 1 }
    );
    let skipped = envelope(3, 3, vec![value("remission", "2026-02", 30, 60)]);
    assert_eq!(
        ingest(store.as_ref(), &alder, &skipped, &[]).await.unwrap(),
        IngestOutcome::OutOfOrder { expected: 2 }
    );
    let reused = envelope(4, 1, vec![value("remission", "2026-02", 30, 60)]);
    assert_eq!(
        ingest(store.as_ref(), &alder, &reused, &[]).await.unwrap(),
        IngestOutcome::OutOfOrder { expected: 2 },
        "a used sequence with a new key is out of order"
    );
    let err = ingest(store.as_ref(), &clinic("nobody"), &first, &[])
        .await
        .unwrap_err();
    assert!(err.to_string().contains("no clinic nobody"), "{err}");
    let rollups = series(store.as_ref(), "remission").await;
    assert_eq!(rollups.len(), 1);
    assert_eq!(
        (rollups[0].numerator_sum, rollups[0].denominator_sum),
        (30, 60)
    );
    assert_eq!(
        store.clinic(&alder).await.unwrap().unwrap().last_sequence,
        1
    );
}

async fn a_later_value_supersedes_and_rollups_follow(store: Arc<dyn Store>) {
    let (alder, birch) = (clinic("alder"), clinic("birch"));
    for c in [&alder, &birch] {
        store
            .create_clinic(c, c.as_str(), Utc::now())
            .await
            .unwrap();
    }
    let month = "2026-03";
    stored(
        ingest(
            store.as_ref(),
            &alder,
            &envelope(1, 1, vec![value("remission", month, 30, 60)]),
            &[],
        )
        .await
        .unwrap(),
    );
    stored(
        ingest(
            store.as_ref(),
            &birch,
            &envelope(2, 1, vec![value("remission", month, 50, 80)]),
            &[],
        )
        .await
        .unwrap(),
    );
    let r = &series(store.as_ref(), "remission").await[0];
    assert_eq!(
        (r.numerator_sum, r.denominator_sum, r.clinics_contributing),
        (80, 140, 2)
    );

    // Alder corrects its figure: the rollup moves by the difference, never adds on top.
    let answer = stored(
        ingest(
            store.as_ref(),
            &alder,
            &envelope(3, 2, vec![value("remission", month, 33, 61)]),
            &[],
        )
        .await
        .unwrap(),
    );
    assert!(
        answer
            .body
            .contains(r#""superseded":["measure_value/remission/2026-03"]"#),
        "{}",
        answer.body
    );
    let r = &series(store.as_ref(), "remission").await[0];
    assert_eq!(
        (r.numerator_sum, r.denominator_sum, r.clinics_contributing),
        (83, 141, 2)
    );

    // Then it is suppressed: out of the sums, into the suppressed count.
    stored(
        ingest(
            store.as_ref(),
            &alder,
            &envelope(4, 3, vec![suppressed("remission", month, Some(61))]),
            &[],
        )
        .await
        .unwrap(),
    );
    let r = &series(store.as_ref(), "remission").await[0];
    assert_eq!(
        (
            r.numerator_sum,
            r.denominator_sum,
            r.clinics_contributing,
            r.clinics_suppressed
        ),
        (50, 80, 1, 1)
    );
    let values = store
        .clinic_series(&alder, &MeasureId::new("remission").unwrap())
        .await
        .unwrap();
    assert_eq!(values.len(), 1);
    assert!(values[0].suppressed && values[0].numerator.is_none());
    assert_eq!(values[0].sequence, 3);
}

/// A release that corrects two months of a span supersedes those two only; the months between
/// them, and other measures, keep their values and rollups.
async fn a_correction_leaves_the_months_between_alone(store: Arc<dyn Store>) {
    let alder = enrolled_alder(store.as_ref()).await;
    let months = ["2026-01", "2026-02", "2026-03"];
    let mut first: Vec<ReleaseItem> = months
        .iter()
        .map(|m| value("remission", m, 30, 60))
        .collect();
    first.push(value("visit-score", "2026-02", 20, 40));
    stored(
        ingest(store.as_ref(), &alder, &envelope(1, 1, first), &[])
            .await
            .unwrap(),
    );
    let correction = envelope(
        2,
        2,
        vec![
            value("remission", "2026-01", 31, 60),
            value("remission", "2026-03", 32, 60),
            value("remission", "2026-04", 33, 60),
        ],
    );
    let answer = stored(
        ingest(store.as_ref(), &alder, &correction, &[])
            .await
            .unwrap(),
    );
    assert!(
        answer.body.contains(
            r#""superseded":["measure_value/remission/2026-01","measure_value/remission/2026-03"]"#
        ),
        "{}",
        answer.body
    );
    let sums: Vec<(String, u64, u64, u64)> = series(store.as_ref(), "remission")
        .await
        .into_iter()
        .map(|r| {
            (
                r.month.to_string(),
                r.numerator_sum,
                r.denominator_sum,
                r.clinics_contributing,
            )
        })
        .collect();
    assert_eq!(
        sums,
        [
            ("2026-01".to_owned(), 31, 60, 1),
            ("2026-02".to_owned(), 30, 60, 1),
            ("2026-03".to_owned(), 32, 60, 1),
            ("2026-04".to_owned(), 33, 60, 1),
        ]
    );
    let other = &series(store.as_ref(), "visit-score").await[0];
    assert_eq!((other.numerator_sum, other.denominator_sum), (20, 40));
}

async fn refused_items_are_not_stored_but_the_sequence_moves_on(store: Arc<dyn Store>) {
    let alder = enrolled_alder(store.as_ref()).await;
    let mixed = envelope(
        1,
        1,
        vec![
            value("remission", "2026-01", 30, 60),
            value("remission", "2026-02", 4, 60),
        ],
    );
    let answer = stored(ingest(store.as_ref(), &alder, &mixed, &[1]).await.unwrap());
    assert_eq!(answer.status, 200);
    assert!(
        answer
            .body
            .contains(r#""rejected":[{"key":"measure_value/remission/2026-02""#),
        "{}",
        answer.body
    );
    let all_refused = envelope(2, 2, vec![value("remission", "2026-03", 4, 60)]);
    let answer = stored(
        ingest(store.as_ref(), &alder, &all_refused, &[0])
            .await
            .unwrap(),
    );
    assert_eq!(answer.status, 422);
    assert!(answer.body.contains("release-rejected"), "{}", answer.body);
    let months: Vec<String> = series(store.as_ref(), "remission")
        .await
        .iter()
        .map(|r| r.month.to_string())
        .collect();
    assert_eq!(months, ["2026-01"]);
    assert_eq!(
        store.clinic(&alder).await.unwrap().unwrap().last_sequence,
        2
    );
    let replay = ingest(store.as_ref(), &alder, &all_refused, &[0])
        .await
        .unwrap();
    assert_eq!(replay, IngestOutcome::Replayed(answer));
}

fn practice(id: u128, title: &str) -> ReleaseItem {
    item(json!({"kind": "practice", "item": {
        "id": uuid::Uuid::from_u128(id), "title": title, "summary": "For families.",
        "detail": "", "public": true, "show_clinic_name": id.is_multiple_of(2)}}))
}

async fn records_practices_and_catalogue_cursors(store: Arc<dyn Store>) {
    let (alder, birch) = (clinic("alder"), clinic("birch"));
    for c in [&alder, &birch] {
        store
            .create_clinic(c, c.as_str(), Utc::now())
            .await
            .unwrap();
    }
    let project = item(json!({"kind": "project", "item": {
        "id": uuid::Uuid::from_u128(7), "title": "Huddles", "aim": "More remission",
        "start": "2026-01"}}));
    let answer = stored(
        ingest(
            store.as_ref(),
            &alder,
            &envelope(
                1,
                1,
                vec![project.clone(), practice(2, "A"), practice(3, "B")],
            ),
            &[],
        )
        .await
        .unwrap(),
    );
    assert!(
        answer.body.contains(r#""accepted":3,"superseded":[]"#),
        "{}",
        answer.body
    );
    let page = store.catalogue(0, 1).await.unwrap();
    assert_eq!(
        (page.entries.len(), page.more, page.next_cursor),
        (1, true, 1)
    );
    assert_eq!(page.entries[0].practice.title.as_str(), "A");
    assert_eq!(
        page.entries[0].clinic.as_deref(),
        Some("alder"),
        "practice 2 shows its clinic"
    );
    let page = store.catalogue(1, 10).await.unwrap();
    assert_eq!(
        (page.entries.len(), page.more, page.next_cursor),
        (1, false, 2)
    );
    assert_eq!(page.entries[0].clinic, None, "practice 3 does not");
    assert!(store.catalogue(2, 10).await.unwrap().entries.is_empty());

    // A changed practice moves to the end of the catalogue, so a reader sees the change.
    let answer = stored(
        ingest(
            store.as_ref(),
            &alder,
            &envelope(2, 2, vec![project, practice(2, "A, revised")]),
            &[],
        )
        .await
        .unwrap(),
    );
    let ack: tandem_shared::protocol::Ack = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(ack.superseded.len(), 2, "{}", answer.body);
    let page = store.catalogue(2, 10).await.unwrap();
    assert_eq!(page.entries.len(), 1);
    assert_eq!(page.entries[0].practice.title.as_str(), "A, revised");
    assert_eq!(page.entries[0].cursor, 3);

    // Another clinic cannot take over a practice id.
    let answer = stored(
        ingest(
            store.as_ref(),
            &birch,
            &envelope(3, 1, vec![practice(2, "Mine now")]),
            &[],
        )
        .await
        .unwrap(),
    );
    assert_eq!(answer.status, 422);
    assert!(answer.body.contains("practice-id-taken"), "{}", answer.body);
    let counts: std::collections::BTreeMap<_, _> =
        store.record_counts().await.unwrap().into_iter().collect();
    assert_eq!(counts.get("project"), Some(&1));
    assert_eq!(counts.get("practice"), Some(&2));
    assert_eq!(counts.get("release"), Some(&3));
}

async fn a_snapshot_copies_everything(store: Arc<dyn Store>) {
    let (alder, birch) = (clinic("alder"), clinic("birch"));
    let now = Utc::now();
    for c in [&alder, &birch] {
        store.create_clinic(c, c.as_str(), now).await.unwrap();
        store
            .add_enrolment_code(c, &format!("code-{c}"), now + Duration::hours(1), now)
            .await
            .unwrap();
    }
    store.set_setting("simulated", "true").await.unwrap();
    stored(
        ingest(
            store.as_ref(),
            &alder,
            &envelope(
                1,
                1,
                vec![
                    value("remission", "2026-01", 30, 60),
                    suppressed("remission", "2026-02", None),
                    practice(2, "A"),
                ],
            ),
            &[],
        )
        .await
        .unwrap(),
    );
    // People, their tokens and the audit log move with the network.
    let accounts = store.accounts();
    let ana = accounts
        .add_user(
            &tandem_web::accounts::NewUser {
                login: "ana@example.org",
                display_name: "Ana",
                role: "admin",
                clinic: None,
            },
            now,
        )
        .await
        .unwrap();
    accounts
        .set_password(ana.id, "argon2-hash", now)
        .await
        .unwrap();
    accounts
        .add_token(ana.id, "export", "token-hash", now)
        .await
        .unwrap();
    accounts
        .audit("ana@example.org", "login", "session", "", now)
        .await
        .unwrap();
    // The catalogue's family texts, with their history, and their search in the copy.
    let flare = family_text("A written plan for flares", "Call the nurse first.");
    for published in [false, true] {
        store
            .save_family_text(
                uuid::Uuid::from_u128(2),
                Language::En,
                &flare,
                published,
                "ana",
                now,
            )
            .await
            .unwrap();
    }
    // A family's story, decided, with what is left of its words (at the hub's precision).
    let at = tandem_hub::store::now();
    let story = NewStory {
        id: uuid::Uuid::from_u128(3),
        practice: uuid::Uuid::from_u128(2),
        lang: Language::Fr,
        original: "Nous avons gardé un carnet.".into(),
        withdraw_hash: "hash-3".into(),
        submitted_at: at,
    };
    store.add_story(&story).await.unwrap();
    store
        .decide_story(story.id, &Decision::Publish("Un carnet.".into()), "ana", at)
        .await
        .unwrap();
    let original = store.export().await.unwrap();
    assert_eq!(original.counts()["measure_values"], 2);
    assert_eq!(original.stories.len(), 1);
    assert_eq!(
        (
            original.counts()["catalogue_texts"],
            original.counts()["catalogue_versions"]
        ),
        (1, 2)
    );
    assert_eq!(
        (
            original.counts()["users"],
            original.counts()["api_tokens"],
            original.counts()["audit_log"]
        ),
        (1, 1, 1)
    );
    // The check that guards migrate-store sees a changed figure, a changed rollup and a lost row.
    let mut changed = original.clone();
    changed.values[0].numerator = changed.values[0].numerator.map(|n| n + 1);
    changed.rollups[0].denominator_sum += 1;
    changed.codes.pop();
    assert_eq!(
        original.differences(&changed),
        [
            "enrolment_codes: 2 rows here, 1 there",
            "measure values differ",
            "network rollups differ"
        ]
    );
    // Copy into a fresh store of each engine the machine has.
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let Some(db) = TestDatabase::create(backend).await else {
            continue;
        };
        let copy = store::open(&db.url, 4).await.unwrap();
        assert!(copy.is_empty().await.unwrap());
        copy.import(&original, false).await.unwrap();
        let exported = copy.export().await.unwrap();
        assert_eq!(
            original.differences(&exported),
            Vec::<String>::new(),
            "{backend:?}"
        );
        assert!(!copy.is_empty().await.unwrap());
        assert_eq!(
            copy.export().await.unwrap().stories,
            original.stories,
            "{backend:?}"
        );
        let found = copy.search_catalogue(&search::query("flare"), 10, 0).await;
        assert_eq!(
            found.unwrap().practices,
            [uuid::Uuid::from_u128(2)],
            "{backend:?}"
        );
        // Replacing empties first; without it, the copy would collide.
        assert!(copy.import(&original, false).await.is_err());
        copy.import(&original, true).await.unwrap();
        assert_eq!(
            original.differences(&copy.export().await.unwrap()),
            Vec::<String>::new()
        );
        // The copy goes on where the original stopped: people log in with the same password
        // and token, and new people and entries get new ids.
        let moved = copy.accounts();
        assert_eq!(
            moved.password_hash(ana.id).await.unwrap().as_deref(),
            Some("argon2-hash")
        );
        assert_eq!(
            moved.token("token-hash").await.unwrap().unwrap().1.id,
            ana.id
        );
        let bo = moved
            .add_user(
                &tandem_web::accounts::NewUser {
                    login: "bo@example.org",
                    display_name: "Bo",
                    role: "lead",
                    clinic: None,
                },
                now,
            )
            .await
            .unwrap();
        assert!(bo.id > ana.id);
        moved
            .audit("bo@example.org", "login", "session", "", now)
            .await
            .unwrap();
        let next = envelope(2, 2, vec![practice(4, "B")]);
        stored(ingest(copy.as_ref(), &alder, &next, &[]).await.unwrap());
        assert_eq!(copy.catalogue(1, 10).await.unwrap().entries[0].cursor, 2);
        db.finish().await;
    }
}

async fn the_same_release_sent_concurrently_is_stored_once(store: Arc<dyn Store>) {
    let alder = enrolled_alder(store.as_ref()).await;
    let release = Arc::new(envelope(
        1,
        1,
        vec![
            value("remission", "2026-01", 30, 60),
            value("steroids", "2026-01", 12, 60),
        ],
    ));
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (store, release, alder) = (store.clone(), release.clone(), alder.clone());
        tasks.push(tokio::spawn(async move {
            ingest(store.as_ref(), &alder, &release, &[]).await
        }));
    }
    let mut outcomes = Vec::new();
    for t in tasks {
        outcomes.push(t.await.unwrap().unwrap());
    }
    let answers: Vec<&Answer> = outcomes
        .iter()
        .map(|o| match o {
            IngestOutcome::Stored(a) | IngestOutcome::Replayed(a) => a,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        outcomes
            .iter()
            .filter(|o| matches!(o, IngestOutcome::Stored(_)))
            .count(),
        1
    );
    assert!(
        answers.windows(2).all(|w| w[0] == w[1]),
        "every sender gets the same answer"
    );
    let r = &series(store.as_ref(), "remission").await[0];
    assert_eq!((r.numerator_sum, r.clinics_contributing), (30, 1));
}

async fn concurrent_releases_from_many_clinics_sum_exactly(store: Arc<dyn Store>) {
    let months: Vec<String> = (1..=12).map(|m| format!("2025-{m:02}")).collect();
    let mut tasks = Vec::new();
    for c in 0..12u64 {
        let id = clinic(&format!("clinic-{c}"));
        store
            .create_clinic(&id, id.as_str(), Utc::now())
            .await
            .unwrap();
        let (store, months) = (store.clone(), months.clone());
        tasks.push(tokio::spawn(async move {
            // Each clinic walks the months in its own order, so their rollup rows are touched
            // in different orders.
            let mut order = months.clone();
            order.rotate_left((c as usize * 5) % 12);
            for (s, chunk) in order.chunks(3).enumerate() {
                let items = chunk
                    .iter()
                    .flat_map(|m| {
                        [
                            value("remission", m, 20 + c, 60),
                            value("steroids", m, 12, 60 + c),
                        ]
                    })
                    .collect();
                let e = envelope(u128::from(c) << 32 | s as u128, s as u64 + 1, items);
                stored(ingest(store.as_ref(), &id, &e, &[]).await.unwrap());
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let expected_numerator: u64 = (0..12).map(|c| 20 + c).sum();
    for r in series(store.as_ref(), "remission").await {
        assert_eq!(
            (r.numerator_sum, r.denominator_sum, r.clinics_contributing),
            (expected_numerator, 720, 12)
        );
    }
    let expected_denominator: u64 = (0..12).map(|c| 60 + c).sum();
    let steroids = series(store.as_ref(), "steroids").await;
    assert_eq!(steroids.len(), 12);
    for r in steroids {
        assert_eq!(
            (r.numerator_sum, r.denominator_sum),
            (144, expected_denominator)
        );
    }
}

async fn continuous_values_supersede_exactly(store: Arc<dyn Store>) {
    let alder = enrolled_alder(store.as_ref()).await;
    let mean = |v: f64| {
        item(json!({"kind": "measure_value", "item": {
            "measure": "wait-days", "month": "2026-01", "denominator": 20, "value": v,
            "suppressed": false}}))
    };
    let (a, b, c) = (12.333333333333334_f64, 10.1_f64, 7.777777777777779_f64);
    let mut expected = 0.0_f64;
    let mut previous = 0.0_f64;
    for (s, v) in [a, b, c, a].into_iter().enumerate() {
        stored(
            ingest(
                store.as_ref(),
                &alder,
                &envelope(s as u128 + 1, s as u64 + 1, vec![mean(v)]),
                &[],
            )
            .await
            .unwrap(),
        );
        // What the store must do: take away exactly what it added before.
        expected += v * 20.0 - previous;
        previous = v * 20.0;
    }
    let r = &series(store.as_ref(), "wait-days").await[0];
    assert_eq!(
        r.value_sum.to_bits(),
        expected.to_bits(),
        "{} vs {expected}",
        r.value_sum
    );
    assert_eq!((r.denominator_sum, r.clinics_contributing), (20, 1));
}

async fn people_are_added_once_and_found_by_any_case_of_their_login(store: Arc<dyn Store>) {
    use tandem_web::accounts::NewUser;
    let accounts = store.accounts();
    let now = Utc::now();
    let ana = accounts
        .add_user(
            &NewUser {
                login: "Ana@Clinic.org",
                display_name: "Ana",
                role: "member",
                clinic: Some("alder"),
            },
            now,
        )
        .await
        .unwrap();
    assert!(!ana.has_password && !ana.disabled);
    assert_eq!(ana.clinic.as_deref(), Some("alder"));
    let again = accounts
        .add_user(
            &NewUser {
                login: "ana@clinic.org",
                display_name: "Other Ana",
                role: "lead",
                clinic: None,
            },
            now,
        )
        .await;
    assert!(
        matches!(again, Err(tandem_web::Error::Conflict(_))),
        "{again:?}"
    );
    let found = accounts
        .user_by_login(" ANA@clinic.org ")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, ana.id);
    assert_eq!(found.login, "Ana@Clinic.org");
    accounts.set_role(ana.id, "lead", None).await.unwrap();
    let lead = accounts.user(ana.id).await.unwrap().unwrap();
    assert_eq!((lead.role.as_str(), lead.clinic), ("lead", None));
    accounts.set_password(ana.id, "hash-1", now).await.unwrap();
    assert_eq!(
        accounts.password_hash(ana.id).await.unwrap().as_deref(),
        Some("hash-1")
    );
    assert!(accounts.user(ana.id).await.unwrap().unwrap().has_password);
    assert_eq!(accounts.users().await.unwrap().len(), 1);
}

async fn sessions_links_and_tokens_hold_only_what_they_should(store: Arc<dyn Store>) {
    use tandem_web::accounts::NewUser;
    let accounts = store.accounts();
    let now = Utc::now();
    let u = accounts
        .add_user(
            &NewUser {
                login: "lee@example.org",
                display_name: "Lee",
                role: "lead",
                clinic: None,
            },
            now,
        )
        .await
        .unwrap();
    // A link works until used, once, and not after it expires.
    accounts
        .add_link(u.id, "link-1", now, now + Duration::hours(1))
        .await
        .unwrap();
    accounts
        .add_link(
            u.id,
            "link-old",
            now - Duration::hours(2),
            now - Duration::hours(1),
        )
        .await
        .unwrap();
    assert_eq!(accounts.link("link-1", now).await.unwrap(), Some(u.id));
    assert_eq!(accounts.link("link-old", now).await.unwrap(), None);
    assert!(accounts.use_link("link-1", now).await.unwrap());
    assert!(!accounts.use_link("link-1", now).await.unwrap());
    assert_eq!(accounts.link("link-1", now).await.unwrap(), None);
    // Sessions: found with their person and CSRF token, touched, ended.
    accounts
        .add_session("s-1", u.id, "csrf-1", now)
        .await
        .unwrap();
    accounts
        .add_session("s-2", u.id, "csrf-2", now)
        .await
        .unwrap();
    let s = accounts.session("s-1").await.unwrap().unwrap();
    assert_eq!((s.user.id, s.csrf.as_str()), (u.id, "csrf-1"));
    let later = now + Duration::minutes(5);
    accounts.touch_session("s-1", later).await.unwrap();
    let touched = accounts.session("s-1").await.unwrap().unwrap().last_seen_at;
    assert!((touched - later).num_milliseconds().abs() < 5);
    accounts.end_session("s-1").await.unwrap();
    assert!(accounts.session("s-1").await.unwrap().is_none());
    // A new password ends every session.
    accounts.set_password(u.id, "hash", now).await.unwrap();
    assert!(accounts.session("s-2").await.unwrap().is_none());
    // Tokens: found by hash while live, revoked only by their owner.
    let id = accounts
        .add_token(u.id, "export", "t-1", now)
        .await
        .unwrap();
    let (found, who, _) = accounts.token("t-1").await.unwrap().unwrap();
    assert_eq!((found, who.id), (id, u.id));
    accounts.touch_token(id, later).await.unwrap();
    assert!(
        accounts.tokens(u.id).await.unwrap()[0]
            .last_used_at
            .is_some()
    );
    assert!(!accounts.revoke_token(u.id + 1, id, now).await.unwrap());
    assert!(accounts.revoke_token(u.id, id, now).await.unwrap());
    assert!(!accounts.revoke_token(u.id, id, now).await.unwrap());
    assert!(accounts.token("t-1").await.unwrap().is_none());
    assert!(accounts.tokens(u.id).await.unwrap()[0].revoked);
    // Disabling ends sessions and revokes tokens; enabling brings neither back.
    accounts.add_session("s-3", u.id, "c", now).await.unwrap();
    accounts.add_token(u.id, "other", "t-2", now).await.unwrap();
    accounts.set_disabled(u.id, true, now).await.unwrap();
    assert!(accounts.user(u.id).await.unwrap().unwrap().disabled);
    assert!(accounts.session("s-3").await.unwrap().is_none());
    assert!(accounts.token("t-2").await.unwrap().is_none());
    accounts.set_disabled(u.id, false, now).await.unwrap();
    assert!(!accounts.user(u.id).await.unwrap().unwrap().disabled);
    assert!(accounts.token("t-2").await.unwrap().is_none());
}

async fn failed_logins_are_counted_per_login_and_address_and_the_audit_log_reads_newest_first(
    store: Arc<dyn Store>,
) {
    let accounts = store.accounts();
    let now = Utc::now();
    for (i, (login, address)) in [("a", "10.0.0.1"), ("a", "10.0.0.2"), ("b", "10.0.0.1")]
        .iter()
        .enumerate()
    {
        accounts
            .add_login_failure(login, address, now - Duration::minutes(i as i64))
            .await
            .unwrap();
    }
    accounts
        .add_login_failure("a", "10.0.0.1", now - Duration::hours(1))
        .await
        .unwrap();
    let since = now - Duration::minutes(15);
    let (by_login, by_address) = accounts
        .login_failures("a", "10.0.0.1", since)
        .await
        .unwrap();
    assert_eq!((by_login.len(), by_address.len()), (2, 2));
    assert!(by_login[0] <= by_login[1], "oldest first");
    accounts.clear_login_failures("a").await.unwrap();
    let (by_login, by_address) = accounts
        .login_failures("a", "10.0.0.1", since)
        .await
        .unwrap();
    assert_eq!((by_login.len(), by_address.len()), (0, 1));
    for action in ["login", "role-changed", "logout"] {
        accounts
            .audit("lee@example.org", action, "session", "", now)
            .await
            .unwrap();
    }
    let log = accounts.audit_log(2).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["logout", "role-changed"]);
}

async fn a_clinics_status_shows_its_last_call_definitions_and_certificate(store: Arc<dyn Store>) {
    let alder = enrolled_alder(store.as_ref()).await;
    let now = Utc::now();
    store
        .record_certificate(
            &IssuedCertificate {
                serial: "01ab".into(),
                clinic: alder.clone(),
                not_after: now + Duration::days(90),
                revoked: false,
            },
            now,
        )
        .await
        .unwrap();
    let before = store.clinic_statuses().await.unwrap();
    assert_eq!(before.len(), 1);
    assert!(before[0].last_seen_at.is_none() && before[0].definitions_version.is_none());
    store.clinic_seen(&alder, now, Some(3)).await.unwrap();
    store.clinic_seen(&alder, now, None).await.unwrap();
    let after = &store.clinic_statuses().await.unwrap()[0];
    assert_eq!(
        after.definitions_version,
        Some(3),
        "a call without definitions keeps them"
    );
    assert!(after.last_seen_at.is_some());
    assert!(after.certificate_expires.is_some_and(|t| t > now));
    store.revoke_clinic(&alder, now).await.unwrap();
    let revoked = &store.clinic_statuses().await.unwrap()[0];
    assert!(revoked.certificate_expires.is_none(), "no live certificate");
}

async fn completeness_reads_first_months_and_first_receipts(store: Arc<dyn Store>) {
    let alder = enrolled_alder(store.as_ref()).await;
    let month = |m: &str| m.parse::<tandem_shared::model::Month>().unwrap();
    assert_eq!(store.clinic_statuses().await.unwrap()[0].first_month, None);
    stored(
        ingest(
            store.as_ref(),
            &alder,
            &envelope(
                1,
                1,
                vec![
                    value("remission", "2026-03", 30, 60),
                    suppressed("remission", "2026-02", None),
                ],
            ),
            &[],
        )
        .await
        .unwrap(),
    );
    assert_eq!(
        store.clinic_statuses().await.unwrap()[0].first_month,
        Some(month("2026-02"))
    );
    // A later release sends an older month and revises March.
    stored(
        ingest(
            store.as_ref(),
            &alder,
            &envelope(
                2,
                2,
                vec![
                    value("remission", "2026-01", 20, 60),
                    value("remission", "2026-03", 31, 60),
                ],
            ),
            &[],
        )
        .await
        .unwrap(),
    );
    assert_eq!(
        store.clinic_statuses().await.unwrap()[0].first_month,
        Some(month("2026-01"))
    );
    let mut got = store
        .reporting(month("2026-01"), month("2026-03"))
        .await
        .unwrap();
    got.sort_by_key(|m| m.month);
    assert_eq!(got.len(), 3);
    assert_eq!((got[0].released, got[0].suppressed), (1, 0));
    assert_eq!((got[1].released, got[1].suppressed), (0, 1));
    // March's first receipt is the first release's, not the revision's.
    assert!(got[2].first_received_at < got[0].first_received_at);
    assert_eq!(got[2].first_received_at, got[1].first_received_at);
    // Only the months asked for.
    assert_eq!(
        store
            .reporting(month("2026-02"), month("2026-02"))
            .await
            .unwrap()
            .len(),
        1
    );
    // A snapshot moved into another store keeps the first month.
    let snapshot = store.export().await.unwrap();
    store.import(&snapshot, true).await.unwrap();
    assert_eq!(
        store.clinic_statuses().await.unwrap()[0].first_month,
        Some(month("2026-01"))
    );
}

fn family_text(title: &str, step: &str) -> FamilyText {
    FamilyText {
        title: title.into(),
        summary: "What families told us helps.".into(),
        problem: "Families did not know what to do.".into(),
        steps: vec![step.into()],
        care_team: String::new(),
        think_about: String::new(),
    }
}

async fn family_texts_keep_their_history_and_search_finds_only_what_is_published_and_public(
    store: Arc<dyn Store>,
) {
    let alder = clinic("alder");
    let now = Utc::now();
    store.create_clinic(&alder, "Alder", now).await.unwrap();
    let hidden = |id: u128| {
        item(json!({"kind": "practice", "item": {
            "id": uuid::Uuid::from_u128(id), "title": "Private", "summary": "For the team.",
            "detail": "", "public": false}}))
    };
    stored(
        ingest(
            store.as_ref(),
            &alder,
            &envelope(
                1,
                1,
                vec![
                    practice(11, "Flares"),
                    practice(12, "Skin"),
                    hidden(13),
                    practice(14, "Visits"),
                ],
            ),
            &[],
        )
        .await
        .unwrap(),
    );
    let id = uuid::Uuid::from_u128;
    let save = |p: u128, lang: Language, text: FamilyText, published: bool| {
        let store = store.clone();
        async move {
            store
                .save_family_text(id(p), lang, &text, published, "eve@example.org", now)
                .await
                .unwrap()
        }
    };
    let found = |q: &'static str, limit: u32, offset: u32| {
        let store = store.clone();
        async move {
            store
                .search_catalogue(&search::query(q), limit, offset)
                .await
                .unwrap()
        }
    };
    assert_eq!(
        save(
            11,
            Language::En,
            family_text("A written plan for flares", "Write the plan."),
            true
        )
        .await,
        1
    );
    save(
        12,
        Language::Fr,
        family_text("Des soins de la peau", "Une étude menée avec les familles."),
        true,
    )
    .await;
    // Published, but the clinic keeps the practice to itself.
    save(
        13,
        Language::En,
        family_text("Flares at night", "Call."),
        true,
    )
    .await;
    // Written, not yet published.
    save(
        12,
        Language::En,
        family_text("Skin care", "Flares of the skin."),
        false,
    )
    .await;
    // The word three times in the text, where 11 has it once in its title.
    save(
        14,
        Language::En,
        family_text(
            "Visits",
            "Bring your plan to each visit; keep the plan; the plan helps.",
        ),
        true,
    )
    .await;

    assert_eq!(found("flares", 10, 0).await.practices, [id(11)]);
    // French stemming and accents: "soins" finds "soins", "soin" and "etude" find it too.
    for q in ["soins", "soin", "etude", "ÉTUDES"] {
        assert_eq!(found(q, 10, 0).await.practices, [id(12)], "{q}");
    }
    // A word in the title counts above the same word in the rest.
    let plan = found("plan", 10, 0).await;
    assert_eq!(
        (plan.practices.as_slice(), plan.total),
        ([id(11), id(14)].as_slice(), 2)
    );
    // Pages: the second of one, and one past the end, both with the total.
    let second = found("plan", 1, 1).await;
    assert_eq!(
        (second.practices.as_slice(), second.total),
        ([id(14)].as_slice(), 2)
    );
    let past = found("plan", 1, 5).await;
    assert_eq!((past.practices.len(), past.total), (0, 2));
    // Every word must match; a query of stop words finds nothing and asks nothing.
    assert!(found("plan skin", 10, 0).await.practices.is_empty());
    assert_eq!(found("the and", 10, 0).await, SearchResults::default());

    // A new version keeps the old one; unpublishing takes it out of search at once.
    assert_eq!(
        save(
            11,
            Language::En,
            family_text("A flare plan", "Write the plan."),
            false
        )
        .await,
        2
    );
    assert!(found("flares", 10, 0).await.practices.is_empty());
    let history = store
        .family_text_history(id(11), Language::En)
        .await
        .unwrap();
    let versions: Vec<(u64, bool, &str)> = history
        .iter()
        .map(|v| (v.version, v.published, v.text.title.as_str()))
        .collect();
    assert_eq!(
        versions,
        [
            (2, false, "A flare plan"),
            (1, true, "A written plan for flares")
        ]
    );
    assert_eq!(history[0].edited_by, "eve@example.org");
    let current = store.family_texts(id(12)).await.unwrap();
    let langs: Vec<(Language, bool)> = current.iter().map(|t| (t.lang, t.published)).collect();
    assert_eq!(langs, [(Language::En, false), (Language::Fr, true)]);
    // The published texts: 12 in French and 13 (the store does not judge what is public),
    // 14; not 11, unpublished, nor 12's English draft.
    let mut published: Vec<(uuid::Uuid, Language)> = store
        .published_family_texts()
        .await
        .unwrap()
        .iter()
        .map(|t| (t.practice, t.lang))
        .collect();
    published.sort_by_key(|(p, _)| *p);
    assert_eq!(
        published,
        [
            (id(12), Language::Fr),
            (id(13), Language::En),
            (id(14), Language::En)
        ]
    );
    // Reactions are counted for public practices only.
    use tandem_hub::store::{Reaction, Reactions};
    for kind in [Reaction::Tried, Reaction::Tried, Reaction::Helped] {
        store.add_reaction(id(11), kind).await.unwrap();
    }
    assert_eq!(
        store.reactions(id(11)).await.unwrap(),
        Reactions {
            tried: 2,
            helped: 1
        }
    );
    let hidden_reaction = store.add_reaction(id(13), Reaction::Tried).await;
    assert!(
        matches!(hidden_reaction, Err(Error::NotFound(_))),
        "{hidden_reaction:?}"
    );
    assert_eq!(store.reactions(id(13)).await.unwrap(), Reactions::default());

    // Stories: kept for public practices only, never published until decided, withdrawn to
    // nothing, and their original words deleted in time.
    let tell = |n: u128, practice: u128, at| NewStory {
        id: id(100 + n),
        practice: id(practice),
        lang: Language::En,
        original: format!("Story {n}: we kept a diary."),
        withdraw_hash: format!("hash-{n}"),
        submitted_at: at,
    };
    let day = Duration::days(1);
    let hidden_story = store.add_story(&tell(9, 13, now)).await;
    assert!(
        matches!(hidden_story, Err(Error::NotFound(_))),
        "{hidden_story:?}"
    );
    for (n, at) in [(1, now - day * 2), (2, now - day), (3, now)] {
        store.add_story(&tell(n, 11, at)).await.unwrap();
    }
    assert!(
        store.add_story(&tell(3, 11, now)).await.is_err(),
        "one id, one story"
    );
    assert!(store.published_stories(id(11)).await.unwrap().is_empty());
    store
        .decide_story(
            id(102),
            &Decision::Publish("We kept a diary.".into()),
            "eve",
            now,
        )
        .await
        .unwrap();
    store
        .decide_story(
            id(103),
            &Decision::Decline("Names a nurse.".into()),
            "eve",
            now,
        )
        .await
        .unwrap();
    let shown = store.published_stories(id(11)).await.unwrap();
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].published.as_deref(), Some("We kept a diary."));
    assert_eq!(
        shown[0].original.as_deref(),
        Some("Story 2: we kept a diary.")
    );
    // The queue: waiting first, then the newest decided.
    let queue: Vec<(uuid::Uuid, StoryState)> = store
        .stories()
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.id, s.state))
        .collect();
    assert_eq!(queue[0], (id(101), StoryState::Waiting));
    assert_eq!(queue.len(), 3);
    let by_token = store.story_by_token("hash-2").await.unwrap().unwrap();
    assert_eq!(by_token.id, id(102));
    assert!(store.story_by_token("hash-x").await.unwrap().is_none());
    store.withdraw_story(id(102)).await.unwrap();
    let gone = store.story(id(102)).await.unwrap().unwrap();
    assert_eq!(
        (gone.state, gone.original, gone.published),
        (StoryState::Withdrawn, None, None)
    );
    assert!(store.published_stories(id(11)).await.unwrap().is_empty());
    assert!(matches!(
        store.withdraw_story(id(102)).await,
        Err(Error::Conflict(_))
    ));
    assert!(matches!(
        store
            .decide_story(id(102), &Decision::Publish("x".into()), "eve", now)
            .await,
        Err(Error::Conflict(_))
    ));
    // Nothing is old enough yet; a month on, the declined story's original goes; two months
    // on, the waiting one is declined with nothing left of it.
    assert_eq!(store.purge_stories(now).await.unwrap(), 0);
    assert_eq!(store.purge_stories(now + day * 31).await.unwrap(), 1);
    let declined = store.story(id(103)).await.unwrap().unwrap();
    assert_eq!(
        (declined.original, declined.reason.as_deref()),
        (None, Some("Names a nurse."))
    );
    assert_eq!(
        store.story(id(101)).await.unwrap().unwrap().state,
        StoryState::Waiting
    );
    assert_eq!(store.purge_stories(now + day * 59).await.unwrap(), 1);
    let expired = store.story(id(101)).await.unwrap().unwrap();
    assert_eq!(
        (expired.state, expired.original, expired.decided_by),
        (StoryState::Declined, None, None)
    );
    // A saved text changes the generation: the catalogue's pages are computed again.
    let before = store.generation().await.unwrap();
    save(14, Language::Fr, family_text("Visites", "Le plan."), false).await;
    assert_ne!(store.generation().await.unwrap(), before);

    // When the clinic stops sharing a practice, it leaves the catalogue's search with it.
    stored(
        ingest(
            store.as_ref(),
            &alder,
            &envelope(2, 2, vec![hidden(14)]),
            &[],
        )
        .await
        .unwrap(),
    );
    assert!(found("visits", 10, 0).await.practices.is_empty());
    // No text for a practice the hub does not hold.
    let missing = store
        .save_family_text(
            id(99),
            Language::En,
            &family_text("X", "Y"),
            true,
            "eve",
            now,
        )
        .await;
    assert!(matches!(missing, Err(Error::NotFound(_))), "{missing:?}");
}
