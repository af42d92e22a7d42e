//! TODO: resolve stage.
