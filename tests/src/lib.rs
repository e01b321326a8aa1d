//! End-to-end tests, the demo network and benchmarks for Tandem. This crate may use the hub and
//! node libraries together; the products never do.

pub mod database;
pub mod deid;
pub mod demo;
pub mod extract;
pub mod intercept;
pub mod kit;
