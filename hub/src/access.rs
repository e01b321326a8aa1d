//! Who may do what on the hub: its roles, the rule every route names, and how each person sees
//! the clinics.

use std::collections::HashMap;

use tandem_shared::model::ClinicId;
use tandem_web::accounts::User;
use tandem_web::people::PeopleRules;
use tandem_web::{Lang, Rule};

use crate::config::ClinicNames;
use crate::store::Clinic;

/// Network admins: clinics, people, definitions and the audit log.
pub const ADMIN: &str = "admin";
/// Network leads: every dashboard, and the decisions drawn on the charts.
pub const LEAD: &str = "lead";
/// Clinic members: the network, and their own clinic by name.
pub const MEMBER: &str = "member";
/// Network editors: the family texts of the public catalogue, and their publication.
pub const EDITOR: &str = "editor";
/// The roles, as stored and in the order the pages offer them.
pub const ROLES: &[&str] = &[ADMIN, LEAD, MEMBER, EDITOR];

/// The rule a route names: who may use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No login: health checks, the login pages and static assets.
    Public,
    /// Anyone logged in: the network's dashboards and one's own account.
    Signed,
    /// Network leads and admins.
    Lead,
    /// Network editors and admins.
    Editor,
    /// Network admins.
    Admin,
}

impl Rule for Access {
    fn public(self) -> bool {
        self == Access::Public
    }

    fn allows(self, user: &User) -> bool {
        match self {
            Access::Public | Access::Signed => ROLES.contains(&user.role.as_str()),
            Access::Lead => user.role == ADMIN || user.role == LEAD,
            Access::Editor => user.role == ADMIN || user.role == EDITOR,
            Access::Admin => user.role == ADMIN,
        }
    }
}

impl PeopleRules for Access {
    const PUBLIC: Self = Access::Public;
    const SIGNED: Self = Access::Signed;
    const PEOPLE: Self = Access::Admin;
}

/// A role as people read it.
pub fn role_label(role: &str, lang: Lang) -> String {
    match role {
        ADMIN | LEAD | MEMBER | EDITOR => lang.t(&format!("hub-role-{role}")),
        other => other.to_owned(),
    }
}

/// How one person sees the clinics. Leads and admins see every clinic by name; a clinic
/// member sees their own clinic by name and, unless the network names every clinic, the others
/// under stable pseudonyms ("Clinic 17": the clinic's place in the order of enrolment, which
/// never changes as clinics are only ever added).
#[derive(Debug, Clone)]
pub struct ClinicView {
    own: Option<ClinicId>,
    named: bool,
    numbers: HashMap<ClinicId, usize>,
}

impl ClinicView {
    pub fn new(user: &User, names: ClinicNames, clinics: &[Clinic]) -> Self {
        let mut order: Vec<&Clinic> = clinics.iter().collect();
        order.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
        ClinicView {
            own: user.clinic.as_deref().and_then(|c| ClinicId::new(c).ok()),
            named: user.role != MEMBER || names == ClinicNames::Named,
            numbers: order
                .into_iter()
                .enumerate()
                .map(|(i, c)| (c.id.clone(), i + 1))
                .collect(),
        }
    }

    /// Whether this person sees the clinic's name and id.
    pub fn names(&self, clinic: &ClinicId) -> bool {
        self.named || self.own.as_ref() == Some(clinic)
    }

    /// The clinic's own clinic, for a clinic member.
    pub fn own(&self) -> Option<&ClinicId> {
        self.own.as_ref()
    }

    fn number(&self, clinic: &ClinicId) -> usize {
        self.numbers.get(clinic).copied().unwrap_or(0)
    }

    /// The id this person uses for the clinic: its own, or `clinic-17`.
    pub fn id(&self, clinic: &Clinic) -> String {
        if self.names(&clinic.id) {
            clinic.id.to_string()
        } else {
            format!("clinic-{}", self.number(&clinic.id))
        }
    }

