//! claimcheck checks the numbers in health articles against the research they cite.
//!
//! The pipeline, one module per stage, each a plain function over [`model`] types:
//!
//! ```text
//! ingest ─► extract ─► claims_file ─► resolve ─► pubmed (+ cache) ─► evidence ─► report
//! ```
//!
//! Stages never import each other; only [`app`] knows them all. The library never prints: only
//! `main.rs` writes to stdout and stderr.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod app;
pub mod cache;
pub mod claims_file;
pub mod cli;
pub mod compare;
pub mod config;
pub mod evidence;
pub mod extract;
pub mod ingest;
pub mod model;
pub mod pubmed;
pub mod quantity;
pub mod report;
pub mod resolve;
