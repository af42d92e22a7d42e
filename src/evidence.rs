//! TODO: evidence stage.
