//! The one place where input is checked. Each check returns an [`Error`] whose message a person
//! can act on; the node runs these on what staff enter, the hub on what nodes send.

use crate::Error;
use crate::model::{
    Credits, CycleStatus, Measure, MeasureEntry, MeasureKind, Month, Narrative, PartnershipProfile,
    PdsaCycle, Practice, Project, TagVocabulary,
};
use crate::privacy;
use crate::protocol::{Definitions, ReleaseItem};

/// The name of a character that changes how a text reads without being seen: direction
/// overrides and isolates ("Trojan Source"), and zero-width characters that split a word a
/// reviewer or the scrubber reads whole.
fn hidden(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{202A}'..='\u{202E}' => "a direction override",
        '\u{2066}'..='\u{2069}' => "a direction isolate",
        '\u{200B}' => "a zero-width space",
        '\u{200C}' | '\u{200D}' => "a zero-width joiner",
        '\u{2060}' => "a word joiner",
        '\u{FEFF}' => "a zero-width no-break space",
        '\u{00AD}' => "a soft hyphen",
        _ => return None,
    })
}

/// Where HTML markup starts in `value`, with the tag: `<b`, `</p`, `<!--`, `<script`. A `<`
/// before a space or a digit ("BP < 90", "<5 years") is text.
fn markup(value: &str) -> Option<(usize, String)> {
    let chars: Vec<char> = value.chars().collect();
    chars.windows(2).enumerate().find_map(|(i, w)| {
        let opens = w[0] == '<' && (w[1].is_ascii_alphabetic() || matches!(w[1], '/' | '!' | '?'));
        opens.then(|| {
            let tag: String = chars[i..]
                .iter()
                .take(12)
                .take_while(|c| !c.is_whitespace() && **c != '>')
                .collect();
            (i + 1, tag)
        })
    })
}

/// A free-text field: not empty when required, not too long, no control or invisible
/// characters, no HTML.
pub fn text(field: &str, value: &str, max: usize, required: bool) -> Result<(), Error> {
    if required && value.trim().is_empty() {
        return Err(Error::EmptyText {
            field: field.to_owned(),
        });
    }
    let len = value.chars().count();
    if len > max {
        return Err(Error::TextTooLong {
            field: field.to_owned(),
            len,
            max,
        });
    }
    if let Some(position) = value
        .chars()
        .position(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return Err(Error::ControlCharacter {
            field: field.to_owned(),
            position: position + 1,
        });
    }
    if let Some((position, name)) = value
        .chars()
        .enumerate()
        .find_map(|(i, c)| hidden(c).map(|name| (i, name)))
    {
        return Err(Error::HiddenCharacter {
            field: field.to_owned(),
            position: position + 1,
            name,
        });
    }
    if let Some((position, tag)) = markup(value) {
        return Err(Error::Markup {
            field: field.to_owned(),
            position,
            tag,
        });
    }
    Ok(())
}

/// Every free-text field of a record.
pub fn narrative<T: AsRef<str>, N: Narrative<T>>(record: &N) -> Result<(), Error> {
    record
        .text_fields()
        .iter()
        .try_for_each(|f| text(f.name, f.value.as_ref(), f.max, f.required))
}

fn invalid(message: String) -> Error {
    Error::Invalid(message)
}

const MAX_TEAM: u32 = 10_000;
const MAX_TAGS: usize = 20;
/// The most condition tags, and topic tags, a network's vocabulary may hold.
const MAX_VOCABULARY: usize = 500;
/// No clinic counts a trillion of anything in a month; a larger number is a typo.
pub const MAX_COUNT: u64 = 1_000_000_000_000;

/// A project: its texts and its team counts.
pub fn project<T: AsRef<str>>(p: &Project<T>) -> Result<(), Error> {
    narrative(p)?;
    let t = &p.team;
    if [
        t.clinicians,
        t.other_staff,
        t.patient_partners,
        t.family_partners,
    ]
    .iter()
    .any(|&n| n > MAX_TEAM)
    {
        return Err(invalid(format!(
            "team counts must be at most {MAX_TEAM}; check the numbers of clinicians, staff and \
             partners"
        )));
    }
    Ok(())
}

