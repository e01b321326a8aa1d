//! `tandem-node`: a clinic's node in a Tandem learning health network.
//!
//! The clinic records its improvement work here ([`record`], [`store`]); nothing leaves until
//! it has passed the release gate and a person approved the exact bytes ([`release`]); approved
//! releases go to the hub over mutual TLS, and definitions and the practice catalogue come back
//! ([`sync`], [`identity`]). The team's pages are in [`pages`] and the local JSON API in [`api`]; who may use
//! each is in [`access`]. Measures computed from the clinic's patient-level extract, which
//! never leaves, are in [`extract`].

pub mod access;
pub mod api;
pub mod app;
pub mod cli;
pub mod config;
pub mod deid;
pub mod doctor;
pub mod error;
pub mod extract;
pub mod identity;
pub mod kind;
pub mod listen;
pub mod openapi;
pub mod pages;
pub mod record;
pub mod release;
pub mod review;
pub mod schedule;
pub mod state;
pub mod store;
pub mod sync;

pub use error::Error;
