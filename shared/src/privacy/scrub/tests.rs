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

/// How real nursing notes are written: in capitals, in lower case, in shorthand. These notes
/// are Tandem's own, written to the habits of the PhysioNet notes, not taken from them.
mod real_notes {
    use super::*;
    use Category::*;

    /// The texts found in `text` under `category`.
    fn of(category: Category, text: &str) -> Vec<&str> {
        found(text)
            .into_iter()
            .filter(|(_, c)| *c == category)
            .map(|(t, _)| t)
            .collect()
    }

    fn names(text: &str) -> Vec<&str> {
        of(Name, text)
    }

    #[test]
    fn names_after_a_title_in_any_case() {
        assert_eq!(names("K 3.1, REPLETED. DR. OKONJO AWARE."), ["OKONJO"]);
        assert_eq!(names("bp goal < 120 per dr okonjo. cont ntg."), ["okonjo"]);
        assert_eq!(
            names("PRONOUNCED BY DR. L. RUUSKAVAARA AT 0310."),
            ["L. RUUSKAVAARA"]
        );
        assert_eq!(
            names("Discussed with Drs. Haley and Moreau; will cont plan."),
            ["Haley", "Moreau"]
        );
        // "MR" is mitral regurgitation and "MS" mental status.
        assert!(names("ECHO: MILD MR AND TR. MS CHANGES RESOLVED.").is_empty());
    }

    #[test]
    fn relatives_and_signatures() {
        assert_eq!(names("SOCIAL: WIFE MARGUERITE AT BEDSIDE."), ["MARGUERITE"]);
        assert_eq!(
            names("social: his wife, Janet Olberding, called twice."),
            ["Janet Olberding"]
        );
        assert_eq!(names("K. Lindqvist, R.N."), ["K. Lindqvist"]);
        assert_eq!(names("Pt requesting to speak w/ Rabbi Cohen."), ["Cohen"]);
        assert_eq!(
            names("PT'S SON, JAMES, IN TO VISIT THIS EVENING."),
            ["JAMES"]
        );
        assert_eq!(
            names("florinda ashgrove np into eval."),
            ["florinda ashgrove"]
        );
        // Everyday words after a relative, or before a credential, are not names.
        assert!(names("WIFE STATES SHE IS TIRED. WILL CONSULT SKIN CARE RN.").is_empty());
        assert!(names("son and husband visisted this pm. daughter called.").is_empty());
    }

    #[test]
    fn a_name_found_once_is_found_in_any_case() {
        assert_eq!(
            names("DR ABERNATHY AWARE OF K. plan per abernathy: recheck in am"),
            ["ABERNATHY", "abernathy"]
        );
        assert_eq!(names("Dr. Price saw him; the price was fine."), ["Price"]);
    }

    #[test]
    fn clinical_shorthand_is_left_alone() {
        for note in [
            "GU: Foley draining amber urine. Lasix 40mg IV given with good effect.",
            "RESP: ON CPAP 5/5 40%, PS 10/5, WEANED TO 10/5 OVERNIGHT. ABG 7.39/41/98.",
            "neuro: alert, mae. abd soft, nt/nd. Hct 28.1, PVCs noted. 5/5 strength bilat.",
            "BP 98-100/50'S, HR 100-120 AFIB, UO 20-30CC/HR. TF AT 600X12. 1/2 NS AT 75.",
            "Pt on propofol and heparin gtts. R IJ and L fem lines intact. Pt turned q2h.",
            "ID: TMAX 99.5, WBC 12.4. CONT VANCO/ZOSYN. ENDO: RISS. ROOM AIR O2 SAT 95%.",
        ] {
            assert_eq!(found(note), [], "{note}");
        }
    }

    #[test]
    fn dates_as_notes_write_them() {
        let dates = |text| of(Date, text);
        assert_eq!(dates("extubated 7/22, reintubated 7/24."), ["7/22", "7/24"]);
        assert_eq!(dates("intubated 6/30-7/2 for CHF"), ["6/30", "7/2"]);
        assert_eq!(dates("Admitted 10-18 to MICU from ED."), ["10-18"]);
        assert_eq!(dates("PMH: '09 PTCA to LCX."), ["09"]);
        assert_eq!(
            dates("S/P CABG 1957, 1971. ENDOCARDITIS."),
            ["1957", "1971"]
        );
        assert_eq!(
            dates("cultures drawn on the 11th. awaiting results"),
            ["11th"]
        );
        assert_eq!(
            dates("Nursing Progress Note 28 Oct, 88 0700-1245"),
            ["28 Oct, 88"]
        );
        assert_eq!(
            dates("pt's birthday is tomorrow, may 16, 2015."),
            ["may 16, 2015"]
        );
        assert_eq!(
            dates("hoping to be home for Thanksgiving."),
            ["Thanksgiving"]
        );
        assert_eq!(dates("s/p bil mastectomies 11/92, transferred"), ["11/92"]);
        // A year of the project stays, and so do settings, times and fractions.
        assert!(dates("In 2024 we held two flare slots; by 2025 it was three.").is_empty());
        assert!(dates("PS 5/5, BP 120/80, 1/2 NS, pain 7/10, @ 2000 and ~ 1930.").is_empty());
    }

