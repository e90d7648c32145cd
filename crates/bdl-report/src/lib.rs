//! Renderers for diagnostics, one format per module.
