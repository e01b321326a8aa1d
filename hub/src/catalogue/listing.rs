//! The catalogue as families see it: each practice a clinic marks public and an editor
//! published, with what the network's data says of it. Computed once per generation.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Utc};
use tandem_shared::model::{
    ClinicId, Credits, Depth, Language, Measure, Phase, Place, Subject, Tag, TagVocabulary,
};
use tandem_shared::protocol::Definitions;
use uuid::Uuid;

use super::FamilyText;
use super::evidence::{self, Change, Evidence, Rung};
use crate::Error;
use crate::activity::completed_in;
use crate::records::Work;
use crate::spread;
use crate::store::Store;

/// One practice of the catalogue.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: Uuid,
    /// What its address ends with: the start of its id, which never changes.
    pub key: String,
    /// The clinic that shared it, only if the clinic asked for its name to be shown.
    pub clinic: Option<String>,
    /// The language the clinic wrote it in.
    pub original: Language,
    pub conditions: Vec<Tag>,
    pub topics: Vec<Tag>,
    pub co_designed: bool,
    /// Who made it, by role: only with the consent of those counted, as the clinic recorded.
    pub credits: Option<Credits>,
    /// Where and in which phases patient partners took part in its tests.
    pub places: Vec<Place>,
    pub phases: Vec<Phase>,
    pub evidence: Evidence,
    /// What changed, at the public tier only, with its measure.
    pub change: Option<(Change, Measure)>,
    /// The published texts, English first.
    pub texts: Vec<PublishedText>,
}

#[derive(Debug, Clone)]
pub struct PublishedText {
    pub lang: Language,
    pub text: FamilyText,
    pub at: DateTime<Utc>,
}

impl Entry {
    /// The text in `lang` if there is one, else the other; and whether it is the one asked for.
    pub fn text(&self, lang: Language) -> (&PublishedText, bool) {
        match self.texts.iter().find(|t| t.lang == lang) {
            Some(t) => (t, true),
            None => (&self.texts[0], false),
        }
    }

    /// Its title as a page in `lang` shows it, with the language it is written in.
    pub fn title_in(&self, lang: Language) -> (String, &'static str) {
        let (t, _) = self.text(lang);
        (t.text.title.clone(), t.lang.code())
    }

    /// Its address: words of its title in its own language (or the first published), then
    /// its key. Only the key is read back, so a new title does not break a link.
    pub fn slug(&self) -> String {
        Entry::slug_for(&self.text(self.original).0.text.title, self.id)
    }

    /// The address of a practice with this title.
    pub fn slug_for(title: &str, id: Uuid) -> String {
        let mut words = String::new();
        for c in tandem_shared::privacy::scrub::fold(title).chars() {
            if c.is_ascii_alphanumeric() {
                words.push(c);
            } else if !words.ends_with('-') && !words.is_empty() {
                words.push('-');
            }
            if words.len() >= 48 {
                break;
            }
        }
        let words = words.trim_end_matches('-');
        let key = key_of(id);
        if words.is_empty() {
            key
        } else {
            format!("{words}-{key}")
        }
    }

    /// The last time a text of it was published.
    pub fn updated(&self) -> DateTime<Utc> {
        self.texts.iter().map(|t| t.at).max().unwrap_or_default()
    }
}

/// Hex digits of the id in an address: enough that 10,000 practices do not share one.
const KEY_CHARS: usize = 12;

fn key_of(id: Uuid) -> String {
    id.simple().to_string()[..KEY_CHARS].to_owned()
}

/// The whole catalogue, in its default order: the strongest evidence first, then the most
/// recently published.
#[derive(Debug, Default)]
pub struct Listing {
    pub entries: Vec<Entry>,
    pub vocabulary: TagVocabulary,
    by_key: HashMap<String, usize>,
    by_id: HashMap<Uuid, usize>,
}

impl Listing {
    pub fn by_slug(&self, slug: &str) -> Option<&Entry> {
        let key = slug.rsplit('-').next()?;
        self.by_key.get(key).map(|&i| &self.entries[i])
    }

    pub fn by_id(&self, id: &Uuid) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// The conditions and topics some practice carries, with their labels.
    pub fn tags_in_use(&self) -> (Vec<&Tag>, Vec<&Tag>) {
        let mut conditions = BTreeSet::new();
        let mut topics = BTreeSet::new();
        for e in &self.entries {
            conditions.extend(&e.conditions);
            topics.extend(&e.topics);
        }
        (
            conditions.into_iter().collect(),
            topics.into_iter().collect(),
        )
    }
}

