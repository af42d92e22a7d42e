//! TODO: cache stage.
