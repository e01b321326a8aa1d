use super::*;

fn found(text: &str) -> Vec<(&str, Category)> {
    Scrubber::new()
        .find(text)
        .into_iter()
        .map(|f| (&text[f.start..f.end], f.category))
        .collect()
}

#[test]
fn structured_identifiers() {
    use Category::*;
    assert_eq!(
        found("Contact hbrooks@riverside.example or (416) 555-0172, see https://x.example/a."),
        [
            ("hbrooks@riverside.example", Email),
            ("(416) 555-0172", Phone),
            ("https://x.example/a", Url)
        ]
    );
    assert_eq!(
        found("workstation 10.22.8.141 failed"),
        [("10.22.8.141", Ip)]
    );
    assert_eq!(found("SSN 523-47-8812 struck out"), [("523-47-8812", Id)]);
    assert_eq!(
        found("(MRN 00458213) in room 412"),
        [("00458213", Id), ("412", Id)]
    );
    assert_eq!(
        found("appeler le 06 12 34 56 78"),
        [("06 12 34 56 78", Phone)]
    );
}

#[test]
fn dates_ages_and_places() {
    use Category::*;
    assert_eq!(
        found("On Monday 9 June and le 3 juillet, then 14/03/2025 and June 2024, not 2024."),
        [
            ("Monday 9 June", Date),
            ("3 juillet", Date),
            ("14/03/2025", Date),
            ("June 2024", Date)
        ]
    );
    assert_eq!(
        found("a 94-year-old grandmother, her grandson is 11"),
        [("94", Age)]
    );
    assert_eq!(
        found("lives at 118 Birchwood Crescent, Oakville, ON L6J 4Z9 now"),
        [
            ("118 Birchwood Crescent", Address),
            ("Oakville", Location),
            ("L6J 4Z9", PostalCode)
        ]
    );
    assert_eq!(
        found("au 14 rue des Lilas, 69003 Lyon, puis au CHU de Nantes"),
        [
            ("14 rue des Lilas", Address),
            ("69003", PostalCode),
            ("Lyon", Location),
            ("CHU de Nantes", Location)
        ]
    );
}

#[test]
fn ordinary_narrative_is_left_alone() {
    for text in [
        "41 of 60 patients were in remission; from 2021-2026 remission rose from 50 % to 75 %.",
        "Doses of 2.5 mg/kg, then 5. PDSA 3: adopt. Cycle 4 was abandoned.",
        "The huddle ran on Tuesdays for four weeks in 2024 with 12 families.",
        "Nous prévoyons que 90 % des visites auront un PCDAI complet.",
    ] {
        assert_eq!(found(text), [], "{text}");
    }
}

#[test]
fn the_same_person_keeps_one_placeholder() {
    let s = Scrubber::new().scrub("Hannah Brooks called. Dr. Okafor replied to Brooks.");
    assert_eq!(
        s.redacted,
        "[NAME-1] called. Dr. [NAME-2] replied to [NAME-1]."
    );
}

#[test]
fn the_roster_finds_names_no_list_knows() {
    let text = "Hope Grant and Xochitl ran the huddle; we hope for a grant.";
    assert!(
        Scrubber::new()
            .find(text)
            .iter()
            .all(|f| &text[f.start..f.end] != "Hope Grant")
    );
    let roster = Roster::parse("# staff\nHope Grant\n\nXochitl Quispe\n").unwrap();
    let s = Scrubber::with_roster(roster).scrub(text);
    assert_eq!(
        s.redacted,
        "[NAME-1] and [NAME-2] ran the huddle; we hope for a grant."
    );
    // Written in lower case, a part that is no ordinary word is still the colleague.
    let roster = Roster::parse("Hope Grant\nXochitl Quispe\n").unwrap();
    let s = Scrubber::with_roster(roster).scrub("quispe and hope grant met; we hope so.");
    assert_eq!(s.redacted, "[NAME-1] and [NAME-2] met; we hope so.");
}

#[test]
fn a_bad_roster_line_is_named() {
    let err = Roster::parse("Hannah Brooks\nMRN 4471\n").unwrap_err();
    assert_eq!(err.line, 2);
    assert!(
        err.to_string().starts_with("roster line 2: contains '4'"),
        "{err}"
    );
}

#[test]
fn offsets_are_bytes_into_the_original() {
    let text = "Réunion le 5 mars 2025 : présents Amélie Dubois.";
    for f in Scrubber::new().find(text) {
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
    }
    assert_eq!(
        found(text),
        [
            ("5 mars 2025", Category::Date),
            ("Amélie Dubois", Category::Name)
        ]
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Text built from pieces the rules react to, so that odd combinations are tried.
    fn narrative() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("Dr. ".to_owned()),
            Just("O'".to_owned()),
            Just("-".to_owned()),
            Just(" ".to_owned()),
            Just(".".to_owned()),
            Just("@".to_owned()),
            Just("/".to_owned()),
            Just("rue ".to_owned()),
            Just("MRN ".to_owned()),
            Just("March ".to_owned()),
            Just("Élise ".to_owned()),
            Just("https://".to_owned()),
            "[0-9]{1,6}",
            "[A-Z][a-z]{0,8}",
            "\\PC{0,6}",
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn findings_are_ordered_disjoint_spans_on_character_boundaries(text in narrative()) {
            let findings = Scrubber::new().find(&text);
            let mut end = 0;
            for f in &findings {
                prop_assert!(f.start >= end && f.start < f.end && f.end <= text.len(), "{findings:?}");
                prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
                end = f.end;
            }
            let redacted = redact(&text, &findings);
            prop_assert!(findings.is_empty() || redacted != text);
        }

        #[test]
        fn any_text_at_all_is_handled(text in "\\PC{0,300}") {
            let s = Scrubber::new().scrub(&text);
            for f in &s.findings {
                prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
            }
        }
    }

    #[test]
    fn hostile_shapes_finish() {
        let scrubber = Scrubber::new();
        for text in [
            "@".repeat(50_000),
            "1-".repeat(50_000),
            "Dr. ".repeat(20_000),
            "A".repeat(100_000),
            "1 ".repeat(50_000),
            "https://".repeat(10_000),
            format!("{}Smith", "Aa ".repeat(30_000)),
            format!("Smith{}", " Aa".repeat(30_000)),
        ] {
            let _ = scrubber.scrub(&text);
        }
    }
}