/// A PDSA cycle: its texts, its months and its decision.
pub fn cycle<T: AsRef<str>>(c: &PdsaCycle<T>) -> Result<(), Error> {
    narrative(c)?;
    if c.sequence == 0 {
        return Err(invalid(
            "cycle sequence numbers start at 1 for a project's first cycle".into(),
        ));
    }
    if c.follows == Some(c.id) {
        return Err(invalid(
            "a cycle cannot follow itself; link it to an earlier cycle of its project".into(),
        ));
    }
    if let Some(end) = c.end
        && end < c.start
    {
        return Err(invalid(format!(
            "the cycle ends in {end}, before it starts in {}; check the months",
            c.start
        )));
    }
    if c.status == CycleStatus::Complete && c.act.decision.is_none() {
        return Err(invalid(
            "a complete cycle needs an Act decision: adopt, adapt, abandon or continue".into(),
        ));
    }
    Ok(())
}

/// A partnership profile: its head counts.
pub fn partnership(p: &PartnershipProfile) -> Result<(), Error> {
    if p.parity.patients > MAX_TEAM || p.parity.professionals > MAX_TEAM {
        return Err(invalid(format!(
            "parity head counts must be at most {MAX_TEAM}"
        )));
    }
    Ok(())
}

/// The most people of one role a practice credits.
pub const MAX_CREDITED: u32 = 99;

/// A practice: its texts, tags and credits.
pub fn practice<T: AsRef<str>>(p: &Practice<T>) -> Result<(), Error> {
    narrative(p)?;
    if p.conditions.len() > MAX_TAGS || p.topics.len() > MAX_TAGS {
        return Err(invalid(format!(
            "a practice may have at most {MAX_TAGS} condition tags and {MAX_TAGS} topic tags"
        )));
    }
    credits(&p.credits)
}

/// A practice's credits: each role and stage once, each count from 1 to `MAX_CREDITED`.
pub fn credits(c: &Credits) -> Result<(), Error> {
    for (i, r) in c.roles.iter().enumerate() {
        if r.count == 0 || r.count > MAX_CREDITED {
            return Err(invalid(format!(
                "credits: {} {} is not a count of people; give a whole number from 1 to \
                 {MAX_CREDITED}, or leave the role out",
                r.count,
                r.role.key()
            )));
        }
        if c.roles[..i].iter().any(|o| o.role == r.role) {
            return Err(invalid(format!(
                "credits: the role {} is counted twice; give it once",
                r.role.key()
            )));
        }
    }
    for (i, s) in c.stages.iter().enumerate() {
        if c.stages[..i].contains(s) {
            return Err(invalid(format!(
                "credits: the stage {} is listed twice",
                s.key()
            )));
        }
    }
    if c.roles.is_empty() && !c.stages.is_empty() {
        return Err(invalid(
            "credits: stages without any role; count who took part, or leave the stages out".into(),
        ));
    }
    Ok(())
}

/// A practice's tags are words of the network's vocabulary.
pub fn practice_tags<T>(p: &Practice<T>, vocabulary: &TagVocabulary) -> Result<(), Error> {
    for (kind, tags, known) in [
        ("condition", &p.conditions, &vocabulary.conditions),
        ("topic", &p.topics, &vocabulary.topics),
    ] {
        if let Some(tag) = tags.iter().find(|t| !known.iter().any(|l| &l.id == *t)) {
            let list: Vec<&str> = known.iter().map(|l| l.id.as_str()).collect();
            return Err(Error::UnknownTag {
                kind,
                tag: tag.clone(),
                known: if list.is_empty() {
                    "none yet (sync with the hub to fetch the network's vocabulary)".into()
                } else {
                    list.join(", ")
                },
            });
        }
    }
    Ok(())
}

