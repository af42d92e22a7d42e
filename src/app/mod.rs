//! TODO: the application layer.

pub mod sources;
