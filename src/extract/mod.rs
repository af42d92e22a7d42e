//! TODO: extract stage.
