//! TODO: the application layer.