    #[test]
    fn a_flat_or_suite_alone_is_an_address() {
        assert_eq!(
            of(Address, "Rua Arapiraca 1943\n Apt. 559\n then app. 4B"),
            ["Apt. 559", "app. 4B"]
        );
        assert!(of(Address, "back to unit 4, the suite of tests, apt to fall").is_empty());
    }

    #[test]
    fn the_time_a_date_is_stamped_with_goes_with_it() {
        assert_eq!(
            of(
                Date,
                "On 2010-12-13 02:43:15.476824, the panel met; seen 7/22 14:30 again."
            ),
            ["2010-12-13 02:43:15.476824", "7/22 14:30"]
        );
        // A time alone is no date.
        assert!(of(Date, "meds given at 14:30 and 0500").is_empty());
    }

    #[test]
    fn local_phone_forms_after_a_cue_and_written_on_extensions() {
        assert_eq!(
            found("Desk: 07700 316 475. Call me on 76 177 296 or 650-752-7354x549 today."),
            [
                ("07700 316 475", Phone),
                ("76 177 296", Phone),
                ("650-752-7354x549", Phone)
            ]
        );
        assert_eq!(
            found("tél. 514 555 01 99, cellulaire 0612 345 678"),
            [("514 555 01 99", Phone), ("0612 345 678", Phone)]
        );
        // Without a cue, groups of digits are figures; with one, decimals and short runs stay.
        assert!(of(Phone, "BP 120 80, HR 76 177 296 in the chart").is_empty());
        assert!(of(Phone, "call if temp 38.5 or 39.2 and 100 mg x2").is_empty());
    }

    #[test]
    fn pagers_and_extensions() {
        assert_eq!(
            found("Pager: #43210. PG 33211. call ext 4471 with questions."),
            [("43210", Phone), ("33211", Phone), ("4471", Phone)]
        );
    }

    #[test]
    fn places_of_care() {
        let places = |text| of(Location, text);
        assert_eq!(
            places("PT TRANSFERRED TO WESTBROOK 4 TODAY."),
            ["WESTBROOK"]
        );
        assert_eq!(places("47yo male admitted to GH w/ chest pain."), ["GH"]);
        assert_eq!(
            places("has been accepted at Holy Cross, awaiting consent."),
            ["Holy Cross"]
        );
        assert_eq!(
            places("Was accepted by St. Agnes but cannot leave."),
            ["St. Agnes"]
        );
        assert_eq!(
            places("PT LIVES IN ELLICOTT CITY WITH WIFE."),
            ["ELLICOTT CITY"]
        );
        assert_eq!(
            places("CAME FROM PINE RIDGE NURSING HOME WITH HIS WIFE."),
            ["PINE RIDGE NURSING HOME"]
        );
        assert_eq!(
            places("d/c'd to Oak Manor rehab this afternoon."),
            ["Oak Manor"]
        );
        // "IN" after a name on a shouted line is a word, not Indiana.
        assert!(places("PT'S SON, JAMES, IN TO VISIT THIS EVENING.").is_empty());
        assert!(places("CCU Nursing Progress Note 1900-0700").is_empty());
        // Units of a hospital identify nobody.
        assert!(places("TRANSFERRED TO CCU, THEN SENT TO THE FLOOR AND HOME.").is_empty());
    }