/// Build the catalogue from the store.
pub async fn build(store: &dyn Store, defs: &Definitions) -> Result<Listing, Error> {
    let work = Work::read(store, None).await?;
    let clinics: HashMap<ClinicId, String> = store
        .clinics()
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let mut texts: HashMap<Uuid, Vec<PublishedText>> = HashMap::new();
    for t in store.published_family_texts().await? {
        texts.entry(t.practice).or_default().push(PublishedText {
            lang: t.lang,
            text: t.text,
            at: t.edited_at,
        });
    }
    let all = spread::spread(&work);
    let judged = spread::judge(store, defs, &work, &all).await?;
    let completed: HashSet<(&ClinicId, Uuid)> = work
        .cycles
        .iter()
        .filter(|(_, c)| completed_in(c).is_some())
        .map(|(clinic, c)| (clinic, c.id))
        .collect();
    let project_of: HashMap<(&ClinicId, Uuid), Uuid> = work
        .cycles
        .iter()
        .map(|(clinic, c)| ((clinic, c.id), c.project))
        .collect();
    let mut entries = Vec::new();
    for (s, judged) in all.iter().zip(&judged) {
        let p = s.practice;
        if !p.public {
            continue;
        }
        let Some(mut published) = texts.remove(&p.id) else {
            continue;
        };
        published.sort_by_key(|t| t.lang != Language::En);
        let own_tested = p.cycles.iter().any(|c| completed.contains(&(s.clinic, *c)));
        let evidence = evidence::evidence(
            own_tested.then_some(s.clinic),
            s.tests
                .iter()
                .zip(judged)
                .map(|(t, j)| (t.clinic, t.decision().is_some(), j)),
        );
        let change =
            evidence::what_changed(s.tests.iter().map(|t| t.clinic).zip(judged), &defs.policy)
                .and_then(|c| Some((c.clone(), defs.measure(&c.measure)?.clone())));
        // Partners' part: the profiles of the clinic's own cycles that tested it, and of
        // their projects.
        let subjects: HashSet<Uuid> = p
            .cycles
            .iter()
            .flat_map(|c| [Some(*c), project_of.get(&(s.clinic, *c)).copied()])
            .flatten()
            .collect();
        let mut places = BTreeSet::new();
        let mut phases = BTreeSet::new();
        for (clinic, profile) in &work.profiles {
            let subject = match profile.subject {
                Subject::Cycle(id) | Subject::Project(id) => id,
            };
            if clinic == s.clinic && subjects.contains(&subject) {
                places.insert(profile.place);
                phases.extend(
                    Phase::ALL
                        .into_iter()
                        .filter(|ph| profile.phases.get(*ph) > Depth::None),
                );
            }
        }
        entries.push(Entry {
            id: p.id,
            key: key_of(p.id),
            clinic: p
                .show_clinic_name
                .then(|| clinics.get(s.clinic).cloned())
                .flatten(),
            original: p.language,
            conditions: p.conditions.clone(),
            topics: p.topics.clone(),
            co_designed: p.co_designed,
            // The node sends credits only with consent; the hub checks again.
            credits: (p.credits.consent && !p.credits.roles.is_empty()).then(|| p.credits.clone()),
            places: places.into_iter().collect(),
            phases: phases.into_iter().collect(),
            evidence,
            change,
            texts: published,
        });
    }
    entries.sort_by(|a, b| {
        (b.evidence.rung, b.updated(), a.id).cmp(&(a.evidence.rung, a.updated(), b.id))
    });
    let by_key = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.key.clone(), i))
        .collect();
    let by_id = entries.iter().enumerate().map(|(i, e)| (e.id, i)).collect();
    Ok(Listing {
        entries,
        vocabulary: defs.vocabulary.clone(),
        by_key,
        by_id,
    })
}

/// What a family may narrow the catalogue to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub condition: Option<Tag>,
    pub topic: Option<Tag>,
    pub place: Option<Place>,
    /// At least this rung.
    pub evidence: Option<Rung>,
    pub co_designed: bool,
}

impl Filters {
    pub fn admits(&self, e: &Entry) -> bool {
        self.condition
            .as_ref()
            .is_none_or(|c| e.conditions.contains(c))
            && self.topic.as_ref().is_none_or(|t| e.topics.contains(t))
            && self.place.is_none_or(|p| e.places.contains(&p))
            && self.evidence.is_none_or(|r| e.evidence.rung >= r)
            && (!self.co_designed || e.co_designed)
    }

    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
}
