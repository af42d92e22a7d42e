//! TODO: claims_file stage.