/// The network's tag vocabulary: each tag once, with a label in English and in French.
pub fn vocabulary(v: &TagVocabulary) -> Result<(), Error> {
    let mut seen = std::collections::HashSet::new();
    for (kind, list) in [("condition", &v.conditions), ("topic", &v.topics)] {
        if list.len() > MAX_VOCABULARY {
            return Err(invalid(format!(
                "the vocabulary has {} {kind} tags; at most {MAX_VOCABULARY} are allowed",
                list.len()
            )));
        }
        for l in list {
            if !seen.insert(&l.id) {
                return Err(invalid(format!(
                    "tag {} is in the vocabulary twice; give each tag one entry, as a condition \
                     or a topic",
                    l.id
                )));
            }
            text(&format!("tag {}: en", l.id), &l.en, 80, true)?;
            text(&format!("tag {}: fr", l.id), &l.fr, 80, true)?;
        }
    }
    Ok(())
}

/// A network's measure definitions: unique ids, the texts people need, sensible goals.
pub fn measures(measures: &[Measure]) -> Result<(), Error> {
    if measures.is_empty() {
        return Err(invalid("define at least one measure".into()));
    }
    let mut seen = std::collections::HashSet::new();
    for m in measures {
        if !seen.insert(&m.id) {
            return Err(invalid(format!(
                "measure {} is defined twice; give each measure its own id",
                m.id
            )));
        }
        let field = |name: &str| format!("measure {}: {name}", m.id);
        text(&field("title"), &m.title, 200, true)?;
        text(&field("description"), &m.description, 2_000, true)?;
        text(&field("definition"), &m.definition, 4_000, true)?;
        if let Some(fr) = &m.fr {
            text(&field("fr.title"), &fr.title, 200, true)?;
            text(&field("fr.description"), &fr.description, 2_000, true)?;
        }
        match &m.kind {
            MeasureKind::Rate {
                multiplier,
                exposure_unit,
            } => {
                if *multiplier == 0 {
                    return Err(invalid(format!(
                        "measure {}: the rate multiplier must be at least 1 (for example 100 \
                         for a rate per 100 patient-months)",
                        m.id
                    )));
                }
                text(&field("exposure_unit"), exposure_unit, 100, true)?;
            }
            MeasureKind::Continuous { unit } => text(&field("unit"), unit, 100, true)?,
            MeasureKind::Proportion | MeasureKind::Count => {}
        }
        if let Some(goal) = m.goal {
            let proportion = matches!(m.kind, MeasureKind::Proportion);
            if !goal.is_finite() || goal < 0.0 || (proportion && goal > 1.0) {
                return Err(invalid(format!(
                    "measure {}: the goal {goal} is out of range{}",
                    m.id,
                    if proportion {
                        "; a proportion's goal is between 0 and 1 (0.8 for 80 %)"
                    } else {
                        "; it must be a finite number of at least 0"
                    }
                )));
            }
        }
    }
    Ok(())
}

/// Find a measure among the network's definitions.
pub fn known_measure<'a>(
    measures: &'a [Measure],
    id: &crate::model::MeasureId,
) -> Result<&'a Measure, Error> {
    measures
        .iter()
        .find(|m| &m.id == id)
        .ok_or_else(|| Error::UnknownMeasure {
            measure: id.clone(),
            known: if measures.is_empty() {
                "none yet".into()
            } else {
                measures
                    .iter()
                    .map(|m| m.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        })
}

/// A monthly entry for a measure: a known measure, a month that has started, and the numbers
/// the measure's kind needs, consistent with each other.
pub fn measure_entry<'a>(
    measures: &'a [Measure],
    entry: &MeasureEntry,
    current: Month,
) -> Result<&'a Measure, Error> {
    checked_entry(measures, entry, current, false)
}