    /// The name this person reads: the clinic's own, or "Clinic 17" in their language.
    pub fn name(&self, clinic: &Clinic, lang: Lang) -> String {
        if self.names(&clinic.id) {
            clinic.name.clone()
        } else {
            lang.t_with(
                "hub-clinic-pseudonym",
                &[("number", self.number(&clinic.id).into())],
            )
        }
    }

    /// The clinic an id given by this person means: a pseudonym they were shown, or an id they
    /// may see. A real id they may not see is no clinic to them.
    pub fn find<'a>(&self, given: &str, clinics: &'a [Clinic]) -> Option<&'a Clinic> {
        clinics.iter().find(|c| self.id(c) == given)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, Utc};

    fn user(role: &str, clinic: Option<&str>) -> User {
        User {
            id: 1,
            login: "a@example.org".into(),
            display_name: "A".into(),
            role: role.into(),
            clinic: clinic.map(str::to_owned),
            has_password: true,
            disabled: false,
            created_at: Utc::now(),
        }
    }

    fn clinics() -> Vec<Clinic> {
        let start = Utc::now();
        ["birch", "alder", "cedar"]
            .iter()
            .enumerate()
            .map(|(i, id)| Clinic {
                id: ClinicId::new(*id).unwrap(),
                name: format!("{id} clinic"),
                created_at: start + Duration::minutes(i as i64),
                revoked_at: None,
                last_sequence: 0,
                last_release_at: None,
            })
            .collect()
    }

    #[test]
    fn members_see_their_clinic_by_name_and_the_others_by_enrolment_number() {
        let clinics = clinics();
        let view = ClinicView::new(
            &user(MEMBER, Some("alder")),
            ClinicNames::Pseudonyms,
            &clinics,
        );
        assert_eq!(view.id(&clinics[1]), "alder");
        assert_eq!(view.name(&clinics[1], Lang::En), "alder clinic");
        // Birch enrolled first, cedar third: the numbers follow enrolment, not the alphabet.
        assert_eq!(view.id(&clinics[0]), "clinic-1");
        assert_eq!(view.name(&clinics[2], Lang::En), "Clinic 3");
        assert_eq!(view.name(&clinics[2], Lang::Fr), "Clinique 3");
        // A real id of another clinic finds nothing; its pseudonym does.
        assert!(view.find("birch", &clinics).is_none());
        assert_eq!(
            view.find("clinic-1", &clinics).unwrap().id.as_str(),
            "birch"
        );
        assert_eq!(view.find("alder", &clinics).unwrap().id.as_str(), "alder");
    }

    #[test]
    fn leads_and_named_networks_see_every_name() {
        let clinics = clinics();
        let lead = ClinicView::new(&user(LEAD, None), ClinicNames::Pseudonyms, &clinics);
        assert_eq!(lead.name(&clinics[0], Lang::En), "birch clinic");
        let named = ClinicView::new(&user(MEMBER, Some("alder")), ClinicNames::Named, &clinics);
        assert_eq!(named.id(&clinics[2]), "cedar");
    }

    #[test]
    fn each_rule_admits_the_roles_it_names() {
        let admin = user(ADMIN, None);
        let lead = user(LEAD, None);
        let member = user(MEMBER, Some("alder"));
        let editor = user(EDITOR, None);
        let stranger = user("auditor", None);
        assert!(Access::Admin.allows(&admin) && !Access::Admin.allows(&lead));
        assert!(Access::Lead.allows(&lead) && !Access::Lead.allows(&member));
        assert!(
            !Access::Lead.allows(&editor),
            "an editor draws no centre lines"
        );
        assert!(Access::Editor.allows(&editor) && Access::Editor.allows(&admin));
        assert!(!Access::Editor.allows(&lead) && !Access::Editor.allows(&member));
        assert!(Access::Signed.allows(&member) && !Access::Signed.allows(&stranger));
        assert!(Access::Public.public() && !Access::Signed.public());
    }
}
