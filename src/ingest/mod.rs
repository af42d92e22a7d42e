//! TODO: ingest stage.