fn checked_entry<'a>(
    measures: &'a [Measure],
    entry: &MeasureEntry,
    current: Month,
    suppressed: bool,
) -> Result<&'a Measure, Error> {
    let measure = known_measure(measures, &entry.measure)?;
    if entry.month > current {
        return Err(Error::FutureMonth {
            measure: entry.measure.clone(),
            month: entry.month,
            current,
        });
    }
    shape(measure, entry, suppressed)?;
    Ok(measure)
}

/// Which numbers a kind needs. A suppressed value has had some withheld, so only what is
/// present is checked for consistency.
fn shape(measure: &Measure, e: &MeasureEntry, suppressed: bool) -> Result<(), Error> {
    let wrong = |problem: String| Error::WrongShape {
        measure: e.measure.clone(),
        month: e.month,
        problem,
    };
    let kind = measure.kind.name();
    let (need_n, need_d, need_v) = match measure.kind {
        MeasureKind::Proportion => (true, true, false),
        MeasureKind::Rate { .. } => (true, true, false),
        MeasureKind::Count => (true, false, false),
        MeasureKind::Continuous { .. } => (false, true, true),
    };
    let has = [
        e.numerator.is_some(),
        e.denominator.is_some(),
        e.value.is_some(),
    ];
    for (name, need, present) in [
        ("numerator", need_n, has[0]),
        ("denominator", need_d, has[1]),
        ("value", need_v, has[2]),
    ] {
        if need && !present && !suppressed {
            return Err(wrong(format!("{kind} needs a {name}, and none was given")));
        }
        if !need && present {
            return Err(wrong(format!(
                "{kind} takes no {name}; remove it (a proportion and a rate take a numerator \
                 and a denominator, a count a numerator, a continuous measure a value and \
                 its number of observations as the denominator)"
            )));
        }
    }
    if let Some(c) = [e.numerator, e.denominator]
        .into_iter()
        .flatten()
        .find(|&c| c > MAX_COUNT)
    {
        return Err(wrong(format!(
            "{c} is implausibly large for a monthly count (the limit is {MAX_COUNT}); check it"
        )));
    }
    if let Some(v) = e.value
        && !v.is_finite()
    {
        return Err(wrong(format!("the value must be a finite number, not {v}")));
    }
    if let (MeasureKind::Proportion, Some(n), Some(d)) = (&measure.kind, e.numerator, e.denominator)
        && n > d
    {
        return Err(Error::NumeratorAboveDenominator {
            measure: e.measure.clone(),
            month: e.month,
            numerator: n,
            denominator: d,
        });
    }
    if let (MeasureKind::Rate { .. }, Some(n), Some(0)) =
        (&measure.kind, e.numerator, e.denominator)
        && n > 0
    {
        return Err(wrong(format!(
            "{n} events with no exposure is impossible; give the exposure"
        )));
    }
    Ok(())
}

/// One released item as the hub receives it: everything [`measure_entry`] checks, the
/// disclosure policy, and the free-text gate on every text.
pub fn released_item(item: &ReleaseItem, defs: &Definitions, current: Month) -> Result<(), Error> {
    match item {
        ReleaseItem::MeasureValue(v) => {
            let measure = checked_entry(&defs.measures, &v.as_entry(), current, v.suppressed())?;
            privacy::check_released(measure, v, &defs.policy)
        }
        ReleaseItem::Project(p) => {
            project(p)?;
            for m in &p.measures {
                known_measure(&defs.measures, m)?;
            }
            gate(p)
        }
        ReleaseItem::Cycle(c) => {
            cycle(c)?;
            gate(c)
        }
        ReleaseItem::Partnership(p) => partnership(p),
        ReleaseItem::Practice(p) => {
            practice(p)?;
            practice_tags(p, &defs.vocabulary)?;
            gate(p)
        }
    }
}

