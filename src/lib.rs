//! shopdesk: one command line for e-commerce support work. See ARCHITECTURE.md for the map.

pub mod credentials;
pub mod error;
pub mod secret;
