//! TODO: report renderers.
