//! Practices: change ideas worth sharing with the network, and perhaps with the public.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Narrative, Tag, TextField};

/// The language a text is written in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    En,
    Fr,
}

impl Language {
    /// The BCP 47 code, for `lang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
        }
    }

    /// The language of a BCP 47 code, `en` or `fr`.
    pub fn parse(code: &str) -> Option<Language> {
        [Language::En, Language::Fr]
            .into_iter()
            .find(|l| l.code() == code)
    }

    /// The network's other language.
    pub fn other(self) -> Language {
        match self {
            Language::En => Language::Fr,
            Language::Fr => Language::En,
        }
    }
}

/// One tag of the network's vocabulary, with what families read for it in each language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagLabel {
    pub id: Tag,
    pub en: String,
    pub fr: String,
}

/// The tags a practice may carry, published by the network with its definitions. A tag is a
/// word of this list, never free text: free text in a tag would leave the clinic without the
/// scrubber ("tremblay-family").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagVocabulary {
    #[serde(default)]
    pub conditions: Vec<TagLabel>,
    #[serde(default)]
    pub topics: Vec<TagLabel>,
}

impl TagVocabulary {
    /// The label of a condition or topic tag, if the vocabulary has it.
    pub fn label(&self, tag: &Tag) -> Option<&TagLabel> {
        self.conditions
            .iter()
            .chain(&self.topics)
            .find(|l| &l.id == tag)
    }
}

/// A change idea that worked, written up to share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Practice<T> {
    /// Network-wide id of the practice; cycles elsewhere point at it when they adopt it.
    pub id: Uuid,
    pub title: T,
    /// For patients and families, in plain language.
    pub summary: T,
    /// For clinicians: how to do it, what it takes, what to watch for.
    pub detail: T,
    #[serde(default)]
    pub language: Language,
    #[serde(default)]
    pub conditions: Vec<Tag>,
    #[serde(default)]
    pub topics: Vec<Tag>,
    /// Patient partners co-designed the practice.
    #[serde(default)]
    pub co_designed: bool,
    /// The cycles that tested it.
    #[serde(default)]
    pub cycles: Vec<Uuid>,
    /// The clinic agrees that the practice may appear in the public catalogue.
    #[serde(default)]
    pub public: bool,
    /// The clinic wants its name shown with the practice.
    #[serde(default)]
    pub show_clinic_name: bool,
    /// Who made it, by role; left out when empty, so that hubs from before it still read it.
    #[serde(default, skip_serializing_if = "Credits::is_empty")]
    pub credits: Credits,
}

/// Who co-designed a practice, by role, and in which stages. Counts of people, never names;
/// the catalogue shows them only if those credited agreed, as the clinic records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Credits {
    /// How many people of each role, each role once.
    #[serde(default)]
    pub roles: Vec<RoleCount>,
    /// The stages they took part in.
    #[serde(default)]
    pub stages: Vec<Stage>,
    /// Everyone counted agreed to be credited by role in the public catalogue.
    #[serde(default)]
    pub consent: bool,
}

impl Credits {
    pub fn is_empty(&self) -> bool {
        self.roles.is_empty() && self.stages.is_empty() && !self.consent
    }

    /// The credits as they may leave the clinic: all of them with consent, none without.
    pub fn consented(&self) -> Credits {
        if self.consent {
            self.clone()
        } else {
            Credits::default()
        }
    }
}

/// How many people of one role made a practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleCount {
    pub role: CreditRole,
    pub count: u32,
}

/// Who took part in making a practice.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CreditRole {
    Parent,
    Carer,
    Child,
    Teenager,
    YoungAdult,
    Patient,
    Clinician,
    Staff,
}

impl CreditRole {
    pub const ALL: [CreditRole; 8] = [
        CreditRole::Parent,
        CreditRole::Carer,
        CreditRole::Child,
        CreditRole::Teenager,
        CreditRole::YoungAdult,
        CreditRole::Patient,
        CreditRole::Clinician,
        CreditRole::Staff,
    ];

    /// The role's key in forms and messages (`young-adult`).
    pub fn key(self) -> &'static str {
        match self {
            CreditRole::Parent => "parent",
            CreditRole::Carer => "carer",
            CreditRole::Child => "child",
            CreditRole::Teenager => "teenager",
            CreditRole::YoungAdult => "young-adult",
            CreditRole::Patient => "patient",
            CreditRole::Clinician => "clinician",
            CreditRole::Staff => "staff",
        }
    }
}

/// A stage of making a practice that people took part in.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Design,
    Testing,
    Review,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::Design, Stage::Testing, Stage::Review];

    pub fn key(self) -> &'static str {
        match self {
            Stage::Design => "design",
            Stage::Testing => "testing",
            Stage::Review => "review",
        }
    }
}

impl<T> Narrative<T> for Practice<T> {
    type Mapped<U> = Practice<U>;

    fn text_fields(&self) -> Vec<TextField<'_, T>> {
        vec![
            TextField::new("title", &self.title, 200, true),
            TextField::new("summary", &self.summary, 2_000, true),
            TextField::new("detail", &self.detail, 20_000, false),
        ]
    }

    fn try_map_text<U, E>(
        self,
        mut f: impl FnMut(&'static str, T) -> Result<U, E>,
    ) -> Result<Practice<U>, E> {
        Ok(Practice {
            id: self.id,
            title: f("title", self.title)?,
            summary: f("summary", self.summary)?,
            detail: f("detail", self.detail)?,
            language: self.language,
            conditions: self.conditions,
            topics: self.topics,
            co_designed: self.co_designed,
            cycles: self.cycles,
            public: self.public,
            show_clinic_name: self.show_clinic_name,
            credits: self.credits,
        })
    }
}