    #[test]
    fn towns_and_hospitals_of_the_gazetteers() {
        let places = |text| of(Location, text);
        // GeoNames towns: a name with a word of no list needs no cue, in any case.
        assert_eq!(
            places("Family drove down from Glen Burnie overnight."),
            ["Glen Burnie"]
        );
        assert_eq!(
            places("WIFE STAYING WITH SISTER IN CATONSVILLE TONIGHT"),
            ["CATONSVILLE"]
        );
        assert_eq!(places("son lives near rimouski"), ["rimouski"]);
        assert_eq!(
            places("The family resides in Tulare County."),
            ["Tulare County"]
        );
        // Everyday words need capitals and a cue, or a place mid-sentence where case tells.
        assert_eq!(
            places("Her daughter flew in from Silver Spring."),
            ["Silver Spring"]
        );
        assert!(places("Haldol given due to high level of agitation.").is_empty());
        assert!(places("ORIENTED TO SELF AND PERSON ONLY, ENTERPRISE NOTED.").is_empty());
        // A town's name in a person's name stays a name.
        assert!(places("Seen with Marisol Ferndale-Ostrowski, her mother.").is_empty());
        // CMS hospitals: the name a note uses, and initials written in capitals.
        assert_eq!(
            places("Old records faxed by Union Memorial this morning."),
            ["Union Memorial"]
        );
        assert_eq!(
            places("PT TO BE EVALUATED BY UMMC FOR TRANSPLANT"),
            ["UMMC"]
        );
        // A hospital called after a word ("Strong Memorial") is no hospital without its tail.
        assert!(places("He has a strong cough, changed to TLC today.").is_empty());
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
    let text = "Hope Grant ran the huddle with Xochitl; we hope for a grant.";
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
        "[NAME-1] ran the huddle with [NAME-2]; we hope for a grant."
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
            // Notes' habits: capitals, shorthand, cues at the very end of a text.
            Just(", IN".to_owned()),
            Just("per dr ".to_owned()),
            Just("WIFE ".to_owned()),
            Just("Pager #".to_owned()),
            Just("TRANSFERRED TO ".to_owned()),
            Just(", RN".to_owned()),
            Just("St. ".to_owned()),
            Just("\n".to_owned()),
            Just("'".to_owned()),
            Just("%".to_owned()),
            Just(" x".to_owned()),
            "[A-Z]{2,8}",
            "[a-z]{2,8}",
            "[0-9]{1,6}",
            "[A-Z][a-z]{0,8}",
            "\\PC{0,6}",
        ];
        proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
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

/// What real nursing notes do that the first rules missed, each in a sentence of its own kind
/// (none copied from a development set): roles before names, plural relatives, names joined by
/// "and", everyday first names after a relative, hand-offs, places after "@" and "seen at".
#[test]
fn nursing_note_habits() {
    use Category::*;
    let names = |text: &str| -> Vec<String> {
        found(text)
            .into_iter()
            .filter(|(_, c)| *c == Name)
            .map(|(s, _)| s.to_owned())
            .collect()
    };
    assert_eq!(names("called resident (Baker) re: K 3.1"), ["Baker"]);
    assert_eq!(names("Report given to RN Sue at 1900."), ["Sue"]);
    assert_eq!(names("per rn lisa, pt was restless"), ["lisa"]);
    assert_eq!(names("Resident: Cho. Plan unchanged."), ["Cho"]);
    assert_eq!(names("wife jane at bedside"), ["jane"]);
    assert_eq!(names("Family: sons Peter and Paul."), ["Peter", "Paul"]);
    assert_eq!(
        names("FAMILY IN, SON JOHN AND DAUGHTER SUSAN."),
        ["JOHN", "SUSAN"]
    );
    assert_eq!(names("family in (wife sandy, son rob)."), ["sandy", "rob"]);
    assert_eq!(names("Per Gray, hold the 6 pm dose."), ["Gray"]);
    assert_eq!(names("Neuro: pt asking for Frank often."), ["Frank"]);
    assert_eq!(names("Signed out to Mike."), ["Mike"]);
    assert_eq!(names("nurse kathy hoyt gave report"), ["kathy hoyt"]);
    // What must stay: verbs after a relative, devices after "per", roles alone.
    assert!(names("wife will call tonight, son may visit").is_empty());
    assert!(names("UO adequate per Foley, resident aware").is_empty());
    assert!(names("pcp appt next week; fellow to follow").is_empty());
    assert_eq!(
        found("Seen at BWH ER, then bed @ gbmc"),
        [("BWH", Location), ("gbmc", Location)]
    );
    assert_eq!(
        found("RETIRED TEACHER FROM DUNDALK. INTUBATED AT HTIS TIME."),
        [("DUNDALK", Location)]
    );
    assert_eq!(
        found("LAST CO/CI (10/17 0500) 3.43/1.98, PS 5/5"),
        [("10/17", Date)]
    );
}
