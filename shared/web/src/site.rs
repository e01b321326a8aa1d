//! What a binary tells the foundation about itself: its people, its name, its roles, and the
//! navigation each person sees. The hub's and a node's states implement [`Site`].

use async_trait::async_trait;

use crate::accounts::User;
use crate::{Lang, Web};

/// One link of the navigation bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavItem {
    pub label: String,
    pub href: String,
}

impl NavItem {
    /// Links from their message keys and addresses, in order.
    pub fn list(lang: Lang, items: &[(&str, &str)]) -> Vec<NavItem> {
        items
            .iter()
            .map(|(key, href)| NavItem {
                label: lang.t(key),
                href: (*href).to_owned(),
            })
            .collect()
    }
}

/// The binary the pages belong to.
#[async_trait]
pub trait Site: Clone + Send + Sync + 'static {
    fn web(&self) -> &Web;
    /// The product's name, as the header and titles show it ("Tandem hub").
    fn product(&self, lang: Lang) -> String;
    /// The links of the navigation bar for this person.
    fn nav(&self, user: &User, lang: Lang) -> Vec<NavItem>;
    /// The roles a person can be given, in order, as stored.
    fn roles(&self) -> &'static [&'static str];
    /// A role as people read it.
    fn role_label(&self, role: &str, lang: Lang) -> String;
    /// Whether a role belongs to one clinic (a hub's clinic members).
    fn role_needs_clinic(&self, _role: &str) -> bool {
        false
    }
    /// The clinics a person can belong to, as (id, name).
    async fn clinic_choices(&self) -> Vec<(String, String)> {
        Vec::new()
    }
    /// Whether this person manages people (adds them, changes roles, reads the audit log).
    fn manages_people(&self, user: &User) -> bool;
    /// What people log in with, as the login form labels it ("E-mail address", "Name").
    fn login_label(&self, lang: Lang) -> String;
    /// Why a new login cannot be used here, if it cannot (the hub wants e-mail addresses).
    fn refuse_login(&self, _login: &str) -> Option<String> {
        None
    }
}
