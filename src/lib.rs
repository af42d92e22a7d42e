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
//!
//! The figure scanner at the heart of it reads a sentence the way an editor would:
//!
//! ```
//! use claimcheck::model::{ClaimKind, Unit};
//! use claimcheck::quantity::figures;
//!
//! let sentence = "Traditional antidepressants may take 4–6 weeks; ketamine often works within 24–48 hours.";
//! let found = figures(sentence);
//! assert_eq!(found.len(), 2);
//! assert_eq!(&sentence[found[1].range.clone()], "within 24–48 hours");
//! assert_eq!(found[1].kind, ClaimKind::OnsetTime);
//! assert_eq!(found[1].measure.intervention.as_deref(), Some("ketamine"));
//! assert_eq!((found[1].value.low, found[1].value.high, found[1].value.unit), (Some(24.0), Some(48.0), Unit::Hours));
//! ```
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod app;
pub mod baseline;
pub mod cache;
pub mod claims_file;
pub mod cli;
pub mod compare;
pub mod config;
pub mod evidence;
pub mod extract;
pub mod ingest;
pub mod model;
pub mod output;
pub mod pubmed;
pub mod quantity;
pub mod report;
pub mod resolve;
pub mod walk;
