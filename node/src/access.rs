//! Who may do what on a clinic's node: its roles and the rule every route names.

use tandem_web::accounts::User;
use tandem_web::people::PeopleRules;
use tandem_web::{Lang, Rule};

/// The clinic lead: approves releases, manages people and the roster.
pub const LEAD: &str = "lead";
/// A clinic member: records projects, cycles, measures and practices; prepares releases.
pub const MEMBER: &str = "member";
/// A patient partner: reads and comments on the team's work, fills in partnership questions,
/// reads the outbound log. Approves nothing alone.
pub const PARTNER: &str = "partner";
/// The roles, as stored and in the order the pages offer them.
pub const ROLES: &[&str] = &[LEAD, MEMBER, PARTNER];

/// The rule a route names: who may use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No login: the health check, the login pages and static assets.
    Public,
    /// The whole team, patient partners included: reading the team's work and the outbound
    /// log, the partnership questions, one's own account.
    Team,
    /// Clinic members and the lead: recording the work and preparing releases.
    Record,
    /// The clinic lead: approving and withdrawing releases, people, the roster, the audit log.
    Lead,
    /// Patient partners only: their own answers to the partnership questions.
    Partner,
}

impl Rule for Access {
    fn public(self) -> bool {
        self == Access::Public
    }

    fn allows(self, user: &User) -> bool {
        let role = user.role.as_str();
        match self {
            Access::Public | Access::Team => ROLES.contains(&role),
            Access::Record => role == LEAD || role == MEMBER,
            Access::Lead => role == LEAD,
            Access::Partner => role == PARTNER,
        }
    }
}

impl PeopleRules for Access {
    const PUBLIC: Self = Access::Public;
    const SIGNED: Self = Access::Team;
    const PEOPLE: Self = Access::Lead;
}

/// A role as people read it.
pub fn role_label(role: &str, lang: Lang) -> String {
    match role {
        LEAD | MEMBER | PARTNER => lang.t(&format!("node-role-{role}")),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: &str) -> User {
        User {
            id: 1,
            login: "sam".into(),
            display_name: "Sam".into(),
            role: role.into(),
            clinic: None,
            has_password: true,
            disabled: false,
            created_at: chrono::Utc::now(),
        }
    }

    #[test]
    fn partners_read_members_record_and_only_the_lead_approves() {
        let (lead, member, partner) = (user(LEAD), user(MEMBER), user(PARTNER));
        assert!(Access::Team.allows(&partner));
        assert!(!Access::Record.allows(&partner) && Access::Record.allows(&member));
        assert!(!Access::Lead.allows(&member) && Access::Lead.allows(&lead));
        assert!(!Access::Team.allows(&user("admin")));
    }
}
