//! The vocabulary a Tandem clinic node and the network hub share.
//!
//! This crate does no I/O: it holds the domain model ([`model`]), the versioned wire types
//! ([`protocol`]), the rules that decide what may leave a clinic ([`privacy`]) and the one place
//! where input is checked ([`validate`]). Both sides link it, so a rule written here is enforced
//! identically on the node before release and on the hub at ingest. It also holds the
//! statistical process control engine ([`spc`]): run charts, Shewhart charts and funnel plots.

pub mod compute;
pub mod error;
pub mod model;
pub mod privacy;
pub mod protocol;
pub mod readability;
pub mod spc;
pub mod validate;

pub use error::Error;
