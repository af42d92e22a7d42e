//! NCBI E-utilities: the HTTP client (efetch, esearch, ID converter) and the efetch XML parser.
//!
//! [`client`] talks to NCBI and never touches the disk; [`parse`], [`esearch`] and [`idconv`]
//! are pure readers of the three response formats.

pub mod client;
pub mod error;
pub mod esearch;
pub mod idconv;
mod pace;
pub mod parse;

pub use client::{Client, ClientBuilder, DoiLookup, FailedBatch, Fetched, FetchedRecord, Logger};
pub use error::{Endpoint, Error, TransportKind};
