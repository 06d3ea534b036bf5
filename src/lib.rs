//! shopdesk: one command line for e-commerce support work. See ARCHITECTURE.md for the map.

pub mod error;
pub mod secret;
