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
//! let sentence = "Most clients lost 12–15% of their body weight on tirzepatide at 72 weeks.";
//! let found = figures(sentence);
//! assert_eq!(found.len(), 2);
//! assert_eq!(&sentence[found[0].range.clone()], "12–15%");
//! assert_eq!(found[0].kind, ClaimKind::WeightLoss);
//! assert_eq!(found[0].measure.intervention.as_deref(), Some("tirzepatide"));
//! assert_eq!(found[0].measure.outcome.as_deref(), Some("weight loss"));
//! assert_eq!((found[1].value.low, found[1].value.unit, found[1].kind), (Some(72.0), Unit::Weeks, ClaimKind::FollowUp));
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
