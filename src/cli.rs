//! TODO: command-line definition.
