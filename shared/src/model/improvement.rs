//! Improvement projects and their PDSA (Plan, Do, Study, Act) cycles.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{MeasureId, Month, Narrative, TextField};

/// Who is on a project team, by role. Counts only: names never leave the clinic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Team {
    #[serde(default)]
    pub clinicians: u32,
    #[serde(default)]
    pub other_staff: u32,
    #[serde(default)]
    pub patient_partners: u32,
    #[serde(default)]
    pub family_partners: u32,
}

/// An improvement project: an aim, the measures that tell whether it is met, and a team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Project<T> {
    pub id: Uuid,
    pub title: T,
    /// What will improve, by how much, for whom, by when.
    pub aim: T,
    #[serde(default)]
    pub measures: Vec<MeasureId>,
    pub start: Month,
    #[serde(default)]
    pub team: Team,
}

/// Where a cycle stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CycleStatus {
    Planning,
    Doing,
    Studying,
    Acting,
    Complete,
}

/// What the team decided once it had studied the results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActDecision {
    /// Keep the change as it is and make it the standard.
    Adopt,
    /// Keep the change with modifications, usually tested in a further cycle.
    Adapt,
    /// Stop the change: it did not help, or it cost too much.
    Abandon,
    /// Test again, often at a larger scale or under other conditions.
    Continue,
}

/// Plan: the objective, the prediction, and the who/what/when/where of the test.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan<T> {
    pub objective: T,
    pub prediction: T,
    pub who: T,
    pub what: T,
    pub when: T,
    #[serde(rename = "where")]
    pub where_: T,
    /// The data to collect to learn whether the prediction held.
    pub data: T,
}

/// Do: what happened when the change was tried.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Do<T> {
    pub happened: T,
    pub observations: T,
}

/// Study: the results against the prediction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Study<T> {
    pub results: T,
}

/// Act: the decision and the next step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Act<T> {
    #[serde(default)]
    pub decision: Option<ActDecision>,
    pub next_step: T,
}

/// One PDSA cycle of a project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PdsaCycle<T> {
    pub id: Uuid,
    pub project: Uuid,
    /// 1 for the project's first cycle, and so on.
    pub sequence: u32,
    /// The change being tested.
    pub change_idea: T,
    /// The network practice the change idea came from, if any: provenance for the spread of
    /// practices.
    #[serde(default)]
    pub from_practice: Option<Uuid>,
    /// The cycle of the same project this one builds on: cycles linked this way make a ramp.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follows: Option<Uuid>,
    pub plan: Plan<T>,
    #[serde(rename = "do")]
    pub do_: Do<T>,
    pub study: Study<T>,
    pub act: Act<T>,
    pub start: Month,
    #[serde(default)]
    pub end: Option<Month>,
    pub status: CycleStatus,
}

const TITLE: usize = 200;
const SHORT: usize = 1_000;
const LONG: usize = 4_000;

fn field<'a, T>(name: &'static str, value: &'a T, max: usize, required: bool) -> TextField<'a, T> {
    TextField::new(name, value, max, required)
}

impl<T> Narrative<T> for Project<T> {
    type Mapped<U> = Project<U>;

    fn text_fields(&self) -> Vec<TextField<'_, T>> {
        vec![
            field("title", &self.title, TITLE, true),
            field("aim", &self.aim, SHORT, true),
        ]
    }

    fn try_map_text<U, E>(
        self,
        mut f: impl FnMut(&'static str, T) -> Result<U, E>,
    ) -> Result<Project<U>, E> {
        Ok(Project {
            id: self.id,
            title: f("title", self.title)?,
            aim: f("aim", self.aim)?,
            measures: self.measures,
            start: self.start,
            team: self.team,
        })
    }
}

impl<T> Narrative<T> for PdsaCycle<T> {
    type Mapped<U> = PdsaCycle<U>;

    fn text_fields(&self) -> Vec<TextField<'_, T>> {
        vec![
            field("change_idea", &self.change_idea, SHORT, true),
            field("plan.objective", &self.plan.objective, SHORT, true),
            field("plan.prediction", &self.plan.prediction, SHORT, false),
            field("plan.who", &self.plan.who, SHORT, false),
            field("plan.what", &self.plan.what, SHORT, false),
            field("plan.when", &self.plan.when, SHORT, false),
            field("plan.where", &self.plan.where_, SHORT, false),
            field("plan.data", &self.plan.data, SHORT, false),
            field("do.happened", &self.do_.happened, LONG, false),
            field("do.observations", &self.do_.observations, LONG, false),
            field("study.results", &self.study.results, LONG, false),
            field("act.next_step", &self.act.next_step, SHORT, false),
        ]
    }

    fn try_map_text<U, E>(
        self,
        mut f: impl FnMut(&'static str, T) -> Result<U, E>,
    ) -> Result<PdsaCycle<U>, E> {
        Ok(PdsaCycle {
            id: self.id,
            project: self.project,
            sequence: self.sequence,
            change_idea: f("change_idea", self.change_idea)?,
            from_practice: self.from_practice,
            follows: self.follows,
            plan: Plan {
                objective: f("plan.objective", self.plan.objective)?,
                prediction: f("plan.prediction", self.plan.prediction)?,
                who: f("plan.who", self.plan.who)?,
                what: f("plan.what", self.plan.what)?,
                when: f("plan.when", self.plan.when)?,
                where_: f("plan.where", self.plan.where_)?,
                data: f("plan.data", self.plan.data)?,
            },
            do_: Do {
                happened: f("do.happened", self.do_.happened)?,
                observations: f("do.observations", self.do_.observations)?,
            },
            study: Study {
                results: f("study.results", self.study.results)?,
            },
            act: Act {
                decision: self.act.decision,
                next_step: f("act.next_step", self.act.next_step)?,
            },
            start: self.start,
            end: self.end,
            status: self.status,
        })
    }
}
