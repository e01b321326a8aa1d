//! The words of the simulated network: clinic names and the practices that spread. All made
//! up; none describes a real clinic, person or patient.

/// First parts of clinic names.
pub const PLACES: [&str; 11] = [
    "Alder", "Birch", "Cedar", "Elm", "Fern", "Hazel", "Juniper", "Linden", "Maple", "Rowan",
    "Willow",
];

/// Second parts of clinic names.
pub const SETTINGS: [&str; 6] = ["Valley", "Harbour", "Ridge", "Springs", "Park", "Crossing"];

/// A practice worth sharing, as its originating clinic writes it up.
#[derive(Debug)]
pub struct PracticeText {
    pub title: &'static str,
    pub summary: &'static str,
    pub detail: &'static str,
    pub topics: &'static [&'static str],
    pub french: bool,
    /// How much it helps the process measure (visits with a complete score), as well.
    pub helps_process: bool,
}

pub const PRACTICES: [PracticeText; 12] = [
    PracticeText {
        title: "Pre-visit planning huddle",
        summary: "The day before clinic, the team meets for ten minutes to get ready for each visit, so your time with them is spent on what matters to you.",
        detail: "Ten-minute huddle the afternoon before clinic. A checklist covers due labs, disease-activity scores, growth and vaccinations. A parent partner joins once a week to bring the family view.",
        topics: &["visits", "planning"],
        french: false,
        helps_process: true,
    },
    PracticeText {
        title: "Shared decision-making guide for therapy choices",
        summary: "A short guide helps you and your care team compare treatment options side by side and choose together.",
        detail: "One-page option grid for induction and maintenance therapy, written with families. Used at diagnosis and at each escalation; the choice and the reasons are noted in the chart.",
        topics: &["shared-decisions", "therapy"],
        french: false,
        helps_process: false,
    },
    PracticeText {
        title: "Standard nutrition screening at every visit",
        summary: "At every visit, we check growth and eating with a few quick questions, and a dietitian follows up when needed.",
        detail: "Height, weight and a five-question screen at every visit; a positive screen triggers a dietitian contact within two weeks.",
        topics: &["nutrition", "growth"],
        french: false,
        helps_process: true,
    },
    PracticeText {
        title: "Proactive drug-level monitoring",
        summary: "We measure how much of certain medicines is in the blood, so the dose can be right for you before symptoms come back.",
        detail: "Trough levels for anti-TNF therapy at the end of induction and every six months, with a dosing algorithm agreed by the team.",
        topics: &["therapy", "monitoring"],
        french: false,
        helps_process: false,
    },
    PracticeText {
        title: "Registry-based population management",
        summary: "A simple list helps the team notice early when someone is due for a check or is not doing well, even between visits.",
        detail: "Weekly review of the registry's population list: patients overdue for a visit, without a recent score, or not in remission. Owner and follow-up date recorded for each.",
        topics: &["population-management"],
        french: false,
        helps_process: true,
    },
    PracticeText {
        title: "Symptom check before the visit",
        summary: "Before your visit, you answer a few questions about how you have been, so the visit can start from what you told us.",
        detail: "Patient-reported symptom questionnaire sent three days before the visit by text or paper; results reviewed in the huddle.",
        topics: &["patient-reported-outcomes", "visits"],
        french: false,
        helps_process: true,
    },
    PracticeText {
        title: "Transition readiness checklist for teens",
        summary: "From age 14, teens work through a checklist of skills for managing their own care, at their own pace.",
        detail: "Readiness checklist at every visit from 14; the teen sees the clinician alone for part of the visit; a handover letter goes to the adult team.",
        topics: &["transition"],
        french: false,
        helps_process: false,
    },
    PracticeText {
        title: "Same-day access for flares",
        summary: "If symptoms flare, you can be seen or called back the same day instead of waiting for the next appointment.",
        detail: "Two flare slots held each clinic day; a nurse triage protocol for calls; unused slots released at noon.",
        topics: &["access", "flares"],
        french: false,
        helps_process: false,
    },
    PracticeText {
        title: "Peer mentors for newly diagnosed families",
        summary: "Families who are new to IBD can talk with a trained parent or young person who has been through it.",
        detail: "Peer mentors are trained and supported by the social worker; first contact offered within a month of diagnosis.",
        topics: &["peer-support"],
        french: false,
        helps_process: false,
    },
    PracticeText {
        title: "School plan letter",
        summary: "A letter for your school explains what your child needs, such as bathroom access and time off for appointments.",
        detail: "Template letter co-written with parents and teachers; reviewed yearly; copy kept in the chart.",
        topics: &["school"],
        french: false,
        helps_process: false,
    },
    PracticeText {
        title: "Plan d'action en cas de poussée",
        summary: "Un plan écrit avec vous dit quoi faire et qui appeler si les symptômes reviennent.",
        detail: "Plan personnalisé en une page, revu à chaque visite ; numéro de l'équipe et seuils d'alerte ; une copie pour la famille et une pour l'école.",
        topics: &["flares", "self-management"],
        french: true,
        helps_process: false,
    },
    PracticeText {
        title: "Revue du statut vaccinal",
        summary: "À chaque visite, l'équipe vérifie les vaccins pour vous protéger pendant les traitements qui affaiblissent les défenses.",
        detail: "Liste de contrôle des vaccins avant tout immunosuppresseur, puis une fois par an ; rappels proposés le jour même.",
        topics: &["vaccination", "safety"],
        french: true,
        helps_process: true,
    },
];
