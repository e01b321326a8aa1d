//! `tandem-hub`: the network hub of a Tandem learning health network.
//!
//! It enrols clinic nodes and signs their certificates ([`federation`]), takes their releases
//! in over mutual TLS ([`ingest`]), keeps them in a [`store`] (SQLite embedded, PostgreSQL for
//! larger networks), and shows the network to its leads ([`web`], [`api`]).

pub mod access;
pub mod activity;
pub mod admin;
pub mod api;
pub mod app;
pub mod cache;
pub mod catalogue;
pub mod cli;
pub mod completeness;
pub mod config;
pub mod definitions;
pub mod doctor;
pub mod error;
pub mod federation;
pub mod fhir;
pub mod ingest;
pub mod metrics;
pub mod migrate;
pub mod openapi;
pub mod partnership;
pub mod phases;
pub mod records;
pub mod rollup;
pub mod spread;
pub mod state;
pub mod store;
pub mod web;

pub use config::Config;
pub use error::Error;