/// The free-text gate on every text of a record.
fn gate<T: AsRef<str>, N: Narrative<T>>(record: &N) -> Result<(), Error> {
    record
        .text_fields()
        .iter()
        .try_for_each(|f| privacy::check_text(f.name, f.value.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Direction, Family, MeasureId, Period};

    fn measures() -> Vec<Measure> {
        let m = |id: &str, kind| Measure {
            id: MeasureId::new(id).unwrap(),
            title: id.into(),
            description: String::new(),
            definition: String::new(),
            kind,
            better: Direction::HigherIsBetter,
            family: Family::Outcome,
            period: Period::Monthly,
            goal: None,
            cumulative: false,
            fr: None,
            compute: None,
        };
        vec![
            m("remission", MeasureKind::Proportion),
            m(
                "admissions",
                MeasureKind::Rate {
                    multiplier: 100,
                    exposure_unit: "patient-months".into(),
                },
            ),
            m(
                "wait-days",
                MeasureKind::Continuous {
                    unit: "days".into(),
                },
            ),
        ]
    }

    fn entry(measure: &str, month: &str, n: Option<u64>, d: Option<u64>) -> MeasureEntry {
        MeasureEntry {
            measure: MeasureId::new(measure).unwrap(),
            month: month.parse().unwrap(),
            numerator: n,
            denominator: d,
            value: None,
        }
    }

    fn now() -> Month {
        "2026-11".parse().unwrap()
    }

    #[test]
    fn a_numerator_above_its_denominator_is_named_exactly() {
        let err = measure_entry(
            &measures(),
            &entry("remission", "2026-03", Some(41), Some(40)),
            now(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "numerator 41 is larger than denominator 40 for measure remission, 2026-03; a \
             proportion cannot exceed 100 %"
        );
    }

    #[test]
    fn future_months_and_unknown_measures_are_refused() {
        let err = measure_entry(
            &measures(),
            &entry("remission", "2026-12", Some(1), Some(40)),
            now(),
        )
        .unwrap_err();
        assert!(matches!(err, Error::FutureMonth { .. }), "{err}");
        let err = measure_entry(
            &measures(),
            &entry("steroids", "2026-01", Some(1), Some(40)),
            now(),
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("known measures are: remission, admissions, wait-days"),
            "{err}"
        );
        assert!(
            measure_entry(
                &measures(),
                &entry("remission", "2026-11", Some(1), Some(40)),
                now()
            )
            .is_ok()
        );
    }

    #[test]
    fn each_kind_needs_its_own_numbers() {
        let err = measure_entry(
            &measures(),
            &entry("remission", "2026-01", Some(3), None),
            now(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("needs a denominator"), "{err}");
        let mut e = entry("wait-days", "2026-01", None, Some(30));
        assert!(measure_entry(&measures(), &e, now()).is_err());
        e.value = Some(f64::NAN);
        assert!(
            measure_entry(&measures(), &e, now())
                .unwrap_err()
                .to_string()
                .contains("finite")
        );
        e.value = Some(12.5);
        assert!(measure_entry(&measures(), &e, now()).is_ok());
        let err = measure_entry(
            &measures(),
            &entry("admissions", "2026-01", Some(2), Some(0)),
            now(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("no exposure"), "{err}");
    }

    #[test]
    fn texts_must_be_present_short_and_printable() {
        assert!(text("aim", "  ", 10, true).is_err());
        assert!(text("aim", "", 10, false).is_ok());
        let err = text("aim", "abcdefghijk", 10, true).unwrap_err();
        assert_eq!(
            err.to_string(),
            "aim is 11 characters long; shorten it to at most 10"
        );
        let err = text("aim", "ok\u{7}", 10, true).unwrap_err();
        assert!(err.to_string().contains("control character at character 3"));
        assert!(text("aim", "line\nbreak\tand tab", 100, true).is_ok());
    }

    #[test]
    fn texts_must_not_hide_characters_or_carry_markup() {
        let err = text("aim", "Call \u{202E}4321-555\u{202C} today", 100, true).unwrap_err();
        assert_eq!(
            err.to_string(),
            "aim contains an invisible character (a direction override) at character 6; remove \
             it: it can make a text read otherwise than it is written"
        );
        let err = text("aim", "Dr Tre\u{200B}mblay", 100, true).unwrap_err();
        assert!(
            err.to_string()
                .contains("a zero-width space) at character 7"),
            "{err}"
        );
        let err = text(
            "summary",
            "Fewer flares <script>alert(1)</script>",
            100,
            true,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "summary contains HTML markup at character 14 (<script…); write plain text: pages \
             show a text as it is written"
        );
        assert!(text("summary", "see <a href=x>", 100, true).is_err());
        assert!(text("summary", "ok</p>", 100, true).is_err());
        // What clinicians write with "<" stays.
        assert!(
            text(
                "summary",
                "BP < 90, age <5, 3<4 and a -> b; « guillemets »",
                100,
                true
            )
            .is_ok()
        );
        assert!(text("summary", "Élodie, garçon, 😀 and CJK 看护", 100, true).is_ok());
    }

    fn practice_tagged(conditions: &[&str], topics: &[&str]) -> Practice<String> {
        let tags = |list: &[&str]| {
            list.iter()
                .map(|t| crate::model::Tag::new(*t).unwrap())
                .collect()
        };
        Practice {
            id: uuid::Uuid::nil(),
            title: "Flare line".into(),
            summary: "Call before noon, be seen today.".into(),
            detail: String::new(),
            language: Default::default(),
            conditions: tags(conditions),
            topics: tags(topics),
            co_designed: false,
            cycles: vec![],
            public: false,
            show_clinic_name: false,
            credits: Default::default(),
        }
    }

    fn vocabulary(conditions: &[&str], topics: &[&str]) -> TagVocabulary {
        let labels = |list: &[&str]| {
            list.iter()
                .map(|t| crate::model::TagLabel {
                    id: crate::model::Tag::new(*t).unwrap(),
                    en: t.to_string(),
                    fr: t.to_string(),
                })
                .collect()
        };
        TagVocabulary {
            conditions: labels(conditions),
            topics: labels(topics),
        }
    }

    #[test]
    fn tags_come_from_the_vocabulary_and_nowhere_else() {
        let v = vocabulary(&["ibd", "crohns"], &["transition"]);
        assert!(practice_tags(&practice_tagged(&["ibd"], &["transition"]), &v).is_ok());
        let err = practice_tags(&practice_tagged(&["tremblay-family"], &[]), &v).unwrap_err();
        assert_eq!(err.code(), "unknown-tag");
        assert!(err.to_string().contains("use one of: ibd, crohns"), "{err}");
        // A topic is no condition.
        assert!(practice_tags(&practice_tagged(&["transition"], &[]), &v).is_err());
        // A vocabulary names each tag once, in both languages.
        let mut twice = vocabulary(&["ibd"], &["ibd"]);
        assert!(super::vocabulary(&twice).is_err());
        twice.topics.clear();
        twice.conditions[0].fr = String::new();
        assert!(super::vocabulary(&twice).is_err());
    }

    proptest::proptest! {
        /// Whatever tags a practice carries, it passes exactly when each is in its list.
        #[test]
        fn a_practice_passes_only_with_tags_of_the_vocabulary(
            known in proptest::collection::btree_set("[a-z]{1,6}", 0..6),
            conditions in proptest::collection::vec("[a-z]{1,6}", 0..4),
            topics in proptest::collection::vec("[a-z]{1,6}", 0..4),
        ) {
            let known: Vec<&str> = known.iter().map(String::as_str).collect();
            let (half_c, half_t) = known.split_at(known.len() / 2);
            let v = vocabulary(half_c, half_t);
            let c: Vec<&str> = conditions.iter().map(String::as_str).collect();
            let t: Vec<&str> = topics.iter().map(String::as_str).collect();
            let expected = c.iter().all(|x| half_c.contains(x)) && t.iter().all(|x| half_t.contains(x));
            proptest::prop_assert_eq!(practice_tags(&practice_tagged(&c, &t), &v).is_ok(), expected);
        }
    }
}
