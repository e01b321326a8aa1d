//! `tandem-web`: the web foundation both Tandem binaries' pages stand on, written once.
//!
//! - people, sessions, personal API tokens, set-password links, login back-off and the audit
//!   log, behind one storage trait with a SQLite and a PostgreSQL implementation
//!   ([`accounts`]);
//! - who is asking, and who may use each route ([`auth`]); the refusal of requests from other
//!   sites and the security headers ([`guard`]);
//! - the layout every page shares and problem pages a person can act on ([`pages`]); the
//!   login, account, people and audit pages ([`people`]);
//! - English and French ([`i18n`]), the embedded style sheet ([`assets`]), and charts drawn
//!   on the server as SVG ([`chart`]), with a measure's series around them ([`series`]).
//!
//! It does I/O (a database, HTTP), so it is not part of `tandem-shared`; it is not part of
//! `tandem-service` either, whose command-line users need no templates.

pub mod accounts;
pub mod assets;
pub mod auth;
pub mod chart;
pub mod command;
pub mod csv;
pub mod error;
pub mod guard;
pub mod i18n;
pub mod pages;
pub mod people;
pub mod secret;
pub mod series;
pub mod site;

pub use auth::{Principal, Routes, Rule, Signed, Web, WebConfig};
pub use error::Error;
pub use i18n::{FluentValue, Lang};
pub use site::{NavItem, Site};
