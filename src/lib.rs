//! shopdesk: one command line for e-commerce support work. See ARCHITECTURE.md for the map.

pub mod adapters;
pub mod analytics;
pub mod cli;
pub mod commands;
pub mod config;
pub mod context;
pub mod credentials;
pub mod domain;
pub mod error;
pub mod gql;
pub mod group_commit;
pub mod journal;
pub mod output;
pub mod safety;
pub mod sandbox;
pub mod secret;
pub mod tracking;
pub mod transport;
pub mod webhooks;

/// Print an error to stderr: `shopdesk: error: …` plus the hint, or JSON under `--json`.
pub fn report(e: &error::Error, json: bool) {
    if json {
        eprintln!("{}", e.to_json());
    } else {
        eprintln!("shopdesk: error: {}", e.message);
        if let Some(h) = &e.hint {
            eprintln!("  hint: {h}");
        }
    }
}
